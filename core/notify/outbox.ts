/**
 * The outbox: each notice's subscribe message as a record with a state, delivered by timer runs that
 * may overlap. The function shell works record by record, "load → apply one event → save", saving
 * with check-and-set on `rev`; these pure functions decide each event:
 *
 *   enqueue(draft)            → insert the inbox item and the record (a duplicate key on either means
 *                               that half is already stored: carry on with the other)
 *   claim(record, run)        → save (CAS) then, if `send`, go on; `refused` → leave it to its holder
 *   prepareSend(record, …)    → `send` the request, or save the `skip`ped record
 *   onSendResult(record, res) → save (CAS), then apply `consent` to the person's consent record
 *   escalationFor(record, …)  → for a record that ended skipped or failed (see escalation.ts)
 *
 * A lease (`leaseOwner`, `leaseUntil`) keeps a second run off a record while it is being sent; while
 * sending, `dueAt` is the lease end, so a lease whose run died shows up in the same due query.
 * Trade-off: a run that dies after WeChat accepted but before its save leaves a lease that expires and
 * is sent again; the lease outlasts any one send by far, so that takes a crash in that one instant.
 */
import type {
  ConsentRecord,
  EnvTemplates,
  Notification,
  NotificationDraft,
  OutboxError,
  OutboxRecord,
  SendResult,
  SubscribeMessage,
} from '../../typings/notify';
import { DomainError } from '../errors';
import { toBeijingIso } from '../time';
import { consumeQuota, hasConsent, revokeConsent } from './consent';
import { createNotification } from './inbox';
import { buildSubscribeMessage } from './message';
import type { DueQuery } from './planners';

export const LEASE_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 60 * 1000;

/** 43101: the person refused, or their one-time accepts are spent (subscribeMessage.send). */
export const WX_REFUSED = 43101;
/** Sending again will not help today: the mini-program's daily send quota is spent. */
const QUOTA_CODES: ReadonlySet<number> = new Set([45009]);
/** The request itself is wrong (openid, template id, field values, page): retrying sends the same. */
const PERMANENT_CODES: ReadonlySet<number> = new Set([40003, 40037, 47003, 41030]);

/** Wait before the next attempt after `attempts` failed ones: 1, 2, 4, 8 minutes. */
export function retryDelayMs(attempts: number): number {
  return RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1);
}

export const outboxErrors = {
  done: () => new DomainError('OUTBOX_DONE', '该消息已处理完毕'),
  notDue: () => new DomainError('OUTBOX_NOT_DUE', '未到发送时间'),
  leased: () => new DomainError('OUTBOX_LEASED', '该消息正由其他任务发送'),
  notSending: () => new DomainError('OUTBOX_NOT_SENDING', '该消息不在发送中'),
} as const;

const reason = (code: string, message: string, errCode: number | null = null): OutboxError => ({
  code,
  message,
  errCode,
});

export interface EnqueueContext {
  env: EnvTemplates;
  now: number;
  newId: () => string;
}

/** The inbox item and the outbox record of one draft; born `skipped` when the kind has no template here. */
export function enqueue(
  draft: NotificationDraft,
  ctx: EnqueueContext,
): { notification: Notification; outbox: OutboxRecord } {
  const notification = createNotification(draft, ctx.newId(), ctx.now);
  const spec = ctx.env.kinds[draft.kind];
  const at = notification.createdAt;
  const message = spec
    ? buildSubscribeMessage(spec, ctx.env, {
        title: draft.title,
        text: draft.text,
        values: draft.values,
        link: draft.link,
        createdAt: at,
      })
    : null;
  const outbox: OutboxRecord = {
    _id: ctx.newId(),
    dedupeKey: draft.dedupeKey,
    notificationId: notification._id,
    recipientId: draft.recipientId,
    kind: draft.kind,
    message,
    state: message ? 'pending' : 'skipped',
    dueAt: draft.sendAt ?? at,
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    lastError: message ? null : reason('NO_TEMPLATE', '该类通知未配置订阅消息模板'),
    sentAt: null,
    title: draft.title,
    text: draft.text,
    link: draft.link,
    subject: draft.subject,
    values: draft.values,
    escalation: draft.escalation,
    createdAt: at,
    updatedAt: at,
    rev: 0,
  };
  return { notification, outbox };
}

/** The two due queries a delivery run reads (index `due`: state, dueAt), oldest first. */
export function deliveryQueries(now: number, limit: number): DueQuery[] {
  const dueBy = toBeijingIso(now);
  return (['pending', 'sending'] as const).map((state) => ({
    collection: 'outbox',
    index: 'due',
    equals: [{ field: 'state', value: state }],
    dueField: 'dueAt',
    dueBy,
    limit,
  }));
}

export type ClaimDecision =
  | { kind: 'send'; record: OutboxRecord }
  | { kind: 'giveUp'; record: OutboxRecord }
  | { kind: 'refused'; error: DomainError };

const isDone = (r: OutboxRecord): boolean => r.state === 'sent' || r.state === 'failed' || r.state === 'skipped';

function finish(
  record: OutboxRecord,
  state: 'sent' | 'failed' | 'skipped',
  now: number,
  error: OutboxError | null,
): OutboxRecord {
  const at = toBeijingIso(now);
  return {
    ...record,
    state,
    leaseOwner: null,
    leaseUntil: null,
    dueAt: at,
    lastError: error,
    sentAt: state === 'sent' ? at : record.sentAt,
    updatedAt: at,
    rev: record.rev + 1,
  };
}

/**
 * Takes the record for run `runId`: a pending record once due, or a sending one whose lease expired
 * (its run died). Every claim counts an attempt, so a record whose runs keep dying still ends.
 */
export function claim(record: OutboxRecord, runId: string, now: number, leaseMs = LEASE_MS): ClaimDecision {
  if (isDone(record)) return { kind: 'refused', error: outboxErrors.done() };
  if (record.state === 'pending' && Date.parse(record.dueAt) > now)
    return { kind: 'refused', error: outboxErrors.notDue() };
  if (record.state === 'sending' && record.leaseUntil !== null && Date.parse(record.leaseUntil) > now) {
    return { kind: 'refused', error: outboxErrors.leased() };
  }
  if (record.attempts >= MAX_ATTEMPTS) {
    return { kind: 'giveUp', record: finish(record, 'failed', now, reason('LEASE_LOST', '发送中断且重试次数已用完')) };
  }
  const leaseUntil = toBeijingIso(now + leaseMs);
  return {
    kind: 'send',
    record: {
      ...record,
      state: 'sending',
      attempts: record.attempts + 1,
      leaseOwner: runId,
      leaseUntil,
      dueAt: leaseUntil,
      updatedAt: toBeijingIso(now),
      rev: record.rev + 1,
    },
  };
}

export type SendPlan =
  | { kind: 'send'; request: SubscribeMessage & { touser: string } }
  | { kind: 'skip'; record: OutboxRecord };

/** Just before calling WeChat: skip without a call when it cannot succeed (no template, openid or consent). */
export function prepareSend(
  record: OutboxRecord,
  consent: ConsentRecord | null,
  openid: string | null,
  now: number,
): SendPlan | DomainError {
  if (record.state !== 'sending') return outboxErrors.notSending();
  if (!record.message)
    return {
      kind: 'skip',
      record: finish(record, 'skipped', now, reason('NO_TEMPLATE', '该类通知未配置订阅消息模板')),
    };
  if (!openid) return { kind: 'skip', record: finish(record, 'skipped', now, reason('NO_OPENID', '对方尚未绑定微信')) };
  if (!hasConsent(consent, record.message.templateId)) {
    return { kind: 'skip', record: finish(record, 'skipped', now, reason('NO_CONSENT', '对方未订阅该类消息提醒')) };
  }
  return { kind: 'send', request: { ...record.message, touser: openid } };
}

/** What the send means for the person's consent record. */
export type ConsentEffect = 'consume' | 'revoke' | 'none';

export interface SendOutcome {
  record: OutboxRecord;
  consent: ConsentEffect;
}

/** The record after WeChat's answer: sent, skipped (refused or quota), failed, or pending again with backoff. */
export function onSendResult(record: OutboxRecord, result: SendResult, now: number): SendOutcome | DomainError {
  if (record.state !== 'sending') return outboxErrors.notSending();
  if (result.ok) return { record: finish(record, 'sent', now, null), consent: 'consume' };
  const { errCode, errMsg } = result;
  if (errCode === WX_REFUSED) {
    return {
      record: finish(record, 'skipped', now, reason('WX_REFUSED', '对方拒收或已取消订阅', errCode)),
      consent: 'revoke',
    };
  }
  if (QUOTA_CODES.has(errCode)) {
    return {
      record: finish(record, 'skipped', now, reason('WX_QUOTA', '订阅消息发送次数已达上限', errCode)),
      consent: 'none',
    };
  }
  if (PERMANENT_CODES.has(errCode)) {
    return {
      record: finish(record, 'failed', now, reason('WX_REJECTED', `微信拒绝了该消息：${errMsg}`, errCode)),
      consent: 'none',
    };
  }
  if (record.attempts >= MAX_ATTEMPTS) {
    return {
      record: finish(record, 'failed', now, reason('WX_FAILED', `多次发送失败：${errMsg}`, errCode)),
      consent: 'none',
    };
  }
  const at = toBeijingIso(now);
  return {
    record: {
      ...record,
      state: 'pending',
      leaseOwner: null,
      leaseUntil: null,
      dueAt: toBeijingIso(now + retryDelayMs(record.attempts)),
      lastError: reason('WX_FAILED', `发送失败，稍后重试：${errMsg}`, errCode),
      updatedAt: at,
      rev: record.rev + 1,
    },
    consent: 'none',
  };
}

/**
 * The consent record after a send's effect (the same object when nothing changes, so the shell can
 * skip the save). A success our count did not expect (a stale count) leaves it as it is.
 */
export function applyConsentEffect(
  consent: ConsentRecord,
  templateId: string,
  effect: ConsentEffect,
  now: number,
): ConsentRecord {
  if (effect === 'revoke') return revokeConsent(consent, templateId, now);
  if (effect === 'none') return consent;
  const next = consumeQuota(consent, templateId, now);
  return next instanceof DomainError ? consent : next;
}
