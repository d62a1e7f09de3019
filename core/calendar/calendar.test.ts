import { createWorkCalendar, missingYearWarning, OFFICIAL_YEARS } from './calendar';

describe('official working-day calendar', () => {
  const cal = createWorkCalendar();

  it('covers 2004–2026 and not 2027', () => {
    expect(Math.min(...OFFICIAL_YEARS)).toBe(2004);
    expect(Math.max(...OFFICIAL_YEARS)).toBe(2026);
    expect(OFFICIAL_YEARS.size).toBe(23);
    expect(cal.yearKnown(2025)).toBe(true);
    expect(cal.yearKnown(2027)).toBe(false);
  });

  it('knows the 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    expect(cal.dayInfo('2026-02-14')).toEqual({
      day: '2026-02-14',
      working: true,
      name: '春节调休上班',
      source: 'official',
    });
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) {
      expect(cal.dayInfo(d)).toMatchObject({ working: false, name: '春节' });
    }
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('knows National Day 2025 (1–8 October, 28 Sept and 11 Oct worked) and 2026 (1–7 October, 20 Sept and 10 Oct worked)', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ working: false, name: '中秋' });
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('computes the weekday from the day string, not the machine time zone', () => {
    expect(cal.dayInfo('2026-01-05')).toEqual({ day: '2026-01-05', working: true, name: '星期一', source: 'weekday' });
    expect(cal.dayInfo('2027-02-07')).toEqual({ day: '2027-02-07', working: false, name: '星期日', source: 'weekday' });
  });

  it('treats an unknown year as plain weekdays', () => {
    // 2027-02-08 is a Monday (around the 2027 Spring Festival): the library has no arrangement for it.
    expect(cal.isWorkingDay('2027-02-08')).toBe(true);
  });

  it('lets an override win over the official data and marks its year as known', () => {
    const withOverrides = createWorkCalendar([
      { day: '2027-02-08', kind: 'holiday', name: '春节' },
      { day: '2026-03-02', kind: 'holiday', name: '测试停工' },
    ]);
    expect(withOverrides.dayInfo('2027-02-08')).toEqual({
      day: '2027-02-08',
      working: false,
      name: '春节',
      source: 'override',
    });
    expect(withOverrides.isWorkingDay('2026-03-02')).toBe(false);
    expect(withOverrides.yearKnown(2027)).toBe(true);
    expect(withOverrides.yearKnown(2028)).toBe(false);
  });

  it('refuses an override that is not a day', () => {
    expect(() => createWorkCalendar([{ day: '2027-2-8', kind: 'holiday', name: '春节' }])).toThrow(RangeError);
  });

  it('walks days across month and year ends', () => {
    expect(cal.nextDay('2026-12-31')).toBe('2027-01-01');
    expect(cal.previousDay('2026-03-01')).toBe('2026-02-28');
  });

  it('words the missing-year warning for people', () => {
    expect(missingYearWarning(2027)).toMatch(/^2027年节假日安排未知/);
  });
});
