import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/sessions/index';

const session = {
  id: 's-1',
  course: '新媒体运营与信息安全',
  date: '2026-09-29',
  issuer: '长沙市公安局政治部宣传处',
  hours: 8,
  unitName: '长沙市公安局',
  attended: 3,
  completed: 2,
};

describe('教育培训 (packages/security/pages/sessions)', () => {
  it('lists the sessions with attendance, and records a new one before its attendance', async () => {
    wxm.cloud.reply('training', 'sessions', { ok: true, data: { items: [session], nextOffset: null } });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#session-s-1')).toContain('2026-09-29｜长沙市公安局政治部宣传处｜8 学时');
    expect(page.text('#session-s-1')).toContain('2/3 人合格');

    await page.fire('#shortfall', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/shortfall/index?unitId=u-cs' }),
    );
    await page.fire('#open-form', 'click');
    await page.fire('#create', 'click');
    expect(page.text('#form-error')).toContain('请填写课程、组织单位和学时');
    expect(wxm.cloud.sent('training', 'sessionCreate')).toHaveLength(0);
    await page.fire('#course', 'change', '网络安全专题');
    await page.fire('#issuer', 'change', '长沙市公安局网安支队');
    await page.fire('#hours', 'change', '4');
    await page.fire('#date', 'change', { value: '2026-11-20' });
    wxm.cloud.reply('training', 'sessionCreate', {
      ok: true,
      data: { ...session, id: 's-2', attended: 0, completed: 0 },
    });
    await page.fire('#create', 'click');
    expect(wxm.cloud.sent('training', 'sessionCreate')[0]).toMatchObject({
      unitId: 'u-cs',
      course: '网络安全专题',
      issuer: '长沙市公安局网安支队',
      hours: 4,
      date: '2026-11-20',
    });
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/session/index?id=s-2&unitId=u-cs' }),
    );
  });
});
