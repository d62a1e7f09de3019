import type { NotificationDraft, OutboxRecord, SendResult, TemplateSpec } from '../../typings/notify';
import { DomainError } from '../errors';
import { schema } from '../schema';
import { applyConsentReport, emptyConsent, hasConsent } from './consent';
import {
  LEASE_MS,
  MAX_ATTEMPTS,
  applyConsentEffect,
  claim,
  deliveryQueries,
  enqueue,
  onSendResult,
  prepareSend,
  retryDelayMs,
  type SendOutcome,
} from './outbox';
import { dueIndexProblem } from './planners';
import { templateCatalog, templatesFor } from './templates';

const env = templatesFor('local');
const MIN = 60 * 1000;
const t0 = Date.parse('2026-11-28T01:00:00Z');

function draft(over: Partial<NotificationDraft> = {}): NotificationDraft {
  return {
    kind: 'referralDueSoon',
    recipientId: 'p1',
    title: '办理即将到期',
    text: '群众咨询将于今日18:00到期',
    link: '/pages/referral-detail/index?id=r1',
    subject: { collection: 'referrals', id: 'r1' },
    values: { subject: '咨询户籍迁移办理', dueAt: '2026-11-28T18:00:00.000+08:00', status: '将到期' },
    dedupeKey: 'referralDueSoon:referrals/r1:2026-11-28:p1',
    escalation: { unitId: 'u1', next: 'unitResponsible', recipientName: '张三' },
    ...over,
  };
}

let ids = 0;
const newId = (): string => `id${(ids += 1)}`;

function pending(over: Partial<NotificationDraft> = {}): OutboxRecord {
  return enqueue(draft(over), { env, now: t0, newId }).outbox;
}

function claimed(record: OutboxRecord, run: string, now: number): OutboxRecord {
  const d = claim(record, run, now);
  if (d.kind !== 'send') throw new Error(`expected a claim, got ${d.kind}`);
  return d.record;
}

function result(record: OutboxRecord, res: SendResult, now: number): SendOutcome {
  const out = onSendResult(record, res, now);
  if (out instanceof DomainError) throw out;
  return out;
}

const transient: SendResult = { ok: false, errCode: -1, errMsg: 'system busy' };

describe('enqueue', () => {
  it('writes the inbox item and a pending record with the formatted message', () => {
    const { notification, outbox } = enqueue(draft(), { env, now: t0, newId });
    expect(notification).toMatchObject({
      recipientId: 'p1',
      kind: 'referralDueSoon',
      link: '/pages/referral-detail/index?id=r1',
      read: false,
      createdAt: '2026-11-28T09:00:00.000+08:00',
    });
    expect(outbox).toMatchObject({
      state: 'pending',
      notificationId: notification._id,
      dedupeKey: notification.dedupeKey,
      dueAt: '2026-11-28T09:00:00.000+08:00',
      attempts: 0,
    });
    expect(outbox.message?.data.time2).toEqual({ value: '2026年11月28日 18:00' });
  });

  it('holds a planned reminder until its send time', () => {
    const r = pending({ sendAt: '2026-11-28T12:00:00.000+08:00' });
    expect(claim(r, 'run1', t0)).toMatchObject({ kind: 'refused', error: { code: 'OUTBOX_NOT_DUE' } });
    expect(claim(r, 'run1', Date.parse('2026-11-28T04:00:00Z')).kind).toBe('send');
  });

  it('still writes the inbox item when the kind has no template; the record is born skipped', () => {
    const inboxOnly = { ...env, kinds: { ...env.kinds, referralDueSoon: null } };
    const { notification, outbox } = enqueue(draft(), { env: inboxOnly, now: t0, newId });
    expect(notification.title).toBe('办理即将到期');
    expect(outbox).toMatchObject({ state: 'skipped', message: null, lastError: { code: 'NO_TEMPLATE' } });
  });
});

describe('claim under overlapping runs', () => {
  it('refuses a second run while the first holds the lease', () => {
    const first = claimed(pending(), 'run1', t0);
    expect(first).toMatchObject({ state: 'sending', leaseOwner: 'run1', attempts: 1 });
    expect(Date.parse(first.leaseUntil ?? '')).toBe(t0 + LEASE_MS);
    const second = claim(first, 'run2', t0 + MIN);
    expect(second).toMatchObject({ kind: 'refused', error: { code: 'OUTBOX_LEASED' } });
  });

  it('lets another run take it once the lease has expired (the first run died)', () => {
    const first = claimed(pending(), 'run1', t0);
    expect(claim(first, 'run2', t0 + LEASE_MS - 1).kind).toBe('refused');
    const second = claimed(first, 'run2', t0 + LEASE_MS);
    expect(second).toMatchObject({ leaseOwner: 'run2', attempts: 2 });
    expect(second.rev).toBe(first.rev + 1);
  });

  it('gives up a record whose runs kept dying', () => {
    let r = pending();
    let now = t0;
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      r = claimed(r, `run${i}`, now);
      now += LEASE_MS;
    }
    const d = claim(r, 'runX', now);
    expect(d.kind).toBe('giveUp');
    expect(d.kind === 'giveUp' && d.record).toMatchObject({
      state: 'failed',
      leaseOwner: null,
      lastError: { code: 'LEASE_LOST' },
    });
  });

  it('refuses a finished record', () => {
    const sent = result(claimed(pending(), 'run1', t0), { ok: true }, t0).record;
    expect(claim(sent, 'run2', t0 + LEASE_MS * 10)).toMatchObject({ kind: 'refused', error: { code: 'OUTBOX_DONE' } });
  });

  it('is read back by the due queries, on the declared index', () => {
    const queries = deliveryQueries(t0, 50);
    expect(queries.map((q) => q.equals[0]?.value)).toEqual(['pending', 'sending']);
    for (const q of queries) {
      expect(dueIndexProblem(q, schema)).toBeNull();
      expect(q.dueBy).toBe('2026-11-28T09:00:00.000+08:00');
    }
  });
});

describe('send results', () => {
  it('retries transient errors after 1, 2, 4, 8 minutes, then fails at the fifth attempt', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1, 2, 4, 8].map((m) => m * MIN));
    let r = pending();
    let now = t0;
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      r = claimed(r, `run${attempt}`, now);
      r = result(r, transient, now).record;
      expect(r).toMatchObject({
        state: 'pending',
        leaseOwner: null,
        attempts: attempt,
        lastError: { code: 'WX_FAILED', errCode: -1 },
      });
      const due = Date.parse(r.dueAt);
      waits.push((due - now) / MIN);
      expect(claim(r, 'early', due - 1).kind).toBe('refused');
      now = due;
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    r = claimed(r, 'run5', now);
    expect(result(r, transient, now)).toMatchObject({ record: { state: 'failed', attempts: 5 }, consent: 'none' });
  });

  it('43101: skipped and the consent is revoked', () => {
    const out = result(
      claimed(pending(), 'run1', t0),
      { ok: false, errCode: 43101, errMsg: 'user refuse to accept the msg' },
      t0,
    );
    expect(out.record).toMatchObject({ state: 'skipped', lastError: { code: 'WX_REFUSED', errCode: 43101 } });
    expect(out.consent).toBe('revoke');
    const templateId = (env.kinds.referralDueSoon as TemplateSpec).templateId;
    const consent = applyConsentReport(emptyConsent('p1', t0), { [templateId]: 'accept' }, templateCatalog(env), t0);
    expect(hasConsent(applyConsentEffect(consent, templateId, out.consent, t0), templateId)).toBe(false);
  });

  it('a spent daily quota skips; a malformed request fails at once', () => {
    expect(
      result(claimed(pending(), 'r', t0), { ok: false, errCode: 45009, errMsg: 'quota' }, t0).record,
    ).toMatchObject({
      state: 'skipped',
      lastError: { code: 'WX_QUOTA' },
    });
    expect(
      result(claimed(pending(), 'r', t0), { ok: false, errCode: 47003, errMsg: 'argument invalid' }, t0).record,
    ).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 'WX_REJECTED' },
    });
  });

  it('success is sent once and spends one one-time accept', () => {
    const r = pending({ kind: 'approvalPending', escalation: null });
    const out = result(claimed(r, 'run1', t0), { ok: true }, t0 + 1000);
    expect(out.record).toMatchObject({ state: 'sent', sentAt: '2026-11-28T09:00:01.000+08:00', leaseOwner: null });
    expect(onSendResult(out.record, { ok: true }, t0)).toBeInstanceOf(DomainError);
    const templateId = out.record.message?.templateId ?? '';
    const consent = applyConsentReport(emptyConsent('p1', t0), { [templateId]: 'accept' }, templateCatalog(env), t0);
    const after = applyConsentEffect(consent, templateId, out.consent, t0);
    expect(hasConsent(after, templateId)).toBe(false);
    // A stale count (WeChat accepted though we counted none) leaves the record untouched.
    expect(applyConsentEffect(after, templateId, 'consume', t0)).toBe(after);
  });
});

describe('prepareSend', () => {
  const templateId = (env.kinds.referralDueSoon as TemplateSpec).templateId;
  const accepted = applyConsentReport(emptyConsent('p1', t0), { [templateId]: 'accept' }, templateCatalog(env), t0);

  it('sends to the openid with the stored message', () => {
    const plan = prepareSend(claimed(pending(), 'run1', t0), accepted, 'oOPENID', t0);
    expect(plan).toMatchObject({ kind: 'send', request: { touser: 'oOPENID', templateId, lang: 'zh_CN' } });
  });

  it('skips without calling WeChat when there is no openid or no consent', () => {
    const r = claimed(pending(), 'run1', t0);
    expect(prepareSend(r, accepted, null, t0)).toMatchObject({
      kind: 'skip',
      record: { state: 'skipped', lastError: { code: 'NO_OPENID' } },
    });
    expect(prepareSend(r, null, 'oOPENID', t0)).toMatchObject({
      kind: 'skip',
      record: { lastError: { code: 'NO_CONSENT' } },
    });
  });

  it('refuses a record that is not claimed', () => {
    expect(prepareSend(pending(), accepted, 'oOPENID', t0)).toBeInstanceOf(DomainError);
  });
});
