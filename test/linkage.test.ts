/**
 * Linkage directives through the real path (第三十四条): the province desk issues, every operator of
 * every target is notified at once, operators respond, the board counts, the timer reminds at +30 and
 * +50, reports the late at +60 and closes after the grace; refusals change nothing.
 */
import type { DirectiveView, MineList } from '../typings/linkage';
import { useTestCloud } from './support/cloud';
import {
  directives,
  issue,
  issueParams,
  notices,
  outbox,
  snapshot,
  talliesOf,
  targetsOf,
  timer,
  WHO,
} from './linkage-helpers';
import { ok, refusal } from './support/answers';

const ISSUED = '2026-12-01T09:00:00+08:00';
const MIN = 60_000;
const at = (minutes: number): string => new Date(Date.parse(ISSUED) + minutes * MIN).toISOString();

describe('a directive from issue to its final record', () => {
  let view: DirectiveView;
  let id = '';

  const t = useTestCloud({ now: ISSUED, frozen: true }, async () => {
    // Operator A has said yes to the linkage notice before (the consent plan asked at a natural tap).
    await ok(t.call('notify', 'reportConsent', { answers: { 'local-tpl-linkage': 'accept' } }, WHO.opA));
    view = await issue(t);
    id = view.directive.id;
  });

  it('calls every active institutional account of the province, its clock started at issue', () => {
    expect(view.directive).toMatchObject({
      kind: 'opinion',
      kindLabel: '涉警舆情处置',
      state: 'open',
      targetCount: 4,
      windowMinutes: 60,
      issuedAt: '2026-12-01T09:00:00.000+08:00',
      dueAt: '2026-12-01T10:00:00.000+08:00',
      closesAt: '2026-12-01T10:30:00.000+08:00',
      reminderAts: ['2026-12-01T09:30:00.000+08:00', '2026-12-01T09:50:00.000+08:00'],
      targetsLabel: '湖南省公安厅全部账号',
      fanout: { phase: 'done', notices: 3 },
    });
    expect(view.canBoard).toBe(true);
    expect(view.canWithdraw).toBe(true);
    // The personal account is not the matrix.
    expect(
      targetsOf(t, id)
        .map((x) => x.accountId)
        .sort(),
    ).toEqual(['acc-cs-wechat-service', 'acc-cs-wechat-sub', 'acc-cs-weibo', 'acc-ly-weibo']);
  });

  it('notifies every operator A and B at once: the inbox always, WeChat where consent is held', () => {
    const issued = notices(t, 'linkageIssued');
    expect(issued.map((n) => n.recipientId)).toEqual(['p-cs-operator-a', 'p-cs-operator-b', 'p-ly-operator']);
    expect(issued[0]?.link).toBe(`/packages/linkage/pages/directive/index?id=${id}`);
    expect(issued[0]?.text).toBe(
      '涉警舆情处置，请在 60 分钟内（10:00 前）以长沙公安服务（微信服务号）、长沙警事（微信订阅号）等 3 个账号响应',
    );
    expect(outbox(t, 'linkageIssued')).toHaveLength(3);
    // At the moment of issue only operator A could be reached: the 3 长沙 accounts, not 浏阳's.
    expect(view.directive.reachableAccounts).toBe(3);
  });

  it('delivers the subscribe message to whoever consented, once', async () => {
    await timer(t);
    const sent = t.cloud.openapi.outbox().filter((m) => m.template_id === 'local-tpl-linkage');
    expect(sent.map((m) => m.touser)).toEqual(['demo-operator-a']);
    expect(sent[0]?.page).toBe(`packages/linkage/pages/directive/index?id=${id}`);
  });

  it('shows the operator their directive with the time left, and the board to the desk', async () => {
    t.cloud.clock.set(at(5));
    const mine = await ok(t.call('linkage', 'mine', {}, WHO.opA));
    expect(mine.openCount).toBe(3);
    // The workbench badge counts the same.
    expect((await ok(t.call('org', 'me', {}, WHO.opA))).pending.linkage).toBe(true);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]?.remainingMs).toBe(55 * MIN);
    expect(mine.items[0]?.accounts.map((a) => a.platformLabel).sort()).toEqual(['微信服务号', '微信订阅号', '微博']);
    const got = await ok(t.call('linkage', 'get', { directiveId: id }, WHO.countyOp));
    expect(got.mine.map((r) => r.accountId)).toEqual(['acc-ly-weibo']);
    expect(got.canBoard).toBe(false);
    // Someone neither called nor watching does not see it.
    expect(await refusal(t.call('linkage', 'get', { directiveId: id }, 'demo-handler-cyber'))).toBe('NOT_INVOLVED');
  });

  it('records a response with its time from issue; two operators of one account at once make one', async () => {
    t.cloud.clock.set(at(12));
    const [a, b] = await Promise.all([
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-weibo', kind: 'repost', link: 'https://weibo.com/cs/1' },
        WHO.opA,
      ),
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-weibo', kind: 'comment', link: 'https://weibo.com/cs/2' },
        WHO.opB,
      ),
    ]);
    const won = [a, b].filter((r) => r.ok);
    const lost = [a, b].filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    if (!lost[0] || lost[0].ok) throw new Error('unreachable');
    expect(lost[0].error.code).toBe('ALREADY_RESPONDED');
    // The one who lost is told who answered, and when.
    expect(lost[0].error.message).toMatch(/(王明|李娜) 于 09:12 登记/u);
    const row = targetsOf(t, id).find((x) => x.accountId === 'acc-cs-weibo');
    expect(row).toMatchObject({ state: 'onTime', elapsedMs: 12 * MIN });
    const tally = talliesOf(t, id).find((x) => x.key === 'u-cs');
    expect(tally).toMatchObject({ targets: 4, onTime: 1, late: 0 });
  });

  it('refuses to respond for an account the caller does not operate, changing nothing', async () => {
    const before = snapshot(t);
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-ly-weibo', kind: 'repost', link: 'https://x.cn/1' },
          WHO.opA,
        ),
      ),
    ).toBe('NOT_ACCOUNT_OPERATOR');
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-cs-wechat-sub', kind: 'repost', link: 'ftp://x' },
          WHO.opA,
        ),
      ),
    ).toBe('INVALID_LINK');
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-cs-personal', kind: 'repost', link: 'https://x.cn/1' },
          WHO.personal,
        ),
      ),
    ).toBe('NOT_TARGET');
    expect(snapshot(t)).toBe(before);
  });

  it('reminds at +30 only the operators of accounts that have not responded, once however often the timer runs', async () => {
    t.cloud.clock.set(at(30));
    t.cloud.resetStats();
    const first = await timer(t);
    expect(t.cloud.stats().fullScans).toBe(0);
    const again = await timer(t);
    expect(first.linkage).toMatchObject({ reminders: 1, targetsRead: 3, error: null });
    expect(again.linkage.reminders).toBe(0);
    const reminders = notices(t, 'linkageReminder');
    // Operator A still runs two accounts that have not answered; B too; 浏阳's operator one.
    expect(reminders.map((n) => n.recipientId)).toEqual(['p-cs-operator-a', 'p-cs-operator-b', 'p-ly-operator']);
    expect(reminders[0]?.text).toContain('还有 30 分钟');
    expect(reminders[0]?.text).not.toContain('微博');
  });

  it('at +50 reminds again; at +60 tells the responsible leaders and the city desk which accounts are late', async () => {
    await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-wechat-sub', kind: 'repost', link: 'https://mp.weixin.qq.com/s/1' },
        WHO.opB,
      ),
    );
    t.cloud.clock.set(at(50));
    const fifty = await timer(t);
    expect(fifty.linkage).toMatchObject({ reminders: 1, targetsRead: 2 });
    t.cloud.clock.set(at(60));
    const sixty = await timer(t);
    expect(sixty.linkage).toMatchObject({ lateReports: 1, targetsRead: 2 });
    const late = notices(t, 'linkageLate');
    // 第二十九条: 长沙's and 浏阳's responsible leaders, and 长沙's desk for both.
    expect(late.map((n) => n.recipientId)).toEqual(['p-cs-leader', 'p-cs-propaganda', 'p-ly-leader']);
    const desk = late.find((n) => n.recipientId === 'p-cs-propaganda');
    expect(desk?.text).toContain('长沙公安服务（微信服务号）');
    expect(desk?.text).toContain('浏阳公安（微博）');
    expect(late.find((n) => n.recipientId === 'p-ly-leader')?.link).toBe(
      `/packages/linkage/pages/board/index?id=${id}&unitId=u-ly`,
    );
  });

  it('counts a response after the window as late, with its time', async () => {
    t.cloud.clock.set(at(75));
    const r = await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-ly-weibo', kind: 'repost', link: 'https://weibo.com/ly/9' },
        WHO.countyOp,
      ),
    );
    expect(r.row).toMatchObject({
      state: 'late',
      stateLabel: '超时响应',
      response: { elapsedLabel: '1 小时 15 分', late: true },
    });
  });

  it('shows the board: totals by city from the tallies, the silent first, then the slowest', async () => {
    t.cloud.resetStats();
    const board = await ok(t.call('linkage', 'board', { directiveId: id }, WHO.provinceDesk));
    const reads = t.cloud.stats().documentsRead;
    expect(board.total).toMatchObject({ targets: 4, onTime: 2, late: 1, silent: 1 });
    expect(board.rows).toEqual([
      expect.objectContaining({ unitId: 'u-cs', unitName: '长沙市公安局', drillable: true, silent: 1 }),
    ]);
    expect(board.items.map((i) => [i.accountName, i.platformLabel, i.stateLabel])).toEqual([
      ['长沙公安服务', '微信服务号', '未响应'],
      ['浏阳公安', '微博', '超时响应'],
      ['长沙警事', '微信订阅号', '按时响应'],
      ['长沙警事', '微博', '按时响应'],
    ]);
    // directive + tallies of the rows + the page + the caller and tree bookkeeping — not the accounts.
    expect(reads).toBeLessThan(20);
    expect(t.cloud.stats().fullScans).toBe(0);
    const byStatus = async (status: 'silent' | 'late' | 'onTime') =>
      (await ok(t.call('linkage', 'board', { directiveId: id, status }, WHO.provinceDesk))).items.map(
        (i) => i.accountId,
      );
    expect(await byStatus('silent')).toEqual(['acc-cs-wechat-service']);
    expect(await byStatus('late')).toEqual(['acc-ly-weibo']);
    expect(await byStatus('onTime')).toEqual(['acc-cs-wechat-sub', 'acc-cs-weibo']);
    const first = await ok(t.call('linkage', 'board', { directiveId: id, limit: 1 }, WHO.provinceDesk));
    expect([first.items.length, first.nextOffset]).toEqual([1, 1]);
    const header = await ok(t.call('linkage', 'board', { directiveId: id, limit: 0 }, WHO.provinceDesk));
    expect([header.items, header.nextOffset, header.total.targets]).toEqual([[], null, 4]);
    // The city desk sees its own city: its counties, and its own accounts as the rest.
    const city = await ok(t.call('linkage', 'board', { directiveId: id }, WHO.cityDesk));
    expect(city.unitId).toBe('u-cs');
    expect(city.rows.map((r) => [r.unitName, r.targets])).toEqual([
      ['长沙市公安局本级', 3],
      ['浏阳市公安局', 1],
    ]);
    const county = await ok(t.call('linkage', 'board', { directiveId: id, unitId: 'u-ly' }, WHO.countyLeader));
    expect(county.items.map((i) => i.accountId)).toEqual(['acc-ly-weibo']);
    expect(await refusal(t.call('linkage', 'board', { directiveId: id, unitId: 'u-cs' }, WHO.countyLeader))).toBe(
      'OUT_OF_SCOPE',
    );
  });

  it('closes itself after the grace: the record is final, a response still coming is kept as late', async () => {
    t.cloud.clock.set(at(90));
    const run = await timer(t);
    expect(run.linkage.closed).toBe(1);
    expect(directives(t).find((d) => d._id === id)).toMatchObject({ state: 'closed', open: false, nextStepAt: null });
    expect(targetsOf(t, id).find((x) => x.accountId === 'acc-cs-wechat-service')?.state).toBe('none');
    expect(notices(t, 'linkageClosed').map((n) => [n.recipientId, n.text])).toEqual([
      ['p-hn-propaganda', '共 4 个账号：按时响应 2，超时响应 1，未响应 1。记录已定稿'],
    ]);
    t.cloud.clock.set(at(120));
    const late = await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-wechat-service', kind: 'repost', link: 'https://mp.weixin.qq.com/s/2' },
        WHO.opA,
      ),
    );
    expect(late.row).toMatchObject({ state: 'late', stateLabel: '关闭后补报', response: { afterClose: true } });
    const board = await ok(t.call('linkage', 'board', { directiveId: id }, WHO.provinceDesk));
    expect(board.total).toMatchObject({ onTime: 2, late: 2, silent: 0, afterClose: 1 });
    expect((await timer(t)).linkage.due).toBe(0);
  });

  it('keeps each account’s record for the monthly evaluation, by month and account', async () => {
    const month = await ok(t.call('linkage', 'records', { month: '2026-12' }, WHO.provinceDesk));
    expect(
      month.items.map((r) => [r.accountId, r.state, r.elapsedMs === null ? null : r.elapsedMs / MIN, r.final]),
    ).toEqual([
      ['acc-cs-wechat-service', 'late', 120, true],
      ['acc-cs-wechat-sub', 'onTime', 30, true],
      ['acc-cs-weibo', 'onTime', 12, true],
      ['acc-ly-weibo', 'late', 75, true],
    ]);
    const one = await ok(t.call('linkage', 'records', { month: '2026-12', accountId: 'acc-ly-weibo' }, WHO.cityDesk));
    expect(one.items).toHaveLength(1);
    expect(await refusal(t.call('linkage', 'records', { month: '2026-12' }, WHO.cityDesk))).toBe('OUT_OF_SCOPE');
    expect(await refusal(t.call('linkage', 'records', { month: '2026-13' }, WHO.provinceDesk))).toBe('MONTH_INVALID');
  });
});

describe('issuing: who, what, and a double tap', () => {
  const t = useTestCloud({ now: ISSUED });

  it('a double tap (the same form twice at once) issues one directive', async () => {
    const params = issueParams();
    const [a, b] = await Promise.all([
      t.call('linkage', 'issue', params, WHO.provinceDesk),
      t.call('linkage', 'issue', params, WHO.provinceDesk),
    ]);
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.data.directive.id).toBe(b.data.directive.id);
    expect(directives(t).filter((d) => d._id === a.data.directive.id)).toHaveLength(1);
    expect(notices(t, 'linkageIssued')).toHaveLength(3);
  });

  it('refuses a city desk until the province allows it, then lets it call its own matrix only', async () => {
    const before = snapshot(t);
    expect(await refusal(t.call('linkage', 'issue', issueParams(), WHO.cityDesk))).toBe('CITY_NOT_ALLOWED');
    expect(await refusal(t.call('linkage', 'issue', issueParams(), WHO.opA))).toBe('ROLE_REQUIRED');
    expect(await refusal(t.call('linkage', 'issue', issueParams({ title: ' ' }), WHO.provinceDesk))).toBe(
      'TITLE_REQUIRED',
    );
    expect(await refusal(t.call('linkage', 'issue', issueParams({ windowMinutes: 5 }), WHO.provinceDesk))).toBe(
      'WINDOW_INVALID',
    );
    expect(
      await refusal(
        t.call(
          'linkage',
          'issue',
          issueParams({ targets: { mode: 'filter', unitIds: [], platforms: ['kuaishou'] } }),
          WHO.provinceDesk,
        ),
      ),
    ).toBe('TARGETS_EMPTY');
    const bad = await t.post('linkage', { action: 'issue', ...issueParams(), extra: 1 }, WHO.provinceDesk);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(snapshot(t)).toBe(before);

    const settings = await ok(t.call('linkage', 'settings', {}, WHO.provinceDesk));
    expect(
      await refusal(
        t.call(
          'linkage',
          'setSettings',
          { expectedRev: settings.rev, cityDesks: 'all', cityIds: [], defaultWindowMinutes: 60, graceMinutes: 30 },
          WHO.cityDesk,
        ),
      ),
    ).toBe('OUT_OF_SCOPE');
    await ok(
      t.call(
        'linkage',
        'setSettings',
        {
          expectedRev: settings.rev,
          cityDesks: 'listed',
          cityIds: ['u-cs'],
          defaultWindowMinutes: 60,
          graceMinutes: 30,
        },
        WHO.provinceDesk,
      ),
    );
    const options = await ok(t.call('linkage', 'targetOptions', {}, WHO.cityDesk));
    expect(options).toMatchObject({ scopeUnitId: 'u-cs', units: [{ id: 'u-ly', name: '浏阳市公安局' }] });
    const city = await issue(
      t,
      { windowMinutes: 30, targets: { mode: 'filter', unitIds: ['u-ly'], platforms: [] } },
      WHO.cityDesk,
    );
    expect(city.directive).toMatchObject({
      scopeUnitName: '长沙市公安局',
      targetCount: 1,
      windowMinutes: 30,
      targetsLabel: '浏阳市公安局',
    });
    expect(
      await refusal(
        t.call(
          'linkage',
          'issue',
          issueParams({ targets: { mode: 'accounts', accountIds: ['acc-cs-weibo', 'nope'] } }),
          WHO.cityDesk,
        ),
      ),
    ).toBe('ACCOUNT_UNAVAILABLE');
  });

  it('previews how many accounts a call reaches and how many WeChat could reach now', async () => {
    const p = await ok(
      t.call(
        'linkage',
        'preview',
        { targets: { mode: 'filter', unitIds: ['u-cs'], platforms: ['weibo'] } },
        WHO.provinceDesk,
      ),
    );
    expect(p).toMatchObject({
      targetCount: 2,
      operatorPlaces: 3,
      reachableAccounts: 0,
      targetsLabel: '长沙市公安局 · 微博',
    });
    expect(p.units).toEqual([{ unitId: 'u-cs', unitName: '长沙市公安局', targets: 2, reachable: 0 }]);
  });

  it('withdraws with a reason: the operators still to respond are told, responses are refused', async () => {
    const v = await issue(t);
    const id = v.directive.id;
    await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-ly-weibo', kind: 'repost', link: 'https://weibo.com/ly/1' },
        WHO.countyOp,
      ),
    );
    expect(
      await refusal(
        t.call('linkage', 'withdraw', { directiveId: id, expectedRev: v.directive.rev, reason: '' }, WHO.provinceDesk),
      ),
    ).toBe('REASON_REQUIRED');
    expect(
      await refusal(
        t.call('linkage', 'withdraw', { directiveId: id, expectedRev: v.directive.rev, reason: '有误' }, WHO.cityDesk),
      ),
    ).toBe('OUT_OF_SCOPE');
    const w = await ok(
      t.call(
        'linkage',
        'withdraw',
        { directiveId: id, expectedRev: v.directive.rev, reason: '信息有误，另发更正' },
        WHO.provinceDesk,
      ),
    );
    expect(w.directive).toMatchObject({
      state: 'withdrawn',
      withdrawal: { reason: '信息有误，另发更正', byName: '周芳' },
    });
    const withdrawn = notices(t, 'linkageWithdrawn').filter((n) => n.subject?.id === id);
    // 浏阳 had responded: only 长沙's operators are told.
    expect(withdrawn.map((n) => n.recipientId)).toEqual(['p-cs-operator-a', 'p-cs-operator-b']);
    expect(withdrawn[0]?.text).toContain('信息有误，另发更正');
    expect(
      targetsOf(t, id)
        .map((x) => x.state)
        .sort(),
    ).toEqual(['onTime', 'withdrawn', 'withdrawn', 'withdrawn']);
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-cs-weibo', kind: 'repost', link: 'https://x.cn/1' },
          WHO.opA,
        ),
      ),
    ).toBe('DIRECTIVE_WITHDRAWN');
    expect(
      await refusal(
        t.call(
          'linkage',
          'withdraw',
          { directiveId: id, expectedRev: w.directive.rev, reason: '再撤' },
          WHO.provinceDesk,
        ),
      ),
    ).toBe('NOT_WITHDRAWABLE');
    // A correction is a new directive linked to the one it corrects.
    const fix = await issue(t, { correctionOf: id, title: '更正：澄清网传信息' });
    expect(fix.directive).toMatchObject({ correctionOf: id, correctionOfTitle: v.directive.title });
    const original = await ok(t.call('linkage', 'get', { directiveId: id }, WHO.provinceDesk));
    expect(original.directive.corrections.map((c) => c.id)).toEqual([fix.directive.id]);
    expect(notices(t, 'linkageIssued').find((n) => n.subject?.id === fix.directive.id)?.text).toContain('更正《');
  });
});

describe('responses arriving together', () => {
  const t = useTestCloud({ now: ISSUED });

  it('all land, each counted once in its bureau’s tally, however many come at the same moment', async () => {
    const id = (await issue(t)).directive.id;
    const answers = await Promise.all(
      [
        ['acc-cs-weibo', WHO.opA],
        ['acc-cs-wechat-sub', WHO.opB],
        ['acc-cs-wechat-service', WHO.opA],
        ['acc-ly-weibo', WHO.countyOp],
      ].map(([accountId, openid]) =>
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: accountId ?? '', kind: 'repost', link: 'https://x.cn/1' },
          openid,
        ),
      ),
    );
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true]);
    const tallies = new Map(talliesOf(t, id).map((x) => [x.key, x.onTime]));
    expect(Object.fromEntries(tallies)).toEqual({ 'u-cs': 4, 'u-ly': 1 });
    expect((await ok(t.call('linkage', 'board', { directiveId: id }, WHO.provinceDesk))).total).toMatchObject({
      onTime: 4,
      silent: 0,
    });
  });
});

describe('an operator’s directives, page by page', () => {
  const t = useTestCloud({ now: ISSUED });

  it('pages directives, each whole with all the caller’s accounts, never one twice', async () => {
    // Operator A runs three of the four accounts every directive calls.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.cloud.clock.set(at(i));
      ids.push((await issue(t, { title: `联动指令 ${i + 1}` })).directive.id);
    }
    await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: ids[1] ?? '', accountId: 'acc-cs-weibo', kind: 'repost', link: 'https://weibo.com/cs/1' },
        WHO.opA,
      ),
    );
    const walk = async (view: 'open' | 'all', limit: number) => {
      const pages: { ids: string[]; accounts: number[] }[] = [];
      let offset: number | null = 0;
      while (offset !== null) {
        const page: MineList = await ok(t.call('linkage', 'mine', { view, offset, limit }, WHO.opA));
        pages.push({ ids: page.items.map((i) => i.directive.id), accounts: page.items.map((i) => i.accounts.length) });
        offset = page.nextOffset;
      }
      return pages;
    };
    for (const limit of [1, 2]) {
      const all = await walk('all', limit);
      // Newest first; three accounts on every directive, whichever page it falls on.
      expect(all.flatMap((p) => p.ids)).toEqual([...ids].reverse());
      expect(all.flatMap((p) => p.accounts)).toEqual([3, 3, 3]);
      expect(all.every((p) => p.ids.length <= limit)).toBe(true);
      // Still to answer: the nearest deadline first; the one answered for a single account still
      // shows all three (one answered, two to go).
      const open = await walk('open', limit);
      expect(open.flatMap((p) => p.ids)).toEqual(ids);
      expect(open.flatMap((p) => p.accounts)).toEqual([3, 3, 3]);
    }
    const first = await ok(t.call('linkage', 'mine', { limit: 1 }, WHO.opA));
    expect([first.items.length, first.nextOffset, first.openCount]).toEqual([1, 1, 8]);
  });
});

describe('an account whose operators change while the clock runs', () => {
  const t = useTestCloud({ now: ISSUED, frozen: true });

  it('reminds whoever runs it now (第三十三条), not the operator replaced', async () => {
    const id = (await issue(t)).directive.id;
    // 浏阳公安 is handed from 郑洁 to 李娜 after the issue (stored as org.setOperators would; the demo
    // has no second 浏阳 operator to hand it to through the org rules of 第十一条).
    t.cloud.db.update(
      'accounts',
      { _id: 'acc-ly-weibo' },
      { operatorA: 'p-cs-operator-b' },
      { multi: false, replace: false, upsert: false },
    );
    t.cloud.clock.set(at(30));
    await timer(t);
    const reminders = notices(t, 'linkageReminder').filter((n) => n.subject?.id === id);
    expect(reminders.map((n) => n.recipientId)).toEqual(['p-cs-operator-a', 'p-cs-operator-b']);
    // 李娜 now answers for 浏阳公安 too: four accounts.
    expect(reminders.find((n) => n.recipientId === 'p-cs-operator-b')?.text).toContain('等 4 个账号');
  });
});
