import { DomainError } from '../errors';

/** Stable codes of account security, training and archives, and what the user reads for each. */
export const SECURITY_ERRORS = {
  PASSWORD_FORBIDDEN: '系统不保存新媒体平台账号密码，请勿填写密码类内容（第三十三条）',
  POSTING_SUSPENDED: '该账号有未处置完毕的安全事件，已暂停发布，待宣传部门解除后方可发布（第三十三条）',
  ACCOUNT_UNKNOWN: '账号不存在',
  ACCOUNT_CLOSED: '账号已关闭，无需再登记',
  PERSON_UNKNOWN: '人员不存在',
  TIME_INVALID: '时间格式不正确，请使用带时区的时间',
  TIME_IN_FUTURE: '时间不能晚于当前时间',
  CHANGE_BEFORE_LAST: '更换时间早于上次登记的更换时间',
  CHANGE_BEFORE_HOLDER_CHANGE: '更换时间早于账号人员变动时间，人员变动后须重新更换密码（第三十三条）',
  SETTINGS_INVALID: '安全设置填写不完整',
  ROTATION_DAYS_INVALID: '更换周期须为 7 至 365 天',
  POLICY_INVALID: '安全管理要求填写不正确',
  INCIDENT_UNKNOWN: '安全事件不存在',
  INCIDENT_CLOSED: '该安全事件已结案',
  INCIDENT_STEP_DONE: '该处置环节已登记',
  INCIDENT_NOT_SUSPENDED: '该事件未暂停账号发布',
  LIFT_NEEDS_SECURED: '账号尚未登记“已恢复安全”，不能解除暂停发布',
  CLOSE_MISSING_STEPS: '处置环节未登记完整，不能结案',
  TEXT_REQUIRED: '请填写说明',
  SESSION_UNKNOWN: '培训班次不存在',
  SESSION_INVALID: '培训班次填写不完整：需填写课程、日期、组织单位和学时（0.5 至 200）',
  ATTENDANCE_INVALID: '签到名单有误',
  ARCHIVE_UNKNOWN: '归档不存在',
  ARCHIVE_NOT_COMPLETE: '归档尚未生成完毕，请稍后再试',
  EXPORT_RANGE_INVALID: '导出日期范围不正确：起止日期须为已结束的日期，且不超过 366 天',
  UNIT_UNKNOWN: '单位不存在',
} as const;

export type SecurityErrorCode = keyof typeof SECURITY_ERRORS;

export function securityError(code: SecurityErrorCode, message: string = SECURITY_ERRORS[code]): DomainError {
  return new DomainError(code, message);
}
