/**
 * The answer shape of every cloud function action, shared by the functions and the mini-program.
 * Type-only: the mini-program imports it with `import type`, so nothing here may emit code.
 */
export interface ApiError {
  /** Stable, machine-readable code (UPPER_SNAKE_CASE). */
  code: string;
  /** What the user reads, in Chinese. */
  message: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** An instant as an ISO-8601 string with offset, e.g. 2026-11-28T09:30:00.000+08:00. */
export type IsoTime = string;

/** A calendar day in Beijing time, YYYY-MM-DD. */
export type DayString = string;
