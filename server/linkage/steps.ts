/**
 * The directives' clock, run by the every-minute timer before delivery (so what it queues goes out in
 * the same run): finish a fan-out the issuing call left, remind the operators of accounts that have
 * not responded (+30, +50), tell the responsible leaders (第二十九条) and the city desks which accounts
 * are late (+60), and close the directive after its grace, making its record final.
 *
 * The due directives come from one indexed query (`steps`: open, nextStepAt). Each run reads only the
 * targets still pending (index `directive`), never the responded ones. A step's notices are queued
 * before the step is marked done by check-and-set, and their keys name the step: two overlapping runs
 * queue each notice once, and a run that dies midway is finished by the next.
 */
import { performance } from 'node:perf_hooks';
import type { Account, Person } from '../../typings/org';
import type { Directive, DirectiveTally } from '../../typings/linkage';
import type { NotificationDraft } from '../../typings/notify';
import {
  afterStep,
  closedNotice,
  dueStep,
  lateNotice,
  operatorsOf,
  recipientsOf,
  reminderNotice,
  sumRows,
  tallyRow,
  type DirectiveStep,
  type LateGroup,
} from '../../core/linkage';
import { isDomainError } from '../../core/errors';
import { bureauOf, propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { command, type Store } from '../store';
import { enqueueMany, readByIds } from './bulk';
import { loadDirective } from './context';
import { advanceFanout, readTargetsIn, type TargetBrief } from './fanout';

/** Directives looked at per run; the rest are due again next minute. */
const PER_RUN = 20;

export interface LinkageStepsReport {
  /** Directives with a step due. */
  due: number;
  fanouts: number;
  reminders: number;
  lateReports: number;
  closed: number;
  notices: number;
  /** Pending targets read (reminders, late reports): what has not responded, nothing else. */
  targetsRead: number;
  stoppedEarly: boolean;
  error: { code: string; message: string } | null;
}

/** 第二十九条: the unit's responsible leader, else its bureau's. */
function leaderOf(unitId: string, tree: UnitTree): { personId: string; unitId: string } | null {
  const unit = tree.byId.get(unitId);
  if (unit?.responsibility.leaderId) return { personId: unit.responsibility.leaderId, unitId: unit._id };
  const bureau = bureauOf(unitId, tree);
  return bureau?.responsibility.leaderId ? { personId: bureau.responsibility.leaderId, unitId: bureau._id } : null;
}

/** The city an account belongs to (the province for its own accounts): whose desk hears of it. */
function cityOf(t: TargetBrief, tree: UnitTree): string {
  return (
    t.unitPath.find((id) => tree.byId.get(id)?.level === 'city' && tree.byId.get(id)?.kind === 'bureau') ??
    tree.root._id
  );
}

/** Who hears of the late accounts, each once, with the accounts that concern them. */
async function lateGroups(pending: readonly TargetBrief[], tree: UnitTree, db: Store): Promise<LateGroup[]> {
  const groups = new Map<string, LateGroup>();
  const add = (personId: string, unitId: string, t: TargetBrief): void => {
    const g = groups.get(personId) ?? { personId, unitId, unitName: tree.byId.get(unitId)?.name ?? '', accounts: [] };
    if (!g.accounts.some((a) => a.accountName === t.accountName && a.platform === t.platform)) {
      g.accounts.push({ accountName: t.accountName, platform: t.platform });
    }
    groups.set(personId, g);
  };
  const staffOf = new Map<string, string[]>();
  for (const t of pending) {
    const leader = leaderOf(t.unitId, tree);
    if (leader) add(leader.personId, leader.unitId, t);
    const city = cityOf(t, tree);
    const desk = propagandaDeskOf(city, tree);
    if (!desk) continue;
    let staff = staffOf.get(desk._id);
    if (!staff) {
      const found = await db.find<Person>(
        'people',
        { 'roles.unitId': desk._id, active: true },
        { limit: 50, fields: { roles: true } },
      );
      staff = found
        .filter((p) => p.roles.some((g) => g.role === 'propagandaStaff' && g.unitId === desk._id))
        .map((p) => p._id);
      staffOf.set(desk._id, staff);
    }
    for (const personId of staff) add(personId, city, t);
  }
  return [...groups.values()];
}

async function closingFigures(d: Directive, db: Store): Promise<{ onTime: number; late: number; silent: number }> {
  const rows = await db.find<DirectiveTally>(
    'directiveTallies',
    { directiveId: d._id, parentId: d.scopeUnitId },
    { limit: 1000 },
  );
  const total = sumRows(
    d.scopeUnitId,
    d.scopeUnitName,
    rows.map((r) => tallyRow(r, false)),
  );
  return { onTime: total.onTime, late: total.late, silent: total.silent };
}

/**
 * 第三十三条: a reminder goes to whoever runs the account now — an operator replaced since the issue
 * can no longer respond for it, their successor can (the accounts of the silent only, by id).
 */
async function withCurrentOperators(db: Store, pending: readonly TargetBrief[]): Promise<TargetBrief[]> {
  const accounts = await readByIds<Account>(
    db,
    'accounts',
    pending.map((t) => t.accountId),
    { _id: true, kind: true, ownerId: true, operatorA: true, operatorB: true },
  );
  const byId = new Map(accounts.map((a) => [a._id, a]));
  return pending.map((t) => {
    const account = byId.get(t.accountId);
    return account ? { ...t, operatorIds: operatorsOf(account) } : t;
  });
}

/** Queues what the step sends (and closes the pending records); the caller then marks it done. */
async function runStep(
  d: Directive,
  step: Exclude<DirectiveStep, { kind: 'fanout' }>,
  tree: UnitTree,
  db: Store,
  now: number,
  report: LinkageStepsReport,
): Promise<void> {
  let drafts: NotificationDraft[] = [];
  if (step.kind === 'remind') {
    if (step.stale) return;
    const pending = await readTargetsIn(db, d._id, 'pending');
    report.targetsRead += pending.length;
    drafts = recipientsOf(await withCurrentOperators(db, pending)).map((r) => reminderNotice(d, step.stage, r, now));
    report.reminders += 1;
  } else if (step.kind === 'reportLate') {
    const pending = await readTargetsIn(db, d._id, 'pending');
    report.targetsRead += pending.length;
    drafts = (await lateGroups(pending, tree, db)).map((g) => lateNotice(d, g));
    report.lateReports += 1;
  } else {
    // The record becomes final: whoever has not responded has none. A response still coming is kept
    // and counted late (core/linkage respond).
    // The silent targets are this step's due work too (read by the update).
    report.targetsRead += await db.updateWhere(
      'directiveTargets',
      { directiveId: d._id, state: 'pending' },
      { state: 'none', updatedAt: toBeijingIso(now) },
    );
    drafts = [closedNotice({ ...d, closedAt: toBeijingIso(now) }, await closingFigures(d, db))];
    report.closed += 1;
  }
  report.notices += await enqueueMany(db, drafts, now);
}

/** A run that did nothing: also what the timer reports when it skips the linkage part. */
export function emptyLinkageStepsReport(): LinkageStepsReport {
  return {
    due: 0,
    fanouts: 0,
    reminders: 0,
    lateReports: 0,
    closed: 0,
    notices: 0,
    targetsRead: 0,
    stoppedEarly: false,
    error: null,
  };
}

export async function runLinkageSteps(ctx: HandlerContext, deadline: number): Promise<LinkageStepsReport> {
  const report = emptyLinkageStepsReport();
  const db = ctx.store;
  try {
    const due = await db.find<Directive>(
      'directives',
      { open: true, nextStepAt: command().lte(toBeijingIso(Date.now())) },
      { orderBy: [['nextStepAt', 'asc']], limit: PER_RUN },
    );
    report.due = due.length;
    if (due.length === 0) return report;
    const tree = await loadTree(db);
    for (let d of due) {
      for (let guard = 0; guard < 8; guard++) {
        if (performance.now() > deadline) {
          report.stoppedEarly = true;
          return report;
        }
        const now = Date.now();
        const step = dueStep(d, now);
        if (!step) break;
        if (step.kind === 'fanout') {
          const r = await advanceFanout(db, d._id, tree, { owner: ctx.requestId, deadline });
          report.fanouts += r.phases.length > 0 ? 1 : 0;
          report.notices += r.notices;
          if (!r.done) break;
          d = await loadDirective(d._id, db);
          continue;
        }
        await runStep(d, step, tree, db, now, report);
        const next = afterStep(d, step, now);
        // Another run did it first: its state is the truth; carry on from there.
        d = (await db.replaceIfRev('directives', next, d.rev))
          ? { ...next, rev: d.rev + 1 }
          : await loadDirective(d._id, db);
      }
    }
  } catch (err) {
    if (!isDomainError(err)) console.error('[linkage steps]', err);
    report.error = isDomainError(err)
      ? { code: err.code, message: err.message }
      : { code: 'LINKAGE_STEPS_FAILED', message: '联动指令定时任务运行失败' };
  }
  return report;
}
