import { summary } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/applications/index';

describe('账号申请 (packages/accounts/pages/applications)', () => {
  it('lists the caller’s applications with type, state and decider, and opens one', async () => {
    wxm.cloud.reply('account', 'applications', {
      ok: true,
      data: {
        items: [
          summary(),
          summary({ id: 'app-2', type: 'close', typeLabel: '关闭', state: 'returned', stateLabel: '退回修改' }),
        ],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE);
    expect(wxm.cloud.sent('account', 'applications')).toEqual([
      { action: 'applications', box: 'mine', offset: 0, limit: 20 },
    ]);
    expect(page.text('#application-app-1')).toContain('长沙警事（抖音）');
    expect(page.text('#application-app-1')).toContain('待审批');
    expect(page.text('#application-app-1')).toContain('审批：湖南省公安厅政治部宣传处');
    expect(page.text('#application-app-2')).toContain('退回修改');
    await page.fire('#application-app-2', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/application/index?id=app-2' }),
    );
    await page.fire('#new', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/apply/index' }),
    );
  });

  it('opens on the desk’s box from the workbench, pages on, and says when nothing waits', async () => {
    wxm.cloud.reply('account', 'applications', {
      ok: true,
      data: { items: [summary({ applicantName: '赵敏' })], nextOffset: 20 },
    });
    const page = await openPage(ROUTE, { box: 'toDecide' });
    expect(wxm.cloud.sent('account', 'applications')[0]).toEqual({
      action: 'applications',
      box: 'toDecide',
      offset: 0,
      limit: 20,
    });
    expect(page.text('#application-app-1')).toContain('申请人：赵敏');
    wxm.cloud.reply('account', 'applications', {
      ok: true,
      data: { items: [summary({ id: 'app-3' })], nextOffset: null },
    });
    await page.reachBottom();
    expect(wxm.cloud.sent('account', 'applications')[1]).toEqual(expect.objectContaining({ offset: 20 }));
    expect(page.exists('#application-app-3')).toBe(true);
    expect(page.text('#list')).toContain('没有更多了');

    wxm.cloud.reply('account', 'applications', { ok: true, data: { items: [], nextOffset: null } });
    await page.fire('#filter-box', 'change', 'decided');
    expect(page.text('#list')).toContain('暂无申请');
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.reply('account', 'applications', { ok: false, error: { code: 'INTERNAL', message: '服务暂不可用' } });
    const page = await openPage(ROUTE);
    expect(page.text('#list >>> #error')).toContain('服务暂不可用');
    wxm.cloud.reply('account', 'applications', { ok: true, data: { items: [summary()], nextOffset: null } });
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#application-app-1')).toBe(true);
  });
});
