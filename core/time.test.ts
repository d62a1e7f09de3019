import {
  addDays,
  beijingAt,
  beijingDay,
  beijingDayEnd,
  beijingDayStart,
  beijingParts,
  formatBeijing,
  toBeijingIso,
} from './time';

describe('Beijing time, whatever the machine TZ', () => {
  it('puts 16:30 UTC on the next Beijing day', () => {
    const ms = Date.UTC(2026, 10, 28, 16, 30);
    expect(beijingDay(ms)).toBe('2026-11-29');
    expect(beijingParts(ms)).toMatchObject({ hour: 0, minute: 30, weekday: 0 });
  });

  it('bounds a day in Beijing time', () => {
    expect(new Date(beijingDayStart('2026-10-01')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(beijingDayEnd('2026-10-01')).toISOString()).toBe('2026-10-01T15:59:59.999Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('formats with the +08:00 offset', () => {
    const ms = beijingAt('2026-11-28', 17, 5);
    expect(toBeijingIso(ms)).toBe('2026-11-28T17:05:00.000+08:00');
    expect(formatBeijing(ms)).toBe('2026-11-28 17:05');
  });

  it('rejects what is not a day', () => {
    expect(() => beijingDayStart('2026-1-1')).toThrow(RangeError);
  });
});
