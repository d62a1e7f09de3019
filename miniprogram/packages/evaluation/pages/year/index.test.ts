import type { YearView } from '../../../../../typings/evaluation';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/evaluation/pages/year/index';

const year = (over: Partial<YearView> = {}): YearView => ({
  year: 2026,
  months: [
    { month: '2026-02', meanScore: 82.5 },
    { month: '2026-03', meanScore: 84.1 },
  ],
  cities: [
    { unitId: 'u-cs', unitName: '长沙市公安局', meanScore: 86.5, months: 2, rank: 1 },
    { unitId: 'u-zz', unitName: '株洲市公安局', meanScore: 80.25, months: 2, rank: 2 },
  ],
  target: null,
  excellent: [],
  rev: 0,
  desk: true,
  ...over,
});

describe('年度评估 (packages/evaluation/pages/year)', () => {
  it('ranks the cities over the published months and lets the desk mark 年度优秀 with a reason', async () => {
    Object.assign(wx, {
      showModal: jest.fn((opts: { success?: (r: { confirm: boolean; content?: string }) => void }) =>
        opts.success?.({ confirm: true, content: '全年排名第一' }),
      ),
    });
    wxm.cloud.reply('evaluation', 'year', { ok: true, data: year() });
    wxm.cloud.reply('evaluation', 'markExcellent', {
      ok: true,
      data: year({
        rev: 1,
        excellent: [
          { targetKind: 'unit', targetId: 'u-cs', name: '长沙市公安局', reason: '全年排名第一', by: 'p', at: '' },
        ],
      }),
    });
    const page = await openPage(ROUTE, { year: '2026' });
    expect(page.text('#city-u-cs')).toContain('1. 长沙市公安局');
    expect(page.text('#city-u-cs')).toContain('86.50');
    await page.fire('#mark-u-cs', 'click');
    expect(wxm.cloud.sent('evaluation', 'markExcellent')).toEqual([
      {
        action: 'markExcellent',
        year: 2026,
        targetKind: 'unit',
        targetId: 'u-cs',
        reason: '全年排名第一',
        expectedRev: 0,
      },
    ]);
    expect(page.text('#excellent-0')).toContain('长沙市公安局');
    expect(page.exists('#mark-u-cs')).toBe(false);
  });

  it('shows no button to a unit, only the ranking', async () => {
    wxm.cloud.reply('evaluation', 'year', { ok: true, data: year({ desk: false }) });
    const page = await openPage(ROUTE, { year: '2026' });
    expect(page.exists('#mark-u-cs')).toBe(false);
  });
});
