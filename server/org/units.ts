import * as v from 'valibot';
import type { Person, Unit, UnitView } from '../../typings/org';
import { setResponsibility as setResponsibilityOf } from '../../core/org/units';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import {
  loadTree,
  requireCaller,
  requirePermission,
  unitsVersionBump,
  UNITS_VERSION_ID,
  type VersionDoc,
} from '../org';
import { runWork } from '../uow';
import { applyEffects } from './effects';
import { id, responsibility, rev } from './input';
import { unitView } from './views';

/** 第二十九条: the unit's responsible leader, department and person, the escalation path of its new media. */
export const setResponsibility = action({
  access: 'person',
  input: v.strictObject({ unitId: id, expectedRev: rev, responsibility }),
  handle: async (params, ctx): Promise<UnitView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    return runWork(ctx, null, async (work) => {
      const unit = await work.get<Unit>('units', params.unitId);
      if (!unit) throw orgError('UNIT_UNKNOWN');
      const grant = requirePermission(caller, 'org.setResponsibility', { kind: 'unit', unitId: unit._id }, tree);
      work.setActor({ person: caller, grant });
      const people = new Map<string, Person>();
      for (const personId of [params.responsibility.leaderId, params.responsibility.personId]) {
        const person = personId === null ? null : await work.get<Person>('people', personId);
        if (person) people.set(person._id, person);
      }
      const result = setResponsibilityOf(unit, params.responsibility, {
        now: ctx.now,
        expectedRev: params.expectedRev,
        tree,
        people,
      });
      if (!result.ok) throw result.error;
      await work.put('units', result.next);
      // Every instance holds the tree in memory: the new version makes each reload it on its next request.
      const version = await work.get<VersionDoc>('counters', UNITS_VERSION_ID);
      await work.put('counters', unitsVersionBump(version?.value ?? 0));
      applyEffects(work, result.effects);
      return unitView(result.next, tree, people);
    });
  },
});
