import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/incidents/index';

const item = {
  id: 'inc-1',
  accountName: '长沙警事',
  platform: 'weibo' as const,
  unitName: '长沙市公安局',
  kind: 'accountStolen' as const,
  state: 'open' as const,
  suspended: true,
  reportedAt: '2026-11-28T08:45:00.000+08:00',
  closedAt: null,
};

describe('安全事件列表 (packages/security/pages/incidents)', () => {
  it('lists the open incidents first and opens one', async () => {
    wxm.cloud.reply('security', 'incidents', { ok: true, data: { items: [item], nextOffset: null } });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#incident-inc-1')).toContain('账号被盗｜长沙警事（微博）');
    expect(page.text('#incident-inc-1')).toContain('11-28 08:45 报告');
    expect(wxm.cloud.sent('security', 'incidents')[0]).toMatchObject({ unitId: 'u-cs', state: 'open' });
    await page.fire('#filter-all', 'click');
    expect(wxm.cloud.sent('security', 'incidents')[1]).not.toHaveProperty('state');
    await page.fire('#incident-inc-1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/incident/index?id=inc-1' }),
    );
  });

  it("from an account's page: that account's incidents, open or closed, on the caller's unit", async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: { person: { roles: [{ role: 'operator', scopeUnitId: 'u-cs' }] } } as never,
    });
    wxm.cloud.reply('security', 'incidents', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(wxm.cloud.sent('security', 'incidents')[0]).toEqual(
      expect.objectContaining({ unitId: 'u-cs', accountId: 'acc-cs-weibo' }),
    );
    expect(wxm.cloud.sent('security', 'incidents')[0]).not.toHaveProperty('state');
    expect(page.text('#list')).toContain('暂无安全事件');
  });
});
