/**
 * A directive reaching every account at once (第三十四条): the targets are resolved and frozen at the
 * moment of issue (`linkagePlans`), then the fan-out writes the tallies, one target per account and one
 * notice per operator, in batches. Each phase can run again without doubling anything (fixed ids, see
 * bulk.ts), and the directive records the phase done by check-and-set, under a lease: the issuing call
 * does what fits its time budget, the timer (steps.ts) finishes what is left, never both at once.
 *
 * Withdrawal uses the same machinery: the pending targets are marked withdrawn, then their operators
 * are told.
 */
import { performance } from 'node:perf_hooks';
import type { Account, Person, Unit } from '../../typings/org';
import type { ConsentRecord } from '../../typings/notify';
import type {
  Directive,
  DirectivePlanChunk,
  DirectiveTarget,
  DirectiveTargets,
  FanoutPhase,
  PlannedTarget,
} from '../../typings/linkage';
import {
  SILENT_RANK,
  afterFanout,
  checkTargets,
  chunk,
  issuedNotice,
  recipientsOf,
  resolveTargets,
  talliesOf,
  unitsToRead,
  withdrawnNotice,
  type OperatorReach,
} from '../../core/linkage';
import { hasConsent } from '../../core/notify/consent';
import { templatesFor } from '../../core/notify/templates';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { command, type Store } from '../store';
import { currentEnvId } from '../uow';
import { enqueueMany, insertMissing, readByIds } from './bulk';
import { loadDirective } from './context';

/** Targets per plan chunk (a chunk document stays well under 100 KB). */
export const PLAN_CHUNK = 250;
/** How long a worker holds a fan-out; far longer than a phase takes, far shorter than a window. */
export const LEASE_MS = 2 * 60_000;
const ACCOUNT_FIELDS = {
  _id: true,
  name: true,
  platform: true,
  unitId: true,
  kind: true,
  ownerId: true,
  operatorA: true,
  operatorB: true,
  state: true,
} as const;

// --- resolving the targets at the moment of issue ---------------------------------------------------------

/** The accounts under the listed units, through the `unitId` index, 50 units per request. */
async function accountsInUnits(db: Store, unitIds: readonly string[]): Promise<Account[]> {
  const out: Account[] = [];
  for (const part of chunk(unitIds, 50)) {
    for (let skip = 0; ; skip += 1000) {
      const page = await db.find<Account>(
        'accounts',
        { unitId: command().in(part) },
        { orderBy: [['_id', 'asc']], skip, limit: 1000, fields: ACCOUNT_FIELDS },
      );
      out.push(...page);
      if (page.length < 1000) break;
    }
  }
  return out;
}

/** Whether WeChat could reach each operator now: bound, active, and holding a consent to the linkage template. */
async function operatorReach(db: Store, personIds: readonly string[]): Promise<Map<string, OperatorReach>> {
  const templateId = templatesFor(currentEnvId()).kinds.linkageIssued?.templateId ?? null;
  const [people, consents] = await Promise.all([
    readByIds<Person>(db, 'people', personIds, { _id: true, openid: true, active: true }),
    templateId ? readByIds<ConsentRecord>(db, 'consents', personIds) : Promise.resolve([]),
  ]);
  const consentOf = new Map(consents.map((c) => [c._id, c]));
  return new Map(
    people.map((p) => [
      p._id,
      {
        reachable:
          p.active && p.openid !== null && templateId !== null && hasConsent(consentOf.get(p._id) ?? null, templateId),
      },
    ]),
  );
}

/** The accounts a directive would call now, with their operators and who WeChat can reach. */
export async function resolvePlan(
  db: Store,
  targets: DirectiveTargets,
  scope: Unit,
  tree: UnitTree,
): Promise<PlannedTarget[]> {
  const invalid = checkTargets(targets, scope, tree);
  if (invalid) throw invalid;
  const accounts =
    targets.mode === 'accounts'
      ? await readByIds<Account>(db, 'accounts', targets.accountIds, ACCOUNT_FIELDS)
      : await accountsInUnits(db, unitsToRead(targets, scope, tree));
  const operatorIds = new Set<string>();
  for (const a of accounts) {
    if (a.state !== 'active') continue;
    for (const id of [a.operatorA, a.operatorB, a.kind === 'personal' ? a.ownerId : null]) if (id) operatorIds.add(id);
  }
  const resolved = resolveTargets({
    targets,
    scope,
    tree,
    accounts,
    operators: await operatorReach(db, [...operatorIds]),
  });
  if (!resolved.ok) throw resolved.error;
  return resolved.targets;
}

export function planChunks(
  planId: string,
  directiveId: string,
  targets: readonly PlannedTarget[],
): DirectivePlanChunk[] {
  return chunk(targets, PLAN_CHUNK).map((part, seq) => ({
    _id: `${planId}#${seq}`,
    planId,
    directiveId,
    seq,
    targets: part,
  }));
}

async function readPlan(db: Store, d: Directive): Promise<PlannedTarget[]> {
  const ids = Array.from({ length: d.planChunks }, (_, i) => `${d.planId}#${i}`);
  const chunks = await readByIds<DirectivePlanChunk>(db, 'linkagePlans', ids, undefined, 4);
  if (chunks.length !== d.planChunks) throw new Error(`plan ${d.planId} incomplete: ${chunks.length}/${d.planChunks}`);
  return chunks.sort((a, b) => a.seq - b.seq).flatMap((c) => c.targets);
}

export function targetDoc(d: Directive, t: PlannedTarget): DirectiveTarget {
  return {
    _id: `${d._id}|${t.accountId}`,
    directiveId: d._id,
    directiveTitle: d.title,
    directiveKind: d.kind,
    accountId: t.accountId,
    accountName: t.accountName,
    platform: t.platform,
    unitId: t.unitId,
    unitName: t.unitName,
    unitPath: t.unitPath,
    tier1Id: t.tallyIds[0] !== undefined && !t.tallyIds[0].includes('#') ? t.tallyIds[0] : null,
    tier2Id: t.tallyIds[1] ?? null,
    tallyIds: t.tallyIds.map((key) => `${d._id}|${key}`),
    operatorIds: t.operatorIds,
    reachable: t.reachable,
    issuedAt: d.issuedAt,
    dueAt: d.dueAt,
    month: d.month,
    state: 'pending',
    response: null,
    elapsedMs: null,
    rank: SILENT_RANK,
    updatedAt: d.issuedAt,
    rev: 1,
  };
}

// --- targets still pending, a page at a time -----------------------------------------------------------------

export type TargetBrief = Pick<
  DirectiveTarget,
  '_id' | 'accountId' | 'accountName' | 'platform' | 'unitId' | 'unitPath' | 'operatorIds'
>;

/** Every target of the directive in `state`, through the `directive` index, by account: reads what is pending, nothing else. */
export async function readTargetsIn(
  db: Store,
  directiveId: string,
  state: DirectiveTarget['state'],
): Promise<TargetBrief[]> {
  const out: TargetBrief[] = [];
  let after: string | null = null;
  for (;;) {
    const filter: Record<string, unknown> = { directiveId, state };
    if (after !== null) filter['accountId'] = command().gt(after);
    const page: TargetBrief[] = await db.find<TargetBrief>('directiveTargets', filter, {
      orderBy: [['accountId', 'asc']],
      limit: 1000,
      fields: { accountId: true, accountName: true, platform: true, unitId: true, unitPath: true, operatorIds: true },
    });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]?.accountId ?? null;
  }
}

// --- the fan-out -----------------------------------------------------------------------------------------------

export interface FanoutReport {
  phases: FanoutPhase[];
  written: number;
  notices: number;
  done: boolean;
}

const NEXT: { [P in FanoutPhase]: FanoutPhase } = {
  tallies: 'targets',
  targets: 'notices',
  notices: 'done',
  done: 'done',
};

async function runPhase(
  db: Store,
  d: Directive,
  tree: UnitTree,
  now: number,
): Promise<{ written: number; notices: number }> {
  const scope = tree.byId.get(d.scopeUnitId);
  if (d.fanout.purpose === 'issue') {
    if (d.fanout.phase === 'tallies') {
      if (!scope) throw new Error(`scope ${d.scopeUnitId} unknown`);
      return {
        written: await insertMissing(db, 'directiveTallies', talliesOf(d._id, await readPlan(db, d), scope, tree)),
        notices: 0,
      };
    }
    if (d.fanout.phase === 'targets') {
      const plan = await readPlan(db, d);
      return {
        written: await insertMissing(
          db,
          'directiveTargets',
          plan.map((t) => targetDoc(d, t)),
        ),
        notices: 0,
      };
    }
    if (d.fanout.phase === 'notices') {
      const drafts = recipientsOf(await readPlan(db, d)).map((r) => issuedNotice(d, r));
      return { written: 0, notices: await enqueueMany(db, drafts, now) };
    }
    return { written: 0, notices: 0 };
  }
  // Withdrawal: the pending targets are marked, then their operators told.
  if (d.fanout.phase === 'targets' || d.fanout.phase === 'tallies') {
    const n = await db.updateWhere(
      'directiveTargets',
      { directiveId: d._id, state: 'pending' },
      { state: 'withdrawn', updatedAt: toBeijingIso(now) },
    );
    return { written: n, notices: 0 };
  }
  if (d.fanout.phase === 'notices') {
    const drafts = recipientsOf(await readTargetsIn(db, d._id, 'withdrawn')).map((r) => withdrawnNotice(d, r));
    return { written: 0, notices: await enqueueMany(db, drafts, now) };
  }
  return { written: 0, notices: 0 };
}

interface Worker {
  owner: string;
  /** performance.now() after which no phase is started. */
  deadline: number;
}

/**
 * Runs the directive's fan-out phases until done or out of time. A worker first takes the lease (check-
 * and-set on the directive); it stops when another holds it. Stopping early releases the lease so the
 * next timer run goes on at once.
 */
export async function advanceFanout(
  db: Store,
  directiveId: string,
  tree: UnitTree,
  worker: Worker,
): Promise<FanoutReport> {
  const report: FanoutReport = { phases: [], written: 0, notices: 0, done: false };
  let d = await loadDirective(directiveId, db);
  for (;;) {
    if (d.fanout.phase === 'done') {
      report.done = true;
      return report;
    }
    const now = Date.now();
    if (d.fanout.leaseOwner !== worker.owner) {
      const lapsed = d.fanout.leaseUntil === null || Date.parse(d.fanout.leaseUntil) <= now;
      if (!lapsed) return report;
      const held: Directive = {
        ...d,
        fanout: { ...d.fanout, leaseOwner: worker.owner, leaseUntil: toBeijingIso(now + LEASE_MS) },
      };
      if (!(await db.replaceIfRev('directives', held, d.rev))) return report;
      d = { ...held, rev: d.rev + 1 };
    }
    if (performance.now() > worker.deadline) {
      const released: Directive = { ...d, fanout: { ...d.fanout, leaseOwner: null, leaseUntil: toBeijingIso(now) } };
      await db.replaceIfRev('directives', { ...released, nextStepAt: toBeijingIso(now) }, d.rev);
      return report;
    }
    const phase = d.fanout.phase;
    const { written, notices } = await runPhase(db, d, tree, now);
    report.phases.push(phase);
    report.written += written;
    report.notices += notices;
    const next = afterFanout(d, NEXT[phase], notices, Date.now());
    if (!(await db.replaceIfRev('directives', next, d.rev))) {
      // Only a worker that outlived its lease gets here: the new holder goes on.
      return report;
    }
    d = { ...next, rev: d.rev + 1 };
  }
}
