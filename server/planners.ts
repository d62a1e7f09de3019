/**
 * The reminder planners the timer runs every minute, and the loop that runs them. Each domain adds
 * its planners to `planners` below (one line each). A planner names one indexed due query
 * (core/notify/planners.ts: collection, index, equality + range on a due field); the loop reads ONLY
 * the due documents, page by page, so a run costs what is due, not what is stored. Drafts go through
 * the same exactly-once path as every other notice (server/uow.ts), so a timer that fires twice, or
 * two runs that overlap, store and send each reminder once.
 */
import type { NotificationDraft } from '../typings/notify';
import type { UnitTree } from '../core/org/tree';
import { PlannerRegistry, type DueQuery, type Planner, type RegisteredPlanner } from '../core/notify/planners';
import { schema } from '../core/schema';
import { isDomainError } from '../core/errors';
import type { HandlerContext } from './dispatch';
import { loadTree } from './org';
import { command, store, type Doc, type Filter, type Store } from './store';
import { runWork } from './uow';
import { publishReminders } from './post/planners';
import { messageReplyTarget, referralDeadline, referralDigest, referralDueSoon } from './referral/planners';
import { accountGaps, filingDue, filingUnacknowledged } from './account/planners';

/** What a planner's `enrich` may use: by-id reads and the cached unit tree, never a scan. */
export interface PlannerContext {
  now: number;
  store: Store;
  tree(): Promise<UnitTree>;
}

/**
 * One registration. `enrich` turns the due documents into the planner's items when the plan needs
 * more than the documents themselves (the account's operators, the unit's responsible person): it
 * must read by id or by an indexed query per item, so its cost also follows the due items. Without
 * it the planner's items are the due documents as stored.
 */
export interface ShellPlanner<TItem> {
  planner: Planner<TItem>;
  enrich?(docs: readonly Doc[], ctx: PlannerContext): Promise<TItem[]>;
}

interface Registered {
  planner: RegisteredPlanner;
  enrich: ((docs: readonly Doc[], ctx: PlannerContext) => Promise<unknown[]>) | null;
}

export class ShellPlannerRegistry {
  private readonly core = new PlannerRegistry(schema);
  private readonly enrichers = new Map<string, Registered['enrich']>();

  register<TItem>(entry: ShellPlanner<TItem>): this {
    this.core.register(entry.planner);
    this.enrichers.set(
      entry.planner.name,
      entry.enrich ? (docs, ctx) => entry.enrich?.(docs, ctx) ?? Promise.resolve([]) : null,
    );
    return this;
  }

  all(): Registered[] {
    return this.core.all().map((planner) => ({ planner, enrich: this.enrichers.get(planner.name) ?? null }));
  }
}

/**
 * Domains add their planners here, one `.register({ planner, enrich? })` line each. Built at module
 * load: a duplicate name or a query no declared index serves fails the timer's cold start, not a run
 * at 03:00.
 */
export const planners = new ShellPlannerRegistry()
  .register(publishReminders)
  .register(referralDueSoon)
  .register(referralDeadline)
  .register(referralDigest)
  .register(messageReplyTarget)
  // accounts lifecycle: filings to make and to acknowledge (第十四条), bureaus' gaps (第九条)
  .register(filingDue)
  .register(filingUnacknowledged)
  .register(accountGaps);

/** Safety stop per planner and run; what is left is due again next minute. */
const MAX_PAGES = 50;
/** Drafts written per transaction (each costs a read and two writes inside it). */
const DRAFTS_PER_TX = 10;

export interface PlannerRunReport {
  name: string;
  /** Due documents read. */
  items: number;
  pages: number;
  drafts: number;
  /** Drafts not stored before this run (the others were already sent or queued by an earlier run). */
  enqueued: number;
  /** MAX_PAGES reached: the rest waits for the next run. */
  truncated: boolean;
  error: { code: string; message: string } | null;
}

interface DueDoc extends Doc {
  [field: string]: unknown;
}

/** The filter of a due query: equality on the index's leading keys, the range on its due field. */
export function dueFilter(query: DueQuery, lowest: { value: string; inclusive: boolean } | null): Filter {
  const _ = command();
  const filter: Filter = {};
  for (const { field, value } of query.equals) filter[field] = value;
  const upper = _.lte(query.dueBy);
  if (lowest) filter[query.dueField] = _.and(lowest.inclusive ? _.gte(lowest.value) : _.gt(lowest.value), upper);
  else filter[query.dueField] = upper;
  return filter;
}

/**
 * Reads one planner's due documents, ascending by due time. Paging resumes at the last due time seen
 * (inclusive), skipping the documents already read at exactly that time, so ties across a page
 * boundary are neither lost nor read twice.
 */
async function readDue(query: DueQuery, db: Store): Promise<{ docs: DueDoc[]; pages: number; truncated: boolean }> {
  const docs: DueDoc[] = [];
  let lowest = query.dueAfter === undefined ? null : { value: query.dueAfter, inclusive: false };
  let seenAtLowest = 0;
  for (let pages = 1; ; pages++) {
    const page = await db.find<DueDoc>(query.collection, dueFilter(query, lowest), {
      orderBy: [
        [query.dueField, 'asc'],
        ['_id', 'asc'],
      ],
      skip: seenAtLowest,
      limit: query.limit,
    });
    docs.push(...page);
    if (page.length < query.limit) return { docs, pages, truncated: false };
    if (pages >= MAX_PAGES) return { docs, pages, truncated: true };
    const last = String(page[page.length - 1]?.[query.dueField]);
    const sameAsLast = page.filter((d) => String(d[query.dueField]) === last).length;
    seenAtLowest = lowest?.inclusive && lowest.value === last ? seenAtLowest + sameAsLast : sameAsLast;
    lowest = { value: last, inclusive: true };
  }
}

/** The timer's context: no caller, the run's own id and clock. */
export function timerContext(now: number, requestId: string, newId: () => string): HandlerContext {
  return { openid: null, caller: null, requestId, now, store, newId };
}

/**
 * Stores the drafts not yet stored. One indexed read finds the keys already there (the steady state
 * of a planner whose window holds the same items minute after minute); the rest go through runWork,
 * whose by-id check inside the transaction settles a race with an overlapping run.
 */
export async function enqueueDrafts(drafts: readonly NotificationDraft[], ctx: HandlerContext): Promise<number> {
  if (drafts.length === 0) return 0;
  const unique = [...new Map(drafts.map((d) => [d.dedupeKey, d])).values()];
  const known = new Set<string>();
  for (let i = 0; i < unique.length; i += 100) {
    const keys = unique.slice(i, i + 100).map((d) => d.dedupeKey);
    const found = await ctx.store.find<Doc & { dedupeKey: string }>(
      'notifications',
      { dedupeKey: command().in(keys) },
      { limit: keys.length, fields: { dedupeKey: true } },
    );
    for (const f of found) known.add(f.dedupeKey);
  }
  const fresh = unique.filter((d) => !known.has(d.dedupeKey));
  for (let i = 0; i < fresh.length; i += DRAFTS_PER_TX) {
    const chunk = fresh.slice(i, i + DRAFTS_PER_TX);
    await runWork(ctx, null, async (work) => {
      for (const draft of chunk) work.notify(draft);
    });
  }
  return fresh.length;
}

/** Runs every planner; one planner's failure is reported and does not stop the others or delivery. */
export async function runPlanners(
  ctx: HandlerContext,
  registry: ShellPlannerRegistry = planners,
): Promise<PlannerRunReport[]> {
  const reports: PlannerRunReport[] = [];
  let tree: Promise<UnitTree> | null = null;
  const plannerCtx: PlannerContext = {
    now: ctx.now,
    store: ctx.store,
    tree: () => (tree ??= loadTree(ctx.store)),
  };
  for (const { planner, enrich } of registry.all()) {
    const report: PlannerRunReport = {
      name: planner.name,
      items: 0,
      pages: 0,
      drafts: 0,
      enqueued: 0,
      truncated: false,
      error: null,
    };
    try {
      const { docs, pages, truncated } = await readDue(planner.query(ctx.now), ctx.store);
      Object.assign(report, { items: docs.length, pages, truncated });
      const items = enrich ? await enrich(docs, plannerCtx) : docs;
      const drafts = planner.plan({ now: ctx.now, items });
      report.drafts = drafts.length;
      report.enqueued = await enqueueDrafts(drafts, ctx);
    } catch (err) {
      if (!isDomainError(err)) console.error(`[planner ${planner.name}]`, err);
      report.error = isDomainError(err)
        ? { code: err.code, message: err.message }
        : { code: 'PLANNER_FAILED', message: '提醒规则运行失败' };
    }
    reports.push(report);
  }
  return reports;
}
