/**
 * 第十九条 posting cadence: subscription accounts, Weibo and every other platform at least one post a
 * day; WeChat service accounts at least four a month. The article binds the institutional accounts
 * (市州县(区)公安(分)局, "其余新媒体参照"); personal accounts are exempt.
 *
 * An account owes posts from its first full Beijing day: the day it was created is partial.
 */
import type { DayString } from '../../typings/common';
import type { Account, Platform } from '../../typings/org';
import type {
  CadenceDay,
  CadenceEvaluation,
  CadenceMonthStatus,
  CadenceReminder,
  CadenceRule,
  CadenceStatus,
  Recipient,
} from '../../typings/post';
import { operatorsOf } from '../post/account';
import { addDays, beijingDay } from '../time';
import { beijingTimeOn, daysOfMonth, parseIsoTime } from './time';

export interface CadenceConfig {
  /** Beijing `HH:mm` from which today's reminders go out. */
  reminderTime: string;
  perDay: number;
  serviceAccountPerMonth: number;
}

export const defaultCadenceConfig: CadenceConfig = { reminderTime: '16:00', perDay: 1, serviceAccountPerMonth: 4 };

export const platformLabels: { [P in Platform]: string } = {
  weibo: '微博',
  wechatSubscription: '微信订阅号',
  wechatService: '微信服务号',
  douyin: '抖音',
  kuaishou: '快手',
  toutiao: '今日头条',
  other: '其他平台',
};

/** Published posts per Beijing day. */
export type DayCounts = ReadonlyMap<DayString, number>;

export function countsFromCadenceDays(days: readonly Pick<CadenceDay, 'day' | 'postIds'>[]): Map<DayString, number> {
  const counts = new Map<DayString, number>();
  for (const d of days) counts.set(d.day, (counts.get(d.day) ?? 0) + new Set(d.postIds).size);
  return counts;
}

/** Bucket publication instants (epoch ms) into Beijing days. */
export function countsFromTimes(times: readonly number[]): Map<DayString, number> {
  const counts = new Map<DayString, number>();
  for (const t of times) {
    const day = beijingDay(t);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

export function cadenceRule(account: Account, config: CadenceConfig = defaultCadenceConfig): CadenceRule {
  if (account.kind === 'personal') return { kind: 'exempt', reason: '个人公安新媒体不设更新频次要求' };
  if (account.state !== 'active') return { kind: 'exempt', reason: '账号已停用或注销' };
  if (account.platform === 'wechatService') return { kind: 'monthly', perMonth: config.serviceAccountPerMonth };
  return { kind: 'daily', perDay: config.perDay };
}

/** First day the account owes posts; null when its creation time is unreadable (then every day counts). */
function firstDutyDay(account: Account): DayString | null {
  const created = parseIsoTime(account.createdAt);
  return created === null ? null : addDays(beijingDay(created), 1);
}

const sumOver = (days: readonly DayString[], counts: DayCounts): number =>
  days.reduce((n, d) => n + (counts.get(d) ?? 0), 0);

interface MonthFigures {
  rule: CadenceRule;
  published: number;
  required: number;
  /** Duty days of the month up to and including `upTo`. */
  elapsedDuty: DayString[];
  dutyDays: DayString[];
  missedDays: DayString[];
}

/**
 * The figures of a month as seen on `today` (days before it are over). A monthly
 * requirement is prorated to the duty days when the account started mid-month.
 */
function monthFigures(
  account: Account,
  counts: DayCounts,
  month: string,
  today: DayString,
  config: CadenceConfig,
): MonthFigures {
  const rule = cadenceRule(account, config);
  const days = daysOfMonth(month);
  const first = firstDutyDay(account);
  const dutyDays = rule.kind === 'exempt' ? [] : days.filter((d) => first === null || d >= first);
  const elapsedDuty = dutyDays.filter((d) => d <= today);
  const published = sumOver(days, counts);
  if (rule.kind === 'daily') {
    // A day is missed only once it is over.
    const missedDays = dutyDays.filter((d) => d < today && (counts.get(d) ?? 0) < rule.perDay);
    return { rule, published, required: rule.perDay * dutyDays.length, elapsedDuty, dutyDays, missedDays };
  }
  const required = rule.kind === 'monthly' ? Math.ceil((rule.perMonth * dutyDays.length) / days.length) : 0;
  return { rule, published, required, elapsedDuty, dutyDays, missedDays: [] };
}

/**
 * Monthly pace of a service account: by the end of today it should have
 * floor(required × elapsed duty days / duty days) posts, i.e. the k-th post falls due on the day the
 * even spread crosses k. So a month of 30 days asks for 1 by the 8th, 2 by the 15th, 3 by the 23rd,
 * 4 by the 30th; an account posting weekly is never reminded, and one falling behind is reminded on
 * the day it can still catch up. (A ceiling would nag from the 1st of every month.)
 */
function paceOf(f: MonthFigures): number {
  if (f.rule.kind === 'daily') return f.rule.perDay * f.elapsedDuty.length;
  if (f.rule.kind === 'exempt' || f.dutyDays.length === 0) return 0;
  return Math.floor((f.required * f.elapsedDuty.length) / f.dutyDays.length);
}

/** Today's and this month's status of one account, at `now` (epoch ms), in Beijing days. */
export function cadenceStatus(
  account: Account,
  counts: DayCounts,
  now: number,
  config: CadenceConfig = defaultCadenceConfig,
): CadenceStatus {
  const today = beijingDay(now);
  const f = monthFigures(account, counts, today.slice(0, 7), today, config);
  const publishedToday = counts.get(today) ?? 0;
  const requiredToday = f.rule.kind === 'daily' && f.elapsedDuty.includes(today) ? f.rule.perDay : 0;
  const pace = paceOf(f);
  const month: CadenceMonthStatus = {
    month: today.slice(0, 7),
    published: f.published,
    required: f.required,
    pace,
    // For a daily rule "behind" means a past day was missed; today is still open.
    behind: f.rule.kind === 'daily' ? f.missedDays.length > 0 : f.published < pace,
    missedDays: f.missedDays,
  };
  return {
    accountId: account._id,
    platform: account.platform,
    rule: f.rule,
    today: { day: today, published: publishedToday, required: requiredToday, met: publishedToday >= requiredToday },
    month,
  };
}

/** The monthly evaluation (第三十六条 每月评估) of a month: final once the month is over, else as of now. */
export function evaluateMonth(
  account: Account,
  counts: DayCounts,
  month: string,
  now: number,
  config: CadenceConfig = defaultCadenceConfig,
): CadenceEvaluation {
  const today = beijingDay(now);
  const days = daysOfMonth(month);
  // Seen from a later day, every day of a finished month is over and counts.
  const f = monthFigures(account, counts, month, today, config);
  const shortfall = f.rule.kind === 'monthly' ? Math.max(0, f.required - f.published) : 0;
  return {
    accountId: account._id,
    month,
    rule: f.rule,
    published: f.published,
    required: f.required,
    met: f.rule.kind === 'daily' ? f.missedDays.length === 0 : shortfall === 0,
    missedDays: f.missedDays,
    shortfall,
    complete: today > days[days.length - 1],
  };
}

export interface CadencePlanInput {
  /** Accounts to consider (the shell loads the active institutional ones). */
  accounts: readonly Account[];
  /**
   * Per account id, its published counts for the current Beijing month (from `cadenceDays`, index
   * accountDay: accountId + day range). Daily accounts need only today (index day).
   */
  counts: ReadonlyMap<string, DayCounts>;
  now: number;
  config?: Partial<CadenceConfig>;
}

/**
 * The daily reminder planner: from the configured hour (default 16:00 Beijing) on, the operators of
 * every account with nothing published today, and of every service account behind its monthly pace.
 * Before that hour it plans nothing. Keys `cadence:<accountId>:<day>` make a re-run the same day a no-op.
 */
export function planCadenceReminders(input: CadencePlanInput): CadenceReminder[] {
  const config: CadenceConfig = { ...defaultCadenceConfig, ...input.config };
  const today = beijingDay(input.now);
  const from = beijingTimeOn(today, config.reminderTime);
  if (from === null) throw new RangeError(`reminderTime must be HH:mm, got ${config.reminderTime}`);
  if (input.now < from) return [];
  const empty: DayCounts = new Map();
  const reminders: CadenceReminder[] = [];
  for (const account of input.accounts) {
    const status = cadenceStatus(account, input.counts.get(account._id) ?? empty, input.now, config);
    const label = `${account.name}（${platformLabels[account.platform]}）`;
    let reason: CadenceReminder['reason'];
    let title: string;
    let text: string;
    if (status.rule.kind === 'daily' && !status.today.met) {
      reason = 'nothingToday';
      title = '今日尚未发布信息';
      text = `${label}今天还没有发布信息，每天至少发布 ${status.rule.perDay} 条（第十九条）`;
    } else if (status.rule.kind === 'monthly' && status.month.behind) {
      reason = 'behindMonthlyPace';
      title = '本月发布进度落后';
      text = `${label}本月已发布 ${status.month.published} 次，按进度今天应达 ${status.month.pace} 次，每月应发布 ${status.month.required} 次以上（第十九条）`;
    } else {
      continue;
    }
    const operators = operatorsOf(account);
    const to: Recipient[] =
      operators.length > 0
        ? operators.map((personId) => ({ type: 'person', personId }))
        : [{ type: 'role', role: 'operator', unitId: account.unitId }];
    reminders.push({
      accountId: account._id,
      day: today,
      reason,
      notice: {
        kind: 'cadenceReminder',
        to,
        title,
        text,
        link: `/pages/cadence/index?accountId=${account._id}`,
        subject: { collection: 'accounts', id: account._id },
        values: {
          subject: title,
          account: account.name,
          status: reason === 'nothingToday' ? '今日未发布' : '进度落后',
          count: status.month.published,
        },
        dedupeKey: `cadence:${account._id}:${today}`,
      },
    });
  }
  return reminders;
}
