import type { Action, Person, RoleGrant } from '../../typings/org';
import { DomainError } from '../errors';
import { isTrained } from '../org/people';
import { inScope, scopeRootOf, type UnitTree } from '../org/tree';
import {
  RULES,
  type AccountRef,
  type ObjectCheck,
  type Permit,
  type Rule,
  type Scope,
  type Target,
  type TargetFor,
} from './catalogue';

export type AuthDecision =
  | {
      allowed: true;
      /** The grant the action is allowed under (for the audit entry); null for actions open to everyone signed in. */
      grant: RoleGrant | null;
    }
  | { allowed: false; code: string; message: string };

const DENIALS = {
  NOT_BOUND: '尚未绑定身份，请输入单位管理员提供的邀请码完成绑定',
  PERSON_INACTIVE: '人员已停用，不能进行此操作',
  BAD_TARGET: '操作对象类型不正确',
  ROLE_REQUIRED: '当前角色无权进行此操作',
  OUT_OF_SCOPE: '超出本人管辖范围，无权操作',
  TRAINING_REQUIRED: '未完成新媒体业务培训，暂不能进行运营或审核操作（第三十五条）',
  NOT_ACCOUNT_OPERATOR: '不是该账号的运营民警（A角/B角），无权操作（第三十三条）',
  AUTHOR_CANNOT_REVIEW: '不能审核本人撰写、修改或提交的信息（第十五条）',
  NOT_AUTHOR: '只有编写、修改或提交本稿的人可以撤回（第十五条）',
  NOT_CURRENT_APPROVER: '该信息当前不在您的审批步骤（第十六条）',
  NOT_DEPARTMENT_HANDLER: '不是该警种部门的联络人，无权办理',
  NOT_OWNER: '只能处理本人的消息',
  NOT_ACCOUNT_OWNER: '不是该个人账号的本人（第三十九条）',
  NOT_ACCOUNT_SETUP: '只有申请人或该账号的运营民警可以完成开设任务（第十二条）',
  NOT_ON_ACCOUNT: '不是该账号的运营或审核人员，无权操作',
  NOT_SELF: '只能查看本人的记录',
} as const;

type Denial = { allowed: false; code: keyof typeof DENIALS; message: string };

const deny = (code: keyof typeof DENIALS): Denial => ({ allowed: false, code, message: DENIALS[code] });

interface CheckInput {
  actor: Person;
  grant: RoleGrant | null;
  target: Target;
}

function accountOf(target: Target): AccountRef | null {
  return target.kind === 'account' || target.kind === 'post' || target.kind === 'referral' ? target.account : null;
}

/** The object rules, one function each. */
const CHECKS: { readonly [C in ObjectCheck]: (input: CheckInput) => Denial | null } = {
  accountOperator: ({ actor, target }) => {
    const account = accountOf(target);
    if (!account) return deny('BAD_TARGET');
    const operators = [account.operatorA, account.operatorB, account.kind === 'personal' ? account.ownerId : null];
    return operators.includes(actor._id) ? null : deny('NOT_ACCOUNT_OPERATOR');
  },
  contributor: ({ actor, target }) => {
    if (target.kind !== 'post') return deny('BAD_TARGET');
    const wrote = target.post.authorId === actor._id || target.post.contributorIds.includes(actor._id);
    return wrote ? null : deny('NOT_AUTHOR');
  },
  notContributor: ({ actor, target }) => {
    if (target.kind !== 'post') return deny('BAD_TARGET');
    const wrote = target.post.authorId === actor._id || target.post.contributorIds.includes(actor._id);
    return wrote ? deny('AUTHOR_CANNOT_REVIEW') : null;
  },
  currentApprover: ({ actor, grant, target }) => {
    if (target.kind !== 'post') return deny('BAD_TARGET');
    const step = target.post.stepIndex === null ? undefined : target.post.chain[target.post.stepIndex];
    // The grant itself must be the one the step names: role and unit exactly, and the person if listed.
    const holds = step?.holders.some(
      (h) =>
        grant !== null &&
        h.role === grant.role &&
        h.unitId === grant.unitId &&
        (h.personIds === null || h.personIds.includes(actor._id)),
    );
    return holds ? null : deny('NOT_CURRENT_APPROVER');
  },
  departmentHandler: ({ grant, target }) => {
    if (target.kind !== 'referral') return deny('BAD_TARGET');
    return grant?.unitId === target.departmentId ? null : deny('NOT_DEPARTMENT_HANDLER');
  },
  accountStaff: ({ actor, target }) => {
    const account = accountOf(target);
    if (!account) return deny('BAD_TARGET');
    const staff = [account.operatorA, account.operatorB, account.ownerId, ...account.reviewerIds];
    return staff.includes(actor._id) ? null : deny('NOT_ON_ACCOUNT');
  },
  self: ({ actor, target }) => {
    if (target.kind !== 'person') return deny('BAD_TARGET');
    return target.person._id === actor._id ? null : deny('NOT_SELF');
  },
  owner: ({ actor, target }) => {
    if (target.kind !== 'own') return deny('BAD_TARGET');
    return target.ownerId === actor._id ? null : deny('NOT_OWNER');
  },
  accountOwner: ({ actor, target }) => {
    const account = accountOf(target);
    if (!account) return deny('BAD_TARGET');
    // An institutional account has no owner: for it, this permit is simply not the caller's.
    if (account.kind !== 'personal') return deny('ROLE_REQUIRED');
    return account.ownerId === actor._id ? null : deny('NOT_ACCOUNT_OWNER');
  },
  accountSetup: ({ actor, target }) => {
    const account = accountOf(target);
    if (!account) return deny('BAD_TARGET');
    const people = [account.operatorA, account.operatorB, account.applicantId ?? null];
    return people.includes(actor._id) ? null : deny('NOT_ACCOUNT_SETUP');
  },
};

/** The unit a target belongs to, for scope checks; none for targets that have no unit. */
function anchorOf(target: Target): string | null {
  switch (target.kind) {
    case 'unit':
      return target.unitId;
    case 'person':
      return target.person.unitId;
    case 'account':
    case 'post':
    case 'referral':
      return target.account.unitId;
    case 'none':
    case 'own':
      return null;
  }
}

const SCOPES: { readonly [S in Scope]: (grant: RoleGrant | null, anchor: string | null, tree: UnitTree) => boolean } = {
  any: () => true,
  tree: (grant, _anchor, tree) => grant !== null && scopeRootOf(grant.unitId, tree) === tree.root._id,
  subtree: (grant, anchor, tree) => grant !== null && anchor !== null && inScope(grant.unitId, anchor, tree),
};

/** How far an evaluation got before it failed: the farthest failure is the one worth telling. */
const DEPTH_ROLE = 0;
const DEPTH_SCOPE = 1;
const DEPTH_OBJECT = 2;

/**
 * The one place that decides whether `actor` may perform `action` on `target`: role × unit scope, then
 * training (第三十五条), then the object's own rules. `actor` is null for a caller no person is bound to.
 */
export function authorize<A extends Action>(
  actor: Person | null,
  action: A,
  target: TargetFor<A>,
  tree: UnitTree,
): AuthDecision {
  const rule: Rule = RULES[action];
  if (rule.public) return { allowed: true, grant: null };
  if (!actor) return deny('NOT_BOUND');
  if (!actor.active) return deny('PERSON_INACTIVE');
  if (target.kind !== rule.target) return deny('BAD_TARGET');

  const anchor = anchorOf(target);
  let failure: { depth: number; denial: Denial } = { depth: DEPTH_ROLE, denial: deny('ROLE_REQUIRED') };
  const fail = (depth: number, denial: Denial): void => {
    if (depth > failure.depth) failure = { depth, denial };
  };
  for (const permit of rule.permits) {
    for (const grant of grantsFor(actor, permit)) {
      if (!SCOPES[permit.scope](grant, anchor, tree)) {
        fail(DEPTH_SCOPE, deny('OUT_OF_SCOPE'));
        continue;
      }
      // 第三十五条: someone in the role and the scope who has not been trained is refused for that,
      // before the object's own rules: the untrained hear the article that stops them (issue 11),
      // not that they are no account's operator.
      if (rule.training && !isTrained(actor)) return deny('TRAINING_REQUIRED');
      const broken = (permit.checks ?? []).map((c) => CHECKS[c]({ actor, grant, target })).find((d) => d !== null);
      if (broken) {
        fail(DEPTH_OBJECT, broken);
        continue;
      }
      return { allowed: true, grant };
    }
  }
  return failure.denial;
}

function grantsFor(actor: Person, permit: Permit): (RoleGrant | null)[] {
  return permit.role === 'signedIn' ? [null] : actor.roles.filter((g) => g.role === permit.role);
}

/** For handlers: the grant an allowed decision rests on, or the refusal thrown as a DomainError. */
export function requireAllowed(decision: AuthDecision): RoleGrant | null {
  if (!decision.allowed) throw new DomainError(decision.code, decision.message);
  return decision.grant;
}
