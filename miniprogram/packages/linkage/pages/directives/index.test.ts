import { summary } from '../../../../test-utils/linkage-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/linkage/pages/directives/index';

describe('联动调度 (packages/linkage/pages/directives)', () => {
  it('lists the directives reaching the desk; the desk that may issue issues from here', async () => {
    wxm.cloud.reply('linkage', 'list', {
      ok: true,
      data: {
        items: [summary(), summary({ id: 'd0', state: 'closed', stateLabel: '已结束', title: '转发禁毒宣传月' })],
        nextOffset: null,
        canIssue: true,
        canConfigure: true,
      },
    });
    const page = await openPage(ROUTE);
    expect(page.text('#directive-d1')).toContain('澄清网传不实信息');
    expect(page.text('#directive-d1')).toContain('湖南省公安厅全部账号 4 个账号');
    expect(page.text('#directive-d0')).toContain('已结束');
    await page.fire('#directive-d1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/board/index?id=d1' }),
    );
    await page.fire('#issue', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/issue/index' }),
    );
    await page.fire('#settings', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/settings/index' }),
    );
  });

  it('offers no issuing to a leader or a city desk the province has not allowed', async () => {
    wxm.cloud.reply('linkage', 'list', {
      ok: true,
      data: { items: [summary()], nextOffset: null, canIssue: false, canConfigure: false },
    });
    const page = await openPage(ROUTE);
    expect(page.exists('#issue')).toBe(false);
    expect(page.exists('#settings')).toBe(false);
  });
});
