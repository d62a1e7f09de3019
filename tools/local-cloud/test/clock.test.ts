import { Clock, ClockError, parseInstant, virtualNow, type ClockChange } from '../src/clock';

/** A real-time source the test moves by hand. */
function fakeReal(start: number): { now: () => number; pass: (ms: number) => void } {
  let t = start;
  return { now: () => t, pass: (ms) => (t += ms) };
}

describe('Clock', () => {
  it('keeps flowing at real speed from the instant it was set', () => {
    const real = fakeReal(1_000_000);
    const clock = new Clock({ start: '2026-11-28T09:00:00+08:00', realNow: real.now });
    expect(clock.iso()).toBe('2026-11-28T01:00:00.000Z');
    real.pass(1500);
    expect(clock.iso()).toBe('2026-11-28T01:00:01.500Z');
  });

  it('starts at real time by default', () => {
    const real = fakeReal(Date.UTC(2027, 4, 1));
    expect(new Clock({ realNow: real.now }).now()).toBe(Date.UTC(2027, 4, 1));
  });

  it('set and advance move it and notify listeners with from/to', () => {
    const real = fakeReal(0);
    const clock = new Clock({ start: '2026-01-01T00:00:00Z', realNow: real.now });
    const changes: ClockChange[] = [];
    const off = clock.onChange((c) => changes.push(c));
    clock.advance(60_000);
    clock.set('2026-03-01T12:00:00+08:00');
    off();
    clock.advance(1);
    expect(changes).toEqual([
      { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1, 0, 1) },
      { from: Date.UTC(2026, 0, 1, 0, 1), to: Date.UTC(2026, 2, 1, 4) },
    ]);
  });

  it('stands still when frozen and flows again on resume', () => {
    const real = fakeReal(0);
    const clock = new Clock({ start: '2026-01-01T00:00:00Z', frozen: true, realNow: real.now });
    real.pass(10_000);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    clock.advance(5_000);
    real.pass(10_000);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    clock.resume();
    real.pass(2_000);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1, 0, 0, 7));
  });

  it('reset returns to real time', () => {
    const real = fakeReal(Date.UTC(2026, 5, 1));
    const clock = new Clock({ start: '2030-01-01T00:00:00Z', realNow: real.now });
    clock.reset();
    expect(clock.now()).toBe(Date.UTC(2026, 5, 1));
  });

  it('a snapshot reproduces now() in another process sharing the OS clock', () => {
    const real = fakeReal(5_000);
    const clock = new Clock({ start: '2026-01-01T00:00:00Z', realNow: real.now });
    const snap = clock.snapshot();
    real.pass(750);
    expect(virtualNow(snap, real.now())).toBe(clock.now());
    clock.freeze();
    const frozen = clock.snapshot();
    real.pass(750);
    expect(virtualNow(frozen, real.now())).toBe(clock.now());
  });

  it('rejects times without an explicit zone, which would be read in the machine zone', () => {
    expect(() => parseInstant('2026-11-28T09:00:00')).toThrow(ClockError);
    expect(() => parseInstant('2026-11-28')).toThrow(/需带时区/);
    expect(() => parseInstant('not a time')).toThrow(ClockError);
    expect(parseInstant('2026-11-28T09:00+08:00')).toBe(Date.UTC(2026, 10, 28, 1));
  });

  it('rejects a non-finite step', () => {
    const clock = new Clock();
    expect(() => clock.advance(Number.NaN)).toThrow(ClockError);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(/时间步长无效/);
  });
});
