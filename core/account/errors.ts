/** Stable codes of the account lifecycle and what the user reads for each (with its article). */
import { DomainError } from '../errors';
import type { Violation } from '../org/errors';
import { ViolationsError } from '../org/errors';

export const ACCOUNT_ERRORS = {
  SPECIAL_WORK: '国保、行动技术、情报等从事特殊工作的警种部门及其民警不得开设公安新媒体（第九条）',
  CLASSIFIED_POST: '涉密岗位民警不得开设个人新媒体账号，如因工作需要开设应经本单位批准（第三十九条）',
  DUPLICATE_ACCOUNT: '本单位已有同一平台、同名的账号或正在审批的申请，不能重复申请（第十条）',
  CONDITIONS_UNMET: '不具备开设条件（第十一条）',
  UNIT_UNKNOWN: '单位不存在',
  NO_DECIDER: '未找到负责审批的政工宣传部门，请联系单位管理员（第十条）',
  APPLICATION_UNKNOWN: '申请不存在',
  ACCOUNT_UNKNOWN: '账号不存在',
  NOT_DECIDER: '不是该申请的审批部门（第十条）',
  SELF_DECISION: '不能审批本人提交的申请',
  NOT_PENDING: '该申请已处理，不能再审批',
  REASON_REQUIRED: '不同意或退回修改须填写理由',
  NOT_APPLICANT: '只有申请人可以修改或撤回申请',
  NOT_RETURNED: '只有被退回的申请可以修改后重新提交',
  NOT_WITHDRAWABLE: '该申请已处理，不能撤回',
  UNIT_FIXED: '申请单位不能修改，请撤回后重新申请',
  KEY_REUSED: '该提交编号已用于另一份申请，请刷新后重试',
  ACCOUNT_NOT_OPEN: '账号已关闭或注销（第十三条）',
  CLOSE_PENDING: '该账号已有待审批的关闭或注销申请',
  OPEN_ITEMS: '账号尚有未办结的留言或转办事项，须先移交（第十三条）',
  HANDOVER_TARGET: '只能移交给本单位正常运营的其他账号',
  NOT_IN_SETUP: '该账号不在开设任务阶段（第十二条）',
  NOT_SETUP_PERSON: '只有申请人或该账号的运营民警可以完成开设任务',
  NAME_NONSTANDARD: '账号名称不符合全省命名规范（第十二条）',
  IMAGE_MISSING: '图片未上传成功，请重新上传（第十二条）',
  PLATFORM_ID_REQUIRED: '请填写平台账号ID以确认实名认证（第十二条）',
  NOT_FILER: '只有账号所属单位的政工宣传部门可以报备（第十四条）',
  NOT_RECEIVER: '只有上一级政工宣传部门可以确认或质询备案（第十四条）',
  FILING_STATE: '备案当前状态不能进行此操作',
  FILING_UNKNOWN: '备案不存在',
  NOTE_REQUIRED: '请填写说明',
  RULES_INVALID: '规则设置有误',
  APPLICATION_REQUIRED:
    '开设公安新媒体须经审批（第十条）：请提交开设申请；系统前已开设的账号由应审批的政工宣传部门登记',
  STATE_BY_LIFECYCLE: '账号状态只能通过开设审批、开设任务和关闭注销申请变更（第十条、第十二条、第十三条）',
  NOT_PERSONAL: '只能标记民警个人新媒体账号（第四十二条）',
} as const;

export type AccountErrorCode = keyof typeof ACCOUNT_ERRORS;

export function accountError(code: AccountErrorCode, message: string = ACCOUNT_ERRORS[code]): DomainError {
  return new DomainError(code, message);
}

/** 第十一条: every condition not met, with its article. */
export function conditionsUnmet(violations: readonly Violation[]): DomainError {
  const detail = violations.map((v) => `${v.message}（${v.article}）`).join('；');
  return new ViolationsError('CONDITIONS_UNMET', `不具备开设条件：${detail}`, [...violations]);
}
