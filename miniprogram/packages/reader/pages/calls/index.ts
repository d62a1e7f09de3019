/**
 * 调用记录 (省厅政治部宣传处): every call to the model in a month, newest first — when, for which
 * unit and post, which model and prompt version, tokens, time taken and how it ended. The list is the
 * shared list behaviour (services/list); the month is its query.
 */
import type { ReaderCallView } from '../../../../../typings/reader';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { formatBeijingShort } from '../../../../utils/time';
import { shiftMonth } from './month';

const PAGE_SIZE = 20;
const PURPOSES: Readonly<Record<ReaderCallView['purpose'], string>> = {
  submit: '提交',
  check: '编辑时',
  probe: '试用',
};
const OUTCOMES: Readonly<Record<ReaderCallView['outcome'], { label: string; tag: string }>> = {
  ok: { label: '已答复', tag: 'success' },
  timeout: { label: '超时', tag: 'warning' },
  error: { label: '失败', tag: 'danger' },
  malformed: { label: '格式无法识别', tag: 'danger' },
};

interface CallRow {
  id: string;
  head: string;
  detail: string;
  outcome: string;
  tag: string;
}

/** '' asks for this month (the server's Beijing month). */
interface Query {
  month: string;
}

interface CallsData extends ListData<CallRow, Query> {
  /** The month shown, as the server answered it. */
  month: string;
}

interface CallsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<CallRow, number>>;
  onMonth(event: { currentTarget: { dataset: { step: number } } }): Promise<void>;
}

function row(c: ReaderCallView): CallRow {
  const outcome = OUTCOMES[c.outcome];
  const part = c.parts > 1 ? `（第 ${c.part}/${c.parts} 段）` : '';
  const dropped = c.dropped ? `，丢弃 ${c.dropped} 条` : '';
  const code = c.errorCode ? ` · ${c.errorCode}` : '';
  return {
    id: c.id,
    head: `${formatBeijingShort(c.at)} ${c.unitName} ${PURPOSES[c.purpose]}${part}`,
    detail: `${c.model} · 提示词 v${c.promptVersion} · ${c.totalTokens} tokens · ${(c.latencyMs / 1000).toFixed(1)} 秒 · 意见 ${c.findings} 条${dropped}${code}`,
    outcome: outcome.label,
    tag: outcome.tag,
  };
}

Page<CallsData, CallsCustom>({
  data: { ...listData<CallRow, Query>({ month: '' }), month: '' },
  ...listBehaviour<CallRow, Query, number>({ key: (r) => r.id }),

  onLoad() {
    void this.reloadList();
  },

  async fetchPage(query, next) {
    const res = await call('reader', 'calls', {
      ...(query.month ? { month: query.month } : {}),
      ...(next === null ? {} : { offset: next }),
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({
      rows: page.items.map(row),
      next: page.nextOffset,
      extra: { month: page.month },
    }));
  },

  async onMonth(event) {
    if (!this.data.month) return;
    await this.setQuery({ month: shiftMonth(this.data.month, Number(event.currentTarget.dataset.step)) });
  },
});
