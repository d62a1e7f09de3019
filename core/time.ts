/**
 * Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991) computed explicitly, so results
 * never depend on the machine's TZ. Every day boundary, cut-off hour and displayed time in the
 * product goes through here.
 */

export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BeijingParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function beijingParts(ms: number): BeijingParts {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export function beijingDay(ms: number): string {
  const p = beijingParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant a Beijing calendar day starts. */
export function beijingDayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - BEIJING_OFFSET_MS;
}

/** The last millisecond of a Beijing calendar day (a deadline "by the end of the day"). */
export function beijingDayEnd(day: string): number {
  return beijingDayStart(day) + DAY_MS - 1;
}

export function addDays(day: string, n: number): string {
  return beijingDay(beijingDayStart(day) + n * DAY_MS);
}

/** ISO-8601 with the +08:00 offset, e.g. 2026-11-28T16:00:00.000+08:00. */
export function toBeijingIso(ms: number): string {
  const p = beijingParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.millisecond, 3)}+08:00`;
}

/** 2026-11-28 16:00, for people. */
export function formatBeijing(ms: number): string {
  const p = beijingParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant of a Beijing wall-clock time on a day. */
export function beijingAt(day: string, hour: number, minute = 0): number {
  return beijingDayStart(day) + (hour * 60 + minute) * 60 * 1000;
}
