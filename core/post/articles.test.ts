/** Issue 11: a refusal cites the article that refused. */
import type { Post, PostTransition, ScreeningHit } from '../../typings/post';
import { applyPostEvent, createDraft, type CreateContext } from './transitions';
import { city, clean, draft, institutional, newId, personal, staff, units } from './testkit';

const NOW = Date.parse('2026-03-10T09:00:00+08:00');

function hit(over: Partial<ScreeningHit> & Pick<ScreeningHit, 'category' | 'ref' | 'effect' | 'title'>): ScreeningHit {
  return {
    levelFloor: null,
    source: 'lexicon',
    rule: '词',
    where: 'text',
    start: 0,
    end: 3,
    matched: '微访谈',
    ...over,
  } as ScreeningHit;
}

function submitWith(account: ReturnType<typeof personal>, hits: ScreeningHit[]): PostTransition {
  const actor = account.kind === 'personal' ? staff.city.officer : staff.city.opA;
  const ctx: CreateContext = { now: NOW, actor, account, units, newId };
  const created = createDraft(
    { accountId: account._id, ...draft({ nature: account.kind === 'personal' ? 'personal' : 'official' }) },
    ctx,
  );
  if (!created.ok) throw new Error(created.error.message);
  const post: Post = created.next;
  return applyPostEvent(
    post,
    { type: 'submit', expectedRev: post.rev, screening: { ...clean, blocked: true, hits } },
    ctx,
  );
}

describe('screening refusals cite the article of what blocked', () => {
  it('reports a 第十八条 activity on a personal account as 第十八条, not 第十七条', () => {
    const t = submitWith(personal(city), [
      hit({ category: 'personalMicroEvent', ref: '第十八条', effect: 'block', title: '组织或参与“微访谈”等活动' }),
    ]);
    if (t.ok) throw new Error('expected a refusal');
    expect(t.error.code).toBe('SCREENING_BLOCKED');
    expect(t.error.message).toMatch(/^内容含有不得发布的信息，不能提交（第十八条）：/);
    expect(t.error.message).not.toContain('第十七条');
  });

  it('names every article among the blocking hits, 第十七条 for its own', () => {
    const t = submitWith(institutional(city), [
      hit({
        category: 'massIncident',
        ref: '第十七条（一）2',
        effect: 'block',
        title: '涉及群体性事件',
        matched: '群体',
      }),
      hit({ category: 'commercial', ref: '第十七条（一）11', effect: 'block', title: '商业推广', matched: '优惠' }),
    ]);
    if (t.ok) throw new Error('expected a refusal');
    expect(t.error.message).toMatch(/^内容含有不得发布的信息，不能提交（第十七条）：/);
  });
});
