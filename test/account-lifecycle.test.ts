/**
 * The account lifecycle through the local cloud (function → wx-server-sdk → database): opening
 * applications and who decides them (第十条, 第十一条), refusals outright (第九条, 第三十九条, duplicates),
 * double taps and two deciders at once, the setup tasks (第十二条) and the post guard, filing with the
 * desk one level up and its reminders (第十四条), and closing with a hand-over (第十三条).
 */
import type { AccountEvent, ApplicationDetail, Filing } from '../typings/account';
import type { Person } from '../typings/org';
import type { Notification } from '../typings/notify';
import {
  addTrafficStaff,
  applying,
  conditions,
  opening,
  snapshot,
  TRAFFIC,
  useAccountCloud,
  WHO,
} from './account-helpers';
import { key } from './support/answers';

jest.setTimeout(60_000);

describe('account lifecycle through the local cloud', () => {
  const t = useAccountCloud({}, addTrafficStaff);
  const { notices, accountDoc } = t;

  describe('applying (第十条, 第十一条)', () => {
    it('offers every unit in the caller’s scope to apply for, searched and paged, never a unit of special work', async () => {
      const names = async (params: { search?: string; offset?: number; limit?: number }, who: string) =>
        (await t.ok('applicantUnits', params, who)).items.map((u) => u.name);
      const admin = await names({ limit: 100 }, WHO.admin);
      // 长沙's unit admin: the bureau first, then its units and 浏阳 with its own, in the tree's order.
      expect(admin[0]).toBe('长沙市公安局');
      expect(admin).toEqual(expect.arrayContaining(['长沙市公安局交警支队', '浏阳市公安局', '浏阳市公安局刑侦大队']));
      expect(admin).not.toContain('长沙市公安局国保支队');
      expect(admin).not.toContain('湖南省公安厅');
      expect(await names({ search: '刑侦' }, WHO.admin)).toEqual(['长沙市公安局刑侦支队', '浏阳市公安局刑侦大队']);
      const first = await t.ok('applicantUnits', { limit: 2 }, WHO.admin);
      expect(first.nextOffset).toBe(2);
      expect(await names({ offset: 2, limit: 100 }, WHO.admin)).toEqual(admin.slice(2));
      expect(first.items[1]).toMatchObject({ parentName: '长沙市公安局' });
      // The province's desk reaches every unit; an operator applies for none.
      expect(await names({ search: '浏阳市公安局网安' }, WHO.provinceDesk)).toEqual(['浏阳市公安局网安大队']);
      expect(await names({}, WHO.opA)).toEqual([]);
      const bad = await t.refused('applicantUnits', { limit: 1000 }, WHO.admin);
      expect(bad.code).toBe('INVALID_INPUT');
    });

    it('sends a department’s application to its own level’s desk, once however often it is tapped', async () => {
      const clientKey = key('apply');
      const params = { ...opening({ name: '长沙交警出行' }), clientKey };
      const [a, b] = await Promise.all([t.ok('apply', params, WHO.admin), t.ok('apply', params, WHO.admin)]);
      expect(a.id).toBe(b.id);
      expect(a).toMatchObject({
        state: 'pending',
        deciderId: 'u-cs-xcc',
        deciderName: '长沙市公安局政治部宣传处',
        deciderArticle: '第十条',
        applicantName: '吴刚',
        staff: { operatorA: { name: '周强' }, operatorB: { name: '吴燕' }, reviewers: [{ name: '郑华' }] },
        log: [{ step: 'submit', article: '第十条', personName: '吴刚' }],
      });
      expect(t.cloud.db.find('accountApplications', { name: '长沙交警出行' })).toHaveLength(1);
      expect(notices('p-cs-propaganda', 'accountApplicationPending')).toHaveLength(1);
      // A retry much later still answers the same application.
      expect((await t.ok('apply', params, WHO.admin)).id).toBe(a.id);
    });

    it('sends a bureau’s application one level up', async () => {
      const county = await t.ok(
        'apply',
        applying({
          unitId: 'u-ly',
          platform: 'wechatSubscription',
          name: '浏阳警方',
          conditions: conditions({ operatorA: 'p-ly-operator', operatorB: null, reviewerIds: ['p-ly-reviewer'] }),
        }),
        WHO.countyLeader,
      );
      expect(county).toMatchObject({ deciderId: 'u-cs-xcc', deciderArticle: '第十条' });
      const city = await t.ok(
        'apply',
        applying({
          unitId: 'u-cs',
          platform: 'toutiao',
          name: '长沙警事',
          conditions: conditions({
            operatorA: 'p-cs-operator-a',
            operatorB: 'p-cs-operator-b',
            reviewerIds: ['p-cs-reviewer'],
          }),
        }),
        WHO.admin,
      );
      expect(city).toMatchObject({ deciderId: 'u-hn-xcc', deciderName: '湖南省公安厅政治部宣传处' });
    });

    it('refuses outright, with the article, and changes nothing', async () => {
      const before = snapshot(t, 'accountApplications', 'accountNames', 'notifications');
      const special = await t.refused('apply', applying({ unitId: 'u-cs-gb', name: '长沙国保' }), WHO.admin);
      expect(special.code).toBe('SPECIAL_WORK');
      expect(special.message).toContain('第九条');
      const classified = await t.refused(
        'apply',
        applying({ name: '长沙交警二号', conditions: conditions({ reviewerIds: ['p-cs-guobao'] }) }),
        WHO.admin,
      );
      // 罗斌 works in 国保 and holds a classified post: 第九条 comes first.
      expect(classified.code).toBe('SPECIAL_WORK');
      // The pending 长沙交警出行 holds the name on Douyin for 长沙交警; another key cannot take it.
      const duplicate = await t.refused('apply', applying({ name: '长沙交警出行' }), WHO.admin);
      expect(duplicate).toMatchObject({ code: 'DUPLICATE_ACCOUNT' });
      expect(duplicate.message).toContain('第十条');
      // An active account of the same platform and name (the demo's 长沙警事 Weibo) is a duplicate too.
      const active = await t.refused(
        'apply',
        applying({ unitId: 'u-cs', platform: 'weibo', name: '长沙 警事' }),
        WHO.admin,
      );
      expect(active.code).toBe('DUPLICATE_ACCOUNT');
      const unmet = await t.refused(
        'apply',
        applying({
          name: '长沙交警三号',
          conditions: conditions({ operatorB: null, reviewerIds: [], funding: { attested: false, note: '' } }),
        }),
        WHO.admin,
      );
      expect(unmet.code).toBe('CONDITIONS_UNMET');
      expect(unmet.message).toContain('两名以上民警（AB角）');
      expect(unmet.message).toContain('审核民警（第十六条）');
      expect(unmet.message).toContain('工作经费（第十一条）');
      const outOfScope = await t.refused('apply', applying({ unitId: 'u-ly', name: '浏阳交警' }), WHO.opA);
      expect(outOfScope.code).toBe('ROLE_REQUIRED');
      expect(snapshot(t, 'accountApplications', 'accountNames', 'notifications')).toBe(before);
    });

    it('lets a classified-post person be named only with the unit’s approval (第三十九条)', async () => {
      // 马超 moved to a classified post (data as an admin would leave it).
      t.setPerson('p-jj-r', { classifiedPost: true });
      try {
        const refusedClassified = await t.refused('apply', applying({ name: '长沙交警四号' }), WHO.admin);
        expect(refusedClassified.code).toBe('CLASSIFIED_POST');
        expect(refusedClassified.message).toContain('第三十九条');
        const approved = await t.ok(
          'apply',
          applying({ name: '长沙交警四号', conditions: conditions({ exceptionApproval: '长公宣〔2026〕12号' }) }),
          WHO.admin,
        );
        expect(approved.opening?.conditions.exceptionApproval).toBe('长公宣〔2026〕12号');
        await t.ok('withdraw', { applicationId: approved.id, expectedRev: approved.rev }, WHO.admin);
      } finally {
        t.setPerson('p-jj-r', { classifiedPost: false });
      }
    });
  });

  describe('deciding', () => {
    let app: ApplicationDetail;

    beforeAll(async () => {
      app = await t.ok('apply', applying({ name: '长沙交警' }), WHO.admin);
    });

    it('refuses a desk outside the application’s level, with its article', async () => {
      const wrong = await t.refused(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'approve' },
        WHO.provinceDesk,
      );
      expect(wrong.code).toBe('NOT_DECIDER');
      expect(wrong.message).toBe('该申请应由长沙市公安局政治部宣传处审批（第十条）');
      const noReason = await t.refused(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'refuse' },
        WHO.cityDesk,
      );
      expect(noReason.code).toBe('REASON_REQUIRED');
    });

    it('sends back for changes, the applicant amends, and the decider sees it again', async () => {
      const returned = await t.ok(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'return', reason: '栏目规划请细化' },
        WHO.cityDesk,
      );
      expect(returned).toMatchObject({ state: 'returned', can: { amend: false, decide: false } });
      expect(notices('p-cs-admin', 'accountApplicationDecided').map((n) => n.title)).toContain('账号申请退回修改');
      const decided = await t.ok('applications', { box: 'decided' }, WHO.cityDesk);
      expect(decided.items.map((i) => i.id)).toContain(app.id);
      const amended = await t.ok(
        'amend',
        {
          ...opening({ name: '长沙交警', columnPlan: '路况早知道（每日7:30）；交通安全课（每周三）' }),
          applicationId: app.id,
          expectedRev: returned.rev,
        },
        WHO.admin,
      );
      expect(amended.state).toBe('pending');
      expect(amended.log.map((s) => s.step)).toEqual(['submit', 'return', 'resubmit']);
      const toDecide = await t.ok('applications', { box: 'toDecide' }, WHO.cityDesk);
      expect(toDecide.items.map((i) => i.id)).toContain(app.id);
      app = amended;
    });

    it('makes one decision when two desk members decide at once', async () => {
      // A second member of the 长沙 desk.
      const colleague: Person = {
        ...(t.cloud.db.get('people', 'p-cs-propaganda') as unknown as Person),
        _id: 'p-cs-propaganda-2',
        name: '钱芳',
        badgeNo: '430099',
        openid: 'city-desk-2',
      };
      t.cloud.db.insert('people', [colleague as never]);
      const raced = await t.ok('apply', applying({ name: '长沙交警在线' }), WHO.admin);
      const answers = await Promise.all([
        t.call(
          'account',
          'decide',
          { applicationId: raced.id, expectedRev: raced.rev, decision: 'approve' },
          WHO.cityDesk,
        ),
        t.call(
          'account',
          'decide',
          { applicationId: raced.id, expectedRev: raced.rev, decision: 'refuse', reason: '不同意' },
          'city-desk-2',
        ),
      ]);
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      const lost = answers.find((a) => !a.ok);
      expect(lost && !lost.ok && ['CONFLICT', 'NOT_PENDING'].includes(lost.error.code)).toBe(true);
      const stored = t.cloud.db.get('accountApplications', raced.id) as unknown as { state: string; log: unknown[] };
      expect(stored.log).toHaveLength(2);
      // Whichever won, it happened once: one account at most, one filing at most.
      const made = t.cloud.db.find('accounts', { name: '长沙交警在线' });
      expect(made).toHaveLength(stored.state === 'approved' ? 1 : 0);
      expect(t.cloud.db.find('filings', { accountName: '长沙交警在线' })).toHaveLength(made.length);
      // An approval tells the operators named in the application; a refusal, the applicant alone.
      const operatorHeard = notices('p-jj-a', 'accountApplicationDecided').filter((n) => n.subject?.id === raced.id);
      expect(operatorHeard).toHaveLength(made.length);
    });

    it('approves: the applicant and the operators hear of it', async () => {
      app = await t.ok('decide', { applicationId: app.id, expectedRev: app.rev, decision: 'approve' }, WHO.cityDesk);
      expect(app).toMatchObject({ state: 'approved', stateLabel: '已同意' });
      expect(app.accountId).not.toBeNull();
      expect(notices('p-cs-admin', 'accountApplicationDecided').map((n) => n.title)).toContain('账号申请同意');
      // Once for this application. p-jj-a is named in the raced application too, which either desk member
      // may have won: counting all of their notices made this test depend on the race's order.
      const heard = notices('p-jj-a', 'accountApplicationDecided').filter((n) => n.subject?.id === app.id);
      expect(heard.map((n) => n.title)).toEqual(['账号申请同意']);
      const again = await t.refused(
        'decide',
        { applicationId: app.id, expectedRev: app.rev, decision: 'refuse', reason: '晚了' },
        WHO.cityDesk,
      );
      expect(again.code).toBe('NOT_PENDING');
    });
  });

  describe('after approval (第十二条, 第十四条)', () => {
    let accountId: string;
    let filing: Filing;

    beforeAll(() => {
      const approved = t.cloud.db.find('accountApplications', {
        name: '长沙交警',
        state: 'approved',
      })[0] as unknown as {
        accountId: string;
      };
      accountId = approved.accountId;
      filing = t.cloud.db.find('filings', { accountId })[0] as unknown as Filing;
    });

    it('creates the account as approved with its setup tasks, recorded as a state change', () => {
      const account = accountDoc(accountId);
      expect(account).toMatchObject({
        state: 'approved',
        unitId: 'u-cs-jj',
        operatorA: 'p-jj-a',
        lifecycle: { origin: 'application', approvingDeskId: 'u-cs-xcc', applicantId: 'p-cs-admin' },
      });
      expect(account.lifecycle?.tasks.map((task) => task.key)).toEqual([
        'standardName',
        'realName',
        'avatar',
        'background',
        'columnPlan',
      ]);
      const events = t.cloud.db.find('accountEvents', { accountId }) as unknown as AccountEvent[];
      expect(events).toEqual([
        expect.objectContaining({ from: null, to: 'approved', article: '第十条', month: '2026-11' }),
      ]);
    });

    it('refuses posts until the tasks are done', async () => {
      const draft = await t.call(
        'post',
        'draftSave',
        {
          accountId,
          clientKey: key('post'),
          content: { title: '测试', text: '内容', images: [], kind: 'original', source: null },
          nature: 'official',
          declaredLevel: 'ordinary',
          sourceVerified: false,
          plannedAt: null,
        },
        TRAFFIC.a,
      );
      expect(draft.ok).toBe(false);
      if (!draft.ok) {
        expect(draft.error.code).toBe('ACCOUNT_INACTIVE');
        expect(draft.error.message).toContain('第十二条');
      }
    });

    it('checks the name against the province’s rule and the images against storage', async () => {
      let setup = await t.ok('setup', { accountId }, TRAFFIC.a);
      expect(setup.nameExamples).toContain('长沙交警');
      const bad = await t.refused(
        'completeTask',
        { accountId, expectedRev: setup.account.rev, task: { key: 'standardName', name: '交警官方认证号' } },
        TRAFFIC.a,
      );
      expect(bad.code).toBe('NAME_NONSTANDARD');
      expect(bad.message).toContain('第十二条');
      const missing = await t.refused(
        'completeTask',
        {
          accountId,
          expectedRev: setup.account.rev,
          task: { key: 'avatar', fileID: 'cloud://local-dev.x/none.png' },
        },
        TRAFFIC.a,
      );
      expect(missing.code).toBe('IMAGE_MISSING');
      const stranger = await t.refused(
        'completeTask',
        { accountId, expectedRev: setup.account.rev, task: { key: 'realName', platformId: 'x' } },
        WHO.opA, // an operator, but not of this account
      );
      expect(stranger.code).toBe('NOT_ACCOUNT_SETUP');

      setup = await t.ok(
        'completeTask',
        { accountId, expectedRev: setup.account.rev, task: { key: 'standardName', name: '长沙交警' } },
        TRAFFIC.a,
      );
      setup = await t.ok(
        'completeTask',
        { accountId, expectedRev: setup.account.rev, task: { key: 'realName', platformId: 'dy-csjj' } },
        TRAFFIC.b,
      );
      for (const task of ['avatar', 'background', 'columnPlan'] as const) {
        const fileID = t.cloud.storage.put(`accounts/${accountId}/${task}.png`, Buffer.from('png'));
        setup = await t.ok(
          'completeTask',
          { accountId, expectedRev: setup.account.rev, task: { key: task, fileID } },
          WHO.admin,
        );
      }
      expect(setup.account).toMatchObject({ state: 'active', realNameVerified: true, platformId: 'dy-csjj' });
      expect(setup.tasks.every((task) => task.done)).toBe(true);
      expect(Object.keys(setup.imageUrls).sort()).toEqual(['avatar', 'background', 'columnPlan']);
      const events = t.cloud.db.find(
        'accountEvents',
        { accountId },
        { sort: [['at', 1]] },
      ) as unknown as AccountEvent[];
      expect(events.map((e) => `${e.from}→${e.to}`)).toEqual(['null→approved', 'approved→active']);
    });

    it('files the opening with the desk one level up, which acknowledges or queries it', async () => {
      expect(filing).toMatchObject({
        event: 'open',
        state: 'due',
        filerDeskId: 'u-cs-xcc',
        receiverDeskId: 'u-hn-xcc',
        // 5 working days after Monday 11-30: Monday 12-07.
        dueAt: '2026-12-07T23:59:59.999+08:00',
      });
      const sent = await t.ok('filings', { box: 'sent', state: 'due' }, WHO.cityDesk);
      expect(sent.items.map((f) => f.id)).toContain(filing._id);
      const notFiler = await t.refused(
        'submitFiling',
        { filingId: filing._id, expectedRev: filing.rev, note: '报备', documents: [] },
        WHO.provinceDesk,
      );
      expect(notFiler.code).toBe('NOT_FILER');
      const doc = t.cloud.storage.put('filings/approval.pdf', Buffer.from('%PDF'));
      const filed = await t.ok(
        'submitFiling',
        { filingId: filing._id, expectedRev: filing.rev, note: '经审批同意开设，附审批表', documents: [doc] },
        WHO.cityDesk,
      );
      expect(filed).toMatchObject({ state: 'filed', can: { file: false } });
      expect(notices('p-hn-propaganda', 'filingReceived')).toHaveLength(1);
      const inbox = await t.ok('filings', { box: 'received', state: 'filed' }, WHO.provinceDesk);
      expect(inbox.items.find((f) => f.id === filing._id)).toMatchObject({ can: { acknowledge: true, query: true } });
      const queried = await t.ok(
        'queryFiling',
        { filingId: filing._id, expectedRev: filed.rev, question: '请补充实名认证截图' },
        WHO.provinceDesk,
      );
      expect(queried.state).toBe('queried');
      expect(notices('p-cs-propaganda', 'filingQueried')).toHaveLength(1);
      const refiled = await t.ok(
        'submitFiling',
        { filingId: filing._id, expectedRev: queried.rev, note: '已补充截图', documents: [doc] },
        WHO.cityDesk,
      );
      const acknowledged = await t.ok(
        'acknowledgeFiling',
        { filingId: filing._id, expectedRev: refiled.rev },
        WHO.provinceDesk,
      );
      expect(acknowledged.log.map((s) => s.step)).toEqual(['created', 'file', 'query', 'file', 'acknowledge']);
    });
  });

  describe('reminders (第十四条)', () => {
    it('reminds the filing desk of a filing past its period once a day, and the receiver of one left unacknowledged', async () => {
      // 浏阳警方 (pending at the 长沙 desk) is approved now: its filing goes 浏阳's desk → 长沙's desk.
      const pending = t.cloud.db.find('accountApplications', { name: '浏阳警方', state: 'pending' })[0] as unknown as {
        _id: string;
        rev: number;
      };
      await t.ok('decide', { applicationId: pending._id, expectedRev: pending.rev, decision: 'approve' }, WHO.cityDesk);
      const f = t.cloud.db.find('filings', { accountName: '浏阳警方' })[0] as unknown as Filing;
      expect(f).toMatchObject({
        filerDeskId: 'u-ly-xc',
        receiverDeskId: 'u-cs-xcc',
        state: 'due',
        dueAt: '2026-12-07T23:59:59.999+08:00',
      });
      // Nobody staffs 浏阳's desk in the demo: its bureau's responsible person (第二十九条) hears instead.
      const overdue = (): Notification[] => notices('p-ly-reviewer', 'filingOverdue');
      const dueToday = (): Notification[] => notices('p-ly-reviewer', 'filingDue');
      // Not in the morning minutes: nothing.
      await t.setNow('2026-12-07T15:00:00+08:00');
      await t.cloud.timers.fire('timer');
      expect(dueToday()).toHaveLength(1); // the one sent when the filing was created
      await t.setNow('2026-12-07T09:03:00+08:00');
      await t.cloud.timers.fire('timer');
      await t.cloud.timers.fire('timer');
      expect(dueToday()).toHaveLength(2);
      expect(overdue()).toHaveLength(0);
      await t.setNow('2026-12-08T09:01:00+08:00');
      await t.cloud.timers.fire('timer');
      await t.setNow('2026-12-08T09:05:00+08:00');
      await t.cloud.timers.fire('timer');
      expect(overdue()).toHaveLength(1);
      const view = await t.ok('filing', { filingId: f._id }, WHO.cityDesk);
      expect(view).toMatchObject({ overdue: true, stateLabel: '待报备' });
      await t.setNow('2026-12-09T09:02:00+08:00');
      await t.cloud.timers.fire('timer');
      expect(overdue()).toHaveLength(2);

      // The 长沙 desk files an opening of its own with the province on 12-09 and the province leaves it.
      const own = t.cloud.db.find('filings', { accountName: '长沙交警', platform: 'douyin' })[0] as unknown as Filing;
      expect(own.state).toBe('acknowledged');
      const unacknowledged = (): Notification[] => notices('p-hn-propaganda', 'filingUnacknowledged');
      const other = await t.ok('apply', applying({ name: '长沙交警', platform: 'weibo' }), WHO.admin);
      await t.ok('decide', { applicationId: other.id, expectedRev: other.rev, decision: 'approve' }, WHO.cityDesk);
      const f2 = t.cloud.db.find('filings', { accountName: '长沙交警', platform: 'weibo' })[0] as unknown as Filing;
      await t.ok('submitFiling', { filingId: f2._id, expectedRev: f2.rev, note: '报备', documents: [] }, WHO.cityDesk);
      // Three working days after Wednesday 12-09: Monday 12-14 ends the period.
      await t.setNow('2026-12-14T09:02:00+08:00');
      await t.cloud.timers.fire('timer');
      expect(unacknowledged()).toHaveLength(0);
      await t.setNow('2026-12-15T09:02:00+08:00');
      await t.cloud.timers.fire('timer');
      await t.cloud.timers.fire('timer');
      expect(unacknowledged()).toHaveLength(1);
      expect(unacknowledged()[0]?.text).toContain('1份');
    });
  });
});
