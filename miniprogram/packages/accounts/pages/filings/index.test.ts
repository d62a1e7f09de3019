import { filing } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/filings/index';

describe('账号备案 (packages/accounts/pages/filings)', () => {
  it('opens on the filings waiting for acknowledgement, and opens one', async () => {
    wxm.cloud.reply('account', 'filings', {
      ok: true,
      data: {
        items: [filing({ state: 'filed', stateLabel: '待确认', filedAt: '2026-03-10T09:00:00.000+08:00' })],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE);
    expect(wxm.cloud.sent('account', 'filings')).toEqual([
      { action: 'filings', box: 'received', state: 'filed', offset: 0, limit: 20 },
    ]);
    expect(page.text('#filing-f-1')).toContain('长沙警事（抖音）');
    expect(page.text('#filing-f-1')).toContain('报备单位：长沙市公安局政治部宣传处');
    await page.fire('#filing-f-1', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/filing/index?id=f-1' }),
    );
  });

  it('shows what the desk must file, the overdue marked (第十四条)', async () => {
    wxm.cloud.reply('account', 'filings', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    wxm.cloud.reply('account', 'filings', { ok: true, data: { items: [filing({ overdue: true })], nextOffset: null } });
    await page.fire('#filter-box', 'change', 'sent');
    expect(wxm.cloud.sent('account', 'filings')[1]).toEqual(
      expect.objectContaining({ box: 'sent', state: 'due', offset: 0 }),
    );
    expect(page.text('#filing-f-1')).toContain('逾期未报备');
    expect(page.text('#filing-f-1')).toContain('已逾期，应于');
    expect(page.text('#filing-f-1')).toContain('报备至：湖南省公安厅政治部宣传处');
  });
});
