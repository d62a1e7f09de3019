import * as v from 'valibot';
import type { MeSummary, Person } from '../../typings/org';
import { isTrained } from '../../core/org/people';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requirePermission, requireCaller } from '../org';
import { pendingFor } from '../pending';
import { roleViews, unitName } from './views';

export function meView(person: Person, tree: UnitTree): MeSummary['person'] {
  return {
    id: person._id,
    name: person.name,
    badgeNo: person.badgeNo,
    unitId: person.unitId,
    unitName: unitName(person.unitId, tree),
    roles: roleViews(person.roles, tree),
    trained: isTrained(person),
  };
}

export const me = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<MeSummary> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'org.me', { kind: 'none' }, tree);
    return { person: meView(caller, tree), pending: await pendingFor(caller, tree) };
  },
});
