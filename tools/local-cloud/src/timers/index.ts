/**
 * Timer triggers from each function's config.json, fired on the local-cloud clock.
 *
 * Time passes two ways: at real speed (a real timeout waits for the next occurrence), or by jumps
 * (clock.set / clock.advance). On a forward jump every trigger that had occurrences in the skipped
 * span fires ONCE, for its latest occurrence, in time order across triggers. Replaying every missed
 * occurrence would run a daily reminder job N times at the same "now" and send N reminders. A jump
 * backwards fires nothing and re-arms the span, as if that time had not happened yet.
 */
import type { Clock } from '../clock';
import type { FunctionInfo, InvokeOutcome } from '../runtime';
import { CronError, parseScfCron, type Schedule } from './cron';

export { CronError, parseScfCron, type Schedule } from './cron';

/** The SCF timer event (Time is the scheduled instant, UTC, second precision). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message: string;
}

export interface TimerTrigger {
  functionName: string;
  name: string;
  cron: string;
  schedule: Schedule;
}

export interface FireRecord {
  functionName: string;
  triggerName: string;
  /** Scheduled instant (ISO UTC); for a manual fire, the clock's now. */
  time: string;
  manual: boolean;
  outcome: InvokeOutcome;
}

/** What the scheduler needs from the functions runtime. */
export interface TimerTarget {
  functions(): FunctionInfo[];
  invoke(name: string, event: unknown, ctx: { source: 'timer' }): Promise<InvokeOutcome>;
}

export class TriggerNotFoundError extends Error {
  readonly code = 'TRIGGER_NOT_FOUND';
  constructor(name: string) {
    super(`未找到定时触发器或云函数：${name}`);
    this.name = 'TriggerNotFoundError';
  }
}

const HISTORY_LIMIT = 1000;
/** Re-check at least this often; keeps setTimeout within its 32-bit range. */
const MAX_SLEEP_MS = 3_600_000;

/** Builds the trigger list; a bad cron fails here, at load, naming function and trigger. */
export function loadTriggers(functions: FunctionInfo[]): TimerTrigger[] {
  return functions.flatMap((fn) =>
    fn.config.timers.map((t) => {
      try {
        return { functionName: fn.name, name: t.name, cron: t.cron, schedule: parseScfCron(t.cron) };
      } catch (err) {
        throw err instanceof CronError ? new CronError(`云函数 ${fn.name} 的触发器 ${t.name}：${err.message}`) : err;
      }
    }),
  );
}

const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export class TimerScheduler {
  private list: TimerTrigger[];
  private lastChecked: number;
  private sleeper: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly records: FireRecord[] = [];

  constructor(private readonly opts: { clock: Clock; target: TimerTarget }) {
    this.list = loadTriggers(opts.target.functions());
    this.lastChecked = opts.clock.now();
  }

  triggers(): Array<{ functionName: string; name: string; cron: string; next: string | null }> {
    const now = this.opts.clock.now();
    return this.list.map((t) => {
      const next = t.schedule.next(now);
      return {
        functionName: t.functionName,
        name: t.name,
        cron: t.cron,
        next: next === null ? null : isoSeconds(next),
      };
    });
  }

  history(): FireRecord[] {
    return [...this.records];
  }

  start(): void {
    if (this.unsubscribe) return;
    this.lastChecked = this.opts.clock.now();
    this.unsubscribe = this.opts.clock.onChange(() => this.check());
    this.arm();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.sleeper);
    this.sleeper = undefined;
  }

  /** Re-reads config.json triggers (after a redeploy). */
  reload(): void {
    this.list = loadTriggers(this.opts.target.functions());
    if (this.unsubscribe) this.arm();
  }

  /** Resolves once every fire queued so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /**
   * Fires now, regardless of schedule (POST /triggers/<name>). `name` is a trigger name, or a
   * function name to fire all of that function's timers.
   */
  async fire(name: string): Promise<FireRecord[]> {
    let matched = this.list.filter((t) => t.name === name);
    if (matched.length === 0) matched = this.list.filter((t) => t.functionName === name);
    if (matched.length === 0) throw new TriggerNotFoundError(name);
    const at = this.opts.clock.now();
    const records = matched.map((t) => this.enqueue(t, at, true));
    return Promise.all(records);
  }

  private check(): void {
    const now = this.opts.clock.now();
    if (now >= this.lastChecked) {
      const due = this.list
        .map((trigger, order) => ({ trigger, order, at: trigger.schedule.latestIn(this.lastChecked, now) }))
        .filter((d): d is { trigger: TimerTrigger; order: number; at: number } => d.at !== null)
        .sort((a, b) => a.at - b.at || a.order - b.order);
      for (const d of due) void this.enqueue(d.trigger, d.at, false);
    }
    this.lastChecked = now;
    if (this.unsubscribe) this.arm();
  }

  private arm(): void {
    clearTimeout(this.sleeper);
    this.sleeper = undefined;
    if (this.opts.clock.frozen) return;
    const now = this.opts.clock.now();
    const nexts = this.list.map((t) => t.schedule.next(now)).filter((n): n is number => n !== null);
    if (nexts.length === 0) return;
    const wait = Math.min(Math.max(Math.min(...nexts) - now, 0), MAX_SLEEP_MS);
    this.sleeper = setTimeout(() => this.check(), wait);
  }

  /** Fires run one after another, so a catch-up batch reaches functions in schedule order. */
  private enqueue(trigger: TimerTrigger, at: number, manual: boolean): Promise<FireRecord> {
    const event: TimerEvent = { Type: 'Timer', TriggerName: trigger.name, Time: isoSeconds(at), Message: '' };
    const record = this.queue.then(async () => {
      const outcome = await this.opts.target.invoke(trigger.functionName, event, { source: 'timer' });
      const rec: FireRecord = {
        functionName: trigger.functionName,
        triggerName: trigger.name,
        time: event.Time,
        manual,
        outcome,
      };
      this.records.push(rec);
      if (this.records.length > HISTORY_LIMIT) this.records.shift();
      return rec;
    });
    this.queue = record.then(
      () => undefined,
      () => undefined,
    );
    return record;
  }
}
