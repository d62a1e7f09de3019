/**
 * The units an opening application may be made for (第十条): every unit in the caller's scope where
 * account.apply allows them, searched by name and paged, for the form's unit picker. The unit tree is
 * the cached one every action reads: no database query, so no index and no scan.
 */
import * as v from 'valibot';
import type { ApplicantUnitsPage } from '../../typings/account';
import { authorize } from '../../core/auth/authorize';
import { isSpecialWork, type UnitTree } from '../../core/org/tree';
import type { Person, Unit } from '../../typings/org';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { PAGE_DEFAULT, paged } from './input';

/** Every unit, parents before children, siblings in the tree's order: the order a desk reads its units in. */
function inTreeOrder(tree: UnitTree): Unit[] {
  const out: Unit[] = [];
  const visit = (unit: Unit): void => {
    out.push(unit);
    for (const child of tree.children.get(unit._id) ?? []) visit(child);
  };
  visit(tree.root);
  return out;
}

/** 第九条: units of special work never open accounts, so they are not offered. */
function mayApplyFor(caller: Person, unit: Unit, tree: UnitTree): boolean {
  return (
    !isSpecialWork(unit._id, tree) &&
    authorize(caller, 'account.apply', { kind: 'unit', unitId: unit._id }, tree).allowed
  );
}

export const applicantUnits = action({
  access: 'person',
  input: v.strictObject({ search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40))), ...paged }),
  handle: async (params, ctx): Promise<ApplicantUnitsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.applicantUnits', { kind: 'none' }, tree);
    const search = params.search ?? '';
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const chosen = inTreeOrder(tree).filter(
      (u) => (!search || u.name.includes(search)) && mayApplyFor(caller, u, tree),
    );
    const items = chosen.slice(offset, offset + limit).map((u) => ({
      id: u._id,
      name: u.name,
      parentName: u.parentId === null ? null : (tree.byId.get(u.parentId)?.name ?? null),
    }));
    return { items, nextOffset: limit > 0 && offset + limit < chosen.length ? offset + limit : null };
  },
});
