import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/linkage/pages/settings/index';
const SETTINGS = {
  cityDesks: 'none' as const,
  cityIds: [],
  defaultWindowMinutes: 60,
  graceMinutes: 30,
  rev: 0,
  cities: [
    { id: 'u-cs', name: '长沙市公安局' },
    { id: 'u-zz', name: '株洲市公安局' },
  ],
};

describe('联动设置 (packages/linkage/pages/settings)', () => {
  it('lets the province allow listed city desks, on the rev it loaded', async () => {
    wxm.cloud.reply('linkage', 'settings', { ok: true, data: SETTINGS });
    const page = await openPage(ROUTE);
    expect(page.exists('#cities')).toBe(false);
    await page.fire('#city-desks', 'change', 'listed');
    expect(page.text('#cities')).toContain('株洲市公安局');
    await page.fire('#cities', 'change', ['u-cs']);
    await page.fire('#grace', 'change', 60);
    wxm.cloud.reply('linkage', 'setSettings', {
      ok: true,
      data: { ...SETTINGS, cityDesks: 'listed', cityIds: ['u-cs'], graceMinutes: 60, rev: 1 },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('linkage', 'setSettings')).toEqual([
      {
        action: 'setSettings',
        expectedRev: 0,
        cityDesks: 'listed',
        cityIds: ['u-cs'],
        defaultWindowMinutes: 60,
        graceMinutes: 60,
      },
    ]);
    expect(page.data()).toMatchObject({ rev: 1 });
  });

  it('shows a refusal and keeps the form', async () => {
    wxm.cloud.reply('linkage', 'settings', { ok: true, data: SETTINGS });
    const page = await openPage(ROUTE);
    wxm.cloud.reply('linkage', 'setSettings', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#save', 'click');
    expect(page.text('#refusal')).toBe('数据已被他人修改，请刷新后重试');
  });
});
