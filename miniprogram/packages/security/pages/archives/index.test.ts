import { archiveView } from '../../../../test-utils/security-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/archives/index';

describe('数据归档 (packages/security/pages/archives)', () => {
  it('lists the monthly archives and exports with their records; filters; opens one', async () => {
    wxm.cloud.reply('archive', 'list', {
      ok: true,
      data: {
        items: [
          archiveView(),
          archiveView({
            id: 'x-1',
            type: 'export',
            month: null,
            from: '2026-11-15',
            to: '2026-11-30',
            state: 'building',
            requestedByName: '陈静',
          }),
        ],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#archive-m-u-cs-2026-11')).toContain('2026-11 月度归档｜长沙市公安局');
    expect(page.text('#archive-m-u-cs-2026-11')).toContain('发布信息 42 · 网民留言 17');
    expect(page.text('#archive-x-1')).toContain('导出 2026-11-15 至 2026-11-30');
    expect(page.text('#archive-x-1')).toContain('生成中');
    await page.fire('#filter-export', 'click');
    expect(wxm.cloud.sent('archive', 'list')[1]).toMatchObject({ unitId: 'u-cs', type: 'export', offset: 0 });
    await page.fire('#archive-m-u-cs-2026-11', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/archive/index?id=m-u-cs-2026-11' }),
    );
  });

  it('asks for an export of the unit over a range; a refusal says why', async () => {
    wxm.cloud.reply('archive', 'list', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#list')).toContain('暂无归档');
    await page.fire('#from', 'change', { value: '2026-12-01' });
    await page.fire('#to', 'change', { value: '2026-12-09' });
    wxm.cloud.reply('archive', 'exportStart', {
      ok: false,
      error: { code: 'EXPORT_RANGE_INVALID', message: '导出日期范围不正确：起止日期须为已结束的日期，且不超过 366 天' },
    });
    await page.fire('#export', 'click');
    expect(page.text('#refusal')).toContain('已结束的日期');
    wxm.cloud.reply('archive', 'exportStart', {
      ok: true,
      data: archiveView({ id: 'x-2', type: 'export', state: 'building' }),
    });
    await page.fire('#to', 'change', { value: '2026-12-03' });
    await page.fire('#export', 'click');
    const sent = wxm.cloud.sent('archive', 'exportStart') as Array<Record<string, unknown>>;
    expect(sent[1]).toMatchObject({ unitId: 'u-cs', from: '2026-12-01', to: '2026-12-03' });
    // The refused request is asked again with the same key: a retry never starts two exports.
    expect(sent[1].requestKey).toBe(sent[0].requestKey);
    expect(page.exists('#refusal')).toBe(false);
  });
});
