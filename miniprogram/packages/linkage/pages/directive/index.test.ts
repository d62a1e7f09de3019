import { detail, response, row, view, openTicking, unloadPages } from '../../../../test-utils/linkage-fixtures';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
afterEach(unloadPages);
const ROUTE = 'packages/linkage/pages/directive/index';

describe('联动指令 (packages/linkage/pages/directive)', () => {
  beforeEach(() => {
    wxm.cloud.reply('notify', 'consentPlan', { ok: true, data: { requests: [] } });
  });

  it('opens from the notification: content, wording, the time left and the caller’s accounts', async () => {
    const pending = wxm.cloud.hold('linkage', 'get');
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({
      ok: true,
      data: view({
        mine: [
          row(),
          row({
            accountId: 'acc-cs-wechat-sub',
            platformLabel: '微信订阅号',
            state: 'onTime',
            stateLabel: '按时响应',
            response: response(),
          }),
        ],
      }),
    });
    expect(wxm.cloud.sent('linkage', 'get')).toEqual([{ action: 'get', directiveId: 'd1' }]);
    expect(page.text('#head')).toContain('澄清网传不实信息');
    expect(page.text('#head')).toContain('涉警舆情处置');
    expect(page.text('#countdown')).toMatch(/^剩余 4[78]:\d\d$/u);
    expect(page.text('#content')).toContain('请转发省厅官方微博发布的警情通报。');
    expect(page.text('#wording')).toContain('以警方通报为准');
    expect(page.text('#row-acc-cs-weibo')).toContain('长沙警事（微博） 未响应');
    expect(page.text('#row-acc-cs-wechat-sub')).toContain('用时 12 分 00 秒 · 转发 · 王明');
    // Only the account still owing a response offers to respond.
    expect(page.exists('#respond-acc-cs-wechat-sub')).toBe(false);
    expect(page.exists('#board')).toBe(false);
  });

  it('goes to respond for one account, or to the editor for an original post (through the chain)', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view() });
    const page = await openTicking(ROUTE, { id: 'd1' });
    await page.fire('#respond-acc-cs-weibo', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/respond/index?id=d1&accountId=acc-cs-weibo' }),
    );
    await page.fire('#write-acc-cs-weibo', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/post-edit/index?accountId=acc-cs-weibo&linkageDirectiveId=d1' }),
    );
  });

  it('says a withdrawn directive is withdrawn, and takes no response', async () => {
    wxm.cloud.reply('linkage', 'get', {
      ok: true,
      data: view(
        {},
        {
          state: 'withdrawn',
          stateLabel: '已撤回',
          withdrawal: { reason: '信息有误', byId: 'p', byName: '周芳', at: '2026-12-01T09:10:00.000+08:00' },
          corrections: [{ id: 'd2', title: '更正：澄清网传信息', issuedAt: '2026-12-01T09:12:00.000+08:00' }],
        },
      ),
    });
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(page.text('#withdrawn')).toContain('12-01 09:10 撤回：信息有误');
    expect(page.exists('#respond-acc-cs-weibo')).toBe(false);
    expect(page.exists('#countdown')).toBe(false);
    await page.fire('#correction-d2', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/directive/index?id=d2' }),
    );
  });

  it('offers the board to a desk or a responsible leader', async () => {
    wxm.cloud.reply('linkage', 'get', {
      ok: true,
      data: view({ mine: [], canBoard: true }, detail({ correctionOf: 'd0', correctionOfTitle: '旧指令' })),
    });
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(page.text('#correction-of')).toContain('更正《旧指令》');
    await page.fire('#board', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/board/index?id=d1' }),
    );
  });

  it('shows the refusal to someone the directive does not concern', async () => {
    wxm.cloud.reply('linkage', 'get', {
      ok: false,
      error: { code: 'NOT_INVOLVED', message: '您不在此联动指令的范围内' },
    });
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(page.text('#error')).toContain('您不在此联动指令的范围内');
  });
});
