/**
 * The matrix (第九条, 第三十四条): counts kept as totals, one document per unit, adjusted by every account
 * change inside the change's own transaction, so a page of the matrix reads the totals of the units it
 * shows and never counts accounts; and the facets each account carries so that one index lists the
 * accounts below any unit by platform, kind and state, a page at a time.
 */
import type { MatrixTotals, TotalsCounts } from '../../typings/account';
import type { Account, AccountKind, AccountState, Platform, Unit } from '../../typings/org';
import { bureauOf, type UnitTree } from '../org/tree';
import { isOpenState, platformEntry, REQUIRED_FAMILIES, type RequiredFamily } from './catalogue';
import { isBureauOwnUnit } from './deciders';

export const ANY = '*';

/** What the matrix counts of an account. */
export type Counted = Pick<Account, 'unitId' | 'platform' | 'kind' | 'state'>;

export const countKey = (platform: Platform, kind: AccountKind, state: AccountState): string =>
  `${platform}|${kind}|${state}`;
export const ownKey = (platform: Platform, state: AccountState): string => `${platform}|${state}`;

export function parseCountKey(key: string): { platform: Platform; kind: AccountKind; state: AccountState } {
  const [platform, kind, state] = key.split('|') as [Platform, AccountKind, AccountState];
  return { platform, kind, state };
}

/** `unit|platform|kind|state` for every unit of the path, each part also as `*`: 8 per unit. */
export function facetsOf(account: Counted, unitPath: readonly string[]): string[] {
  const out: string[] = [];
  for (const unitId of unitPath) {
    for (const platform of [account.platform, ANY]) {
      for (const kind of [account.kind, ANY]) {
        for (const state of [account.state, ANY]) out.push(`${unitId}|${platform}|${kind}|${state}`);
      }
    }
  }
  return out;
}

export const facet = (unitId: string, f: { platform?: Platform; kind?: AccountKind; state?: AccountState }): string =>
  `${unitId}|${f.platform ?? ANY}|${f.kind ?? ANY}|${f.state ?? ANY}`;

/** The bureaus 第九条 binds: every 市州 and 县区 bureau (the province itself is not named). */
export const isGapBureau = (unit: Unit): boolean => unit.kind === 'bureau' && unit.level !== 'province';

/** 第九条: the required families a bureau holds no open account of, from its own counts. */
export function gapsOf(own: TotalsCounts): RequiredFamily[] {
  const held = new Set<string>();
  for (const [key, n] of Object.entries(own)) {
    if (n <= 0) continue;
    const [platform, state] = key.split('|') as [Platform, AccountState];
    const family = platformEntry(platform).requiredFamily;
    if (family && isOpenState(state)) held.add(family);
  }
  return REQUIRED_FAMILIES.filter((f) => !held.has(f));
}

/**
 * A unit's totals before any account: gaps not yet counted (the gap flag is set, and counted up the
 * tree, by whoever computes the counts: applyTotals for a change, buildTotals from scratch).
 */
export function emptyTotals(unit: Unit, at: string): MatrixTotals {
  return {
    _id: unit._id,
    unitPath: [...unit.path],
    level: unit.level,
    bureau: isGapBureau(unit),
    subtree: {},
    own: {},
    gaps: [],
    gap: false,
    gapBureaus: 0,
    gapSince: null,
    updatedAt: at,
  };
}

interface Delta {
  subtree: Map<string, number>;
  own: Map<string, number>;
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Per unit of the account's path: what its counts change by when `before` becomes `after`. */
export function totalsDelta(before: Counted | null, after: Counted | null, tree: UnitTree): Map<string, Delta> {
  const out = new Map<string, Delta>();
  const deltaOf = (unitId: string): Delta => {
    let d = out.get(unitId);
    if (!d) {
      d = { subtree: new Map(), own: new Map() };
      out.set(unitId, d);
    }
    return d;
  };
  const apply = (a: Counted, n: number): void => {
    const unit = tree.byId.get(a.unitId);
    if (!unit) return;
    for (const id of unit.path) add(deltaOf(id).subtree, countKey(a.platform, a.kind, a.state), n);
    if (a.kind === 'institutional' && isBureauOwnUnit(unit, tree)) {
      const bureau = bureauOf(unit._id, tree);
      if (bureau) add(deltaOf(bureau._id).own, ownKey(a.platform, a.state), n);
    }
  };
  if (before) apply(before, -1);
  if (after) apply(after, +1);
  for (const [unitId, d] of out) {
    for (const [k, n] of d.subtree) if (n === 0) d.subtree.delete(k);
    for (const [k, n] of d.own) if (n === 0) d.own.delete(k);
    if (d.subtree.size === 0 && d.own.size === 0) out.delete(unitId);
  }
  return out;
}

function merged(counts: TotalsCounts, delta: Map<string, number>): TotalsCounts {
  const next: TotalsCounts = { ...counts };
  for (const [key, n] of delta) {
    const v = (next[key] ?? 0) + n;
    if (v === 0) delete next[key];
    else next[key] = v;
  }
  return next;
}

/**
 * The path's totals after a change: `docs` holds the current document of every unit on the path (null
 * when none was written yet). A bureau whose gap opened or closed moves the gap count of every unit
 * above it. Returns the documents to write.
 */
export function applyTotals(
  docs: ReadonlyMap<string, MatrixTotals | null>,
  before: Counted | null,
  after: Counted | null,
  tree: UnitTree,
  at: string,
): MatrixTotals[] {
  const delta = totalsDelta(before, after, tree);
  if (delta.size === 0) return [];
  const touched = new Map<string, MatrixTotals>();
  const current = (unitId: string): MatrixTotals | null => {
    const seen = touched.get(unitId);
    if (seen) return seen;
    const unit = tree.byId.get(unitId);
    if (!unit) return null;
    return docs.get(unitId) ?? emptyTotals(unit, at);
  };
  const gapMoves: Array<{ bureau: Unit; by: number }> = [];
  for (const [unitId, d] of delta) {
    const doc = current(unitId);
    if (!doc) continue;
    const next: MatrixTotals = {
      ...doc,
      subtree: merged(doc.subtree, d.subtree),
      own: merged(doc.own, d.own),
      updatedAt: at,
    };
    if (next.bureau) {
      next.gaps = gapsOf(next.own);
      next.gap = next.gaps.length > 0;
      if (next.gap !== doc.gap) {
        const unit = tree.byId.get(unitId) as Unit;
        gapMoves.push({ bureau: unit, by: next.gap ? 1 : -1 });
        next.gapBureaus += next.gap ? 1 : -1;
        next.gapSince = next.gap ? at : null;
      }
    }
    touched.set(unitId, next);
  }
  for (const { bureau, by } of gapMoves) {
    for (const id of bureau.path.slice(0, -1)) {
      const doc = current(id);
      if (doc) touched.set(id, { ...doc, gapBureaus: doc.gapBureaus + by, updatedAt: at });
    }
  }
  return [...touched.values()];
}

/**
 * Every unit's totals computed from scratch (the seed, the bench, and the rebuild after bringing the
 * pre-system accounts in): a document for every unit with accounts below it and for every bureau.
 */
export function buildTotals(tree: UnitTree, accounts: readonly Counted[], at: string): MatrixTotals[] {
  const docs = new Map<string, MatrixTotals>();
  for (const unit of tree.byId.values()) {
    if (unit.kind === 'bureau') docs.set(unit._id, emptyTotals(unit, at));
  }
  for (const a of accounts) {
    for (const [unitId, d] of totalsDelta(null, a, tree)) {
      const unit = tree.byId.get(unitId);
      if (!unit) continue;
      const doc = docs.get(unitId) ?? emptyTotals(unit, at);
      docs.set(unitId, { ...doc, subtree: merged(doc.subtree, d.subtree), own: merged(doc.own, d.own) });
    }
  }
  for (const doc of docs.values()) {
    if (!doc.bureau) continue;
    doc.gaps = gapsOf(doc.own);
    doc.gap = doc.gaps.length > 0;
    doc.gapSince = doc.gap ? at : null;
  }
  for (const doc of docs.values()) {
    if (!doc.gap) continue;
    for (const id of doc.unitPath) {
      const up = docs.get(id);
      if (up) up.gapBureaus += 1;
    }
  }
  return [...docs.values()];
}

/** Sums of a totals document by platform, by kind and by state. */
export function summarise(counts: TotalsCounts): {
  total: number;
  open: number;
  byPlatform: Map<Platform, Map<AccountState, number>>;
  byKind: Map<AccountKind, number>;
} {
  let total = 0;
  let open = 0;
  const byPlatform = new Map<Platform, Map<AccountState, number>>();
  const byKind = new Map<AccountKind, number>();
  for (const [key, n] of Object.entries(counts)) {
    const { platform, kind, state } = parseCountKey(key);
    total += n;
    if (isOpenState(state)) open += n;
    const states = byPlatform.get(platform) ?? new Map<AccountState, number>();
    states.set(state, (states.get(state) ?? 0) + n);
    byPlatform.set(platform, states);
    if (isOpenState(state)) byKind.set(kind, (byKind.get(kind) ?? 0) + n);
  }
  return { total, open, byPlatform, byKind };
}
