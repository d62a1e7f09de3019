import { detail } from '../../../../test-utils/account-fixtures';
import { accountView } from '../../../../test-utils/org-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/close/index';

describe('申请关闭或注销 (packages/accounts/pages/close)', () => {
  it('asks a reason, then sends close or cancel once to the approving desk (第十三条)', async () => {
    wxm.cloud.reply('org', 'listAccounts', {
      ok: true,
      data: { items: [accountView({ id: 'acc-1', state: 'active' })], nextOffset: null, canRegister: false },
    });
    const page = await openPage<{ reasonError: string }>(ROUTE, { accountId: 'acc-1', unitId: 'u-cs' });
    expect(wxm.cloud.sent('org', 'listAccounts')).toEqual([
      { action: 'listAccounts', unitId: 'u-cs', accountId: 'acc-1', limit: 1 },
    ]);
    expect(page.text('#account')).toContain('长沙警事（微博');
    await page.fire('#submit', 'click');
    expect(page.data().reasonError).toBe('请写明关闭或注销的理由');
    await page.fire('#type', 'change', 'cancel');
    await page.fire('#reason', 'change', '机构撤并');
    wxm.cloud.reply('account', 'applyClose', { ok: true, data: detail({ id: 'app-c', type: 'cancel' }) });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('account', 'applyClose')).toEqual([
      {
        action: 'applyClose',
        accountId: 'acc-1',
        type: 'cancel',
        reason: '机构撤并',
        clientKey: expect.stringMatching(/^close-/),
      },
    ]);
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/application/index?id=app-c' }),
    );
  });

  it('shows the refusal as it comes', async () => {
    wxm.cloud.reply('org', 'listAccounts', {
      ok: true,
      data: { items: [accountView({ id: 'acc-1' })], nextOffset: null, canRegister: false },
    });
    const page = await openPage(ROUTE, { accountId: 'acc-1', unitId: 'u-cs' });
    await page.fire('#reason', 'change', '停用');
    wxm.cloud.reply('account', 'applyClose', {
      ok: false,
      error: { code: 'DUPLICATE_APPLICATION', message: '该账号已有待审批的关闭或注销申请' },
    });
    await page.fire('#submit', 'click');
    expect(page.text('#refusal')).toContain('已有待审批');
  });

  it('says when the account is not there', async () => {
    wxm.cloud.reply('org', 'listAccounts', { ok: true, data: { items: [], nextOffset: null, canRegister: false } });
    const page = await openPage(ROUTE, { accountId: 'x', unitId: 'u-cs' });
    expect(page.text('#error')).toContain('账号不存在');
  });
});
