/**
 * 异议处理 (第三十七条): the province desk decides each objection with a reason — upheld withdraws the
 * deduction, rejected keeps it. Two desk members deciding one objection: the server keeps the first
 * decision and tells the second (ALREADY_DECIDED).
 */
import type { Objection } from '../../../../../typings/evaluation';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import type { DatasetEvent } from '../../../../utils/events';
import { OBJECTION_STATE_LABELS, monthText, score, timeText } from '../../lib/labels';

const PAGE_SIZE = 20;

interface ObjectionRow {
  id: string;
  rev: number;
  title: string;
  pointsText: string;
  lineReason: string;
  reason: string;
  raisedAt: string;
  stateLabel: string;
  stateType: string;
  decision: string;
  pending: boolean;
}

type Query = Record<string, never>;

interface ObjectionsData extends ListData<ObjectionRow, Query> {
  month: string;
  monthLabel: string;
}

interface ObjectionsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<ObjectionRow, number>>;
  onDecide(event: DatasetEvent<{ id: string; rev: number; upheld: boolean }>): Promise<void>;
}

function toRow(o: Objection): ObjectionRow {
  return {
    id: o._id,
    rev: o.rev,
    title: `${o.line.label}（${o.line.article}）`,
    pointsText: `−${score(o.line.points)}`,
    lineReason: o.line.reason,
    reason: o.reason,
    raisedAt: `提出于 ${timeText(o.raisedAt)}`,
    stateLabel: OBJECTION_STATE_LABELS[o.state],
    stateType: o.state === 'pending' ? 'warning' : o.state === 'upheld' ? 'success' : 'default',
    decision: o.decisionReason ? `处理理由：${o.decisionReason}` : '',
    pending: o.state === 'pending',
  };
}

const askReason = (upheld: boolean): Promise<string | null> =>
  new Promise((resolve) => {
    wx.showModal({
      title: upheld ? '异议成立（撤销扣分）' : '异议不成立（维持扣分）',
      editable: true,
      placeholderText: '请写明处理理由',
      success: (res) => resolve(res.confirm ? (res.content ?? '').trim() : null),
      fail: () => resolve(null),
    });
  });

Page<ObjectionsData, ObjectionsCustom>({
  data: { ...listData<ObjectionRow, Query>({}), month: '', monthLabel: '' },
  ...listBehaviour<ObjectionRow, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    const month = query.month ?? '';
    this.setData({ month, monthLabel: monthText(month) });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('evaluation', 'objections', { month: this.data.month, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({ rows: page.items.map(toRow), next: page.nextOffset }));
  },

  async onDecide(event) {
    const { id, rev, upheld } = event.currentTarget.dataset;
    const reason = await askReason(upheld);
    if (reason === null) return;
    if (!reason) {
      void wx.showToast({ title: '请填写处理理由', icon: 'none' });
      return;
    }
    const res = await call('evaluation', 'decide', { objectionId: id, expectedRev: Number(rev), upheld, reason });
    void wx.showToast({ title: res.ok ? '已处理' : res.error.message, icon: res.ok ? 'success' : 'none' });
    await this.refreshList();
  },
});
