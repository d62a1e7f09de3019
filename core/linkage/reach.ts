/**
 * The counts a directive's preview shows before it is issued (第三十四条: how many accounts it would
 * call, how many WeChat can reach now), kept as maintained counters so the preview reads the few
 * bureaus it shows and never the accounts (issue 18).
 *
 * - `linkageReach`, one document per unit: per platform, over the active institutional accounts of the
 *   unit's whole subtree (those a filter calls, see resolveTargets), the accounts, the accounts with an
 *   operator WeChat can reach, the operator places (A角 and B角: a person running two accounts is
 *   counted twice) and the reachable places.
 * - `linkageOperators`, one document per operator: whether WeChat can reach them (active, bound and
 *   holding a consent to the linkage template) as the counters last counted it, and the counted
 *   accounts they run. An account change reads its operators' documents; a change of a person's
 *   reach moves the counts of exactly the accounts listed — both in one transaction with the change.
 *
 * Pure: the shell reads and writes the documents (server/linkage/reach.ts).
 */
import type { Account, Platform, Unit } from '../../typings/org';
import type { DirectiveTargets } from '../../typings/linkage';
import type { UnitTree } from '../org/tree';
import { directKey, operatorsOf, tallyKeysOf } from './targets';

export interface ReachCounts {
  accounts: number;
  reachable: number;
  /** Operator places (A角 and B角) of those accounts. */
  places: number;
  reachablePlaces: number;
}

export interface LinkageReach {
  /** The unit id. */
  _id: string;
  platforms: Partial<Record<Platform, ReachCounts>>;
  updatedAt: string;
}

export interface OperatorReachDoc {
  /** The person id. */
  _id: string;
  reachable: boolean;
  /** The counted accounts (active, institutional) they run as A角 or B角, sorted. */
  accountIds: string[];
  updatedAt: string;
}

export type ReachAccount = Pick<
  Account,
  '_id' | 'unitId' | 'platform' | 'kind' | 'state' | 'operatorA' | 'operatorB' | 'ownerId'
>;

/** The accounts a filter calls (resolveTargets): active and institutional. */
export const isCalled = (a: Pick<Account, 'state' | 'kind'> | null): boolean =>
  a !== null && a.state === 'active' && a.kind === 'institutional';

/** Whoever the counters count as operators of a called account. */
export const countedOperators = (a: ReachAccount | null): string[] => (a && isCalled(a) ? operatorsOf(a) : []);

export const zeroCounts = (): ReachCounts => ({ accounts: 0, reachable: 0, places: 0, reachablePlaces: 0 });

function addCounts(to: ReachCounts, from: ReachCounts, sign: 1 | -1): void {
  to.accounts += sign * from.accounts;
  to.reachable += sign * from.reachable;
  to.places += sign * from.places;
  to.reachablePlaces += sign * from.reachablePlaces;
}

/** What one account adds to every unit of its path. */
export function contributionOf(a: ReachAccount, reachOf: (personId: string) => boolean): ReachCounts | null {
  if (!isCalled(a)) return null;
  const ops = operatorsOf(a);
  const reachablePlaces = ops.filter(reachOf).length;
  return { accounts: 1, reachable: reachablePlaces > 0 ? 1 : 0, places: ops.length, reachablePlaces };
}

/** unit id → platform → the change of its counts. */
export type ReachDelta = Map<string, Map<Platform, ReachCounts>>;

/** Adds (sign 1) or removes (-1) an account's contribution to the delta of every unit on its path. */
export function addToDelta(
  delta: ReachDelta,
  a: ReachAccount | null,
  reachOf: (personId: string) => boolean,
  sign: 1 | -1,
  tree: UnitTree,
): void {
  const c = a ? contributionOf(a, reachOf) : null;
  if (!a || !c) return;
  for (const unitId of tree.byId.get(a.unitId)?.path ?? []) {
    let byPlatform = delta.get(unitId);
    if (!byPlatform) delta.set(unitId, (byPlatform = new Map<Platform, ReachCounts>()));
    let counts = byPlatform.get(a.platform);
    if (!counts) byPlatform.set(a.platform, (counts = zeroCounts()));
    addCounts(counts, c, sign);
  }
}

const isZero = (c: ReachCounts): boolean =>
  c.accounts === 0 && c.reachable === 0 && c.places === 0 && c.reachablePlaces === 0;

/** The documents after the delta: `docs` holds the current one of every unit in it (null: none yet). */
export function applyReach(
  docs: ReadonlyMap<string, LinkageReach | null>,
  delta: ReachDelta,
  at: string,
): LinkageReach[] {
  const out: LinkageReach[] = [];
  for (const [unitId, byPlatform] of delta) {
    if ([...byPlatform.values()].every(isZero)) continue;
    const current = docs.get(unitId) ?? null;
    const platforms: LinkageReach['platforms'] = {};
    for (const [p, c] of Object.entries(current?.platforms ?? {}) as [Platform, ReachCounts][]) platforms[p] = { ...c };
    for (const [p, d] of byPlatform) {
      const next = platforms[p] ?? zeroCounts();
      addCounts(next, d, 1);
      if (isZero(next)) delete platforms[p];
      else platforms[p] = next;
    }
    out.push({ _id: unitId, platforms, updatedAt: at });
  }
  return out;
}

/** The counters from scratch (the seed, the province generator, a migration). */
export function buildReach(
  tree: UnitTree,
  accounts: readonly ReachAccount[],
  reachOf: (personId: string) => boolean,
  at: string,
): { reach: LinkageReach[]; operators: OperatorReachDoc[] } {
  const delta: ReachDelta = new Map();
  const runs = new Map<string, string[]>();
  for (const a of accounts) {
    addToDelta(delta, a, reachOf, 1, tree);
    for (const p of countedOperators(a)) runs.set(p, [...(runs.get(p) ?? []), a._id]);
  }
  const operators = [...runs].map(
    ([personId, ids]): OperatorReachDoc => ({
      _id: personId,
      reachable: reachOf(personId),
      accountIds: [...ids].sort(),
      updatedAt: at,
    }),
  );
  return { reach: applyReach(new Map(), delta, at), operators };
}

// --- the preview -----------------------------------------------------------------------------------

/** The bureaus right under the scope: the rows of a board and of the preview (cities under the province). */
export function childBureaus(scope: Unit, tree: UnitTree): Unit[] {
  return [...tree.byId.values()]
    .filter((u) => u._id !== scope._id && u.kind === 'bureau' && u.path.includes(scope._id))
    .filter((u) => tallyKeysOf(u.path, scope, tree)[0] === u._id);
}

/**
 * The units whose counters a filter preview reads: the scope and its child bureaus for the whole
 * scope, else the chosen bureaus (one inside another chosen counts once). Hand-picked accounts: none.
 */
export function reachUnitsOf(targets: DirectiveTargets, scope: Unit, tree: UnitTree): string[] {
  if (targets.mode === 'accounts') return [];
  if (targets.unitIds.length === 0) return [scope._id, ...childBureaus(scope, tree).map((u) => u._id)];
  return outermost(targets.unitIds, tree);
}

function outermost(unitIds: readonly string[], tree: UnitTree): string[] {
  const chosen = new Set(unitIds);
  return [...chosen]
    .filter((id) => !(tree.byId.get(id)?.path ?? []).some((above) => above !== id && chosen.has(above)))
    .sort();
}

export interface ReachRow extends ReachCounts {
  key: string;
  unitId: string;
  unitName: string;
}

/** The preview's rows (one per bureau right under the scope, and the scope's own), from the counters. */
export function previewRows(
  targets: Extract<DirectiveTargets, { mode: 'filter' }>,
  scope: Unit,
  tree: UnitTree,
  docs: ReadonlyMap<string, LinkageReach>,
): ReachRow[] {
  const platforms = new Set<Platform>(targets.platforms);
  const countsOf = (unitId: string): ReachCounts => {
    const sum = zeroCounts();
    for (const [p, c] of Object.entries(docs.get(unitId)?.platforms ?? {}) as [Platform, ReachCounts][]) {
      if (platforms.size === 0 || platforms.has(p)) addCounts(sum, c, 1);
    }
    return sum;
  };
  const rows = new Map<string, ReachRow>();
  const rowOf = (key: string): ReachRow => {
    let row = rows.get(key);
    if (!row) {
      const direct = key === directKey(scope._id);
      const unit = direct ? scope : tree.byId.get(key);
      row = {
        key,
        unitId: direct ? scope._id : key,
        unitName: direct ? `${scope.name}本级` : (unit?.name ?? key),
        ...zeroCounts(),
      };
      rows.set(key, row);
    }
    return row;
  };
  if (targets.unitIds.length === 0) {
    const direct = countsOf(scope._id);
    for (const b of childBureaus(scope, tree)) {
      const c = countsOf(b._id);
      addCounts(rowOf(b._id), c, 1);
      addCounts(direct, c, -1);
    }
    addCounts(rowOf(directKey(scope._id)), direct, 1);
  } else {
    for (const id of outermost(targets.unitIds, tree)) {
      const unit = tree.byId.get(id);
      const key = unit ? tallyKeysOf(unit.path, scope, tree)[0] : undefined;
      if (key) addCounts(rowOf(key), countsOf(id), 1);
    }
  }
  return [...rows.values()].filter((r) => r.accounts > 0).sort((a, b) => (a.key < b.key ? -1 : 1));
}
