/**
 * The approvals page's server side (issue 16) through the local cloud: the four boxes with what a
 * decision needs, 抄送 by the bureau's rules (data), comments from copied people who cannot decide,
 * 催办 once per step per hour, and waiting-step reminders to the approver, then the leader above.
 */
import type { Notification, OutboxRecord } from '../typings/notify';
import type { ApprovalQueueEntry, Post } from '../typings/post';
import { useTestCloud, type TestCloud } from './support/cloud';
import { WHO, newDraft } from './post-helpers';
import { ok, refusal } from './support/answers';
import { screen } from '../core/screening/screen';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';
import { markLabels } from '../core/post/approvals';

jest.setTimeout(60_000);

const inbox = (t: TestCloud, personId: string, kind: string): Notification[] =>
  t.cloud.db.find('notifications', { recipientId: personId, kind }) as unknown as Notification[];
const outbox = (t: TestCloud, personId: string, kind: string): OutboxRecord[] =>
  t.cloud.db.find('outbox', { recipientId: personId, kind }) as unknown as OutboxRecord[];

async function submitted(t: TestCloud, accountId: string, level: 'ordinary' | 'major', title: string) {
  const draft = await newDraft(t, WHO.opA, accountId, { declaredLevel: level }, { title });
  return ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
}

async function fireTimer(t: TestCloud): Promise<void> {
  const [record] = await t.cloud.timers.fire('timer');
  if (!record?.outcome.ok) throw new Error(`timer failed: ${JSON.stringify(record?.outcome)}`);
}

describe('approvals: boxes, copies, comments', () => {
  const t = useTestCloud({ now: '2026-03-10T09:00:00+08:00', frozen: true });

  it('lists what waits with its waited-since and planned time, and decides from the list item alone', async () => {
    const post = await submitted(t, 'acc-cs-wechat-sub', 'major', '跨省追逃');
    await t.advance(30 * 60_000);
    const pending = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.reviewer));
    const [item] = pending.items;
    expect(item).toMatchObject({
      postId: post.id,
      rev: post.rev,
      version: 1,
      state: 'inReview',
      stepLabel: '审核民警审核',
      waitingSince: '2026-03-10T09:00:00.000+08:00',
      plannedAt: null,
    });
    expect(Date.parse(pending.now) - Date.parse(item?.waitingSince ?? '')).toBe(30 * 60_000);
    // The list item carries the rev and version: no post.get before deciding.
    await ok(
      t.call(
        'post',
        'approve',
        { postId: post.id, expectedRev: item?.rev ?? -1, version: item?.version ?? -1, comment: '同意' },
        WHO.reviewer,
      ),
    );
    expect((await ok(t.call('post', 'approvals', {}, WHO.reviewer))).items).toEqual([]);
    const decided = await ok(t.call('post', 'approvals', { box: 'decided' }, WHO.reviewer));
    expect(decided.items[0]).toMatchObject({
      postId: post.id,
      decision: 'approve',
      comment: '同意',
      stepLabel: '审核民警审核',
      state: 'inReview',
    });
    const mine = await ok(t.call('post', 'approvals', { box: 'submitted' }, WHO.opA));
    expect(mine.items.find((i) => i.postId === post.id)).toMatchObject({
      stepLabel: '分管领导审批',
      state: 'inReview',
    });
    const leader = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.leader));
    expect(leader.items.map((i) => i.postId)).toContain(post.id);
  });

  it('copies the final result to the responsible person by default; they comment but cannot decide', async () => {
    const post = await submitted(t, 'acc-cs-weibo', 'ordinary', '冬季防火');
    const approved = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    // 长沙市公安局's responsible person (第二十九条) is 陈静 (demo-city-propaganda).
    expect(inbox(t, 'p-cs-propaganda', 'approvalCopied').map((n) => n.title)).toEqual(['抄送：冬季防火']);
    const copied = await ok(t.call('post', 'approvals', { box: 'copied' }, WHO.cityDesk));
    expect(copied.items[0]).toMatchObject({
      postId: post.id,
      decision: 'approve',
      deciderName: '张伟',
      state: 'approved',
    });

    await ok(t.call('post', 'comment', { postId: post.id, text: '请注意配图版权' }, WHO.cityDesk));
    expect(
      await refusal(
        t.call(
          'post',
          'sendBack',
          { postId: post.id, expectedRev: approved.rev, version: 1, comment: 'x' },
          WHO.cityDesk,
        ),
      ),
    ).toBe('NOT_CURRENT_APPROVER');
    expect(await refusal(t.call('post', 'comment', { postId: post.id, text: '路过' }, WHO.countyOp))).toBe(
      'NOT_INVOLVED',
    );

    const detail = await ok(t.call('post', 'get', { postId: post.id }, WHO.cityDesk));
    expect(detail.can).toMatchObject({ comment: true, approve: false, sendBack: false, nudge: false });
    expect(detail.timeline.map((e) => [e.action, e.personName, e.comment])).toEqual([
      ['提交', '王明', ''],
      ['同意', '张伟', ''],
      ['抄送', '', '陈静'],
      ['意见', '陈静', '请注意配图版权'],
    ]);
    expect(detail.timeline[0]?.at).toBe('2026-03-10T09:30:00.000+08:00');
    expect(inbox(t, 'p-cs-operator-a', 'postComment')).toHaveLength(1);
  });

  it('follows the rules a bureau saves as data: copy the reviewer step to the responsible leader', async () => {
    expect(
      await refusal(t.call('post', 'setCopyRules', { unitId: 'u-cs', rules: [], expectedRev: 0 }, WHO.opA)),
    ).toMatch(/ROLE_REQUIRED|FORBIDDEN|NOT_/);
    const defaults = await ok(t.call('post', 'copyRules', { unitId: 'u-cs' }, 'demo-admin'));
    expect(defaults).toMatchObject({ isDefault: true, rev: 0, rules: [{ on: 'approved', to: ['responsiblePerson'] }] });
    expect(
      await refusal(
        t.call(
          'post',
          'setCopyRules',
          { unitId: 'u-cs', rules: [{ on: 'reviewer', to: [] }], expectedRev: 0 },
          'demo-admin',
        ),
      ),
    ).toBe('COPY_RULES_INVALID');
    const saved = await ok(
      t.call(
        'post',
        'setCopyRules',
        { unitId: 'u-cs', rules: [{ on: 'reviewer', to: ['responsibleLeader', 'propagandaStaff'] }], expectedRev: 0 },
        'demo-admin',
      ),
    );
    expect(saved).toMatchObject({ rev: 1, isDefault: false });
    expect(
      await refusal(t.call('post', 'setCopyRules', { unitId: 'u-cs', rules: [], expectedRev: 0 }, 'demo-admin')),
    ).toBe('CONFLICT');

    const before = inbox(t, 'p-cs-leader', 'approvalCopied').length;
    const post = await submitted(t, 'acc-cs-wechat-sub', 'major', '交通提示');
    const reviewed = await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    expect(inbox(t, 'p-cs-leader', 'approvalCopied')).toHaveLength(before + 1);
    const leaderCopies = await ok(t.call('post', 'approvals', { box: 'copied' }, WHO.leader));
    expect(leaderCopies.items[0]).toMatchObject({ postId: post.id, stepLabel: '审核民警审核', state: 'inReview' });
    // The desk's staff were copied while the post waits for the leader: they may comment, not decide.
    const deskCopies = await ok(t.call('post', 'approvals', { box: 'copied' }, WHO.cityDesk));
    expect(deskCopies.items.map((i) => i.postId)).toContain(post.id);
    expect(
      await refusal(
        t.call(
          'post',
          'approve',
          { postId: post.id, expectedRev: reviewed.rev, version: 1, comment: '' },
          WHO.cityDesk,
        ),
      ),
    ).toBe('NOT_CURRENT_APPROVER');
    await ok(t.call('post', 'comment', { postId: post.id, text: '已阅' }, WHO.cityDesk));
  });
});

describe('what 语义复核 set aside travels with the post to the reviewer', () => {
  const t = useTestCloud({ now: '2026-03-10T09:00:00+08:00', frozen: true });

  it('keeps the set-aside hits on the draft and shows them apart in the timeline; they decide nothing', async () => {
    // A training notice: the 命案 term and rule fire, and the shipped model reads no major case in it.
    const text = '市局组织开展命案现场勘查业务培训，全市80余名刑侦民警参加。';
    const title = '业务培训';
    const expected = screen(
      { text: `${title}\n${text}`, context: { kind: 'post', accountKind: 'institutional' } },
      STARTER_LEXICON,
    );
    const asideRules = (expected.setAside ?? []).map((h) => h.rule);
    expect(asideRules).toContain('命案');
    const draft = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub', {}, { title, text });
    expect(draft.screening).toMatchObject({ blocked: false, minLevel: 'ordinary', hits: [] });
    expect(draft.screening.setAside?.map((h) => [h.rule, h.matched, h.start])).toEqual(
      (expected.setAside ?? []).map((h) => [h.rule, h.matched, h.start]),
    );
    const post = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    // an ordinary post: the set-aside 第十七条（二）3 did not lift the level or lengthen the chain
    expect(post.level).toBe('ordinary');
    const detail = await ok(t.call('post', 'get', { postId: post.id }, WHO.reviewer));
    const [submit] = detail.timeline;
    expect(submit?.action).toBe('提交');
    expect(submit?.marks).toEqual([]);
    expect(submit?.setAside).toEqual(markLabels(expected.setAside ?? []));
    expect(submit?.setAside.join('')).toContain('第十七条（二）3');
    // the approvals list says so on the line, before the post is opened
    const line = (await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.reviewer))).items.find(
      (i) => i.postId === post.id,
    );
    expect(line).toMatchObject({ marks: [], setAside: (expected.setAside ?? []).length });
    expect(line?.setAside).toBeGreaterThan(0);
    // and a clean draft carries no set-aside field at all
    const clean = await newDraft(
      t,
      WHO.opA,
      'acc-cs-wechat-sub',
      {},
      { title: '便民', text: '户籍窗口周六照常办公。' },
    );
    expect(clean.screening.setAside).toBeUndefined();
  });

  it('reads a 留言回复 under its title by its reply: the rumour the netizen asked about is set aside, not refused', async () => {
    const title = '有问必答';
    const question = '【有问必答】网友问：听说有民警出警受伤了，是真的吗？';
    const text = `${question}\n答：经核实，系网络谣言，请勿轻信转发。`;
    const draft = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub', {}, { title, text });
    expect(draft.screening).toMatchObject({ blocked: false, minLevel: 'ordinary', hits: [] });
    const aside = draft.screening.setAside ?? [];
    expect(aside.map((h) => h.category)).toContain('unverifiedPolice');
    // offsets count from the title: every set-aside hit lies in the quoted question
    for (const h of aside)
      expect(h.where === 'text' && h.start > title.length && h.end <= title.length + 1 + question.length).toBe(true);
    // 第十七条（一）6: the question published as the unit's own words is refused
    const own = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub', {}, { title, text: question });
    expect(own.screening.blocked).toBe(true);
    expect(await refusal(t.call('post', 'submit', { postId: own.id, expectedRev: own.rev }, WHO.opA))).toBe(
      'SCREENING_BLOCKED',
    );
  });
});

describe('the approvals list says why a post is at its level', () => {
  const t = useTestCloud({ now: '2026-03-10T09:00:00+08:00', frozen: true });

  it('carries the screening marks of the version waiting in every box, and nothing on a clean post', async () => {
    const title = '警情提示';
    const text = '辖区昨夜接连发生三起入室盗窃，住户人心惶惶。';
    const expected = screen(
      { text: `${title}\n${text}`, context: { kind: 'post', accountKind: 'institutional' } },
      STARTER_LEXICON,
    );
    expect(expected.level).toBe('major');
    const draft = await newDraft(t, WHO.opA, 'acc-cs-wechat-sub', { declaredLevel: 'major' }, { title, text });
    const post = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const marks = markLabels(expected.hits);
    expect(marks.join('')).toContain('第十七条（二）6');
    const pending = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.reviewer));
    expect(pending.items.find((i) => i.postId === post.id)).toMatchObject({ marks, setAside: 0 });
    // the entry the pending box reads keeps them: no post is read per line
    const entries = t.cloud.db.find('approvalQueue', {
      postId: post.id,
      open: true,
    }) as unknown as ApprovalQueueEntry[];
    expect(entries.map((e) => e.marks)).toEqual(entries.map(() => marks));
    const mine = await ok(t.call('post', 'approvals', { box: 'submitted' }, WHO.opA));
    expect(mine.items.find((i) => i.postId === post.id)).toMatchObject({ marks, setAside: 0 });
    await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    const decided = await ok(t.call('post', 'approvals', { box: 'decided' }, WHO.reviewer));
    expect(decided.items.find((i) => i.postId === post.id)).toMatchObject({ marks, setAside: 0 });
    const leader = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.leader));
    expect(leader.items.find((i) => i.postId === post.id)).toMatchObject({ marks, setAside: 0 });
    // an entry written before the marks were kept (a deployed bureau's waiting posts) reads them from its post
    t.cloud.db.update(
      'approvalQueue',
      { postId: post.id, open: true },
      { $unset: { marks: true, setAside: true } },
      { multi: true, upsert: false, replace: false },
    );
    const legacyEntries = t.cloud.db.find('approvalQueue', {
      postId: post.id,
      open: true,
    }) as unknown as ApprovalQueueEntry[];
    expect(legacyEntries.length).toBeGreaterThan(0);
    expect(legacyEntries.every((e) => e.marks === undefined)).toBe(true);
    const legacy = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.leader));
    expect(legacy.items.find((i) => i.postId === post.id)).toMatchObject({ marks, setAside: 0 });

    const clean = await newDraft(
      t,
      WHO.opA,
      'acc-cs-wechat-sub',
      {},
      { title: '便民', text: '户籍窗口周六照常办公。' },
    );
    const cleanPost = await ok(t.call('post', 'submit', { postId: clean.id, expectedRev: clean.rev }, WHO.opA));
    const again = await ok(t.call('post', 'approvals', { box: 'pending' }, WHO.reviewer));
    expect(again.items.find((i) => i.postId === cleanPost.id)).toMatchObject({ marks: [], setAside: 0 });
  });
});

describe('催办: the submitter nudges a waiting step, once per step per hour', () => {
  const t = useTestCloud({ now: '2026-03-10T09:00:00+08:00', frozen: true });

  it('reaches the approver in the inbox always and by subscribe message where they consented', async () => {
    const post = await submitted(t, 'acc-cs-weibo', 'ordinary', '夜巡纪实');
    await fireTimer(t);
    // 待审核提醒 is a one-time subscription: the submission's notice used nothing (no consent yet); the
    // reviewer now grants one, which the nudge uses.
    await ok(t.call('notify', 'reportConsent', { answers: { 'local-tpl-approval-pending': 'accept' } }, WHO.reviewer));
    const first = await ok(t.call('post', 'nudge', { postId: post.id }, WHO.opA));
    expect(first).toEqual({ notified: 1, nextAllowedAt: '2026-03-10T10:00:00.000+08:00' });
    expect(inbox(t, 'p-cs-reviewer', 'approvalNudge').map((n) => n.title)).toEqual(['催办：夜巡纪实']);
    await fireTimer(t);
    // The reviewer consented to 待审核提醒: the nudge went out as a subscribe message.
    expect(outbox(t, 'p-cs-reviewer', 'approvalNudge').map((o) => o.state)).toEqual(['sent']);

    expect(await refusal(t.call('post', 'nudge', { postId: post.id }, WHO.opA))).toBe('NUDGE_TOO_SOON');
    expect(await refusal(t.call('post', 'nudge', { postId: post.id }, WHO.opB))).toMatch(
      /NOT_SUBMITTER|NOT_AUTHOR|FORBIDDEN/,
    );
    await t.advance(59 * 60_000);
    expect(await refusal(t.call('post', 'nudge', { postId: post.id }, WHO.opA))).toBe('NUDGE_TOO_SOON');
    await t.advance(60_000);
    await ok(t.call('post', 'nudge', { postId: post.id }, WHO.opA));
    expect(inbox(t, 'p-cs-reviewer', 'approvalNudge')).toHaveLength(2);
    await fireTimer(t);
    // One consent, one message (待审核提醒 is a one-time subscription): the second nudge stays in the inbox.
    expect(
      outbox(t, 'p-cs-reviewer', 'approvalNudge')
        .map((o) => o.state)
        .sort(),
    ).toEqual(['sent', 'skipped']);

    const detail = await ok(t.call('post', 'get', { postId: post.id }, WHO.opA));
    expect(detail.timeline.filter((e) => e.action === '催办').map((e) => [e.at, e.stepLabel])).toEqual([
      ['2026-03-10T09:00:00.000+08:00', '审核民警审核'],
      ['2026-03-10T10:00:00.000+08:00', '审核民警审核'],
    ]);
    expect(detail.nudgeAvailableAt).toBe('2026-03-10T11:00:00.000+08:00');
  });

  it('lets exactly one of two simultaneous nudges through', async () => {
    const post = await submitted(t, 'acc-cs-weibo', 'ordinary', '同时催办');
    const answers = await Promise.all([
      t.call('post', 'nudge', { postId: post.id }, WHO.opA),
      t.call('post', 'nudge', { postId: post.id }, WHO.opA),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/NUDGE_TOO_SOON|CONFLICT/) },
    });
  });

  it('has nothing to nudge once the post is decided', async () => {
    const post = await submitted(t, 'acc-cs-weibo', 'ordinary', '已通过');
    await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: post.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    expect(await refusal(t.call('post', 'nudge', { postId: post.id }, WHO.opA))).toBe('NOTHING_TO_NUDGE');
  });
});

describe('waiting-step reminders on the working-day calendar', () => {
  // Friday 16:00: 1.5 office hours are left that day, so two working hours end on Monday at 09:00.
  const t = useTestCloud({ now: '2026-03-13T16:00:00+08:00', frozen: true });

  it('reminds the approver after 2 working hours, then the leader above, each once', async () => {
    const post = await submitted(t, 'acc-cs-weibo', 'ordinary', '周末前提交');
    const [entry] = t.cloud.db.find('approvalQueue', { postId: post.id }) as unknown as ApprovalQueueEntry[];
    expect(entry).toMatchObject({
      remindAt: '2026-03-16T09:00:00.000+08:00',
      escalateAt: '2026-03-16T11:00:00.000+08:00',
    });
    await t.setNow('2026-03-16T08:59:00+08:00');
    await fireTimer(t);
    expect(inbox(t, 'p-cs-reviewer', 'approvalWaiting')).toHaveLength(0);
    await t.setNow('2026-03-16T09:01:00+08:00');
    await fireTimer(t);
    await fireTimer(t);
    expect(inbox(t, 'p-cs-reviewer', 'approvalWaiting').map((n) => n.title)).toEqual(['待处理超时：周末前提交']);
    expect(inbox(t, 'p-cs-leader', 'approvalOverdue')).toHaveLength(0);
    await t.setNow('2026-03-16T11:01:00+08:00');
    await fireTimer(t);
    await fireTimer(t);
    // 长沙市公安局's responsible leader (第二十九条) is 刘强.
    expect(inbox(t, 'p-cs-leader', 'approvalOverdue')).toHaveLength(1);
    expect(inbox(t, 'p-cs-reviewer', 'approvalWaiting')).toHaveLength(1);
  });

  it('gives a linkage response its shorter span in plain minutes, and stops once decided', async () => {
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo', {}, { title: '联动响应' });
    // A linkage response (第三十四条) carries its directive's marker; set here as the linkage function would.
    t.cloud.db.update(
      'posts',
      { _id: draft.id },
      {
        linkage: {
          directiveId: 'd-test',
          title: '联动',
          kindLabel: '重大正面宣传',
          issuedAt: '2026-03-16T20:00:00.000+08:00',
          dueAt: '2026-03-16T21:00:00.000+08:00',
        },
      },
      { multi: false, replace: false, upsert: false },
    );
    await t.setNow('2026-03-16T20:05:00+08:00');
    const post = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    const [entry] = t.cloud.db.find('approvalQueue', { postId: post.id }) as unknown as ApprovalQueueEntry[];
    expect(entry).toMatchObject({
      remindAt: '2026-03-16T20:20:00.000+08:00',
      escalateAt: '2026-03-16T20:35:00.000+08:00',
    });
    await t.setNow('2026-03-16T20:21:00+08:00');
    await fireTimer(t);
    expect(inbox(t, 'p-cs-reviewer', 'approvalWaiting').filter((n) => n.title.includes('联动响应'))).toHaveLength(1);
    const stored = t.cloud.db.get('posts', post.id) as unknown as Post;
    await ok(
      t.call('post', 'approve', { postId: post.id, expectedRev: stored.rev, version: 1, comment: '' }, WHO.reviewer),
    );
    await t.setNow('2026-03-16T20:40:00+08:00');
    await fireTimer(t);
    expect(inbox(t, 'p-cs-leader', 'approvalOverdue').filter((n) => n.title.includes('联动响应'))).toHaveLength(0);
  });
});
