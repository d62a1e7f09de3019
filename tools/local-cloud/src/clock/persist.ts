/**
 * The clock across restarts (issue 11). A clock moved forward (POST /clock, `advanceMs`) survives a
 * restart of a persistent local cloud: its offset from real time (or its frozen instant) is kept
 * beside the data and restored on start. If the restored clock still reads earlier than the last
 * instant the previous run saw — the machine's clock went back, or a clock was passed in explicitly —
 * the start says so plainly instead of letting deadlines quietly move.
 */
import type { Clock } from './index';

/** What is kept in the data folder (the store's `_meta`, key `clock`). */
export interface SavedClock {
  /** Virtual minus real epoch ms while running; unused when frozen. */
  offsetMs: number;
  frozen: boolean;
  /** The frozen instant (or the virtual time when saved). */
  virtualAt: number;
  /** The latest virtual instant any run of this data folder has seen. */
  lastSeen: number;
}

export interface ClockMeta {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
}

const KEY = 'clock';

export function readSavedClock(meta: ClockMeta): SavedClock | null {
  const raw = meta.getMeta(KEY);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedClock>;
    const numbers = [v.offsetMs, v.virtualAt, v.lastSeen].every((n) => typeof n === 'number' && Number.isFinite(n));
    return numbers && typeof v.frozen === 'boolean' ? (v as SavedClock) : null;
  } catch {
    return null;
  }
}

/** Puts a fresh clock where the saved one was: the same offset from real time, or the same frozen instant. */
export function restoreClock(clock: Clock, saved: SavedClock, realNow: number): void {
  const at = saved.frozen ? saved.virtualAt : realNow + saved.offsetMs;
  // Frozen (or running) first, then set: freezing after setting let the running clock move on by a
  // millisecond on a busy machine, and the frozen instant came back 1 ms late.
  if (saved.frozen) clock.freeze();
  else clock.resume();
  clock.set(new Date(at).toISOString());
}

const DAY = 86_400_000;

function span(ms: number): string {
  if (ms >= DAY) return `${(ms / DAY).toFixed(1)} 天`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} 小时`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} 分钟`;
  return `${Math.round(ms / 1000)} 秒`;
}

const beijing = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The plain warning when the clock reads earlier than the last run saw; null when it does not. */
export function clockWentBack(saved: SavedClock | null, now: number): string | null {
  // A second of slack: a save and a read of the same instant may straddle a tick.
  if (!saved || now >= saved.lastSeen - 1000) return null;
  return (
    `本地云时钟比上次运行时倒退了 ${span(saved.lastSeen - now)}（上次运行到北京时间 ${beijing(saved.lastSeen)}，现在是 ${beijing(now)}）。` +
    '已有记录的时间可能晚于当前时间：截止时间和提醒要等时钟追上才会到期。如需回到上次的时间，请 POST /clock {"now": …}。'
  );
}

/**
 * Keeps the clock's state in the data folder: on every move, every minute (so a crash loses at most
 * a minute of "last seen"), and on close. Returns the function that stops it (and saves once more).
 * Starts from the clock as it now reads: a step back is warned of once (clockWentBack), then this
 * run's time is the one kept.
 */
export function persistClock(clock: Clock, meta: ClockMeta): () => void {
  let lastSeen = clock.now();
  const save = (): void => {
    const snap = clock.snapshot();
    const now = clock.now();
    lastSeen = Math.max(lastSeen, now);
    const saved: SavedClock = {
      offsetMs: snap.virtualAt - snap.realAt,
      frozen: snap.frozen,
      virtualAt: snap.frozen ? snap.virtualAt : now,
      lastSeen,
    };
    meta.setMeta(KEY, JSON.stringify(saved));
  };
  save();
  const unsubscribe = clock.onChange(() => {
    // A deliberate move back (POST /clock) is the new "last seen": only an unexplained one is warned of.
    lastSeen = clock.now();
    save();
  });
  const timer = setInterval(save, 60_000);
  timer.unref();
  return () => {
    unsubscribe();
    clearInterval(timer);
    save();
  };
}
