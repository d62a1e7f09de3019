/**
 * Issue 11, "rules that can be slipped past", through the real path (function → wx-server-sdk → local
 * cloud): 第十五条 self-approval by a submitter, 第十六条 level floors, 第十一条/第十六条 auxiliaries and
 * moved people on accounts, 第三十三条 sign-in codes and rebinding, refusals citing their article.
 */
import type { Notification } from '../typings/notify';
import type { Account, AccountView, Invite, Person, PersonFields } from '../typings/org';
import type { Post } from '../typings/post';
import { demoOrg } from '../core/org/demo';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, content, fields, newDraft } from './post-helpers';
import { ok, refusal, refused } from './support/answers';

jest.setTimeout(60_000);

const ADMIN = 'demo-admin';

describe('rules that could be slipped past', () => {
  let t: TestCloud;
  const stored = (id: string): Post => t.cloud.db.get('posts', id) as unknown as Post;
  const person = (id: string): Person => t.cloud.db.get('people', id) as unknown as Person;
  const inbox = (personId: string): Notification[] =>
    t.cloud.db.find('notifications', { recipientId: personId }) as unknown as Notification[];

  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
    // Someone holding both roles on the city's toutiao account: operator B and a named reviewer.
    const org = demoOrg();
    const base = org.people.find((p) => p._id === 'p-cs-reviewer') as Person;
    const both: Person = {
      ...base,
      _id: 'p-cs-both',
      name: '钱勇',
      badgeNo: '439101',
      openid: 'x-both',
      roles: [
        { role: 'operator', unitId: 'u-cs' },
        { role: 'reviewer', unitId: 'u-cs' },
      ],
    };
    const weibo = org.accounts.find((a) => a._id === 'acc-cs-weibo') as Account;
    const shared: Account = {
      ...weibo,
      _id: 'acc-cs-shared',
      platform: 'toutiao',
      platformId: 'demo-shared',
      operatorB: 'p-cs-both',
      reviewerIds: ['p-cs-reviewer', 'p-cs-both'],
    };
    t.cloud.db.insert('people', [both] as never);
    t.cloud.db.insert('accounts', [shared] as never);
  });
  afterAll(() => t.close());

  describe('第十五条: nobody who submitted a version decides any step of it', () => {
    it('refuses a person with both roles who submitted a colleague’s draft, and lets them withdraw it', async () => {
      const draft = await newDraft(t, WHO.opA, 'acc-cs-shared');
      const submitted = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, 'x-both'));
      expect(stored(draft.id).contributorIds).toEqual(['p-cs-operator-a', 'p-cs-both']);
      const decide = { postId: draft.id, expectedRev: submitted.rev, version: 1, comment: '' };
      const denied = await refused(t.call('post', 'approve', decide, 'x-both'));
      expect(denied.code).toBe('AUTHOR_CANNOT_REVIEW');
      expect(denied.message).toContain('第十五条');
      const raise = { postId: draft.id, expectedRev: submitted.rev, version: 1, level: 'major' as const };
      expect(await refusal(t.call('post', 'raiseLevel', raise, 'x-both'))).toBe('AUTHOR_CANNOT_REVIEW');
      // Whoever submitted may withdraw; operator A wrote it and may too.
      const back = await ok(t.call('post', 'withdraw', { postId: draft.id, expectedRev: submitted.rev }, 'x-both'));
      expect(back.state).toBe('withdrawn');
      const again = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: back.rev }, WHO.opA));
      expect(await refusal(t.call('post', 'approve', { ...decide, expectedRev: again.rev }, 'x-both'))).toBe(
        'AUTHOR_CANNOT_REVIEW',
      );
      const done = await ok(t.call('post', 'approve', { ...decide, expectedRev: again.rev }, WHO.reviewer));
      expect(done.state).toBe('approved');
    });

    it('refuses a withdrawal by an operator who neither wrote nor submitted it', async () => {
      const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
      const submitted = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
      const denied = await refused(
        t.call('post', 'withdraw', { postId: draft.id, expectedRev: submitted.rev }, WHO.opB),
      );
      expect(denied).toEqual({ code: 'NOT_AUTHOR', message: '只有编写、修改或提交本稿的人可以撤回（第十五条）' });
    });
  });

  describe('第十六条: a level raised on the chain stays a floor', () => {
    let postId = '';
    let rev = 0;

    it('keeps the leader step when the operator resubmits a small edit declared 一般 again', async () => {
      const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
      postId = draft.id;
      let change = await ok(t.call('post', 'submit', { postId, expectedRev: draft.rev }, WHO.opA));
      const at = () => ({ postId, expectedRev: change.rev, version: 1 });
      change = await ok(t.call('post', 'raiseLevel', { ...at(), level: 'major' }, WHO.reviewer));
      change = await ok(t.call('post', 'approve', { ...at(), comment: '' }, WHO.reviewer));
      expect(change.pendingStep).toBe('分管领导审批');
      change = await ok(t.call('post', 'sendBack', { ...at(), comment: '请核实数字' }, WHO.leader));

      // A small edit, 一般 declared again.
      const saved = await ok(
        t.call(
          'post',
          'draftSave',
          {
            postId,
            expectedRev: change.rev,
            ...fields({ declaredLevel: 'ordinary' }, { text: `${content().text}（已核实）` }),
          },
          WHO.opA,
        ),
      );
      expect(saved.level).toBe('major');
      expect(saved.chain.steps.map((s) => s.label)).toEqual(['审核民警审核', '分管领导审批']);
      const denied = await refused(t.call('post', 'submit', { postId, expectedRev: saved.rev }, WHO.opA));
      expect(denied.code).toBe('LEVEL_BELOW_FLOOR');
      expect(denied.message).toContain('第十六条');

      const detail = await ok(t.call('post', 'get', { postId }, WHO.opA));
      expect(detail.levelFloor).toMatchObject({ level: 'major', stepLabel: '审核民警审核', personId: 'p-cs-reviewer' });
      expect(detail.diff?.level).toBeNull();
      expect(detail.diff?.levelChanges.map((c) => [c.kind, c.from, c.to])).toEqual([['raise', 'ordinary', 'major']]);

      const declared = await ok(
        t.call(
          'post',
          'draftSave',
          {
            postId,
            expectedRev: saved.rev,
            ...fields({ declaredLevel: 'major' }, { text: `${content().text}（已核实）` }),
          },
          WHO.opA,
        ),
      );
      const resubmitted = await ok(t.call('post', 'submit', { postId, expectedRev: declared.rev }, WHO.opA));
      expect(stored(postId).chain.map((s) => s.key)).toEqual(['reviewer', 'leader']);
      rev = resubmitted.rev;
    });

    it('lets the leader, above the raising step, lower it with a reason; the reviewer may not', async () => {
      const atLeader = await ok(
        t.call('post', 'approve', { postId, expectedRev: rev, version: 2, comment: '' }, WHO.reviewer),
      );
      const asLeader = await ok(t.call('post', 'get', { postId }, WHO.leader));
      expect(asLeader.can.lowerLevel).toBe(true);
      expect(asLeader.lowerOptions).toEqual(['ordinary']);
      const asReviewer = await ok(t.call('post', 'get', { postId }, WHO.reviewer));
      expect(asReviewer.can.lowerLevel).toBe(false);

      const params = { postId, expectedRev: atLeader.rev, version: 2, level: 'ordinary' as const, reason: '' };
      expect(await refusal(t.call('post', 'lowerLevel', params, WHO.leader))).toBe('REASON_REQUIRED');
      expect(await refusal(t.call('post', 'lowerLevel', { ...params, reason: '理由' }, WHO.reviewer))).toBe(
        'NOT_CURRENT_APPROVER',
      );
      const lowered = await ok(
        t.call('post', 'lowerLevel', { ...params, reason: '属日常防范提示，不涉敏感' }, WHO.leader),
      );
      expect(lowered).toMatchObject({ state: 'approved', level: 'ordinary' });
      const post = stored(postId);
      expect(post.levelChanges.map((c) => [c.kind, c.to, c.reason])).toEqual([
        ['raise', 'major', null],
        ['lower', 'ordinary', '属日常防范提示，不涉敏感'],
      ]);
      const audit = t.cloud.db.find('auditLog', { 'object.id': postId, action: 'post.lowerLevel' });
      expect(audit).toHaveLength(1);
      expect((await ok(t.call('post', 'get', { postId }, WHO.opA))).levelFloor).toBeNull();
    });
  });

  describe('第十一条 / 第十六条: who may run and review an account', () => {
    const fieldsOf = (id: string): PersonFields => {
      const p = person(id);
      return {
        name: p.name,
        badgeNo: p.badgeNo,
        unitId: p.unitId,
        phone: p.phone,
        auxiliary: p.auxiliary,
        classifiedPost: p.classifiedPost,
        active: p.active,
      };
    };
    const accounts = async (): Promise<AccountView[]> =>
      (await ok(t.call('org', 'listAccounts', { unitId: 'u-cs', scope: 'unit' }, ADMIN))).items;

    it('shows a violation on every account naming an operator flagged auxiliary', async () => {
      const id = 'p-cs-operator-b';
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), auxiliary: true } },
          ADMIN,
        ),
      );
      const named = (await accounts()).filter((a) => a.operatorB?.id === id);
      expect(named.length).toBeGreaterThanOrEqual(3);
      for (const a of named) {
        expect(a.violations).toContainEqual(
          expect.objectContaining({ code: 'AUXILIARY_OPERATOR', article: '第十一条', personId: id }),
        );
      }
      // Placing them as B of a 市州 account is refused.
      const weibo = t.cloud.db.get('accounts', 'acc-cs-weibo') as unknown as Account;
      const placed = await refused(
        t.call(
          'org',
          'setOperators',
          { accountId: weibo._id, expectedRev: weibo.rev, operatorA: 'p-cs-operator-a', operatorB: id },
          ADMIN,
        ),
      );
      expect(placed.code).toBe('ACCOUNT_INVALID');
      expect(placed.message).toContain('AB角须由民警担任（第十一条）');
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), auxiliary: false } },
          ADMIN,
        ),
      );
      expect((await accounts()).every((a) => a.violations.every((v) => v.code !== 'AUXILIARY_OPERATOR'))).toBe(true);
    });

    it('shows a violation when the only reviewer becomes an auxiliary', async () => {
      const id = 'p-cs-reviewer';
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), auxiliary: true } },
          ADMIN,
        ),
      );
      const weibo = (await accounts()).find((a) => a.id === 'acc-cs-weibo');
      expect(weibo?.violations.map((v) => `${v.code} ${v.article}`)).toContain('POLICE_REVIEWER_REQUIRED 第十六条');
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), auxiliary: false } },
          ADMIN,
        ),
      );
    });

    it('shows a violation when an operator is moved to another unit, though the role grant stays', async () => {
      const id = 'p-cs-operator-a';
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), unitId: 'u-ly-xz' } },
          'demo-admin',
        ),
      );
      expect(person(id).roles).toEqual([{ role: 'operator', unitId: 'u-cs' }]);
      const weibo = (await accounts()).find((a) => a.id === 'acc-cs-weibo');
      expect(weibo?.violations).toContainEqual(
        expect.objectContaining({
          code: 'STAFF_OUTSIDE_UNIT',
          article: '第十一条',
          message: 'A角运营民警王明现属浏阳市公安局刑侦大队，已不在长沙市公安局，不能担任该账号的运营民警',
        }),
      );
      // …and no longer runs it: writing for the account is refused until it is put right.
      const denied = await refused(
        t.call('post', 'draftSave', { accountId: 'acc-cs-weibo', clientKey: 'moved-1', ...fields() }, WHO.opA),
      );
      expect(denied.code).toBe('STAFF_OUTSIDE_UNIT');
      expect(denied.message).toContain('（第十一条）');
      await ok(
        t.call(
          'org',
          'upsertPerson',
          { id, expectedRev: person(id).rev, person: { ...fieldsOf(id), unitId: 'u-cs-xcc' } },
          'demo-admin',
        ),
      );
    });
  });

  describe('第三十三条: sign-in codes and rebinding', () => {
    const issue = async (personId: string, key: string) =>
      await ok(t.call('org', 'createInvite', { personId, requestKey: `${key}-request` }, ADMIN));

    it('cancels every older unused code when a new one is made', async () => {
      const first = await issue('p-cs-handler-criminal', 'first');
      const second = await issue('p-cs-handler-criminal', 'second');
      expect((t.cloud.db.get('invites', first.inviteId) as unknown as Invite).cancelledAt).not.toBeNull();
      const stale = await refused(t.call('org', 'bind', { inviteCode: first.code }, 'x-thief-phone'));
      expect(stale.code).toBe('INVITE_CANCELLED');
      expect(stale.message).toContain('第三十三条');
      expect(person('p-cs-handler-criminal').openid).toBe('demo-handler-criminal');
      // The newest code still works: the person moves to a new phone.
      await ok(t.call('org', 'bind', { inviteCode: second.code }, 'x-new-phone'));
      expect(person('p-cs-handler-criminal').openid).toBe('x-new-phone');
    });

    it('tells the person and their unit admin of the rebinding, and the old phone why it is unbound', async () => {
      const mine = inbox('p-cs-handler-criminal').filter((n) => n.kind === 'bindingChanged');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ title: '您的身份已绑定到新的微信', link: '/pages/me/index' });
      expect(mine[0].text).toContain('如非本人操作，请立即联系单位管理员');
      const admin = inbox('p-cs-admin').filter((n) => n.kind === 'bindingChanged');
      expect(admin).toHaveLength(1);
      expect(admin[0]).toMatchObject({
        title: '孙杰更换了绑定的微信',
        link: '/pages/person/index?id=p-cs-handler-criminal',
      });
      // The admin reads it in the inbox through the API.
      const page = await ok(t.call('notify', 'inbox', {}, ADMIN));
      expect(page.items.map((i) => i.title)).toContain('孙杰更换了绑定的微信');

      // The old phone is bound to nobody and is told why.
      expect(await refusal(t.call('org', 'me', {}, 'demo-handler-criminal'))).toBe('NOT_BOUND');
      const notice = await ok(t.call('org', 'bindingNotice', {}, 'demo-handler-criminal'));
      expect(notice.movedAt).not.toBeNull();
      expect(notice.message).toContain('绑定到另一台微信');
      // A WeChat that never lost a binding hears nothing.
      expect(await ok(t.call('org', 'bindingNotice', {}, 'x-stranger'))).toEqual({ movedAt: null, message: null });
    });

    it('a first binding tells nobody', async () => {
      const created = await ok(
        t.call(
          'org',
          'upsertPerson',
          {
            id: null,
            expectedRev: 0,
            person: {
              name: '新民警',
              badgeNo: '431999',
              unitId: 'u-cs-xz',
              phone: '13800000999',
              auxiliary: false,
              classifiedPost: false,
              active: true,
            },
          },
          ADMIN,
        ),
      );
      const code = await issue(created.id, 'newcomer');
      const before = (t.cloud.db.find('notifications', { kind: 'bindingChanged' }) as unknown[]).length;
      await ok(t.call('org', 'bind', { inviteCode: code.code }, 'x-newcomer'));
      expect((t.cloud.db.find('notifications', { kind: 'bindingChanged' }) as unknown[]).length).toBe(before);
    });
  });

  describe('refusals cite the rule that refused', () => {
    it('refuses an untrained operator under 第三十五条', async () => {
      const denied = await refused(
        t.call(
          'post',
          'draftSave',
          { accountId: 'acc-cs-weibo', clientKey: 'untrained-1', ...fields() },
          WHO.untrained,
        ),
      );
      expect(denied).toEqual({
        code: 'TRAINING_REQUIRED',
        message: '未完成新媒体业务培训，暂不能进行运营或审核操作（第三十五条）',
      });
    });

    it('reports a 第十八条 activity on a personal account as 第十八条, not 第十七条', async () => {
      const draft = await newDraft(
        t,
        WHO.personal,
        'acc-cs-personal',
        { nature: 'personal' },
        {
          text: '今晚八点我在抖音做一场微访谈，和大家聊聊生活。',
        },
      );
      const denied = await refused(
        t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.personal),
      );
      expect(denied.code).toBe('SCREENING_BLOCKED');
      expect(denied.message).toMatch(/^内容含有不得发布的信息，不能提交（第十八条）/);
      expect(denied.message).not.toContain('第十七条');
    });
  });
});
