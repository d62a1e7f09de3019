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
import { command, store, type Doc, type Filter, type FindOptions, type Store } from './store';
import { runWork } from './uow';
import { publishReminders } from './post/planners';
import { approvalEscalations, approvalWaitingReminders } from './post/waiting';
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
  /**
   * Issue 18 (a run that finds nothing new costs its due keys): what the planner would send for each
   * due document, as one string (its reminders' dedupe keys), from the document and constant reads
   * alone (no enrichment). With it, a run marks every document it planned (`plannerMarks.<name>` with
   * the document's rev, no rev change) and the next run skips the documents whose mark still holds:
   * no enrichment, no planning, no dedupe lookup for them. A mark lost to a concurrent save only costs
   * a re-plan, which the dedupe keys keep from sending anything twice. Per-document planners only
   * (each item is one due document).
   */
  marks?(docs: readonly Doc[], ctx: PlannerContext): Promise<ReadonlyMap<string, string>>;
}

type MarksOf = (docs: readonly Doc[], ctx: PlannerContext) => Promise<ReadonlyMap<string, string>>;

interface Registered {
  planner: RegisteredPlanner;
  enrich: ((docs: readonly Doc[], ctx: PlannerContext) => Promise<unknown[]>) | null;
  marks: MarksOf | null;
}

export class ShellPlannerRegistry {
  private readonly core = new PlannerRegistry(schema);
  private readonly enrichers = new Map<string, Registered['enrich']>();
  private readonly markers = new Map<string, MarksOf>();

  register<TItem>(entry: ShellPlanner<TItem>): this {
    this.core.register(entry.planner);
    this.enrichers.set(
      entry.planner.name,
      entry.enrich ? (docs, ctx) => entry.enrich?.(docs, ctx) ?? Promise.resolve([]) : null,
    );
    if (entry.marks) this.markers.set(entry.planner.name, entry.marks.bind(entry));
    return this;
  }

  all(): Registered[] {
    return this.core.all().map((planner) => ({
      planner,
      enrich: this.enrichers.get(planner.name) ?? null,
      marks: this.markers.get(planner.name) ?? null,
    }));
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
  // approvals page (issue 16): a step waiting past its threshold, then the leader above
  .register(approvalWaitingReminders)
  .register(approvalEscalations)
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
  /** Due documents whose mark showed them planned already, with nothing new since (see ShellPlanner.marks). */
  unchanged: number;
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
 * Reads one planner's due documents, ascending by (due time, _id), a page at a time by keyset: after
 * a page, first the rest of the documents due at exactly its last time (`_id` beyond its last), then
 * the documents due later. Each request reads what it returns (the index row carries the `_id`), so
 * ties across a page boundary cost nothing extra — a `skip` would read every skipped document again
 * (issue 18: 200 due at one instant read 500).
 */
async function readDue(query: DueQuery, db: Store): Promise<{ docs: DueDoc[]; pages: number; truncated: boolean }> {
  const docs: DueDoc[] = [];
  const _ = command();
  const order: FindOptions['orderBy'] = [
    [query.dueField, 'asc'],
    ['_id', 'asc'],
  ];
  let lowest = query.dueAfter === undefined ? null : { value: query.dueAfter, inclusive: false };
  let pages = 0;
  for (;;) {
    pages++;
    const page = await db.find<DueDoc>(query.collection, dueFilter(query, lowest), {
      orderBy: order,
      limit: query.limit,
    });
    docs.push(...page);
    if (page.length < query.limit) return { docs, pages, truncated: false };
    if (pages >= MAX_PAGES) return { docs, pages, truncated: true };
    const lastDue = String(page[page.length - 1]?.[query.dueField]);
    let lastId = String(page[page.length - 1]?._id);
    // The rest of the tie at lastDue, by _id.
    for (;;) {
      const tieFilter: Filter = { [query.dueField]: lastDue, _id: _.gt(lastId) };
      for (const { field, value } of query.equals) tieFilter[field] = value;
      pages++;
      const ties = await db.find<DueDoc>(query.collection, tieFilter, {
        orderBy: [['_id', 'asc']],
        limit: query.limit,
      });
      docs.push(...ties);
      if (ties.length < query.limit) break;
      if (pages >= MAX_PAGES) return { docs, pages, truncated: true };
      lastId = String(ties[ties.length - 1]?._id);
    }
    lowest = { value: lastDue, inclusive: false };
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

/** A document's mark for one planner, as the last run that planned it left it. */
function markOf(doc: Doc, plannerName: string): string | undefined {
  const marks = (doc as { plannerMarks?: unknown }).plannerMarks;
  if (typeof marks !== 'object' || marks === null) return undefined;
  const mark = (marks as { [name: string]: unknown })[plannerName];
  return typeof mark === 'string' ? mark : undefined;
}

/** The mark each document should carry now: its rev (any change plans it afresh) and what is due for it. */
function stampsOf(docs: readonly Doc[], keys: ReadonlyMap<string, string>): Map<string, string> {
  const revOf = (d: Doc): string => {
    const rev = (d as { rev?: unknown }).rev;
    return typeof rev === 'number' ? String(rev) : '';
  };
  return new Map(docs.map((d) => [d._id, `${revOf(d)}|${keys.get(d._id) ?? ''}`]));
}

/** One small update per planned document; it leaves rev alone, so nobody's check-and-set is disturbed. */
async function markPlanned(
  collection: DueQuery['collection'],
  plannerName: string,
  docs: readonly Doc[],
  stamps: ReadonlyMap<string, string>,
  db: Store,
): Promise<void> {
  for (const d of docs) {
    const stamp = stamps.get(d._id);
    if (stamp !== undefined)
      await db.updateWhere(collection, { _id: d._id }, { plannerMarks: { [plannerName]: stamp } });
  }
}

/** Runs every planner; one planner's failure is reported and does not stop the others or delivery. */
export async function runPlanners(
  ctx: HandlerContext,
  registry: ShellPlannerRegistry = planners,
  /** Runs only the planners it accepts (the timer's `only`, issue 18); default every one. */
  accept: (name: string) => boolean = () => true,
): Promise<PlannerRunReport[]> {
  const reports: PlannerRunReport[] = [];
  let tree: Promise<UnitTree> | null = null;
  const plannerCtx: PlannerContext = {
    now: ctx.now,
    store: ctx.store,
    tree: () => (tree ??= loadTree(ctx.store)),
  };
  for (const { planner, enrich, marks } of registry.all().filter((r) => accept(r.planner.name))) {
    const report: PlannerRunReport = {
      name: planner.name,
      items: 0,
      pages: 0,
      drafts: 0,
      enqueued: 0,
      unchanged: 0,
      truncated: false,
      error: null,
    };
    try {
      const query = planner.query(ctx.now);
      const { docs, pages, truncated } = await readDue(query, ctx.store);
      Object.assign(report, { items: docs.length, pages, truncated });
      const stamps = marks && docs.length > 0 ? stampsOf(docs, await marks(docs, plannerCtx)) : null;
      const todo = stamps ? docs.filter((d) => markOf(d, planner.name) !== stamps.get(d._id)) : docs;
      report.unchanged = docs.length - todo.length;
      if (todo.length > 0) {
        const items = enrich ? await enrich(todo, plannerCtx) : todo;
        const drafts = planner.plan({ now: ctx.now, items });
        report.drafts = drafts.length;
        report.enqueued = await enqueueDrafts(drafts, ctx);
        // Marked only once its reminders are stored: a failed run leaves them to be planned again.
        if (stamps) await markPlanned(query.collection, planner.name, todo, stamps, ctx.store);
      }
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
