/**
 * Deadlines of 第二十七条 computed by the deployed function (TZ=UTC, as on the platform) with the
 * clock set to each case: the 17:00 cut-off, weekends, the Spring Festival and National Day with
 * their make-up working days (调休), and a year chinese-days does not know until an admin arranges it.
 */
import type { DeadlineClass } from '../typings/referral';
import { useTestCloud } from './support/cloud';
import { OPERATOR, PROVINCE_DESK, CITY_DESK, CRIMINAL, referred } from './referral-helpers';
import { ok, refusal } from './support/answers';

const WARNING_2027 = '2027年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排';

describe('deadlines in working days on the official calendar', () => {
  const t = useTestCloud({ frozen: true });

  async function dueAt(at: string, deadlineClass: DeadlineClass): Promise<{ dueAt: string; warnings: string[] }> {
    t.cloud.clock.set(at);
    const { detail, referral } = await referred(t, deadlineClass);
    return { dueAt: referral.dueAt, warnings: detail.warnings };
  }

  it.each([
    ['before the cut-off: the same day', '2026-03-03T16:59:00+08:00', '2026-03-03T23:59:59.999+08:00'],
    ['at the cut-off: the next working day', '2026-03-03T17:00:00+08:00', '2026-03-04T23:59:59.999+08:00'],
    ['after the cut-off', '2026-03-03T17:01:00+08:00', '2026-03-04T23:59:59.999+08:00'],
    [
      'just after midnight Beijing (still the day before in UTC)',
      '2026-03-04T00:30:00+08:00',
      '2026-03-04T23:59:59.999+08:00',
    ],
    ['Friday evening: Monday', '2026-03-06T17:30:00+08:00', '2026-03-09T23:59:59.999+08:00'],
    ['on a Saturday: Monday', '2026-03-07T10:00:00+08:00', '2026-03-09T23:59:59.999+08:00'],
    [
      'in the Spring Festival holiday: the first day back',
      '2026-02-16T10:00:00+08:00',
      '2026-02-24T23:59:59.999+08:00',
    ],
    ['on the Saturday worked before it (调休): that day', '2026-02-14T10:00:00+08:00', '2026-02-14T23:59:59.999+08:00'],
    ['that Saturday after 17:00: after the holiday', '2026-02-14T18:00:00+08:00', '2026-02-24T23:59:59.999+08:00'],
    [
      'the Saturday before National Day 2026: the Sunday worked (调休)',
      '2026-09-19T10:00:00+08:00',
      '2026-09-20T23:59:59.999+08:00',
    ],
  ])('ordinary, %s', async (_case, at, expected) => {
    expect((await dueAt(at, 'ordinary')).dueAt).toBe(expected);
  });

  it.each([
    [
      'complex across the Spring Festival 2026',
      '2026-02-12T10:00:00+08:00',
      'complex',
      '2026-02-26T23:59:59.999+08:00',
    ],
    [
      'major across National Day 2025 (worked Sunday 9-28 and Saturday 10-11)',
      '2025-09-26T10:00:00+08:00',
      'major',
      '2025-10-13T23:59:59.999+08:00',
    ],
    [
      'complex across National Day 2026 (worked Saturday 10-10)',
      '2026-09-30T10:00:00+08:00',
      'complex',
      '2026-10-13T23:59:59.999+08:00',
    ],
    [
      'complex on a plain week, the day of referral not counted',
      '2026-03-03T09:00:00+08:00',
      'complex',
      '2026-03-10T23:59:59.999+08:00',
    ],
  ] as const)('%s', async (_case, at, deadlineClass, expected) => {
    expect(await dueAt(at, deadlineClass)).toEqual({ dueAt: expected, warnings: [] });
  });

  it('warns when a deadline runs into 2027, until the province arranges it', async () => {
    const before = await dueAt('2026-12-30T10:00:00+08:00', 'complex');
    // 2027-01-01 counted as an ordinary Friday, with the warning in the answer
    expect(before).toEqual({ dueAt: '2027-01-06T23:59:59.999+08:00', warnings: [WARNING_2027] });
    const listed = await ok(t.call('referral', 'list', {}, CRIMINAL));
    expect(listed.warnings).toEqual([WARNING_2027]);

    const days = [
      { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      { day: '2027-02-06', kind: 'working' as const, name: '春节调休上班' },
    ];
    expect(
      await refusal(t.call('referral', 'setCalendarOverrides', { year: 2027, days, expectedRev: 0 }, CITY_DESK)),
    ).toBe('OUT_OF_SCOPE');
    expect(
      await refusal(t.call('referral', 'setCalendarOverrides', { year: 2027, days, expectedRev: 0 }, OPERATOR)),
    ).toBe('ROLE_REQUIRED');
    expect(
      await refusal(
        t.call(
          'referral',
          'setCalendarOverrides',
          { year: 2027, days: [{ day: '2028-01-01', kind: 'holiday', name: '元旦' }], expectedRev: 0 },
          PROVINCE_DESK,
        ),
      ),
    ).toBe('CALENDAR_INVALID');
    // Two admins save the same year from the same revision: one wins, the other is told to reload.
    const [first, second] = await Promise.all([
      t.call('referral', 'setCalendarOverrides', { year: 2027, days, expectedRev: 0 }, PROVINCE_DESK),
      t.call('referral', 'setCalendarOverrides', { year: 2027, days: days.slice(0, 1), expectedRev: 0 }, PROVINCE_DESK),
    ]);
    expect([first, second].filter((a) => a.ok)).toHaveLength(1);
    expect(await Promise.all([first, second].filter((a) => !a.ok).map(refusal))).toEqual(['CONFLICT']);
    const stored = await ok(t.call('referral', 'calendarOverrides', { year: 2027 }, PROVINCE_DESK));
    expect(stored.rev).toBe(1);
    const set = await ok(
      t.call('referral', 'setCalendarOverrides', { year: 2027, days, expectedRev: stored.rev }, PROVINCE_DESK),
    );
    expect(set).toEqual({ year: 2027, official: false, overrides: days, warnings: [], rev: 2 });
    expect((await ok(t.call('referral', 'calendarOverrides', { year: 2027 }, PROVINCE_DESK))).overrides).toEqual(days);

    // every instance reloads the calendar: New Year's Day is now a holiday, and nothing is unknown
    expect(await dueAt('2026-12-30T10:00:00+08:00', 'complex')).toEqual({
      dueAt: '2027-01-07T23:59:59.999+08:00',
      warnings: [],
    });
    // the referral made before keeps its warning: its deadline was computed without the arrangement
    expect((await ok(t.call('referral', 'list', {}, CRIMINAL))).warnings).toEqual([WARNING_2027]);
  });

  it('shows the coming year’s warning in the list before any deadline reaches it', async () => {
    t.cloud.clock.set('2027-12-01T10:00:00+08:00');
    const list = await ok(t.call('referral', 'list', { unitId: 'u-cs-wa' }, 'demo-handler-cyber'));
    expect(list.items).toEqual([]);
    expect(list.warnings).toEqual(['2028年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排']);
  });
});
