/**
 * A new directive as the moment of issue makes it (第三十四条): its content as the desk wrote it, its
 * clock from that moment, the frozen plan's counts (targets, operators, reachable accounts and
 * operators), the units whose desks see it (the scope and every tally's unit), and its fan-out still
 * to do. Plain data in, the document out: the issue action (server/linkage/issue.ts) and the province
 * generator (tools/province/records.ts) both build it here.
 */
import type { Unit } from '../../typings/org';
import type { Directive, DirectiveTally, IssueParams, PlannedTarget } from '../../typings/linkage';
import type { UnitTree } from '../org/tree';
import { toBeijingIso } from '../time';
import { clockOf, monthOf, nextStepAt } from './directive';
import { talliesOf } from './targets';

export interface NewDirectiveInput {
  id: string;
  /** The form as the desk sent it (trimmed here); `windowMinutes` already defaulted from the settings. */
  params: Omit<IssueParams, 'clientKey' | 'windowMinutes'> & { windowMinutes: number };
  targetsLabel: string;
  graceMinutes: number;
  issuer: { id: string; name: string };
  desk: Pick<Unit, '_id' | 'name'>;
  scope: Unit;
  tree: UnitTree;
  /** The frozen plan: its id, its stored chunks and the targets it froze. */
  planId: string;
  planChunks: number;
  planned: readonly PlannedTarget[];
  correctionOfTitle: string | null;
  /** Who holds the fan-out first (the issuing call) and until when; null: the timer takes it. */
  lease: { owner: string; until: number } | null;
  now: number;
}

export interface NewDirective {
  directive: Directive;
  /** The tallies the fan-out writes first (one per bureau under the scope, one for its own accounts). */
  tallies: DirectiveTally[];
}

export function newDirective(input: NewDirectiveInput): NewDirective {
  const { params, scope, planned, now } = input;
  const at = toBeijingIso(now);
  const tallies = talliesOf(input.id, planned, scope, input.tree);
  const reach = [scope._id, ...tallies.map((t) => t.key).filter((key) => input.tree.byId.has(key))];
  const link = params.link === null || params.link.trim() === '' ? null : params.link.trim();
  const draft: Directive = {
    _id: input.id,
    kind: params.kind,
    title: params.title.trim(),
    content: params.content.trim(),
    link,
    wording: params.wording.trim(),
    responseKinds: [...new Set(params.responseKinds)],
    targets: params.targets,
    targetsLabel: input.targetsLabel,
    windowMinutes: params.windowMinutes,
    graceMinutes: input.graceMinutes,
    issuerId: input.issuer.id,
    issuerName: input.issuer.name,
    deskId: input.desk._id,
    deskName: input.desk.name,
    scopeUnitId: scope._id,
    scopeUnitName: scope.name,
    reach: [...new Set(reach)],
    correctionOf: params.correctionOf ?? null,
    correctionOfTitle: input.correctionOfTitle,
    issuedAt: at,
    ...clockOf(now, params.windowMinutes, input.graceMinutes),
    month: monthOf(now),
    planId: input.planId,
    planChunks: input.planChunks,
    targetCount: planned.length,
    operatorCount: new Set(planned.flatMap((t) => t.operatorIds)).size,
    reachableAccounts: planned.filter((t) => t.reachable).length,
    reachableOperators: planned.reduce((n, t) => n + t.reachableOperators, 0),
    state: 'open',
    open: true,
    nextStepAt: null,
    steps: { reminders: 0, lateReported: false },
    fanout: {
      purpose: 'issue',
      phase: 'tallies',
      leaseOwner: input.lease?.owner ?? null,
      leaseUntil: input.lease ? toBeijingIso(input.lease.until) : null,
      startedAt: at,
      doneAt: null,
      notices: 0,
    },
    withdrawal: null,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
  return { directive: { ...draft, nextStepAt: nextStepAt(draft) }, tallies };
}
