import type { Person, Role, RoleGrant, TrainingRecord, UnitKind } from '../../typings/org';
import { diffFields } from '../audit/chain';
import { fail, orgError, revConflict, type OrgEffect, type Transition } from './errors';
import { toBeijingIso } from '../time';
import { inScope, isSpecialWork, type UnitTree } from './tree';

/** 第三十五条: new staff work only after training; one completed record is the proof. */
export function isTrained(person: Person): boolean {
  return person.trainings.some((t) => t.completed);
}

/** The person's grants of `role` that reach `unitId`. */
export function grantsCovering(person: Person, role: Role, unitId: string, tree: UnitTree): RoleGrant[] {
  return person.roles.filter((g) => g.role === role && inScope(g.unitId, unitId, tree));
}

export function holdsRoleOver(person: Person, role: Role, unitId: string, tree: UnitTree): boolean {
  return grantsCovering(person, role, unitId, tree).length > 0;
}

/** Holds `role` in exactly this unit (as the approval chain's step holders require). */
export function holdsRoleIn(person: Person, role: Role, unitId: string): boolean {
  return person.roles.some((g) => g.role === role && g.unitId === unitId);
}

/** Where each role may be held: the kinds of unit it makes sense in. */
const ROLE_UNIT_KINDS: Record<Role, readonly UnitKind[]> = {
  operator: ['bureau', 'propagandaDesk', 'department'],
  reviewer: ['bureau', 'propagandaDesk', 'department'],
  // 第十六条 "同级分管宣传工作领导": a leader may sit in the propaganda desk.
  leader: ['bureau', 'propagandaDesk', 'department'],
  // 第七条: the 宣传干事 belongs to the 政工宣传部门.
  propagandaStaff: ['propagandaDesk'],
  departmentHandler: ['department'],
  unitAdmin: ['bureau', 'propagandaDesk', 'department'],
};

/** Roles that run or review an account, which 第九条 denies to special-work units and their people. */
const ACCOUNT_ROLES: readonly Role[] = ['operator', 'reviewer'];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '运营民警',
  reviewer: '审核民警',
  leader: '分管领导',
  propagandaStaff: '宣传干事',
  departmentHandler: '警种联络人',
  unitAdmin: '单位管理员',
};

export interface TransitionContext {
  /** The instant of the request (epoch ms), from the shell's clock. */
  now: number;
  /** The rev the editor loaded; a different current rev means someone else saved first. */
  expectedRev: number;
}

export type PersonInput = Pick<
  Person,
  'name' | 'badgeNo' | 'unitId' | 'phone' | 'auxiliary' | 'classifiedPost' | 'active'
>;

const PERSON_AUDIT_FIELDS = ['name', 'badgeNo', 'unitId', 'auxiliary', 'classifiedPost', 'active'] as const;

/** Creates (current = null, expectedRev 0) or edits a person. Deactivation ends the WeChat binding. */
export function upsertPerson(
  current: Person | null,
  input: PersonInput,
  ctx: TransitionContext & { tree: UnitTree; newId: () => string },
): Transition<Person> {
  const conflict = revConflict(current?.rev ?? 0, ctx.expectedRev);
  if (conflict) return fail(conflict);
  if (!input.name.trim() || !input.badgeNo.trim()) return fail(orgError('PERSON_INVALID'));
  const unit = ctx.tree.byId.get(input.unitId);
  if (!unit) return fail(orgError('UNIT_UNKNOWN'));
  const at = toBeijingIso(ctx.now);
  const base = current ?? { _id: ctx.newId(), roles: [], trainings: [], openid: null, createdAt: at, rev: 0 };
  const next: Person = {
    ...base,
    ...input,
    name: input.name.trim(),
    badgeNo: input.badgeNo.trim(),
    openid: input.active ? base.openid : null,
    updatedAt: at,
    rev: base.rev + 1,
  };
  const changes = diffFields(current, next, PERSON_AUDIT_FIELDS);
  if (current && current.phone !== next.phone) changes.push({ field: 'phone', from: '（已隐藏）', to: '（已隐藏）' });
  const effects: OrgEffect[] = [
    {
      kind: 'audit',
      action: 'org.upsertPerson',
      object: { collection: 'people', id: next._id },
      summary: current ? `修改人员信息：${next.name}` : `新增人员：${next.name}（${unit.name}）`,
      changes,
      unitPath: unit.path,
    },
  ];
  if (current?.openid && next.openid === null)
    effects.push({ kind: 'bindingRevoked', personId: next._id, openid: current.openid });
  return { ok: true, next, effects };
}

const grantKey = (g: RoleGrant): string => `${g.role}@${g.unitId}`;

/**
 * Replaces a person's roles. The admin (`actor`) must reach the person's unit and the unit of every
 * grant added or removed; a role must sit in a kind of unit where it makes sense.
 */
export function setRoles(
  person: Person,
  grants: readonly RoleGrant[],
  ctx: TransitionContext & { actor: Person; tree: UnitTree },
): Transition<Person> {
  const conflict = revConflict(person.rev, ctx.expectedRev);
  if (conflict) return fail(conflict);
  if (!person.active) return fail(orgError('PERSON_INACTIVE'));
  const { tree } = ctx;
  const wanted = [...new Map(grants.map((g) => [grantKey(g), { role: g.role, unitId: g.unitId }])).values()];
  const before = new Set(person.roles.map(grantKey));
  const after = new Set(wanted.map(grantKey));
  const touched = [
    ...wanted.filter((g) => !before.has(grantKey(g))),
    ...person.roles.filter((g) => !after.has(grantKey(g))),
  ];
  const reaches = (unitId: string): boolean => holdsRoleOver(ctx.actor, 'unitAdmin', unitId, tree);

  if (!reaches(person.unitId)) return fail(orgError('ROLE_OUT_OF_SCOPE'));
  for (const grant of touched) {
    const unit = tree.byId.get(grant.unitId);
    if (!unit) return fail(orgError('UNIT_UNKNOWN'));
    if (!reaches(unit._id)) {
      return fail(
        orgError('ROLE_OUT_OF_SCOPE', `${ROLE_LABELS[grant.role]}（${unit.name}）超出本人管理范围，不能分配或撤销`),
      );
    }
  }
  for (const grant of wanted.filter((g) => !before.has(grantKey(g)))) {
    const unit = tree.byId.get(grant.unitId);
    if (!unit) return fail(orgError('UNIT_UNKNOWN'));
    if (!ROLE_UNIT_KINDS[grant.role].includes(unit.kind)) {
      return fail(orgError('ROLE_UNIT_KIND', `${ROLE_LABELS[grant.role]}不能设在${unit.name}`));
    }
    // 第九条: special-work units and their people may hold no account, so they run or review none.
    if (ACCOUNT_ROLES.includes(grant.role) && (isSpecialWork(unit._id, tree) || isSpecialWork(person.unitId, tree))) {
      return fail(orgError('SPECIAL_WORK_NO_ACCOUNT'));
    }
  }
  const next: Person = { ...person, roles: wanted, updatedAt: toBeijingIso(ctx.now), rev: person.rev + 1 };
  const label = (g: RoleGrant): string => `${ROLE_LABELS[g.role]}@${tree.byId.get(g.unitId)?.name ?? g.unitId}`;
  return {
    ok: true,
    next,
    effects: [
      {
        kind: 'audit',
        action: 'org.setRoles',
        object: { collection: 'people', id: person._id },
        summary: `调整${person.name}的角色`,
        changes: [{ field: 'roles', from: person.roles.map(label), to: wanted.map(label) }],
        unitPath: tree.byId.get(person.unitId)?.path ?? [],
      },
    ],
  };
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** 第三十五条: records a training; a completed one lifts the TRAINING_REQUIRED refusal. */
export function addTraining(
  person: Person,
  record: TrainingRecord,
  ctx: TransitionContext & { tree: UnitTree },
): Transition<Person> {
  const conflict = revConflict(person.rev, ctx.expectedRev);
  if (conflict) return fail(conflict);
  if (!record.course.trim() || !record.issuer.trim() || !DAY.test(record.date))
    return fail(orgError('TRAINING_INVALID'));
  const next: Person = {
    ...person,
    trainings: [...person.trainings, record],
    updatedAt: toBeijingIso(ctx.now),
    rev: person.rev + 1,
  };
  return {
    ok: true,
    next,
    effects: [
      {
        kind: 'audit',
        action: 'org.addTraining',
        object: { collection: 'people', id: person._id },
        summary: `登记培训：${person.name}，${record.course}（${record.date}，${record.completed ? '已完成' : '未完成'}）`,
        changes: [{ field: 'trainings', from: person.trainings.length, to: next.trainings.length }],
        unitPath: ctx.tree.byId.get(person.unitId)?.path ?? [],
      },
    ],
  };
}
