import type { Notification } from '../typings/notify';
import type { CadenceAccountView } from '../typings/post';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, newDraft } from './post-helpers';
import { ok } from './support/answers';

const reminders = (t: TestCloud, kind: string): Array<Pick<Notification, 'recipientId' | 'dedupeKey'>> =>
  (t.cloud.db.find('notifications', { kind }) as unknown as Notification[])
    .map((n) => ({ recipientId: n.recipientId, dedupeKey: n.dedupeKey }))
    .sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey));

async function fire(t: TestCloud, trigger: string): Promise<unknown> {
  const [record] = await t.cloud.timers.fire(trigger);
  if (!record?.outcome.ok) throw new Error(`trigger ${trigger} failed: ${JSON.stringify(record?.outcome)}`);
  const answer = record.outcome.result as { ok: boolean; data?: unknown };
  if (!answer.ok) throw new Error(`trigger ${trigger} refused: ${JSON.stringify(answer)}`);
  return answer.data;
}

async function publishNow(t: TestCloud, accountId: string, operator: string): Promise<void> {
  const draft = await newDraft(t, operator, accountId);
  const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, operator));
  const reviewer = accountId === 'acc-ly-weibo' ? WHO.countyReviewer : WHO.reviewer;
  const approved = await ok(
    t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' }, reviewer),
  );
  const detail = await ok(t.call('post', 'get', { postId: draft.id }, operator));
  await ok(
    t.call(
      'post',
      'publish',
      {
        postId: draft.id,
        expectedRev: approved.rev,
        version: 1,
        content: detail.post.content,
        url: 'https://weibo.com/p/1',
        publishedAt: detail.post.approvedAt ?? '',
      },
      operator,
    ),
  );
}

// Each call crosses HTTP and a function instance; a busy machine must not fail a correct flow.
jest.setTimeout(30_000);

describe('第十九条 cadence through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T15:40:00+08:00', timers: true });
  });
  afterAll(() => t.close());

  it('reminds at 16:00 Beijing time the operators of accounts with nothing today, once', async () => {
    await publishNow(t, 'acc-cs-weibo', WHO.opA);
    expect(await fire(t, 'postCadence')).toMatchObject({ skipped: 'beforeReminderTime' });
    expect(reminders(t, 'cadenceReminder')).toEqual([]);

    // The scheduler fires the 16:00 occurrence when the clock passes it.
    await t.setNow('2026-11-28T16:00:30+08:00');
    await t.cloud.timers.idle();
    const fired = t.cloud.timers.history().filter((r) => r.triggerName === 'postCadence' && !r.manual);
    expect(fired.map((r) => r.time)).toContain('2026-11-28T08:00:00Z');
    const sent = reminders(t, 'cadenceReminder');
    expect(sent).toEqual([
      { recipientId: 'p-cs-operator-a', dedupeKey: 'cadence:acc-cs-wechat-service:2026-11-28:p-cs-operator-a' },
      { recipientId: 'p-cs-operator-b', dedupeKey: 'cadence:acc-cs-wechat-service:2026-11-28:p-cs-operator-b' },
      { recipientId: 'p-cs-operator-a', dedupeKey: 'cadence:acc-cs-wechat-sub:2026-11-28:p-cs-operator-a' },
      { recipientId: 'p-cs-operator-b', dedupeKey: 'cadence:acc-cs-wechat-sub:2026-11-28:p-cs-operator-b' },
      { recipientId: 'p-ly-operator', dedupeKey: 'cadence:acc-ly-weibo:2026-11-28:p-ly-operator' },
    ]);

    // Fired again, twice at once: the day is done, nothing more is read or sent.
    const again = await Promise.all([fire(t, 'postCadence'), fire(t, 'postCadence')]);
    expect(again).toEqual([
      expect.objectContaining({ skipped: 'alreadyDone' }),
      expect.objectContaining({ skipped: 'alreadyDone' }),
    ]);
    // Even without the day's marker, the dedupe keys keep each reminder single.
    t.cloud.db.remove('counters', { _id: 'cadenceRun-2026-11-28' }, false);
    expect(await fire(t, 'postCadence')).toMatchObject({ skipped: null, reminders: 3, enqueued: 0 });
    expect(reminders(t, 'cadenceReminder')).toEqual(sent);
  });

  it('reminds again the next day, and shows the account its month', async () => {
    await t.setNow('2026-11-29T16:05:00+08:00');
    await t.cloud.timers.idle();
    expect(
      reminders(t, 'cadenceReminder')
        .filter((r) => r.dedupeKey.includes('2026-11-29'))
        .map((r) => r.dedupeKey.split(':')[1]),
    ).toEqual([
      'acc-cs-wechat-service',
      'acc-cs-wechat-service',
      'acc-cs-wechat-sub',
      'acc-cs-wechat-sub',
      'acc-cs-weibo',
      'acc-cs-weibo',
      'acc-ly-weibo',
    ]);
    const view = await ok(t.call('post', 'cadence', { accountId: 'acc-cs-weibo' }, WHO.opA));
    const [weibo] = view.accounts as [CadenceAccountView];
    expect(weibo.status.today).toMatchObject({ day: '2026-11-29', published: 0, required: 1, met: false });
    expect(weibo.days.find((d) => d.day === '2026-11-28')?.count).toBe(1);
    expect(weibo.days).toHaveLength(29);
    // Days missed are kept for the monthly evaluation (2026-11-01 … 27: nothing published).
    expect(weibo.status.month.missedDays).toHaveLength(27);
    const unit = await ok(t.call('post', 'cadence', {}, WHO.leader));
    expect(unit.accounts.map((a) => a.account.id).sort()).toEqual([
      'acc-cs-wechat-service',
      'acc-cs-wechat-sub',
      'acc-cs-weibo',
    ]);
    expect(await t.call('post', 'cadence', { unitId: 'u-ly' }, WHO.countyOp)).toMatchObject({ ok: true });
    expect(await t.call('post', 'cadence', { unitId: 'u-cs' }, WHO.countyOp)).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE' },
    });
  });

  it('reminds the operators of an approved post shortly before its planned time, once', async () => {
    await t.setNow('2026-11-30T09:00:00+08:00');
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo', { plannedAt: '2026-11-30T11:00:00+08:00' });
    const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    await ok(
      t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    await t.setNow('2026-11-30T10:40:00+08:00');
    await t.cloud.timers.idle();
    expect(reminders(t, 'publishReminder')).toEqual([]);
    await t.setNow('2026-11-30T10:51:00+08:00');
    await t.cloud.timers.idle();
    await fire(t, 'everyMinute');
    const planned = Date.parse('2026-11-30T11:00:00+08:00');
    expect(reminders(t, 'publishReminder')).toEqual([
      {
        recipientId: 'p-cs-operator-a',
        dedupeKey: `publishReminder:posts/${draft.id}:planned-${planned}:p-cs-operator-a`,
      },
      {
        recipientId: 'p-cs-operator-b',
        dedupeKey: `publishReminder:posts/${draft.id}:planned-${planned}:p-cs-operator-b`,
      },
    ]);
  });

  it('does not remind of a post taken back to draft', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo', { plannedAt: '2026-11-30T13:00:00+08:00' });
    const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const approved = await ok(
      t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opA));
    await ok(
      t.call(
        'post',
        'draftSave',
        {
          postId: draft.id,
          expectedRev: approved.rev,
          content: { ...detail.post.content, text: `${detail.post.content.text}（补充）` },
          nature: 'official',
          declaredLevel: 'ordinary',
          sourceVerified: false,
          plannedAt: detail.post.plannedAt,
        },
        WHO.opA,
      ),
    );
    await t.setNow('2026-11-30T12:55:00+08:00');
    await t.cloud.timers.idle();
    await fire(t, 'everyMinute');
    expect(reminders(t, 'publishReminder').filter((r) => r.dedupeKey.includes(draft.id))).toEqual([]);
  });
});
