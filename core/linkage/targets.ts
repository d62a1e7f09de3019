/**
 * Who a directive calls (第三十四条), decided once at the moment of issue and frozen in its plan:
 * the accounts the targets name, their operators (A角, B角), whether WeChat could reach them then,
 * and the tallies each account counts in. Pure: the shell reads the candidate accounts, the operators
 * and their consent, and hands them over.
 */
import type { Account, Platform, Unit } from '../../typings/org';
import type { DirectiveTally, DirectiveTargets, PlannedTarget } from '../../typings/linkage';
import { echo, type DomainError } from '../errors';
import { inScope, unitsInScope, type UnitTree } from '../org/tree';
import { linkageError } from './errors';

/** What the shell knows of an operator at the moment of issue. */
export interface OperatorReach {
  /** Active, bound to a WeChat, and holding a consent to the linkage template. */
  reachable: boolean;
}

/** The bureaus strictly under `scope`, in the target's path: the tallies it counts in. */
export function tallyKeysOf(unitPath: readonly string[], scope: Unit, tree: UnitTree): string[] {
  const at = unitPath.indexOf(scope._id);
  if (at < 0) return [];
  const below = unitPath.slice(at + 1).filter((id) => tree.byId.get(id)?.kind === 'bureau');
  return below.length > 0 ? below : [directKey(scope._id)];
}

export const directKey = (scopeUnitId: string): string => `${scopeUnitId}#direct`;

/** The listed bureaus must lie under the desk's bureau (a city for the province, a county for a city). */
export function checkTargets(targets: DirectiveTargets, scope: Unit, tree: UnitTree): DomainError | null {
  if (targets.mode === 'accounts') {
    return targets.accountIds.length === 0 ? linkageError('TARGETS_EMPTY') : null;
  }
  for (const id of targets.unitIds) {
    const unit = tree.byId.get(id);
    if (!unit || unit.kind !== 'bureau' || id === scope._id || !unit.path.includes(scope._id))
      return linkageError('UNIT_NOT_UNDER_SCOPE', unit?.name ?? echo(id));
  }
  return null;
}

/** The units whose accounts a filter reads (every unit of the chosen bureaus' subtrees, or of the scope's). */
export function unitsToRead(targets: DirectiveTargets, scope: Unit, tree: UnitTree): string[] {
  if (targets.mode === 'accounts') return [];
  const roots = targets.unitIds.length > 0 ? targets.unitIds : [scope._id];
  const ids = new Set<string>();
  for (const root of roots) for (const u of unitsInScope(root, tree)) ids.add(u._id);
  return [...ids].sort();
}

export function operatorsOf(account: Pick<Account, 'operatorA' | 'operatorB' | 'kind' | 'ownerId'>): string[] {
  const ids = [account.operatorA, account.operatorB, account.kind === 'personal' ? account.ownerId : null];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

export interface ResolveInput {
  targets: DirectiveTargets;
  scope: Unit;
  tree: UnitTree;
  /** Filter mode: the accounts of `unitsToRead`; hand-picked: the accounts of the ids (missing ones absent). */
  accounts: readonly Account[];
  operators: ReadonlyMap<string, OperatorReach>;
}

/**
 * The accounts called, in id order. A filter calls the active institutional accounts (the matrix) it
 * covers; a hand-picked list must name only active accounts under the desk's bureau.
 */
export function resolveTargets(
  input: ResolveInput,
): { ok: true; targets: PlannedTarget[] } | { ok: false; error: DomainError } {
  const { targets, scope, tree } = input;
  const byId = new Map(input.accounts.map((a) => [a._id, a]));
  let chosen: Account[];
  if (targets.mode === 'accounts') {
    chosen = [];
    for (const id of new Set(targets.accountIds)) {
      const a = byId.get(id);
      if (!a || a.state !== 'active' || !inScope(scope._id, a.unitId, tree))
        return { ok: false, error: linkageError('ACCOUNT_UNAVAILABLE', a?.name ?? echo(id)) };
      chosen.push(a);
    }
  } else {
    const platforms = new Set<Platform>(targets.platforms);
    const units = new Set(unitsToRead(targets, scope, tree));
    chosen = [...byId.values()].filter(
      (a) =>
        a.state === 'active' &&
        a.kind === 'institutional' &&
        units.has(a.unitId) &&
        (platforms.size === 0 || platforms.has(a.platform)),
    );
  }
  chosen.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  if (chosen.length === 0) return { ok: false, error: linkageError('TARGETS_EMPTY') };
  const planned = chosen.map((a): PlannedTarget => {
    const unit = tree.byId.get(a.unitId);
    const unitPath = unit?.path ?? [a.unitId];
    const operatorIds = operatorsOf(a);
    const reachableOperators = operatorIds.filter((id) => input.operators.get(id)?.reachable === true).length;
    return {
      accountId: a._id,
      accountName: a.name,
      platform: a.platform,
      kind: a.kind,
      unitId: a.unitId,
      unitName: unit?.name ?? '',
      unitPath,
      tallyIds: tallyKeysOf(unitPath, scope, tree),
      operatorIds,
      reachable: reachableOperators > 0,
      reachableOperators,
    };
  });
  return { ok: true, targets: planned };
}

/** The tallies of a directive's targets: one per bureau under the scope, one for the scope's own accounts. */
export function talliesOf(
  directiveId: string,
  targets: readonly PlannedTarget[],
  scope: Unit,
  tree: UnitTree,
): DirectiveTally[] {
  const byKey = new Map<string, DirectiveTally>();
  for (const t of targets) {
    for (const key of t.tallyIds) {
      let tally = byKey.get(key);
      if (!tally) {
        const direct = key === directKey(scope._id);
        const unit = direct ? scope : tree.byId.get(key);
        const path = unit?.path ?? [];
        // The bureau above it, up to the scope: a county sits under its city, a city under the scope.
        const parentId = direct
          ? scope._id
          : ([...path.slice(path.indexOf(scope._id), -1)]
              .reverse()
              .find((id) => tree.byId.get(id)?.kind === 'bureau') ?? scope._id);
        tally = {
          _id: `${directiveId}|${key}`,
          directiveId,
          key,
          unitId: direct ? scope._id : key,
          unitName: direct ? `${scope.name}本级` : (unit?.name ?? key),
          parentId,
          targets: 0,
          reachable: 0,
          onTime: 0,
          late: 0,
          afterClose: 0,
          hasChildren: false,
        };
        byKey.set(key, tally);
      }
      tally.targets += 1;
      if (t.reachable) tally.reachable += 1;
    }
  }
  const all = [...byKey.values()];
  for (const t of all) t.hasChildren = all.some((o) => o.parentId === t.key && o.key !== t.key);
  return all.sort((a, b) => (a._id < b._id ? -1 : 1));
}

export interface RecipientAccounts {
  personId: string;
  /** The accounts this person operates among the targets, in plan order. */
  accounts: { accountId: string; accountName: string; platform: Platform }[];
}

/** One notice per person, naming their accounts (a person running three accounts gets one message). */
export function recipientsOf(
  targets: readonly { accountId: string; accountName: string; platform: Platform; operatorIds: readonly string[] }[],
): RecipientAccounts[] {
  const byPerson = new Map<string, RecipientAccounts>();
  for (const t of targets) {
    for (const personId of t.operatorIds) {
      const r = byPerson.get(personId) ?? { personId, accounts: [] };
      r.accounts.push({ accountId: t.accountId, accountName: t.accountName, platform: t.platform });
      byPerson.set(personId, r);
    }
  }
  return [...byPerson.values()].sort((a, b) => (a.personId < b.personId ? -1 : 1));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
