import type { Account, AuditEntry, Person } from '../typings/org';
import type { Notification } from '../typings/notify';
import type { Post, PostVersion } from '../typings/post';
import { demoOrg } from '../core/org/demo';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, content, fields, newDraft } from './post-helpers';
import { ok, refusal } from './support/answers';

const stored = (t: TestCloud, id: string): Post => t.cloud.db.get('posts', id) as unknown as Post;
const audits = (t: TestCloud, postId: string, action: string): AuditEntry[] =>
  t.cloud.db.find('auditLog', { 'object.id': postId, action }) as unknown as AuditEntry[];

/** Who the demo lacks: an operator who is also a reviewer of the same account, and a second city leader. */
function extraPeople(): { people: Person[]; accounts: Account[] } {
  const org = demoOrg();
  const base = org.people.find((p) => p._id === 'p-cs-leader') as Person;
  const both: Person = {
    ...base,
    _id: 'p-cs-both',
    name: '钱勇',
    badgeNo: '439001',
    openid: 'x-both',
    roles: [
      { role: 'operator', unitId: 'u-cs' },
      { role: 'reviewer', unitId: 'u-cs' },
    ],
  };
  const leader2: Person = { ...base, _id: 'p-cs-leader-2', name: '冯岩', badgeNo: '439002', openid: 'x-leader-2' };
  const weibo = org.accounts.find((a) => a._id === 'acc-cs-weibo') as Account;
  const shared: Account = {
    ...weibo,
    _id: 'acc-cs-shared',
    platform: 'toutiao',
    platformId: 'demo-shared',
    operatorA: 'p-cs-both',
    reviewerIds: ['p-cs-both', 'p-cs-reviewer'],
  };
  return { people: [both, leader2], accounts: [shared] };
}

async function submitted(t: TestCloud, openid: string, accountId: string, level: Post['level'] = 'ordinary') {
  const draft = await newDraft(t, openid, accountId, { declaredLevel: level });
  return ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, openid));
}

// Each call crosses HTTP and a function instance; a busy machine must not fail a correct flow.
jest.setTimeout(30_000);

describe('post refusals, races and bad input through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
    const extra = extraPeople();
    t.cloud.db.insert('people', extra.people as never);
    t.cloud.db.insert('accounts', extra.accounts as never);
  });
  afterAll(() => t.close());

  it('refuses anyone approving their own post, even a reviewer of the account (第十五条)', async () => {
    const post = await submitted(t, 'x-both', 'acc-cs-shared');
    expect(
      await refusal(
        t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, 'x-both'),
      ),
    ).toBe('AUTHOR_CANNOT_REVIEW');
    // The other named reviewer may.
    const done = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    expect(done.state).toBe('approved');
  });

  it('refuses approval out of turn and out of scope', async () => {
    const post = await submitted(t, WHO.opA, 'acc-cs-weibo', 'especiallyMajor');
    const attempt = (who: string) =>
      refusal(t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, who));
    expect(await attempt(WHO.leader)).toBe('NOT_CURRENT_APPROVER'); // a later step, not yet
    expect(await attempt(WHO.provinceDesk)).toBe('NOT_CURRENT_APPROVER'); // the last step, not yet
    expect(await attempt(WHO.countyReviewer)).toBe('NOT_CURRENT_APPROVER'); // another unit's reviewer
    expect(await attempt(WHO.opB)).toBe('ROLE_REQUIRED');
    // A decision on a version the decider did not read is stale.
    expect(
      await refusal(
        t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 2, comment: '' }, WHO.reviewer),
      ),
    ).toBe('CONFLICT');
    expect(stored(t, post.id)).toMatchObject({ state: 'inReview', stepIndex: 0, rev: post.rev });
  });

  it('lets exactly one of two approvers acting at once decide; the other gets CONFLICT', async () => {
    let post = await submitted(t, WHO.opA, 'acc-cs-weibo', 'major');
    post = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    const answers = await Promise.all(
      [WHO.leader, 'x-leader-2'].map((who) =>
        t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: who }, who),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual(['CONFLICT']);
    const after = stored(t, post.id);
    expect(after).toMatchObject({ state: 'approved', rev: post.rev + 1 });
    expect(after.decisions.filter((d) => d.stepKey === 'leader')).toHaveLength(1);
    expect(audits(t, post.id, 'post.approve')).toHaveLength(2);
  });

  it('takes a double-tapped submit once: one version, one notice, the other tap CONFLICT', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
    const answers = await Promise.all(
      [1, 2].map(() => t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA)),
    );
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(stored(t, draft.id)).toMatchObject({ state: 'inReview', rev: draft.rev + 1, round: 1 });
    expect(t.cloud.db.find('postVersions', { postId: draft.id }) as unknown as PostVersion[]).toHaveLength(1);
    const notices = t.cloud.db.find('notifications', { 'subject.id': draft.id }) as unknown as Notification[];
    expect(notices.map((n) => n.kind)).toEqual(['approvalPending']);
    expect(audits(t, draft.id, 'post.submit')).toHaveLength(1);
  });

  it('makes one post of a retried first save', async () => {
    const body = { accountId: 'acc-cs-weibo', clientKey: 'retry-1', ...fields() };
    const [a, b] = await Promise.all([
      ok(t.call('post', 'draftSave', body, WHO.opA)),
      ok(t.call('post', 'draftSave', body, WHO.opA)),
    ]);
    expect(a.id).toBe(b.id);
    expect(t.cloud.db.find('posts', { _id: a.id })).toHaveLength(1);
    expect(audits(t, a.id, 'post.draftSave')).toHaveLength(1);
  });

  it('lets only the author withdraw, only before the final decision', async () => {
    const post = await submitted(t, WHO.opA, 'acc-cs-weibo');
    expect(await refusal(t.call('post', 'withdraw', { postId: post.id, expectedRev: post.rev }, WHO.opB))).toBe(
      'NOT_AUTHOR',
    );
    const back = await ok(t.call('post', 'withdraw', { postId: post.id, expectedRev: post.rev }, WHO.opA));
    expect(back.state).toBe('withdrawn');
    expect((await ok(t.call('post', 'approvals', {}, WHO.reviewer))).items.map((i) => i.postId)).not.toContain(post.id);
    expect(
      await refusal(
        t.call('post', 'approve', { postId: post.id, expectedRev: back.rev, version: 1, comment: '' }, WHO.reviewer),
      ),
    ).toBe('NOT_CURRENT_APPROVER');
    // Submitted again unchanged: the same version, a new round.
    const again = await ok(t.call('post', 'submit', { postId: post.id, expectedRev: back.rev }, WHO.opA));
    expect(again).toMatchObject({ state: 'inReview', version: 1 });
    const approved = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: again.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    expect(await refusal(t.call('post', 'withdraw', { postId: post.id, expectedRev: approved.rev }, WHO.opA))).toBe(
      'WITHDRAW_AFTER_FINAL',
    );
  });

  it('publishes only the approved version, exactly as approved, by an operator of the account', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
    const publish = (who: string, rev: number, over: Partial<{ version: number; title: string; url: string }> = {}) =>
      t.call(
        'post',
        'publish',
        {
          postId: draft.id,
          expectedRev: rev,
          version: over.version ?? 1,
          content: content({ title: over.title ?? '反诈提醒' }),
          url: over.url ?? 'https://weibo.com/cs/9',
          publishedAt: '2026-11-28T09:00:00+08:00',
        },
        who,
      );
    expect(await refusal(publish(WHO.opA, draft.rev))).toBe('NOT_APPROVED');
    const inReview = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    expect(await refusal(publish(WHO.opA, inReview.rev))).toBe('NOT_APPROVED');
    await t.setNow('2026-11-28T08:59:00+08:00');
    const approved = await ok(
      t.call('post', 'approve', { postId: draft.id, expectedRev: inReview.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    await t.setNow('2026-11-28T09:10:00+08:00');

    expect(await refusal(publish(WHO.reviewer, approved.rev))).toBe('ROLE_REQUIRED');
    expect(await refusal(publish(WHO.countyOp, approved.rev))).toBe('OUT_OF_SCOPE');
    // Untrained (and no operator of this account): 第三十五条 is what stops them (issue 11).
    expect(await refusal(publish(WHO.untrained, approved.rev))).toBe('TRAINING_REQUIRED');
    expect(await refusal(publish(WHO.opB, approved.rev, { title: '反诈提醒（改）' }))).toBe('CONTENT_MISMATCH');
    expect(await refusal(publish(WHO.opB, approved.rev, { version: 2 }))).toBe('CONTENT_MISMATCH');
    expect(await refusal(publish(WHO.opB, approved.rev, { url: 'weibo' }))).toBe('INVALID_LINK');
    expect(await refusal(publish(WHO.opB, approved.rev - 1))).toBe('CONFLICT');

    const done = await ok(publish(WHO.opB, approved.rev));
    expect(done.state).toBe('published');
    const post = stored(t, draft.id);
    expect(post.publication?.contentHash).toBe(post.approvedHash);
    expect(post.publication?.version).toBe(post.approvedVersion);
    expect(await refusal(publish(WHO.opB, done.rev))).toBe('ALREADY_PUBLISHED');
    expect(
      await refusal(t.call('post', 'draftSave', { postId: draft.id, expectedRev: done.rev, ...fields() }, WHO.opA)),
    ).toBe('POST_PUBLISHED');
  });

  it('lets the current approver raise the level (never lower it); the chain grows', async () => {
    const post = await submitted(t, WHO.opA, 'acc-cs-weibo');
    expect(
      await refusal(
        t.call(
          'post',
          'raiseLevel',
          { postId: post.id, expectedRev: post.rev, version: 1, level: 'ordinary' },
          WHO.reviewer,
        ),
      ),
    ).toBe('LEVEL_NOT_RAISED');
    const raised = await ok(
      t.call(
        'post',
        'raiseLevel',
        { postId: post.id, expectedRev: post.rev, version: 1, level: 'major' },
        WHO.reviewer,
      ),
    );
    expect(raised).toMatchObject({ level: 'major', pendingStep: '审核民警审核' });
    const next = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: raised.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    expect(next).toMatchObject({ state: 'inReview', pendingStep: '分管领导审批' });
  });

  it('refuses bad input with stable codes and Chinese messages', async () => {
    const base = { accountId: 'acc-cs-weibo', clientKey: 'bad-1' };
    const long = await t.call('post', 'draftSave', { ...base, ...fields({}, { text: '字'.repeat(20_001) }) }, WHO.opA);
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'TEXT_TOO_LONG', message: expect.stringContaining('20000') },
    });
    const fine = await t.call(
      'post',
      'draftSave',
      { ...base, clientKey: 'bad-2', ...fields({}, { text: '字'.repeat(20_000) }) },
      WHO.opA,
    );
    expect(fine.ok).toBe(true);

    expect(await t.call('post', 'draftSave', { clientKey: 'bad-3', ...fields() }, WHO.opA)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请求参数不合法：accountId' },
    });
    expect(await refusal(t.call('post', 'draftSave', { ...base, accountId: 'acc-none', ...fields() }, WHO.opA))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect(await refusal(t.call('post', 'draftSave', { ...base, ...fields() }, WHO.reviewer))).toBe('ROLE_REQUIRED');
    expect(
      await refusal(t.call('post', 'draftSave', { ...base, accountId: 'acc-ly-weibo', ...fields() }, WHO.opA)),
    ).toBe('NOT_ACCOUNT_OPERATOR');
    expect(await refusal(t.call('post', 'draftSave', { ...base, ...fields() }, 'stranger'))).toBe('NOT_BOUND');
    // 第三十三条: an official account never speaks personally, a personal account never officially.
    expect(await refusal(t.call('post', 'draftSave', { ...base, ...fields({ nature: 'personal' }) }, WHO.opA))).toBe(
      'ACCOUNT_USE_MISMATCH',
    );
    expect(
      await refusal(t.call('post', 'draftSave', { ...base, accountId: 'acc-cs-personal', ...fields() }, WHO.personal)),
    ).toBe('ACCOUNT_USE_MISMATCH');

    const raw = await t.post('post', { action: 'submit', postId: 'x', expectedRev: '1' }, WHO.opA);
    expect(raw.body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请求参数不合法：expectedRev' },
    });
    const extra = await t.post('post', { action: 'get', postId: 'x', openid: 'demo-leader' }, WHO.opA);
    expect(extra.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await refusal(t.call('post', 'get', { postId: 'nope' }, WHO.opA))).toBe('NOT_FOUND');
  });

  it('screens at submission: prohibited content and foreign sources never go up the chain (第十七条, 第二十一条)', async () => {
    const bad = await newDraft(t, WHO.opA, 'acc-cs-weibo', {}, { text: '网传黑警打人视频' });
    expect(bad.screening.blocked).toBe(true);
    const answer = await t.call('post', 'submit', { postId: bad.id, expectedRev: bad.rev }, WHO.opA);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'SCREENING_BLOCKED', message: expect.stringContaining('第十七条') },
    });

    const repost = (verified: boolean, outlet: string, link: string) =>
      newDraft(t, WHO.opA, 'acc-cs-weibo', { sourceVerified: verified }, { kind: 'repost', source: { outlet, link } });
    const unverified = await repost(false, '新华网', 'https://www.news.cn/a.html');
    expect(
      await refusal(t.call('post', 'submit', { postId: unverified.id, expectedRev: unverified.rev }, WHO.opA)),
    ).toBe('SOURCE_NOT_VERIFIED');
    const foreign = await repost(true, 'BBC', 'https://www.bbc.com/news/1');
    expect(await refusal(t.call('post', 'submit', { postId: foreign.id, expectedRev: foreign.rev }, WHO.opA))).toBe(
      'SOURCE_FOREIGN',
    );
    // WeChat's content check (msgSecCheck) has its say too: a risky verdict blocks like the lexicon.
    t.cloud.openapi.setRiskyTerms([{ term: '某违禁说法', label: 20006 }]);
    const risky = await newDraft(t, WHO.opA, 'acc-cs-weibo', {}, { text: '这是某违禁说法。' });
    expect(risky.screening.hits.map((h) => h.where)).toContain('platform');
    expect(await refusal(t.call('post', 'submit', { postId: risky.id, expectedRev: risky.rev }, WHO.opA))).toBe(
      'SCREENING_BLOCKED',
    );
    t.cloud.openapi.setRiskyTerms([]);

    const good = await repost(true, '新华网', 'https://www.news.cn/a.html');
    expect((await ok(t.call('post', 'submit', { postId: good.id, expectedRev: good.rev }, WHO.opA))).state).toBe(
      'inReview',
    );
  });
});
