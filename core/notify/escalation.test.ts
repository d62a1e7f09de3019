import type { NotificationDraft, OutboxRecord } from '../../typings/notify';
import { DomainError } from '../errors';
import { escalationFor } from './escalation';
import { claim, enqueue, onSendResult } from './outbox';
import { templatesFor } from './templates';

const env = templatesFor('local');
const t0 = Date.parse('2026-11-28T01:00:00Z');
let n = 0;
const newId = (): string => `id${(n += 1)}`;

const base: NotificationDraft = {
  kind: 'referralOverdue',
  recipientId: 'p1',
  title: '办理已逾期',
  text: '请尽快办理并反馈',
  link: '/pages/referral-detail/index?id=r1',
  subject: { collection: 'referrals', id: 'r1' },
  values: { subject: '咨询户籍迁移办理', dueAt: '2026-11-28T18:00:00.000+08:00', status: '已逾期' },
  dedupeKey: 'referralOverdue:referrals/r1:2026-11-28:p1',
  escalation: { unitId: 'u1', next: 'unitResponsible', recipientName: '张三' },
};

function finished(errCode: number | null, draft: NotificationDraft = base): OutboxRecord {
  const d = claim(enqueue(draft, { env, now: t0, newId }).outbox, 'run1', t0);
  if (d.kind !== 'send') throw new Error(d.kind);
  const out = onSendResult(d.record, errCode === null ? { ok: true } : { ok: false, errCode, errMsg: 'x' }, t0);
  if (out instanceof DomainError) throw out;
  return out.record;
}

describe('escalationFor', () => {
  it('sends a skipped deadline reminder on to each next person, keyed per person', () => {
    const drafts = escalationFor(finished(43101), [{ personId: 'lead1' }, { personId: 'desk2' }]);
    expect(drafts.map((d) => d.dedupeKey)).toEqual([
      'referralOverdue:referrals/r1:2026-11-28:p1:escalated:lead1',
      'referralOverdue:referrals/r1:2026-11-28:p1:escalated:desk2',
    ]);
    expect(drafts[0]).toMatchObject({
      kind: 'escalation',
      recipientId: 'lead1',
      link: base.link,
      subject: base.subject,
      escalation: null,
      values: { subject: '咨询户籍迁移办理', actor: '张三', dueAt: base.values.dueAt },
    });
  });

  it('also escalates a failed one', () => {
    expect(escalationFor(finished(47003), [{ personId: 'lead1' }])).toHaveLength(1);
  });

  it('does nothing for a sent reminder, one still under way, or one without a policy', () => {
    expect(escalationFor(finished(null), [{ personId: 'lead1' }])).toEqual([]);
    const retrying = finished(-1);
    expect(retrying.state).toBe('pending');
    expect(escalationFor(retrying, [{ personId: 'lead1' }])).toEqual([]);
    expect(escalationFor(finished(43101, { ...base, escalation: null }), [{ personId: 'lead1' }])).toEqual([]);
  });

  it('skips the unreached recipient and duplicate targets', () => {
    const drafts = escalationFor(finished(43101), [{ personId: 'p1' }, { personId: 'lead1' }, { personId: 'lead1' }]);
    expect(drafts.map((d) => d.recipientId)).toEqual(['lead1']);
  });

  it('never chains: an escalation that is itself skipped escalates nothing', () => {
    const [escalated] = escalationFor(finished(43101), [{ personId: 'lead1' }]);
    if (!escalated) throw new Error('no escalation');
    expect(escalationFor(finished(43101, escalated), [{ personId: 'boss' }])).toEqual([]);
  });
});
