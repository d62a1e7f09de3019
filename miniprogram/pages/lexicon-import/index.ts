/**
 * 词库导入: 省厅政治部宣传处 pastes `term,category` CSV, checks it (every row error with its line
 * number, or what would be added), then imports it as one new lexicon version (第七条). A file with
 * any bad row imports nothing.
 */
import type { LexiconImportResult } from '../../../typings/screening';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import type { ValueEvent } from '../../utils/events';

const EXAMPLE = 'term,category\n布控方案,secret\n人肉搜索,侵犯公民个人隐私或其他不良、不实信息';

interface CodeRow {
  id: string;
  label: string;
}

interface ErrorRow {
  key: string;
  text: string;
}

interface ImportData extends LoadState {
  version: number;
  codes: CodeRow[];
  csv: string;
  /** The text the shown check was made on; importing needs a check of exactly this text. */
  checkedCsv: string;
  errors: ErrorRow[];
  summary: string;
  canImport: boolean;
  result: string;
  busy: boolean;
}

interface ImportCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onCsv(event: ValueEvent<string>): void;
  onExample(): void;
  onCheck(): Promise<void>;
  onImport(): Promise<void>;
  showResult(csv: string, result: LexiconImportResult): void;
}

const duplicatesNote = (n: number): string => (n > 0 ? `，跳过重复 ${n} 条` : '');

Page<ImportData, ImportCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    version: 0,
    codes: [],
    csv: '',
    checkedCsv: '',
    errors: [],
    summary: '',
    canImport: false,
    result: '',
    busy: false,
  },
  loadSeq: 0,

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
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

  onCsv(event) {
    // Any edit invalidates the check: what is imported is what was checked.
    this.setData({ csv: event.detail, canImport: false, result: '' });
  },

  onExample() {
    this.setData({ csv: EXAMPLE, canImport: false, errors: [], summary: '', result: '' });
  },

  showResult(csv, result) {
    const errors = result.errors.map((e, i) => ({ key: `e${i}`, text: `第 ${e.line} 行：${e.message}` }));
    if (!result.dryRun && !result.applied) {
      this.setData({
        checkedCsv: csv,
        errors,
        summary: `共 ${result.rows} 行，${errors.length} 处错误，未导入任何条目`,
        canImport: false,
      });
    } else if (result.dryRun) {
      this.setData({
        checkedCsv: csv,
        errors: [],
        summary: `共 ${result.rows} 行，将新增 ${result.added} 条${duplicatesNote(result.duplicates)}`,
        canImport: result.added > 0,
      });
    } else {
      const version = result.added > 0 ? `，词库已更新为 v${result.version}` : '，词库未变化';
      this.setData({
        checkedCsv: '',
        errors: [],
        summary: '',
        canImport: false,
        csv: '',
        version: result.version,
        result: `已导入 ${result.added} 条${duplicatesNote(result.duplicates)}${version}`,
      });
    }
  },

  async onCheck() {
    const csv = this.data.csv;
    if (!csv.trim() || this.data.busy) return;
    this.setData({ busy: true, result: '' });
    const res = await call('screen', 'lexiconImport', { csv, dryRun: true });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ errors: [], summary: res.error.message, canImport: false });
      return;
    }
    this.showResult(csv, res.data);
  },

  async onImport() {
    const csv = this.data.csv;
    if (!this.data.canImport || csv !== this.data.checkedCsv || this.data.busy) return;
    this.setData({ busy: true });
    const res = await call('screen', 'lexiconImport', { csv });
    this.setData({ busy: false });
    if (!res.ok) {
      // CONFLICT: the lexicon changed since the check; duplicates must be counted again.
      void wx.showToast({ title: res.error.message, icon: 'none' });
      this.setData({ canImport: false });
      return;
    }
    this.showResult(csv, res.data);
    if (res.data.applied) void wx.showToast({ title: '导入成功', icon: 'success' });
  },
});
