/**
 * Reminder planners: the timer runs each registered planner on the items that are due, and enqueues
 * the notices it returns. A planner never scans a collection: it names one indexed range query on a
 * due-time field, the shell runs it, so a run costs what is due, not what is stored. Planners are
 * idempotent by their dedupe keys (the occasion is part of the key), so a timer that fires twice or
 * two overlapping runs enqueue each notice once.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { IsoTime } from '../../typings/common';
import type { CollectionName, CollectionSpec } from '../schema';
import { DomainError } from '../errors';

export type IndexValue = string | number | boolean;

/**
 * Which index a planner reads: equality on the index's leading keys, then a range on its next key (the
 * due time), ascending, at most `limit` documents. Referrals due within a day, say:
 * `{ collection: 'referrals', index: 'due', equals: [{ field: 'open', value: true }], dueField: 'dueAt', limit: 200 }`
 * with the window `{ dueAfter: <now>, dueBy: <now + 1 day> }`.
 */
export interface DueIndex {
  collection: CollectionName;
  /** The index's name in `core/schema.ts`. */
  index: string;
  equals: ReadonlyArray<{ field: string; value: IndexValue }>;
  dueField: string;
  /** Page size. A full page means more are due: the shell reads the next page (dueAfter = last due time). */
  limit: number;
}

/** The due-time range of one run, as Beijing ISO strings (they sort as they compare). */
export interface DueWindow {
  /** Exclusive lower bound; absent = everything up to `dueBy` (overdue items included). */
  dueAfter?: IsoTime;
  /** Inclusive upper bound. */
  dueBy: IsoTime;
}

export type DueQuery = DueIndex & DueWindow;

export interface PlannerInput<TItem> {
  now: number;
  /** The documents the planner's query returned, ascending by due time. */
  items: readonly TItem[];
}

export interface Planner<TItem> {
  /** Unique in the registry. */
  name: string;
  due: DueIndex;
  window(now: number): DueWindow;
  plan(input: PlannerInput<TItem>): NotificationDraft[];
}

/** A planner with its item type erased, as the registry holds it. */
export interface RegisteredPlanner {
  name: string;
  query(now: number): DueQuery;
  /** `items` are the documents `query(now)` returned, as stored. */
  plan(input: PlannerInput<unknown>): NotificationDraft[];
}

export const plannerErrors = {
  duplicate: (name: string) => new DomainError('PLANNER_DUPLICATE', `提醒规则“${name}”重复注册`),
  unindexed: (name: string, why: string) =>
    new DomainError('PLANNER_UNINDEXED', `提醒规则“${name}”的查询未走索引：${why}`),
} as const;

/**
 * Why a query would not run on an index of the declared schema (null when it would): the index must
 * exist on the collection, its leading keys must be exactly the equality fields in order, and the
 * next key must be the due field.
 */
export function dueIndexProblem(query: DueIndex, schema: readonly CollectionSpec[]): string | null {
  const collection = schema.find((c) => c.name === query.collection);
  if (!collection) return `集合 ${query.collection} 未声明`;
  const index = collection.indexes.find((i) => i.name === query.index);
  if (!index) return `集合 ${query.collection} 没有索引 ${query.index}`;
  const expected = [...query.equals.map((e) => e.field), query.dueField];
  const leading = index.keys.slice(0, expected.length).map((k) => k.field);
  if (leading.length !== expected.length || leading.some((f, i) => f !== expected[i])) {
    return `索引 ${query.index} 的字段为 ${index.keys.map((k) => k.field).join(',')}，查询需要 ${expected.join(',')}`;
  }
  if (!(query.limit > 0)) return '查询必须限定条数';
  return null;
}

/** The planners later issues register (deadline due soon, overdue, daily cadence …). */
export class PlannerRegistry {
  private readonly planners = new Map<string, RegisteredPlanner>();

  constructor(private readonly schema: readonly CollectionSpec[]) {}

  /** Refuses a second planner of the same name and a query no declared index serves. */
  register<TItem>(planner: Planner<TItem>): void {
    if (this.planners.has(planner.name)) throw plannerErrors.duplicate(planner.name);
    const problem = dueIndexProblem(planner.due, this.schema);
    if (problem) throw plannerErrors.unindexed(planner.name, problem);
    this.planners.set(planner.name, {
      name: planner.name,
      query: (now) => ({ ...planner.due, ...planner.window(now) }),
      // The shell hands over exactly the documents of this planner's own query, which are its items.
      plan: (input) => planner.plan({ now: input.now, items: input.items as readonly TItem[] }),
    });
  }

  all(): RegisteredPlanner[] {
    return [...this.planners.values()];
  }
}
