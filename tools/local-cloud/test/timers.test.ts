import { Clock } from '../src/clock';
import type { FunctionInfo, InvokeOutcome } from '../src/runtime';
import {
  CronError,
  loadTriggers,
  parseScfCron,
  TimerScheduler,
  TriggerNotFoundError,
  type TimerEvent,
} from '../src/timers';
import { startHarness, type Harness } from './fixtures/harness';

// Cold starts spawn node + wx-server-sdk; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

const utc = (iso: string): number => Date.parse(iso);

describe('SCF cron (7 fields, Beijing time)', () => {
  it('evaluates the hour in Beijing time whatever the machine zone', () => {
    const daily = parseScfCron('0 0 16 * * * *');
    // 16:00 Beijing is 08:00 UTC.
    expect(daily.next(utc('2026-11-28T00:00:00Z'))).toBe(utc('2026-11-28T08:00:00Z'));
    expect(daily.next(utc('2026-11-28T08:00:00Z'))).toBe(utc('2026-11-29T08:00:00Z'));
  });

  it('honours the year field: single years, ranges, lists and steps', () => {
    expect(parseScfCron('0 0 0 1 1 * 2028').next(utc('2026-06-01T00:00:00Z'))).toBe(utc('2027-12-31T16:00:00Z'));
    expect(parseScfCron('0 0 0 1 1 * 2027-2028').next(utc('2027-06-01T00:00:00Z'))).toBe(utc('2027-12-31T16:00:00Z'));
    expect(parseScfCron('0 0 12 * * * 2026,2030').next(utc('2026-12-31T05:00:00Z'))).toBe(utc('2030-01-01T04:00:00Z'));
    expect(parseScfCron('0 0 0 1 1 * 2026/2').next(utc('2026-06-01T00:00:00Z'))).toBe(utc('2027-12-31T16:00:00Z'));
    expect(parseScfCron('0 0 0 * * * 2026').next(utc('2026-12-31T16:00:00Z'))).toBeNull();
  });

  it('finds the latest occurrence in a span cheaply, even for a per-second cron over a year', () => {
    const perSecond = parseScfCron('* * * * * * *');
    const started = Date.now();
    expect(perSecond.latestIn(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00.500Z'))).toBe(
      utc('2027-01-01T00:00:00Z'),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const daily = parseScfCron('0 0 16 * * * *');
    expect(daily.latestIn(utc('2026-11-28T08:00:00Z'), utc('2026-12-01T09:00:00Z'))).toBe(utc('2026-12-01T08:00:00Z'));
    // The span is open at the start: an occurrence exactly at `from` already happened.
    expect(daily.latestIn(utc('2026-11-28T08:00:00Z'), utc('2026-11-28T09:00:00Z'))).toBeNull();
    expect(parseScfCron('0 0 0 1 1 * 2026').latestIn(utc('2020-01-01T00:00:00Z'), utc('2035-01-01T00:00:00Z'))).toBe(
      utc('2025-12-31T16:00:00Z'),
    );
  });

  it('rejects bad expressions with a clear error', () => {
    expect(() => parseScfCron('0 0 16 * * *')).toThrow(/需要 7 个字段/);
    expect(() => parseScfCron('0 0 25 * * * *')).toThrow(CronError);
    expect(() => parseScfCron('0 0 16 * * * 26')).toThrow(/年份字段无效/);
    expect(() => parseScfCron('0 0 16 * * * 2100')).toThrow(/年份字段无效/);
  });

  it('names the function and trigger of a bad cron at load', () => {
    const fn: FunctionInfo = {
      name: 'reminder',
      dir: '/x',
      entry: '/x/index.js',
      config: { timeoutMs: 3000, timers: [{ name: 'nightly', cron: '0 0 16 * *' }], envVariables: {}, openapi: [] },
    };
    expect(() => loadTriggers([fn])).toThrow(/云函数 reminder 的触发器 nightly/);
  });
});

/** A stand-in runtime that records the timer events it receives and the clock at that moment. */
function fakeTarget(clock: Clock, timers: Array<{ name: string; cron: string }>, fn = 'job') {
  const calls: Array<{ event: TimerEvent; at: number }> = [];
  const info: FunctionInfo = {
    name: fn,
    dir: '/x',
    entry: '/x/index.js',
    config: { timeoutMs: 3000, timers, envVariables: {}, openapi: [] },
  };
  return {
    calls,
    target: {
      functions: () => [info],
      invoke: async (_name: string, event: unknown): Promise<InvokeOutcome> => {
        calls.push({ event: event as TimerEvent, at: clock.now() });
        return { ok: true, result: null, requestId: 'r', durationMs: 0 };
      },
    },
  };
}

describe('TimerScheduler', () => {
  it('on a jump forward, fires each trigger once, for its latest missed occurrence, in time order', async () => {
    const clock = new Clock({ start: '2026-11-28T15:00:00+08:00', frozen: true });
    const { calls, target } = fakeTarget(clock, [
      { name: 'daily1600', cron: '0 0 16 * * * *' },
      { name: 'daily0900', cron: '0 0 9 * * * *' },
    ]);
    const timers = new TimerScheduler({ clock, target });
    timers.start();
    clock.advance(3 * 86_400_000); // to 2026-12-01 15:00 Beijing
    await timers.idle();
    timers.stop();
    expect(calls.map((c) => c.event)).toEqual([
      { Type: 'Timer', TriggerName: 'daily1600', Time: '2026-11-30T08:00:00Z', Message: '' },
      { Type: 'Timer', TriggerName: 'daily0900', Time: '2026-12-01T01:00:00Z', Message: '' },
    ]);
    expect(timers.history().map((r) => r.triggerName)).toEqual(['daily1600', 'daily0900']);
  });

  it('does not fire twice for one occurrence, and a backward jump fires nothing', async () => {
    const clock = new Clock({ start: '2026-11-28T15:59:00+08:00', frozen: true });
    const { calls, target } = fakeTarget(clock, [{ name: 'daily1600', cron: '0 0 16 * * * *' }]);
    const timers = new TimerScheduler({ clock, target });
    timers.start();
    clock.advance(120_000);
    clock.advance(60_000);
    await timers.idle();
    expect(calls).toHaveLength(1);
    clock.set('2026-11-28T12:00:00+08:00');
    await timers.idle();
    expect(calls).toHaveLength(1);
    timers.stop();
    clock.advance(86_400_000);
    await timers.idle();
    expect(calls).toHaveLength(1);
  });

  it('fires in real time while the clock flows', async () => {
    // A second and a half of real time before the occurrence, and a wait for the fire itself rather than for a
    // fixed span: on a loaded machine the scheduler may start late or its timer wake late, and it must still fire
    // exactly once.
    const clock = new Clock({ start: '2026-11-28T15:59:58.500+08:00' });
    const { calls, target } = fakeTarget(clock, [{ name: 'daily1600', cron: '0 0 16 * * * *' }]);
    const timers = new TimerScheduler({ clock, target });
    timers.start();
    for (let waited = 0; calls.length === 0 && waited < 20_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await timers.idle();
    timers.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.event.Time).toBe('2026-11-28T08:00:00Z');
    expect(calls[0]?.at).toBeGreaterThanOrEqual(utc('2026-11-28T08:00:00Z'));
  });

  it('fires on demand by trigger name or function name', async () => {
    const clock = new Clock({ start: '2026-11-28T10:00:00+08:00', frozen: true });
    const { calls, target } = fakeTarget(clock, [
      { name: 'a', cron: '0 0 16 * * * *' },
      { name: 'b', cron: '0 0 17 * * * *' },
    ]);
    const timers = new TimerScheduler({ clock, target });
    expect((await timers.fire('b')).map((r) => r.triggerName)).toEqual(['b']);
    expect((await timers.fire('job')).map((r) => r.triggerName)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.event.Time)).toEqual([
      '2026-11-28T02:00:00Z',
      '2026-11-28T02:00:00Z',
      '2026-11-28T02:00:00Z',
    ]);
    expect(timers.history().every((r) => r.manual)).toBe(true);
    await expect(timers.fire('nope')).rejects.toBeInstanceOf(TriggerNotFoundError);
  });

  it('lists triggers with their next fire time', () => {
    const clock = new Clock({ start: '2026-11-28T10:00:00+08:00', frozen: true });
    const { target } = fakeTarget(clock, [{ name: 'a', cron: '0 0 16 * * * *' }]);
    expect(new TimerScheduler({ clock, target }).triggers()).toEqual([
      { functionName: 'job', name: 'a', cron: '0 0 16 * * * *', next: '2026-11-28T08:00:00Z' },
    ]);
  });
});

describe('timer triggers through the functions runtime', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock: { start: '2026-11-28T15:59:00+08:00', frozen: true } });
  });
  afterAll(() => h.close());

  it('reads triggers from config.json and runs the function with the SCF timer event', async () => {
    const timers = h.timers;
    if (!timers) throw new Error('harness without timers');
    expect(timers.triggers().map((t) => `${t.functionName}/${t.name}`)).toEqual([
      'ticker/daily1600',
      'ticker/every30min2026',
    ]);
    timers.start();
    h.clock.advance(120_000);
    await timers.idle();
    const fired = timers.history();
    expect(fired.map((r) => [r.triggerName, r.time])).toEqual([
      ['daily1600', '2026-11-28T08:00:00Z'],
      ['every30min2026', '2026-11-28T08:00:00Z'],
    ]);
    const first = fired[0]?.outcome;
    expect(first?.ok).toBe(true);
    const result = first?.ok
      ? (first.result as { event: TimerEvent; now: number; wx: Record<string, unknown> })
      : undefined;
    expect(result?.event).toEqual({
      Type: 'Timer',
      TriggerName: 'daily1600',
      Time: '2026-11-28T08:00:00Z',
      Message: '',
    });
    // The function sees the advanced clock, and a timer has no user.
    expect(result?.now).toBe(utc('2026-11-28T08:01:00Z'));
    expect(result?.wx['OPENID']).toBeUndefined();
    expect(result?.wx['APPID']).toBe('wx0000000000local');
    timers.stop();
  });
});
