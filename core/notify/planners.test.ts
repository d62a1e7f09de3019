import type { NotificationDraft } from '../../typings/notify';
import { DomainError } from '../errors';
import { schema } from '../schema';
import { toBeijingIso } from '../time';
import { dedupeKey, deepLink } from './message';
import { PlannerRegistry, dueIndexProblem, type Planner } from './planners';

interface DueReferral {
  _id: string;
  handlerId: string;
  summary: string;
  dueAt: string;
}

const HOUR = 60 * 60 * 1000;

const dueSoon: Planner<DueReferral> = {
  name: 'referralDueSoon',
  due: {
    collection: 'referrals',
    index: 'due',
    equals: [{ field: 'open', value: true }],
    dueField: 'dueAt',
    limit: 100,
  },
  window: (now) => ({ dueAfter: toBeijingIso(now), dueBy: toBeijingIso(now + 4 * HOUR) }),
  plan: ({ items }): NotificationDraft[] =>
    items.map((r) => ({
      kind: 'referralDueSoon',
      recipientId: r.handlerId,
      title: '办理即将到期',
      text: r.summary,
      link: deepLink('/pages/referral-detail/index', { id: r._id }),
      subject: { collection: 'referrals', id: r._id },
      values: { subject: r.summary, dueAt: r.dueAt },
      dedupeKey: dedupeKey('referralDueSoon', `referrals/${r._id}`, r.dueAt, r.handlerId),
      escalation: null,
    })),
};

describe('dueIndexProblem', () => {
  it('accepts equality on leading keys then the due field', () => {
    expect(dueIndexProblem(dueSoon.due, schema)).toBeNull();
  });

  it('rejects an unknown index, a range on a field that is not next, and a missing limit', () => {
    expect(dueIndexProblem({ ...dueSoon.due, index: 'nope' }, schema)).toMatch(/没有索引/u);
    expect(dueIndexProblem({ ...dueSoon.due, equals: [] }, schema)).toMatch(/索引 due 的字段/u);
    expect(dueIndexProblem({ ...dueSoon.due, dueField: 'createdAt' }, schema)).toMatch(/索引 due 的字段/u);
    expect(dueIndexProblem({ ...dueSoon.due, limit: 0 }, schema)).toMatch(/限定条数/u);
  });
});

describe('PlannerRegistry', () => {
  it('runs a registered planner on the items of its query window', () => {
    const registry = new PlannerRegistry(schema);
    registry.register(dueSoon);
    const [planner] = registry.all();
    const now = Date.parse('2026-11-28T01:00:00Z');
    expect(planner?.query(now)).toEqual({
      ...dueSoon.due,
      dueAfter: '2026-11-28T09:00:00.000+08:00',
      dueBy: '2026-11-28T13:00:00.000+08:00',
    });
    const items: DueReferral[] = [
      { _id: 'r1', handlerId: 'p7', summary: '户籍咨询', dueAt: '2026-11-28T12:00:00.000+08:00' },
    ];
    const drafts = planner?.plan({ now, items }) ?? [];
    expect(drafts.map((d) => d.dedupeKey)).toEqual(['referralDueSoon:referrals/r1:2026-11-28T12:00:00.000+08:00:p7']);
    // A second run over the same item plans the same key, so the outbox keeps one.
    expect(planner?.plan({ now: now + 60_000, items })[0]?.dedupeKey).toBe(drafts[0]?.dedupeKey);
  });

  it('refuses a duplicate name and an unindexed query', () => {
    const registry = new PlannerRegistry(schema);
    registry.register(dueSoon);
    expect(() => registry.register(dueSoon)).toThrow(DomainError);
    const scan: Planner<DueReferral> = {
      ...dueSoon,
      name: 'scan',
      due: { ...dueSoon.due, collection: 'messages', index: 'account' },
    };
    expect(() => registry.register(scan)).toThrow(/未走索引/u);
    expect(registry.all()).toHaveLength(1);
  });
});
