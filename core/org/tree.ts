import type { DepartmentFunction, Unit, UnitLevel } from '../../typings/org';

/** The unit tree, indexed once per request. Build with `buildTree`. */
export interface UnitTree {
  readonly root: Unit;
  readonly byId: ReadonlyMap<string, Unit>;
  readonly children: ReadonlyMap<string, readonly Unit[]>;
}

/** Indexes the units. Throws when there is not exactly one root: no rule can be decided on such data. */
export function buildTree(units: readonly Unit[]): UnitTree {
  const roots = units.filter((u) => u.parentId === null);
  if (roots.length !== 1) throw new Error(`unit tree needs exactly one root, found ${roots.length}`);
  const byId = new Map<string, Unit>();
  const children = new Map<string, Unit[]>();
  for (const unit of units) {
    byId.set(unit._id, unit);
    if (unit.parentId !== null) {
      const siblings = children.get(unit.parentId) ?? [];
      siblings.push(unit);
      children.set(unit.parentId, siblings);
    }
  }
  return { root: roots[0], byId, children };
}

export function unitOf(unitId: string, tree: UnitTree): Unit | undefined {
  return tree.byId.get(unitId);
}

/** The unit, then its ancestors up to the province. */
function chainUp(unitId: string, tree: UnitTree): Unit[] {
  const unit = tree.byId.get(unitId);
  if (!unit) return [];
  return [...unit.path]
    .reverse()
    .map((id) => tree.byId.get(id))
    .filter((u): u is Unit => u !== undefined);
}

/** The bureau (公安机关) a unit belongs to: itself for a bureau. */
export function bureauOf(unitId: string, tree: UnitTree): Unit | undefined {
  return chainUp(unitId, tree).find((u) => u.kind === 'bureau');
}

/** The bureau one level up (city for a county, province for a city); none for the province. */
export function superiorBureauOf(unitId: string, tree: UnitTree): Unit | undefined {
  const bureau = bureauOf(unitId, tree);
  return bureau?.parentId ? bureauOf(bureau.parentId, tree) : undefined;
}

/** 第七条: the 政工宣传部门 of the unit's bureau (省厅政治部宣传处 for the province). */
export function propagandaDeskOf(unitId: string, tree: UnitTree): Unit | undefined {
  const bureau = bureauOf(unitId, tree);
  return bureau ? (tree.children.get(bureau._id) ?? []).find((u) => u.kind === 'propagandaDesk') : undefined;
}

/** The departments of the unit's bureau that do `fn` (e.g. its 网安 for 第二十四条). */
export function departmentsByFunction(unitId: string, fn: DepartmentFunction, tree: UnitTree): Unit[] {
  const bureau = bureauOf(unitId, tree);
  if (!bureau) return [];
  return unitsInScope(bureau._id, tree).filter(
    (u) => u.kind === 'department' && u.departmentFunction === fn && bureauOf(u._id, tree) === bureau,
  );
}

/** The department doing `fn` in the unit's own bureau, else in the nearest superior bureau that has one. */
export function nearestDepartment(unitId: string, fn: DepartmentFunction, tree: UnitTree): Unit | undefined {
  for (let bureau = bureauOf(unitId, tree); bureau; bureau = superiorBureauOf(bureau._id, tree)) {
    const own = departmentsByFunction(bureau._id, fn, tree);
    if (own.length > 0) return own[0];
  }
  return undefined;
}

/**
 * The unit whose subtree a role held in `unitId` covers. A propaganda desk manages its whole bureau
 * (第七条 "负责本地公安新媒体工作的管理指导"), so a role held there reaches the bureau's subtree.
 */
export function scopeRootOf(unitId: string, tree: UnitTree): string {
  const unit = tree.byId.get(unitId);
  if (unit?.kind === 'propagandaDesk' && unit.parentId !== null) return unit.parentId;
  return unitId;
}

/** Own unit; a city reaches its counties; the province reaches all. Decided by the target's path. */
export function inScope(scopeUnitId: string, unitId: string, tree: UnitTree): boolean {
  const target = tree.byId.get(unitId);
  return target !== undefined && tree.byId.has(scopeUnitId) && target.path.includes(scopeRootOf(scopeUnitId, tree));
}

/** Every unit a role held in `scopeUnitId` reaches. */
export function unitsInScope(scopeUnitId: string, tree: UnitTree): Unit[] {
  const root = scopeRootOf(scopeUnitId, tree);
  return [...tree.byId.values()].filter((u) => u.path.includes(root));
}

/** 第九条: a unit of special work, or any unit inside one. */
export function isSpecialWork(unitId: string, tree: UnitTree): boolean {
  return chainUp(unitId, tree).some((u) => u.specialWork);
}

export interface EscalationTarget {
  unitId: string;
  kind: 'person' | 'department' | 'leader';
  /** A person id for person/leader, a unit id for department. */
  id: string;
}

/**
 * 第二十九条: who answers for the unit's new-media work, in the order to escalate to — the unit's
 * responsible person, department and leader, then the same of each unit above it up to the province.
 * Units that named nobody are skipped; nobody appears twice.
 */
export function escalationTargets(unitId: string, tree: UnitTree): EscalationTarget[] {
  const out: EscalationTarget[] = [];
  const seen = new Set<string>();
  const push = (unit: Unit, kind: EscalationTarget['kind'], id: string | null): void => {
    if (id === null || seen.has(`${kind}:${id}`)) return;
    seen.add(`${kind}:${id}`);
    out.push({ unitId: unit._id, kind, id });
  };
  for (const unit of chainUp(unitId, tree)) {
    push(unit, 'person', unit.responsibility.personId);
    push(unit, 'department', unit.responsibility.departmentId);
    push(unit, 'leader', unit.responsibility.leaderId);
  }
  return out;
}

export interface TreeProblem {
  unitId: string;
  code: 'ROOT' | 'DUPLICATE_ID' | 'PARENT_UNKNOWN' | 'PATH' | 'LEVEL' | 'KIND' | 'DESK';
  message: string;
}

const CHILD_BUREAU_LEVEL: Record<UnitLevel, UnitLevel | null> = { province: 'city', city: 'county', county: null };

/** Structural checks for seeded or imported units: one province root, consistent paths and levels, one desk per bureau. */
export function checkTree(units: readonly Unit[]): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const byId = new Map<string, Unit>();
  for (const u of units) {
    if (byId.has(u._id)) problems.push({ unitId: u._id, code: 'DUPLICATE_ID', message: '单位编号重复' });
    byId.set(u._id, u);
  }
  const roots = units.filter((u) => u.parentId === null);
  if (roots.length !== 1 || roots[0].kind !== 'bureau' || roots[0].level !== 'province') {
    problems.push({ unitId: roots[0]?._id ?? '', code: 'ROOT', message: '单位树须有且仅有一个根：省厅' });
  }
  for (const u of units) {
    const parent = u.parentId === null ? null : byId.get(u.parentId);
    if (parent === undefined) {
      problems.push({ unitId: u._id, code: 'PARENT_UNKNOWN', message: '上级单位不存在' });
      continue;
    }
    const expectedPath = parent === null ? [u._id] : [...parent.path, u._id];
    if (expectedPath.join('/') !== u.path.join('/')) {
      problems.push({ unitId: u._id, code: 'PATH', message: '单位路径与上级单位不一致' });
    }
    if (parent === null) continue;
    const expectedLevel = u.kind === 'bureau' ? CHILD_BUREAU_LEVEL[parent.level] : parent.level;
    if (u.level !== expectedLevel) problems.push({ unitId: u._id, code: 'LEVEL', message: '单位层级与上级单位不符' });
    const kindOk = u.kind === 'department' ? parent.kind !== 'propagandaDesk' : parent.kind === 'bureau';
    if (!kindOk || (u.departmentFunction !== undefined && u.kind !== 'department')) {
      problems.push({ unitId: u._id, code: 'KIND', message: '单位类型与上级单位不符' });
    }
  }
  for (const bureau of units.filter((u) => u.kind === 'bureau')) {
    const desks = units.filter((u) => u.parentId === bureau._id && u.kind === 'propagandaDesk');
    if (desks.length !== 1) {
      // 第七条: each bureau's 政工宣传部门 guides its local new media; exactly one, so the rule has one addressee.
      problems.push({ unitId: bureau._id, code: 'DESK', message: '每个公安机关须有且仅有一个政工宣传部门（第七条）' });
    }
  }
  return problems;
}
