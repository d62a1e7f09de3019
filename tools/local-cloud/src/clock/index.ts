/**
 * The one controllable clock of the local cloud. Function code sees it too: each function
 * instance replaces its global `Date` with one driven by the snapshot below (see runtime/child.ts),
 * so moving this clock moves `Date.now()` / `new Date()` inside every function.
 *
 * The clock keeps flowing at real speed from the instant it was last set (or stands still when
 * frozen), so timers due "in 2 seconds" still arrive in 2 real seconds.
 */

/** Enough for another process to reproduce `now()`: value at a real instant, and whether it runs. */
export interface ClockSnapshot {
  /** Virtual epoch ms at `realAt`. */
  virtualAt: number;
  /** Real epoch ms when `virtualAt` was taken. */
  realAt: number;
  frozen: boolean;
}

export interface ClockChange {
  from: number;
  to: number;
}

export type ClockListener = (change: ClockChange) => void;

export class ClockError extends Error {
  constructor(
    readonly code: 'CLOCK_BAD_TIME' | 'CLOCK_BAD_STEP',
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}

/** Offsets are mandatory: a bare "2026-11-28T09:00" would be read in the machine's zone. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(iso: string): number {
  const ms = ISO_WITH_ZONE.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ClockError(
      'CLOCK_BAD_TIME',
      `时间格式无效：${iso}（需带时区的 ISO 8601，例如 2026-11-28T09:00:00+08:00）`,
    );
  }
  return ms;
}

export interface ClockOptions {
  /** Initial time (ISO with offset); default: the real time. */
  start?: string;
  /** Stand still until set/advanced; handy for exact assertions. */
  frozen?: boolean;
  /** The real time source; injectable for tests of the clock itself. */
  realNow?: () => number;
}

export class Clock {
  private readonly realNow: () => number;
  private snap: ClockSnapshot;
  private readonly listeners = new Set<ClockListener>();

  constructor(options: ClockOptions = {}) {
    this.realNow = options.realNow ?? Date.now;
    const real = this.realNow();
    this.snap = {
      virtualAt: options.start === undefined ? real : parseInstant(options.start),
      realAt: real,
      frozen: options.frozen ?? false,
    };
  }

  now(): number {
    return virtualNow(this.snap, this.realNow());
  }

  /** The current instant as ISO 8601 UTC. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  snapshot(): ClockSnapshot {
    return { ...this.snap };
  }

  get frozen(): boolean {
    return this.snap.frozen;
  }

  set(iso: string): void {
    this.moveTo(parseInstant(iso), this.snap.frozen);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new ClockError('CLOCK_BAD_STEP', `时间步长无效：${ms}`);
    this.moveTo(this.now() + ms, this.snap.frozen);
  }

  freeze(): void {
    this.moveTo(this.now(), true);
  }

  resume(): void {
    this.moveTo(this.now(), false);
  }

  /** Back to real time. */
  reset(): void {
    this.moveTo(this.realNow(), false);
  }

  onChange(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private moveTo(target: number, frozen: boolean): void {
    const from = this.now();
    this.snap = { virtualAt: target, realAt: this.realNow(), frozen };
    for (const listener of [...this.listeners]) listener({ from, to: target });
  }
}

/** Shared with the function instances, which evaluate the same snapshot against the same OS clock. */
export function virtualNow(snap: ClockSnapshot, realNow: number): number {
  return snap.frozen ? snap.virtualAt : snap.virtualAt + (realNow - snap.realAt);
}
