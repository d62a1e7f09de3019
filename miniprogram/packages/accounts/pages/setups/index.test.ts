import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/setups/index';

describe('开设任务 (packages/accounts/pages/setups)', () => {
  it('lists the approved accounts with their progress and opens one', async () => {
    wxm.cloud.reply('account', 'setups', {
      ok: true,
      data: {
        items: [
          { accountId: 'acc-1', name: '长沙警事', platformLabel: '抖音', unitName: '长沙市公安局', open: 3, total: 5 },
        ],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE);
    expect(page.text('#setup-acc-1')).toContain('长沙警事（抖音）');
    expect(page.text('#setup-acc-1')).toContain('已完成 2/5 项');
    await page.fire('#setup-acc-1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/setup/index?accountId=acc-1' }),
    );
  });

  it('says when nothing is left to do', async () => {
    wxm.cloud.reply('account', 'setups', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    expect(page.text('#list')).toContain('没有待完成的开设任务');
  });
});
