import type { ReaderCallView } from '../../../../../typings/reader';
import { MODEL } from '../../../../test-utils/reader-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';
import { shiftMonth } from './month';

const wxm = useWx();
const ROUTE = 'packages/reader/pages/calls/index';

const entry = (over: Partial<ReaderCallView> = {}): ReaderCallView => ({
  id: 'c1',
  at: '2026-11-30T10:00:00.000+08:00',
  unitId: 'u-cs',
  unitName: '长沙市公安局',
  postId: 'post-1',
  version: 1,
  purpose: 'submit',
  model: MODEL,
  promptVersion: 0,
  part: 1,
  parts: 1,
  promptTokens: 1200,
  completionTokens: 30,
  totalTokens: 1230,
  latencyMs: 2300,
  outcome: 'ok',
  errorCode: null,
  findings: 1,
  dropped: 0,
  ...over,
});

describe('调用记录 (packages/reader/pages/calls)', () => {
  it('lists the month’s calls with model, tokens, time and outcome', async () => {
    wxm.cloud.reply('reader', 'calls', {
      ok: true,
      data: {
        month: '2026-11',
        items: [
          entry(),
          entry({ id: 'c2', outcome: 'timeout', part: 2, parts: 3, errorCode: null, findings: 0, dropped: 2 }),
        ],
        nextOffset: 20,
      },
    });
    const page = await openPage(ROUTE);
    expect(wxm.cloud.sent('reader', 'calls')).toEqual([{ action: 'calls', limit: 20 }]);
    expect(page.text('#month')).toBe('2026-11');
    expect(page.text('#call-0')).toBe(
      `11-30 10:00 长沙市公安局 提交 ${MODEL} · 提示词 v0 · 1230 tokens · 2.3 秒 · 意见 1 条 已答复`,
    );
    expect(page.text('#call-1')).toContain('提交（第 2/3 段）');
    expect(page.text('#call-1')).toContain('丢弃 2 条');
    expect(page.text('#call-1')).toContain('超时');
    wxm.cloud.reply('reader', 'calls', {
      ok: true,
      data: { month: '2026-11', items: [entry({ id: 'c3' })], nextOffset: null },
    });
    await page.fire('#list', 'more');
    expect(wxm.cloud.sent('reader', 'calls')[1]).toEqual({ action: 'calls', offset: 20, limit: 20 });
    expect(page.exists('#call-2')).toBe(true);
    expect(page.text('#list')).toContain('没有更多了');
  });

  it('moves between months', async () => {
    wxm.cloud.reply('reader', 'calls', { ok: true, data: { month: '2026-01', items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    expect(page.text('#list')).toContain('该月没有调用记录');
    await page.fire('#prev', 'click');
    expect(wxm.cloud.sent('reader', 'calls')[1]).toEqual({ action: 'calls', month: '2025-12', limit: 20 });
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
  });
});
