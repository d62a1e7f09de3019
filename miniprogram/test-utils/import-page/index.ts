/**
 * A bare import page for the shared import behaviour's own tests (services/csv-import.test.ts): the
 * store's version and every answer come from the test through getApp().
 */
import type { ApiResult } from '../../../typings/common';
import {
  importBehaviour,
  importData,
  type ImportData,
  type ImportMethods,
  type ImportOutcome,
} from '../../services/csv-import';

export interface TestOutcome extends ImportOutcome {
  added: number;
}

export interface ImportTestApp {
  load(): Promise<ApiResult<{ version: number }>>;
  send(csv: string, dryRun: boolean): Promise<ApiResult<TestOutcome>>;
}

const EXAMPLE = 'term,category\n西瓜行动,secret';

interface Custom extends ImportMethods {
  load(): Promise<void>;
}

Page<ImportData, Custom>({
  data: importData(),
  ...importBehaviour<TestOutcome>({
    example: EXAMPLE,
    noun: '条目',
    send: (csv, dryRun) => getApp<ImportTestApp>().send(csv, dryRun),
    changes: (r) => r.added,
    preview: (r) => `新增 ${r.added} 条`,
    imported: (r) => `已导入 ${r.added} 条`,
  }),

  onLoad() {
    void this.load();
  },

  async load() {
    const res = await getApp<ImportTestApp>().load();
    if (res.ok) this.setData({ status: 'ready', version: res.data.version });
    else this.setData({ status: 'error', errorMessage: res.error.message });
  },
});
