import { accountView, detail } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/application/index';

describe('申请详情 (packages/accounts/pages/application)', () => {
  it('shows what was asked, the conditions attested and every step with its article', async () => {
    wxm.cloud.reply('account', 'application', { ok: true, data: detail({ namingAdvice: '名称须含地名' }) });
    const page = await openPage(ROUTE, { id: 'app-1' });
    expect(wxm.cloud.sent('account', 'application')).toEqual([{ action: 'application', applicationId: 'app-1' }]);
    expect(page.text('#head')).toContain('长沙警事（抖音）');
    expect(page.text('#head')).toContain('湖南省公安厅政治部宣传处（第十条）');
    const text = page.text();
    expect(text).toContain('王明');
    expect(text).toContain('已落实：专用手机2部');
    expect(text).toContain('未落实');
    expect(page.text('#purpose')).toContain('短视频发布警情通报');
    expect(page.text('#naming-advice')).toContain('名称须含地名');
    expect(page.text('#steps')).toContain('提交申请');
    expect(page.text('#steps')).toContain('赵敏 · 第十条');
    expect(page.exists('#approve')).toBe(false);
  });

  it('lets the desk approve only after a confirm, and asks a reason to send back or refuse', async () => {
    wxm.cloud.reply('account', 'application', {
      ok: true,
      data: detail({ can: { decide: true, withdraw: false, amend: false } }),
    });
    const page = await openPage<{ confirming: boolean; noteError: string }>(ROUTE, { id: 'app-1' });
    await page.fire('#return', 'click');
    expect(page.data().noteError).toBe('请写明需修改的内容');
    expect(wxm.cloud.sent('account', 'decide')).toEqual([]);

    await page.fire('#approve', 'click');
    expect(page.data().confirming).toBe(true);
    expect(wxm.cloud.sent('account', 'decide')).toEqual([]);
    wxm.cloud.reply('account', 'decide', { ok: true, data: detail({ state: 'approved', stateLabel: '已同意' }) });
    wxm.cloud.reply('account', 'application', {
      ok: true,
      data: detail({ state: 'approved', stateLabel: '已同意', accountId: 'acc-1' }),
    });
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('account', 'decide')).toEqual([
      { action: 'decide', applicationId: 'app-1', expectedRev: 1, decision: 'approve' },
    ]);
    expect(page.text('#state')).toContain('已同意');
    expect(page.exists('#approve')).toBe(false);
    expect(page.exists('#setup')).toBe(true);
  });

  it('sends back with the reason; a decision made meanwhile by a colleague is said and shown', async () => {
    wxm.cloud.reply('account', 'application', {
      ok: true,
      data: detail({ can: { decide: true, withdraw: false, amend: false } }),
    });
    const page = await openPage(ROUTE, { id: 'app-1' });
    await page.fire('#note', 'change', '请补充技术保障人员');
    wxm.cloud.reply('account', 'decide', { ok: false, error: { code: 'NOT_PENDING', message: '该申请已由他人处理' } });
    wxm.cloud.reply('account', 'application', { ok: true, data: detail({ state: 'refused', stateLabel: '不予同意' }) });
    await page.fire('#return', 'click');
    expect(wxm.cloud.sent('account', 'decide')).toEqual([
      { action: 'decide', applicationId: 'app-1', expectedRev: 1, decision: 'return', reason: '请补充技术保障人员' },
    ]);
    expect(page.text('#refusal')).toContain('该申请已由他人处理');
    expect(page.text('#state')).toContain('不予同意');
  });

  it('lists what is open on an account being closed and hands it over to another account of the unit (第十三条)', async () => {
    const closing = detail({
      type: 'close',
      typeLabel: '关闭',
      accountId: 'acc-old',
      opening: null,
      reason: '机构调整',
      openItems: {
        items: [{ collection: 'referrals', id: 'r1', summary: '咨询户籍迁移', at: '2026-03-08T09:00:00.000+08:00' }],
        total: 1,
      },
      can: { decide: true, withdraw: false, amend: false },
    });
    wxm.cloud.reply('account', 'application', { ok: true, data: closing });
    const page = await openPage(ROUTE, { id: 'app-1' });
    expect(page.text('#open-items')).toContain('流转：咨询户籍迁移');
    expect(page.text('#reason')).toContain('机构调整');
    wxm.cloud.reply('org', 'listAccounts', {
      ok: true,
      data: {
        items: [
          accountView({ id: 'acc-old', name: '旧号', state: 'active' }),
          accountView({ id: 'acc-new', name: '长沙警方', state: 'active' }),
        ],
        nextOffset: null,
        canRegister: false,
      },
    });
    await page.fire('#handover', 'click');
    expect(page.exists('#target-acc-old')).toBe(false);
    wxm.cloud.reply('account', 'handover', { ok: true, data: { moved: 1, remaining: 0 } });
    wxm.cloud.reply('account', 'application', { ok: true, data: { ...closing, openItems: { items: [], total: 0 } } });
    await page.fire('#target-acc-new', 'click');
    expect(wxm.cloud.sent('account', 'handover')).toEqual([
      { action: 'handover', accountId: 'acc-old', toAccountId: 'acc-new' },
    ]);
    expect(page.exists('#open-items')).toBe(false);
  });

  it('lets the applicant withdraw or amend', async () => {
    wxm.cloud.reply('account', 'application', {
      ok: true,
      data: detail({ state: 'returned', stateLabel: '退回修改', can: { decide: false, withdraw: true, amend: true } }),
    });
    const page = await openPage(ROUTE, { id: 'app-1' });
    await page.fire('#amend', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/apply/index?applicationId=app-1' }),
    );
    wxm.cloud.reply('account', 'withdraw', { ok: true, data: detail({ state: 'withdrawn', stateLabel: '已撤回' }) });
    wxm.cloud.reply('account', 'application', { ok: true, data: detail({ state: 'withdrawn', stateLabel: '已撤回' }) });
    await page.fire('#withdraw', 'click');
    expect(wxm.cloud.sent('account', 'withdraw')).toEqual([
      { action: 'withdraw', applicationId: 'app-1', expectedRev: 1 },
    ]);
    expect(page.text('#state')).toContain('已撤回');
  });

  it('shows a refusal to read it as the error state', async () => {
    wxm.cloud.reply('account', 'application', { ok: false, error: { code: 'FORBIDDEN', message: '无权查看该申请' } });
    const page = await openPage(ROUTE, { id: 'app-1' });
    expect(page.text('#error')).toContain('无权查看该申请');
  });
});
