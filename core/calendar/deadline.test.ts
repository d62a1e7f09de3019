import { beijingAt } from '../time';
import { createWorkCalendar } from './calendar';
import { computeDeadline, extendDeadline, firstOfLastWorkingDays } from './deadline';

const cal = createWorkCalendar();
const cutoff = { hour: 17, minute: 0 };
const at = (day: string, hour: number, minute = 0) => beijingAt(day, hour, minute);

describe('deadline instant', () => {
  it('is the last millisecond of the last working day in Beijing time', () => {
    const r = computeDeadline(at('2026-03-03', 10), 'ordinary', cal, cutoff);
    expect(r.deadline).toBe('2026-03-03T23:59:59.999+08:00');
    expect(r.deadlineMs).toBe(Date.UTC(2026, 2, 3, 15, 59, 59, 999));
    expect(new Date(r.deadlineMs).toISOString()).toBe('2026-03-03T15:59:59.999Z');
    expect(r.warnings).toEqual([]);
  });
});

describe('ordinary: the same working day, with a cut-off', () => {
  it.each([
    ['16:59 counts today', 16, 59, '2025-09-30'],
    ['17:00 counts from the next working day', 17, 0, '2025-10-09'],
    ['17:01 counts from the next working day', 17, 1, '2025-10-09'],
  ])('on the eve of National Day 2025, %s', (_label, hour, minute, due) => {
    expect(computeDeadline(at('2025-09-30', hour, minute), 'ordinary', cal, cutoff).dueDay).toBe(due);
  });

  it('takes the cut-off from configuration', () => {
    const late = { hour: 18, minute: 30 };
    expect(computeDeadline(at('2026-03-03', 18, 29), 'ordinary', cal, late).dueDay).toBe('2026-03-03');
    expect(computeDeadline(at('2026-03-03', 18, 30), 'ordinary', cal, late).dueDay).toBe('2026-03-04');
  });

  it('made on a public holiday, counts from the next working day', () => {
    expect(computeDeadline(at('2026-02-16', 10), 'ordinary', cal, cutoff).dueDay).toBe('2026-02-24');
  });

  it('made on an ordinary weekend, is due Monday', () => {
    expect(computeDeadline(at('2026-03-07', 9), 'ordinary', cal, cutoff).dueDay).toBe('2026-03-09');
  });

  it('made on a make-up working Saturday before cut-off, is due that Saturday', () => {
    expect(computeDeadline(at('2026-02-14', 10), 'ordinary', cal, cutoff).dueDay).toBe('2026-02-14');
    expect(computeDeadline(at('2026-02-14', 17), 'ordinary', cal, cutoff).dueDay).toBe('2026-02-24');
  });

  it('uses the Beijing day even when UTC is still on the previous day', () => {
    // 2026-03-09 07:30 Beijing is 2026-03-08 23:30 UTC, a Sunday in UTC.
    expect(computeDeadline(at('2026-03-09', 7, 30), 'ordinary', cal, cutoff).dueDay).toBe('2026-03-09');
  });
});

describe('complex and major: 5 and 7 working days, the day of referral not counted', () => {
  it('spans the 2026 Spring Festival with its make-up Saturdays', () => {
    // 14 Feb (Sat, worked) = 1, 15–23 off, 24–27 = 2..5
    expect(computeDeadline(at('2026-02-13', 10), 'complex', cal, cutoff).deadline).toBe(
      '2026-02-27T23:59:59.999+08:00',
    );
    // … 28 Feb (Sat, worked) = 6, 2 March = 7
    expect(computeDeadline(at('2026-02-13', 10), 'major', cal, cutoff).deadline).toBe('2026-03-02T23:59:59.999+08:00');
  });

  it('counts from a make-up working day and across National Day 2025', () => {
    // made on 28 Sept (Sun, worked): 29, 30 Sept, 9, 10, 11 (Sat, worked) Oct
    expect(computeDeadline(at('2025-09-28', 10), 'complex', cal, cutoff).dueDay).toBe('2025-10-11');
  });

  it('spans Mid-Autumn and National Day 2026', () => {
    // 23, 24 Sept, 25 off (中秋), 28, 29, 30
    expect(computeDeadline(at('2026-09-22', 10), 'complex', cal, cutoff).dueDay).toBe('2026-09-30');
    // 20 Sept (Sun, worked) is day 1
    expect(computeDeadline(at('2026-09-18', 16), 'complex', cal, cutoff).dueDay).toBe('2026-09-24');
    // 1–7 Oct off; 8, 9, 10 (Sat, worked), 12, 13, 14, 15
    expect(computeDeadline(at('2026-09-30', 9), 'major', cal, cutoff).dueDay).toBe('2026-10-15');
  });

  it('ignores the cut-off: counting starts the next day anyway', () => {
    const before = computeDeadline(at('2026-03-03', 16, 59), 'complex', cal, cutoff);
    const after = computeDeadline(at('2026-03-03', 17, 1), 'complex', cal, cutoff);
    expect(before.dueDay).toBe('2026-03-10');
    expect(after.dueDay).toBe('2026-03-10');
  });

  it('made on a Saturday, counts Monday as day 1', () => {
    expect(computeDeadline(at('2026-03-07', 10), 'complex', cal, cutoff).dueDay).toBe('2026-03-13');
  });
});

describe('a year the official calendar does not know', () => {
  it('warns and counts plain weekdays without an override', () => {
    // 31 Dec = 1, 1 Jan 2027 (a Friday; unknown, so worked) = 2, 4, 5, 6 Jan
    const r = computeDeadline(at('2026-12-30', 10), 'complex', cal, cutoff);
    expect(r.dueDay).toBe('2027-01-06');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^2027年节假日安排未知/);
  });

  it('uses the override and does not warn once the year is arranged', () => {
    const arranged = createWorkCalendar([{ day: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    const r = computeDeadline(at('2026-12-30', 10), 'complex', arranged, cutoff);
    expect(r.dueDay).toBe('2027-01-07');
    expect(r.warnings).toEqual([]);
  });

  it('warns for an ordinary referral that spills into the unknown year', () => {
    const r = computeDeadline(at('2026-12-31', 18), 'ordinary', cal, cutoff);
    expect(r.dueDay).toBe('2027-01-01');
    expect(r.warnings).toEqual([expect.stringMatching(/^2027年/)]);
    expect(computeDeadline(at('2026-12-31', 10), 'ordinary', cal, cutoff).warnings).toEqual([]);
  });

  it('refuses a calendar with no working day at all', () => {
    const broken = createWorkCalendar(
      Array.from({ length: 450 }, (_, i) => ({
        day: new Date(Date.UTC(2028, 0, 1 + i)).toISOString().slice(0, 10),
        kind: 'holiday' as const,
        name: '停工',
      })),
    );
    let thrown: unknown = null;
    try {
      computeDeadline(at('2028-01-01', 10), 'ordinary', broken, cutoff);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({
      code: 'CALENDAR_NO_WORKING_DAY',
      message: '自2028-01-01起一年内没有工作日，请检查节假日设置',
    });
  });
});

describe('extension and reminder helpers', () => {
  it('extends by working days after the current last day, across a holiday', () => {
    // from 30 Sept 2026: 8, 9 Oct
    expect(extendDeadline('2026-09-30T23:59:59.999+08:00', 2, cal).deadline).toBe('2026-10-09T23:59:59.999+08:00');
  });

  it('finds the first of the last n working days', () => {
    expect(firstOfLastWorkingDays('2026-02-24', 1, cal)).toBe('2026-02-24');
    // the working day before 24 Feb 2026 is the make-up Saturday 14 Feb
    expect(firstOfLastWorkingDays('2026-02-24', 2, cal)).toBe('2026-02-14');
  });
});
