import { accountView, peoplePage, personView, unitView } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface AccountData {
  editable: boolean;
  sheetActions: { name: string; value: string }[];
  form: { reviewerIds: string[]; operatorA: string | null };
}

const grant = (role: 'operator' | 'reviewer', unitId = 'u-cs') => ({
  role,
  unitId,
  unitName: '长沙市公安局',
  scopeUnitId: unitId,
  scopeUnitName: '长沙市公安局',
  scopeLevel: 'city' as const,
});
const staff = peoplePage({
  unit: unitView(),
  items: [
    personView({ id: 'p-a', name: '王明', roles: [grant('operator')] }),
    personView({ id: 'p-b', name: '李娜', roles: [grant('operator')] }),
    personView({ id: 'p-c', name: '马超', roles: [grant('operator')] }),
    personView({ id: 'p-r', name: '张伟', roles: [grant('reviewer')] }),
    personView({ id: 'p-r2', name: '刘洋', roles: [grant('reviewer')] }),
    personView({ id: 'p-elsewhere', name: '郑洁', roles: [grant('operator', 'u-ly')] }),
  ],
});
const listed = (account = accountView({ id: 'acc-1', rev: 4 })) => ({
  ok: true as const,
  data: { items: [account], nextOffset: null, canRegister: false },
});

describe('账号信息 (pages/account)', () => {
  it('shows a loading state, then the account with its staff and what it breaks today', async () => {
    const pending = wxm.cloud.hold('org', 'listAccounts');
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage('pages/account/index', { id: 'acc-1', unitId: 'u-cs' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve(
      listed(
        accountView({
          id: 'acc-1',
          violations: [
            {
              code: 'TRAINING_REQUIRED',
              message: 'A角运营民警王明未完成新媒体业务培训，不能上岗',
              article: '第三十五条',
            },
          ],
        }),
      ),
    );
    expect(wxm.cloud.sent('org', 'listAccounts')).toEqual([
      { action: 'listAccounts', unitId: 'u-cs', accountId: 'acc-1', limit: 1 },
    ]);
    expect(page.text('#violations')).toContain('A角运营民警王明未完成新媒体业务培训，不能上岗（第三十五条）');
    expect(page.text('#platform')).toContain('微博');
    expect(page.text('#operator-a')).toContain('王明');
    expect(page.text('#operator-b')).toContain('李娜');
    expect(page.text('#reviewer-p-r')).toContain('已选');
    expect(page.text('#reviewer-p-r2')).toContain('未选');
  });

  it('offers only the operators of the account unit as A角 and B角', async () => {
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage<AccountData>('pages/account/index', { id: 'acc-1', unitId: 'u-cs' });
    await page.fire('#operator-b', 'click');
    expect(page.data().sheetActions.map((c) => c.value)).toEqual(['', 'p-a', 'p-b', 'p-c']);
    await page.fire('#sheet', 'select', { name: '马超', value: 'p-c' });
    expect(page.text('#operator-b')).toContain('马超');
  });

  it('saves the whole account on the loaded rev and lists every rule a refusal names', async () => {
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage<AccountData>('pages/account/index', { id: 'acc-1', unitId: 'u-cs' });
    await page.fire('#reviewer-p-r', 'click');
    expect(page.data().form.reviewerIds).toEqual([]);
    wxm.cloud.reply('org', 'upsertAccount', {
      ok: false,
      error: {
        code: 'ACCOUNT_INVALID',
        message:
          '账号设置不符合规定：机构公安新媒体应至少确定一名审核民警（第十六条）；A角和B角不能是同一人（第十一条）',
      },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'upsertAccount')[0]).toEqual({
      action: 'upsertAccount',
      id: 'acc-1',
      expectedRev: 4,
      account: {
        platform: 'weibo',
        name: '长沙警事',
        platformId: 'csjs',
        unitId: 'u-cs',
        kind: 'institutional',
        ownerId: null,
        realNameVerified: true,
        operatorA: 'p-a',
        operatorB: 'p-b',
        reviewerIds: [],
        state: 'active',
        exceptionApproval: null,
      },
    });
    expect(page.text('#problems')).toBe(
      '机构公安新媒体应至少确定一名审核民警（第十六条） A角和B角不能是同一人（第十一条）',
    );

    await page.fire('#reviewer-p-r2', 'click');
    wxm.cloud.reply('org', 'upsertAccount', {
      ok: true,
      data: accountView({ id: 'acc-1', rev: 5, reviewers: [{ id: 'p-r2', name: '刘洋' }] }),
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'upsertAccount')[1]).toMatchObject({
      expectedRev: 4,
      account: { reviewerIds: ['p-r2'] },
    });
    expect(page.exists('#problems')).toBe(false);
    expect(page.text('#reviewer-p-r2')).toContain('已选');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('swaps A角 and B角 in one change, and shows a racing editor as CONFLICT', async () => {
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage('pages/account/index', { id: 'acc-1', unitId: 'u-cs' });
    wxm.cloud.reply('org', 'setOperators', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#swap', 'click');
    expect(wxm.cloud.sent('org', 'setOperators')).toEqual([
      { action: 'setOperators', accountId: 'acc-1', expectedRev: 4, operatorA: 'p-b', operatorB: 'p-a' },
    ]);
    expect(page.text('#problems')).toBe('数据已被他人修改，请刷新后重试');
  });

  it('registers a new account in the unit', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage('pages/account/index', { unitId: 'u-cs' });
    expect(wxm.cloud.sent('org', 'listAccounts')).toHaveLength(0);
    expect(page.exists('#swap')).toBe(false);
    await page.fire('#save', 'click');
    expect(page.text('#problems')).toContain('请填写账号名称');

    await page.fire('#name', 'change', '长沙公安抖音');
    await page.fire('#platform', 'click');
    await page.fire('#sheet', 'select', { name: '抖音', value: 'douyin' });
    await page.fire('#operator-a', 'click');
    await page.fire('#sheet', 'select', { name: '王明', value: 'p-a' });
    await page.fire('#reviewer-p-r', 'click');
    wxm.cloud.reply('org', 'upsertAccount', {
      ok: true,
      data: accountView({ id: 'acc-new', name: '长沙公安抖音', platform: 'douyin', rev: 1 }),
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'upsertAccount')[0]).toMatchObject({
      id: null,
      expectedRev: 0,
      account: { name: '长沙公安抖音', platform: 'douyin', unitId: 'u-cs', operatorA: 'p-a', reviewerIds: ['p-r'] },
    });
    expect(page.exists('#swap')).toBe(true);
  });

  it('shows the account read-only to whoever may not list people', async () => {
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', {
      ok: false,
      error: { code: 'ROLE_REQUIRED', message: '当前角色无权进行此操作' },
    });
    const page = await openPage<AccountData>('pages/account/index', { id: 'acc-1', unitId: 'u-cs' });
    expect(page.data().editable).toBe(false);
    expect(page.exists('#save')).toBe(false);
    await page.fire('#operator-a', 'click');
    expect(page.data().sheetActions).toEqual([]);
  });

  it('changes an account’s state only through the lifecycle, and opens closing (第十三条)', async () => {
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    const page = await openPage<AccountData & { sheetKey: string }>('pages/account/index', {
      id: 'acc-1',
      unitId: 'u-cs',
    });
    expect(page.text('#state')).toContain('开设、关闭、注销经审批变更');
    // The state sizes to its text (app.wxss cell-value--fit), leaving the note beneath the row's width.
    expect(JSON.stringify(page.root.querySelector('#state')?.toJSON())).toContain('cell-value--fit');
    await page.fire('#state', 'click');
    expect(page.data().sheetKey).toBe('');
    await page.fire('#close', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/close/index?accountId=acc-1&unitId=u-cs' }),
    );
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.reply('org', 'listAccounts', { ok: true, data: { items: [], nextOffset: null, canRegister: false } });
    const page = await openPage('pages/account/index', { id: 'acc-9', unitId: 'u-cs' });
    expect(page.text('#error')).toContain('该账号不存在或不在本单位');
    wxm.cloud.reply('org', 'listAccounts', listed());
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: staff });
    await page.fire('#error', 'retry');
    expect(page.text('#operator-a')).toContain('王明');
  });
});
