/**
 * The scheme's versions (第三十六条 省厅制定评估办法): each version applies from its first month until
 * the next one starts. The desk edits for the next period only, so a month being run, in review or
 * published is always scored by the version it started with.
 */
import type {
  EvaluationScheme,
  IndicatorKey,
  AutoDeductionKey,
  MonthString,
  SchemeData,
} from '../../typings/evaluation';
import { defaultScheme } from './default-scheme';
import { addMonths, evaluationErrors, isMonth, monthOf, requireArticle } from './month';

export const INDICATOR_KEYS: readonly IndicatorKey[] = [
  'cadence',
  'messagesAnswered',
  'referralsOnTime',
  'linkageResponses',
  'reviewDiscipline',
  'security',
];

export const AUTO_DEDUCTION_KEYS: readonly AutoDeductionKey[] = [
  'referralOverdue',
  'publishRefused',
  'silence',
  'securityIncident',
  'linkageMissed',
  'filingLate',
];

/** Parameters each indicator's formula reads; others are refused. */
const INDICATOR_PARAMS: { readonly [K in IndicatorKey]: readonly string[] } = {
  cadence: [],
  messagesAnswered: [],
  referralsOnTime: [],
  linkageResponses: ['lateCredit'],
  reviewDiscipline: ['perRefusedAttempt', 'perSentBack'],
  security: ['perIncident', 'perLateRotation'],
};

/** The version in force for a month: the latest whose first month is not after it (version 0 otherwise). */
export function schemeFor(month: MonthString, versions: readonly EvaluationScheme[]): EvaluationScheme {
  let best: EvaluationScheme | null = null;
  for (const v of versions) {
    if (v.fromMonth > month) continue;
    if (!best || v.fromMonth > best.fromMonth || (v.fromMonth === best.fromMonth && v.version > best.version)) best = v;
  }
  return best ?? defaultScheme();
}

/** A new version may start next month at the earliest: the current period is already being measured. */
export function nextEditableMonth(now: number): MonthString {
  return addMonths(monthOf(now), 1);
}

const isPoints = (n: number, max: number): boolean =>
  Number.isFinite(n) && n >= 0 && n <= max && Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** Checks a scheme the desk saves; answers it normalised (indicators and rules in their fixed order). */
export function validateScheme(data: SchemeData): SchemeData {
  const bad = (what: string): never => {
    throw evaluationErrors.schemeInvalid(what);
  };
  const seen = new Set<string>();
  for (const ind of data.indicators) {
    if (!INDICATOR_KEYS.includes(ind.key)) bad(`未知指标 ${ind.key}`);
    if (seen.has(ind.key)) bad(`指标 ${ind.key} 重复`);
    seen.add(ind.key);
    if (!ind.label.trim() || ind.label.length > 20) bad(`指标名称 ${ind.key}`);
    requireArticle(ind.article);
    if (!isPoints(ind.weight, 100)) bad(`指标 ${ind.label} 的分值`);
    for (const [name, value] of Object.entries(ind.params)) {
      if (!INDICATOR_PARAMS[ind.key].includes(name)) bad(`指标 ${ind.label} 没有参数 ${name}`);
      if (!Number.isFinite(value) || value < 0 || value > 1000) bad(`指标 ${ind.label} 的参数 ${name}`);
    }
    if (ind.key === 'linkageResponses' && (ind.params.lateCredit ?? 0) > 1) bad('迟到响应得分比例不能超过 1');
  }
  const total = data.indicators.reduce((n, i) => n + i.weight, 0);
  if (total <= 0) bad('指标总分须大于 0');
  const rules = new Set<string>();
  for (const rule of data.autoDeductions) {
    if (!AUTO_DEDUCTION_KEYS.includes(rule.key)) bad(`未知扣分规则 ${rule.key}`);
    if (rules.has(rule.key)) bad(`扣分规则 ${rule.key} 重复`);
    rules.add(rule.key);
    if (!rule.label.trim() || rule.label.length > 30) bad(`扣分规则名称 ${rule.key}`);
    requireArticle(rule.article);
    if (!isPoints(rule.points, 100)) bad(`扣分规则 ${rule.label} 的分值`);
  }
  if (!isPoints(data.deductionCap, 100)) bad('扣分上限');
  if (!isPoints(data.bonusCap, 100)) bad('加分上限');
  if (!isPoints(data.manualMaxPoints, 100) || data.manualMaxPoints <= 0) bad('单项扣加分上限');
  if (!Number.isInteger(data.objectionWorkingDays) || data.objectionWorkingDays < 1 || data.objectionWorkingDays > 15)
    bad('异议期（1—15 个工作日）');
  if (data.grades.length === 0 || data.grades.length > 6) bad('等次');
  const grades = [...data.grades].sort((a, b) => b.min - a.min);
  if (grades[grades.length - 1]?.min !== 0) bad('最低等次须从 0 分起');
  if (new Set(grades.map((g) => g.min)).size !== grades.length) bad('等次分数线重复');
  for (const g of grades) if (!g.label.trim() || g.label.length > 8 || !isPoints(g.min, 100)) bad('等次');
  if (!Number.isInteger(data.commendTop) || data.commendTop < 0 || data.commendTop > 100) bad('通报表扬数量');
  if (!isPoints(data.criticiseBelow, 100)) bad('通报批评分数线');
  if (data.requirements.length > 20 || data.requirements.some((r) => !r.trim() || r.length > 300)) bad('工作要求');
  const order = <K extends string>(keys: readonly K[], k: K): number => keys.indexOf(k);
  return {
    ...data,
    indicators: [...data.indicators].sort((a, b) => order(INDICATOR_KEYS, a.key) - order(INDICATOR_KEYS, b.key)),
    autoDeductions: [...data.autoDeductions].sort(
      (a, b) => order(AUTO_DEDUCTION_KEYS, a.key) - order(AUTO_DEDUCTION_KEYS, b.key),
    ),
    grades,
  };
}

export function requireEditableFrom(fromMonth: MonthString, now: number): void {
  if (!isMonth(fromMonth)) throw evaluationErrors.monthInvalid();
  const first = nextEditableMonth(now);
  if (fromMonth < first) throw evaluationErrors.schemePeriodClosed(first);
}

export function gradeOf(score: number, scheme: Pick<SchemeData, 'grades'>): string {
  for (const g of [...scheme.grades].sort((a, b) => b.min - a.min)) if (score >= g.min) return g.label;
  return scheme.grades[scheme.grades.length - 1]?.label ?? '';
}
