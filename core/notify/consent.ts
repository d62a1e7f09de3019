/**
 * Subscribe-message consent. WeChat lets a mini-program message a person only with their consent per
 * template: a one-time template allows one send per 'accept', a long-term template allows sends until
 * the person turns it off. The server keeps its own count so it does not spend calls that must fail,
 * and WeChat's 43101 corrects the count whenever it is wrong.
 */
import type {
  ConsentAnswer,
  ConsentRecord,
  ConsentReport,
  ConsentRequest,
  EnvTemplates,
  NotificationKind,
  SubscriptionType,
  TemplateConsent,
} from '../../typings/notify';
import { DomainError } from '../errors';
import { toBeijingIso } from '../time';

/** wx.requestSubscribeMessage takes at most 3 ids on older clients (newer ones take 5). */
export const MAX_TEMPLATES_PER_REQUEST = 3;

export const consentErrors = {
  noConsent: () => new DomainError('NO_CONSENT', '对方未订阅该类消息提醒'),
} as const;

export function emptyConsent(personId: string, now: number): ConsentRecord {
  return { _id: personId, personId, templates: {}, updatedAt: toBeijingIso(now), rev: 0 };
}

const ANSWERS: readonly ConsentAnswer[] = ['accept', 'reject', 'ban', 'filter'];

function answerTemplate(
  prior: TemplateConsent | undefined,
  type: SubscriptionType,
  answer: ConsentAnswer,
  at: string,
): TemplateConsent {
  if (type === 'oneTime') {
    const remaining = prior?.subscription === 'oneTime' ? prior.remaining : 0;
    // Each accept is one more send; a reject leaves earlier accepts usable; a ban ends them all.
    const next = answer === 'accept' ? remaining + 1 : answer === 'ban' ? 0 : remaining;
    return { subscription: 'oneTime', remaining: next, lastAnswer: answer, answeredAt: at };
  }
  const accepted = prior?.subscription === 'longTerm' ? prior.accepted : false;
  // 'filter' (a same-titled template was dropped from the dialog) says nothing about this one.
  const next = answer === 'accept' ? true : answer === 'filter' ? accepted : false;
  return { subscription: 'longTerm', accepted: next, lastAnswer: answer, answeredAt: at };
}

/**
 * Applies what the mini-program reported from wx.requestSubscribeMessage. Only templates of this
 * environment count (`catalog`: template id → type); anything else in the report (errMsg, forged ids) is ignored.
 */
export function applyConsentReport(
  consent: ConsentRecord,
  report: ConsentReport,
  catalog: ReadonlyMap<string, SubscriptionType>,
  now: number,
): ConsentRecord {
  const at = toBeijingIso(now);
  const templates = { ...consent.templates };
  for (const [templateId, answer] of Object.entries(report)) {
    const type = catalog.get(templateId);
    if (!type || !ANSWERS.includes(answer)) continue;
    templates[templateId] = answerTemplate(templates[templateId], type, answer, at);
  }
  return { ...consent, templates, updatedAt: at, rev: consent.rev + 1 };
}

export function hasConsent(consent: ConsentRecord | null, templateId: string): boolean {
  const t = consent?.templates[templateId];
  if (!t) return false;
  return t.subscription === 'oneTime' ? t.remaining > 0 : t.accepted;
}

/** One send spends one one-time accept; a long-term template is not spent. */
export function consumeQuota(consent: ConsentRecord, templateId: string, now: number): ConsentRecord | DomainError {
  const t = consent.templates[templateId];
  if (!t || !hasConsent(consent, templateId)) return consentErrors.noConsent();
  if (t.subscription === 'longTerm') return consent;
  return {
    ...consent,
    templates: { ...consent.templates, [templateId]: { ...t, remaining: t.remaining - 1 } },
    updatedAt: toBeijingIso(now),
    rev: consent.rev + 1,
  };
}

/** WeChat answered 43101: the person refused or unsubscribed, whatever our count said. */
export function revokeConsent(consent: ConsentRecord, templateId: string, now: number): ConsentRecord {
  const t = consent.templates[templateId];
  if (!t) return consent;
  const at = toBeijingIso(now);
  const revoked: TemplateConsent =
    t.subscription === 'oneTime'
      ? { subscription: 'oneTime', remaining: 0, lastAnswer: 'revoked', answeredAt: at }
      : { subscription: 'longTerm', accepted: false, lastAnswer: 'revoked', answeredAt: at };
  return {
    ...consent,
    templates: { ...consent.templates, [templateId]: revoked },
    updatedAt: at,
    rev: consent.rev + 1,
  };
}

/**
 * The subscribe requests a tap should make for the kinds it is about to cause, in the given order:
 * each request ≤ 3 ids of one subscription type (WeChat refuses mixes), no id twice, one-time groups
 * first (they are spent and need asking again), long-term templates already accepted or banned left
 * out. The client calls wx.requestSubscribeMessage with the first request inside the tap handler;
 * later requests wait for later taps (WeChat opens the dialog only from a tap).
 */
export function planConsentRequests(
  kinds: readonly NotificationKind[],
  env: EnvTemplates,
  consent: ConsentRecord | null,
): ConsentRequest[] {
  const ids: Record<SubscriptionType, string[]> = { oneTime: [], longTerm: [] };
  for (const kind of kinds) {
    const spec = env.kinds[kind];
    if (!spec || ids[spec.subscription].includes(spec.templateId)) continue;
    const known = consent?.templates[spec.templateId];
    if (known?.lastAnswer === 'ban') continue;
    if (known?.subscription === 'longTerm' && known.accepted) continue;
    ids[spec.subscription].push(spec.templateId);
  }
  const requests: ConsentRequest[] = [];
  for (const subscription of ['oneTime', 'longTerm'] as const) {
    const list = ids[subscription];
    for (let i = 0; i < list.length; i += MAX_TEMPLATES_PER_REQUEST) {
      requests.push({ subscription, templateIds: list.slice(i, i + MAX_TEMPLATES_PER_REQUEST) });
    }
  }
  return requests;
}
