import type { AuditEntry, Person } from '../typings/org';
import type { CadenceDay, Post, PostVersion } from '../typings/post';
import type { Notification } from '../typings/notify';
import { verifyChain } from '../core/audit/chain';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, newDraft } from './post-helpers';
import { ok, refusal } from './support/answers';

const inbox = (t: TestCloud, personId: string, kind: string): Notification[] =>
  t.cloud.db.find('notifications', { recipientId: personId, kind }) as unknown as Notification[];
const stored = (t: TestCloud, id: string): Post => t.cloud.db.get('posts', id) as unknown as Post;

// Each call crosses HTTP and a function instance; a busy machine must not fail a correct flow.
jest.setTimeout(30_000);

describe('post approval flows through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('ordinary: operator → reviewer → publish; the day counts for the cadence', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
    expect(draft).toMatchObject({ state: 'draft', version: 1, rev: 1, chain: { summary: '一般信息：审核民警审核' } });

    const submitted = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    expect(submitted).toMatchObject({ state: 'inReview', pendingStep: '审核民警审核' });
    const list = await ok(t.call('post', 'approvals', {}, WHO.reviewer));
    expect(list.items.map((i) => i.postId)).toEqual([draft.id]);
    expect(list.items[0]).toMatchObject({
      accountName: '长沙警事',
      platformLabel: '微博',
      authorName: '王明',
      stepLabel: '审核民警审核',
    });
    expect(inbox(t, 'p-cs-reviewer', 'approvalPending')).toHaveLength(1);
    const me = await ok(t.call('org', 'me', {}, WHO.reviewer));
    expect(me.pending.approvals).toBe(true);

    const approved = await ok(
      t.call(
        'post',
        'approve',
        { postId: draft.id, expectedRev: submitted.rev, version: 1, comment: '' },
        WHO.reviewer,
      ),
    );
    expect(approved.state).toBe('approved');
    expect(inbox(t, 'p-cs-operator-a', 'postApproved')).toHaveLength(1);
    expect((await ok(t.call('post', 'approvals', {}, WHO.reviewer))).items).toEqual([]);

    const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opB));
    expect(detail.can).toMatchObject({ publish: true, edit: true, approve: false });
    await t.advance(30 * 60_000);
    const published = await ok(
      t.call(
        'post',
        'publish',
        {
          postId: draft.id,
          expectedRev: approved.rev,
          version: 1,
          content: detail.post.content,
          url: 'https://weibo.com/cs/123',
          publishedAt: '2026-11-28T09:30:00+08:00',
        },
        WHO.opB,
      ),
    );
    expect(published.state).toBe('published');
    const post = stored(t, draft.id);
    // 第三十三条: what was recorded as published is exactly what was approved.
    expect(post.publication?.contentHash).toBe(post.approvedHash);
    expect(post.publication).toMatchObject({ url: 'https://weibo.com/cs/123', recordedBy: 'p-cs-operator-b' });
    const day = t.cloud.db.get('cadenceDays', 'acc-cs-weibo:2026-11-28') as unknown as CadenceDay;
    expect(day.postIds).toEqual([draft.id]);

    const log = t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
    expect(log.map((e) => e.action)).toEqual(['post.draftSave', 'post.submit', 'post.approve', 'post.publish']);
    expect(log.map((e) => e.actor.personId)).toEqual([
      'p-cs-operator-a',
      'p-cs-operator-a',
      'p-cs-reviewer',
      'p-cs-operator-b',
    ]);
    expect(log[2]?.unitPath).toEqual(['u-hn', 'u-cs']);
    expect(verifyChain(log)).toMatchObject({ ok: true });
  });

  it('major: reviewer, then the unit leader (a role, resolved to its holders)', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub', { declaredLevel: 'major' });
    expect(draft.chain.steps.map((s) => s.label)).toEqual(['审核民警审核', '分管领导审批']);
    let rev = (await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA))).rev;
    rev = (
      await ok(
        t.call('post', 'approve', { postId: draft.id, expectedRev: rev, version: 1, comment: '同意' }, WHO.reviewer),
      )
    ).rev;
    expect(inbox(t, 'p-cs-leader', 'approvalPending').map((n) => n.link)).toEqual([
      `/pages/post-detail/index?id=${draft.id}`,
    ]);
    expect((await ok(t.call('post', 'approvals', {}, WHO.leader))).items.map((i) => i.stepLabel)).toEqual([
      '分管领导审批',
    ]);
    const done = await ok(
      t.call('post', 'approve', { postId: draft.id, expectedRev: rev, version: 1, comment: '' }, WHO.leader),
    );
    expect(done.state).toBe('approved');
    const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opA));
    expect(detail.chain.steps.map((s) => [s.status, s.deciderName, s.comment])).toEqual([
      ['approved', '张伟', '同意'],
      ['approved', '刘强', ''],
    ]);
  });

  it('especially major on a county account: reviewer → leader → city desk → province desk (第十六条)', async () => {
    const draft = await newDraft(t, WHO.countyOp, 'acc-ly-weibo', { declaredLevel: 'especiallyMajor' });
    const labels = draft.chain.steps.map((s) => s.label);
    expect(labels.slice(0, 2)).toEqual(['审核民警审核', '分管领导审批']);
    expect(labels[2]).toMatch(/长沙市公安局政治部宣传处审批$/);
    expect(labels[3]).toMatch(/湖南省公安厅政治部宣传处审批$/);
    expect(labels).toHaveLength(4);
    let rev = (await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.countyOp))).rev;
    const deciders = [WHO.countyReviewer, WHO.countyLeader, WHO.cityDesk, WHO.provinceDesk];
    for (const [i, who] of deciders.entries()) {
      const waiting = await ok(t.call('post', 'approvals', {}, who));
      expect([who, waiting.items.map((x) => x.postId)]).toEqual([who, [draft.id]]);
      // Nobody further up sees it before its turn.
      for (const later of deciders.slice(i + 1)) {
        expect((await ok(t.call('post', 'approvals', {}, later))).items.map((x) => x.postId)).not.toContain(draft.id);
      }
      const answer = await ok(
        t.call('post', 'approve', { postId: draft.id, expectedRev: rev, version: 1, comment: '' }, who),
      );
      rev = answer.rev;
      expect(answer.state).toBe(i === deciders.length - 1 ? 'approved' : 'inReview');
    }
    expect(inbox(t, 'p-hn-propaganda', 'approvalPending')).toHaveLength(1);
    expect(inbox(t, 'p-cs-propaganda', 'approvalPending')).toHaveLength(1);
    expect(inbox(t, 'p-ly-operator', 'postApproved')).toHaveLength(1);
  });

  it('personal account (第十八条): ordinary posts are logged, sensitive ones go to the unit desk', async () => {
    const plain = await newDraft(
      t,
      WHO.personal,
      'acc-cs-personal',
      { nature: 'personal' },
      { title: '春运执勤', text: '今天在高速口执勤，祝大家一路平安。' },
    );
    expect(plain.chain).toMatchObject({ logged: true, steps: [] });
    const logged = await ok(t.call('post', 'submit', { postId: plain.id, expectedRev: plain.rev }, WHO.personal));
    expect(logged.state).toBe('approved');

    const sensitive = await newDraft(
      t,
      WHO.personal,
      'acc-cs-personal',
      { nature: 'personal' },
      { title: '灾情通报', text: '辖区灾情最新情况。' },
    );
    expect(sensitive.screening.minLevel).toBe('major');
    expect(
      await refusal(t.call('post', 'submit', { postId: sensitive.id, expectedRev: sensitive.rev }, WHO.personal)),
    ).toBe('LEVEL_BELOW_FLOOR');
    const raised = await ok(
      t.call(
        'post',
        'draftSave',
        {
          postId: sensitive.id,
          expectedRev: sensitive.rev,
          ...{ content: stored(t, sensitive.id).content },
          nature: 'personal',
          declaredLevel: 'major',
          sourceVerified: false,
          plannedAt: null,
        },
        WHO.personal,
      ),
    );
    expect(raised.chain.steps.map((s) => s.key)).toEqual(['desk:u-cs-xcc']);
    const inReview = await ok(t.call('post', 'submit', { postId: raised.id, expectedRev: raised.rev }, WHO.personal));
    expect(inReview.pendingStep).toContain('宣传处');
    const done = await ok(
      t.call(
        'post',
        'approve',
        { postId: raised.id, expectedRev: inReview.rev, version: 1, comment: '' },
        WHO.cityDesk,
      ),
    );
    expect(done.state).toBe('approved');
  });

  it('keeps every version, restarts the chain on an edit and shows the reviewer the diff', async () => {
    const draft = await newDraft(
      t,
      WHO.opA,
      'acc-cs-weibo',
      { declaredLevel: 'major' },
      { text: '第一稿：夜间巡逻。' },
    );
    let rev = (await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA))).rev;
    rev = (
      await ok(t.call('post', 'approve', { postId: draft.id, expectedRev: rev, version: 1, comment: '' }, WHO.reviewer))
    ).rev;
    expect((await ok(t.call('post', 'approvals', {}, WHO.leader))).items.map((i) => i.postId)).toContain(draft.id);

    const edited = await ok(
      t.call(
        'post',
        'draftSave',
        { postId: draft.id, expectedRev: rev, ...fieldsWith('第二稿：夜间巡逻守护平安。') },
        WHO.opB,
      ),
    );
    expect(edited).toMatchObject({ state: 'draft', version: 2 });
    // It left the leader's list when it left the chain.
    expect((await ok(t.call('post', 'approvals', {}, WHO.leader))).items.map((i) => i.postId)).not.toContain(draft.id);
    const again = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: edited.rev }, WHO.opA));
    expect(again.pendingStep).toBe('审核民警审核');

    const seen = await ok(t.call('post', 'get', { postId: draft.id }, WHO.reviewer));
    expect(seen.versions.map((x) => x.version)).toEqual([2, 1]);
    expect(seen.diff?.from).toBe(1);
    expect(seen.diff?.to).toBe(2);
    const inserted = seen.diff?.diff.text
      .filter((op) => op.op === 'insert')
      .map((op) => op.text)
      .join('');
    expect(inserted).toContain('守护平安');
    expect(seen.can).toMatchObject({ approve: true, sendBack: true, raiseLevel: true, publish: false });
    expect(seen.post.round).toBe(2);
    const versions = t.cloud.db.find('postVersions', { postId: draft.id }) as unknown as PostVersion[];
    expect(versions.map((x) => x.version).sort()).toEqual([1, 2]);
    // B edited it, so B may not approve it either (第十五条).
    expect(seen.post.contributorIds).toEqual(['p-cs-operator-a', 'p-cs-operator-b']);
  });

  it('sends back with a comment; the author is told and may edit and resubmit', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
    const rev = (await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA))).rev;
    expect(
      await refusal(
        t.call('post', 'sendBack', { postId: draft.id, expectedRev: rev, version: 1, comment: ' ' }, WHO.reviewer),
      ),
    ).toBe('COMMENT_REQUIRED');
    const back = await ok(
      t.call(
        'post',
        'sendBack',
        { postId: draft.id, expectedRev: rev, version: 1, comment: '标题再准确些' },
        WHO.reviewer,
      ),
    );
    expect(back.state).toBe('returned');
    const notice = inbox(t, 'p-cs-operator-a', 'postReturned').find((n) => n.link.endsWith(draft.id));
    expect(notice?.text).toContain('标题再准确些');
    const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opA));
    expect(detail.can).toMatchObject({ edit: true, submit: false });
  });

  it('previews the chain before writing, and reads posts only within scope', async () => {
    const preview = await ok(
      t.call('post', 'previewChain', { accountId: 'acc-cs-weibo', level: 'especiallyMajor' }, WHO.opA),
    );
    expect(preview.account).toMatchObject({
      id: 'acc-cs-weibo',
      name: '长沙警事',
      platformLabel: '微博',
      unitName: '长沙市公安局',
    });
    expect(preview.chain.steps.map((s) => s.key)).toEqual(['reviewer', 'leader', 'desk:u-hn-xcc']);
    expect(
      await refusal(t.call('post', 'previewChain', { accountId: 'acc-cs-weibo', level: 'ordinary' }, WHO.countyOp)),
    ).toBe('OUT_OF_SCOPE');

    const county = await newDraft(t, WHO.countyOp, 'acc-ly-weibo');
    // The city desk and the city reviewer see a county post; the 长沙 operators' own accounts are elsewhere.
    expect((await ok(t.call('post', 'get', { postId: county.id }, WHO.cityDesk))).can.edit).toBe(false);
    expect((await ok(t.call('post', 'get', { postId: county.id }, WHO.reviewer))).post._id).toBe(county.id);
    expect(await refusal(t.call('post', 'get', { postId: county.id }, WHO.opA))).toBe('NOT_ACCOUNT_OPERATOR');
    expect(await refusal(t.call('post', 'get', { postId: county.id }, WHO.personal))).toBe('OUT_OF_SCOPE');

    const byAccount = await ok(t.call('post', 'list', { accountId: 'acc-ly-weibo', states: ['draft'] }, WHO.cityDesk));
    expect(byAccount.items.map((i) => i.id)).toContain(county.id);
    expect(byAccount.items.every((i) => i.state === 'draft')).toBe(true);
  });

  it('moves the planned time of an approved post without a new approval', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo', { plannedAt: '2026-11-30T10:00:00+08:00' });
    const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const approved = await ok(
      t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    const moved = await ok(
      t.call(
        'post',
        'setPlannedTime',
        { postId: draft.id, expectedRev: approved.rev, plannedAt: '2026-12-01T08:00:00+08:00' },
        WHO.opB,
      ),
    );
    expect(moved.state).toBe('approved');
    expect(stored(t, draft.id).plannedAt).toBe('2026-12-01T08:00:00.000+08:00');
    expect(
      await refusal(
        t.call(
          'post',
          'setPlannedTime',
          { postId: draft.id, expectedRev: moved.rev, plannedAt: '2020-01-01T08:00:00+08:00' },
          WHO.opB,
        ),
      ),
    ).toBe('PLANNED_IN_PAST');
  });

  it('tells the workbench that the author has unsent drafts', async () => {
    const person = t.cloud.db.get('people', 'p-ly-operator') as unknown as Person;
    await newDraft(t, WHO.countyOp, 'acc-ly-weibo');
    expect((await ok(t.call('org', 'me', {}, WHO.countyOp))).pending.drafts).toBe(true);
    const mine = await ok(t.call('post', 'list', {}, WHO.countyOp));
    expect(mine.accounts.map((a) => a.id)).toEqual(['acc-ly-weibo']);
    expect(mine.items.every((i) => stored(t, i.id).authorId === person._id)).toBe(true);
  });

  it('says whether drafts wait reading one post, however many drafts there are (issue 18)', async () => {
    const template = stored(t, (await newDraft(t, WHO.countyOp, 'acc-ly-weibo')).id);
    const copies = Array.from({ length: 120 }, (_, i) => ({
      ...template,
      _id: `post-many-${String(i).padStart(3, '0')}`,
    }));
    t.cloud.db.insert('posts', copies);
    t.cloud.resetStats();
    const me = await ok(t.call('org', 'me', {}, WHO.countyOp));
    expect(me.pending.drafts).toBe(true);
    expect(t.cloud.stats().readsByCollection.posts ?? 0).toBeLessThanOrEqual(1);
    expect(t.cloud.stats().unindexedQueries).toEqual([]);
  });
});

function fieldsWith(text: string) {
  return {
    content: { title: '反诈提醒', text, images: [], kind: 'original' as const, source: null },
    nature: 'official' as const,
    declaredLevel: 'major' as const,
    sourceVerified: false,
    plannedAt: null,
  };
}
