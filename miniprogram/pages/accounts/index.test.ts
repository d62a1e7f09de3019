import { NETWORK_ERROR } from '../../services/api';
import { me } from '../../test-utils/fixtures';
import { accountView } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const page1 = (items = [accountView({ id: 'acc-1' })], nextOffset: number | null = null, canRegister = true) => ({
  ok: true as const,
  data: { items, nextOffset, canRegister },
});

describe('账号管理 (pages/accounts)', () => {
  it('shows a loading state until the list arrives', async () => {
    const pending = wxm.cloud.hold('org', 'listAccounts');
    const page = await openPage('pages/accounts/index', { unitId: 'u-cs' });
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve(page1());
    expect(page.exists('#account-acc-1')).toBe(true);
  });

  it("opens on the unit the caller's role reaches when none is given", async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: [{ role: 'reviewer', unitName: '长沙市公安局', unitId: 'u-cs' }] }),
    });
    wxm.cloud.reply('org', 'listAccounts', page1());
    await openPage('pages/accounts/index');
    expect(wxm.cloud.sent('org', 'listAccounts')).toEqual([{ action: 'listAccounts', unitId: 'u-cs', limit: 20 }]);
  });

  it('shows each account with its platform, staff, state and how many rules it breaks', async () => {
    wxm.cloud.reply(
      'org',
      'listAccounts',
      page1([
        accountView({ id: 'acc-1' }),
        accountView({
          id: 'acc-2',
          name: '浏阳公安',
          platform: 'douyin',
          unitName: '浏阳市公安局',
          operatorB: null,
          reviewers: [],
          state: 'suspended',
          violations: [
            { code: 'REVIEWER_REQUIRED', message: '机构公安新媒体应至少确定一名审核民警', article: '第十六条' },
            {
              code: 'TRAINING_REQUIRED',
              message: 'A角运营民警王明未完成新媒体业务培训，不能上岗',
              article: '第三十五条',
            },
          ],
        }),
      ]),
    );
    const page = await openPage('pages/accounts/index', { unitId: 'u-cs' });
    expect(page.text('#account-acc-1')).toContain('微博 · 机构账号 · 长沙市公安局');
    expect(page.text('#account-acc-1')).toContain('A角 王明 · B角 李娜 · 审核 张伟');
    expect(page.text('#account-acc-1')).not.toContain('不符合规定');
    expect(page.text('#account-acc-2')).toContain('抖音 · 机构账号 · 浏阳市公安局');
    expect(page.text('#account-acc-2')).toContain('暂停更新');
    expect(page.text('#account-acc-2')).toContain('不符合规定 2 项');
  });

  it('shows an empty state, and opens the new-account page', async () => {
    wxm.cloud.reply('org', 'listAccounts', page1([]));
    const page = await openPage('pages/accounts/index', { unitId: 'u-ly' });
    expect(page.text('#list >>> #empty')).toContain('暂无账号');
    await page.fire('#add', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/account/index?unitId=u-ly' }));
    // 第十条: a new account is applied for, by the unit.
    await page.fire('#apply', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/apply/index?unitId=u-ly' }),
    );
  });

  it('offers 登记存量账号 only where the server says the caller may register (第十条)', async () => {
    wxm.cloud.reply('org', 'listAccounts', page1([], null, false));
    const page = await openPage('pages/accounts/index', { unitId: 'u-cs' });
    expect(page.exists('#add')).toBe(false);
    // Applying stays open to the unit: the desk decides.
    expect(page.exists('#apply')).toBe(true);
    wxm.cloud.reply('org', 'listAccounts', page1([], null, true));
    await page.pullDown();
    expect(page.exists('#add')).toBe(true);
  });

  it('opens an account in its own unit, and loads more', async () => {
    wxm.cloud.reply('org', 'listAccounts', page1([accountView({ id: 'acc-1', unitId: 'u-ly' })], 1));
    const page = await openPage<{ list: { items: { id: string }[] } }>('pages/accounts/index', { unitId: 'u-cs' });
    expect(page.text('#total')).toContain('已列出 1 个账号，更多见下方');
    await page.fire('#account-acc-1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/account/index?id=acc-1&unitId=u-ly' }),
    );
    wxm.cloud.reply('org', 'listAccounts', page1([accountView({ id: 'acc-2' })]));
    await page.fire('#list >>> #more', 'tap');
    expect(wxm.cloud.sent('org', 'listAccounts')[1]).toEqual({
      action: 'listAccounts',
      unitId: 'u-cs',
      offset: 1,
      limit: 20,
    });
    expect(page.data().list.items.map((a) => a.id)).toEqual(['acc-1', 'acc-2']);
    expect(page.text('#total')).toContain('共 2 个账号');
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.failNetwork('org', 'listAccounts');
    const page = await openPage('pages/accounts/index', { unitId: 'u-cs' });
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('org', 'listAccounts', page1());
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#account-acc-1')).toBe(true);
  });
});
