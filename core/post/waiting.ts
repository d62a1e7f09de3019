/**
 * How long a post may wait at an approval step before its approver is reminded, then the leader
 * above (第十五条、第十六条: information is not published before it is reviewed, so a stuck step is
 * the unit's problem; 第二十九条: the responsible leader answers for it). The threshold is data
 * (deployment settings, `waitingConfigFrom`): by default 2 working hours counted on the project's
 * working-day calendar within office hours; a linkage response (第三十四条, due within the hour)
 * waits a separate, shorter span of plain minutes, because its clock does not stop after office hours.
 */
import type { WorkCalendar } from '../calendar/calendar';
import { beijingAt, beijingDay, addDays } from '../time';

/** One stretch of office hours in a working day, minutes after Beijing midnight. */
export interface OfficePeriod {
  start: number;
  end: number;
}

export interface WaitingConfig {
  /** Working hours at a step before its approver is reminded, and again before the leader above is. */
  workingHours: number;
  /** A linkage response's span, in plain minutes (第三十四条: the response is due within the hour). */
  linkageMinutes: number;
  /** Office hours of a working day (Beijing time), in order. */
  officeHours: OfficePeriod[];
}

export const WAITING_ENV_KEYS = {
  workingHours: 'APPROVAL_REMIND_WORKING_HOURS',
  linkageMinutes: 'APPROVAL_REMIND_LINKAGE_MINUTES',
  officeHours: 'APPROVAL_OFFICE_HOURS',
} as const;

const hhmm = (text: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** "08:30-12:00,14:00-17:30" → periods; null when malformed, overlapping or out of order. */
export function parseOfficeHours(text: string): OfficePeriod[] | null {
  const periods: OfficePeriod[] = [];
  for (const part of text.split(',')) {
    const [from = '', to = ''] = part.trim().split('-');
    const start = hhmm(from.trim());
    const end = hhmm(to.trim());
    if (start === null || end === null || end <= start) return null;
    const last = periods[periods.length - 1];
    if (last && start < last.end) return null;
    periods.push({ start, end });
  }
  return periods.length > 0 ? periods : null;
}

export const DEFAULT_WAITING_CONFIG: WaitingConfig = {
  workingHours: 2,
  linkageMinutes: 15,
  officeHours: parseOfficeHours('08:30-12:00,14:00-17:30') ?? [],
};

/** The deployment's settings (config.json envVariables); a malformed value is refused, naming it. */
export function waitingConfigFrom(env: Readonly<Record<string, string | undefined>>): WaitingConfig {
  const problems: string[] = [];
  const config: WaitingConfig = { ...DEFAULT_WAITING_CONFIG };
  const hours = env[WAITING_ENV_KEYS.workingHours];
  if (hours !== undefined && hours !== '') {
    const n = Number(hours);
    if (Number.isFinite(n) && n > 0 && n <= 40) config.workingHours = n;
    else problems.push(`${WAITING_ENV_KEYS.workingHours}=${hours}（应为 0–40 的工作小时数）`);
  }
  const minutes = env[WAITING_ENV_KEYS.linkageMinutes];
  if (minutes !== undefined && minutes !== '') {
    const n = Number(minutes);
    if (Number.isInteger(n) && n >= 1 && n <= 60) config.linkageMinutes = n;
    else problems.push(`${WAITING_ENV_KEYS.linkageMinutes}=${minutes}（应为 1–60 的分钟数）`);
  }
  const office = env[WAITING_ENV_KEYS.officeHours];
  if (office !== undefined && office !== '') {
    const periods = parseOfficeHours(office);
    if (periods) config.officeHours = periods;
    else problems.push(`${WAITING_ENV_KEYS.officeHours}=${office}（应为 HH:mm-HH:mm,HH:mm-HH:mm）`);
  }
  if (problems.length > 0) throw new RangeError(`审批提醒配置有误：${problems.join('；')}`);
  return config;
}

const MINUTE = 60_000;

/**
 * The instant `minutes` of office time after `fromMs`: time outside office hours and on days the
 * calendar marks as rest days (weekends, holidays, with make-up working days) does not count.
 */
export function addWorkingMinutes(
  fromMs: number,
  minutes: number,
  calendar: WorkCalendar,
  officeHours: readonly OfficePeriod[],
): number {
  let left = minutes;
  let day = beijingDay(fromMs);
  // A year of rest days at most: a malformed calendar must not loop for ever.
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(day)) {
      for (const period of officeHours) {
        const start = Math.max(beijingAt(day, 0, period.start), fromMs);
        const end = beijingAt(day, 0, period.end);
        if (end <= start) continue;
        const available = (end - start) / MINUTE;
        if (left <= available) return start + left * MINUTE;
        left -= available;
      }
    }
    day = addDays(day, 1);
  }
  throw new RangeError('no office hours found within a year');
}

/** Office minutes between two instants (for showing how long a post has waited in working time). */
export function workingMinutesBetween(
  fromMs: number,
  toMs: number,
  calendar: WorkCalendar,
  officeHours: readonly OfficePeriod[],
): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let day = beijingDay(fromMs);
  const lastDay = beijingDay(toMs);
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(day)) {
      for (const period of officeHours) {
        const start = Math.max(beijingAt(day, 0, period.start), fromMs);
        const end = Math.min(beijingAt(day, 0, period.end), toMs);
        if (end > start) total += (end - start) / MINUTE;
      }
    }
    if (day === lastDay) break;
    day = addDays(day, 1);
  }
  return Math.round(total);
}

/** When a step that began waiting at `sinceMs` reminds its approver, then the leader above. */
export interface WaitingTimes {
  remindAt: number;
  escalateAt: number;
}

export function waitingTimes(
  sinceMs: number,
  linkageResponse: boolean,
  config: WaitingConfig,
  calendar: WorkCalendar,
): WaitingTimes {
  if (linkageResponse) {
    const span = config.linkageMinutes * MINUTE;
    return { remindAt: sinceMs + span, escalateAt: sinceMs + 2 * span };
  }
  const minutes = config.workingHours * 60;
  const remindAt = addWorkingMinutes(sinceMs, minutes, calendar, config.officeHours);
  return { remindAt, escalateAt: addWorkingMinutes(remindAt, minutes, calendar, config.officeHours) };
}
