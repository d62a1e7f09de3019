/**
 * A unit's accounts by password rotation (第三十三条 定期更换密码; 第二十九条 the unit answers for
 * them), the overdue first, then by due day — 待更换 and 已逾期 narrow it; the desk above sees every unit under it. Each row
 * opens the account's security page.
 */
import type { RotationItem } from '../../../../../typings/security';
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
import { PLATFORM_LABELS } from '../../../../utils/org-labels';
import { DUE_REASON_LABELS, PAGES, ROTATION_STATUS_LABELS, ROTATION_TAGS, formatBeijing } from '../../utils/security';

const PAGE_SIZE = 20;

type Filter = 'overdue' | 'due' | 'all';

interface Query {
  filter: Filter;
}

interface RotationRow {
  id: string;
  title: string;
  label: string;
  status: string;
  tag: string;
  suspended: boolean;
}

interface RotationsData extends ListData<RotationRow, Query> {
  unitId: string;
  filters: { key: Filter; label: string }[];
}

interface RotationsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<RotationRow, number>>;
  onFilter(event: DatasetEvent<{ key: Filter }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

function row(r: RotationItem): RotationRow {
  const days = r.daysLeft >= 0 ? `还有 ${r.daysLeft} 天` : `逾期 ${-r.daysLeft} 天`;
  return {
    id: r.accountId,
    title: `${r.accountName}（${PLATFORM_LABELS[r.platform]}）`,
    label: `${r.unitName}｜${DUE_REASON_LABELS[r.dueReason]} ${formatBeijing(r.dueAt).slice(0, 10)} 前（${days}）｜上次：${r.lastRotatedAt ? formatBeijing(r.lastRotatedAt).slice(0, 10) : '未登记'}`,
    status: ROTATION_STATUS_LABELS[r.status],
    tag: ROTATION_TAGS[r.status],
    suspended: r.suspended,
  };
}

Page<RotationsData, RotationsCustom>({
  data: {
    ...listData<RotationRow, Query>({ filter: 'all' }),
    unitId: '',
    filters: [
      { key: 'all', label: '全部' },
      { key: 'due', label: '待更换' },
      { key: 'overdue', label: '已逾期' },
    ],
  },
  ...listBehaviour<RotationRow, Query, number>({ key: (r) => r.id }),

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ unitId: decodeURIComponent(query.unitId ?? '') });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    if (!this.data.unitId) {
      const unit = await homeUnitFor(['operator', 'reviewer', 'unitAdmin', 'propagandaStaff', 'leader']);
      if (!unit.ok) return unit;
      this.setData({ unitId: unit.data });
    }
    const res = await call('security', 'rotations', {
      unitId: this.data.unitId,
      filter: query.filter,
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({ rows: page.items.map(row), next: page.nextOffset }));
  },

  onFilter(event) {
    const { key } = event.currentTarget.dataset;
    if (key !== this.data.query.filter) void this.setQuery({ filter: key });
  },

  onItemTap(event) {
    openPage(`${PAGES.account}?accountId=${encodeURIComponent(event.currentTarget.dataset.id)}`);
  },
});
