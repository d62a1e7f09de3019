/**
 * Issue 18, timers measured one by one: the every-minute timer runs one part of itself on request (a
 * planner, the linkage steps or delivery — what the province bench measures), never for a mini-program
 * user; and the 第十九条 cadence run reads its candidates (the active institutional accounts) and not
 * the province's personal or closed accounts, however many there are; the morning digest's second run
 * in its minutes reads its due referrals and nothing else, and sends nothing twice; so do the
 * waiting-step reminders and their escalations.
 */
import type { Account } from '../typings/org';
import type { Referral } from '../typings/referral';
import type { ApprovalQueueEntry } from '../typings/post';
import type { Filing } from '../typings/account';
import { beijingAt, toBeijingIso } from '../core/time';
import type { TimerAnswer } from '../server/notify/timer';
import { withIndexFields } from '../core/account/keys';
import { buildTree } from '../core/org/tree';
import type { Unit } from '../typings/org';
import { useTestCloud } from './support/cloud';
import { signedReferral } from './support/referrals';

jest.setTimeout(60_000);

describe('timer runs measured one by one', () => {
  const t = useTestCloud({ now: '2026-11-30T16:05:00+08:00', frozen: true });

  async function everyMinute(body: Record<string, unknown>, openid?: string): Promise<TimerAnswer> {
    const res = await fetch(`${t.cloud.url}/functions/timer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify({ Type: 'Timer', TriggerName: 'everyMinute', ...body }),
    });
    return (await res.json()) as TimerAnswer;
  }

  it('runs only the part it is asked for, and never for a mini-program user', async () => {
    const one = await everyMinute({ only: 'referralDueSoon' });
    if (!one.ok) throw new Error(JSON.stringify(one));
    expect(one.data.planners.map((p) => p.name)).toEqual(['referralDueSoon']);
    expect(one.data.linkage.due).toBe(0);
    expect(one.data.delivery.due).toBe(0);
    const all = await everyMinute({});
    if (!all.ok) throw new Error(JSON.stringify(all));
    expect(all.data.planners.length).toBeGreaterThan(5);
    expect(await everyMinute({ only: 'delivery' }, 'demo-operator-a')).toMatchObject({
      ok: false,
      error: { code: 'TIMER_ONLY' },
    });
  });

  it('plans the morning digest once: a second run in its minutes reads the due referrals only', async () => {
    const day = '2026-12-01';
    t.cloud.clock.set(toBeijingIso(beijingAt(day, 8, 2)));
    const created = toBeijingIso(beijingAt('2026-11-27', 10));
    const referrals: Referral[] = Array.from({ length: 30 }, (_, i) =>
      signedReferral({
        id: `r-digest-${String(i).padStart(3, '0')}`,
        n: i,
        department:
          i % 2 === 0
            ? { id: 'u-cs-xz', name: '长沙市公安局刑侦支队' }
            : { id: 'u-cs-wa', name: '长沙市公安局网安支队' },
        deadlineClass: 'ordinary',
        handlerId: null,
        created,
        dueDay: day,
      }),
    );
    t.cloud.db.insert('referrals', referrals as never[]);
    const first = await everyMinute({ only: 'referralDigest' });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.data.planners[0]).toMatchObject({ items: 30, unchanged: 0, enqueued: 2, error: null });
    t.cloud.resetStats();
    const again = await everyMinute({ only: 'referralDigest' });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.data.planners[0]).toMatchObject({ items: 30, unchanged: 30, drafts: 0, enqueued: 0 });
    const stats = t.cloud.stats();
    expect(stats.readsByCollection['referrals']).toBe(30);
    expect(stats.documentsRead - 30).toBeLessThanOrEqual(2);
    expect(stats.documentsWritten).toBe(0);
    expect(t.cloud.db.count('notifications', { kind: 'dailyDigest' })).toBe(2);
  });

  it('reminds a filing due once a morning: a second run reads the due filings only (第十四条)', async () => {
    t.cloud.clock.set('2026-12-02T09:03:00+08:00');
    const filings: Filing[] = Array.from({ length: 10 }, (_, i) => ({
      _id: `f-due-${i}`,
      event: 'open',
      state: 'due',
      accountId: `acc-due-${i}`,
      accountName: `长沙公安服务${i}`,
      platform: 'other',
      unitId: 'u-cs',
      unitPath: ['u-hn', 'u-cs'],
      applicationId: `app-due-${i}`,
      filerDeskId: 'u-cs-xcc',
      receiverDeskId: 'u-hn-xcc',
      approvedAt: '2026-11-24T10:00:00.000+08:00',
      // half due today, half overdue
      dueAt: i % 2 === 0 ? '2026-12-02T23:59:59.999+08:00' : '2026-12-01T23:59:59.999+08:00',
      filedAt: null,
      acknowledgeDueAt: null,
      acknowledgedAt: null,
      note: null,
      documents: [],
      log: [],
      createdAt: '2026-11-24T10:00:00.000+08:00',
      updatedAt: '2026-11-24T10:00:00.000+08:00',
      rev: 1,
    }));
    t.cloud.db.insert('filings', filings as never[]);
    const first = await everyMinute({ only: 'filingDue' });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.data.planners[0]).toMatchObject({ items: 10, unchanged: 0, error: null });
    expect(first.data.planners[0]?.enqueued).toBeGreaterThan(0);
    t.cloud.resetStats();
    const again = await everyMinute({ only: 'filingDue' });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.data.planners[0]).toMatchObject({ items: 10, unchanged: 10, drafts: 0, enqueued: 0 });
    const stats = t.cloud.stats();
    expect(stats.documentsRead).toBe(10);
    expect(stats.documentsWritten).toBe(0);
    // The next morning it is planned afresh (overdue now), and once.
    t.cloud.clock.set('2026-12-03T09:02:00+08:00');
    const next = await everyMinute({ only: 'filingDue' });
    if (!next.ok) throw new Error(JSON.stringify(next));
    expect(next.data.planners[0]).toMatchObject({ items: 10, unchanged: 0 });
    expect(next.data.planners[0]?.enqueued).toBeGreaterThan(0);
  });

  it('reminds a waiting step once: a second run reads the due entries only', async () => {
    t.cloud.clock.set('2026-12-01T10:00:00+08:00');
    const since = '2026-12-01T06:00:00.000+08:00';
    const entries: ApprovalQueueEntry[] = Array.from({ length: 12 }, (_, i) => ({
      _id: `ps-wait-${i}|role:reviewer@u-cs`,
      key: 'role:reviewer@u-cs',
      postId: `ps-wait-${i}`,
      open: true,
      round: 1,
      version: 1,
      stepKey: 'review',
      stepLabel: '审核',
      level: 'ordinary',
      title: `等待审核的稿件 ${i}`,
      accountId: 'acc-cs-weibo',
      accountName: '长沙公安',
      platform: 'weibo',
      authorId: 'p-cs-operator-a',
      authorName: '运营民警',
      submittedAt: since,
      since,
      unitId: 'u-cs',
      remindAt: '2026-12-01T08:00:00.000+08:00',
      escalateAt: '2026-12-01T09:00:00.000+08:00',
      linkageDueAt: null,
      rev: 2,
      plannedAt: null,
    }));
    t.cloud.db.insert('approvalQueue', entries as never[]);
    for (const name of ['approvalWaiting', 'approvalEscalation']) {
      const first = await everyMinute({ only: name });
      if (!first.ok) throw new Error(JSON.stringify(first));
      expect(first.data.planners[0]).toMatchObject({ items: 12, unchanged: 0, error: null });
      expect(first.data.planners[0]?.enqueued).toBeGreaterThan(0);
      t.cloud.resetStats();
      const again = await everyMinute({ only: name });
      if (!again.ok) throw new Error(JSON.stringify(again));
      expect(again.data.planners[0]).toMatchObject({ items: 12, unchanged: 12, drafts: 0, enqueued: 0 });
      const stats = t.cloud.stats();
      expect(stats.readsByCollection['approvalQueue']).toBe(12);
      expect(stats.documentsRead).toBe(12);
      expect(stats.documentsWritten).toBe(0);
    }
  });

  it('reads the cadence run’s candidates only, not the personal and closed accounts beside them (第十九条)', async () => {
    const tree = buildTree(t.cloud.db.find('units', {}) as unknown as Unit[]);
    const template = t.cloud.db.get('accounts', 'acc-cs-weibo') as unknown as Account;
    const others: Account[] = [];
    for (let i = 0; i < 1_500; i++) {
      const personal = i % 3 !== 0;
      others.push(
        withIndexFields(
          {
            ...template,
            _id: `acc-extra-${String(i).padStart(5, '0')}`,
            name: `${personal ? '个人' : '已关闭'}账号${i}`,
            platformId: `extra-${i}`,
            kind: personal ? 'personal' : 'institutional',
            ownerId: personal ? template.operatorA : null,
            state: personal ? 'active' : 'closed',
          },
          tree,
        ),
      );
    }
    t.cloud.db.insert('accounts', others as never[]);
    const candidates = t.cloud.db.count('accounts', { state: 'active', kind: 'institutional' });
    t.cloud.clock.set('2026-11-30T16:05:00+08:00');
    t.cloud.resetStats();
    const [fired] = await t.cloud.timers.fire('postCadence');
    const answer = fired?.outcome.ok ? (fired.outcome.result as { ok: boolean; data: { accounts: number } }) : null;
    expect(answer?.data.accounts).toBe(candidates);
    expect(t.cloud.stats().readsByCollection['accounts']).toBe(candidates);
    expect(t.cloud.stats().unindexedQueries.filter((q) => q.collection === 'accounts')).toEqual([]);
  });
});
