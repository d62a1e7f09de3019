import { rulePage } from '../../../../test-utils/rule-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/screening/pages/rule-import/index';
const CSV = '名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明\n坏规则,secret,,,同一句,,否,行动,,';

describe('导入组合规则 (packages/screening/pages/rule-import)', () => {
  it('checks first, lists every bad line, and imports only what was checked', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage() });
    const page = await openPage(ROUTE);
    await page.fire('#csv', 'change', CSV);
    wxm.cloud.reply('screen', 'ruleImport', {
      ok: true,
      data: {
        applied: false,
        dryRun: true,
        rows: 1,
        errors: [{ line: 2, message: '至少需要两组词' }],
        added: 0,
        changed: 0,
        unchanged: 0,
        version: 4,
      },
    });
    await page.fire('#check', 'click');
    expect(wxm.cloud.sent('screen', 'ruleImport')).toEqual([{ action: 'ruleImport', csv: CSV, dryRun: true }]);
    expect(page.text('#summary')).toBe('共 1 行，1 处错误，未导入任何规则');
    expect(page.text('#error-0')).toBe('第 2 行：至少需要两组词');
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'ruleImport')).toHaveLength(1);

    const good = `${CSV.replace('行动,,', '行动；集结地点,,')}`;
    await page.fire('#csv', 'change', good);
    wxm.cloud.reply('screen', 'ruleImport', {
      ok: true,
      data: { applied: false, dryRun: true, rows: 1, errors: [], added: 1, changed: 0, unchanged: 0, version: 4 },
    });
    await page.fire('#check', 'click');
    expect(page.text('#summary')).toBe('共 1 行，将新增 1 条，修改 0 条');
    wxm.cloud.reply('screen', 'ruleImport', {
      ok: true,
      data: { applied: true, dryRun: false, rows: 1, errors: [], added: 1, changed: 0, unchanged: 0, version: 5 },
    });
    await page.fire('#import', 'click');
    expect(wxm.cloud.sent('screen', 'ruleImport').slice(-1)[0]).toEqual({ action: 'ruleImport', csv: good });
    expect(page.text('#result')).toBe('已导入：新增 1 条，修改 0 条，词库已更新为 v5');
  });

  it('is closed to those who may not edit the rules', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ canEdit: false }) });
    const page = await openPage(ROUTE);
    expect(page.text('#error')).toContain('无权导入');
  });
});
