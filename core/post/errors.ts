import type { PostError, PostErrorCode } from '../../typings/post';

/** What the user reads for each code; `detail` appends the specifics (which hit, which level …). */
const messages: { [K in PostErrorCode]: string } = {
  CONFLICT: '该稿件已被他人更新，请刷新后重试',
  ACCOUNT_NOT_FOUND: '未找到该新媒体账号',
  ACCOUNT_INACTIVE: '该新媒体账号当前不能发布信息',
  NOT_OPERATOR: '您不是该账号的运营民警（A/B角），不能进行此操作',
  NOT_AUTHOR: '只有编写、修改或提交本稿的人可以撤回（第十五条）',
  TITLE_REQUIRED: '请填写标题',
  TITLE_TOO_LONG: '标题过长',
  TEXT_TOO_LONG: '正文超过字数上限',
  EMPTY_CONTENT: '正文和图片不能都为空',
  TOO_MANY_IMAGES: '图片数量超过上限',
  INVALID_IMAGE: '图片文件无效',
  SOURCE_REQUIRED: '转发（转载）信息须注明出处：来源媒体和链接（第二十一条）',
  SOURCE_NOT_VERIFIED: '转发（转载）信息须先核实真伪，请确认已核实（第二十一条）',
  SOURCE_FOREIGN: '严禁转发境外媒体网站信息（第十七条（一）12）',
  SCREENING_BLOCKED: '内容含有不得发布的信息，不能提交',
  ACCOUNT_USE_MISMATCH: '账号用途不符：严禁用官方帐号发布个人信息，或用个人帐号发布官方信息（第三十三条）',
  LEVEL_BELOW_FLOOR: '敏感等级不能低于内容筛查确定的最低等级',
  LEVEL_NOT_RAISED: '提高敏感等级须高于当前等级',
  LEVEL_NOT_LOWERED: '降低敏感等级须低于当前等级',
  LOWER_NOT_ALLOWED: '只有提高该等级的审批步骤或更高步骤的审批人可以降低（第十六条）',
  REASON_REQUIRED: '降低敏感等级须说明理由（第十六条）',
  NO_REVIEWER: '该账号未确定审核民警，信息未经审核不得发布（第十六条）',
  NO_INDEPENDENT_REVIEWER: '该账号的审核民警均参与了本稿编辑，无人可以审核（第十五条）',
  CHAIN_UNRESOLVED: '无法确定审批流程',
  ALREADY_SUBMITTED: '稿件已提交审核，请勿重复提交',
  NOT_SUBMITTABLE: '稿件当前状态不能提交，请先修改内容',
  NOT_IN_REVIEW: '稿件不在审核中',
  OWN_POST: '不能审批自己编写、修改或提交的稿件（第十五条）',
  OUT_OF_TURN: '尚未轮到您审批该稿件',
  NOT_IN_SCOPE: '您不是该稿件当前步骤的审批人',
  SAME_APPROVER: '同一人不能在同一审批流程中审批两次',
  COMMENT_REQUIRED: '退回修改须填写意见',
  WITHDRAW_AFTER_FINAL: '稿件已审批通过，不能撤回',
  NOT_WITHDRAWABLE: '稿件不在审核中，无需撤回',
  POST_PUBLISHED: '稿件已发布，不能再修改',
  NOT_APPROVED: '只有审批通过的稿件才能登记发布（第十五条）',
  ALREADY_PUBLISHED: '稿件已登记发布，请勿重复登记',
  CONTENT_MISMATCH: '发布内容与审批通过的版本不一致，不能登记发布',
  INVALID_LINK: '发布链接无效，请填写以 http:// 或 https:// 开头的链接',
  INVALID_TIME: '时间格式无效',
  PUBLISHED_IN_FUTURE: '发布时间不能晚于当前时间',
  PUBLISHED_BEFORE_APPROVAL: '发布时间早于审批通过时间：信息未经审核不得发布（第十五条），请核对发布时间',
  PLANNED_IN_PAST: '计划发布时间不能早于当前时间',
};

export function postError(code: PostErrorCode, detail?: string): PostError {
  return { code, message: detail ? `${messages[code]}：${detail}` : messages[code] };
}

/** The failing branch of a transition. */
export function fail(code: PostErrorCode, detail?: string): { ok: false; error: PostError } {
  return { ok: false, error: postError(code, detail) };
}
