import { mine, row, openTicking, unloadPages } from '../../../../test-utils/linkage-fixtures';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
afterEach(unloadPages);
const ROUTE = 'packages/linkage/pages/mine/index';

describe('我的联动指令 (packages/linkage/pages/mine)', () => {
  beforeEach(() => {
    wxm.cloud.reply('notify', 'consentPlan', { ok: true, data: { requests: [] } });
  });

  it('lists what is still to answer with the time left, the nearest first', async () => {
    wxm.cloud.reply('linkage', 'mine', {
      ok: true,
      data: {
        items: [
          mine({ accounts: [row(), row({ accountId: 'acc-cs-wechat-sub', platformLabel: '微信订阅号' })] }),
          mine({ remainingMs: -5 * 60_000 }, { id: 'd2', title: '转发禁毒宣传月' }),
        ],
        nextOffset: null,
        openCount: 3,
      },
    });
    const page = await openTicking(ROUTE);
    expect(wxm.cloud.sent('linkage', 'mine')).toEqual([{ action: 'mine', view: 'open', offset: 0, limit: 20 }]);
    expect(page.text('#directive-d1')).toContain('澄清网传不实信息');
    expect(page.text('#directive-d1')).toContain('剩余 49 分钟');
    expect(page.text('#directive-d1')).toContain('长沙警事（微博）未响应；长沙警事（微信订阅号）未响应');
    expect(page.text('#directive-d2')).toContain('已超时 5 分钟');
    expect(page.text('#filters')).toContain('待响应（3）');
    await page.fire('#directive-d2', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/directive/index?id=d2' }),
    );
  });

  it('shows 99+ when the server stopped counting at 100', async () => {
    wxm.cloud.reply('linkage', 'mine', { ok: true, data: { items: [], nextOffset: null, openCount: 100 } });
    const page = await openTicking(ROUTE);
    expect(page.text('#filters')).toContain('待响应（99+）');
  });

  it('shows every directive that called the caller on the second tab', async () => {
    wxm.cloud.reply('linkage', 'mine', { ok: true, data: { items: [], nextOffset: null, openCount: 0 } });
    const page = await openTicking(ROUTE);
    expect(page.text('#list')).toContain('没有待响应的联动指令');
    wxm.cloud.reply('linkage', 'mine', {
      ok: true,
      data: {
        items: [
          mine({ accounts: [row({ state: 'none', stateLabel: '未响应' })] }, { state: 'closed', stateLabel: '已结束' }),
        ],
        nextOffset: null,
        openCount: 0,
      },
    });
    await page.fire('#filter-view', 'change', 'all');
    expect(wxm.cloud.sent('linkage', 'mine')[1]).toEqual({ action: 'mine', view: 'all', offset: 0, limit: 20 });
    expect(page.text('#directive-d1')).toContain('已结束');
  });
});
