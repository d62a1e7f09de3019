/**
 * 导入组合规则: 省厅政治部宣传处 pastes rules as CSV, checks them (every bad line with its number and
 * reason, or what would be added and changed), then imports them as one new lexicon version (第七条).
 * Any bad line: nothing is saved. A name already stored replaces that rule.
 */
import type { RuleImportResult } from '../../../../../typings/screening';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { ValueEvent } from '../../../../utils/events';

const EXAMPLE =
  '名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明\n' +
  '行动部署外泄,secret,禁止发布,,同一句,,否,行动|专项行动；集结地点|出发时间|部署方案,已结束|已圆满结束,未结束的行动不得公开部署细节';

interface ErrorRow {
  key: string;
  text: string;
}

interface ImportData extends LoadState {
  version: number;
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
  send(dryRun: boolean): Promise<void>;
  onCheck(): Promise<void>;
  onImport(): Promise<void>;
  showResult(csv: string, result: RuleImportResult): void;
}

const counts = (r: RuleImportResult): string =>
  `新增 ${r.added} 条，修改 ${r.changed} 条${r.unchanged > 0 ? `，${r.unchanged} 条与现有相同` : ''}`;

Page<ImportData, ImportCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    version: 0,
    csv: '',
    checkedCsv: '',
    errors: [],
    summary: '',
    canImport: false,
    result: '',
    busy: false,
  },
  loadSeq: 0,

  onLoad() {
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const page = await latestData(this, call('screen', 'ruleList', { limit: 1 }));
    if (!page) return;
    if (!page.canEdit) {
      this.setData({ status: 'error', errorMessage: '组合规则由省厅政治部宣传处维护，当前账号无权导入' });
      return;
    }
    this.setData({ status: 'ready', version: page.version });
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
    if (errors.length > 0) {
      this.setData({
        checkedCsv: csv,
        errors,
        summary: `共 ${result.rows} 行，${errors.length} 处错误，未导入任何规则`,
        canImport: false,
      });
    } else if (result.dryRun) {
      this.setData({
        checkedCsv: csv,
        errors: [],
        summary: `共 ${result.rows} 行，将${counts(result)}`,
        canImport: result.added + result.changed > 0,
      });
    } else {
      const version = result.added + result.changed > 0 ? `，词库已更新为 v${result.version}` : '，词库未变化';
      this.setData({
        checkedCsv: '',
        errors: [],
        summary: '',
        canImport: false,
        csv: '',
        version: result.version,
        result: `已导入：${counts(result)}${version}`,
      });
    }
  },

  async send(dryRun) {
    const csv = this.data.csv;
    this.setData({ busy: true, result: '' });
    const res = await call('screen', 'ruleImport', dryRun ? { csv, dryRun: true } : { csv });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ errors: [], summary: res.error.message, canImport: false });
      return;
    }
    this.showResult(csv, res.data);
    if (res.data.applied) void wx.showToast({ title: '导入成功', icon: 'success' });
  },

  async onCheck() {
    if (!this.data.csv.trim() || this.data.busy) return;
    await this.send(true);
  },

  async onImport() {
    if (!this.data.canImport || this.data.csv !== this.data.checkedCsv || this.data.busy) return;
    await this.send(false);
  },
});
