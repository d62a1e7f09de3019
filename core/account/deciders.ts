/**
 * Who decides and who is told, by the measures:
 * - 第十条: a 市州 or 县区 bureau applies to the political-work propaganda desk one level up; an internal
 *   department or an officer applies to the desk of its own level. The province's own accounts go to its
 *   own desk (省厅政治部宣传处): there is no level above it in the product.
 * - 第十三条: closing or cancelling goes to the desk that approved the opening.
 * - 第十四条: every opening, closure and cancellation is filed with the desk one level up; the unit's own
 *   desk files.
 */
import type { Person, Unit } from '../../typings/org';
import { bureauOf, propagandaDeskOf, superiorBureauOf, type UnitTree } from '../org/tree';

export interface Decider {
  /** The propaganda desk that decides. */
  deskId: string;
  article: string;
}

/** The bureau itself or its propaganda desk: an account of the bureau, not of a department (第十条). */
export function isBureauOwnUnit(unit: Unit, tree: UnitTree): boolean {
  if (unit.kind === 'bureau') return true;
  return unit.kind === 'propagandaDesk' && bureauOf(unit._id, tree)?._id === unit.parentId;
}

/** 第十条 for an institutional account of `unitId`; null when the tree has no such desk. */
export function openingDecider(unitId: string, tree: UnitTree): Decider | null {
  const unit = tree.byId.get(unitId);
  if (!unit) return null;
  if (isBureauOwnUnit(unit, tree)) {
    const superior = superiorBureauOf(unitId, tree);
    const desk = propagandaDeskOf(superior?._id ?? unitId, tree);
    return desk ? { deskId: desk._id, article: '第十条' } : null;
  }
  const desk = propagandaDeskOf(unitId, tree);
  return desk ? { deskId: desk._id, article: '第十条' } : null;
}

/** 第十条 (民警 → 同级政工宣传部门) and 第三十九条 (本单位): an officer's personal account. */
export function personalDecider(person: Pick<Person, 'unitId'>, tree: UnitTree): Decider | null {
  const desk = propagandaDeskOf(person.unitId, tree);
  return desk ? { deskId: desk._id, article: '第三十九条' } : null;
}

/** 第十四条: the desk of the account's bureau files, with the desk one level up; none at the province. */
export function filingDesks(unitId: string, tree: UnitTree): { filerDeskId: string; receiverDeskId: string } | null {
  const filer = propagandaDeskOf(unitId, tree);
  const superior = superiorBureauOf(unitId, tree);
  const receiver = superior ? propagandaDeskOf(superior._id, tree) : undefined;
  return filer && receiver ? { filerDeskId: filer._id, receiverDeskId: receiver._id } : null;
}

/** Holds the propaganda staff role in exactly this desk (a decision is the desk's, not its superiors'). */
export function staffOfDesk(person: Pick<Person, 'roles'>, deskId: string): boolean {
  return person.roles.some((g) => g.role === 'propagandaStaff' && g.unitId === deskId);
}
