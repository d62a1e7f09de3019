import type { ConsentRecord, NotificationKind, TemplateSpec } from '../../typings/notify';
import { DomainError } from '../errors';
import {
  applyConsentReport,
  consumeQuota,
  emptyConsent,
  hasConsent,
  planConsentRequests,
  revokeConsent,
} from './consent';
import { templateCatalog, templatesFor } from './templates';

const env = templatesFor('local');
const catalog = templateCatalog(env);
const idOf = (kind: NotificationKind): string => (env.kinds[kind] as TemplateSpec).templateId;
const now = Date.parse('2026-11-28T01:00:00Z');

const oneTime = idOf('approvalPending');
const longTerm = idOf('referralOverdue');

function consume(consent: ConsentRecord, templateId: string): ConsentRecord {
  const next = consumeQuota(consent, templateId, now);
  if (next instanceof DomainError) throw next;
  return next;
}

describe('one-time quota', () => {
  it('accept twice gives two sends; the third is NO_CONSENT', () => {
    let c = emptyConsent('p1', now);
    c = applyConsentReport(c, { [oneTime]: 'accept' }, catalog, now);
    c = applyConsentReport(c, { [oneTime]: 'accept' }, catalog, now);
    c = consume(c, oneTime);
    c = consume(c, oneTime);
    const third = consumeQuota(c, oneTime, now);
    expect(third).toBeInstanceOf(DomainError);
    expect((third as DomainError).code).toBe('NO_CONSENT');
  });

  it('a reject leaves earlier accepts; a ban ends them', () => {
    let c = applyConsentReport(emptyConsent('p1', now), { [oneTime]: 'accept' }, catalog, now);
    c = applyConsentReport(c, { [oneTime]: 'reject' }, catalog, now);
    expect(hasConsent(c, oneTime)).toBe(true);
    c = applyConsentReport(c, { [oneTime]: 'ban' }, catalog, now);
    expect(hasConsent(c, oneTime)).toBe(false);
  });

  it('a template never answered has no consent', () => {
    expect(consumeQuota(emptyConsent('p1', now), oneTime, now)).toBeInstanceOf(DomainError);
    expect(hasConsent(null, oneTime)).toBe(false);
  });

  it('counts a revision per change, for check-and-set', () => {
    const c = applyConsentReport(emptyConsent('p1', now), { [oneTime]: 'accept' }, catalog, now);
    expect(c.rev).toBe(1);
    expect(consume(c, oneTime).rev).toBe(2);
  });
});

describe('long-term consent', () => {
  it('is not spent by sends while accepted', () => {
    let c = applyConsentReport(emptyConsent('p1', now), { [longTerm]: 'accept' }, catalog, now);
    for (let i = 0; i < 5; i += 1) c = consume(c, longTerm);
    expect(hasConsent(c, longTerm)).toBe(true);
  });

  it('ends on reject; filter changes nothing', () => {
    let c = applyConsentReport(emptyConsent('p1', now), { [longTerm]: 'accept' }, catalog, now);
    c = applyConsentReport(c, { [longTerm]: 'filter' }, catalog, now);
    expect(hasConsent(c, longTerm)).toBe(true);
    c = applyConsentReport(c, { [longTerm]: 'reject' }, catalog, now);
    expect(hasConsent(c, longTerm)).toBe(false);
  });
});

describe('reports', () => {
  it('ignores template ids of other environments and values that are not answers', () => {
    const report = { 'forged-id': 'accept', errMsg: 'requestSubscribeMessage:ok', [oneTime]: 'accept' } as Record<
      string,
      'accept'
    >;
    const c = applyConsentReport(emptyConsent('p1', now), report, catalog, now);
    expect(Object.keys(c.templates)).toEqual([oneTime]);
  });
});

describe('43101 revokes', () => {
  it('clears a one-time quota and a long-term acceptance', () => {
    let c = applyConsentReport(emptyConsent('p1', now), { [oneTime]: 'accept', [longTerm]: 'accept' }, catalog, now);
    c = applyConsentReport(c, { [oneTime]: 'accept' }, catalog, now);
    c = revokeConsent(revokeConsent(c, oneTime, now), longTerm, now);
    expect(hasConsent(c, oneTime)).toBe(false);
    expect(hasConsent(c, longTerm)).toBe(false);
    expect(c.templates[oneTime]?.lastAnswer).toBe('revoked');
  });
});

describe('planConsentRequests', () => {
  it('groups by subscription type, at most three ids each, one-time first, each id once', () => {
    const kinds: NotificationKind[] = [
      'referralOverdue',
      'approvalPending',
      'postApproved',
      'postReturned', // same template as postApproved
      'publishReminder',
      'referralAssigned',
      'referralDueSoon', // same template as referralOverdue
      'escalation',
      'extensionDecided', // same template again
    ];
    expect(planConsentRequests(kinds, env, null)).toEqual([
      {
        subscription: 'oneTime',
        templateIds: [idOf('approvalPending'), idOf('postApproved'), idOf('publishReminder')],
      },
      { subscription: 'oneTime', templateIds: [idOf('referralAssigned')] },
      { subscription: 'longTerm', templateIds: [idOf('referralOverdue'), idOf('escalation')] },
    ]);
  });

  it('leaves out long-term templates already accepted, and banned ones, but asks again for spent one-time ones', () => {
    let c = applyConsentReport(emptyConsent('p1', now), { [longTerm]: 'accept', [oneTime]: 'accept' }, catalog, now);
    c = applyConsentReport(c, { [idOf('escalation')]: 'ban' }, catalog, now);
    const plan = planConsentRequests(['referralOverdue', 'escalation', 'approvalPending'], env, c);
    expect(plan).toEqual([{ subscription: 'oneTime', templateIds: [oneTime] }]);
  });

  it('asks nothing for kinds without a template', () => {
    const inboxOnly = { ...env, kinds: { ...env.kinds, dailyDigest: null } };
    expect(planConsentRequests(['dailyDigest'], inboxOnly, null)).toEqual([]);
  });
});
