/**
 * Calendar helpers the cadence and post rules need beyond the shared core/time.ts: months, `HH:mm`
 * settings and ISO input from clients, all in Beijing time whatever the machine's TZ.
 */
import type { DayString } from '../../typings/common';
import { beijingAt } from '../time';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO time; null unless it names its offset (a bare time would be read in the machine's TZ). */
export function parseIsoTime(iso: string): number | null {
  if (!ISO_WITH_OFFSET.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Epoch ms of `HH:mm` Beijing time on that day; null when the setting is malformed. */
export function beijingTimeOn(day: DayString, hhmm: string): number | null {
  const m = HHMM_RE.exec(hhmm);
  return m ? beijingAt(day, Number(m[1]), Number(m[2])) : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every day of a YYYY-MM month, in order. */
export function daysOfMonth(month: string): DayString[] {
  const [y, m] = month.split('-').map(Number);
  const days: DayString[] = [];
  for (let d = 1; d <= daysInMonth(y, m); d += 1) days.push(`${month}-${String(d).padStart(2, '0')}`);
  return days;
}
