/**
 * SCF timer cron: 7 fields, `second minute hour day month weekday year`, evaluated in Beijing time.
 * croner handles the first six; the year field (which croner lacks) is checked here.
 */
import { Cron } from 'croner';

const BEIJING_OFFSET_MS = 8 * 3600_000;
/** SCF accepts years in this range. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2099;

export class CronError extends Error {
  readonly code = 'CRON_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

export interface Schedule {
  readonly expression: string;
  /** First occurrence strictly after `after` (epoch ms), or null if none remain. */
  next(after: number): number | null;
  /** Latest occurrence in (from, to], or null. */
  latestIn(from: number, to: number): number | null;
}

const beijingYear = (ms: number): number => new Date(ms + BEIJING_OFFSET_MS).getUTCFullYear();
const beijingYearStart = (year: number): number => Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS;

function parseYears(field: string, expression: string): Set<number> {
  const years = new Set<number>();
  const bad = (): CronError => new CronError(`定时触发器 cron 表达式的年份字段无效：${field}（${expression}）`);
  for (const part of field.split(',')) {
    const m = /^(\*|(\d{4})(?:-(\d{4}))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw bad();
    const star = m[1] === '*';
    const lo = star ? MIN_YEAR : Number(m[2]);
    // "2026/2" means from 2026 on, every other year; a bare year with no step is just that year.
    const hi = star || (m[3] === undefined && m[4] !== undefined) ? MAX_YEAR : Number(m[3] ?? m[2]);
    const step = m[4] === undefined ? 1 : Number(m[4]);
    if (lo < MIN_YEAR || hi > MAX_YEAR || lo > hi || step < 1) throw bad();
    for (let y = lo; y <= hi; y += step) years.add(y);
  }
  return years;
}

export function parseScfCron(expression: string): Schedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) {
    throw new CronError(
      `定时触发器 cron 表达式需要 7 个字段（秒 分 时 日 月 星期 年），实际 ${fields.length} 个：${expression}`,
    );
  }
  const years = parseYears(fields[6] ?? '', expression);
  let cron: Cron;
  try {
    cron = new Cron(fields.slice(0, 6).join(' '), { timezone: 'Asia/Shanghai', paused: true });
  } catch (err) {
    throw new CronError(`定时触发器 cron 表达式无效：${expression}（${(err as Error).message}）`);
  }

  const next = (after: number): number | null => {
    let from = after;
    // Each round either returns or jumps to a later allowed year, so this ends within the year range.
    for (let round = 0; round <= MAX_YEAR - MIN_YEAR + 1; round++) {
      const run = cron.nextRun(new Date(from));
      if (!run) return null;
      const at = run.getTime();
      const year = beijingYear(at);
      if (years.has(year)) return at;
      let nextYear = year + 1;
      while (nextYear <= MAX_YEAR && !years.has(nextYear)) nextYear++;
      if (nextYear > MAX_YEAR) return null;
      // One second early, because nextRun is strictly after and midnight of 1 January may match.
      from = beijingYearStart(nextYear) - 1000;
    }
    return null;
  };

  const latestIn = (from: number, to: number): number | null => {
    // Look back from the end in widening windows, so a long jump over a per-second cron stays cheap;
    // a year with no occurrence moves the end back a year at a time.
    const year = 367 * 86_400_000;
    for (let end = to; ; end -= year) {
      for (const window of [60_000, 3_600_000, 86_400_000, 32 * 86_400_000, year]) {
        const start = Math.max(from, end - window);
        let last: number | null = null;
        for (let at = next(start); at !== null && at <= end; at = next(at)) last = at;
        if (last !== null || start === from) return last;
      }
    }
  };

  return { expression, next, latestIn };
}
