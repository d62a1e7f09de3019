/**
 * 词库导入: 省厅政治部宣传处 pastes `term,category` CSV, checks it (every row error with its line
 * number, or what would be added), then imports it as one new lexicon version (第七条). A file with
 * any bad row imports nothing. The check-then-import flow is the shared one (services/csv-import.ts).
 */
import type { LexiconImportResult } from '../../../typings/screening';
import { call } from '../../services/api';
import { importBehaviour, importData, type ImportData, type ImportMethods } from '../../services/csv-import';
import { latestData } from '../../services/load';

const EXAMPLE = 'term,category\n布控方案,secret\n人肉搜索,侵犯公民个人隐私或其他不良、不实信息';

interface CodeRow {
  id: string;
  label: string;
}

interface LexiconImportData extends ImportData {
  codes: CodeRow[];
}

interface ImportCustom extends ImportMethods {
  loadSeq: number;
  load(): Promise<void>;
}

const added = (r: LexiconImportResult): number => ('added' in r ? r.added : 0);
const duplicatesNote = (r: LexiconImportResult): string =>
  'duplicates' in r && r.duplicates > 0 ? `，跳过重复 ${r.duplicates} 条` : '';

Page<LexiconImportData, ImportCustom>({
  data: { ...importData(), codes: [] },
  loadSeq: 0,
  ...importBehaviour<LexiconImportResult>({
    example: EXAMPLE,
    noun: '条目',
    send: (csv, dryRun) => call('screen', 'lexiconImport', dryRun ? { csv, dryRun: true } : { csv }),
    changes: added,
    preview: (r) => `新增 ${added(r)} 条${duplicatesNote(r)}`,
    imported: (r) => `已导入 ${added(r)} 条${duplicatesNote(r)}`,
  }),

  onShow() {
    void this.load();
  },

  async load() {
    const page = await latestData(this, call('screen', 'lexiconList', { limit: 1 }));
    if (!page) return;
    if (!page.canEdit) {
      this.setData({ status: 'error', errorMessage: '词库由省厅政治部宣传处维护，当前账号无权导入' });
      return;
    }
    this.setData({
      status: 'ready',
      version: page.version,
      codes: page.categories.map((c) => ({ id: c.id, label: `${c.ref} ${c.title}` })),
    });
  },
});
