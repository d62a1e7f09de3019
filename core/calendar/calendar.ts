/**
 * China's official working-day calendar (国务院办公厅 holiday arrangements, make-up working days 调休
 * included), with an admin override table for what the library does not know yet.
 *
 * The data is chinese-days 1.5.7's own table (2004–2026). Its functions are not used: they read the
 * day of week with the machine's local getters, so under a negative UTC offset '2026-01-05' comes out
 * as a Sunday (measured with TZ=America/New_York). The weekday is computed here from the day string.
 */
import officialTable from 'chinese-days/dist/chinese-days.json';
import type { DayString } from '../../typings/common';
import type { CalendarOverride, DayInfo } from '../../typings/referral';

/** The library's entries read "Spring Festival,春节,4": English name, Chinese name, length. */
interface OfficialTable {
  holidays: { [day: string]: string };
  workdays: { [day: string]: string };
}

const official: OfficialTable = officialTable;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export interface WorkCalendar {
  isWorkingDay(day: DayString): boolean;
  dayInfo(day: DayString): DayInfo;
  /** The year has an arrangement: official data, or at least one admin override for it. */
  yearKnown(year: number): boolean;
  /** The day after `day` (plain calendar arithmetic). */
  nextDay(day: DayString): DayString;
  previousDay(day: DayString): DayString;
}

function dayUtcMs(day: DayString): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function shiftDay(day: DayString, n: number): DayString {
  return new Date(dayUtcMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

function yearsOf(days: Iterable<string>): Set<number> {
  const years = new Set<number>();
  for (const day of days) years.add(Number(day.slice(0, 4)));
  return years;
}

/** Years the official table covers, measured from the data itself: 2004–2026 in chinese-days 1.5.7. */
export const OFFICIAL_YEARS: ReadonlySet<number> = yearsOf(Object.keys(official.holidays));

/** The warning shown wherever a computation touched a year nobody has arranged. */
export function missingYearWarning(year: number): string {
  return `${year}年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排`;
}

export function createWorkCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const byDay = new Map<DayString, CalendarOverride>();
  for (const o of overrides) {
    dayUtcMs(o.day);
    byDay.set(o.day, o);
  }
  const overrideYears = yearsOf(byDay.keys());

  const dayInfo = (day: DayString): DayInfo => {
    const o = byDay.get(day);
    if (o) return { day, working: o.kind === 'working', name: o.name, source: 'override' };
    const work = official.workdays[day];
    if (work !== undefined) return { day, working: true, name: `${chineseName(work)}调休上班`, source: 'official' };
    const holiday = official.holidays[day];
    if (holiday !== undefined) return { day, working: false, name: chineseName(holiday), source: 'official' };
    const weekday = new Date(dayUtcMs(day)).getUTCDay();
    return { day, working: weekday !== 0 && weekday !== 6, name: WEEKDAY_NAMES[weekday] ?? '', source: 'weekday' };
  };

  return {
    dayInfo,
    isWorkingDay: (day) => dayInfo(day).working,
    yearKnown: (year) => OFFICIAL_YEARS.has(year) || overrideYears.has(year),
    nextDay: (day) => shiftDay(day, 1),
    previousDay: (day) => shiftDay(day, -1),
  };
}
