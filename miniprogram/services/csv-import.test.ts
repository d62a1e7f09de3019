import type { ApiResult } from '../../typings/common';
import { flush, openPage, setApp, type PageHarness } from '../test-utils/simulate';
import type { TestOutcome } from '../test-utils/import-page';
import type { ImportData } from './csv-import';
import { useWx } from '../test-utils/wx';

const wxm = useWx();
const ROUTE = 'test-utils/import-page/index';

type Answer = ApiResult<TestOutcome>;

/** The store as the test answers it: each send waits until the test settles it. */
function server(load: ApiResult<{ version: number }> = { ok: true, data: { version: 3 } }) {
  const sends: { csv: string; dryRun: boolean; settle(answer: Answer): Promise<void> }[] = [];
  const loads: number[] = [];
  setApp({
    load: () => {
      loads.push(loads.length);
      return Promise.resolve(load);
    },
    send: (csv: string, dryRun: boolean) =>
      new Promise<Answer>((resolve) => {
        sends.push({
          csv,
          dryRun,
          settle: async (answer) => {
            resolve(answer);
            await flush();
          },
        });
      }),
  });
  return { sends, loads };
}

const preview = (added: number, rows = 2): Answer => ({
  ok: true,
  data: { applied: false, dryRun: true, rows, errors: [], added },
});
const applied = (added: number, version: number): Answer => ({
  ok: true,
  data: { applied: true, dryRun: false, rows: 2, errors: [], added, version },
});
const badLines: Answer = {
  ok: true,
  data: {
    applied: false,
    dryRun: false,
    rows: 2,
    errors: [
      { line: 2, message: '词条为空' },
      { line: 3, message: '类别“水果”不存在' },
    ],
    added: 0,
  },
};

const CSV = 'term,category\n西瓜行动,secret\n葡萄行动,secret';
const importDisabled = (p: PageHarness<ImportData>): boolean =>
  p.data().csv !== p.data().checkedCsv || !p.data().canImport;

describe('the shared CSV import behaviour (services/csv-import + templates/csv-import.wxml)', () => {
  it('checks first, then imports exactly the checked text and shows the new version', async () => {
    const { sends } = server();
    const p = await openPage<ImportData>(ROUTE);
    expect(p.text('#version')).toBe('v3');
    await p.fire('#csv', 'change', CSV);
    // Nothing is imported before a check.
    await p.fire('#import', 'click');
    expect(sends).toHaveLength(0);

    await p.fire('#check', 'click');
    expect(sends[0]).toMatchObject({ csv: CSV, dryRun: true });
    await sends[0]?.settle(preview(2));
    expect(p.text('#summary')).toBe('共 2 行，将新增 2 条');
    expect(p.data().summaryBad).toBe(false);
    expect(importDisabled(p)).toBe(false);

    await p.fire('#import', 'click');
    expect(sends[1]).toMatchObject({ csv: CSV, dryRun: false });
    await sends[1]?.settle(applied(2, 4));
    expect(p.text('#result')).toBe('已导入 2 条，词库已更新为 v4');
    expect(p.text('#version')).toBe('v4');
    expect(p.data().csv).toBe('');
    expect(p.exists('#summary')).toBe(false);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '导入成功', icon: 'success' }));
  });

  it('lists every bad line with its number and offers no import', async () => {
    const { sends } = server();
    const p = await openPage<ImportData>(ROUTE);
    await p.fire('#csv', 'change', CSV);
    await p.fire('#check', 'click');
    await sends[0]?.settle(badLines);
    expect(p.text('#summary')).toBe('共 2 行，2 处错误，未导入任何条目');
    expect(p.data().summaryBad).toBe(true);
    expect(p.text('#error-0')).toBe('第 2 行：词条为空');
    expect(p.text('#error-1')).toBe('第 3 行：类别“水果”不存在');
    await p.fire('#import', 'click');
    expect(sends).toHaveLength(1);
  });

  it('asks for a new check after any edit, and offers no import when nothing would change', async () => {
    const { sends } = server();
    const p = await openPage<ImportData>(ROUTE);
    await p.fire('#csv', 'change', CSV);
    await p.fire('#check', 'click');
    await sends[0]?.settle(preview(1));
    await p.fire('#csv', 'change', `${CSV}\n桃子行动,secret`);
    expect(importDisabled(p)).toBe(true);
    await p.fire('#import', 'click');
    expect(sends).toHaveLength(1);

    await p.fire('#check', 'click');
    await sends[1]?.settle(preview(0));
    expect(p.text('#summary')).toBe('共 2 行，将新增 0 条');
    expect(importDisabled(p)).toBe(true);
    await p.fire('#import', 'click');
    expect(sends).toHaveLength(2);
  });

  it('sends one check for a double tap, and none for an empty text', async () => {
    const { sends } = server();
    const p = await openPage<ImportData>(ROUTE);
    await p.fire('#csv', 'change', '  \n ');
    await p.fire('#check', 'click');
    expect(sends).toHaveLength(0);
    await p.fire('#example', 'tap');
    expect(p.data().csv).toBe('term,category\n西瓜行动,secret');
    await Promise.all([p.fire('#check', 'click'), p.fire('#check', 'click')]);
    expect(sends).toHaveLength(1);
    expect(p.data().busy).toBe(true);
    await sends[0]?.settle(preview(1, 1));
    expect(p.data().busy).toBe(false);
  });

  it('shows a refused check as the summary, and a refused import asks for a new check', async () => {
    const { sends } = server();
    const p = await openPage<ImportData>(ROUTE);
    await p.fire('#csv', 'change', CSV);
    await p.fire('#check', 'click');
    await sends[0]?.settle({ ok: false, error: { code: 'LEXICON_IMPORT_HEADER', message: '第 1 行应为表头' } });
    expect(p.text('#summary')).toBe('第 1 行应为表头');
    expect(p.data().summaryBad).toBe(true);

    await p.fire('#check', 'click');
    await sends[1]?.settle(preview(2));
    await p.fire('#import', 'click');
    await sends[2]?.settle({ ok: false, error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' } });
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据已被他人修改，请刷新后重试' }));
    expect(p.text('#summary')).toBe('数据已被他人修改，请刷新后重试');
    await p.fire('#import', 'click');
    expect(sends).toHaveLength(3);
    expect(p.data().csv).toBe(CSV);
  });

  it('loads the page again on 重试', async () => {
    const { loads } = server({ ok: false, error: { code: 'NETWORK', message: '网络异常，请稍后重试' } });
    const p = await openPage<ImportData>(ROUTE);
    expect(p.text('#error')).toContain('网络异常');
    await p.fire('#error >>> #retry', 'click');
    expect(loads).toHaveLength(2);
  });
});
