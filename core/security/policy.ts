/**
 * The province's security and training requirements (第七条: 省厅政治部宣传处 guides the whole province).
 * Data, not code: the desk edits them; until it does, these defaults apply.
 */
import type { SecurityPolicy } from '../../typings/security';
import { securityError } from './errors';
import type { DomainError } from '../errors';

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  rotationDays: 90,
  rotationLeadDays: 7,
  escalateAfterDays: 3,
  repeatEveryDays: 7,
  holderChangeDays: 3,
  firstRecordDays: 7,
  trainingHoursPerYear: 12,
  trainingReminderDays: ['10-01', '12-01'],
};

/** The one policy document's id in `securityPolicy`. */
export const POLICY_ID = 'province';

export const ROTATION_DAYS_MIN = 7;
export const ROTATION_DAYS_MAX = 365;

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const within = (n: number, lo: number, hi: number): boolean => Number.isInteger(n) && n >= lo && n <= hi;

/** Why a policy cannot be saved, in Chinese; null when it can. */
export function policyProblem(p: SecurityPolicy): DomainError | null {
  const problems: string[] = [];
  if (!within(p.rotationDays, ROTATION_DAYS_MIN, ROTATION_DAYS_MAX)) problems.push('密码更换周期须为 7 至 365 天');
  if (!within(p.rotationLeadDays, 0, 60) || p.rotationLeadDays >= p.rotationDays)
    problems.push('提前提醒天数须为 0 至 60 天且短于更换周期');
  if (!within(p.escalateAfterDays, 0, 60)) problems.push('逾期报告责任人的天数须为 0 至 60 天');
  if (!within(p.repeatEveryDays, 1, 60)) problems.push('逾期重复提醒间隔须为 1 至 60 天');
  if (!within(p.holderChangeDays, 1, 30)) problems.push('人员变动后更换密码的期限须为 1 至 30 天');
  if (!within(p.firstRecordDays, 1, 60)) problems.push('首次登记期限须为 1 至 60 天');
  if (!(p.trainingHoursPerYear >= 0 && p.trainingHoursPerYear <= 500 && Number.isInteger(p.trainingHoursPerYear * 2)))
    problems.push('年度培训学时须为 0 至 500，可含半学时');
  if (p.trainingReminderDays.length > 12 || p.trainingReminderDays.some((d) => !MONTH_DAY.test(d)))
    problems.push('培训提醒日期格式为 MM-DD，至多 12 个');
  return problems.length > 0 ? securityError('POLICY_INVALID', `安全管理要求填写不正确：${problems.join('；')}`) : null;
}
