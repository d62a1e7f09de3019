import * as v from 'valibot';
import type { PeoplePage, Person, PersonView, Unit } from '../../typings/org';
import {
  addTraining as addTrainingTo,
  setRoles as setRolesOf,
  upsertPerson as upsertPersonOf,
} from '../../core/org/people';
import { orgError } from '../../core/org/errors';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { runWork, type Work } from '../uow';
import { applyEffects } from './effects';
import { id, limit, noPasswords, offset, personFields, rev, role, roleGrant, scope, training } from './input';
import { isDuplicateKey } from './retry';
import { pageOf, PAGE_DEFAULT, peopleByIds, personView, unitIdsOf, unitSummary, unitView } from './views';

function requireUnit(unitId: string, tree: UnitTree): Unit {
  const unit = tree.byId.get(unitId);
  if (!unit) throw orgError('UNIT_UNKNOWN');
  return unit;
}

async function loadPerson(work: Work, personId: string): Promise<Person> {
  const person = await work.get<Person>('people', personId);
  if (!person) throw orgError('PERSON_UNKNOWN');
  return person;
}

export const listPeople = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    scope,
    role: v.optional(role),
    personId: v.optional(id),
    offset,
    limit,
  }),
  handle: async (params, ctx): Promise<PeoplePage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const unit = requireUnit(params.unitId, tree);
    requirePermission(caller, 'org.listPeople', { kind: 'unit', unitId: unit._id }, tree);

    const filter: Filter = {};
    // The whole province needs no unit filter, and a list of every unit would be the longest query of all.
    if (unit._id !== tree.root._id || params.scope === 'unit') {
      filter.unitId = command().in(unitIdsOf(unit._id, params.scope ?? 'subtree', tree));
    }
    if (params.role) filter['roles.role'] = params.role;
    if (params.personId) filter._id = params.personId;
    const from = params.offset ?? 0;
    const size = params.limit ?? PAGE_DEFAULT;
    // people.unitBadge: the scope's units in badge order, so a page reads its own people and no more.
    const [found, named] = await Promise.all([
      size > 0
        ? store.find<Person>('people', filter, { orderBy: [['badgeNo', 'asc']], skip: from, limit: size + 1 })
        : [],
      peopleByIds([unit.responsibility.leaderId, unit.responsibility.personId].filter((x): x is string => x !== null)),
    ]);
    const page = pageOf(found, from, size);
    return {
      unit: unitView(unit, tree, named),
      children: (tree.children.get(unit._id) ?? []).map(unitSummary),
      items: page.items.map((p) => personView(p, tree)),
      nextOffset: page.nextOffset,
    };
  },
});

/** Two admins registering one badge number at once both pass the check before the write: the unique index decides. */
async function badgeTakenOnDuplicate<R>(write: Promise<R>): Promise<R> {
  try {
    return await write;
  } catch (err) {
    if (isDuplicateKey(err, 'badgeNo')) throw orgError('BADGE_TAKEN');
    throw err;
  }
}

export const upsertPerson = action({
  access: 'person',
  input: noPasswords(v.strictObject({ id: v.nullable(id), expectedRev: rev, person: personFields })),
  handle: async (params, ctx): Promise<PersonView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const input = params.person;
    requireUnit(input.unitId, tree);
    const sameBadge = await store.find<Person>('people', { badgeNo: input.badgeNo }, { limit: 2 });

    return badgeTakenOnDuplicate(
      runWork(ctx, null, async (work) => {
        const current = params.id === null ? null : await loadPerson(work, params.id);
        const grant = requirePermission(caller, 'org.upsertPerson', { kind: 'unit', unitId: input.unitId }, tree);
        // A move takes the person out of one unit and into another: the admin must reach both.
        if (current && current.unitId !== input.unitId) {
          requirePermission(caller, 'org.upsertPerson', { kind: 'unit', unitId: current.unitId }, tree);
        }
        work.setActor({ person: caller, grant });
        if (sameBadge.some((p) => p._id !== current?._id)) throw orgError('BADGE_TAKEN');
        const result = upsertPersonOf(current, input, {
          now: ctx.now,
          expectedRev: params.expectedRev,
          tree,
          newId: () => ctx.newId(),
        });
        if (!result.ok) throw result.error;
        if (current) await work.put('people', result.next);
        else await work.create('people', result.next);
        applyEffects(work, result.effects);
        return personView(result.next, tree);
      }),
    );
  },
});

export const setRoles = action({
  access: 'person',
  input: v.strictObject({ personId: id, expectedRev: rev, roles: v.pipe(v.array(roleGrant), v.maxLength(20)) }),
  handle: async (params, ctx): Promise<PersonView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    return runWork(ctx, null, async (work) => {
      const person = await loadPerson(work, params.personId);
      const grant = requirePermission(caller, 'org.setRoles', { kind: 'person', person }, tree);
      work.setActor({ person: caller, grant });
      const result = setRolesOf(person, params.roles, {
        now: ctx.now,
        expectedRev: params.expectedRev,
        actor: caller,
        tree,
      });
      if (!result.ok) throw result.error;
      await work.put('people', result.next);
      applyEffects(work, result.effects);
      return personView(result.next, tree);
    });
  },
});

export const addTraining = action({
  access: 'person',
  input: v.strictObject({ personId: id, expectedRev: rev, training }),
  handle: async (params, ctx): Promise<PersonView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    return runWork(ctx, null, async (work) => {
      const person = await loadPerson(work, params.personId);
      const grant = requirePermission(caller, 'org.addTraining', { kind: 'person', person }, tree);
      work.setActor({ person: caller, grant });
      const result = addTrainingTo(person, params.training, { now: ctx.now, expectedRev: params.expectedRev, tree });
      if (!result.ok) throw result.error;
      await work.put('people', result.next);
      applyEffects(work, result.effects);
      return personView(result.next, tree);
    });
  },
});
