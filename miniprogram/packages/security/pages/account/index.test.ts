import { attestation, securityView } from '../../../../test-utils/security-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/account/index';

describe('账号安全 (packages/security/pages/account)', () => {
  it('shows the rotation, the holders change and the settings; an operator attests the change, never a password', async () => {
    wxm.cloud.reply('security', 'status', { ok: true, data: securityView() });
    wxm.cloud.reply('security', 'history', {
      ok: true,
      data: {
        items: [attestation(), attestation({ id: 'att-0', kind: 'settingsDeclared', changedAt: null })],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(page.text('#status')).toContain('密码已逾期');
    expect(page.text()).toContain('人员变动后更换，已逾期 8 天');
    expect(page.text('#holder-change')).toContain('赵旧离开、李娜加入');
    expect(page.text()).toContain('绑定单位手机（尾号 6688）');
    expect(page.text('#history-att-1')).toContain('已更换密码 2026-08-01 10:00');
    expect(page.text('#history-att-0')).toContain('登记安全设置');

    const after = securityView({
      status: 'ok',
      daysLeft: 90,
      holderChange: null,
      lastRotatedAt: '2026-11-28T09:00:00.000+08:00',
      rev: 5,
    });
    wxm.cloud.reply('security', 'attest', { ok: true, data: after });
    wxm.cloud.reply('security', 'status', { ok: true, data: after });
    await page.fire('#date', 'change', { value: '2026-11-28' });
    await page.fire('#time', 'change', { value: '09:00' });
    await page.fire('#attest', 'click');
    const [sent] = wxm.cloud.sent('security', 'attest') as Array<Record<string, unknown>>;
    expect(sent).toMatchObject({ accountId: 'acc-cs-weibo', expectedRev: 4, changedAt: '2026-11-28T09:00:00+08:00' });
    expect(typeof sent.requestKey).toBe('string');
    expect(page.text('#status')).toContain('密码正常');
    expect(page.exists('#holder-change')).toBe(false);
  });

  it('shows the refusal as it is, and the suspension an open incident puts on the account', async () => {
    wxm.cloud.reply('security', 'status', {
      ok: true,
      data: securityView({
        postingHolds: [{ incidentId: 'inc-1', kind: 'accountStolen', since: '2026-11-28T08:45:00.000+08:00' }],
      }),
    });
    wxm.cloud.reply('security', 'history', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(page.text('#hold-0')).toContain('因账号被盗暂停发布');
    wxm.cloud.reply('security', 'attest', {
      ok: false,
      error: {
        code: 'CHANGE_BEFORE_HOLDER_CHANGE',
        message: '更换时间早于账号人员变动时间，人员变动后须重新更换密码（第三十三条）',
      },
    });
    await page.fire('#attest', 'click');
    expect(page.text('#refusal')).toContain('人员变动后须重新更换密码');
    await page.fire('#report', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/report/index?accountId=acc-cs-weibo' }),
    );
  });

  it('offers no attestation to someone who does not operate the account', async () => {
    wxm.cloud.reply('security', 'status', { ok: true, data: securityView({ canAttest: false }) });
    wxm.cloud.reply('security', 'history', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(page.exists('#attest')).toBe(false);
    expect(page.text('#list')).toContain('暂无登记记录');
  });

  it('an operator declares the settings in use as facts: whose phone, its last four digits, two-step, admin WeChat', async () => {
    wxm.cloud.reply('security', 'status', { ok: true, data: securityView({ settings: null }) });
    wxm.cloud.reply('security', 'history', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(page.text()).toContain('尚未登记安全设置');
    await page.fire('#settings-open', 'tap');
    await page.fire('#bound-phone', 'change', 'personalPhone');
    await page.fire('#declare', 'click');
    expect(page.text('#settings-error')).toContain('请选择绑定手机所属的民警');
    await page.fire('#phone-holder', 'change', { value: '1' });
    await page.fire('#tail', 'change', '12');
    await page.fire('#declare', 'click');
    expect(page.text('#settings-error')).toContain('后四位');
    expect(wxm.cloud.sent('security', 'declareSettings')).toHaveLength(0);
    await page.fire('#tail', 'change', '1234');
    await page.fire('#two-step', 'change', true);
    await page.fire('#admin', 'change', { value: '1' });
    const declared = securityView({
      rev: 5,
      settings: {
        boundPhone: 'personalPhone',
        boundPhoneHolderId: 'p-cs-operator-b',
        boundPhoneTail: '1234',
        twoStepVerification: true,
        loginProtection: false,
        adminWechatHolderId: 'p-cs-operator-a',
        boundPhoneHolderName: '李娜',
        adminWechatHolderName: '王明',
      },
    });
    wxm.cloud.reply('security', 'declareSettings', { ok: true, data: declared });
    wxm.cloud.reply('security', 'status', { ok: true, data: declared });
    await page.fire('#declare', 'click');
    expect(wxm.cloud.sent('security', 'declareSettings')[0]).toEqual(
      expect.objectContaining({
        accountId: 'acc-cs-weibo',
        expectedRev: 4,
        settings: {
          boundPhone: 'personalPhone',
          boundPhoneHolderId: 'p-cs-operator-b',
          boundPhoneTail: '1234',
          twoStepVerification: true,
          loginProtection: false,
          adminWechatHolderId: 'p-cs-operator-a',
        },
      }),
    );
    expect(page.text()).toContain('绑定李娜的手机（尾号 1234）');
    expect(page.exists('#declare')).toBe(false);
  });
});
