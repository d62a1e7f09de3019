import { detail, view } from '../../../../test-utils/linkage-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/linkage/pages/issue/index';

const OPTIONS = {
  scopeUnitId: 'u-hn',
  scopeUnitName: '湖南省公安厅',
  units: [
    { id: 'u-cs', name: '长沙市公安局' },
    { id: 'u-zz', name: '株洲市公安局' },
  ],
  platforms: [
    { id: 'weibo' as const, label: '微博' },
    { id: 'douyin' as const, label: '抖音' },
  ],
  defaultWindowMinutes: 60,
  graceMinutes: 30,
};
const PREVIEW = {
  targetCount: 312,
  operatorPlaces: 620,
  reachableAccounts: 280,
  reachableOperators: 400,
  targetsLabel: '湖南省公安厅全部账号',
  units: [],
};

async function opened(query: Record<string, string> = {}) {
  wxm.cloud.reply('linkage', 'targetOptions', { ok: true, data: OPTIONS });
  wxm.cloud.reply('linkage', 'preview', { ok: true, data: PREVIEW });
  return openPage<{ errors: Record<string, string>; confirming: boolean; targetCount: number }>(ROUTE, query);
}

describe('下发联动指令 (packages/linkage/pages/issue)', () => {
  it('shows how many accounts the call reaches, and how many WeChat can reach now', async () => {
    const page = await opened();
    expect(wxm.cloud.sent('linkage', 'preview')).toEqual([
      { action: 'preview', targets: { mode: 'filter', unitIds: [], platforms: [] } },
    ]);
    expect(page.text('#preview')).toBe(
      '将调度 312 个账号（A/B 角共 620 人次）；此刻可微信即时触达 280 个账号，其余仅站内消息',
    );
    expect(page.text('#units')).toContain('长沙市公安局');
  });

  it('asks for a title, content or link and a response kind before confirming', async () => {
    const page = await opened();
    await page.fire('#response-kinds', 'change', []);
    await page.fire('#submit', 'click');
    expect(page.data().errors).toEqual({
      title: '请填写指令标题',
      content: '请填写内容或给出链接',
      link: '',
      kinds: '请至少选择一种响应方式',
    });
    expect(page.data().confirming).toBe(false);
  });

  it('issues after an explicit confirm, once however often it is tapped, then opens the board', async () => {
    const redirect = jest.spyOn(wx, 'redirectTo');
    const page = await opened();
    await page.fire('#kind', 'change', 'publicity');
    await page.fire('#title', 'change', '转发全省禁毒宣传月启动仪式');
    await page.fire('#link', 'change', 'https://weibo.com/hngaj/2');
    await page.fire('#units', 'change', ['u-cs']);
    await page.fire('#platforms', 'change', ['weibo']);
    await new Promise((r) => setTimeout(r, 350));
    expect(wxm.cloud.sent('linkage', 'preview').pop()).toEqual({
      action: 'preview',
      targets: { mode: 'filter', unitIds: ['u-cs'], platforms: ['weibo'] },
    });
    await page.fire('#window', 'change', 30);
    await page.fire('#submit', 'click');
    expect(page.data().confirming).toBe(true);
    expect(page.text('#confirm-text')).toContain('向 312 个账号下发《转发全省禁毒宣传月启动仪式》，30 分钟内响应');

    wxm.cloud.reply('linkage', 'issue', { ok: false, error: { code: 'NETWORK', message: '网络异常，请稍后重试' } });
    await page.fire('#confirm', 'confirm');
    expect(page.text('#refusal')).toBe('网络异常，请稍后重试');
    wxm.cloud.reply('linkage', 'issue', { ok: true, data: view({}, detail({ id: 'd9', targetCount: 312 })) });
    await page.fire('#submit', 'click');
    await page.fire('#confirm', 'confirm');
    const sent = wxm.cloud.sent('linkage', 'issue') as { clientKey: string }[];
    expect(sent).toHaveLength(2);
    // The retry carries the same key: the server issues one directive.
    expect(sent[0]?.clientKey).toBe(sent[1]?.clientKey);
    expect(sent[1]).toMatchObject({
      action: 'issue',
      kind: 'publicity',
      title: '转发全省禁毒宣传月启动仪式',
      link: 'https://weibo.com/hngaj/2',
      responseKinds: ['repost', 'original', 'comment'],
      targets: { mode: 'filter', unitIds: ['u-cs'], platforms: ['weibo'] },
      windowMinutes: 30,
    });
    expect(redirect).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/board/index?id=d9' }),
    );
  });

  it('picks accounts one by one', async () => {
    wxm.cloud.reply('org', 'listAccounts', {
      ok: true,
      data: {
        items: [
          {
            id: 'acc-cs-weibo',
            platform: 'weibo',
            name: '长沙警事',
            platformId: 'x',
            unitId: 'u-cs',
            unitName: '长沙市公安局',
            kind: 'institutional',
            owner: null,
            realNameVerified: true,
            operatorA: null,
            operatorB: null,
            reviewers: [],
            state: 'active',
            exceptionApproval: null,
            violations: [],
            rev: 1,
          },
        ],
        nextOffset: null,
        canRegister: false,
      },
    });
    const page = await opened();
    await page.fire('#mode', 'change', 'accounts');
    expect(wxm.cloud.sent('org', 'listAccounts')).toEqual([
      { action: 'listAccounts', unitId: 'u-hn', scope: 'subtree', offset: 0, limit: 50 },
    ]);
    expect(page.text('#accounts')).toContain('长沙警事（长沙市公安局）');
    await page.fire('#accounts', 'change', ['acc-cs-weibo']);
    await new Promise((r) => setTimeout(r, 350));
    expect(wxm.cloud.sent('linkage', 'preview').pop()).toEqual({
      action: 'preview',
      targets: { mode: 'accounts', accountIds: ['acc-cs-weibo'] },
    });
  });

  it('prefills a correction from the directive it corrects', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view() });
    const page = await opened({ correctionOf: 'd1' });
    expect(page.text('#correction')).toContain('更正《澄清网传不实信息》');
    expect(page.data()).toMatchObject({ title: '更正：澄清网传不实信息' });
  });

  it('shows why the desk may not issue', async () => {
    wxm.cloud.reply('linkage', 'targetOptions', {
      ok: false,
      error: { code: 'CITY_NOT_ALLOWED', message: '省厅尚未允许本市州宣传部门下发联动指令（第三十四条）' },
    });
    const page = await openPage(ROUTE);
    expect(page.text('#error')).toContain('省厅尚未允许');
  });
});
