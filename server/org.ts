/**
 * The unit tree every authorization needs, read once per instance and re-read only when a unit
 * changes: each request costs one document read (the units version), not the whole tree.
 */
import type { Action, Person, RoleGrant, Unit } from '../typings/org';
import { authorize, requireAllowed } from '../core/auth/authorize';
import type { TargetFor } from '../core/auth/catalogue';
import { buildTree, type UnitTree } from '../core/org/tree';
import { commonErrors } from '../core/errors';
import { store, type Store } from './store';

export interface VersionDoc {
  _id: string;
  value: number;
}

export const UNITS_VERSION_ID = 'unitsVersion';
const PAGE = 1000;

let cached: { version: number; tree: UnitTree } | null = null;

export async function loadTree(db: Store = store): Promise<UnitTree> {
  const versionDoc = await db.get<VersionDoc>('counters', UNITS_VERSION_ID);
  const version = versionDoc?.value ?? 0;
  if (cached && cached.version === version) return cached.tree;
  const units: Unit[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await db.find<Unit>('units', {}, { orderBy: [['_id', 'asc']], skip, limit: PAGE });
    units.push(...page);
    if (page.length < PAGE) break;
  }
  cached = { version, tree: buildTree(units) };
  return cached.tree;
}

/** Called by whatever changes a unit, inside its transaction, so every instance reloads. */
export function unitsVersionBump(current: number): VersionDoc {
  return { _id: UNITS_VERSION_ID, value: current + 1 };
}

/** The one question every handler asks (core/auth decides; handlers never do). */
export function requirePermission<A extends Action>(
  caller: Person | null,
  action: A,
  target: TargetFor<A>,
  tree: UnitTree,
): RoleGrant | null {
  return requireAllowed(authorize(caller, action, target, tree));
}

export function requireCaller(caller: Person | null): Person {
  if (!caller) throw commonErrors.notSignedIn();
  return caller;
}
