import { matrixPage } from '../../../../test-utils/account-fixtures';
import { me } from '../../../../test-utils/fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/matrix/index';

describe('账号矩阵 (packages/accounts/pages/matrix)', () => {
  beforeEach(() => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({
        roles: [{ role: 'propagandaStaff', unitName: '湖南省公安厅', unitId: 'u-hn', scopeLevel: 'province' }],
      }),
    });
  });

  it('opens on the caller’s unit with its totals and its cities, the gaps marked', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage(ROUTE);
    expect(wxm.cloud.sent('account', 'matrix')).toEqual([
      { action: 'matrix', unitId: 'u-hn', view: 'units', offset: 0, limit: 20 },
    ]);
    expect(page.text('#summary')).toContain('湖南省公安厅');
    expect(page.text('#summary')).toContain('11 在用账号');
    expect(page.text('#summary')).toContain('微博 5');
    expect(page.text('#row-u-cs-tree')).toContain('微博 4 · 微信 3');
    expect(page.text('#row-u-yy-tree')).toContain('缺微博、微信');
  });

  it('keeps each platform with its count on one line, and the count beside a long unit name', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage<{ list: { items: { id: string; label: string }[] } }>(ROUTE);
    // A no-break space between 微博 and 4: a phone may wrap between families, never inside one.
    expect(page.data().list.items.find((r) => r.id === 'u-cs-tree')?.label).toBe('微博\u00a04 · 微信\u00a03');
    // The count cell sizes to its text (app.wxss cell-value--fit), leaving the name the rest of the row.
    expect(JSON.stringify(page.root.querySelector('#row-u-cs-tree')?.toJSON())).toContain('cell-value--fit');
  });

  it('goes down to a city, and back up', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage(ROUTE);
    wxm.cloud.reply('account', 'matrix', {
      ok: true,
      data: matrixPage({ unit: { id: 'u-cs', name: '长沙市公安局', level: 'city', parentId: 'u-hn' }, units: [] }),
    });
    await page.fire('#row-u-cs-tree', 'click');
    expect(wxm.cloud.sent('account', 'matrix')[1]).toEqual(expect.objectContaining({ unitId: 'u-cs', view: 'units' }));
    expect(page.text('#summary')).toContain('长沙市公安局');
    await page.fire('#up', 'tap');
    expect(wxm.cloud.sent('account', 'matrix')[2]).toEqual(expect.objectContaining({ unitId: 'u-hn', view: 'units' }));
  });

  it('lists the 第九条 gaps and reminds the bureaus', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage(ROUTE);
    wxm.cloud.reply('account', 'matrix', {
      ok: true,
      data: matrixPage({
        view: 'gaps',
        units: [],
        gaps: [
          {
            unitId: 'u-ly',
            unitName: '浏阳市公安局',
            level: 'county',
            missing: ['wechat'],
            missingLabel: '缺微信公众号',
          },
        ],
      }),
    });
    await page.fire('#filter-view', 'change', 'gaps');
    expect(page.text('#row-u-ly')).toContain('浏阳市公安局');
    expect(page.text('#row-u-ly')).toContain('缺微信公众号');
    wxm.cloud.reply('account', 'remindGaps', { ok: true, data: { reminded: 1 } });
    await page.fire('#remind', 'click');
    expect(wxm.cloud.sent('account', 'remindGaps')).toEqual([{ action: 'remindGaps', unitId: 'u-hn' }]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提醒 1 个单位' }));
  });

  it('filters the accounts by platform and state', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage(ROUTE);
    const accounts = matrixPage({
      view: 'accounts',
      units: [],
      accounts: [
        {
          id: 'acc-1',
          name: '长沙警事',
          unitName: '长沙市公安局',
          platformLabel: '微博',
          kind: 'institutional',
          state: 'active',
          stateLabel: '正常运营',
        },
      ],
      nextOffset: 20,
    });
    wxm.cloud.reply('account', 'matrix', { ok: true, data: accounts });
    await page.fire('#filter-view', 'change', 'accounts');
    await page.fire('#filter-platform', 'change', 'weibo');
    expect(wxm.cloud.sent('account', 'matrix')[2]).toEqual({
      action: 'matrix',
      unitId: 'u-hn',
      view: 'accounts',
      platform: 'weibo',
      offset: 0,
      limit: 20,
    });
    expect(page.text('#row-acc-1')).toContain('长沙警事');
    expect(page.text('#row-acc-1')).toContain('正常运营');
    await page.reachBottom();
    expect(wxm.cloud.sent('account', 'matrix')[3]).toEqual(expect.objectContaining({ offset: 20, platform: 'weibo' }));
  });

  it('exports the workbook and opens it from its temporary link', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: true, data: matrixPage() });
    const page = await openPage(ROUTE);
    wxm.cloud.reply('export', 'matrix', {
      ok: true,
      data: {
        fileID: 'cloud://env/exports/m.xlsx',
        url: 'https://tmp.example/m.xlsx',
        expiresAt: '2026-03-10T12:00:00.000+08:00',
        accounts: 12,
        units: 3,
      },
    });
    const download = jest.spyOn(wx, 'downloadFile').mockImplementation((o) => {
      o.success?.({ tempFilePath: 'wxfile://m.xlsx', statusCode: 200 } as never);
      return undefined as never;
    });
    const open = jest.spyOn(wx, 'openDocument').mockImplementation(() => undefined as never);
    await page.fire('#export', 'click');
    expect(wxm.cloud.sent('export', 'matrix')).toEqual([{ action: 'matrix', unitId: 'u-hn' }]);
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://tmp.example/m.xlsx' }));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://m.xlsx', fileType: 'xlsx' }));
  });

  it('shows a refusal as the error state', async () => {
    wxm.cloud.reply('account', 'matrix', { ok: false, error: { code: 'FORBIDDEN', message: '无权查看该单位' } });
    const page = await openPage(ROUTE);
    expect(page.text('#list >>> #error')).toContain('无权查看该单位');
  });
});
