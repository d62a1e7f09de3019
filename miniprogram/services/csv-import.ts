/**
 * The one check-then-import behaviour of the CSV import pages (词库, 组合规则; 第七条): the officer
 * pastes CSV, checks it (every bad line with its number and reason, or what would be added), and
 * imports exactly the text that was checked — any edit after the check needs a new check. A page
 * gives how to send the text and how to word the counts; templates/csv-import.wxml draws the form.
 *
 *   Page<Data, Custom>({
 *     data: { ...importData(), other: … },
 *     ...importBehaviour<LexiconImportResult>({ example, noun: '条目', send, preview, imported, changes }),
 *     async load() { … this.setData({ status: 'ready', version }) },
 *   });
 */
import type { ApiResult } from '../../typings/common';
import type { LexiconRowError } from '../../typings/screening';
import type { ValueEvent } from '../utils/events';
import type { LoadState } from './load';

/** What every import action answers: the row errors, or a dry run's preview, or the applied import. */
export interface ImportOutcome {
  applied: boolean;
  dryRun: boolean;
  rows: number;
  errors: LexiconRowError[];
  /** The store's version after an applied import. */
  version?: number;
}

export interface ImportErrorRow {
  key: string;
  text: string;
}

/** What the form's template reads. */
export interface ImportData extends LoadState {
  /** The version of what is imported into, as loaded and after each import. */
  version: number;
  csv: string;
  /** The text the shown check was made on; importing needs a check of exactly this text. */
  checkedCsv: string;
  errors: ImportErrorRow[];
  summary: string;
  /** The summary is a refusal (bad lines, a refused check or import), shown in red. */
  summaryBad: boolean;
  canImport: boolean;
  result: string;
  busy: boolean;
}

export interface ImportOptions<R extends ImportOutcome> {
  /** A valid CSV the 填入示例 link fills in. */
  example: string;
  /** What is imported, in 未导入任何… (条目, 规则). */
  noun: string;
  /** Sends the text to the import action: a check (dryRun) or the import itself. */
  send(csv: string, dryRun: boolean): Promise<ApiResult<R>>;
  /** How many records the import adds or changes: nothing to import at 0. */
  changes(result: R): number;
  /** A clean check's counts, after 将: 新增 2 条，跳过重复 1 条. */
  preview(result: R): string;
  /** The applied import, before the version: 已导入 2 条. */
  imported(result: R): string;
}

/** What the behaviour adds to the page. */
export interface ImportMethods {
  onCsv(event: ValueEvent<string>): void;
  onExample(): void;
  onCheck(): Promise<void>;
  onImport(): Promise<void>;
  /** error-view's 重试: the page's own `load` again. */
  onRetry(): void;
}

interface ImportHost {
  data: ImportData;
  setData(patch: Partial<ImportData>): void;
  load(): Promise<void>;
}

/** The initial form of an import page's data. */
export function importData(): ImportData {
  return {
    status: 'loading',
    errorMessage: '',
    version: 0,
    csv: '',
    checkedCsv: '',
    errors: [],
    summary: '',
    summaryBad: false,
    canImport: false,
    result: '',
    busy: false,
  };
}

/** The behaviour's methods, spread into the page's options. */
export function importBehaviour<R extends ImportOutcome>(options: ImportOptions<R>): ImportMethods {
  function show(page: ImportHost, csv: string, result: R): void {
    if (result.errors.length > 0 || (!result.dryRun && !result.applied)) {
      const errors = result.errors.map((e, i) => ({ key: `e${i}`, text: `第 ${e.line} 行：${e.message}` }));
      page.setData({
        checkedCsv: csv,
        errors,
        summary: `共 ${result.rows} 行，${errors.length} 处错误，未导入任何${options.noun}`,
        summaryBad: true,
        canImport: false,
      });
    } else if (result.dryRun) {
      page.setData({
        checkedCsv: csv,
        errors: [],
        summary: `共 ${result.rows} 行，将${options.preview(result)}`,
        summaryBad: false,
        canImport: options.changes(result) > 0,
      });
    } else {
      const changed = options.changes(result) > 0;
      const version = result.version ?? page.data.version;
      page.setData({
        checkedCsv: '',
        errors: [],
        summary: '',
        summaryBad: false,
        canImport: false,
        csv: '',
        version,
        result: `${options.imported(result)}${changed ? `，词库已更新为 v${version}` : '，词库未变化'}`,
      });
    }
  }

  return {
    onCsv(this: ImportHost, event) {
      // Any edit invalidates the check: what is imported is what was checked.
      this.setData({ csv: event.detail, canImport: false, result: '' });
    },

    onExample(this: ImportHost) {
      this.setData({ csv: options.example, canImport: false, errors: [], summary: '', result: '' });
    },

    async onCheck(this: ImportHost) {
      const csv = this.data.csv;
      if (!csv.trim() || this.data.busy) return;
      this.setData({ busy: true, result: '' });
      const res = await options.send(csv, true);
      this.setData({ busy: false });
      if (!res.ok) {
        this.setData({ errors: [], summary: res.error.message, summaryBad: true, canImport: false });
        return;
      }
      show(this, csv, res.data);
    },

    async onImport(this: ImportHost) {
      const csv = this.data.csv;
      if (!this.data.canImport || csv !== this.data.checkedCsv || this.data.busy) return;
      this.setData({ busy: true });
      const res = await options.send(csv, false);
      this.setData({ busy: false });
      if (!res.ok) {
        // e.g. CONFLICT: the store changed since the check, so what it would do must be checked again.
        void wx.showToast({ title: res.error.message, icon: 'none' });
        this.setData({ summary: res.error.message, summaryBad: true, canImport: false });
        return;
      }
      show(this, csv, res.data);
      if (res.data.applied) void wx.showToast({ title: '导入成功', icon: 'success' });
    },

    onRetry(this: ImportHost) {
      this.setData({ status: 'loading' });
      void this.load();
    },
  };
}
