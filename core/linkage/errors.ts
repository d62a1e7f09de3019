/**
 * Refusals of linkage directives (第三十四条): a stable code and what the desk or operator reads.
 */
import { DomainError } from '../errors';

export const LINKAGE_ERRORS = {
  ISSUER_LEVEL: '只有省厅或市州公安局的政工宣传部门可以下发联动指令（第三十四条）',
  CITY_NOT_ALLOWED: '省厅尚未允许本市州宣传部门下发联动指令（第三十四条）',
  TITLE_REQUIRED: '请填写指令标题',
  TITLE_TOO_LONG: '指令标题不能超过 64 个字',
  CONTENT_REQUIRED: '请填写转发或回应的内容，或给出链接',
  CONTENT_TOO_LONG: '指令内容不能超过 2000 个字',
  WORDING_TOO_LONG: '建议口径不能超过 1000 个字',
  INVALID_LINK: '链接须以 http:// 或 https:// 开头',
  RESPONSE_KINDS_REQUIRED: '请至少选择一种响应方式',
  WINDOW_INVALID: '响应时限须在 10 至 720 分钟之间',
  UNIT_NOT_UNDER_SCOPE: '所选单位不是本部门所辖的下一级公安机关',
  ACCOUNT_UNAVAILABLE: '所选账号不在本部门管辖范围内或未在运营',
  TARGETS_EMPTY: '所选范围内没有正在运营的账号',
  CORRECTION_NOT_FOUND: '要更正的联动指令不存在',
  CORRECTION_OTHER_DESK: '只能更正本部门下发的联动指令',
  DIRECTIVE_WITHDRAWN: '该联动指令已撤回，无需响应',
  NOT_WITHDRAWABLE: '该联动指令已结束或已撤回，不能撤回',
  FANOUT_RUNNING: '联动指令正在下发，请稍后再撤回',
  REASON_REQUIRED: '请填写撤回原因',
  REASON_TOO_LONG: '撤回原因不能超过 200 个字',
  NOT_TARGET: '该账号不在此联动指令的范围内',
  ALREADY_RESPONDED: '该账号已响应',
  KIND_NOT_ACCEPTED: '此联动指令不接受该响应方式',
  LINK_REQUIRED: '请填写响应的链接',
  NOTE_TOO_LONG: '说明不能超过 200 个字',
  INVALID_SCREENSHOT: '截图须为已上传的云存储文件',
  POST_REQUIRED: '原创响应须选择经审核发布的稿件（第十五条、第十六条）',
  POST_NOT_PUBLISHED: '原创稿件须经审核并发布后才能登记为响应（第十五条、第十六条）',
  POST_NOT_LINKED: '该稿件不是为此联动指令撰写的响应稿',
  POST_OTHER_ACCOUNT: '该稿件不是此账号发布的',
  NOT_INVOLVED: '您不在此联动指令的范围内',
  UNIT_NOT_IN_DIRECTIVE: '该单位不在此联动指令的范围内',
  SETTINGS_INVALID: '设置不合法：市州须为本省的市州公安局，时限与宽限期须在允许范围内',
  MONTH_INVALID: '月份格式应为 YYYY-MM',
} as const;

export type LinkageErrorCode = keyof typeof LINKAGE_ERRORS;

export function linkageError(code: LinkageErrorCode, detail?: string): DomainError {
  return new DomainError(code, detail ? `${LINKAGE_ERRORS[code]}：${detail}` : LINKAGE_ERRORS[code]);
}
