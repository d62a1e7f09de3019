/**
 * What the linkage actions load: the directive, the settings, the bureaus a caller works for, the
 * accounts they operate. Reads by id or through an index, never a scan.
 */
import type { Account, Person, Role, Unit } from '../../typings/org';
import type { Directive, DirectiveTarget, LinkageSettings } from '../../typings/linkage';
import { DEFAULT_SETTINGS } from '../../core/linkage';
import { authorize } from '../../core/auth/authorize';
import { commonErrors } from '../../core/errors';
import { bureauOf, scopeRootOf, type UnitTree } from '../../core/org/tree';
import { command, store, type Store } from '../store';

export const SETTINGS_ID = 'settings';

export async function loadDirective(directiveId: string, db: Store = store): Promise<Directive> {
  const d = await db.get<Directive>('directives', directiveId);
  if (!d) throw commonErrors.notFound('联动指令');
  return d;
}

export async function loadSettings(db: Store = store): Promise<LinkageSettings> {
  return (await db.get<LinkageSettings>('linkageSettings', SETTINGS_ID)) ?? DEFAULT_SETTINGS;
}

const LEVEL_ORDER: Record<Unit['level'], number> = { province: 0, city: 1, county: 2 };

/**
 * The bureaus the caller works for through these roles (a desk's staff work for its bureau, 第七条),
 * the highest first.
 */
export function bureausOf(caller: Person, roles: readonly Role[], tree: UnitTree): Unit[] {
  const out = new Map<string, Unit>();
  for (const g of caller.roles) {
    if (!roles.includes(g.role)) continue;
    const bureau = bureauOf(scopeRootOf(g.unitId, tree), tree);
    if (bureau) out.set(bureau._id, bureau);
  }
  return [...out.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** The accounts the caller runs as A角 or B角 (two indexed reads). */
export async function accountsOperatedBy(personId: string, db: Store = store): Promise<Account[]> {
  const [a, b] = await Promise.all([
    db.find<Account>('accounts', { operatorA: personId }, { limit: 100 }),
    db.find<Account>('accounts', { operatorB: personId }, { limit: 100 }),
  ]);
  const byId = new Map<string, Account>();
  for (const acc of [...a, ...b]) byId.set(acc._id, acc);
  return [...byId.values()];
}

export const targetId = (directiveId: string, accountId: string): string => `${directiveId}|${accountId}`;

/** The caller's accounts among a directive's targets, read by id. */
export async function myTargets(
  directive: Directive,
  mine: readonly Account[],
  db: Store = store,
): Promise<DirectiveTarget[]> {
  if (mine.length === 0) return [];
  const ids = mine.map((a) => targetId(directive._id, a._id));
  const found = await db.find<DirectiveTarget>('directiveTargets', { _id: command().in(ids) }, { limit: ids.length });
  return found.sort((x, y) => (x.accountName + x.platform).localeCompare(y.accountName + y.platform, 'zh-Hans-CN'));
}

/**
 * The bureau of the directive the caller may open the board of: its scope when their role reaches it
 * (the issuing desk, the province), else their own bureau when the directive reaches it (a city desk,
 * a responsible leader). null: no board for them.
 */
export function boardUnitFor(caller: Person, d: Directive, tree: UnitTree): string | null {
  const candidates = [d.scopeUnitId, ...bureausOf(caller, ['propagandaStaff', 'leader'], tree).map((b) => b._id)];
  for (const unitId of candidates) {
    if (unitId !== d.scopeUnitId && !d.reach.includes(unitId)) continue;
    if (authorize(caller, 'linkage.board', { kind: 'unit', unitId }, tree).allowed) return unitId;
  }
  return null;
}

export function mayWithdraw(caller: Person, d: Directive, tree: UnitTree): boolean {
  return (
    d.state === 'open' &&
    d.fanout.phase === 'done' &&
    authorize(caller, 'linkage.withdraw', { kind: 'unit', unitId: d.scopeUnitId }, tree).allowed
  );
}
