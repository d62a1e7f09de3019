import { objection, resultView } from '../../../../test-utils/evaluation-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/evaluation/pages/result/index';

describe('评估结果 (packages/evaluation/pages/result)', () => {
  it('shows the account’s score, rank, indicators with their records, and lines with article and evidence', async () => {
    wxm.cloud.reply('evaluation', 'result', { ok: true, data: resultView() });
    const page = await openPage(ROUTE, { month: '2026-03', accountId: 'acc-cs-weibo' });
    expect(page.text('#name')).toBe('长沙警事');
    expect(page.text('#score')).toBe('93.35');
    expect(page.text('#rank')).toContain('全省第 2 名 / 共 5 个');
    expect(page.text('#indicator-cadence')).toContain('更新频次 第十九条');
    expect(page.text('#indicator-cadence')).toContain('23.39 / 25');
    expect(page.text('#indicator-cadence')).toContain('2026-03-02 未发布');
    expect(page.text('#indicator-linkageResponses')).toContain('不适用');
    expect(page.text('#line-0')).toContain('未经审核试图发布（第十五条）');
    // The score sizes to its text (app.wxss cell-value--fit): the evidence beneath gets the row's width.
    for (const id of ['#indicator-cadence', '#line-0'])
      expect(JSON.stringify(page.root.querySelector(id)?.toJSON())).toContain('cell-value--fit');
    expect(page.text('#line-0')).toContain('−2.00');
    expect(page.text('#line-0')).toContain('证据：publishRefusals/refusal-1');
    const data = page.data() as { trendMonths: string[]; trendSeries: Array<{ data: number[] }> };
    expect(data.trendMonths).toEqual(['2月', '3月']);
    expect(data.trendSeries[0]?.data).toEqual([88, 93.35]);
  });

  it('objects to a deduction with a reason within the period', async () => {
    Object.assign(wx, {
      showModal: jest.fn((opts: { success?: (r: { confirm: boolean; content?: string }) => void }) =>
        opts.success?.({ confirm: true, content: '误操作，未实际发布' }),
      ),
    });
    wxm.cloud.reply('evaluation', 'result', { ok: true, data: resultView() });
    wxm.cloud.reply('evaluation', 'object', { ok: true, data: objection() });
    const page = await openPage(ROUTE, { month: '2026-03', accountId: 'acc-cs-weibo' });
    await page.fire('#object-0', 'click');
    expect(wxm.cloud.sent('evaluation', 'object')).toEqual([
      {
        action: 'object',
        month: '2026-03',
        accountId: 'acc-cs-weibo',
        lineId: '2026-03:acc-cs-weibo:publishRefused:refusal-1',
        reason: '误操作，未实际发布',
      },
    ]);
  });

  it('shows the objection and its decision, and no button once objected or after the period', async () => {
    wxm.cloud.reply('evaluation', 'result', {
      ok: true,
      data: resultView({
        canObject: false,
        objections: [objection({ state: 'rejected', decisionReason: '系统记录属实' })],
      }),
    });
    const page = await openPage(ROUTE, { month: '2026-03', accountId: 'acc-cs-weibo' });
    expect(page.text('#line-0')).toContain('异议不成立：系统记录属实');
    expect(page.exists('#object-0')).toBe(false);
  });
});
