import type { Person, Responsibility, Unit } from '../../typings/org';
import { diffFields } from '../audit/chain';
import { fail, ORG_ERRORS, revConflict, ViolationsError, type Transition, type Violation } from './errors';
import { holdsRoleOver, type TransitionContext } from './people';
import { toBeijingIso } from '../time';
import { bureauOf, type UnitTree } from './tree';

/** 第二十九条: every rule broken by a unit's named 责任领导 / 责任部门 / 责任人员. */
export function checkResponsibility(
  unit: Unit,
  r: Responsibility,
  tree: UnitTree,
  people: ReadonlyMap<string, Person>,
): Violation[] {
  const out: Violation[] = [];
  const article = '第二十九条';
  const activePerson = (id: string | null): Person | undefined => {
    const p = id === null ? undefined : people.get(id);
    return p?.active ? p : undefined;
  };
  if (r.leaderId !== null) {
    const leader = activePerson(r.leaderId);
    if (!leader) out.push({ code: 'LEADER_UNKNOWN', message: '责任领导不存在或已停用', article });
    else if (!holdsRoleOver(leader, 'leader', unit._id, tree)) {
      out.push({ code: 'LEADER_ROLE_MISSING', message: `${leader.name}不是本单位的分管领导`, article });
    }
  }
  if (r.departmentId !== null) {
    const dept = tree.byId.get(r.departmentId);
    // The responsible department is one of the unit's own bureau (usually its 政工宣传部门).
    if (!dept || dept.kind === 'bureau' || bureauOf(dept._id, tree) !== bureauOf(unit._id, tree)) {
      out.push({ code: 'DEPARTMENT_INVALID', message: '责任部门须为本局的内设部门', article });
    }
  }
  if (r.personId !== null) {
    const person = activePerson(r.personId);
    if (!person) out.push({ code: 'PERSON_UNKNOWN', message: '责任人员不存在或已停用', article });
    else if (bureauOf(person.unitId, tree) !== bureauOf(unit._id, tree)) {
      out.push({ code: 'PERSON_OUTSIDE', message: `${person.name}不在本局`, article });
    }
  }
  return out;
}

export function setResponsibility(
  unit: Unit,
  responsibility: Responsibility,
  ctx: TransitionContext & { tree: UnitTree; people: ReadonlyMap<string, Person> },
): Transition<Unit> {
  const conflict = revConflict(unit.rev, ctx.expectedRev);
  if (conflict) return fail(conflict);
  const violations = checkResponsibility(unit, responsibility, ctx.tree, ctx.people);
  if (violations.length > 0) {
    const detail = violations.map((v) => v.message).join('；');
    return fail(
      new ViolationsError('RESPONSIBILITY_INVALID', `${ORG_ERRORS.RESPONSIBILITY_INVALID}：${detail}`, violations),
    );
  }
  const next: Unit = {
    ...unit,
    responsibility: { ...responsibility },
    updatedAt: toBeijingIso(ctx.now),
    rev: unit.rev + 1,
  };
  return {
    ok: true,
    next,
    effects: [
      {
        kind: 'audit',
        action: 'org.setResponsibility',
        object: { collection: 'units', id: unit._id },
        summary: `明确${unit.name}的新媒体管理责任领导、责任部门、责任人员`,
        changes: diffFields(unit.responsibility, next.responsibility, ['leaderId', 'departmentId', 'personId']),
        unitPath: unit.path,
      },
    ],
  };
}
