/**
 * 导入组合规则: 省厅政治部宣传处 pastes rules as CSV, checks them (every bad line with its number and
 * reason, or what would be added and changed), then imports them as one new lexicon version (第七条).
 * Any bad line: nothing is saved. A name already stored replaces that rule. The check-then-import
 * flow is the shared one (services/csv-import.ts).
 */
import type { RuleImportResult } from '../../../../../typings/screening';
import { call } from '../../../../services/api';
import { importBehaviour, importData, type ImportData, type ImportMethods } from '../../../../services/csv-import';
import { latestData } from '../../../../services/load';

const EXAMPLE =
  '名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明\n' +
  '行动部署外泄,secret,禁止发布,,同一句,,否,行动|专项行动；集结地点|出发时间|部署方案,已结束|已圆满结束,未结束的行动不得公开部署细节';

interface ImportCustom extends ImportMethods {
  loadSeq: number;
  load(): Promise<void>;
}

const counts = (r: RuleImportResult): string =>
  `新增 ${r.added} 条，修改 ${r.changed} 条${r.unchanged > 0 ? `，${r.unchanged} 条与现有相同` : ''}`;

Page<ImportData, ImportCustom>({
  data: importData(),
  loadSeq: 0,
  ...importBehaviour<RuleImportResult>({
    example: EXAMPLE,
    noun: '规则',
    send: (csv, dryRun) => call('screen', 'ruleImport', dryRun ? { csv, dryRun: true } : { csv }),
    changes: (r) => r.added + r.changed,
    preview: counts,
    imported: (r) => `已导入：${counts(r)}`,
  }),

  onLoad() {
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
});
