import type { ApiResult } from '../../../typings/common';
import type { CalendarOverride, CalendarYear } from '../../../typings/referral';
import { NETWORK_ERROR } from '../../services/api';
import { typeInto } from '../../test-utils/referral-fixtures';
import { openPage, type PageHarness } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const WARNING_2027 = '2027年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排';
const NEW_YEAR: CalendarOverride = { day: '2027-01-01', kind: 'holiday', name: '元旦' };
const SPRING_WORK: CalendarOverride = { day: '2027-02-06', kind: 'working', name: '春节调休上班' };

const answer = (year: number, overrides: CalendarOverride[], official = false, rev = 3): ApiResult<CalendarYear> => ({
  ok: true,
  data: {
    year,
    official,
    overrides,
    warnings: official || overrides.length ? [] : [`${year}${WARNING_2027.slice(4)}`],
    rev,
  },
});

interface CalendarData {
  years: number[];
  year: number;
  dirty: boolean;
  days: { day: string; kind: string; name: string }[];
  dayError: string;
  nameError: string;
}

/** Opens the page at a Beijing instant, the clock choosing the year shown first. */
async function openAt(iso: string): Promise<PageHarness<CalendarData>> {
  jest.useFakeTimers({ now: Date.parse(iso), doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
  return openPage<CalendarData>('pages/calendar/index');
}

async function addDay(page: PageHarness<CalendarData>, day: string, kind: 'holiday' | 'working', name: string) {
  await typeInto(page, '#new-day', 'newDay', day);
  await page.fire(`#kind-${kind}`, 'click');
  await typeInto(page, '#new-name', 'newName', name);
  await page.fire('#add', 'click');
}

describe('节假日安排 (pages/calendar)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('opens on the Beijing year, warns when its official arrangement is missing, and lists nothing yet', async () => {
    const pending = wxm.cloud.hold('referral', 'calendarOverrides');
    // 00:30 on New Year's Day in Beijing, still 2026 in UTC
    const page = await openAt('2027-01-01T00:30:00+08:00');
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve(answer(2027, []));
    expect(page.data().years).toEqual([2027, 2028]);
    expect(page.text('#year-2027')).toBe('2027年');
    expect(wxm.cloud.sent('referral', 'calendarOverrides')).toEqual([{ action: 'calendarOverrides', year: 2027 }]);
    expect(page.text('#source')).toContain('无官方安排');
    expect(page.text('#warning-0')).toContain(WARNING_2027);
    expect(page.text('#empty')).toContain('暂无补录日期');
  });

  it('lists a known year’s corrections by day, with weekday, type and name, and switches year', async () => {
    wxm.cloud.reply(
      'referral',
      'calendarOverrides',
      answer(
        2026,
        [SPRING_WORK, NEW_YEAR].map((d) => ({ ...d, day: d.day.replace('2027', '2026') })),
        true,
      ),
    );
    const page = await openAt('2026-06-15T10:00:00+08:00');
    expect(page.text('#source')).toContain('已收录官方安排');
    expect(page.exists('#warning-0')).toBe(false);
    expect(page.data().days.map((d) => d.day)).toEqual(['2026-01-01', '2026-02-06']);
    expect(page.text('#day-2026-01-01')).toBe('2026-01-01 周四 元旦 放假 删除');
    expect(page.text('#day-2026-02-06')).toBe('2026-02-06 周五 春节调休上班 调休上班 删除');

    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [NEW_YEAR]));
    await page.fire('#year-2027', 'click');
    expect(page.data().year).toBe(2027);
    expect(wxm.cloud.sent('referral', 'calendarOverrides')).toEqual([
      { action: 'calendarOverrides', year: 2026 },
      { action: 'calendarOverrides', year: 2027 },
    ]);
    expect(page.text('#day-2027-01-01')).toContain('周五');
  });

  it.each([
    ['2027-1-1', '日期格式为 2027-01-01'],
    ['2027-02-30', '日期格式为 2027-01-01'],
    ['2028-01-01', '日期须在2027年内'],
    ['2026-12-31', '日期须在2027年内'],
  ])('refuses the day %s with a field error and sends nothing', async (day, error) => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, []));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await addDay(page, day, 'holiday', '元旦');
    expect(page.data().dayError).toBe(error);
    expect(page.text('#new-day')).toContain(error);
    expect(page.data().days).toEqual([]);
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('referral', 'setCalendarOverrides')).toHaveLength(0);
  });

  it('asks for a name, refuses a day already listed, and clears an error once the field is edited', async () => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [NEW_YEAR]));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await addDay(page, '2027-01-01', 'holiday', ' ');
    expect(page.data().dayError).toBe('该日期已在列表中');
    expect(page.text('#new-name')).toContain('请填写名称');
    await typeInto(page, '#new-day', 'newDay', '2027-01-02');
    expect(page.data().dayError).toBe('');
    expect(page.data().days).toHaveLength(1);
  });

  it('adds and removes days, then saves the whole year in one call', async () => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [NEW_YEAR]));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await addDay(page, '2027-02-06', 'working', '春节调休上班');
    await addDay(page, '2027-01-02', 'holiday', '元旦');
    expect(page.data().days.map((d) => d.day)).toEqual(['2027-01-01', '2027-01-02', '2027-02-06']);
    expect(page.data().dirty).toBe(true);
    expect(page.text('#unsaved')).toContain('有未保存的修改');
    await page.fire('#remove-2027-01-02', 'click');

    wxm.cloud.reply('referral', 'setCalendarOverrides', {
      ok: true,
      data: { year: 2027, official: false, overrides: [NEW_YEAR, SPRING_WORK], warnings: [], rev: 4 },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('referral', 'setCalendarOverrides')).toEqual([
      { action: 'setCalendarOverrides', year: 2027, days: [NEW_YEAR, SPRING_WORK], expectedRev: 3 },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    expect(page.data().dirty).toBe(false);
    // the year is now arranged: the server no longer warns
    expect(page.exists('#warning-0')).toBe(false);
    expect(page.exists('#unsaved')).toBe(false);
  });

  it('saves an emptied year as an empty list', async () => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [NEW_YEAR]));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await page.fire('#remove-2027-01-01', 'click');
    expect(page.text('#empty')).toContain('暂无补录日期');
    wxm.cloud.reply('referral', 'setCalendarOverrides', answer(2027, []));
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('referral', 'setCalendarOverrides')).toEqual([
      { action: 'setCalendarOverrides', year: 2027, days: [], expectedRev: 3 },
    ]);
    expect(page.text('#warning-0')).toContain(WARNING_2027);
  });

  it('keeps the edits when saving is refused, shows why, and reloads on request', async () => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, []));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await addDay(page, '2027-01-01', 'holiday', '元旦');
    const refusal = '仅省厅政治部宣传处可维护节假日安排';
    wxm.cloud.reply('referral', 'setCalendarOverrides', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: refusal },
    });
    await page.fire('#save', 'click');
    expect(page.text('#save-error')).toBe(refusal);
    expect(page.data().days).toHaveLength(1);
    expect(page.data().dirty).toBe(true);

    // unsaved edits pin the year until saved or dropped
    await page.fire('#year-2028', 'click');
    expect(page.data().year).toBe(2027);
    expect(wxm.cloud.sent('referral', 'calendarOverrides')).toHaveLength(1);

    await page.fire('#revert', 'click');
    expect(wxm.cloud.sent('referral', 'calendarOverrides')).toHaveLength(2);
    expect(page.data().days).toEqual([]);
    expect(page.data().dirty).toBe(false);
    expect(page.exists('#save-error')).toBe(false);
  });

  it('tells the admin to reload when another admin saved the year first', async () => {
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [], false, 0));
    const page = await openAt('2027-01-01T00:30:00+08:00');
    await addDay(page, '2027-01-01', 'holiday', '元旦');
    wxm.cloud.reply('referral', 'setCalendarOverrides', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('referral', 'setCalendarOverrides')).toEqual([
      { action: 'setCalendarOverrides', year: 2027, days: [NEW_YEAR], expectedRev: 0 },
    ]);
    expect(page.text('#save-error')).toContain('其他管理员刚刚修改了该年安排');
    expect(page.data().dirty).toBe(true);
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.failNetwork('referral', 'calendarOverrides');
    const page = await openAt('2027-01-01T00:30:00+08:00');
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('referral', 'calendarOverrides', answer(2027, [NEW_YEAR]));
    await page.fire('#error', 'retry');
    expect(page.exists('#day-2027-01-01')).toBe(true);
  });
});
