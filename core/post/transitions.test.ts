import type { Account } from '../../typings/org';
import type {
  Post,
  PostContent,
  PostEffect,
  PostEvent,
  PostScreening,
  PostTransition,
  ScreeningHit,
} from '../../typings/post';
import { dedupeKey } from '../notify/message';
import { diffContent } from './diff';
import { contentHash } from './hash';
import {
  applyPostEvent,
  copyToAccount,
  createDraft,
  previewChain,
  type CreateContext,
  type PostContext,
} from './transitions';
import { city, clean, content, county, draft, institutional, newId, person, personal, staff, units } from './testkit';

const START = Date.parse('2026-03-10T09:00:00+08:00');
const MIN = 60_000;

type Actor = PostContext['actor'];

function ctxFor(actor: Actor, account: Account | null, now = START): CreateContext {
  return { now, actor, account, units, newId };
}

function ok(t: PostTransition): { next: Post; effects: PostEffect[] } {
  if (!t.ok) throw new Error(`expected success, got ${t.error.code}: ${t.error.message}`);
  return t;
}

function code(t: PostTransition): string {
  if (t.ok) throw new Error(`expected a refusal, got state ${t.next.state}`);
  return t.error.code;
}

/** Applies an event with the post's current rev (the usual, non-racing case). */
type EventWithoutRev = PostEvent extends infer E ? (E extends PostEvent ? Omit<E, 'expectedRev'> : never) : never;
function act(post: Post, event: EventWithoutRev, actor: Actor, account: Account, now = START): PostTransition {
  return applyPostEvent(post, { ...event, expectedRev: post.rev } as PostEvent, ctxFor(actor, account, now));
}

const cityWeibo = institutional(city);
const countyWeibo = institutional(county);
const s = staff;

function newPost(account = cityWeibo, over: Parameters<typeof draft>[0] = {}, author: Actor = s.city.opA): Post {
  return ok(createDraft({ accountId: account._id, ...draft(over) }, ctxFor(author, account))).next;
}

function submitted(account = cityWeibo, over: Parameters<typeof draft>[0] = {}, author: Actor = s.city.opA): Post {
  const post = newPost(account, over, author);
  return ok(act(post, { type: 'submit', screening: over.screening ?? clean }, author, account)).next;
}

const approveAs = (post: Post, actor: Actor, account: Account = cityWeibo, now = START): PostTransition =>
  act(post, { type: 'approve', version: post.version, comment: '' }, actor, account, now);

const effectsOf = <T extends PostEffect['type']>(effects: PostEffect[], type: T): Extract<PostEffect, { type: T }>[] =>
  effects.filter((e): e is Extract<PostEffect, { type: T }> => e.type === type);

function hit(over: Partial<ScreeningHit> & Pick<ScreeningHit, 'category' | 'ref' | 'effect'>): ScreeningHit {
  return {
    title: '测试类别',
    levelFloor: null,
    source: 'lexicon',
    rule: '词',
    where: 'text',
    start: 0,
    end: 2,
    matched: '某词',
    ...over,
  } as ScreeningHit;
}

describe('drafts', () => {
  it('creates a draft for exactly one account, with its hash and the author as contributor', () => {
    const post = newPost();
    expect(post).toMatchObject({
      state: 'draft',
      version: 1,
      rev: 1,
      accountId: cityWeibo._id,
      unitId: 'u-city',
      authorId: 'city-opA',
    });
    expect(post.contributorIds).toEqual(['city-opA']);
    expect(post.contentHash).toBe(contentHash(content()));
    expect(post.createdAt).toBe('2026-03-10T09:00:00.000+08:00');
  });

  it('refuses a missing account, a caller who is not its operator, and a closed account', () => {
    expect(code(createDraft({ accountId: 'nope', ...draft() }, ctxFor(s.city.opA, null)))).toBe('ACCOUNT_NOT_FOUND');
    expect(code(createDraft({ accountId: 'other', ...draft() }, ctxFor(s.city.opA, cityWeibo)))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect(code(createDraft({ accountId: cityWeibo._id, ...draft() }, ctxFor(s.city.reviewer, cityWeibo)))).toBe(
      'NOT_OPERATOR',
    );
    expect(code(createDraft({ accountId: cityWeibo._id, ...draft() }, ctxFor(s.county.opA, cityWeibo)))).toBe(
      'NOT_OPERATOR',
    );
    const closed: Account = { ...cityWeibo, state: 'closed' };
    expect(code(createDraft({ accountId: closed._id, ...draft() }, ctxFor(s.city.opA, closed)))).toBe(
      'ACCOUNT_INACTIVE',
    );
  });

  it('accepts 20,000 characters of text and refuses one more', () => {
    const atLimit = '警'.repeat(20_000);
    expect(newPost(cityWeibo, { content: content({ text: atLimit }) }).content.text).toHaveLength(20_000);
    const t = createDraft(
      { accountId: cityWeibo._id, ...draft({ content: content({ text: `${atLimit}。` }) }) },
      ctxFor(s.city.opA, cityWeibo),
    );
    expect(code(t)).toBe('TEXT_TOO_LONG');
    if (!t.ok) expect(t.error.message).toContain('20001');
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    const text = `${'警'.repeat(19_999)}🚓`;
    expect(newPost(cityWeibo, { content: content({ text }) }).content.text).toBe(text);
  });

  it('keeps official and personal voices apart (第三十三条)', () => {
    const t1 = createDraft(
      { accountId: cityWeibo._id, ...draft({ nature: 'personal' }) },
      ctxFor(s.city.opA, cityWeibo),
    );
    expect(code(t1)).toBe('ACCOUNT_USE_MISMATCH');
    if (!t1.ok) expect(t1.error.message).toContain('严禁用官方账号发布个人信息');
    const mine = personal(city);
    const t2 = createDraft({ accountId: mine._id, ...draft({ nature: 'official' }) }, ctxFor(s.city.officer, mine));
    expect(code(t2)).toBe('ACCOUNT_USE_MISMATCH');
    if (!t2.ok) expect(t2.error.message).toContain('严禁用个人账号发布官方信息');
  });

  it('drops a source on an original and keeps it on a repost', () => {
    const source = { outlet: '人民网', link: 'https://www.people.com.cn/a/1' };
    expect(newPost(cityWeibo, { content: content({ source }) }).content.source).toBeNull();
    expect(newPost(cityWeibo, { content: content({ kind: 'repost', source }) }).content.source).toEqual(source);
  });

  it('saves in place before the first submission and lets operator B edit too', () => {
    const post = newPost();
    const saved = ok(
      act(post, { type: 'saveDraft', ...draft({ content: content({ text: '改' }) }) }, s.city.opB, cityWeibo),
    ).next;
    expect(saved).toMatchObject({ version: 1, rev: 2, state: 'draft' });
    expect(saved.contributorIds).toEqual(['city-opA', 'city-opB']);
  });
});

describe('chain preview', () => {
  it('shows the chain the draft would run: the declared level lifted to the screening floor', () => {
    const caution: PostScreening = {
      blocked: false,
      minLevel: 'major',
      hits: [hit({ category: 'majorCase', ref: '第十七条（二）3', effect: 'caution' })],
    };
    const post = newPost(countyWeibo, { screening: caution }, s.county.opA);
    const preview = previewChain(post, { account: countyWeibo, units });
    expect(preview.ok && preview.plan.steps.map((st) => st.label)).toEqual(['审核民警审核', '分管领导审批']);
    expect(previewChain(post, { account: cityWeibo, units })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }),
    });
  });
});

describe('submission and the ordinary chain', () => {
  it('submits to the reviewer, stores the version and notifies the reviewer', () => {
    const post = newPost();
    const { next, effects } = ok(act(post, { type: 'submit', screening: clean }, s.city.opA, cityWeibo));
    expect(next).toMatchObject({
      state: 'inReview',
      stepIndex: 0,
      round: 1,
      submittedVersion: 1,
      pendingWith: ['person:city-reviewer'],
    });
    expect(next.chain.map((c) => c.key)).toEqual(['reviewer']);
    const [stored] = effectsOf(effects, 'storeVersion');
    expect(stored.version).toMatchObject({
      _id: `${post._id}#1`,
      version: 1,
      contentHash: post.contentHash,
      submittedBy: 'city-opA',
    });
    const [notice] = effectsOf(effects, 'notify');
    expect(notice).toMatchObject({
      kind: 'approvalPending',
      to: [{ type: 'person', personId: 'city-reviewer' }],
      dedupeKey: `approvalPending:posts/${post._id}:r1-reviewer`,
      subject: { collection: 'posts', id: post._id },
      link: `/pages/post-detail/index?id=${post._id}`,
      values: { subject: post.content.title, actor: s.city.opA.name, account: cityWeibo.name, status: '审核民警审核' },
    });
    // Per recipient, the outbox key is the notify module's own.
    expect(`${notice.dedupeKey}:city-reviewer`).toBe(
      dedupeKey('approvalPending', `posts/${post._id}`, 'r1-reviewer', 'city-reviewer'),
    );
    expect(effectsOf(effects, 'audit')[0]).toMatchObject({ action: 'post.submit', postId: post._id, unitId: 'u-city' });
  });

  it('refuses a second submit, and a stale rev before anything else', () => {
    const post = newPost();
    const first = ok(act(post, { type: 'submit', screening: clean }, s.city.opA, cityWeibo)).next;
    expect(code(act(first, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('ALREADY_SUBMITTED');
    // The double tap: the second request still carries the old rev.
    expect(
      code(
        applyPostEvent(
          first,
          { type: 'submit', expectedRev: post.rev, screening: clean },
          ctxFor(s.city.opA, cityWeibo),
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('approves on the last step, notifies the author and records the approved hash', () => {
    const post = submitted();
    const { next, effects } = ok(approveAs(post, s.city.reviewer, cityWeibo, START + 5 * MIN));
    expect(next).toMatchObject({
      state: 'approved',
      approvedVersion: 1,
      approvedHash: post.contentHash,
      approvedAt: '2026-03-10T09:05:00.000+08:00',
      pendingWith: [],
      stepIndex: null,
    });
    expect(next.decisions).toEqual([
      expect.objectContaining({
        kind: 'approve',
        personId: 'city-reviewer',
        stepKey: 'reviewer',
        round: 1,
        version: 1,
      }),
    ]);
    const [notice] = effectsOf(effects, 'notify');
    expect(notice).toMatchObject({ kind: 'postApproved', to: [{ type: 'person', personId: 'city-opA' }] });
  });

  it('refuses incomplete content at submission', () => {
    const noTitle = newPost(cityWeibo, { content: content({ title: '  ' }) });
    expect(code(act(noTitle, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('TITLE_REQUIRED');
    const empty = newPost(cityWeibo, { content: content({ text: '', images: [] }) });
    expect(code(act(empty, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('EMPTY_CONTENT');
  });

  it('blocks prohibited content and names the text and the article', () => {
    const blocked: PostScreening = {
      blocked: true,
      minLevel: 'ordinary',
      hits: [
        hit({
          category: 'secret',
          ref: '第十七条（一）7',
          effect: 'block',
          matched: '绝密',
          title: '涉及国家秘密、警务工作秘密',
        }),
      ],
    };
    const post = newPost(cityWeibo, { screening: blocked });
    const t = act(post, { type: 'submit', screening: blocked }, s.city.opA, cityWeibo);
    expect(code(t)).toBe('SCREENING_BLOCKED');
    if (!t.ok) expect(t.error.message).toContain('“绝密”（涉及国家秘密、警务工作秘密，第十七条（一）7）');
  });

  it('refuses a declared level below the screening floor (caution hits set it)', () => {
    const caution: PostScreening = {
      blocked: false,
      minLevel: 'major',
      hits: [hit({ category: 'majorCase', ref: '第十七条（二）3', effect: 'caution' })],
    };
    const post = newPost(cityWeibo, { screening: caution });
    expect(post).toMatchObject({ declaredLevel: 'ordinary', floorLevel: 'major', level: 'major' });
    const t = act(post, { type: 'submit', screening: caution }, s.city.opA, cityWeibo);
    expect(code(t)).toBe('LEVEL_BELOW_FLOOR');
    if (!t.ok) expect(t.error.message).toContain('重大敏感');
    const declared = newPost(cityWeibo, { screening: caution, declaredLevel: 'major' });
    const sent = ok(act(declared, { type: 'submit', screening: caution }, s.city.opA, cityWeibo)).next;
    expect(sent.chain.map((c) => c.key)).toEqual(['reviewer', 'leader']);
  });

  it('checks a repost source: named, verified, not foreign (第二十一条, 第十七条（一）12)', () => {
    const source = { outlet: '某境外网', link: 'https://news.example.com/x' };
    const unnamed = newPost(cityWeibo, { content: content({ kind: 'repost', source: null }), sourceVerified: true });
    expect(code(act(unnamed, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('SOURCE_REQUIRED');
    const badLink = newPost(cityWeibo, {
      content: content({ kind: 'repost', source: { outlet: '人民网', link: 'people' } }),
      sourceVerified: true,
    });
    expect(code(act(badLink, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('SOURCE_REQUIRED');
    const unverified = newPost(cityWeibo, { content: content({ kind: 'repost', source }) });
    expect(code(act(unverified, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe(
      'SOURCE_NOT_VERIFIED',
    );
    const foreign: PostScreening = {
      blocked: true,
      minLevel: 'ordinary',
      hits: [
        hit({
          category: 'foreignMedia',
          ref: '第十七条（一）12',
          effect: 'block',
          where: 'link',
          matched: 'news.example.com',
        }),
      ],
    };
    const verified = newPost(cityWeibo, { content: content({ kind: 'repost', source }), sourceVerified: true });
    expect(code(act(verified, { type: 'submit', screening: foreign }, s.city.opA, cityWeibo))).toBe('SOURCE_FOREIGN');
    const fine = ok(act(verified, { type: 'submit', screening: clean }, s.city.opA, cityWeibo)).next;
    expect(fine.state).toBe('inReview');
  });

  it('refuses to submit when every named reviewer helped write the post (第十五条)', () => {
    const selfReviewed: Account = { ...cityWeibo, reviewerIds: ['city-opA'] };
    const post = newPost(selfReviewed);
    expect(code(act(post, { type: 'submit', screening: clean }, s.city.opA, selfReviewed))).toBe(
      'NO_INDEPENDENT_REVIEWER',
    );
  });
});

describe('who may decide', () => {
  it('never lets an author approve their own post, even when named reviewer', () => {
    const both = person('city-opA', 'u-city', [
      ['operator', 'u-city'],
      ['reviewer', 'u-city'],
    ]);
    const account: Account = { ...cityWeibo, reviewerIds: ['city-opA', 'city-reviewer'] };
    const post = submitted(account, {}, both);
    expect(code(approveAs(post, both, account))).toBe('OWN_POST');
    // An operator who edited the post is an author as well.
    const edited = ok(
      act(
        newPost(account, {}, both),
        { type: 'saveDraft', ...draft({ content: content({ text: 'B 改' }) }) },
        s.city.opB,
        account,
      ),
    ).next;
    const sent = ok(act(edited, { type: 'submit', screening: clean }, s.city.opB, account)).next;
    const bReviewer = person('city-opB', 'u-city', [
      ['operator', 'u-city'],
      ['reviewer', 'u-city'],
    ]);
    expect(code(approveAs(sent, bReviewer, account))).toBe('OWN_POST');
    expect(ok(approveAs(sent, s.city.reviewer, account)).next.state).toBe('approved');
  });

  it('refuses out of turn and out of scope', () => {
    const post = submitted(cityWeibo, { declaredLevel: 'major' });
    expect(code(approveAs(post, s.city.leader))).toBe('OUT_OF_TURN');
    expect(code(approveAs(post, s.county.reviewer))).toBe('NOT_IN_SCOPE');
    expect(code(approveAs(post, s.province.leader))).toBe('NOT_IN_SCOPE');
    const atLeader = ok(approveAs(post, s.city.reviewer)).next;
    expect(code(approveAs(atLeader, s.county.leader))).toBe('NOT_IN_SCOPE');
    expect(ok(approveAs(atLeader, s.city.propagandaLeader)).next.state).toBe('approved');
  });

  it('notifies each step in turn and the author at the end', () => {
    const post = submitted(countyWeibo, { declaredLevel: 'especiallyMajor' }, s.county.opA);
    const order = [s.county.reviewer, s.county.leader, s.city.staff, s.province.staff];
    let current = post;
    const notices: string[] = [];
    for (const approver of order) {
      const { next, effects } = ok(approveAs(current, approver, countyWeibo));
      notices.push(...effectsOf(effects, 'notify').map((n) => `${n.kind}:${JSON.stringify(n.to)}`));
      current = next;
    }
    expect(current.state).toBe('approved');
    expect(notices).toEqual([
      'approvalPending:[{"type":"role","role":"leader","unitId":"u-county"},{"type":"role","role":"leader","unitId":"u-county-desk"}]',
      'approvalPending:[{"type":"role","role":"propagandaStaff","unitId":"u-city-desk"}]',
      'approvalPending:[{"type":"role","role":"propagandaStaff","unitId":"u-prov-desk"}]',
      'postApproved:[{"type":"person","personId":"county-opA"}]',
    ]);
  });

  it('lets exactly one of two racing approvers through', () => {
    const twoReviewers: Account = { ...cityWeibo, reviewerIds: ['city-reviewer', 'city-reviewer2'] };
    const second = person('city-reviewer2', 'u-city', [['reviewer', 'u-city']]);
    const post = submitted(twoReviewers);
    const a = applyPostEvent(
      post,
      { type: 'approve', expectedRev: post.rev, version: post.version, comment: '' },
      ctxFor(s.city.reviewer, twoReviewers),
    );
    const b = applyPostEvent(
      post,
      { type: 'approve', expectedRev: post.rev, version: post.version, comment: '' },
      ctxFor(second, twoReviewers),
    );
    // Both computed from the same loaded copy; the DB check-and-set on rev keeps only the first write,
    // and the loser, reloading and retrying with its old rev, is refused.
    expect(ok(a).next.rev).toBe(post.rev + 1);
    expect(ok(b).next.rev).toBe(post.rev + 1);
    const retried = applyPostEvent(
      ok(a).next,
      { type: 'approve', expectedRev: post.rev, version: post.version, comment: '' },
      ctxFor(second, twoReviewers),
    );
    expect(code(retried)).toBe('CONFLICT');
  });

  it('refuses a decision on a version the decider did not see', () => {
    const post = submitted();
    const t = act(post, { type: 'approve', version: post.version + 1, comment: '' }, s.city.reviewer, cityWeibo);
    expect(code(t)).toBe('CONFLICT');
  });

  it('refuses one person deciding two steps of the same round', () => {
    const both = person('city-rl', 'u-city', [
      ['reviewer', 'u-city'],
      ['leader', 'u-city'],
    ]);
    const account: Account = { ...cityWeibo, reviewerIds: ['city-rl'] };
    const post = submitted(account, { declaredLevel: 'major' });
    const atLeader = ok(approveAs(post, both, account)).next;
    expect(code(approveAs(atLeader, both, account))).toBe('SAME_APPROVER');
  });

  it('refuses decisions on a post that is not in review', () => {
    expect(code(approveAs(newPost(), s.city.reviewer))).toBe('NOT_IN_REVIEW');
  });
});

describe('send back, edit, new version', () => {
  it('requires a comment to send back', () => {
    const post = submitted();
    expect(code(act(post, { type: 'sendBack', version: 1, comment: '  ' }, s.city.reviewer, cityWeibo))).toBe(
      'COMMENT_REQUIRED',
    );
  });

  it('restarts the chain on a new version after an edit, keeping every version and decision', () => {
    const post = submitted(cityWeibo, { declaredLevel: 'major' });
    const atLeader = ok(approveAs(post, s.city.reviewer)).next;
    const back = ok(
      act(atLeader, { type: 'sendBack', version: 1, comment: '请核实伤亡人数' }, s.city.leader, cityWeibo),
    );
    expect(back.next).toMatchObject({ state: 'returned', pendingWith: [], stepIndex: null });
    expect(effectsOf(back.effects, 'notify')[0]).toMatchObject({
      kind: 'postReturned',
      to: [{ type: 'person', personId: 'city-opA' }],
      text: '退回意见：请核实伤亡人数',
    });

    expect(code(act(back.next, { type: 'submit', screening: clean }, s.city.opA, cityWeibo))).toBe('NOT_SUBMITTABLE');
    const newText = content({ text: '近期气温骤降，请广大驾驶人减速慢行，注意防滑。' });
    const edited = ok(
      act(
        back.next,
        { type: 'saveDraft', ...draft({ content: newText, declaredLevel: 'major' }) },
        s.city.opA,
        cityWeibo,
      ),
    ).next;
    expect(edited).toMatchObject({ state: 'draft', version: 2, submittedVersion: 1 });

    const resent = ok(act(edited, { type: 'submit', screening: clean }, s.city.opA, cityWeibo));
    expect(resent.next).toMatchObject({
      state: 'inReview',
      version: 2,
      round: 2,
      stepIndex: 0,
      pendingWith: ['person:city-reviewer'],
    });
    expect(effectsOf(resent.effects, 'storeVersion')[0].version).toMatchObject({ _id: `${post._id}#2`, version: 2 });
    // Round 1's approvals do not count for version 2: the reviewer decides again.
    expect(resent.next.decisions.map((d) => `${d.round}:${d.version}:${d.stepKey}:${d.kind}`)).toEqual([
      '1:1:reviewer:approve',
      '1:1:leader:sendBack',
    ]);
    const again = ok(approveAs(resent.next, s.city.reviewer)).next;
    expect(again.stepIndex).toBe(1);

    const diff = diffContent(post.content, edited.content);
    expect(diff.text).toEqual([
      { op: 'equal', text: '近期气温骤降，请广大驾驶人减速慢行' },
      { op: 'insert', text: '，注意防滑' },
      { op: 'equal', text: '。' },
    ]);
  });

  it('takes an approved post back to draft when its content changes', () => {
    const planned = '2026-03-10T18:00:00+08:00';
    const post = submitted(cityWeibo, { plannedAt: planned });
    const approved = ok(approveAs(post, s.city.reviewer)).next;
    const t = ok(
      act(
        approved,
        { type: 'saveDraft', ...draft({ plannedAt: approved.plannedAt, content: content({ title: '新标题' }) }) },
        s.city.opA,
        cityWeibo,
      ),
    );
    expect(t.next).toMatchObject({ state: 'draft', version: 2, chain: [] });
    expect(effectsOf(t.effects, 'unschedule')).toEqual([
      { type: 'unschedule', dedupeKey: `publishReminder:posts/${post._id}:planned-${Date.parse(planned)}` },
    ]);
    expect(
      code(
        act(
          t.next,
          {
            type: 'recordPublication',
            version: 1,
            content: post.content,
            url: 'https://weibo.com/1',
            publishedAt: '2026-03-10T09:10:00+08:00',
          },
          s.city.opA,
          cityWeibo,
        ),
      ),
    ).toBe('NOT_APPROVED');
  });
});

describe('withdraw', () => {
  it('lets the author withdraw before the final decision and resubmit', () => {
    const post = submitted(cityWeibo, { declaredLevel: 'major' });
    expect(code(act(post, { type: 'withdraw' }, s.city.opB, cityWeibo))).toBe('NOT_AUTHOR');
    const withdrawn = ok(act(post, { type: 'withdraw' }, s.city.opA, cityWeibo)).next;
    expect(withdrawn).toMatchObject({ state: 'withdrawn', pendingWith: [], stepIndex: null });
    expect(code(act(withdrawn, { type: 'withdraw' }, s.city.opA, cityWeibo))).toBe('NOT_WITHDRAWABLE');
    const again = ok(act(withdrawn, { type: 'submit', screening: clean }, s.city.opA, cityWeibo));
    expect(again.next).toMatchObject({ state: 'inReview', round: 2, version: 1 });
    // Version 1 is already kept; it is not stored twice.
    expect(effectsOf(again.effects, 'storeVersion')).toEqual([]);
    expect(effectsOf(again.effects, 'notify')[0].dedupeKey).toBe(`approvalPending:posts/${post._id}:r2-reviewer`);
  });

  it('refuses after the final decision', () => {
    const approved = ok(approveAs(submitted(), s.city.reviewer)).next;
    expect(code(act(approved, { type: 'withdraw' }, s.city.opA, cityWeibo))).toBe('WITHDRAW_AFTER_FINAL');
    expect(code(act(newPost(), { type: 'withdraw' }, s.city.opA, cityWeibo))).toBe('NOT_WITHDRAWABLE');
  });
});

describe('raising the level mid-chain', () => {
  it('recomputes the remaining chain and keeps the decisions taken', () => {
    const post = submitted(countyWeibo, { declaredLevel: 'major' }, s.county.opA);
    const atLeader = ok(approveAs(post, s.county.reviewer, countyWeibo)).next;
    const raised = ok(
      act(atLeader, { type: 'raiseLevel', version: 1, level: 'especiallyMajor' }, s.county.leader, countyWeibo),
    );
    expect(raised.next.level).toBe('especiallyMajor');
    expect(raised.next.chain.map((c) => c.key)).toEqual(['reviewer', 'leader', 'desk:u-city-desk', 'desk:u-prov-desk']);
    expect(raised.next.stepIndex).toBe(1);
    // The current step did not change, so nobody new is notified yet.
    expect(effectsOf(raised.effects, 'notify')).toEqual([]);
    const atCity = ok(approveAs(raised.next, s.county.leader, countyWeibo)).next;
    expect(atCity.pendingWith).toEqual(['role:propagandaStaff@u-city-desk']);
  });

  it('lets the reviewer raise an ordinary post to a longer chain', () => {
    const post = submitted(countyWeibo, {}, s.county.opA);
    const raised = ok(
      act(post, { type: 'raiseLevel', version: 1, level: 'major' }, s.county.reviewer, countyWeibo),
    ).next;
    expect(raised.chain.map((c) => c.key)).toEqual(['reviewer', 'leader']);
    expect(ok(approveAs(raised, s.county.reviewer, countyWeibo)).next.state).toBe('inReview');
  });

  it('never lowers, never below the floor, and only by the current approver', () => {
    const caution: PostScreening = { blocked: false, minLevel: 'major', hits: [] };
    const post = submitted(cityWeibo, { declaredLevel: 'especiallyMajor', screening: caution });
    expect(code(act(post, { type: 'raiseLevel', version: 1, level: 'ordinary' }, s.city.reviewer, cityWeibo))).toBe(
      'LEVEL_BELOW_FLOOR',
    );
    expect(code(act(post, { type: 'raiseLevel', version: 1, level: 'major' }, s.city.reviewer, cityWeibo))).toBe(
      'LEVEL_NOT_RAISED',
    );
    expect(
      code(act(post, { type: 'raiseLevel', version: 1, level: 'especiallyMajor' }, s.city.reviewer, cityWeibo)),
    ).toBe('LEVEL_NOT_RAISED');
    const ordinary = submitted();
    expect(code(act(ordinary, { type: 'raiseLevel', version: 1, level: 'major' }, s.city.opA, cityWeibo))).toBe(
      'OWN_POST',
    );
    expect(code(act(ordinary, { type: 'raiseLevel', version: 1, level: 'major' }, s.city.leader, cityWeibo))).toBe(
      'NOT_IN_SCOPE',
    );
  });
});

describe('personal accounts (第十八条)', () => {
  const mine = personal(county);
  const officer = s.county.officer;
  const personalDraft = { nature: 'personal' as const };

  it('logs an ordinary personal post: approved at once, recorded, no approver', () => {
    const post = newPost(mine, personalDraft, officer);
    const { next, effects } = ok(act(post, { type: 'submit', screening: clean }, officer, mine));
    expect(next).toMatchObject({ state: 'approved', logged: true, chain: [], approvedVersion: 1 });
    expect(effectsOf(effects, 'notify')).toEqual([]);
    expect(effectsOf(effects, 'audit')[0].summary).toContain('登记备查');
  });

  it('sends a post that touches 第十八条 to the unit propaganda desk', () => {
    const sensitive: PostScreening = {
      blocked: false,
      minLevel: 'major',
      hits: [hit({ category: 'personalSensitive', ref: '第十八条', effect: 'caution', matched: '疫情' })],
    };
    const post = newPost(mine, { ...personalDraft, declaredLevel: 'major', screening: sensitive }, officer);
    const sent = ok(act(post, { type: 'submit', screening: sensitive }, officer, mine)).next;
    expect(sent.chain.map((c) => c.key)).toEqual(['desk:u-county-desk']);
    expect(code(approveAs(sent, s.county.reviewer, mine))).toBe('NOT_IN_SCOPE');
    expect(ok(approveAs(sent, s.county.staff, mine)).next.state).toBe('approved');
  });
});

describe('publication (第三十三条)', () => {
  const approved = (): Post => ok(approveAs(submitted(), s.city.reviewer, cityWeibo, START + 10 * MIN)).next;
  const record = (
    post: Post,
    actor: Actor,
    over: Partial<{ version: number; content: PostContent; url: string; publishedAt: string }> = {},
    now = START + 60 * MIN,
  ) =>
    act(
      post,
      {
        type: 'recordPublication',
        version: post.version,
        content: post.content,
        url: 'https://weibo.com/123/abc',
        publishedAt: '2026-03-10T09:30:00+08:00',
        ...over,
      },
      actor,
      cityWeibo,
      now,
    );

  it('records the approved version with link and time, and counts the Beijing day', () => {
    const post = approved();
    const { next, effects } = ok(record(post, s.city.opB));
    expect(next.state).toBe('published');
    expect(next.publication).toEqual({
      url: 'https://weibo.com/123/abc',
      publishedAt: '2026-03-10T09:30:00.000+08:00',
      recordedAt: '2026-03-10T10:00:00.000+08:00',
      recordedBy: 'city-opB',
      version: 1,
      contentHash: post.approvedHash,
    });
    expect(effectsOf(effects, 'countPublished')).toEqual([
      { type: 'countPublished', accountId: cityWeibo._id, day: '2026-03-10', postId: post._id },
    ]);
    expect(code(record(next, s.city.opB))).toBe('ALREADY_PUBLISHED');
    expect(code(act(next, { type: 'saveDraft', ...draft() }, s.city.opA, cityWeibo))).toBe('POST_PUBLISHED');
  });

  it('counts a late-evening publication on its Beijing day, whatever the machine TZ', () => {
    const post = ok(approveAs(submitted(), s.city.reviewer, cityWeibo)).next;
    const late = ok(
      record(post, s.city.opA, { publishedAt: '2026-03-10T15:59:00Z' }, Date.parse('2026-03-11T01:00:00+08:00')),
    );
    expect(effectsOf(late.effects, 'countPublished')[0].day).toBe('2026-03-10');
    const afterMidnight = ok(
      record(post, s.city.opA, { publishedAt: '2026-03-10T16:00:00Z' }, Date.parse('2026-03-11T01:00:00+08:00')),
    );
    expect(effectsOf(afterMidnight.effects, 'countPublished')[0].day).toBe('2026-03-11');
  });

  it('refuses unapproved posts, non-operators, and content that is not the approved one', () => {
    expect(code(record(submitted(), s.city.opA))).toBe('NOT_APPROVED');
    const post = approved();
    expect(code(record(post, s.city.reviewer))).toBe('NOT_OPERATOR');
    expect(code(record(post, s.county.opA))).toBe('NOT_OPERATOR');
    const altered = record(post, s.city.opA, { content: { ...post.content, text: `${post.content.text} ` } });
    expect(code(altered)).toBe('CONTENT_MISMATCH');
    expect(code(record(post, s.city.opA, { content: { ...post.content, images: [] } }))).toBe('CONTENT_MISMATCH');
    expect(code(record(post, s.city.opA, { version: 2 }))).toBe('CONTENT_MISMATCH');
  });

  it('checks the link and the time', () => {
    const post = approved();
    expect(code(record(post, s.city.opA, { url: 'weibo.com/1' }))).toBe('INVALID_LINK');
    expect(code(record(post, s.city.opA, { publishedAt: '2026-03-10 09:30' }))).toBe('INVALID_TIME');
    expect(code(record(post, s.city.opA, { publishedAt: '2026-03-10T09:30:00' }))).toBe('INVALID_TIME');
    expect(code(record(post, s.city.opA, { publishedAt: '2026-03-10T11:00:00+08:00' }))).toBe('PUBLISHED_IN_FUTURE');
    // Approved at 09:10: a publication at 09:05 went out unreviewed (第十五条).
    expect(code(record(post, s.city.opA, { publishedAt: '2026-03-10T09:05:00+08:00' }))).toBe(
      'PUBLISHED_BEFORE_APPROVAL',
    );
  });
});

describe('planned publication reminders', () => {
  it('schedules a reminder for the operators when the post is approved', () => {
    const post = submitted(cityWeibo, { plannedAt: '2026-03-10T18:00:00+08:00' });
    const { effects } = ok(approveAs(post, s.city.reviewer));
    const [reminder] = effectsOf(effects, 'schedule');
    expect(reminder).toMatchObject({
      kind: 'publishReminder',
      dueAt: '2026-03-10T17:50:00.000+08:00',
      to: [
        { type: 'person', personId: 'city-opA' },
        { type: 'person', personId: 'city-opB' },
      ],
      dedupeKey: `publishReminder:posts/${post._id}:planned-${Date.parse('2026-03-10T18:00:00+08:00')}`,
    });
    expect(reminder.text).toContain('2026-03-10 18:00');
  });

  it('reschedules on a new planned time and cancels on publication', () => {
    const approved = ok(
      approveAs(submitted(cityWeibo, { plannedAt: '2026-03-10T18:00:00+08:00' }), s.city.reviewer),
    ).next;
    const moved = ok(
      act(approved, { type: 'setPlannedTime', plannedAt: '2026-03-11T08:00:00+08:00' }, s.city.opA, cityWeibo),
    );
    expect(moved.effects.map((e) => e.type)).toEqual(['unschedule', 'audit', 'schedule']);
    expect(moved.next.plannedAt).toBe('2026-03-11T08:00:00.000+08:00');
    const published = ok(
      act(
        moved.next,
        {
          type: 'recordPublication',
          version: 1,
          content: approved.content,
          url: 'https://weibo.com/1',
          publishedAt: '2026-03-10T09:00:00+08:00',
        },
        s.city.opA,
        cityWeibo,
      ),
    );
    expect(effectsOf(published.effects, 'unschedule')[0].dedupeKey).toBe(
      `publishReminder:posts/${approved._id}:planned-${Date.parse('2026-03-11T08:00:00+08:00')}`,
    );
  });

  it('refuses a planned time in the past', () => {
    const t = createDraft(
      { accountId: cityWeibo._id, ...draft({ plannedAt: '2026-03-10T08:59:00+08:00' }) },
      ctxFor(s.city.opA, cityWeibo),
    );
    expect(code(t)).toBe('PLANNED_IN_PAST');
    expect(
      code(act(newPost(), { type: 'setPlannedTime', plannedAt: '2026-03-10T08:00:00+08:00' }, s.city.opA, cityWeibo)),
    ).toBe('PLANNED_IN_PAST');
  });
});

describe('copy to another account', () => {
  it('makes a new post with its own review, and only for an operator of the target', () => {
    const source = ok(approveAs(submitted(), s.city.reviewer)).next;
    const copy = ok(copyToAccount(source, countyWeibo._id, clean, ctxFor(s.county.opA, countyWeibo))).next;
    expect(copy).toMatchObject({
      state: 'draft',
      accountId: countyWeibo._id,
      copiedFrom: source._id,
      version: 1,
      round: 0,
      approvedHash: null,
      decisions: [],
    });
    expect(copy._id).not.toBe(source._id);
    expect(code(copyToAccount(source, countyWeibo._id, clean, ctxFor(s.city.opA, countyWeibo)))).toBe('NOT_OPERATOR');
  });
});
