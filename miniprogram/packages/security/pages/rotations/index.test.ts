import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/rotations/index';

describe('账号安全列表 (packages/security/pages/rotations)', () => {
  it('lists the unit accounts due first, filters overdue, and opens an account', async () => {
    wxm.cloud.reply('security', 'rotations', {
      ok: true,
      data: {
        items: [
          {
            accountId: 'acc-cs-weibo',
            accountName: '长沙警事',
            platform: 'weibo',
            unitName: '长沙市公安局',
            status: 'overdue',
            dueAt: '2026-11-20T23:59:59.999+08:00',
            dueReason: 'holdersChanged',
            daysLeft: -8,
            lastRotatedAt: null,
            suspended: true,
          },
        ],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#account-acc-cs-weibo')).toContain('人员变动后更换 2026-11-20 前（逾期 8 天）');
    expect(page.text('#account-acc-cs-weibo')).toContain('暂停发布');
    expect(wxm.cloud.sent('security', 'rotations')[0]).toMatchObject({ unitId: 'u-cs', filter: 'all' });
    await page.fire('#filter-overdue', 'click');
    expect(wxm.cloud.sent('security', 'rotations')[1]).toMatchObject({ filter: 'overdue', offset: 0 });
    await page.fire('#account-acc-cs-weibo', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/account/index?accountId=acc-cs-weibo' }),
    );
  });
});
