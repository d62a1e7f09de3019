/**
 * Linkage directives under the races the guide names (第三十四条): overlapping timer runs, a retried
 * call, a double tap on withdrawal, a response at the very moment the directive closes. Nothing is
 * sent twice, nothing recorded twice, nothing lost; the tallies always agree with the records.
 */
import type { InvokeOutcome } from '../tools/local-cloud/src/runtime';
import type { TimerAnswer } from '../server/notify/timer';
import { useTestCloud, type TestCloud } from './support/cloud';
import { directives, issue, issueParams, notices, talliesOf, targetsOf, WHO } from './linkage-helpers';
import { ok, refusal } from './support/answers';

const ISSUED = '2026-12-01T09:00:00+08:00';
const MIN = 60_000;
const at = (minutes: number): string => new Date(Date.parse(ISSUED) + minutes * MIN).toISOString();

// Overlapping timer runs run every planner three times over, on two shared cores.
jest.setTimeout(60_000);

type TimerData = Extract<TimerAnswer, { ok: true }>['data'];

/** Three runs of the every-minute timer at once, as overlapping triggers would start them. */
async function overlappingRuns(t: TestCloud): Promise<TimerData[]> {
  const event = {
    Type: 'Timer',
    TriggerName: 'everyMinute',
    Time: new Date(t.cloud.clock.now()).toISOString(),
    Message: '',
  };
  const outcomes: InvokeOutcome[] = await Promise.all(
    [1, 2, 3].map(() => t.cloud.runtime.invoke('timer', event, { source: 'timer' })),
  );
  return outcomes.map((o) => {
    const answer = o.ok ? (o.result as TimerAnswer) : null;
    if (!answer?.ok) throw new Error(`timer failed: ${JSON.stringify(o)}`);
    return answer.data;
  });
}

/** Each (kind, recipient) stored how many times. */
function perRecipient(t: TestCloud, kind: string, directiveId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of notices(t, kind).filter((x) => x.subject?.id === directiveId))
    out[n.recipientId] = (out[n.recipientId] ?? 0) + 1;
  return out;
}

/** The tallies summed against the records they count. */
function agrees(t: TestCloud, id: string): { tallies: number[]; records: number[] } {
  const scopeRows = talliesOf(t, id).filter((x) => x.parentId === 'u-hn');
  const records = targetsOf(t, id);
  return {
    tallies: [
      scopeRows.reduce((n, x) => n + x.onTime, 0),
      scopeRows.reduce((n, x) => n + x.late, 0),
      scopeRows.reduce((n, x) => n + x.afterClose, 0),
    ],
    records: [
      records.filter((x) => x.state === 'onTime').length,
      records.filter((x) => x.state === 'late').length,
      records.filter((x) => x.response?.afterClose).length,
    ],
  };
}

describe('overlapping timer runs', () => {
  let id = '';
  const t = useTestCloud({ now: ISSUED, frozen: true }, async () => {
    id = (await issue(t)).directive.id;
  });

  it('remind at +30 and +50 once each, report the late once, close once', async () => {
    t.cloud.clock.set(at(30));
    await overlappingRuns(t);
    expect(perRecipient(t, 'linkageReminder', id)).toEqual({
      'p-cs-operator-a': 1,
      'p-cs-operator-b': 1,
      'p-ly-operator': 1,
    });

    t.cloud.clock.set(at(50));
    await overlappingRuns(t);
    // The second reminder is its own notice (its own key), again once per operator.
    expect(perRecipient(t, 'linkageReminder', id)).toEqual({
      'p-cs-operator-a': 2,
      'p-cs-operator-b': 2,
      'p-ly-operator': 2,
    });

    t.cloud.clock.set(at(60));
    await overlappingRuns(t);
    expect(perRecipient(t, 'linkageLate', id)).toEqual({ 'p-cs-leader': 1, 'p-cs-propaganda': 1, 'p-ly-leader': 1 });

    t.cloud.clock.set(at(90));
    await overlappingRuns(t);
    expect(perRecipient(t, 'linkageClosed', id)).toEqual({ 'p-hn-propaganda': 1 });
    expect(directives(t).find((d) => d._id === id)).toMatchObject({
      state: 'closed',
      open: false,
      steps: { reminders: 2, lateReported: true },
    });
    expect(new Set(targetsOf(t, id).map((x) => x.state))).toEqual(new Set(['none']));
    // Every notice has its one outbox record: nothing queued twice for WeChat either.
    const kinds = ['linkageIssued', 'linkageReminder', 'linkageLate', 'linkageClosed'];
    for (const kind of kinds)
      expect(t.cloud.db.count('outbox', { kind })).toBe(t.cloud.db.count('notifications', { kind }));
    expect((await overlappingRuns(t)).every((r) => r.linkage.due === 0)).toBe(true);
  });
});

describe('a retried call, a double tap', () => {
  const t = useTestCloud({ now: ISSUED, frozen: true });

  it('a retried response answers what was recorded; only a different one is refused', async () => {
    const id = (await issue(t)).directive.id;
    const params = {
      directiveId: id,
      accountId: 'acc-cs-weibo',
      kind: 'repost' as const,
      link: 'https://weibo.com/cs/9',
    };
    t.cloud.clock.set(at(7));
    const first = await ok(t.call('linkage', 'respond', params, WHO.opA));
    t.cloud.clock.set(at(8));
    // The answer was lost on a bad network and the page sent it again, twice at once.
    const again = await Promise.all([
      ok(t.call('linkage', 'respond', params, WHO.opA)),
      ok(t.call('linkage', 'respond', params, WHO.opA)),
    ]);
    expect(again.map((a) => a.row)).toEqual([first.row, first.row]);
    expect(first.row.response).toMatchObject({ elapsedMs: 7 * MIN, byName: '王明' });
    expect(t.cloud.db.count('auditLog', { action: 'linkage.respond' })).toBe(1);
    expect(talliesOf(t, id).find((x) => x.key === 'u-cs')?.onTime).toBe(1);
    // Another link, or the other operator: a second response, refused with who answered.
    expect(await refusal(t.call('linkage', 'respond', { ...params, link: 'https://weibo.com/cs/10' }, WHO.opA))).toBe(
      'ALREADY_RESPONDED',
    );
    expect(await refusal(t.call('linkage', 'respond', params, WHO.opB))).toBe('ALREADY_RESPONDED');
  });

  it('a double tap on withdraw withdraws once, tells each operator once, and answers both taps', async () => {
    t.cloud.clock.set(at(10));
    const v = await issue(t);
    const id = v.directive.id;
    const params = { directiveId: id, expectedRev: v.directive.rev, reason: '口径调整，另发更正' };
    const [a, b] = await Promise.all([
      t.call('linkage', 'withdraw', params, WHO.provinceDesk),
      t.call('linkage', 'withdraw', params, WHO.provinceDesk),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    // A retry later, on the rev the page loaded: the same answer, not a conflict.
    const retry = await ok(t.call('linkage', 'withdraw', params, WHO.provinceDesk));
    expect(retry.directive).toMatchObject({ state: 'withdrawn', withdrawal: { reason: '口径调整，另发更正' } });
    expect(t.cloud.db.count('auditLog', { action: 'linkage.withdraw' })).toBe(1);
    expect(perRecipient(t, 'linkageWithdrawn', id)).toEqual({
      'p-cs-operator-a': 1,
      'p-cs-operator-b': 1,
      'p-ly-operator': 1,
    });
    // Another reason on a withdrawn directive is no retry: it is refused.
    expect(
      await refusal(
        t.call(
          'linkage',
          'withdraw',
          { ...params, expectedRev: retry.directive.rev, reason: '再撤' },
          WHO.provinceDesk,
        ),
      ),
    ).toBe('NOT_WITHDRAWABLE');
  });

  it('a double tap on issue leaves one directive and one frozen plan', async () => {
    const params = issueParams();
    const [a, b] = await Promise.all([
      t.call('linkage', 'issue', params, WHO.provinceDesk),
      t.call('linkage', 'issue', params, WHO.provinceDesk),
    ]);
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.data.directive.id).toBe(b.data.directive.id);
    const d = directives(t).find((x) => x._id === a.data.directive.id);
    expect(t.cloud.db.find('linkagePlans', { directiveId: d?._id }).map((c) => c['planId'])).toEqual([d?.planId]);
  });
});

describe('responses racing the clock', () => {
  const t = useTestCloud({ now: ISSUED, frozen: true });

  it('a response at the moment the directive closes is counted once, late; the tallies agree with the records', async () => {
    const id = (await issue(t)).directive.id;
    t.cloud.clock.set(at(20));
    await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-weibo', kind: 'repost', link: 'https://weibo.com/cs/1' },
        WHO.opA,
      ),
    );
    t.cloud.clock.set(at(60));
    await overlappingRuns(t);
    t.cloud.clock.set(at(90));
    const respond = (accountId: string, openid: string) =>
      t.call('linkage', 'respond', { directiveId: id, accountId, kind: 'comment', link: 'https://x.cn/c' }, openid);
    const [runs, ...answers] = await Promise.all([
      overlappingRuns(t),
      respond('acc-cs-wechat-sub', WHO.opB),
      respond('acc-ly-weibo', WHO.countyOp),
    ]);
    expect(runs.reduce((n, r) => n + r.linkage.closed, 0)).toBeGreaterThanOrEqual(1);
    expect(answers.map((a) => (a.ok ? a.data.row.state : a.error.code))).toEqual(['late', 'late']);
    const records = targetsOf(t, id);
    expect(records.map((x) => [x.accountId, x.state]).sort()).toEqual([
      ['acc-cs-wechat-service', 'none'],
      ['acc-cs-wechat-sub', 'late'],
      ['acc-cs-weibo', 'onTime'],
      ['acc-ly-weibo', 'late'],
    ]);
    const { tallies, records: counted } = agrees(t, id);
    expect(tallies).toEqual(counted);
    expect(tallies.slice(0, 2)).toEqual([1, 2]);
    expect(perRecipient(t, 'linkageClosed', id)).toEqual({ 'p-hn-propaganda': 1 });
  });

  it('a withdrawal racing responses: each account ends either answered or withdrawn, and counted so', async () => {
    t.cloud.clock.set(at(200));
    const v = await issue(t);
    const id = v.directive.id;
    const respond = (accountId: string, openid: string) =>
      t.call('linkage', 'respond', { directiveId: id, accountId, kind: 'repost', link: 'https://x.cn/r' }, openid);
    const [w, ...answers] = await Promise.all([
      t.call(
        'linkage',
        'withdraw',
        { directiveId: id, expectedRev: v.directive.rev, reason: '撤回' },
        WHO.provinceDesk,
      ),
      respond('acc-cs-weibo', WHO.opA),
      respond('acc-cs-wechat-sub', WHO.opB),
      respond('acc-ly-weibo', WHO.countyOp),
    ]);
    expect(w.ok).toBe(true);
    for (const a of answers) expect(a.ok ? 'ok' : a.error.code).toMatch(/^(ok|DIRECTIVE_WITHDRAWN)$/u);
    const records = targetsOf(t, id);
    const answered = answers.filter((a) => a.ok).length;
    expect(records.filter((x) => x.state === 'onTime')).toHaveLength(answered);
    expect(records.filter((x) => x.state === 'withdrawn')).toHaveLength(4 - answered);
    const { tallies, records: counted } = agrees(t, id);
    expect(tallies).toEqual(counted);
    // The operators told of the withdrawal are exactly those of the accounts left without a response.
    const told = Object.keys(perRecipient(t, 'linkageWithdrawn', id)).sort();
    const owed = [...new Set(records.filter((x) => x.state === 'withdrawn').flatMap((x) => x.operatorIds))].sort();
    expect(told).toEqual(owed);
  });
});
