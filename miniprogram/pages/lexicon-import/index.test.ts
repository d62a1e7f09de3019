import type { LexiconPage } from '../../../typings/screening';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const listPage = (over: Partial<LexiconPage> = {}): LexiconPage => ({
  version: 3,
  items: [],
  total: 0,
  categories: [
    { id: 'secret', title: '涉及国家秘密、警务工作秘密', ref: '第十七条（一）7', effect: 'block', count: 2 },
  ],
  allowCount: 0,
  canEdit: true,
  ...over,
});

const CSV = 'term,category\n西瓜行动,secret\n,secret';

describe('导入词库 (pages/lexicon-import)', () => {
  it('shows a loading state, then the form with the version and the category codes', async () => {
    const pending = wxm.cloud.hold('screen', 'lexiconList');
    const page = await openPage('pages/lexicon-import/index');
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({ ok: true, data: listPage() });
    expect(page.text('#help')).toContain('当前词库版本 v3');
    expect(page.text('#codes')).toContain('secret 第十七条（一）7 涉及国家秘密、警务工作秘密');
  });

  it('refuses the form to whoever may not import', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: listPage({ canEdit: false }) });
    const page = await openPage('pages/lexicon-import/index');
    expect(page.text('#error')).toContain('当前账号无权导入');
    expect(page.exists('#csv')).toBe(false);
  });

  it('lists every row error with its line number and offers no import', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: listPage() });
    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: true,
      data: {
        applied: false,
        dryRun: false,
        rows: 2,
        errors: [
          { line: 3, message: '词条为空' },
          { line: 4, message: '类别“水果”不存在' },
        ],
      },
    });
    const page = await openPage('pages/lexicon-import/index');
    await page.fire('#csv', 'change', CSV);
    await page.fire('#check', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')).toEqual([{ action: 'lexiconImport', csv: CSV, dryRun: true }]);
    expect(page.text('#summary')).toContain('2 处错误，未导入任何条目');
    expect(page.text('#error-0')).toBe('第 3 行：词条为空');
    expect(page.text('#error-1')).toBe('第 4 行：类别“水果”不存在');
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')).toHaveLength(1);
  });

  it('previews what a valid file adds, then imports exactly the checked text', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: listPage() });
    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: true,
      data: { applied: false, dryRun: true, rows: 3, errors: [], added: 2, duplicates: 1 },
    });
    const page = await openPage('pages/lexicon-import/index');
    await page.fire('#csv', 'change', CSV);
    await page.fire('#check', 'click');
    expect(page.text('#summary')).toBe('共 3 行，将新增 2 条，跳过重复 1 条');

    // An edit after the check needs a new check.
    await page.fire('#csv', 'change', `${CSV}\n葡萄行动,secret`);
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')).toHaveLength(1);
    await page.fire('#csv', 'change', CSV);
    await page.fire('#check', 'click');

    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: true,
      data: { applied: true, dryRun: false, rows: 3, errors: [], added: 2, duplicates: 1, version: 4 },
    });
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')[2]).toEqual({ action: 'lexiconImport', csv: CSV });
    expect(page.text('#result')).toBe('已导入 2 条，跳过重复 1 条，词库已更新为 v4');
    expect(page.text('#help')).toContain('v4');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '导入成功', icon: 'success' }));
  });

  it('says why an import was refused and asks for a new check', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: listPage() });
    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: true,
      data: { applied: false, dryRun: true, rows: 1, errors: [], added: 1, duplicates: 0 },
    });
    const page = await openPage('pages/lexicon-import/index');
    await page.fire('#csv', 'change', 'term,category\n西瓜行动,secret');
    await page.fire('#check', 'click');
    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#import', 'click');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据已被他人修改，请刷新后重试' }));
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')).toHaveLength(2);
  });

  it('shows a refused check (e.g. a missing header) as the summary', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: listPage() });
    wxm.cloud.reply('screen', 'lexiconImport', {
      ok: false,
      error: { code: 'LEXICON_IMPORT_HEADER', message: '第 1 行应为表头 term,category（或 词条,类别）' },
    });
    const page = await openPage('pages/lexicon-import/index');
    await page.fire('#example', 'tap');
    await page.fire('#check', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconImport')[0]).toMatchObject({
      csv: expect.stringContaining('term,category'),
    });
    expect(page.text('#summary')).toContain('第 1 行应为表头');
  });
});
