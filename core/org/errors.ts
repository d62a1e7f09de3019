import { DomainError } from '../errors';
import type { Action, AuditObject, FieldChange } from '../../typings/org';

/** A rule broken by an account's (or a unit's) settings, with the article that sets the rule. */
export interface Violation {
  code: string;
  message: string;
  article: string;
  /** The person the rule is about, when it is about one (so their page can show it). */
  personId?: string;
}

/** ACCOUNT_INVALID / RESPONSIBILITY_INVALID: lists every rule broken, not only the first. */
export class ViolationsError extends DomainError {
  readonly violations: Violation[];

  constructor(code: string, message: string, violations: Violation[]) {
    super(code, message);
    this.violations = violations;
  }
}

/** Stable codes of the org domain and what the user reads for each. */
export const ORG_ERRORS = {
  CONFLICT: '数据已被他人修改，请刷新后重试',
  PERSON_UNKNOWN: '人员不存在',
  PERSON_INACTIVE: '人员已停用，不能进行此操作',
  UNIT_UNKNOWN: '单位不存在',
  ACCOUNT_UNKNOWN: '账号不存在',
  INVITE_UNKNOWN: '邀请码无效，请核对后重新输入',
  INVITE_USED: '邀请码已被使用，请联系单位管理员重新生成',
  INVITE_EXPIRED: '邀请码已过期，请联系单位管理员重新生成',
  INVITE_CANCELLED: '该邀请码已作废（已为此人生成了新的邀请码），请使用最新的邀请码（第三十三条）',
  OPENID_REQUIRED: '未获取到微信身份，请在微信中打开小程序',
  ROLE_OUT_OF_SCOPE: '所分配的角色超出本人管理范围',
  ROLE_UNIT_KIND: '该角色不能设在此类单位',
  SPECIAL_WORK_NO_ACCOUNT: '从事特殊工作的警种部门及其民警不得开设或运营公安新媒体（第九条）',
  TRAINING_INVALID: '培训记录不完整：需填写课程、日期（YYYY-MM-DD）和组织单位',
  PERSON_INVALID: '人员信息不完整：需填写姓名、警号和所在单位',
  BADGE_TAKEN: '该警号已登记给其他人员，请核对后重新输入',
  ACCOUNT_INVALID: '账号设置不符合规定',
  ACCOUNT_USE_MISMATCH: '账号用途不符（第三十三条）',
  PASSWORD_FORBIDDEN: '系统不保存新媒体平台账号密码，请勿填写密码类字段（第三十三条）',
  RESPONSIBILITY_INVALID: '责任领导、责任部门或责任人员设置有误（第二十九条）',
} as const;

export type OrgErrorCode = keyof typeof ORG_ERRORS;

export function orgError(code: OrgErrorCode, message: string = ORG_ERRORS[code]): DomainError {
  return new DomainError(code, message);
}

/** Optimistic concurrency: an edit made on a stale copy never overwrites a newer one silently. */
export function revConflict(currentRev: number, expectedRev: number): DomainError | null {
  return currentRev === expectedRev ? null : orgError('CONFLICT');
}

/** What the caller must do after saving a transition's result, besides saving `next`. */
export type OrgEffect =
  | {
      /** Append an audit entry (the shell adds actor, time and request id, then calls nextAuditEntry). */
      kind: 'audit';
      action: Action;
      object: AuditObject;
      summary: string;
      changes: FieldChange[];
      unitPath: string[];
    }
  | {
      /** The person's previous WeChat binding ended (new phone, or deactivation). */
      kind: 'bindingRevoked';
      personId: string;
      openid: string;
    }
  | {
      /** One WeChat user is one person: clear this OPENID on any other person holding it. */
      kind: 'releaseOpenid';
      openid: string;
      keepPersonId: string;
    };

/**
 * One event applied to loaded state: the state to save (on the loaded rev) and what else to do, or a
 * refusal. Nothing is saved on a refusal.
 */
export type Transition<T> = { ok: true; next: T; effects: OrgEffect[] } | { ok: false; error: DomainError };

export function fail<T>(error: DomainError): Transition<T> {
  return { ok: false, error };
}
