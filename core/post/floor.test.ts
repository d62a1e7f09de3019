/**
 * Issue 11, the rules a careful user could slip past: 第十五条 (nobody who wrote, edited or submitted
 * a version decides any step of it; withdrawal follows the same people) and 第十六条 (a level raised
 * on the chain is a floor for every later version; only a decider at or above the raising step
 * lowers it, with a reason).
 */
import type { Account } from '../../typings/org';
import type { LevelChange, Post, PostEffect, PostEvent, PostTransition } from '../../typings/post';
import { activeFloors, levelDiff, levelFloorOf, lowerOptions } from './floor';
import { applyPostEvent, createDraft, type CreateContext, type PostContext } from './transitions';
import { city, clean, content, county, draft, institutional, newId, person, staff as s, units } from './testkit';

const START = Date.parse('2026-03-10T09:00:00+08:00');
type Actor = PostContext['actor'];
type EventWithoutRev = PostEvent extends infer E ? (E extends PostEvent ? Omit<E, 'expectedRev'> : never) : never;

const ctxFor = (actor: Actor, account: Account): CreateContext => ({ now: START, actor, account, units, newId });

function ok(t: PostTransition): { next: Post; effects: PostEffect[] } {
  if (!t.ok) throw new Error(`expected success, got ${t.error.code}: ${t.error.message}`);
  return t;
}
function refused(t: PostTransition): { code: string; message: string } {
  if (t.ok) throw new Error(`expected a refusal, got state ${t.next.state}`);
  return t.error;
}
const act = (post: Post, event: EventWithoutRev, actor: Actor, account: Account): PostTransition =>
  applyPostEvent(post, { ...event, expectedRev: post.rev } as PostEvent, ctxFor(actor, account));

const cityWeibo = institutional(city);
const countyWeibo = institutional(county);

function newPost(account: Account, author: Actor, over: Parameters<typeof draft>[0] = {}): Post {
  return ok(createDraft({ accountId: account._id, ...draft(over) }, ctxFor(author, account))).next;
}
const submit = (post: Post, actor: Actor, account: Account): PostTransition =>
  act(post, { type: 'submit', screening: clean }, actor, account);
const approve = (post: Post, actor: Actor, account: Account): PostTransition =>
  act(post, { type: 'approve', version: post.version, comment: '' }, actor, account);
const save = (post: Post, actor: Actor, account: Account, over: Parameters<typeof draft>[0] = {}): PostTransition =>
  act(post, { type: 'saveDraft', ...draft(over) }, actor, account);

describe('第十五条: whoever submitted, edited or resubmitted a version decides no step of it', () => {
  // Holds both roles: operator B of the account and one of its named reviewers.
  const both = person('city-both', city._id, [
    ['operator', city._id],
    ['reviewer', city._id],
  ]);
  const shared: Account = { ...cityWeibo, operatorB: both._id, reviewerIds: [s.city.reviewer._id, both._id] };

  it('refuses a person who only submitted a colleague’s draft when they come to approve it', () => {
    const draftByA = newPost(shared, s.city.opA);
    const inReview = ok(submit(draftByA, both, shared)).next;
    expect(inReview.contributorIds).toEqual([s.city.opA._id, both._id]);
    expect(refused(approve(inReview, both, shared)).code).toBe('OWN_POST');
    expect(refused(act(inReview, { type: 'raiseLevel', version: 1, level: 'major' }, both, shared)).code).toBe(
      'OWN_POST',
    );
    expect(ok(approve(inReview, s.city.reviewer, shared)).next.state).toBe('approved');
  });

  it('refuses the submitter on a later round too, after someone else resubmitted', () => {
    const first = ok(submit(newPost(shared, s.city.opA), both, shared)).next;
    const withdrawn = ok(act(first, { type: 'withdraw' }, s.city.opA, shared)).next;
    const again = ok(submit(withdrawn, s.city.opA, shared)).next;
    expect(refused(approve(again, both, shared)).code).toBe('OWN_POST');
  });

  it('refuses to submit when the submitter is the only reviewer left who did not write it', () => {
    const onlyBoth: Account = { ...shared, reviewerIds: [both._id] };
    const post = newPost(onlyBoth, s.city.opA);
    expect(refused(submit(post, both, onlyBoth)).code).toBe('NO_INDEPENDENT_REVIEWER');
  });

  it('lets whoever submitted or edited withdraw, and nobody else', () => {
    const inReview = ok(submit(newPost(shared, s.city.opA), both, shared)).next;
    expect(ok(act(inReview, { type: 'withdraw' }, both, shared)).next.state).toBe('withdrawn');
    const edited = ok(
      save(newPost(cityWeibo, s.city.opA), s.city.opB, cityWeibo, { content: content({ text: '改' }) }),
    );
    const submitted = ok(submit(edited.next, s.city.opA, cityWeibo)).next;
    expect(ok(act(submitted, { type: 'withdraw' }, s.city.opB, cityWeibo)).next.state).toBe('withdrawn');
    const untouched = ok(submit(newPost(cityWeibo, s.city.opA), s.city.opA, cityWeibo)).next;
    const refusal = refused(act(untouched, { type: 'withdraw' }, s.city.opB, cityWeibo));
    expect(refusal).toEqual({ code: 'NOT_AUTHOR', message: '只有编写、修改或提交本稿的人可以撤回（第十五条）' });
  });
});

describe('第十六条: a level raised on the chain is a floor for later versions', () => {
  /** The reviewer raises an ordinary post to 重大敏感 and approves; the leader sends it back. */
  function raisedThenReturned(): Post {
    const post = ok(submit(newPost(cityWeibo, s.city.opA), s.city.opA, cityWeibo)).next;
    const raised = ok(act(post, { type: 'raiseLevel', version: 1, level: 'major' }, s.city.reviewer, cityWeibo)).next;
    const atLeader = ok(approve(raised, s.city.reviewer, cityWeibo)).next;
    return ok(act(atLeader, { type: 'sendBack', version: 1, comment: '请核实' }, s.city.leader, cityWeibo)).next;
  }

  it('records who raised the level at which step', () => {
    const returned = raisedThenReturned();
    expect(returned.levelChanges).toEqual([
      expect.objectContaining({
        kind: 'raise',
        from: 'ordinary',
        to: 'major',
        stepKey: 'reviewer',
        stepIndex: 0,
        personId: s.city.reviewer._id,
        version: 1,
      }),
    ]);
    expect(levelFloorOf(returned)).toMatchObject({ level: 'major', stepLabel: '审核民警审核' });
  });

  it('keeps the floor when the operator edits and declares 一般 again: the leader step stays', () => {
    const edited = ok(
      save(raisedThenReturned(), s.city.opA, cityWeibo, {
        content: content({ text: '小改' }),
        declaredLevel: 'ordinary',
      }),
    ).next;
    expect(edited.version).toBe(2);
    expect(edited.level).toBe('major');
    const refusal = refused(submit(edited, s.city.opA, cityWeibo));
    expect(refusal.code).toBe('LEVEL_BELOW_FLOOR');
    expect(refusal.message).toContain('“审核民警审核”提高为“重大敏感”');
    expect(refusal.message).toContain('第十六条');
    const declared = ok(
      save(edited, s.city.opA, cityWeibo, { content: content({ text: '小改' }), declaredLevel: 'major' }),
    );
    const resubmitted = ok(submit(declared.next, s.city.opA, cityWeibo)).next;
    expect(resubmitted.chain.map((c) => c.key)).toEqual(['reviewer', 'leader']);
  });

  it('keeps the floor across a withdrawal as well', () => {
    const post = ok(submit(newPost(countyWeibo, s.county.opA), s.county.opA, countyWeibo)).next;
    const raised = ok(
      act(post, { type: 'raiseLevel', version: 1, level: 'especiallyMajor' }, s.county.reviewer, countyWeibo),
    ).next;
    const withdrawn = ok(act(raised, { type: 'withdraw' }, s.county.opA, countyWeibo)).next;
    expect(refused(submit(withdrawn, s.county.opA, countyWeibo)).code).toBe('LEVEL_BELOW_FLOOR');
  });

  describe('lowering', () => {
    function atLeaderAfterRaise(): Post {
      const post = ok(submit(newPost(cityWeibo, s.city.opA), s.city.opA, cityWeibo)).next;
      const raised = ok(act(post, { type: 'raiseLevel', version: 1, level: 'major' }, s.city.reviewer, cityWeibo)).next;
      return ok(approve(raised, s.city.reviewer, cityWeibo)).next;
    }
    const lower = (post: Post, actor: Actor, level: Post['level'], reason: string, account = cityWeibo) =>
      act(post, { type: 'lowerLevel', version: post.version, level, reason }, actor, account);

    it('lets a decider above the raising step lower it with a reason; a chain left with nothing to decide is approved', () => {
      const atLeader = atLeaderAfterRaise();
      expect(lowerOptions(atLeader, 1)).toEqual(['ordinary']);
      expect(refused(lower(atLeader, s.city.leader, 'ordinary', '  ')).code).toBe('REASON_REQUIRED');
      const lowered = ok(lower(atLeader, s.city.leader, 'ordinary', '属日常提示，不属重大敏感'));
      expect(lowered.next).toMatchObject({ state: 'approved', level: 'ordinary', approvedVersion: 1 });
      expect(lowered.next.levelChanges[1]).toMatchObject({
        kind: 'lower',
        from: 'major',
        to: 'ordinary',
        stepKey: 'leader',
        reason: '属日常提示，不属重大敏感',
      });
      expect(levelFloorOf(lowered.next)).toBeNull();
      const audits = lowered.effects.filter((e) => e.type === 'audit');
      expect(audits).toEqual([
        expect.objectContaining({ action: 'post.lowerLevel', summary: expect.stringContaining('理由：属日常提示') }),
      ]);
      expect(lowered.effects.some((e) => e.type === 'notify' && e.kind === 'postApproved')).toBe(true);
    });

    it('refuses a decider below the raising step', () => {
      // The leader raises to 特别重大 at step 2; later the post is back at the reviewer's step 1.
      const post = ok(submit(newPost(cityWeibo, s.city.opA, { declaredLevel: 'major' }), s.city.opA, cityWeibo)).next;
      const atLeader = ok(approve(post, s.city.reviewer, cityWeibo)).next;
      const raised = ok(
        act(atLeader, { type: 'raiseLevel', version: 1, level: 'especiallyMajor' }, s.city.leader, cityWeibo),
      ).next;
      const returned = ok(
        act(raised, { type: 'sendBack', version: 1, comment: '补充' }, s.city.leader, cityWeibo),
      ).next;
      const edited = ok(
        save(returned, s.city.opA, cityWeibo, { content: content({ text: '补充' }), declaredLevel: 'especiallyMajor' }),
      ).next;
      const again = ok(submit(edited, s.city.opA, cityWeibo)).next;
      expect(again.stepIndex).toBe(0);
      const refusal = refused(lower(again, s.city.reviewer, 'major', '无需上报'));
      expect(refusal.code).toBe('LOWER_NOT_ALLOWED');
      expect(refusal.message).toContain('分管领导审批');
      // The operator declared 特别重大 only because the floor made them: the leader (step 2) may lower it.
      expect(lowerOptions(again, 1)).toEqual(['ordinary', 'major']);
      expect(lowerOptions(again, 0)).toEqual([]);
    });

    it('lets a higher step lower to a middle level, which then stands as a floor of its own', () => {
      const post = ok(submit(newPost(countyWeibo, s.county.opA), s.county.opA, countyWeibo)).next;
      const raised = ok(
        act(post, { type: 'raiseLevel', version: 1, level: 'especiallyMajor' }, s.county.reviewer, countyWeibo),
      ).next;
      const atLeader = ok(approve(raised, s.county.reviewer, countyWeibo)).next;
      const atCityDesk = ok(approve(atLeader, s.county.leader, countyWeibo)).next;
      const lowered = ok(lower(atCityDesk, s.city.staff, 'major', '仅涉本县', countyWeibo)).next;
      expect(lowered).toMatchObject({ state: 'approved', level: 'major' });
      expect(levelFloorOf(lowered)).toMatchObject({ level: 'major', stepKey: 'desk:u-city-desk' });
    });

    it('refuses lowering to the same or a higher level, and anyone but the current decider', () => {
      const atLeader = atLeaderAfterRaise();
      expect(refused(lower(atLeader, s.city.leader, 'major', '理由')).code).toBe('LEVEL_NOT_LOWERED');
      expect(refused(lower(atLeader, s.city.leader, 'especiallyMajor', '理由')).code).toBe('LEVEL_NOT_LOWERED');
      // Only the current step's decider lowers: the reviewer has already decided.
      expect(refused(lower(atLeader, s.city.reviewer, 'ordinary', '理由')).code).toBe('NOT_IN_SCOPE');
    });
  });

  it('never lowers below what the operator declared of their own accord', () => {
    const post = ok(submit(newPost(cityWeibo, s.city.opA, { declaredLevel: 'major' }), s.city.opA, cityWeibo)).next;
    const atLeader = ok(approve(post, s.city.reviewer, cityWeibo)).next;
    expect(lowerOptions(atLeader, 1)).toEqual([]);
    const refusal = refused(
      act(atLeader, { type: 'lowerLevel', version: 1, level: 'ordinary', reason: '不重要' }, s.city.leader, cityWeibo),
    );
    expect(refusal.code).toBe('LEVEL_BELOW_FLOOR');
  });

  it('shows the level change in the version diff', () => {
    const returned = raisedThenReturned();
    const edited = ok(
      save(returned, s.city.opA, cityWeibo, { content: content({ text: '小改' }), declaredLevel: 'major' }),
    ).next;
    const diff = levelDiff({ version: 1, level: 'ordinary' }, edited);
    // Version 1 ended at 重大敏感 (raised on its chain) and version 2 is 重大敏感: no change to show.
    expect(diff.level).toBeNull();
    const lowered: Post = { ...edited, level: 'especiallyMajor' };
    expect(levelDiff({ version: 1, level: 'ordinary' }, lowered).level).toEqual({
      from: 'major',
      to: 'especiallyMajor',
    });
    expect(levelDiff({ version: 1, level: 'ordinary' }, { ...edited, levelChanges: [] }).level).toEqual({
      from: 'ordinary',
      to: 'major',
    });
    expect(diff.levelChanges.map((c) => c.kind)).toEqual(['raise']);
  });
});

describe('activeFloors', () => {
  const change = (kind: LevelChange['kind'], to: LevelChange['to'], stepIndex: number): LevelChange => ({
    kind,
    from: 'ordinary',
    to,
    version: 1,
    round: 1,
    stepKey: `s${stepIndex}`,
    stepLabel: `步骤${stepIndex}`,
    stepIndex,
    personId: 'p',
    reason: kind === 'lower' ? '理由' : null,
    at: '2026-03-10T09:00:00.000+08:00',
  });

  it('stacks raises, lifts those above a lowering, and keeps a middle lowering as a floor', () => {
    expect(
      activeFloors([change('raise', 'major', 0), change('raise', 'especiallyMajor', 1)]).map((f) => f.level),
    ).toEqual(['major', 'especiallyMajor']);
    const lowered = activeFloors([
      change('raise', 'major', 0),
      change('raise', 'especiallyMajor', 1),
      change('lower', 'major', 2),
    ]);
    expect(lowered.map((f) => [f.level, f.stepIndex])).toEqual([
      ['major', 0],
      ['major', 2],
    ]);
    expect(activeFloors([change('raise', 'major', 0), change('lower', 'ordinary', 1)])).toEqual([]);
  });
});
