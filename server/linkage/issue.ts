/**
 * Issuing and withdrawing directives (第三十四条), by the province desk — or a city desk for its own
 * matrix where the province allows it. The moment of issue starts every target's clock; the content
 * never changes afterwards (a correction is a new directive linked to it). A double tap or a retry
 * with the same clientKey issues one directive.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Person, Unit } from '../../typings/org';
import type { Directive, DirectiveView, IssueParams, TargetOptions, TargetPreview } from '../../typings/linkage';
import {
  DEFAULT_SETTINGS,
  KIND_LABELS,
  checkCorrection,
  checkTargets,
  checkIssue,
  linkageError,
  mayIssue,
  newDirective,
  talliesOf,
  targetsLabel,
  withdraw as withdrawDirective,
} from '../../core/linkage';
import { platformLabels } from '../../core/cadence/cadence';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store } from '../store';
import { runWork } from '../uow';
import { insertMissing, readByIds } from './bulk';
import { previewRows, reachUnitsOf, type LinkageReach } from '../../core/linkage/reach';
import { bureausOf, loadDirective, loadSettings } from './context';
import { LEASE_MS, advanceFanout, planChunks, resolvePlan } from './fanout';
import { directiveView } from './read';
import { issueParams, targets as targetsSchema, withdrawParams } from './schemas';
import * as v from 'valibot';

/**
 * How long the issuing (or withdrawing) call fans out before it answers; the function's timeout is
 * 60 s (config.json, the most WeChat cloud functions allow), the timer finishes anything left.
 */
export const ISSUE_BUDGET_MS = 25_000;

const directiveId = (personId: string, clientKey: string): string =>
  `dir-${createHash('sha256').update(`${personId}\n${clientKey}`, 'utf8').digest('hex').slice(0, 24)}`;

/** The bureau whose matrix the caller's desk calls: the highest bureau whose desk they staff. */
function deskScope(caller: Person, tree: UnitTree): { scope: Unit; desk: Unit } {
  const scope = bureausOf(caller, ['propagandaStaff'], tree)[0];
  const desk = scope ? (tree.children.get(scope._id) ?? []).find((u) => u.kind === 'propagandaDesk') : undefined;
  // Anyone else is refused by the catalogue, on the unit they belong to.
  if (!scope || !desk) {
    requirePermission(caller, 'linkage.issue', { kind: 'unit', unitId: caller.unitId }, tree);
    throw linkageError('ISSUER_LEVEL');
  }
  return { scope, desk };
}

const platformNames = new Map(Object.entries(platformLabels));

function labelOf(targets: IssueParams['targets'], scope: Unit, tree: UnitTree): string {
  const units = new Map<string, string>();
  if (targets.mode === 'filter') for (const id of targets.unitIds) units.set(id, tree.byId.get(id)?.name ?? id);
  return targetsLabel(targets, { scope: scope.name, units, platforms: platformNames });
}

export const issue = action({
  access: 'person',
  input: issueParams,
  handle: async (params, ctx): Promise<DirectiveView> => {
    const started = performance.now();
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const { scope, desk } = deskScope(caller, tree);
    const grant = requirePermission(caller, 'linkage.issue', { kind: 'unit', unitId: scope._id }, tree);
    const settings = await loadSettings();
    const refused = mayIssue(scope, settings) ?? checkIssue(params);
    if (refused) throw refused;

    const id = directiveId(caller._id, params.clientKey);
    // The same form again (a double tap, a retry): the directive it issued.
    const existing = await store.get<Directive>('directives', id);
    if (existing) return directiveView(existing, caller, tree, ctx.now);

    let correctionOfTitle: string | null = null;
    if (params.correctionOf !== undefined) {
      const original = await store.get<Directive>('directives', params.correctionOf);
      const wrong = checkCorrection(original, scope._id);
      if (wrong) throw wrong;
      correctionOfTitle = original?.title ?? null;
    }

    const planned = await resolvePlan(store, params.targets, scope, tree);
    const planId = `plan-${ctx.newId()}`;
    const chunks = planChunks(planId, id, planned);
    // The frozen list first: a directive never points at a plan that is not stored.
    await insertMissing(store, 'linkagePlans', chunks, 4);

    const windowMinutes =
      params.windowMinutes ?? settings.defaultWindowMinutes ?? DEFAULT_SETTINGS.defaultWindowMinutes;
    // The issuing call holds the fan-out first; the timer takes over if it runs out of time or dies.
    const { directive } = newDirective({
      id,
      params: { ...params, windowMinutes },
      targetsLabel: labelOf(params.targets, scope, tree),
      graceMinutes: settings.graceMinutes,
      issuer: { id: caller._id, name: caller.name },
      desk,
      scope,
      tree,
      planId,
      planChunks: chunks.length,
      planned,
      correctionOfTitle,
      lease: { owner: ctx.requestId, until: ctx.now + LEASE_MS },
      now: ctx.now,
    });

    const created = await runWork(ctx, { person: caller, grant }, async (work) => {
      const raced = await work.get<Directive>('directives', id);
      if (raced) return false;
      await work.put('directives', directive);
      work.audit({
        action: 'linkage.issue',
        object: { collection: 'directives', id },
        summary:
          `下发联动指令《${directive.title}》（${KIND_LABELS[directive.kind]}，${directive.targetsLabel}，` +
          `${directive.targetCount} 个账号，${windowMinutes} 分钟内响应）` +
          (correctionOfTitle ? `，更正《${correctionOfTitle}》` : ''),
        unitPath: scope.path,
      });
      return true;
    });
    if (created) {
      await advanceFanout(store, id, tree, { owner: ctx.requestId, deadline: started + ISSUE_BUDGET_MS });
    } else {
      // The other tap issued it (with its own frozen plan): this call's plan stands for nothing.
      await Promise.all(chunks.map((c) => store.remove('linkagePlans', c._id)));
    }
    return directiveView(await loadDirective(id), caller, tree, Date.now());
  },
});

export const preview = action({
  access: 'person',
  input: v.strictObject({ targets: targetsSchema }),
  handle: async (params, ctx): Promise<TargetPreview> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const { scope } = deskScope(caller, tree);
    requirePermission(caller, 'linkage.preview', { kind: 'unit', unitId: scope._id }, tree);
    const targets = params.targets;
    if (targets.mode === 'accounts') {
      // Hand-picked: the accounts named (a bounded list) and their operators, read by id.
      const planned = await resolvePlan(store, targets, scope, tree);
      const rows = talliesOf('preview', planned, scope, tree).filter((t) => t.parentId === scope._id);
      return {
        targetCount: planned.length,
        operatorPlaces: planned.reduce((n, t) => n + t.operatorIds.length, 0),
        reachableAccounts: planned.filter((t) => t.reachable).length,
        reachableOperators: planned.reduce((n, t) => n + t.reachableOperators, 0),
        targetsLabel: labelOf(targets, scope, tree),
        units: rows.map((t) => ({
          unitId: t.unitId,
          unitName: t.unitName,
          targets: t.targets,
          reachable: t.reachable,
        })),
      };
    }
    // A filter: the maintained counters of the bureaus it shows (issue 18), never the accounts.
    const invalid = checkTargets(targets, scope, tree);
    if (invalid) throw invalid;
    const unitIds = reachUnitsOf(targets, scope, tree);
    const docs = await readByIds<LinkageReach>(store, 'linkageReach', unitIds);
    const rows = previewRows(targets, scope, tree, new Map(docs.map((d) => [d._id, d])));
    const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((n, r) => n + f(r), 0);
    if (sum((r) => r.accounts) === 0) throw linkageError('TARGETS_EMPTY');
    return {
      targetCount: sum((r) => r.accounts),
      operatorPlaces: sum((r) => r.places),
      reachableAccounts: sum((r) => r.reachable),
      reachableOperators: sum((r) => r.reachablePlaces),
      targetsLabel: labelOf(targets, scope, tree),
      units: rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, targets: r.accounts, reachable: r.reachable })),
    };
  },
});

export const targetOptions = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<TargetOptions> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const { scope } = deskScope(caller, tree);
    requirePermission(caller, 'linkage.targetOptions', { kind: 'unit', unitId: scope._id }, tree);
    const settings = await loadSettings();
    const refused = mayIssue(scope, settings);
    if (refused) throw refused;
    const units = (tree.children.get(scope._id) ?? [])
      .filter((u) => u.kind === 'bureau')
      .map((u) => ({ id: u._id, name: u.name }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return {
      scopeUnitId: scope._id,
      scopeUnitName: scope.name,
      units,
      platforms: Object.entries(platformLabels).map(([id, label]) => ({
        id: id as keyof typeof platformLabels,
        label,
      })),
      defaultWindowMinutes: settings.defaultWindowMinutes,
      graceMinutes: settings.graceMinutes,
    };
  },
});

export const withdraw = action({
  access: 'person',
  input: withdrawParams,
  handle: async (params, ctx: HandlerContext): Promise<DirectiveView> => {
    const started = performance.now();
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const d = await loadDirective(params.directiveId);
    const grant = requirePermission(caller, 'linkage.withdraw', { kind: 'unit', unitId: d.scopeUnitId }, tree);
    // A retried call or a second tap: the withdrawal it made, not a conflict.
    const repeat = (x: Directive): boolean =>
      x.withdrawal?.byId === caller._id && x.withdrawal.reason === params.reason.trim();
    if (repeat(d)) return directiveView(d, caller, tree, ctx.now);
    if (d.rev !== params.expectedRev) throw commonErrors.conflict();
    const dry = withdrawDirective(d, params.reason, { id: caller._id, name: caller.name }, ctx.now);
    if (!dry.ok) throw dry.error;
    const withdrawn = await runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await work.load<Directive>('directives', d._id, '联动指令');
      if (repeat(current)) return false;
      if (current.rev !== params.expectedRev) throw commonErrors.conflict();
      const r = withdrawDirective(current, params.reason, { id: caller._id, name: caller.name }, ctx.now);
      if (!r.ok) throw r.error;
      const next: Directive = {
        ...r.next,
        fanout: { ...r.next.fanout, leaseOwner: ctx.requestId, leaseUntil: toBeijingIso(ctx.now + LEASE_MS) },
        nextStepAt: toBeijingIso(ctx.now + LEASE_MS),
        rev: current.rev + 1,
      };
      await work.put('directives', next);
      work.audit({
        action: 'linkage.withdraw',
        object: { collection: 'directives', id: d._id },
        summary: `撤回联动指令《${d.title}》：${r.next.withdrawal?.reason ?? ''}`,
        changes: [{ field: 'state', from: current.state, to: 'withdrawn' }],
        unitPath: tree.byId.get(d.scopeUnitId)?.path ?? [d.scopeUnitId],
      });
      return true;
    });
    if (withdrawn) {
      await advanceFanout(store, d._id, tree, { owner: ctx.requestId, deadline: started + ISSUE_BUDGET_MS });
    }
    return directiveView(await loadDirective(d._id), caller, tree, Date.now());
  },
});
