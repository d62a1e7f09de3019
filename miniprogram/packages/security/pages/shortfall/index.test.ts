import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/shortfall/index';

describe('学时不足 (packages/security/pages/shortfall)', () => {
  it("lists the accounts whose people fall short of the year's hours, and by how much", async () => {
    wxm.cloud.reply('training', 'shortfall', {
      ok: true,
      data: {
        year: 2026,
        requiredHours: 12,
        items: [
          {
            accountId: 'acc-cs-weibo',
            accountName: '长沙警事',
            platform: 'weibo',
            unitName: '长沙市公安局',
            short: [
              { personId: 'p-a', name: '王明', unitName: '长沙市公安局政治部宣传处', hours: 6, untrained: false },
              { personId: 'p-u', name: '马超', unitName: '长沙市公安局政治部宣传处', hours: 0, untrained: true },
            ],
          },
        ],
        nextOffset: 20,
      },
    });
    const page = await openPage(ROUTE, { unitId: 'u-cs' });
    expect(page.text('#requirement')).toContain('2026 年度要求：运营、审核民警每人 12 学时');
    expect(page.text('#short-acc-cs-weibo')).toContain('长沙警事（微博）');
    expect(page.text('#short-acc-cs-weibo')).toContain('王明 6/12 学时、马超 未经培训');
    await page.reachBottom();
    expect(wxm.cloud.sent('training', 'shortfall')[1]).toMatchObject({ unitId: 'u-cs', offset: 20 });
  });
});
