import type { Account } from '../../typings/org';
import { institutional, personal, city, county } from '../post/testkit';
import {
  cadenceRule,
  cadenceStatus,
  countsFromCadenceDays,
  countsFromTimes,
  evaluateMonth,
  planCadenceReminders,
  type DayCounts,
} from './cadence';
import { beijingTimeOn, daysOfMonth, parseIsoTime } from './time';

const at = (iso: string): number => {
  const ms = parseIsoTime(iso);
  if (ms === null) throw new Error(`bad time ${iso}`);
  return ms;
};

const counts = (entries: Record<string, number>): DayCounts => new Map(Object.entries(entries));

const weibo: Account = { ...institutional(city), createdAt: '2025-06-01T10:00:00.000+08:00' };
const service: Account = { ...institutional(city, 'wechatService'), createdAt: '2025-06-01T10:00:00.000+08:00' };
const countyWeibo: Account = { ...institutional(county), createdAt: '2025-06-01T10:00:00.000+08:00' };

describe('time helpers', () => {
  it('reads only ISO times that name their offset', () => {
    expect(parseIsoTime('2026-03-10T16:00:00+08:00')).toBe(Date.UTC(2026, 2, 10, 8));
    expect(parseIsoTime('2026-03-10T08:00:00Z')).toBe(Date.UTC(2026, 2, 10, 8));
    expect(parseIsoTime('2026-03-10T16:00:00')).toBeNull();
    expect(parseIsoTime('2026-03-10')).toBeNull();
    expect(parseIsoTime('2026-13-40T16:00:00+08:00')).toBeNull();
  });

  it('places HH:mm on the Beijing day and refuses malformed settings', () => {
    expect(beijingTimeOn('2026-03-10', '16:00')).toBe(Date.UTC(2026, 2, 10, 8));
    expect(beijingTimeOn('2026-03-10', '00:00')).toBe(Date.UTC(2026, 2, 9, 16));
    expect(beijingTimeOn('2026-03-10', '24:00')).toBeNull();
    expect(beijingTimeOn('2026-03-10', '4pm')).toBeNull();
  });

  it('lists the days of a month, leap years included', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2026-04').slice(-1)).toEqual(['2026-04-30']);
    expect(daysOfMonth('2026-12')[0]).toBe('2026-12-01');
  });
});

describe('rules (第十九条)', () => {
  it('asks one post a day of Weibo, subscription and other accounts, four a month of service accounts', () => {
    expect(cadenceRule(weibo)).toEqual({ kind: 'daily', perDay: 1 });
    expect(cadenceRule({ ...weibo, platform: 'wechatSubscription' })).toEqual({ kind: 'daily', perDay: 1 });
    expect(cadenceRule({ ...weibo, platform: 'douyin' })).toEqual({ kind: 'daily', perDay: 1 });
    expect(cadenceRule(service)).toEqual({ kind: 'monthly', perMonth: 4 });
  });

  it('exempts personal and inactive accounts', () => {
    expect(cadenceRule(personal(city)).kind).toBe('exempt');
    expect(cadenceRule({ ...weibo, state: 'suspended' }).kind).toBe('exempt');
  });
});

describe('counting by Beijing day', () => {
  it('buckets publication times on Beijing midnight, not the machine midnight', () => {
    const c = countsFromTimes([
      at('2026-01-31T23:59:59.999+08:00'),
      at('2026-01-31T15:59:59Z'),
      at('2026-02-01T00:00:00+08:00'),
      at('2026-01-31T16:00:01Z'),
    ]);
    expect([...c.entries()]).toEqual([
      ['2026-01-31', 2],
      ['2026-02-01', 2],
    ]);
  });

  it('counts each post once per day from cadenceDays documents', () => {
    const c = countsFromCadenceDays([
      { day: '2026-03-01', postIds: ['p1', 'p2', 'p1'] },
      { day: '2026-03-02', postIds: [] },
    ]);
    expect(c.get('2026-03-01')).toBe(2);
    expect(c.get('2026-03-02')).toBe(0);
  });
});

describe('cadenceStatus', () => {
  it('reports today and the month of a daily account, with missed days that are over', () => {
    const s = cadenceStatus(
      weibo,
      counts({ '2026-03-01': 1, '2026-03-02': 2, '2026-03-04': 1, '2026-03-05': 1 }),
      at('2026-03-05T10:00:00+08:00'),
    );
    expect(s.today).toEqual({ day: '2026-03-05', published: 1, required: 1, met: true });
    expect(s.month).toEqual({
      month: '2026-03',
      published: 5,
      required: 31,
      pace: 5,
      behind: true,
      missedDays: ['2026-03-03'],
    });
  });

  it('does not count today as missed while it lasts', () => {
    const s = cadenceStatus(weibo, counts({ '2026-03-01': 1 }), at('2026-03-02T23:59:59+08:00'));
    expect(s.today).toMatchObject({ day: '2026-03-02', published: 0, met: false });
    expect(s.month.missedDays).toEqual([]);
  });

  it('turns the month at Beijing midnight (UTC 16:00 of the day before)', () => {
    const before = cadenceStatus(weibo, counts({ '2026-01-31': 1 }), at('2026-01-31T15:59:59Z'));
    expect(before.today.day).toBe('2026-01-31');
    expect(before.month.month).toBe('2026-01');
    const after = cadenceStatus(weibo, counts({ '2026-01-31': 1 }), at('2026-01-31T16:00:00Z'));
    expect(after.today).toMatchObject({ day: '2026-02-01', published: 0 });
    expect(after.month).toMatchObject({ month: '2026-02', published: 0, required: 28, missedDays: [] });
  });

  it('starts the duty on the first full day after the account was created', () => {
    const fresh: Account = { ...weibo, createdAt: '2026-03-10T15:00:00.000+08:00' };
    const created = cadenceStatus(fresh, counts({}), at('2026-03-10T17:00:00+08:00'));
    expect(created.today).toMatchObject({ required: 0, met: true });
    expect(created.month.required).toBe(21);
    const later = cadenceStatus(fresh, counts({}), at('2026-03-13T09:00:00+08:00'));
    expect(later.month.missedDays).toEqual(['2026-03-11', '2026-03-12']);
  });

  it('paces a service account: the k-th of four posts falls due on the day 4·d/n reaches k', () => {
    // April has 30 days: due by the 8th, 15th, 23rd and 30th.
    const expectations: Array<[string, number]> = [
      ['2026-04-07', 0],
      ['2026-04-08', 1],
      ['2026-04-14', 1],
      ['2026-04-15', 2],
      ['2026-04-22', 2],
      ['2026-04-23', 3],
      ['2026-04-29', 3],
      ['2026-04-30', 4],
    ];
    for (const [day, pace] of expectations) {
      const s = cadenceStatus(service, counts({}), at(`${day}T12:00:00+08:00`));
      expect([day, s.month.pace]).toEqual([day, pace]);
      expect(s.month.required).toBe(4);
      expect(s.today.required).toBe(0);
    }
    // February 2026 (28 days) and leap February 2028 (29 days).
    expect(cadenceStatus(service, counts({}), at('2026-02-07T12:00:00+08:00')).month.pace).toBe(1);
    expect(cadenceStatus(service, counts({}), at('2028-02-07T12:00:00+08:00')).month.pace).toBe(0);
    expect(cadenceStatus(service, counts({}), at('2028-02-08T12:00:00+08:00')).month.pace).toBe(1);
    expect(cadenceStatus(service, counts({}), at('2028-02-29T12:00:00+08:00')).month.pace).toBe(4);
  });

  it('is behind only when short of the pace', () => {
    const onTrack = cadenceStatus(
      service,
      counts({ '2026-04-07': 1, '2026-04-14': 1 }),
      at('2026-04-16T12:00:00+08:00'),
    );
    expect(onTrack.month).toMatchObject({ published: 2, pace: 2, behind: false });
    const behind = cadenceStatus(service, counts({ '2026-04-07': 1 }), at('2026-04-16T12:00:00+08:00'));
    expect(behind.month).toMatchObject({ published: 1, pace: 2, behind: true });
  });

  it('prorates a service account that started mid-month', () => {
    const fresh: Account = { ...service, createdAt: '2026-04-15T09:00:00.000+08:00' };
    // Duty days 16–30 (15 of 30): ceil(4 × 15 / 30) = 2 posts; the first falls due after 7.5 duty days.
    expect(cadenceStatus(fresh, counts({}), at('2026-04-22T12:00:00+08:00')).month).toMatchObject({
      required: 2,
      pace: 0,
    });
    expect(cadenceStatus(fresh, counts({}), at('2026-04-23T12:00:00+08:00')).month).toMatchObject({
      required: 2,
      pace: 1,
      behind: true,
    });
  });
});

describe('evaluateMonth', () => {
  it('lists every missed day of a finished month, its last day included', () => {
    const jan: Record<string, number> = {};
    for (const d of daysOfMonth('2026-01')) jan[d] = 1;
    delete jan['2026-01-09'];
    delete jan['2026-01-31'];
    const e = evaluateMonth(weibo, counts(jan), '2026-01', at('2026-02-01T00:00:00+08:00'));
    expect(e).toMatchObject({
      month: '2026-01',
      complete: true,
      published: 29,
      required: 31,
      met: false,
      missedDays: ['2026-01-09', '2026-01-31'],
      shortfall: 0,
    });
  });

  it('is provisional during the month', () => {
    const e = evaluateMonth(weibo, counts({ '2026-01-01': 1 }), '2026-01', at('2026-01-31T23:59:00+08:00'));
    expect(e.complete).toBe(false);
    expect(e.missedDays).toHaveLength(29);
    expect(e.missedDays).not.toContain('2026-01-31');
  });

  it('reports the shortfall of a service account', () => {
    const e = evaluateMonth(
      service,
      counts({ '2026-02-03': 1, '2026-02-20': 1, '2026-03-01': 5 }),
      '2026-02',
      at('2026-03-02T09:00:00+08:00'),
    );
    expect(e).toMatchObject({ complete: true, published: 2, required: 4, met: false, shortfall: 2, missedDays: [] });
    const full = evaluateMonth(
      service,
      counts({ '2026-02-03': 2, '2026-02-20': 2 }),
      '2026-02',
      at('2026-03-02T09:00:00+08:00'),
    );
    expect(full).toMatchObject({ met: true, shortfall: 0 });
  });
});

describe('planCadenceReminders', () => {
  const accounts = [weibo, service, countyWeibo, personal(city)];
  const byAccount = (m: Record<string, DayCounts>): ReadonlyMap<string, DayCounts> => new Map(Object.entries(m));
  const published = byAccount({ [countyWeibo._id]: counts({ '2026-03-10': 1 }) });

  it('plans nothing before 16:00 Beijing time, then reminds accounts with nothing today', () => {
    expect(planCadenceReminders({ accounts, counts: published, now: at('2026-03-10T15:59:59.999+08:00') })).toEqual([]);
    // 16:00 Beijing is 08:00 UTC: the machine TZ has no say.
    const due = planCadenceReminders({ accounts, counts: published, now: at('2026-03-10T08:00:00Z') });
    // The county account published today, the personal one is exempt; the service account has
    // nothing in March while its first post fell due on the 8th (floor(4 × 10 / 31) = 1).
    expect(due.map((r) => [r.accountId, r.reason, r.notice.dedupeKey])).toEqual([
      [weibo._id, 'nothingToday', `cadence:${weibo._id}:2026-03-10`],
      [service._id, 'behindMonthlyPace', `cadence:${service._id}:2026-03-10`],
    ]);
    expect(due[0].notice).toMatchObject({
      kind: 'cadenceReminder',
      to: [
        { type: 'person', personId: 'city-opA' },
        { type: 'person', personId: 'city-opB' },
      ],
      title: '今日尚未发布信息',
    });
    expect(due[0].notice.text).toContain('长沙市公安局微博（微博）');
  });

  it('does not remind just after Beijing midnight even though UTC is past 16:00', () => {
    expect(planCadenceReminders({ accounts, counts: published, now: at('2026-03-10T16:30:00Z') })).toEqual([]);
  });

  it('reminds a service account behind its monthly pace, and not one on track', () => {
    const now = at('2026-04-15T16:00:00+08:00');
    const behind = planCadenceReminders({
      accounts: [service],
      counts: byAccount({ [service._id]: counts({ '2026-04-02': 1 }) }),
      now,
    });
    expect(behind.map((r) => r.reason)).toEqual(['behindMonthlyPace']);
    expect(behind[0].notice.text).toContain('本月已发布 1 次，按进度今天应达 2 次');
    const onTrack = planCadenceReminders({
      accounts: [service],
      counts: byAccount({ [service._id]: counts({ '2026-04-02': 1, '2026-04-12': 1 }) }),
      now,
    });
    expect(onTrack).toEqual([]);
  });

  it('honours a configured hour and keys reminders by Beijing day', () => {
    const late = { reminderTime: '18:30' };
    expect(
      planCadenceReminders({
        accounts: [weibo],
        counts: byAccount({}),
        now: at('2026-03-10T18:29:00+08:00'),
        config: late,
      }),
    ).toEqual([]);
    const r = planCadenceReminders({
      accounts: [weibo],
      counts: byAccount({}),
      now: at('2026-03-10T18:30:00+08:00'),
      config: late,
    });
    expect(r.map((x) => x.notice.dedupeKey)).toEqual([`cadence:${weibo._id}:2026-03-10`]);
    expect(() =>
      planCadenceReminders({ accounts: [weibo], counts: byAccount({}), now: 0, config: { reminderTime: '4pm' } }),
    ).toThrow(RangeError);
  });

  it('falls back to the unit operators when an account names none', () => {
    const orphan: Account = { ...weibo, operatorA: null, operatorB: null };
    const [r] = planCadenceReminders({
      accounts: [orphan],
      counts: byAccount({}),
      now: at('2026-03-10T17:00:00+08:00'),
    });
    expect(r.notice.to).toEqual([{ type: 'role', role: 'operator', unitId: 'u-city' }]);
  });
});
