import { monthView, rankingItem } from '../../../../test-utils/evaluation-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/evaluation/pages/month/index';

function confirmModals(content = ''): jest.Mock {
  const modal = jest.fn((opts: { success?: (res: { confirm: boolean; content?: string }) => void }) =>
    opts.success?.({ confirm: true, content }),
  );
  Object.assign(wx, { showModal: modal });
  return modal;
}

describe('月度评估 (packages/evaluation/pages/month)', () => {
  it('shows the draft to the desk: figures, the cities ranked, the accounts ranked, the desk’s steps', async () => {
    wxm.cloud.reply('evaluation', 'month', { ok: true, data: monthView() });
    wxm.cloud.reply('evaluation', 'ranking', {
      ok: true,
      data: {
        items: [
          rankingItem(),
          rankingItem({
            accountId: 'acc-2',
            accountName: '浏阳公安',
            rank: 2,
            score: 45,
            grade: '不合格',
            deducted: 5,
          }),
        ],
        nextOffset: null,
      },
    });
    const page = await openPage(ROUTE, { month: '2026-03' });
    expect(page.text('#month')).toBe('2026年3月');
    expect(page.text('#state')).toBe('草稿（仅省厅可见）');
    expect(page.text('#summary')).toContain('5 个账号，平均 84.10 分');
    expect(page.text('#city-u-cs')).toContain('1. 长沙市公安局');
    expect(page.text('#city-u-cs')).toContain('86.50');
    expect(page.text('#account-acc-cs-weibo')).toContain('1. 长沙警事');
    expect(page.text('#account-acc-2')).toContain('扣 5.00 分');
    // held together by no-break spaces, so a narrow row never leaves 分 alone on the next line
    const rows = (page.data() as { list: { items: { accountId: string; label: string }[] } }).list.items;
    expect(rows.find((r) => r.accountId === 'acc-2')?.label).toMatch(/ · 扣\u00a05\.00\u00a0分$/);
    expect(page.text('#account-acc-2')).toContain('不合格');
    // The score and grade size to their text (app.wxss cell-value--fit), leaving the label the rest of the row.
    expect(JSON.stringify(page.root.querySelector('#account-acc-2')?.toJSON())).toContain('cell-value--fit');
    expect(page.exists('#release')).toBe(true);
    expect(page.exists('#docx')).toBe(false);
    expect(wxm.cloud.sent('evaluation', 'ranking')).toEqual([
      { action: 'ranking', month: '2026-03', offset: 0, limit: 20 },
    ]);
  });

  it('shows a unit what the server refuses (the draft is the desk’s)', async () => {
    wxm.cloud.reply('evaluation', 'month', {
      ok: false,
      error: { code: 'NOT_RELEASED', message: '评估结果尚未下发，暂不能查看或提出异议' },
    });
    const page = await openPage(ROUTE, { month: '2026-03' });
    expect(page.text('#error')).toContain('评估结果尚未下发');
  });

  it('filters the ranking by account kind', async () => {
    wxm.cloud.reply('evaluation', 'month', { ok: true, data: monthView() });
    wxm.cloud.reply('evaluation', 'ranking', { ok: true, data: { items: [rankingItem()], nextOffset: null } });
    const page = await openPage(ROUTE, { month: '2026-03' });
    await page.fire('#kind-personal', 'tap');
    expect(wxm.cloud.sent('evaluation', 'ranking').slice(-1)[0]).toEqual({
      action: 'ranking',
      month: '2026-03',
      kind: 'personal',
      offset: 0,
      limit: 20,
    });
  });

  it('releases the draft after a confirmation, with the rev it showed', async () => {
    confirmModals();
    wxm.cloud.reply('evaluation', 'month', { ok: true, data: monthView() });
    wxm.cloud.reply('evaluation', 'ranking', { ok: true, data: { items: [], nextOffset: null } });
    wxm.cloud.reply('evaluation', 'release', { ok: true, data: { ...monthView(), state: 'review' } });
    const page = await openPage(ROUTE, { month: '2026-03' });
    await page.fire('#release', 'click');
    expect(wxm.cloud.sent('evaluation', 'release')).toEqual([{ action: 'release', month: '2026-03', expectedRev: 4 }]);
  });

  it('publishes only once the objection period is over with nothing pending, then offers the circular', async () => {
    wxm.cloud.reply('evaluation', 'month', {
      ok: true,
      data: monthView({ state: 'review', objectionDeadline: '2026-04-07T23:59:59.999+08:00', pendingObjections: 2 }),
    });
    wxm.cloud.reply('evaluation', 'ranking', { ok: true, data: { items: [], nextOffset: null } });
    const waiting = await openPage(ROUTE, { month: '2026-03' });
    expect(waiting.text('#deadline')).toContain('2026-04-07 23:59');
    expect(waiting.text('#objections')).toContain('异议处理（2）');
    expect((waiting.data() as { canPublish: boolean }).canPublish).toBe(false);

    wxm.cloud.reply('evaluation', 'month', {
      ok: true,
      data: monthView({ state: 'published', desk: false, circular: true }),
    });
    const published = await openPage(ROUTE, { month: '2026-03' });
    expect(published.exists('#docx')).toBe(true);
    expect(published.exists('#release')).toBe(false);
    const download = jest.fn();
    Object.assign(wx, { downloadFile: download });
    wxm.cloud.reply('evaluation', 'circular', {
      ok: true,
      data: {
        docxUrl: 'http://x/c.docx',
        xlsxUrl: 'http://x/c.xlsx',
        docxFileId: 'cloud://d',
        xlsxFileId: 'cloud://x',
      },
    });
    await published.fire('#docx', 'click');
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://x/c.docx' }));
  });

  it('moves between months', async () => {
    wxm.cloud.reply('evaluation', 'month', {
      ok: true,
      data: monthView({ state: 'none', standings: null, phase: null }),
    });
    const page = await openPage(ROUTE, { month: '2026-03' });
    expect(page.text('#summary')).toBe('本月尚未评估');
    await page.fire('#prev', 'tap');
    expect(page.text('#month')).toBe('2026年2月');
    expect(wxm.cloud.sent('evaluation', 'month').slice(-1)[0]).toEqual({ action: 'month', month: '2026-02' });
  });
});
