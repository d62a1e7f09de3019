import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/session/index';

const session = {
  id: 's-1',
  course: '新媒体运营与信息安全',
  date: '2026-09-29',
  issuer: '长沙市公安局政治部宣传处',
  hours: 8,
  unitName: '长沙市公安局',
  attended: 1,
  completed: 1,
  organiserName: '陈静',
  rev: 2,
};

const person = (id: string, name: string, trained: boolean) =>
  ({ id, name, badgeNo: `0${id.length}`, unitName: '长沙市公安局', active: true, trained }) as never;

describe('培训签到 (packages/security/pages/session)', () => {
  it('shows the attendance and records several people at once', async () => {
    wxm.cloud.reply('training', 'session', {
      ok: true,
      data: {
        session,
        attendance: [
          { personId: 'p-a', name: '王明', badgeNo: '001', unitName: '长沙市公安局政治部宣传处', completed: true },
        ],
        nextOffset: null,
        canRecord: true,
      },
    });
    const page = await openPage(ROUTE, { id: 's-1', unitId: 'u-cs' });
    expect(page.text('#head')).toContain('签到 1 人，合格 1 人');
    expect(page.text('#attendee-p-a')).toContain('合格');

    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: { items: [person('p-a', '王明', true), person('p-new', '马超', false)], nextOffset: null } as never,
    });
    await page.fire('#pick', 'click');
    expect(wxm.cloud.sent('org', 'listPeople')[0]).toMatchObject({ unitId: 'u-cs' });
    expect(page.text('#pick-p-new')).toContain('（未培训）');
    await page.fire('#picked', 'change', ['p-a', 'p-new']);
    wxm.cloud.reply('training', 'recordAttendance', {
      ok: true,
      data: { recorded: 2, session: { ...session, attended: 2, completed: 2 } },
    });
    await page.fire('#record', 'click');
    expect(wxm.cloud.sent('training', 'recordAttendance')[0]).toEqual(
      expect.objectContaining({
        sessionId: 's-1',
        entries: [
          { personId: 'p-a', completed: true },
          { personId: 'p-new', completed: true },
        ],
      }),
    );
    expect(page.exists('#record')).toBe(false);
  });

  it('a reader sees the attendance only', async () => {
    wxm.cloud.reply('training', 'session', {
      ok: true,
      data: { session, attendance: [], nextOffset: null, canRecord: false },
    });
    const page = await openPage(ROUTE, { id: 's-1', unitId: 'u-cs' });
    expect(page.exists('#pick')).toBe(false);
    expect(page.text('#list')).toContain('尚未签到');
  });
});
