/**
 * An original post as a linkage response (第三十四条 with 第十五条、第十六条): it goes through the post
 * chain like any post, carrying the directive and its clock for the approvers, and counts as the
 * account's response only once published — from the moment its publication was recorded.
 */
import { useTestCloud } from './support/cloud';
import { fields, newDraft } from './post-helpers';
import type { ApprovalQueueEntry } from '../typings/post';
import { issue, notices, targetsOf, timer, WHO } from './linkage-helpers';
import { ok, refusal } from './support/answers';

const ISSUED = '2026-12-01T09:00:00+08:00';
const MIN = 60_000;
const at = (minutes: number): string => new Date(Date.parse(ISSUED) + minutes * MIN).toISOString();

describe('an original post answering a directive', () => {
  let id = '';
  const t = useTestCloud({ now: ISSUED, frozen: true }, async () => {
    id = (await issue(t, { kind: 'publicity', title: '全省禁毒宣传月启动' })).directive.id;
  });

  it('is marked as the account’s response from its first save, and the approver sees the directive’s clock', async () => {
    t.cloud.clock.set(at(3));
    const draft = await ok(
      t.call(
        'post',
        'draftSave',
        {
          accountId: 'acc-cs-weibo',
          clientKey: 'linkage-1',
          linkageDirectiveId: id,
          ...fields({}, { title: '禁毒宣传月' }),
        },
        WHO.opA,
      ),
    );
    const submitted = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const seen = await ok(t.call('post', 'get', { postId: draft.id }, WHO.reviewer));
    expect(seen.post.linkage).toEqual({
      directiveId: id,
      title: '全省禁毒宣传月启动',
      kindLabel: '重大正面宣传',
      issuedAt: '2026-12-01T09:00:00.000+08:00',
      dueAt: '2026-12-01T10:00:00.000+08:00',
    });

    // Before it is published it is no response (第十五条: nothing goes out unreviewed).
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-cs-weibo', kind: 'original', postId: draft.id },
          WHO.opA,
        ),
      ),
    ).toBe('POST_NOT_PUBLISHED');

    t.cloud.clock.set(at(20));
    const approved = await ok(
      t.call(
        'post',
        'approve',
        { postId: draft.id, expectedRev: submitted.rev, version: 1, comment: '' },
        WHO.reviewer,
      ),
    );
    t.cloud.clock.set(at(25));
    await ok(
      t.call(
        'post',
        'publish',
        {
          postId: draft.id,
          expectedRev: approved.rev,
          version: 1,
          content: seen.post.content,
          url: 'https://weibo.com/cs/jdy',
          publishedAt: at(24),
        },
        WHO.opB,
      ),
    );
    // Its publication registered it, in the same transaction: the time is when it was recorded.
    expect(targetsOf(t, id).find((x) => x.accountId === 'acc-cs-weibo')).toMatchObject({
      state: 'onTime',
      elapsedMs: 25 * MIN,
      response: { kind: 'original', postId: draft.id, byName: '李娜', link: 'https://weibo.com/cs/jdy' },
    });
    const audits = () => t.cloud.db.count('auditLog', { action: 'linkage.respond' });
    expect(audits()).toBe(1);
    // Registered by hand later (the page's button, a retry): the same record, written once.
    t.cloud.clock.set(at(40));
    const r = await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-weibo', kind: 'original', postId: draft.id },
        WHO.opB,
      ),
    );
    expect(r.row).toMatchObject({
      state: 'onTime',
      response: { kind: 'original', link: 'https://weibo.com/cs/jdy', postId: draft.id, elapsedMs: 25 * MIN },
    });
    expect(targetsOf(t, id).find((x) => x.accountId === 'acc-cs-weibo')?.response?.byName).toBe('李娜');
    expect(audits()).toBe(1);
  });

  it('refuses a marker for an account the directive does not call, or one that has answered', async () => {
    expect(
      await refusal(
        t.call(
          'post',
          'draftSave',
          {
            accountId: 'acc-cs-personal',
            clientKey: 'linkage-2',
            linkageDirectiveId: id,
            ...fields({ nature: 'personal' }),
          },
          WHO.personal,
        ),
      ),
    ).toBe('NOT_TARGET');
    expect(
      await refusal(
        t.call(
          'post',
          'draftSave',
          { accountId: 'acc-cs-weibo', clientKey: 'linkage-3', linkageDirectiveId: id, ...fields() },
          WHO.opA,
        ),
      ),
    ).toBe('ALREADY_RESPONDED');
  });

  it('does not take a post written for another purpose as the response', async () => {
    const other = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub');
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: id, accountId: 'acc-cs-wechat-sub', kind: 'original', postId: other.id },
          WHO.opA,
        ),
      ),
    ).toBe('POST_NOT_LINKED');
    expect(
      await refusal(
        t.call('linkage', 'respond', { directiveId: id, accountId: 'acc-cs-wechat-sub', kind: 'original' }, WHO.opA),
      ),
    ).toBe('POST_REQUIRED');
  });

  it('takes no original post for a directive that asks for reposts and comments only', async () => {
    const reposts = (await issue(t, { title: '转发警情通报', responseKinds: ['repost', 'comment'] })).directive.id;
    expect(
      await refusal(
        t.call(
          'post',
          'draftSave',
          { accountId: 'acc-cs-wechat-sub', clientKey: 'linkage-4', linkageDirectiveId: reposts, ...fields() },
          WHO.opA,
        ),
      ),
    ).toBe('KIND_NOT_ACCEPTED');
    // What the directive accepts is said first, before the post it would need.
    expect(
      await refusal(
        t.call(
          'linkage',
          'respond',
          { directiveId: reposts, accountId: 'acc-cs-wechat-sub', kind: 'original' },
          WHO.opA,
        ),
      ),
    ).toBe('KIND_NOT_ACCEPTED');
  });

  it('publishes a response post whose account answered otherwise meanwhile, registering nothing more', async () => {
    const draft = await ok(
      t.call(
        'post',
        'draftSave',
        { accountId: 'acc-cs-wechat-sub', clientKey: 'linkage-5', linkageDirectiveId: id, ...fields() },
        WHO.opA,
      ),
    );
    const submitted = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const seen = await ok(t.call('post', 'get', { postId: draft.id }, WHO.reviewer));
    const approved = await ok(
      t.call(
        'post',
        'approve',
        { postId: draft.id, expectedRev: submitted.rev, version: 1, comment: '' },
        WHO.reviewer,
      ),
    );
    // Meanwhile the other operator reposted for the account.
    await ok(
      t.call(
        'linkage',
        'respond',
        { directiveId: id, accountId: 'acc-cs-wechat-sub', kind: 'repost', link: 'https://mp.weixin.qq.com/s/r' },
        WHO.opB,
      ),
    );
    const published = await ok(
      t.call(
        'post',
        'publish',
        {
          postId: draft.id,
          expectedRev: approved.rev,
          version: 1,
          content: seen.post.content,
          url: 'https://mp.weixin.qq.com/s/p',
          publishedAt: at(44),
        },
        WHO.opA,
      ),
    );
    expect(published.state).toBe('published');
    expect(targetsOf(t, id).find((x) => x.accountId === 'acc-cs-wechat-sub')?.response).toMatchObject({
      kind: 'repost',
      byName: '李娜',
    });
  });
});

describe('a response post waiting at an approval step', () => {
  const t = useTestCloud({ now: ISSUED, frozen: true });

  it('reminds its approver, then the leader, before the directive’s deadline, saying it', async () => {
    const id = (await issue(t, { kind: 'publicity', title: '全省禁毒宣传月启动' })).directive.id;
    // Written late in the hour: the plain span (15 minutes, then 15 more) would run past 10:00.
    t.cloud.clock.set(at(40));
    const draft = await ok(
      t.call(
        'post',
        'draftSave',
        { accountId: 'acc-cs-weibo', clientKey: 'late-1', linkageDirectiveId: id, ...fields({}, { title: '禁毒' }) },
        WHO.opA,
      ),
    );
    await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const [entry] = t.cloud.db.find('approvalQueue', { postId: draft.id }) as unknown as ApprovalQueueEntry[];
    // A span before the deadline for the approver, half a span before it for the leader.
    expect(entry).toMatchObject({
      remindAt: '2026-12-01T09:45:00.000+08:00',
      escalateAt: '2026-12-01T09:52:30.000+08:00',
      linkageDueAt: '2026-12-01T10:00:00.000+08:00',
    });
    const inbox = (kind: string) =>
      notices(t, kind)
        .filter((n) => n.subject?.id === draft.id)
        .map((n) => [n.recipientId, n.text]);
    t.cloud.clock.set(at(46));
    await timer(t);
    expect(inbox('approvalWaiting')).toEqual([
      ['p-cs-reviewer', expect.stringMatching(/已等待约 6 分钟｜联动响应，须于 10:00 前发布$/u)],
    ]);
    t.cloud.clock.set(at(53));
    await timer(t);
    expect(inbox('approvalOverdue')).toEqual([
      ['p-cs-leader', expect.stringMatching(/已等待约 13 分钟｜联动响应，须于 10:00 前发布，请督促处理/u)],
    ]);
  }, 30_000);
});
