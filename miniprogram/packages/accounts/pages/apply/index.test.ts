import { detail } from '../../../../test-utils/account-fixtures';
import { me } from '../../../../test-utils/fixtures';
import { peoplePage, personView, unitSummary, unitView } from '../../../../test-utils/org-fixtures';
import { flush, openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/apply/index';

const peoplePageOfCs = () =>
  peoplePage({
    children: [unitSummary({ id: 'u-cs-jj', name: '长沙市公安局交警支队' })],
    items: [
      personView({ id: 'p-a', name: '王明' }),
      personView({ id: 'p-b', name: '陈静' }),
      personView({ id: 'p-r', name: '刘强' }),
    ],
  });

function replies(): void {
  wxm.cloud.reply('org', 'me', {
    ok: true,
    data: me({ roles: [{ role: 'unitAdmin', unitName: '长沙市公安局', unitId: 'u-cs' }] }),
  });
  wxm.cloud.reply('account', 'catalogue', {
    ok: true,
    data: {
      platforms: [
        { platform: 'weibo', label: '微博', family: 'weibo', requiredFamily: 'weibo' },
        { platform: 'douyin', label: '抖音', family: 'video', requiredFamily: null },
      ],
      rules: {
        naming: {
          patterns: [{ pattern: '{place}警事', for: 'bureau', example: '长沙警事' }],
          maxLength: 20,
          forbiddenWords: [],
        },
        filingWorkingDays: 5,
        acknowledgeWorkingDays: 3,
        rev: 1,
        updatedAt: null,
        updatedBy: null,
      },
    },
  });
  wxm.cloud.reply('org', 'listPeople', { ok: true, data: peoplePageOfCs() });
}

type ApplyPage = { sheetActions: { name: string; value: string }[]; errors: Record<string, string> };

describe('申请开设账号 (packages/accounts/pages/apply)', () => {
  it('asks what is missing before sending anything', async () => {
    replies();
    const page = await openPage<ApplyPage>(ROUTE);
    expect(page.text('#unit')).toContain('长沙市公安局');
    expect(page.text()).toContain('规范名称示例：长沙警事');
    await page.fire('#submit', 'click');
    expect(page.data().errors).toEqual(
      expect.objectContaining({ platform: '请选择平台', name: '请填写拟用名称', purpose: '请填写开设目的与定位' }),
    );
    expect(wxm.cloud.sent('account', 'apply')).toEqual([]);
  });

  it('lets the applicant pick any unit in scope from the searchable picker, and asks for its people again', async () => {
    replies();
    const page = await openPage<ApplyPage & { form: { unitId: string; operatorA: string } }>(ROUTE);
    await page.fire('#operator-a', 'click');
    await page.fire('#sheet', 'select', { name: '王明', value: 'p-a' });
    expect(page.data().form.operatorA).toBe('p-a');
    await page.fire('#unit', 'click');
    const [options] = wxm.navigateTo.mock.calls[0] as [
      { url: string; events: { picked(unit: { id: string; name: string }): void } },
    ];
    expect(options.url).toBe('/packages/accounts/pages/unit-pick/index?current=u-cs');
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({ unit: unitView({ id: 'u-ly-jj', name: '浏阳市公安局交警大队' }), items: [] }),
    });
    options.events.picked({ id: 'u-ly-jj', name: '浏阳市公安局交警大队' });
    await flush();
    expect(page.text('#unit')).toContain('浏阳市公安局交警大队');
    expect(page.data().form).toMatchObject({ unitId: 'u-ly-jj', operatorA: '' });
    expect(wxm.cloud.sent('org', 'listPeople').slice(-1)[0]).toMatchObject({ unitId: 'u-ly-jj' });
  });

  it('sends the unit, platform, name, people and attested conditions under one key, then opens the application', async () => {
    replies();
    const page = await openPage<ApplyPage>(ROUTE);
    await page.fire('#platform', 'click');
    await page.fire('#sheet', 'select', { name: '抖音', value: 'douyin' });
    await page.fire('#name', 'change', '长沙警事');
    await page.fire('#purpose', 'change', '短视频发布警情通报');
    await page.fire('#column-plan', 'change', '警情速递；防骗课堂');
    await page.fire('#operator-a', 'click');
    await page.fire('#sheet', 'select', { name: '王明', value: 'p-a' });
    await page.fire('#operator-b', 'click');
    await page.fire('#sheet', 'select', { name: '陈静', value: 'p-b' });
    await page.fire('#reviewers', 'click');
    await page.fire('#sheet', 'select', { name: '刘强', value: 'p-r' });
    expect(page.data().sheetActions.find((a) => a.value === 'p-r')?.name).toBe('✓ 刘强');
    await page.fire('#sheet', 'cancel');
    await page.fire('#technical-support', 'change', '网安支队');
    await page.fire('#equipment', 'change', true);
    await page.fire('#equipment-note', 'change', '专用手机2部');
    expect(page.text('#staff')).toContain('刘强');

    wxm.cloud.reply('account', 'apply', {
      ok: false,
      error: { code: 'CONDITIONS_UNMET', message: '场地未落实（第十一条）；经费未落实（第十一条）' },
    });
    await page.fire('#submit', 'click');
    expect(page.text('#refusal')).toContain('场地未落实（第十一条）');
    wxm.cloud.reply('account', 'apply', { ok: true, data: detail({ id: 'app-9' }) });
    await page.fire('#submit', 'click');
    const sent = wxm.cloud.sent('account', 'apply') as Array<Record<string, unknown>>;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({
      action: 'apply',
      unitId: 'u-cs',
      platform: 'douyin',
      name: '长沙警事',
      purpose: '短视频发布警情通报',
      columnPlan: '警情速递；防骗课堂',
      conditions: {
        operatorA: 'p-a',
        operatorB: 'p-b',
        reviewerIds: ['p-r'],
        technicalSupport: '网安支队',
        equipment: { attested: true, note: '专用手机2部' },
        premises: { attested: false, note: '' },
        funding: { attested: false, note: '' },
        exceptionApproval: null,
      },
      clientKey: expect.stringMatching(/^apply-/),
    });
    // The retry after a refusal is the same submission: the function answers the same application.
    expect(sent[1]?.clientKey).toBe(sent[0]?.clientKey);
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/application/index?id=app-9' }),
    );
  });

  it('amends an application sent back, on the rev it loaded', async () => {
    replies();
    wxm.cloud.reply('account', 'application', {
      ok: true,
      data: detail({ state: 'returned', rev: 3, can: { decide: false, withdraw: true, amend: true } }),
    });
    const page = await openPage<ApplyPage>(ROUTE, { applicationId: 'app-1' });
    expect(page.text('#submit')).toContain('重新提交');
    await page.fire('#funding', 'change', true);
    wxm.cloud.reply('account', 'amend', { ok: true, data: detail() });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('account', 'amend')[0]).toEqual(
      expect.objectContaining({
        action: 'amend',
        applicationId: 'app-1',
        expectedRev: 3,
        name: '长沙警事',
        conditions: expect.objectContaining({ operatorA: 'p-a', funding: { attested: true, note: '' } }),
      }),
    );
  });

  it('tells an officer without an applying role who applies', async () => {
    replies();
    wxm.cloud.reply('org', 'me', { ok: true, data: me() });
    const page = await openPage(ROUTE);
    expect(page.text('#error')).toContain('第十条');
  });
});
