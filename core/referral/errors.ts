/**
 * Refusals of the message and referral rules: stable codes, Chinese messages. Returned (not thrown)
 * by the transitions, so the shell can tell a refusal from a crash.
 */
import { commonErrors, DomainError } from '../errors';

export const REFERRAL_ERRORS = {
  // who may act
  NOT_OPERATOR: '只有该账号所属单位的运营民警可以处理留言',
  NOT_HANDLER: '只有承办部门的警种联络人可以办理该流转',
  NOT_SIGNER: '该流转已由其他联络人签收，只有签收人可以办理',
  NOT_PROPAGANDA_DESK: '只有宣传部门可以审批延期',
  // referral states
  REFERRAL_CLOSED: '该流转已办结，不能再操作',
  REFERRAL_RETURNED: '该流转已退回，不能再操作',
  REFERRAL_ALREADY_SIGNED: '该流转已签收',
  REFERRAL_NOT_SIGNED: '请先签收该流转',
  REFERRAL_ALREADY_ANSWERED: '该流转已反馈办理结果',
  REFERRAL_NOT_ANSWERED: '承办部门尚未反馈办理结果，不能办结',
  RETURN_REASON_REQUIRED: '退回须填写理由',
  ANSWER_INCOMPLETE: '请填写办理情况和回复口径',
  QUESTION_REQUIRED: '请说明需要承办部门办理的事项',
  INVALID_DEPARTMENT: '只能流转至内设机构（警种部门）',
  // extensions
  EXTENSION_AFTER_DEADLINE: '已超过办理期限，不能再申请延期',
  EXTENSION_PENDING: '已有延期申请待审批',
  NO_PENDING_EXTENSION: '没有待审批的延期申请',
  EXTENSION_DAYS_INVALID: '延期天数不合法',
  EXTENSION_REASON_REQUIRED: '申请延期须填写理由',
  // messages
  MESSAGE_INVALID: '留言信息不完整',
  MESSAGE_CLOSED: '该留言已办结，不能再操作',
  TRIAGE_REQUIRED: '请先对留言进行分类',
  TRIAGE_LOCKED: '该留言已有流转，不能再改变分类',
  REPLY_EMPTY: '回复内容不能为空',
  REPLY_NOT_ALLOWED: '此类留言不予回复',
  REPLY_MUST_MENTION: '回复内容不符合要求',
  NOTICE_DUPLICATE: '已向该单位通报过',
  NOTICE_REQUIRED_FIRST: '请先完成通报',
  CLEANUP_NOT_ALLOWED: '只有违法违规信息需要清理',
  DEFER_NOT_ALLOWED: '只有一般性留言可以暂缓核实后回复',
  REFERRAL_NOT_ALLOWED: '此类留言不能流转',
  REFERRAL_OPEN: '该留言仍有未办结的流转，不能结案',
  OUTCOME_NOT_ALLOWED: '该结果不适用于此类留言',
  STEPS_MISSING: '结案前须完成规定的处置步骤',
  FOLLOW_UP_NOT_ALLOWED: '只有已办结的投诉举报可以补充回复核查处置情况',
  // answer attachments (issue 16)
  ATTACHMENT_INVALID: '附件无效：最多 9 个，须先上传到云存储，单个不超过 20 MB',
  // batches
  BATCH_EMPTY: '没有识别出留言',
  BATCH_TOO_LARGE: '一次粘贴的留言过多',
} as const;

export type ReferralErrorCode = keyof typeof REFERRAL_ERRORS;

/** A refusal; `message` replaces the standard wording when the case needs specifics. */
export function fail(code: ReferralErrorCode, message?: string): DomainError {
  return new DomainError(code, message ?? REFERRAL_ERRORS[code]);
}

/** A transition on a stale version: someone else changed the record since it was read. */
export function checkRev(current: number, expected: number): DomainError | null {
  return current === expected ? null : commonErrors.conflict();
}
