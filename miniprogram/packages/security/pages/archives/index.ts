/**
 * A unit's archives (第三十二条 归档入库): the monthly archive of each bureau under it, newest first, and
 * the exports asked for audit requests. The unit, its leaders and the desks above list them; an export
 * of a unit over a range of past days is asked for here and built by the timer.
 */
import type { ArchiveType, ArchiveView } from '../../../../../typings/archive';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { openPage } from '../../../../services/navigation';
import { homeUnitFor } from '../../../../services/scope';
import type { DatasetEvent } from '../../../../utils/events';
import { PAGES, archiveTitle, beijingPickers, newRequestKey, recordsLabel } from '../../utils/security';

const PAGE_SIZE = 20;

interface Query {
  type: ArchiveType | 'all';
}

interface ArchiveRow {
  id: string;
  title: string;
  label: string;
  state: string;
  tag: string;
}

interface ArchivesData extends ListData<ArchiveRow, Query> {
  unitId: string;
  filters: { key: Query['type']; label: string }[];
  from: string;
  to: string;
  busy: boolean;
  refusal: string;
}

interface ArchivesCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  requestKey: string;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<ArchiveRow, number>>;
  onFilter(event: DatasetEvent<{ key: Query['type'] }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onFrom(event: { detail: { value: string } }): void;
  onTo(event: { detail: { value: string } }): void;
  onExport(): Promise<void>;
}

function row(a: ArchiveView): ArchiveRow {
  const by = a.requestedByName ? `｜${a.requestedByName} 申请` : '';
  return {
    id: a.id,
    title: archiveTitle(a),
    label: `${recordsLabel(a)}${by}`,
    state: a.state === 'complete' ? '已完成' : '生成中',
    tag: a.state === 'complete' ? 'success' : 'warning',
  };
}

Page<ArchivesData, ArchivesCustom>({
  data: {
    ...listData<ArchiveRow, Query>({ type: 'all' }),
    unitId: '',
    filters: [
      { key: 'all', label: '全部' },
      { key: 'monthly', label: '月度归档' },
      { key: 'export', label: '审计导出' },
    ],
    from: '',
    to: '',
    busy: false,
    refusal: '',
  },
  ...listBehaviour<ArchiveRow, Query, number>({ key: (r) => r.id }),
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    // An export covers days already over: yesterday by default, from the first of its month.
    const yesterday = beijingPickers(Date.now() - 86_400_000).date;
    this.requestKey = newRequestKey();
    this.setData({ unitId: decodeURIComponent(query.unitId ?? ''), from: `${yesterday.slice(0, 8)}01`, to: yesterday });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    if (!this.data.unitId) {
      const unit = await homeUnitFor(['unitAdmin', 'propagandaStaff', 'leader']);
      if (!unit.ok) return unit;
      this.setData({ unitId: unit.data });
    }
    const res = await call('archive', 'list', {
      unitId: this.data.unitId,
      ...(query.type === 'all' ? {} : { type: query.type }),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({ rows: page.items.map(row), next: page.nextOffset }));
  },

  onFilter(event) {
    const { key } = event.currentTarget.dataset;
    if (key !== this.data.query.type) void this.setQuery({ type: key });
  },

  onItemTap(event) {
    openPage(`${PAGES.archive}?id=${encodeURIComponent(event.currentTarget.dataset.id)}`);
  },

  onFrom(event) {
    this.setData({ from: event.detail.value });
  },

  onTo(event) {
    this.setData({ to: event.detail.value });
  },

  async onExport() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('archive', 'exportStart', {
      unitId: this.data.unitId,
      requestKey: this.requestKey,
      from: this.data.from,
      to: this.data.to,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.requestKey = newRequestKey();
    void wx.showToast({ title: '已申请，生成后可下载', icon: 'none' });
    await this.refreshList();
  },
});
