import { board, row, summary, tally, openTicking, unloadPages } from '../../../../test-utils/linkage-fixtures';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
afterEach(unloadPages);
const ROUTE = 'packages/linkage/pages/board/index';

describe('响应看板 (packages/linkage/pages/board)', () => {
  it('shows the totals, the cities, and the accounts silent and slowest first, live', async () => {
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(wxm.cloud.sent('linkage', 'board')).toEqual([{ action: 'board', directiveId: 'd1', offset: 0, limit: 20 }]);
    expect(page.text('#clock')).toBe('剩余 40 分钟');
    expect(page.text('#total')).toContain('按时 2 · 超时 1 · 未响应 1 / 共 4');
    expect(page.text('#total')).toContain('下发时可微信触达 3 个账号（共 4 个）');
    expect(page.text('#unit-u-cs')).toContain('长沙市公安局');
    expect(page.text('#account-acc-cs-wechat-service')).toContain('长沙公安服务（微信服务号） 未响应');
    expect(page.text('#account-acc-ly-weibo')).toContain('用时 1 小时 15 分 · 转发 · 王明');
    expect(page.exists('#shot-acc-ly-weibo')).toBe(true);
    await page.fire('#shot-acc-ly-weibo', 'tap');
  });

  it('opens a city: its counties and its own accounts, with the way back', async () => {
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    const page = await openTicking(ROUTE, { id: 'd1' });
    wxm.cloud.reply('linkage', 'board', {
      ok: true,
      data: board({
        unitId: 'u-cs',
        unitName: '长沙市公安局',
        total: tally({ drillable: false }),
        rows: [
          tally({ unitId: 'u-cs', unitName: '长沙市公安局本级', drillable: false, targets: 3 }),
          tally({ unitId: 'u-ly', unitName: '浏阳市公安局', drillable: false, targets: 1 }),
        ],
        path: [{ unitId: 'u-hn', unitName: '湖南省公安厅' }],
      }),
    });
    await page.fire('#unit-u-cs', 'tap');
    expect(wxm.cloud.sent('linkage', 'board')[1]).toEqual({
      action: 'board',
      directiveId: 'd1',
      unitId: 'u-cs',
      offset: 0,
      limit: 20,
    });
    expect(page.text('#path')).toContain('湖南省公安厅 › 长沙市公安局');
    expect(page.text('#unit-u-ly')).toContain('浏阳市公安局');
    // A row without bureaus under it opens nothing.
    await page.fire('#unit-u-ly', 'tap');
    expect(wxm.cloud.sent('linkage', 'board')).toHaveLength(2);
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    await page.fire('#path .path__item', 'tap');
    expect(wxm.cloud.sent('linkage', 'board')[2]).toMatchObject({ unitId: 'u-hn' });
  });

  it('filters the accounts: not yet, late, on time', async () => {
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    const page = await openTicking(ROUTE, { id: 'd1' });
    wxm.cloud.reply('linkage', 'board', {
      ok: true,
      data: board({ items: [row({ accountId: 'acc-cs-wechat-service' })] }),
    });
    await page.fire('#filter-status', 'change', 'silent');
    expect(wxm.cloud.sent('linkage', 'board')[1]).toEqual({
      action: 'board',
      directiveId: 'd1',
      unitId: 'u-hn',
      status: 'silent',
      offset: 0,
      limit: 20,
    });
    expect(page.exists('#account-acc-ly-weibo')).toBe(false);
  });

  it('withdraws only with a reason, then reloads', async () => {
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    const page = await openTicking<{ withdrawing: boolean; reasonError: string }>(ROUTE, { id: 'd1' });
    await page.fire('#withdraw', 'click');
    expect(page.data().withdrawing).toBe(true);
    const dialog = { stopLoading: jest.fn() };
    await page.fire('#withdraw-dialog', 'confirm', { dialog });
    expect(page.data().reasonError).toBe('请填写撤回原因');
    expect(wxm.cloud.sent('linkage', 'withdraw')).toHaveLength(0);
    await page.fire('#reason', 'change', '信息有误，另发更正');
    wxm.cloud.reply('linkage', 'withdraw', {
      ok: true,
      data: { directive: { ...summary(), state: 'withdrawn' } } as never,
    });
    wxm.cloud.reply('linkage', 'board', {
      ok: true,
      data: board({ canWithdraw: false, directive: summary({ state: 'withdrawn', stateLabel: '已撤回' }) }),
    });
    await page.fire('#withdraw-dialog', 'confirm', { dialog });
    expect(wxm.cloud.sent('linkage', 'withdraw')).toEqual([
      { action: 'withdraw', directiveId: 'd1', expectedRev: 3, reason: '信息有误，另发更正' },
    ]);
    expect(page.data().withdrawing).toBe(false);
    expect(page.text('#clock')).toBe('已撤回');
    expect(page.exists('#withdraw')).toBe(false);
  });

  it('issues a correction as a new directive linked to this one', async () => {
    wxm.cloud.reply('linkage', 'board', { ok: true, data: board() });
    const page = await openTicking(ROUTE, { id: 'd1' });
    await page.fire('#correct', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/linkage/pages/issue/index?correctionOf=d1' }),
    );
  });

  it('says a closed directive’s record is final', async () => {
    wxm.cloud.reply('linkage', 'board', {
      ok: true,
      data: board({ canWithdraw: false, directive: summary({ state: 'closed', stateLabel: '已结束' }) }),
    });
    const page = await openTicking(ROUTE, { id: 'd1' });
    expect(page.text('#clock')).toBe('已于 12-01 10:30 结束，记录已定稿');
  });
});
