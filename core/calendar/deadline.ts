/**
 * Deadlines in working days (第二十七条). Periods are counted as Chinese law counts them in days: the
 * day the period starts on is not counted, and a deadline runs to the end of its last day, here
 * 23:59:59.999 Beijing time. Everything is computed on Beijing calendar days, whatever the machine's TZ.
 */
import type { DayString, IsoTime } from '../../typings/common';
import type { DeadlineClass, DeadlineResult } from '../../typings/referral';
import { DomainError } from '../errors';
import { beijingDay, beijingDayEnd, beijingParts, toBeijingIso } from '../time';
import { missingYearWarning, type WorkCalendar } from './calendar';

/** Working days each class allows after the day of referral; ordinary is 当日内 (same working day). */
export const DEADLINE_WORKING_DAYS: { readonly [C in DeadlineClass]: number } = {
  ordinary: 0,
  complex: 5, // 情况较复杂的，5个工作日内
  major: 7, // 重大疑难问题，7个工作日内
};

export const DEADLINE_CLASS_LABELS: { readonly [C in DeadlineClass]: string } = {
  ordinary: '当日反馈',
  complex: '5个工作日',
  major: '7个工作日',
};

export interface Cutoff {
  hour: number;
  minute: number;
}

/** Even a year of holidays ends somewhere; a longer search means the override table is broken. */
const MAX_SEARCH_DAYS = 400;

/** Collects the years a computation looked at, to warn about those nobody has arranged. */
class YearTracker {
  private readonly years = new Set<number>();

  constructor(private readonly calendar: WorkCalendar) {}

  see(day: DayString): void {
    this.years.add(Number(day.slice(0, 4)));
  }

  warnings(): string[] {
    return [...this.years]
      .sort((a, b) => a - b)
      .filter((y) => !this.calendar.yearKnown(y))
      .map(missingYearWarning);
  }
}

function noWorkingDay(from: DayString): DomainError {
  return new DomainError('CALENDAR_NO_WORKING_DAY', `自${from}起一年内没有工作日，请检查节假日设置`);
}

/** The n-th working day strictly after `day` (n ≥ 1); step = -1 walks backwards. */
function walkWorkingDays(
  day: DayString,
  n: number,
  calendar: WorkCalendar,
  seen: YearTracker,
  step: 1 | -1,
): DayString {
  let current = day;
  let left = n;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    current = step === 1 ? calendar.nextDay(current) : calendar.previousDay(current);
    seen.see(current);
    if (calendar.isWorkingDay(current)) {
      left--;
      if (left === 0) return current;
    }
  }
  throw noWorkingDay(day);
}

function result(dueDay: DayString, seen: YearTracker): DeadlineResult {
  const deadlineMs = beijingDayEnd(dueDay);
  return { deadline: toBeijingIso(deadlineMs), deadlineMs, dueDay, warnings: seen.warnings() };
}

/**
 * The deadline of a referral made at `referredAtMs`.
 * - ordinary: the same working day; made at or after the cut-off (default 17:00:00.000), or on a
 *   non-working day, it is due at the end of the next working day;
 * - complex / major: the 5th / 7th working day after the day of referral (that day is not counted,
 *   and the cut-off does not matter: counting starts the next day either way).
 */
export function computeDeadline(
  referredAtMs: number,
  deadlineClass: DeadlineClass,
  calendar: WorkCalendar,
  cutoff: Cutoff,
): DeadlineResult {
  const n = DEADLINE_WORKING_DAYS[deadlineClass];
  if (n > 0) return deadlineAfterWorkingDays(referredAtMs, n, calendar);

  const day = beijingDay(referredAtMs);
  const seen = new YearTracker(calendar);
  seen.see(day);
  const p = beijingParts(referredAtMs);
  const beforeCutoff = p.hour * 60 + p.minute < cutoff.hour * 60 + cutoff.minute;
  if (beforeCutoff && calendar.isWorkingDay(day)) return result(day, seen);
  return result(walkWorkingDays(day, 1, calendar, seen, 1), seen);
}

/** The end of the n-th working day after the Beijing day of `fromMs` (that day not counted). */
export function deadlineAfterWorkingDays(fromMs: number, n: number, calendar: WorkCalendar): DeadlineResult {
  const day = beijingDay(fromMs);
  const seen = new YearTracker(calendar);
  seen.see(day);
  return result(walkWorkingDays(day, n, calendar, seen, 1), seen);
}

/** An extended deadline: `workingDays` more working days after the current last day. */
export function extendDeadline(dueAt: IsoTime, workingDays: number, calendar: WorkCalendar): DeadlineResult {
  return deadlineAfterWorkingDays(Date.parse(dueAt), workingDays, calendar);
}

/** The first of the last `n` working days that end on `dueDay` (n = 1 gives dueDay itself). */
export function firstOfLastWorkingDays(dueDay: DayString, n: number, calendar: WorkCalendar): DayString {
  if (n <= 1) return dueDay;
  return walkWorkingDays(dueDay, n - 1, calendar, new YearTracker(calendar), -1);
}
