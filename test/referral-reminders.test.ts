/**
 * Reminders fire once as the clock passes each instant, however often the timer runs: due soon (the
 * last working day begins, then two hours before the end), overdue (handler, the unit's leader and
 * the propaganda desk), the morning digest per department, and a deferred message's reply target.
 */
import type { Notification, OutboxRecord } from '../typings/notify';
import type { PlannerRunReport } from '../server/planners';
import type { TimerAnswer } from '../server/notify/timer';
import { useTestCloud } from './support/cloud';
import { notifications, OPERATOR, referred, signed, triaged } from './referral-helpers';
import { ok } from './support/answers';

describe('referral and reply-target reminders through the timer', () => {
  let referralId = '';
  let messageId = '';

  const t = useTestCloud({ now: '2026-03-03T10:00:00+08:00', frozen: true }, async () => {
    const { referral } = await referred(t, 'complex');
    referralId = referral._id;
    await signed(t, referral);
    const general = await triaged(t, '建议延长户籍窗口周末办公时间', 'general');
    messageId = general.message._id;
    await ok(t.call('referral', 'defer', { messageId, expectedRev: general.message.rev }, OPERATOR));
  });

  /** Fires the every-minute timer twice at `at` and answers the reminders stored by then. */
  async function twiceAt(at: string): Promise<{ reminders: Notification[]; reports: PlannerRunReport[] }> {
    t.cloud.clock.set(at);
    const reports: PlannerRunReport[] = [];
    for (let i = 0; i < 2; i++) {
      const [record] = await t.cloud.timers.fire('timer');
      if (!record?.outcome.ok) throw new Error(`timer failed: ${JSON.stringify(record?.outcome)}`);
      const answer = record.outcome.result as TimerAnswer;
      if (!answer.ok) throw new Error(answer.error.message);
      reports.push(...answer.data.planners);
    }
    const reminders = notifications(t).filter((n) =>
      ['referralDueSoon', 'referralOverdue', 'dailyDigest'].includes(n.kind),
    );
    return { reminders, reports };
  }

  const keys = (ns: readonly Notification[]): string[] =>
    ns.map(
      (n) =>
        `${n.kind} ${n.recipientId} ${n.subject?.id === referralId ? 'referral' : n.subject?.id === messageId ? 'message' : n.subject?.id}`,
    );

  it('sends nothing before any reminder is due', async () => {
    const { reminders, reports } = await twiceAt('2026-03-03T10:01:00+08:00');
    expect(reminders).toEqual([]);
    expect(reports.find((r) => r.name === 'referralDueSoon')).toMatchObject({ items: 0, error: null });
  });

  it('reminds the recorder and the account’s operators on the reply-target day, then once it has passed', async () => {
    const today = await twiceAt('2026-03-04T00:10:00+08:00');
    expect(keys(today.reminders)).toEqual([
      'referralDueSoon p-cs-operator-a message',
      'referralDueSoon p-cs-operator-b message',
    ]);
    expect(today.reminders[0]?.link).toBe(`/pages/message-detail/index?id=${messageId}`);
    const late = await twiceAt('2026-03-05T00:10:00+08:00');
    expect(keys(late.reminders).sort()).toEqual([
      'referralDueSoon p-cs-operator-a message',
      'referralDueSoon p-cs-operator-b message',
      'referralOverdue p-cs-operator-a message',
      'referralOverdue p-cs-operator-b message',
    ]);
  });

  it('reminds the signer when the last working day begins, and two hours before its end, once each', async () => {
    expect((await twiceAt('2026-03-09T23:59:00+08:00')).reminders.filter((n) => n.subject?.id === referralId)).toEqual(
      [],
    );
    const morning = await twiceAt('2026-03-10T00:05:00+08:00');
    const mine = morning.reminders.filter((n) => n.subject?.id === referralId);
    expect(keys(mine)).toEqual(['referralDueSoon p-cs-handler-criminal referral']);
    expect(mine[0]).toMatchObject({
      title: '流转即将到期，请于2026-03-10 23:59前反馈',
      link: `/pages/referral-detail/index?id=${referralId}`,
    });
    const evening = await twiceAt('2026-03-10T22:01:00+08:00');
    expect(keys(evening.reminders.filter((n) => n.subject?.id === referralId))).toEqual([
      'referralDueSoon p-cs-handler-criminal referral',
      'referralDueSoon p-cs-handler-criminal referral',
    ]);
    expect(evening.reminders.filter((n) => n.subject?.id === referralId).map((n) => n.dedupeKey)).toEqual([
      `referral:${referralId}:dueSoon:days:2026-03-10T23:59:59.999+08:00:p-cs-handler-criminal`,
      `referral:${referralId}:dueSoon:hours:2026-03-10T23:59:59.999+08:00:p-cs-handler-criminal`,
    ]);
  });

  it('tells the handler, the unit’s leader and the propaganda desk once it is overdue, escalating the handler’s', async () => {
    const { reminders } = await twiceAt('2026-03-11T00:01:00+08:00');
    const overdue = reminders.filter((n) => n.kind === 'referralOverdue' && n.subject?.id === referralId);
    expect(overdue.map((n) => n.recipientId).sort()).toEqual([
      'p-cs-handler-criminal',
      'p-cs-leader',
      'p-cs-propaganda',
    ]);
    const outbox = t.cloud.db.find('outbox', {
      kind: 'referralOverdue',
      recipientId: 'p-cs-handler-criminal',
    }) as unknown as OutboxRecord[];
    expect(outbox.map((o) => o.escalation)).toEqual([
      { unitId: 'u-cs-xz', next: 'unitResponsible', recipientName: '孙杰' },
    ]);
  });

  it('sends the department one digest in the morning, not again on the next run', async () => {
    expect((await twiceAt('2026-03-11T07:59:00+08:00')).reminders.filter((n) => n.kind === 'dailyDigest')).toEqual([]);
    const { reminders, reports } = await twiceAt('2026-03-11T08:05:00+08:00');
    const digests = reminders.filter((n) => n.kind === 'dailyDigest');
    expect(digests.map((n) => [n.recipientId, n.title, n.text])).toEqual([
      ['p-cs-handler-criminal', '今日流转：到期及逾期1件', '待签收0件，今日到期0件，已逾期1件'],
    ]);
    const digestRuns = reports.filter((r) => r.name === 'referralDigest');
    expect(digestRuns.map((r) => r.enqueued)).toEqual([1, 0]);
    expect((await twiceAt('2026-03-11T08:30:00+08:00')).reminders.filter((n) => n.kind === 'dailyDigest')).toHaveLength(
      1,
    );
  });

  it('stops once the referral is answered', async () => {
    const current = (await ok(t.call('referral', 'get', { referralId }, 'demo-handler-criminal'))).referral;
    await ok(
      t.call(
        'referral',
        'answer',
        { referralId, expectedRev: current.rev, outcome: '已核实', replyWording: '已办理' },
        'demo-handler-criminal',
      ),
    );
    const before = notifications(t).length;
    const { reports } = await twiceAt('2026-03-11T09:00:00+08:00');
    expect(notifications(t)).toHaveLength(before);
    expect(reports.filter((r) => r.name === 'referralDeadline').map((r) => r.items)).toEqual([0, 0]);
  });
});
