import { createWorkCalendar } from '../calendar/calendar';
import { toBeijingIso } from '../time';
import {
  DEFAULT_WAITING_CONFIG,
  addWorkingMinutes,
  parseOfficeHours,
  waitingConfigFrom,
  waitingTimes,
  workingMinutesBetween,
} from './waiting';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => toBeijingIso(ms);
const calendar = createWorkCalendar();
const office = DEFAULT_WAITING_CONFIG.officeHours;

describe('waiting at an approval step, in office time', () => {
  it('counts two working hours inside one morning, across lunch, and over a weekend', () => {
    // 2026-03-10 is a Tuesday, 2026-03-13 a Friday.
    expect(iso(addWorkingMinutes(at('2026-03-10T09:00:00+08:00'), 120, calendar, office))).toBe(
      '2026-03-10T11:00:00.000+08:00',
    );
    expect(iso(addWorkingMinutes(at('2026-03-10T11:00:00+08:00'), 120, calendar, office))).toBe(
      '2026-03-10T15:00:00.000+08:00',
    );
    expect(iso(addWorkingMinutes(at('2026-03-13T17:00:00+08:00'), 120, calendar, office))).toBe(
      '2026-03-16T10:00:00.000+08:00',
    );
  });

  it('starts counting at office hours when a post is submitted at night', () => {
    expect(iso(addWorkingMinutes(at('2026-03-10T22:40:00+08:00'), 120, calendar, office))).toBe(
      '2026-03-11T10:30:00.000+08:00',
    );
  });

  it('skips the calendar’s holidays and counts its make-up working days', () => {
    const withHoliday = createWorkCalendar([
      { day: '2026-03-11', kind: 'holiday', name: '测试停工' },
      { day: '2026-03-14', kind: 'working', name: '测试调休上班' },
    ]);
    expect(iso(addWorkingMinutes(at('2026-03-10T17:00:00+08:00'), 120, withHoliday, office))).toBe(
      '2026-03-12T10:00:00.000+08:00',
    );
    expect(iso(addWorkingMinutes(at('2026-03-13T17:30:00+08:00'), 60, withHoliday, office))).toBe(
      '2026-03-14T09:30:00.000+08:00',
    );
  });

  it('measures the office time a post has waited', () => {
    expect(
      workingMinutesBetween(at('2026-03-13T16:30:00+08:00'), at('2026-03-16T09:30:00+08:00'), calendar, office),
    ).toBe(120);
    expect(
      workingMinutesBetween(at('2026-03-10T12:10:00+08:00'), at('2026-03-10T13:50:00+08:00'), calendar, office),
    ).toBe(0);
  });

  it('reminds the approver after the threshold and the leader above after twice it', () => {
    const times = waitingTimes(at('2026-03-10T09:00:00+08:00'), false, DEFAULT_WAITING_CONFIG, calendar);
    expect([iso(times.remindAt), iso(times.escalateAt)]).toEqual([
      '2026-03-10T11:00:00.000+08:00',
      '2026-03-10T15:00:00.000+08:00',
    ]);
  });

  it('gives a linkage response (第三十四条) its own shorter span in plain minutes, night or day', () => {
    const times = waitingTimes(at('2026-03-10T22:00:00+08:00'), true, DEFAULT_WAITING_CONFIG, calendar);
    expect([iso(times.remindAt), iso(times.escalateAt)]).toEqual([
      '2026-03-10T22:15:00.000+08:00',
      '2026-03-10T22:30:00.000+08:00',
    ]);
  });
});

describe('the waiting threshold as deployment data', () => {
  it('keeps 2 working hours, 15 linkage minutes and 08:30–12:00, 14:00–17:30 when nothing is set', () => {
    expect(waitingConfigFrom({})).toEqual(DEFAULT_WAITING_CONFIG);
    expect(DEFAULT_WAITING_CONFIG.officeHours).toEqual([
      { start: 510, end: 720 },
      { start: 840, end: 1050 },
    ]);
  });

  it('reads each setting', () => {
    expect(
      waitingConfigFrom({
        APPROVAL_REMIND_WORKING_HOURS: '1.5',
        APPROVAL_REMIND_LINKAGE_MINUTES: '10',
        APPROVAL_OFFICE_HOURS: '09:00-12:00,13:30-18:00',
      }),
    ).toEqual({
      workingHours: 1.5,
      linkageMinutes: 10,
      officeHours: [
        { start: 540, end: 720 },
        { start: 810, end: 1080 },
      ],
    });
  });

  it('refuses malformed values, naming each', () => {
    expect(() =>
      waitingConfigFrom({ APPROVAL_REMIND_WORKING_HOURS: '0', APPROVAL_OFFICE_HOURS: '14:00-12:00' }),
    ).toThrow(/APPROVAL_REMIND_WORKING_HOURS=0.*APPROVAL_OFFICE_HOURS=14:00-12:00/);
    expect(parseOfficeHours('08:30-12:00,11:00-17:30')).toBeNull();
  });
});
