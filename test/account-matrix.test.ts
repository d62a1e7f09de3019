/**
 * The matrix and the registry through the local cloud: counts from the maintained totals (第九条 gaps,
 * the bureaus reminded), the workbook read back with exceljs, closing an account with a hand-over
 * (第十三条), the personal-account registry and the unit's marks (第三十九条, 第四十二条), and the accounts
 * that predate the lifecycle (pre-system, org.upsertAccount, account.adoptExisting).
 */
import ExcelJS from 'exceljs';
import type { AccountMark, MatrixTotals } from '../typings/account';
import { demoOrg } from '../core/org/demo';
import { snapshot, useAccountCloud, WHO } from './account-helpers';
import { key, ok, refused } from './support/answers';

jest.setTimeout(60_000);

describe('matrix, registry and closing through the local cloud', () => {
  const t = useAccountCloud();
  const { notices, accountDoc } = t;

  describe('the matrix (第九条, 第三十四条)', () => {
    it('shows the province its cities with counts from the totals, and 浏阳 as a gap', async () => {
      const page = await t.ok('matrix', { unitId: 'u-hn', view: 'units' }, WHO.provinceDesk);
      expect(page.summary).toMatchObject({
        total: 5,
        open: 5,
        gapBureaus: 1,
        byKind: { institutional: 4, personal: 1 },
      });
      expect(page.summary.byPlatform.find((p) => p.platform === 'weibo')).toMatchObject({
        platformLabel: '微博',
        total: 2,
      });
      expect(page.units[0]).toMatchObject({ unitName: '湖南省公安厅（本级）', open: 0 });
      expect(page.units.find((u) => u.unitId === 'u-cs')).toMatchObject({
        open: 5,
        hasChildren: true,
        byFamily: { weibo: 2, wechat: 2, video: 1 },
      });
      const gaps = await t.ok('matrix', { unitId: 'u-hn', view: 'gaps' }, WHO.provinceDesk);
      expect(gaps.gaps).toEqual([
        {
          unitId: 'u-ly',
          unitName: '浏阳市公安局',
          level: 'county',
          missing: ['wechat'],
          missingLabel: '缺微信公众号',
        },
      ]);
      const city = await t.ok('matrix', { unitId: 'u-cs', view: 'units' }, WHO.cityDesk);
      expect(city.units.map((u) => u.unitName)).toEqual([
        '长沙市公安局（本级）',
        '浏阳市公安局',
        ...city.units.slice(2).map((u) => u.unitName),
      ]);
      expect(city.units[0]).toMatchObject({ open: 3, gaps: [] });
      const outside = await t.refused('matrix', { unitId: 'u-hn', view: 'units' }, WHO.cityDesk);
      expect(outside.code).toBe('OUT_OF_SCOPE');
    });

    it('lists the accounts of one facet a page at a time, in name order', async () => {
      const first = await t.ok('matrix', { unitId: 'u-hn', view: 'accounts', limit: 2 }, WHO.provinceDesk);
      expect(first.accounts.map((a) => a.name)).toEqual(['交警林晓', '浏阳公安']);
      expect(first.nextOffset).toBe(2);
      const rest = await t.ok('matrix', { unitId: 'u-hn', view: 'accounts', offset: 2, limit: 10 }, WHO.provinceDesk);
      expect(rest.accounts.map((a) => a.name)).toEqual(['长沙公安服务', '长沙警事', '长沙警事']);
      expect(rest.nextOffset).toBeNull();
      const weibo = await t.ok(
        'matrix',
        { unitId: 'u-cs', view: 'accounts', platform: 'weibo', state: 'active' },
        WHO.cityDesk,
      );
      expect(weibo.accounts.map((a) => `${a.name}·${a.unitName}`)).toEqual([
        '浏阳公安·浏阳市公安局',
        '长沙警事·长沙市公安局',
      ]);
      const personal = await t.ok('matrix', { unitId: 'u-cs', view: 'accounts', kind: 'personal' }, WHO.cityDesk);
      expect(personal.accounts).toHaveLength(1);
    });

    it('reminds each bureau with a gap once a day, however often the desk presses', async () => {
      const first = await t.ok('remindGaps', { unitId: 'u-cs' }, WHO.cityDesk);
      await t.ok('remindGaps', { unitId: 'u-hn' }, WHO.provinceDesk);
      expect(first.reminded).toBe(1);
      // 浏阳's desk has no staff in the demo: its responsible person (第二十九条) is told.
      const sent = notices('p-ly-reviewer', 'accountGap');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ title: '浏阳市公安局缺微信公众号' });
      expect(sent[0]?.text).toContain('第九条');
    });

    it('reminds them every Monday morning from the timer too', async () => {
      await t.setNow('2026-12-07T09:02:00+08:00');
      await t.cloud.timers.fire('timer');
      await t.cloud.timers.fire('timer');
      expect(notices('p-ly-reviewer', 'accountGap')).toHaveLength(2);
      await t.setNow('2026-12-08T09:02:00+08:00');
      await t.cloud.timers.fire('timer');
      expect(notices('p-ly-reviewer', 'accountGap')).toHaveLength(2);
    });

    it('exports the matrix as a workbook in storage, read back through its temporary link', async () => {
      const exported = await ok(t.call('export', 'matrix', { unitId: 'u-cs' }, WHO.cityDesk));
      expect(exported).toMatchObject({ accounts: 5 });
      expect(exported.fileID).toMatch(/^cloud:\/\/.+\/exports\/matrix\/u-cs\/.+\.xlsx$/);
      const res = await fetch(exported.url);
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '账号清单', '缺口', '说明']);
      const cellText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
      const rows = (name: string): string[][] => {
        const out: string[][] = [];
        wb.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1).map(cellText)));
        return out;
      };
      const list = rows('账号清单');
      expect(list[0]).toEqual(['账号名称', '平台', '类别', '所属单位', '状态', '来源', '实名认证', '开设审批时间']);
      expect(list.slice(1).map((r) => r[0])).toEqual(['交警林晓', '浏阳公安', '长沙公安服务', '长沙警事', '长沙警事']);
      expect(list[1]).toEqual([
        '交警林晓',
        '抖音',
        '个人账号',
        '长沙市公安局交警支队',
        '正常运营',
        '系统前已开设',
        '是',
        '',
      ]);
      expect(rows('缺口').slice(1)).toEqual([['浏阳市公安局', '县市区', '微信公众号', '第九条']]);
      const summary = rows('汇总');
      expect(summary.find((r) => r[0] === '长沙市公安局')?.slice(2, 8)).toEqual(['2', '2', '1', '0', '0', '5']);
      const denied = await refused(t.call('export', 'matrix', { unitId: 'u-cs' }, WHO.opA));
      expect(denied.code).toBe('ROLE_REQUIRED');
    });
  });

  describe('closing with a hand-over (第十三条)', () => {
    it('lists the open items, refuses to close until they are handed over, then closes', async () => {
      await t.setNow('2026-12-09T10:00:00+08:00');
      // An open message on 长沙公安服务 (the WeChat service account).
      const recorded = await ok(
        t.call(
          'referral',
          'messageRecord',
          {
            accountId: 'acc-cs-wechat-service',
            senderNickname: '网友',
            text: '请问户口迁移需要哪些材料？',
            receivedAt: '2026-12-09T09:30:00.000+08:00',
            link: null,
          },
          WHO.opA,
        ),
      );
      const messageId = recorded.messages[0]?.id ?? '';
      const app = await t.ok(
        'applyClose',
        { accountId: 'acc-cs-wechat-service', type: 'cancel', reason: '服务功能并入订阅号', clientKey: key('close') },
        WHO.admin,
      );
      expect(app).toMatchObject({
        type: 'cancel',
        deciderId: 'u-hn-xcc',
        deciderArticle: '第十三条',
        state: 'pending',
      });
      expect(app.openItems?.total).toBe(1);
      expect(app.openItems?.items[0]?.summary).toContain('户口迁移');
      const twice = await t.refused(
        'applyClose',
        { accountId: 'acc-cs-wechat-service', type: 'close', reason: '再申请', clientKey: key('close') },
        WHO.admin,
      );
      expect(twice.code).toBe('CLOSE_PENDING');
      const before = snapshot(t, 'accounts', 'accountApplications', 'filings');
      const blocked = await t.refused(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'approve' },
        WHO.provinceDesk,
      );
      expect(blocked.code).toBe('OPEN_ITEMS');
      expect(blocked.message).toContain('第十三条');
      expect(snapshot(t, 'accounts', 'accountApplications', 'filings')).toBe(before);

      const badTarget = await t.refused(
        'handover',
        { accountId: 'acc-cs-wechat-service', toAccountId: 'acc-ly-weibo' },
        WHO.opA,
      );
      expect(badTarget.code).toBe('HANDOVER_TARGET');
      const moved = await t.ok(
        'handover',
        { accountId: 'acc-cs-wechat-service', toAccountId: 'acc-cs-wechat-sub' },
        WHO.opA,
      );
      expect(moved).toEqual({ moved: 1, remaining: 0 });
      expect((t.cloud.db.get('messages', messageId) as unknown as { accountId: string }).accountId).toBe(
        'acc-cs-wechat-sub',
      );

      const fresh = await t.ok('application', { applicationId: app.id }, WHO.provinceDesk);
      expect(fresh.openItems?.total).toBe(0);
      const decided = await t.ok(
        'decide',
        { applicationId: app.id, expectedRev: fresh.rev, decision: 'approve' },
        WHO.provinceDesk,
      );
      expect(decided.state).toBe('approved');
      expect(accountDoc('acc-cs-wechat-service')).toMatchObject({
        state: 'cancelled',
        lifecycle: { closedAt: expect.stringMatching(/^2026-12-09T10:00/) as unknown as string },
      });
      expect(t.cloud.db.find('filings', { accountId: 'acc-cs-wechat-service' })).toEqual([
        expect.objectContaining({ event: 'cancel', filerDeskId: 'u-cs-xcc', receiverDeskId: 'u-hn-xcc' }),
      ]);
      // The history stays: the account, its events, the moved message's audit entry.
      expect(t.cloud.db.find('accountEvents', { accountId: 'acc-cs-wechat-service' })).toEqual([
        expect.objectContaining({ from: 'active', to: 'cancelled', article: '第十三条', month: '2026-12' }),
      ]);
    });

    it('takes no posts, messages or referrals on the cancelled account', async () => {
      const message = await refused(
        t.call(
          'referral',
          'messageRecord',
          {
            accountId: 'acc-cs-wechat-service',
            senderNickname: null,
            text: '还在吗',
            receivedAt: '2026-12-09T10:00:00.000+08:00',
            link: null,
          },
          WHO.opA,
        ),
      );
      expect(message).toMatchObject({ code: 'ACCOUNT_NOT_OPEN' });
      expect(message.message).toContain('第十三条');
      const post = await refused(
        t.call(
          'post',
          'draftSave',
          {
            accountId: 'acc-cs-wechat-service',
            clientKey: key('post'),
            content: { title: '测试', text: '内容', images: [], kind: 'original', source: null },
            nature: 'official',
            declaredLevel: 'ordinary',
            sourceVerified: false,
            plannedAt: null,
          },
          WHO.opA,
        ),
      );
      expect(post.code).toBe('ACCOUNT_INACTIVE');
      expect(post.message).toContain('已注销');
      // The matrix counts it as cancelled now, from the totals.
      const page = await t.ok('matrix', { unitId: 'u-cs', view: 'units' }, WHO.cityDesk);
      expect(page.summary).toMatchObject({ total: 5, open: 4 });
      expect(page.summary.byPlatform.find((p) => p.platform === 'wechatService')?.byState).toEqual({ cancelled: 1 });
    });
  });

  describe('the personal-account registry (第三十九条—第四十二条)', () => {
    it('registers an officer’s and a 辅警’s accounts at once, once per key', async () => {
      const clientKey = key('reg');
      const params = {
        platform: 'weibo' as const,
        name: '交警林晓',
        platformId: 'weibo-lx',
        realNameVerified: false,
        clientKey,
      };
      const [a, b] = await Promise.all([
        t.ok('register', params, WHO.personal),
        t.ok('register', params, WHO.personal),
      ]);
      expect(a.account?.accountId).toBe(b.account?.accountId);
      expect(a.account).toMatchObject({
        state: 'active',
        origin: 'registered',
        owner: { name: '林晓' },
        realNameVerified: false,
      });
      const dup = await t.refused('register', { ...params, clientKey: key('reg') }, WHO.personal);
      expect(dup.code).toBe('DUPLICATE_ACCOUNT');
      // 林晓 is made a 辅警 (第三十九条 last sentence): still registered, and the registry says so.
      t.setPerson('p-cs-personal', { auxiliary: true });
      const aux = await t.ok('register', { ...params, platform: 'kuaishou', clientKey: key('reg') }, WHO.personal);
      expect(aux.account).toMatchObject({ ownerAuxiliary: true });
      const mine = await t.ok('personal', {}, WHO.personal);
      expect(mine.items.map((i) => i.platformLabel).sort()).toEqual(['微博', '快手', '抖音'].sort());
    });

    it('sends a classified-post officer’s registration to the unit first', async () => {
      t.setPerson('p-cs-operator-b', { classifiedPost: true });
      const result = await t.ok(
        'register',
        { platform: 'douyin', name: '警花李娜', platformId: 'dy-ln', realNameVerified: true, clientKey: key('reg') },
        WHO.opB,
      );
      expect(result.account).toBeNull();
      expect(result.application).toMatchObject({
        type: 'register',
        state: 'pending',
        deciderName: '长沙市公安局政治部宣传处',
      });
      const registry = await t.ok('registry', { unitId: 'u-cs' }, WHO.cityDesk);
      expect(registry.awaiting).toBe(1);
      expect(registry.items.map((i) => i.name)).not.toContain('警花李娜');
      const app = await t.ok('application', { applicationId: result.application?.id ?? '' }, WHO.cityDesk);
      const approved = await t.ok(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'approve', reason: '因工作需要' },
        WHO.cityDesk,
      );
      const account = accountDoc(approved.accountId ?? '');
      expect(account).toMatchObject({ state: 'active', kind: 'personal', ownerId: 'p-cs-operator-b' });
      expect(account.exceptionApproval).toContain('陈静');
      expect(
        notices('p-cs-operator-b', 'accountApplicationDecided').filter((n) => n.text.includes('警花李娜')),
      ).toHaveLength(1);
      t.setPerson('p-cs-operator-b', { classifiedPost: false });
    });

    it('refuses special-work people (第九条)', async () => {
      t.setPerson('p-cs-guobao', { openid: 'guobao' });
      const special = await t.refused(
        'register',
        { platform: 'weibo', name: '罗斌', platformId: 'x', realNameVerified: true, clientKey: key('reg') },
        'guobao',
      );
      expect(special.code).toBe('SPECIAL_WORK');
    });

    it('lets the unit mark accounts for support or a reminder, each mark kept by month', async () => {
      const registry = await t.ok('registry', { unitId: 'u-cs' }, WHO.cityDesk);
      const target = registry.items.find((i) => i.platformLabel === '微博' && i.name === '交警林晓');
      if (!target) throw new Error('registered account not listed');
      const support = await t.ok(
        'mark',
        { accountId: target.accountId, expectedRev: target.rev, kind: 'support', note: '坚持发布安全提示' },
        WHO.cityDesk,
      );
      expect(support.mark).toMatchObject({ kind: 'support', byName: '陈静' });
      const stale = await t.refused(
        'mark',
        { accountId: target.accountId, expectedRev: target.rev, kind: 'reminder', note: '注意表达' },
        WHO.cityDesk,
      );
      expect(stale.code).toBe('CONFLICT');
      await t.ok(
        'mark',
        { accountId: target.accountId, expectedRev: support.rev, kind: 'reminder', note: '评论区回复过激，请注意' },
        WHO.cityDesk,
      );
      const history = await t.ok('marks', { accountId: target.accountId }, WHO.personal);
      expect(history.items.map((m) => m.kind)).toEqual(['reminder', 'support']);
      const month = t.cloud.db.find('accountMarks', { month: '2026-12' }) as unknown as AccountMark[];
      expect(month).toHaveLength(2);
      const notMine = await t.refused(
        'mark',
        { accountId: target.accountId, expectedRev: 0, kind: 'support', note: 'x' },
        WHO.opA,
      );
      expect(notMine.code).toBe('ROLE_REQUIRED');
      const institutional = await t.refused(
        'mark',
        { accountId: 'acc-cs-weibo', expectedRev: accountDoc('acc-cs-weibo').rev, kind: 'support', note: 'x' },
        WHO.cityDesk,
      );
      expect(institutional.code).toBe('NOT_PERSONAL');
    });
  });

  describe('accounts from before the system', () => {
    it('tells the roster who may register a unit’s older accounts: its approving desk or one above (第十条)', async () => {
      const may = async (unitId: string, who: string): Promise<boolean> =>
        (await ok(t.call('org', 'listAccounts', { unitId, limit: 1 }, who))).canRegister;
      // 长沙市公安局 (a bureau) is approved one level up; its 交警支队 (a department) by the city's desk.
      expect(await may('u-cs', WHO.provinceDesk)).toBe(true);
      expect(await may('u-cs', WHO.cityDesk)).toBe(false);
      expect(await may('u-cs', WHO.admin)).toBe(false);
      expect(await may('u-cs-jj', WHO.cityDesk)).toBe(true);
      expect(await may('u-cs-jj', WHO.admin)).toBe(false);
      expect(await may('u-cs-jj', WHO.provinceDesk)).toBe(true);
    });

    it('lets only the desk that would approve it bring an account into the roster, and never changes state outside the lifecycle', async () => {
      const fields = {
        platform: 'toutiao' as const,
        name: '长沙警事',
        platformId: 'tt-cs',
        unitId: 'u-cs',
        kind: 'institutional' as const,
        ownerId: null,
        realNameVerified: true,
        operatorA: 'p-cs-operator-a',
        operatorB: 'p-cs-operator-b',
        reviewerIds: ['p-cs-reviewer'],
        state: 'active' as const,
        exceptionApproval: null,
      };
      const city = await refused(
        t.call('org', 'upsertAccount', { id: null, expectedRev: 0, account: fields }, WHO.cityDesk),
      );
      expect(city.code).toBe('APPLICATION_REQUIRED');
      expect(city.message).toContain('第十条');
      const closedEntry = await refused(
        t.call(
          'org',
          'upsertAccount',
          { id: null, expectedRev: 0, account: { ...fields, state: 'closed' } },
          WHO.provinceDesk,
        ),
      );
      expect(closedEntry.code).toBe('STATE_BY_LIFECYCLE');
      const made = await t.call(
        'org',
        'upsertAccount',
        { id: null, expectedRev: 0, account: fields },
        WHO.provinceDesk,
      );
      if (!made.ok) throw new Error(made.error.message);
      expect(accountDoc(made.data.id)).toMatchObject({
        lifecycle: { origin: 'preSystem', approvingDeskId: 'u-hn-xcc' },
      });
      const totals = t.cloud.db.get('matrixTotals', 'u-cs') as unknown as MatrixTotals;
      expect(totals.subtree['toutiao|institutional|active']).toBe(1);
      const close = await refused(
        t.call(
          'org',
          'upsertAccount',
          { id: made.data.id, expectedRev: made.data.rev, account: { ...fields, state: 'closed' } },
          WHO.provinceDesk,
        ),
      );
      expect(close.code).toBe('STATE_BY_LIFECYCLE');
    });

    it('brings in documents written before the lifecycle and rebuilds the totals', async () => {
      const legacy = {
        ...demoOrg().accounts.find((a) => a._id === 'acc-ly-weibo'),
        _id: 'acc-legacy',
        name: '浏阳警方',
        platform: 'wechatService',
      };
      t.cloud.db.insert('accounts', [legacy as never]);
      const denied = await t.refused('adoptExisting', {}, WHO.cityDesk);
      expect(denied.code).toBe('OUT_OF_SCOPE');
      const result = await t.ok('adoptExisting', {}, WHO.provinceDesk);
      expect(result).toMatchObject({
        adopted: 1,
        nextCursor: null,
        totals: { accounts: t.cloud.db.find('accounts', {}).length },
      });
      expect(accountDoc('acc-legacy')).toMatchObject({
        lifecycle: { origin: 'preSystem', approvingDeskId: 'u-cs-xcc' },
        nameKey: '浏阳警方',
      });
      // 浏阳 has a WeChat service account now: its gap is closed, counted up to the province.
      expect(t.cloud.db.get('matrixTotals', 'u-ly')).toMatchObject({ gap: false });
      const again = await t.ok('adoptExisting', {}, WHO.provinceDesk);
      expect(again.adopted).toBe(0);
    });
  });
});
