/** The reader's lift at submission (typings/reader.ts): it raises the chain's level, it never refuses. */
import type { Account } from '../../typings/org';
import type { Post, PostEvent, PostTransition } from '../../typings/post';
import { applyPostEvent, createDraft, type CreateContext, type PostContext } from './transitions';
import { city, clean, draft, institutional, newId, personal, staff, units } from './testkit';

const START = Date.parse('2026-03-10T09:00:00+08:00');
type Actor = PostContext['actor'];

const ctxFor = (actor: Actor, account: Account): CreateContext => ({ now: START, actor, account, units, newId });

function ok(t: PostTransition): Extract<PostTransition, { ok: true }> {
  if (!t.ok) throw new Error(`expected success, got ${t.error.code}`);
  return t;
}

function newPost(account: Account, actor: Actor, declaredLevel: Post['declaredLevel'] = 'ordinary'): Post {
  const nature = account.kind === 'personal' ? 'personal' : 'official';
  return ok(createDraft({ accountId: account._id, ...draft({ declaredLevel, nature }) }, ctxFor(actor, account))).next;
}

const submit = (post: Post, account: Account, actor: Actor, extra: Partial<Extract<PostEvent, { type: 'submit' }>>) =>
  applyPostEvent(post, { type: 'submit', expectedRev: post.rev, screening: clean, ...extra }, ctxFor(actor, account));

describe('the reader’s lift at submission', () => {
  const weibo = institutional(city);
  const lift = {
    level: 'major' as const,
    summary: '大模型审读认为涉及第十七条（二）6（置信度 0.92），按省厅设置提高至“重大敏感”',
  };

  it('runs the chain at the lifted level and says why in the history and the audit', () => {
    const post = newPost(weibo, staff.city.opA);
    const { next, effects } = ok(submit(post, weibo, staff.city.opA, { readerLift: lift }));
    expect(next.level).toBe('major');
    expect(next.declaredLevel).toBe('ordinary');
    expect(next.chain.map((s) => s.kind)).toEqual(['reviewer', 'leader']);
    expect(next.history.at(-1)?.summary).toContain(lift.summary);
    expect(effects.find((e) => e.type === 'audit')).toMatchObject({
      summary: expect.stringContaining('按省厅设置提高'),
    });
  });

  it('never lowers a level and is ignored when the declared level is already as high', () => {
    const post = newPost(weibo, staff.city.opA, 'especiallyMajor');
    const { next } = ok(submit(post, weibo, staff.city.opA, { readerLift: lift }));
    expect(next.level).toBe('especiallyMajor');
    expect(next.history.at(-1)?.summary).not.toContain('大模型');
  });

  it('sends a personal account’s ordinary post up to the desk instead of logging it (第十八条)', () => {
    const account = personal(city);
    const owner = staff.city.officer;
    const logged = ok(submit(newPost(account, owner), account, owner, {})).next;
    expect(logged.state).toBe('approved');
    const lifted = ok(submit(newPost(account, owner), account, owner, { readerLift: lift })).next;
    expect(lifted.state).toBe('inReview');
    expect(lifted.level).toBe('major');
  });
});
