import { registryItem, summary } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/personal/index';

describe('我的个人账号 (packages/accounts/pages/personal)', () => {
  it('lists the caller’s registered accounts with the unit’s mark', async () => {
    wxm.cloud.reply('account', 'personal', {
      ok: true,
      data: {
        items: [
          registryItem({
            mark: { kind: 'support', note: '传播正能量', at: '2026-03-09T10:00:00.000+08:00', byName: '陈静' },
          }),
        ],
        nextOffset: null,
        awaiting: 0,
      },
    });
    const page = await openPage(ROUTE);
    expect(page.text('#personal-acc-p1')).toContain('交警林晓（微博）');
    expect(page.text('#personal-acc-p1')).toContain('本单位标记：优秀：传播正能量');
  });

  it('registers a new account once per form, and refreshes the list', async () => {
    wxm.cloud.reply('account', 'personal', { ok: true, data: { items: [], nextOffset: null, awaiting: 0 } });
    const page = await openPage<{ errors: Record<string, string> }>(ROUTE);
    expect(page.text('#list')).toContain('暂未报备个人账号');
    await page.fire('#add', 'click');
    await page.fire('#submit', 'click');
    expect(page.data().errors).toEqual({
      platform: '请选择平台',
      name: '请填写账号名称',
      platformId: '请填写平台账号ID',
    });
    await page.fire('#platform', 'click');
    await page.fire('#platforms', 'select', { name: '抖音', value: 'douyin' });
    await page.fire('#name', 'change', '民警小李');
    await page.fire('#platform-id', 'change', 'dy-xiaoli');
    await page.fire('#verified', 'change', true);
    wxm.cloud.reply('account', 'register', {
      ok: true,
      data: { account: registryItem({ accountId: 'acc-new', name: '民警小李' }), application: null },
    });
    wxm.cloud.reply('account', 'personal', {
      ok: true,
      data: { items: [registryItem({ accountId: 'acc-new', name: '民警小李' })], nextOffset: null, awaiting: 0 },
    });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('account', 'register')).toEqual([
      {
        action: 'register',
        platform: 'douyin',
        name: '民警小李',
        platformId: 'dy-xiaoli',
        realNameVerified: true,
        clientKey: expect.stringMatching(/^register-/),
      },
    ]);
    expect(page.exists('#form')).toBe(false);
    expect(page.text('#personal-acc-new')).toContain('民警小李');
  });

  it('sends a classified-post officer to the application waiting for the unit (第三十九条)', async () => {
    wxm.cloud.reply('account', 'personal', { ok: true, data: { items: [], nextOffset: null, awaiting: 0 } });
    const page = await openPage(ROUTE);
    await page.fire('#add', 'click');
    await page.fire('#platform', 'click');
    await page.fire('#platforms', 'select', { name: '微博', value: 'weibo' });
    await page.fire('#name', 'change', '网安小王');
    await page.fire('#platform-id', 'change', 'wb-xw');
    wxm.cloud.reply('account', 'register', {
      ok: true,
      data: { account: null, application: summary({ id: 'app-r', type: 'register', typeLabel: '报备' }) },
    });
    await page.fire('#submit', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/application/index?id=app-r' }),
    );
  });

  it('shows a refusal (special work, 第九条) on the form', async () => {
    wxm.cloud.reply('account', 'personal', { ok: true, data: { items: [], nextOffset: null, awaiting: 0 } });
    const page = await openPage(ROUTE);
    await page.fire('#add', 'click');
    await page.fire('#platform', 'click');
    await page.fire('#platforms', 'select', { name: '微博', value: 'weibo' });
    await page.fire('#name', 'change', '某某');
    await page.fire('#platform-id', 'change', 'x');
    wxm.cloud.reply('account', 'register', {
      ok: false,
      error: { code: 'SPECIAL_WORK', message: '从事特殊工作的单位和人员不得开设公安新媒体（第九条）' },
    });
    await page.fire('#submit', 'click');
    expect(page.text('#refusal')).toContain('第九条');
  });
});
