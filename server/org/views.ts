/**
 * What the org pages read: documents turned into views with names resolved, and the few batched
 * reads that resolve them. Views never carry an OPENID or anything a page does not show.
 */
import type {
  Account,
  AccountView,
  Person,
  PersonRef,
  PersonView,
  RoleGrant,
  RoleView,
  Unit,
  UnitSummary,
  UnitView,
} from '../../typings/org';
import { validateAccount } from '../../core/org/accounts';
import { isTrained } from '../../core/org/people';
import { bureauOf, scopeRootOf, type UnitTree } from '../../core/org/tree';
import { command, store } from '../store';

const UNKNOWN_UNIT = '（未知单位）';
const UNKNOWN_PERSON = '（未知人员）';

export const unitName = (id: string, tree: UnitTree): string => tree.byId.get(id)?.name ?? UNKNOWN_UNIT;

export function roleViews(grants: readonly RoleGrant[], tree: UnitTree): RoleView[] {
  return grants.map((g) => {
    const scopeUnitId = scopeRootOf(g.unitId, tree);
    return {
      role: g.role,
      unitId: g.unitId,
      unitName: unitName(g.unitId, tree),
      scopeUnitId,
      scopeUnitName: unitName(scopeUnitId, tree),
      scopeLevel: tree.byId.get(scopeUnitId)?.level ?? 'county',
    };
  });
}

export function unitSummary(unit: Unit): UnitSummary {
  return { id: unit._id, name: unit.name, kind: unit.kind, level: unit.level, specialWork: unit.specialWork };
}

export function unitView(unit: Unit, tree: UnitTree, people: ReadonlyMap<string, Person>): UnitView {
  const { leaderId, departmentId, personId } = unit.responsibility;
  const nameOf = (id: string | null): string | null => (id === null ? null : (people.get(id)?.name ?? UNKNOWN_PERSON));
  return {
    ...unitSummary(unit),
    parentId: unit.parentId,
    bureauId: bureauOf(unit._id, tree)?._id ?? unit._id,
    ancestors: unit.path
      .slice(0, -1)
      .map((id) => tree.byId.get(id))
      .filter((u): u is Unit => u !== undefined)
      .map(unitSummary),
    responsibility: {
      leaderId,
      departmentId,
      personId,
      leaderName: nameOf(leaderId),
      departmentName: departmentId === null ? null : unitName(departmentId, tree),
      personName: nameOf(personId),
    },
    rev: unit.rev,
  };
}

export function personView(person: Person, tree: UnitTree): PersonView {
  return {
    id: person._id,
    name: person.name,
    badgeNo: person.badgeNo,
    unitId: person.unitId,
    unitName: unitName(person.unitId, tree),
    phone: person.phone,
    auxiliary: person.auxiliary,
    classifiedPost: person.classifiedPost,
    active: person.active,
    roles: roleViews(person.roles, tree),
    trainings: person.trainings.map((t) => ({ ...t })),
    trained: isTrained(person),
    bound: person.openid !== null,
    rev: person.rev,
  };
}

/** The people with these ids, in one query (ids that do not exist are simply absent). */
export async function peopleByIds(ids: Iterable<string>): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await store.find<Person>('people', { _id: command().in(wanted) }, { limit: wanted.length });
  return new Map(found.map((p) => [p._id, p]));
}

export function accountPeopleIds(account: Account): string[] {
  return [account.ownerId, account.operatorA, account.operatorB, ...account.reviewerIds].filter(
    (id): id is string => id !== null,
  );
}

export function accountView(account: Account, tree: UnitTree, people: ReadonlyMap<string, Person>): AccountView {
  const ref = (id: string | null): PersonRef | null =>
    id === null ? null : { id, name: people.get(id)?.name ?? UNKNOWN_PERSON };
  return {
    id: account._id,
    platform: account.platform,
    name: account.name,
    platformId: account.platformId,
    unitId: account.unitId,
    unitName: unitName(account.unitId, tree),
    kind: account.kind,
    owner: ref(account.ownerId),
    realNameVerified: account.realNameVerified,
    operatorA: ref(account.operatorA),
    operatorB: ref(account.operatorB),
    reviewers: account.reviewerIds.map((id) => ({ id, name: people.get(id)?.name ?? UNKNOWN_PERSON })),
    state: account.state,
    exceptionApproval: account.exceptionApproval,
    violations: validateAccount(account, { tree, people }).map((v) => ({
      code: v.code,
      message: v.message,
      article: v.article,
      ...(v.personId !== undefined ? { personId: v.personId } : {}),
    })),
    rev: account.rev,
  };
}

/** The unit and every unit under it (or only the unit), by path. */
export function unitIdsOf(unitId: string, scope: 'unit' | 'subtree', tree: UnitTree): string[] {
  if (scope === 'unit') return [unitId];
  return [...tree.byId.values()].filter((u) => u.path.includes(unitId)).map((u) => u._id);
}

export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;

/**
 * One page of a list read with one item more than asked (`limit + 1`): the extra item only says that
 * another page follows. Lists give no total: counting would read every matching document (issue 18).
 */
export function pageOf<T>(
  found: readonly T[],
  offset: number,
  size: number,
): { items: T[]; nextOffset: number | null } {
  const items = found.slice(0, size);
  return { items, nextOffset: found.length > size ? offset + items.length : null };
}
