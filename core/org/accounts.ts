import type { Account, AccountFields, Person, Role } from '../../typings/org';
import { diffFields } from '../audit/chain';
import { DomainError } from '../errors';
import { fail, orgError, revConflict, ViolationsError, type Transition, type Violation } from './errors';
import { holdsRoleIn, isTrained, type TransitionContext } from './people';
import { toBeijingIso } from '../time';
import { bureauOf, isSpecialWork, type UnitTree } from './tree';

export interface AccountContext {
  tree: UnitTree;
  /** At least every person the account names (owner, operators, reviewers). */
  people: ReadonlyMap<string, Person>;
}

export interface Position {
  label: string;
  role: Role;
  /** The article that requires this position to be staffed. */
  article: string;
}

export const OPERATOR_A: Position = { label: 'A角运营民警', role: 'operator', article: '第十一条' };
export const OPERATOR_B: Position = { label: 'B角运营民警', role: 'operator', article: '第十一条' };
export const REVIEWER: Position = { label: '审核民警', role: 'reviewer', article: '第十六条' };

/**
 * 第十一条: a 市州公安局's institutional accounts are run by two 民警 (A角 and B角) — the rule that
 * also requires operator B. An auxiliary (辅警) may assist, never hold A or B there.
 */
export function needsPoliceOperators(account: Pick<Account, 'kind' | 'unitId'>, tree: UnitTree): boolean {
  return account.kind === 'institutional' && tree.byId.get(account.unitId)?.level === 'city';
}

/**
 * Whether the person belongs to the account's unit: in it or under it, and in the same 公安机关 (a
 * county bureau sits under its city in the tree, but its people are not the city's).
 */
export function belongsToAccountUnit(
  person: Pick<Person, 'unitId'>,
  account: Pick<Account, 'unitId'>,
  tree: UnitTree,
): boolean {
  const unit = tree.byId.get(person.unitId);
  if (!unit || !unit.path.includes(account.unitId)) return false;
  return bureauOf(person.unitId, tree)?._id === bureauOf(account.unitId, tree)?._id;
}

/**
 * The rules one person placed on an account in one position must meet (第九条, 第十一条, 第十六条,
 * 第三十五条, 第三十九条). `validateAccount` applies it to everyone an account names; an opening
 * application or any other placement calls this same rule.
 */
export function checkPlacement(account: Account, id: string, pos: Position, ctx: AccountContext): Violation[] {
  return checkStaff(account, id, pos, ctx).map((v) => ({ ...v, personId: id }));
}

/**
 * 第十一条 / 第三十九条: an operator whose placement no longer holds — moved out of the account's unit,
 * or flagged auxiliary on a 市州 account, or a personal account's owner now in another unit — does not
 * run the account until it is put right (the violation shows on the account meanwhile).
 */
export function placementRefusal(account: Account, person: Person, tree: UnitTree): DomainError | null {
  if (account.kind === 'personal') {
    if (account.ownerId !== person._id || person.unitId === account.unitId) return null;
    return new DomainError(
      'OWNER_UNIT_MISMATCH',
      '个人账号须在所属民警本单位报备：您已调往其他单位，请重新报备后再使用（第三十九条）',
    );
  }
  const pos = account.operatorA === person._id ? OPERATOR_A : account.operatorB === person._id ? OPERATOR_B : null;
  if (!pos) return null;
  const broken = checkPlacement(account, person._id, pos, { tree, people: new Map([[person._id, person]]) }).find(
    (v) => v.code === 'STAFF_OUTSIDE_UNIT' || v.code === 'AUXILIARY_OPERATOR',
  );
  return broken ? new DomainError(broken.code, `${broken.message}（${broken.article}）`) : null;
}

/** Rules every person named on an account must meet. */
function checkStaff(account: Account, id: string, pos: Position, ctx: AccountContext): Violation[] {
  const person = ctx.people.get(id);
  if (!person || !person.active) {
    return [{ code: 'PERSON_UNKNOWN', message: `${pos.label}不存在或已停用`, article: pos.article }];
  }
  const out: Violation[] = [];
  const who = `${pos.label}${person.name}`;
  // 第十一条: run by the unit's own people; someone moved to another unit no longer runs its account.
  // (A personal account's owner has their own rule, OWNER_UNIT_MISMATCH, 第三十九条.)
  if (account.kind === 'institutional' && !belongsToAccountUnit(person, account, ctx.tree)) {
    const now = ctx.tree.byId.get(person.unitId)?.name ?? '其他单位';
    const unit = ctx.tree.byId.get(account.unitId)?.name ?? '账号所属单位';
    out.push({
      code: 'STAFF_OUTSIDE_UNIT',
      message: `${who}现属${now}，已不在${unit}，不能担任该账号的${pos.label.replace(/^[AB]角/, '')}`,
      article: pos.article,
    });
  }
  // 第十一条: the A and B of a 市州 account are 民警; an auxiliary only assists.
  if (person.auxiliary && pos.role === 'operator' && needsPoliceOperators(account, ctx.tree)) {
    out.push({
      code: 'AUXILIARY_OPERATOR',
      message: `${who}为警务辅助人员，市州公安局新媒体的AB角须由民警担任`,
      article: '第十一条',
    });
  }
  if (!isTrained(person)) {
    out.push({ code: 'TRAINING_REQUIRED', message: `${who}未完成新媒体业务培训，不能上岗`, article: '第三十五条' });
  }
  if (isSpecialWork(person.unitId, ctx.tree)) {
    out.push({
      code: 'SPECIAL_WORK_PERSON',
      message: `${who}所在部门从事特殊工作，不得运营公安新媒体`,
      article: '第九条',
    });
  }
  if (person.classifiedPost && account.exceptionApproval === null) {
    out.push({ code: 'CLASSIFIED_POST', message: `${who}为涉密岗位民警，须经本单位批准`, article: '第三十九条' });
  }
  // The approval chain names reviewers by the role held in the account's own unit: held elsewhere, it never matches.
  if (!holdsRoleIn(person, pos.role, account.unitId)) {
    out.push({
      code: 'ROLE_MISSING',
      message: `${who}未在账号所属单位被授予${pos.label.replace(/^[AB]角/, '')}角色`,
      article: pos.article,
    });
  }
  return out;
}

/** Every rule the account's settings break, each with its article; empty when the account may operate. */
export function validateAccount(account: Account, ctx: AccountContext): Violation[] {
  const unit = ctx.tree.byId.get(account.unitId);
  if (!unit) return [{ code: 'UNIT_UNKNOWN', message: '账号所属单位不存在', article: '第二条' }];
  const out: Violation[] = [];
  // 第九条 bans these units outright; unlike 第三十九条 it names no approval that lifts the ban.
  if (isSpecialWork(unit._id, ctx.tree)) {
    out.push({ code: 'SPECIAL_WORK_UNIT', message: `${unit.name}从事特殊工作，不得开设公安新媒体`, article: '第九条' });
  }
  if (account.kind === 'personal') {
    const owner = account.ownerId === null ? undefined : ctx.people.get(account.ownerId);
    if (!owner || !owner.active) {
      out.push({ code: 'OWNER_REQUIRED', message: '个人公安新媒体须属于一名在职民警', article: '第二条' });
    } else {
      if (owner.unitId !== account.unitId) {
        out.push({ code: 'OWNER_UNIT_MISMATCH', message: '个人账号须在所属民警本单位报备', article: '第三十九条' });
      }
      if (owner.classifiedPost && account.exceptionApproval === null) {
        out.push({
          code: 'CLASSIFIED_POST',
          message: `${owner.name}为涉密岗位民警，开设个人账号须经本单位批准`,
          article: '第三十九条',
        });
      }
    }
    // 第三十三条: no switching between personal and official accounts — only the owner posts on a personal one.
    if (account.operatorA !== account.ownerId || account.operatorB !== null) {
      out.push({ code: 'PERSONAL_OPERATOR', message: '个人账号只能由本人运营', article: '第三十三条' });
    }
  } else if (account.ownerId !== null) {
    out.push({
      code: 'OWNER_ON_INSTITUTIONAL',
      message: '机构公安新媒体属于单位，不得登记为个人所有',
      article: '第三十三条',
    });
  }
  if (account.state === 'closed') return out;

  if (account.operatorA === null) {
    out.push({ code: 'OPERATOR_A_REQUIRED', message: '须确定A角运营民警', article: '第十一条' });
  }
  if (account.kind === 'institutional' && unit.level === 'city' && account.operatorB === null) {
    out.push({
      code: 'OPERATOR_B_REQUIRED',
      message: '市州公安局新媒体须由两名以上民警（AB角）负责',
      article: '第十一条',
    });
  }
  if (account.operatorA !== null && account.operatorA === account.operatorB) {
    out.push({ code: 'SAME_OPERATOR', message: 'A角和B角不能是同一人', article: '第十一条' });
  }
  const reviewers = [...new Set(account.reviewerIds)];
  // 第十六条 names reviewers for institutional accounts; a personal account's posts go to its unit's
  // propaganda desk when sensitive (第十八条), so reviewers there are optional.
  if (account.kind === 'institutional' && reviewers.length === 0) {
    out.push({ code: 'REVIEWER_REQUIRED', message: '机构公安新媒体应至少确定一名审核民警', article: '第十六条' });
  }
  // 第十六条: at least one 民警 reviews; auxiliaries may review alongside, never alone.
  if (account.kind === 'institutional' && reviewers.length > 0) {
    const police = reviewers.filter((id) => {
      const p = ctx.people.get(id);
      return p !== undefined && p.active && !p.auxiliary;
    });
    if (police.length === 0) {
      out.push({
        code: 'POLICE_REVIEWER_REQUIRED',
        message: '审核人员均为警务辅助人员：机构公安新媒体应至少确定一名民警负责信息发布审核',
        article: '第十六条',
      });
    }
  }
  const operators = [account.operatorA, account.operatorB].filter((id): id is string => id !== null);
  // 第十五条: nobody reviews their own post, so each operator needs a reviewer other than themselves.
  if (reviewers.length > 0 && operators.some((op) => reviewers.every((r) => r === op))) {
    out.push({ code: 'NO_INDEPENDENT_REVIEWER', message: '须有运营民警本人以外的审核民警', article: '第十五条' });
  }
  if (account.operatorA !== null) out.push(...checkPlacement(account, account.operatorA, OPERATOR_A, ctx));
  if (account.operatorB !== null && account.operatorB !== account.operatorA) {
    out.push(...checkPlacement(account, account.operatorB, OPERATOR_B, ctx));
  }
  for (const id of reviewers) out.push(...checkPlacement(account, id, REVIEWER, ctx));
  return out;
}

/**
 * 第三十三条: official information only on an institutional account, personal content only on a
 * personal one. For the post domain to call before publishing.
 */
export function checkAccountUse(account: Account, use: 'official' | 'personal'): DomainError | null {
  if (account.kind === 'institutional' && use === 'personal') {
    return orgError('ACCOUNT_USE_MISMATCH', '严禁用官方账号发布个人信息（第三十三条）');
  }
  if (account.kind === 'personal' && use === 'official') {
    return orgError('ACCOUNT_USE_MISMATCH', '严禁用个人账号发布官方信息（第三十三条）');
  }
  return null;
}

/**
 * 第三十三条 asks to guard against password leaks; a platform password the product never stores cannot
 * leak from it. The dot paths of every request field named like a password (core/security/passwords.ts
 * holds the rule, which every function's edge now applies to keys and texts alike).
 */
export { passwordLikeFields } from '../security/passwords';

export type AccountInput = AccountFields;

const ACCOUNT_AUDIT_FIELDS = [
  'platform',
  'name',
  'platformId',
  'unitId',
  'kind',
  'ownerId',
  'realNameVerified',
  'operatorA',
  'operatorB',
  'reviewerIds',
  'state',
  'exceptionApproval',
] as const;

function invalid(violations: Violation[]): DomainError {
  const detail = violations.map((v) => `${v.message}（${v.article}）`).join('；');
  return new ViolationsError('ACCOUNT_INVALID', `账号设置不符合规定：${detail}`, violations);
}

function saveAccount(
  current: Account | null,
  candidate: Account,
  ctx: TransitionContext & AccountContext,
  action: 'org.upsertAccount' | 'org.setOperators',
  summary: string,
): Transition<Account> {
  const conflict = revConflict(current?.rev ?? 0, ctx.expectedRev);
  if (conflict) return fail(conflict);
  const violations = validateAccount(candidate, ctx);
  if (violations.length > 0) return fail(invalid(violations));
  const at = toBeijingIso(ctx.now);
  const next: Account = {
    ...candidate,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
    rev: (current?.rev ?? 0) + 1,
  };
  return {
    ok: true,
    next,
    effects: [
      {
        kind: 'audit',
        action,
        object: { collection: 'accounts', id: next._id },
        summary,
        changes: diffFields(current, next, ACCOUNT_AUDIT_FIELDS),
        unitPath: ctx.tree.byId.get(next.unitId)?.path ?? [],
      },
    ],
  };
}

/** Registers (current = null, expectedRev 0) or edits an account; refused with every violation listed. */
export function upsertAccount(
  current: Account | null,
  input: AccountInput,
  ctx: TransitionContext & AccountContext & { newId: () => string },
): Transition<Account> {
  const candidate: Account = {
    // What the edit does not carry (the lifecycle record, the index fields) stays as it was.
    ...(current ?? {}),
    ...input,
    reviewerIds: [...new Set(input.reviewerIds)],
    _id: current?._id ?? ctx.newId(),
    createdAt: current?.createdAt ?? '',
    updatedAt: '',
    rev: current?.rev ?? 0,
  };
  const summary = current ? `修改账号：${input.name}` : `登记账号：${input.name}`;
  return saveAccount(current, candidate, ctx, 'org.upsertAccount', summary);
}

/** Swaps the A/B operators. Two swaps racing on the same rev: the later one gets CONFLICT. */
export function setOperators(
  account: Account,
  operators: { operatorA: string | null; operatorB: string | null },
  ctx: TransitionContext & AccountContext,
): Transition<Account> {
  const candidate: Account = { ...account, operatorA: operators.operatorA, operatorB: operators.operatorB };
  return saveAccount(account, candidate, ctx, 'org.setOperators', `调整账号${account.name}的AB角运营民警`);
}
