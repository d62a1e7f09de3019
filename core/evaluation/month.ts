/**
 * Months in Beijing time, and the life of an evaluated month (第三十六条 每月评估通报):
 * running → draft (the desk only) → review (units see their month and may object, 第三十七条) →
 * published (frozen). Each refusal is a stable code with a Chinese message.
 */
import type { EvaluationMonth, MonthString, Objection, ScoreLine } from '../../typings/evaluation';
import type { AccountState } from '../../typings/org';
import { DomainError } from '../errors';
import { beijingDay, beijingDayStart } from '../time';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

export function monthOf(ms: number): MonthString {
  return beijingDay(ms).slice(0, 7);
}

export function addMonths(month: MonthString, n: number): MonthString {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First instant of the month, Beijing time. */
export function monthStart(month: MonthString): number {
  return beijingDayStart(`${month}-01`);
}

/** Last millisecond of the month, Beijing time. */
export function monthEnd(month: MonthString): number {
  return monthStart(addMonths(month, 1)) - 1;
}

/** States in which an account is open to the public and owes its work (approved-not-opened, closed, cancelled do not). */
const OPEN_STATES: ReadonlySet<AccountState> = new Set<AccountState>(['active', 'suspended']);

/** One state change of an account (issue 12's `accountEvents`). */
export interface StateChange {
  from: AccountState | null;
  to: AccountState;
  at: string;
}

/**
 * Whether the month evaluates the account: it was open (第十条 opened, 第十三条 not yet closed or cancelled)
 * at some instant of the month. Its state at the month's start is the `from` of its first change since
 * then, or its state now; then each change within the month. An account closed on the 20th is evaluated
 * for that month; one closed before it, or approved but never opened, is not.
 */
export function evaluatedIn(
  month: MonthString,
  account: { state: AccountState; createdAt: string },
  changes: readonly StateChange[],
): boolean {
  const from = monthStart(month);
  const to = monthEnd(month);
  if (Date.parse(account.createdAt) > to) return false;
  const since = changes.filter((c) => Date.parse(c.at) >= from).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const atStart = since.length > 0 ? since[0].from : account.state;
  if (atStart !== null && OPEN_STATES.has(atStart)) return true;
  return since.some((c) => Date.parse(c.at) <= to && OPEN_STATES.has(c.to));
}

export function monthLabel(month: MonthString): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

export const evaluationErrors = {
  monthInvalid: () => new DomainError('MONTH_INVALID', '月份格式应为 YYYY-MM'),
  monthNotOver: (month: MonthString) =>
    new DomainError('MONTH_NOT_OVER', `${monthLabel(month)}尚未结束，月末后才能评估`),
  monthNotRun: (month: MonthString) => new DomainError('MONTH_NOT_RUN', `${monthLabel(month)}尚未评估`),
  monthRunning: (month: MonthString) => new DomainError('MONTH_RUNNING', `${monthLabel(month)}正在计算，请稍后再试`),
  monthPublished: (month: MonthString) =>
    new DomainError('MONTH_PUBLISHED', `${monthLabel(month)}评估结果已发布，不能再修改`),
  notDraft: () => new DomainError('NOT_DRAFT', '只有待发布前的草稿可以下发征求意见'),
  notPublished: () => new DomainError('NOT_PUBLISHED', '评估结果尚未发布，暂无通报'),
  notReleased: () => new DomainError('NOT_RELEASED', '评估结果尚未下发，暂不能查看或提出异议'),
  objectionClosed: () => new DomainError('OBJECTION_CLOSED', '异议期已过，不能再提出异议（第三十七条）'),
  objectionWindowOpen: (deadline: string) =>
    new DomainError('OBJECTION_WINDOW_OPEN', `异议期至 ${deadline} 结束，届时方可发布`),
  objectionsPending: (n: number) => new DomainError('OBJECTIONS_PENDING', `还有 ${n} 条异议未处理，处理后方可发布`),
  alreadyObjected: () => new DomainError('ALREADY_OBJECTED', '该扣分已提出过异议'),
  alreadyDecided: () => new DomainError('ALREADY_DECIDED', '该异议已由他人处理'),
  lineNotFound: () => new DomainError('LINE_NOT_FOUND', '扣分项不存在'),
  notADeduction: () => new DomainError('NOT_A_DEDUCTION', '只能对扣分项提出异议'),
  lineWithdrawn: () => new DomainError('LINE_WITHDRAWN', '该扣分已撤销'),
  reasonRequired: () => new DomainError('REASON_REQUIRED', '请填写理由'),
  pointsInvalid: (max: number) => new DomainError('POINTS_INVALID', `分值应在 0.01 至 ${max} 分之间，最多两位小数`),
  articleInvalid: () => new DomainError('ARTICLE_INVALID', '请注明依据的条款，如“第十九条”'),
  evidenceRequired: () => new DomainError('EVIDENCE_REQUIRED', '请注明证据记录'),
  evidenceNotFound: () => new DomainError('EVIDENCE_NOT_FOUND', '证据记录不存在'),
  schemePeriodClosed: (first: MonthString) =>
    new DomainError('SCHEME_PERIOD_CLOSED', `评估办法只能从下一周期起修改（最早 ${monthLabel(first)}）`),
  schemeInvalid: (what: string) => new DomainError('SCHEME_INVALID', `评估办法不合法：${what}`),
  eventInvalid: (what: string) => new DomainError('EVENT_INVALID', `舆情事件不合法：${what}`),
  adjustClosed: () => new DomainError('ADJUST_CLOSED', '异议期已过，不能再增加扣分或加分'),
  targetNotFound: () => new DomainError('TARGET_NOT_FOUND', '表彰对象不存在'),
  noPublishedMonth: () => new DomainError('NO_PUBLISHED_MONTH', '该年度尚无已发布的月度评估'),
  alreadyMarked: () => new DomainError('ALREADY_MARKED', '已标记为年度优秀'),
  yearInvalid: () => new DomainError('YEAR_INVALID', '年份不合法'),
} as const;

/** 第三十六条: a month is evaluated from its records once it is over. */
export function requireMonthOver(month: MonthString, now: number): void {
  if (now <= monthEnd(month)) throw evaluationErrors.monthNotOver(month);
}

/** A run (first or again) may start until the desk publishes. */
export function requireRunnable(doc: EvaluationMonth | null, month: MonthString, now: number): void {
  requireMonthOver(month, now);
  if (doc?.state === 'published') throw evaluationErrors.monthPublished(month);
}

/** Anything that changes a month's figures: refused once published. */
export function requireNotPublished(doc: EvaluationMonth | null, month: MonthString): EvaluationMonth {
  if (!doc) throw evaluationErrors.monthNotRun(month);
  if (doc.state === 'published') throw evaluationErrors.monthPublished(month);
  return doc;
}

export function requireReleasable(doc: EvaluationMonth | null, month: MonthString): EvaluationMonth {
  const d = requireNotPublished(doc, month);
  if (d.state === 'running') throw evaluationErrors.monthRunning(month);
  if (d.state !== 'draft') throw evaluationErrors.notDraft();
  return d;
}

/** 第三十七条: an objection to a deduction, while the objection period is open. */
export function requireObjectable(
  doc: EvaluationMonth | null,
  month: MonthString,
  line: ScoreLine | undefined,
  existing: Objection | null,
  now: number,
): ScoreLine {
  const d = requireNotPublished(doc, month);
  if (d.state !== 'review' || d.objectionDeadline === null) throw evaluationErrors.notReleased();
  if (now > Date.parse(d.objectionDeadline)) throw evaluationErrors.objectionClosed();
  if (!line) throw evaluationErrors.lineNotFound();
  if (line.kind !== 'deduction') throw evaluationErrors.notADeduction();
  if (line.withdrawn) throw evaluationErrors.lineWithdrawn();
  if (existing) throw evaluationErrors.alreadyObjected();
  return line;
}

export function requirePublishable(
  doc: EvaluationMonth | null,
  month: MonthString,
  pending: number,
  now: number,
): void {
  const d = requireNotPublished(doc, month);
  if (d.state === 'running') throw evaluationErrors.monthRunning(month);
  if (d.state !== 'review' || d.objectionDeadline === null) throw evaluationErrors.notReleased();
  if (now <= Date.parse(d.objectionDeadline))
    throw evaluationErrors.objectionWindowOpen(d.objectionDeadline.slice(0, 16).replace('T', ' '));
  if (pending > 0) throw evaluationErrors.objectionsPending(pending);
}

/** Points as the desk enters them: positive, two decimals at most, within the scheme's bound. */
export function requirePoints(points: number, max: number): number {
  const centi = Math.round(points * 100);
  if (!Number.isFinite(points) || points <= 0 || points > max || Math.abs(centi - points * 100) > 1e-6)
    throw evaluationErrors.pointsInvalid(max);
  return centi / 100;
}

const ARTICLE_RE = /^第[一二三四五六七八九十百零]+条$/;

export function requireArticle(article: string): string {
  if (!ARTICLE_RE.test(article)) throw evaluationErrors.articleInvalid();
  return article;
}
