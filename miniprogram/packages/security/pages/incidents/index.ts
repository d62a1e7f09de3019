/**
 * A unit's security incidents (第三十三条), the newest report first, open or closed; the desk above
 * sees every unit under it; from an account's page, that account's only. Each row opens the timeline.
 */
import type { IncidentItem, IncidentState } from '../../../../../typings/security';
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
import { INCIDENT_KIND_LABELS, PAGES, formatBeijing } from '../../utils/security';

const PAGE_SIZE = 20;

interface Query {
  state: IncidentState | 'all';
}

interface IncidentRow {
  id: string;
  title: string;
  label: string;
  state: string;
  tag: string;
  suspended: boolean;
}

interface IncidentsData extends ListData<IncidentRow, Query> {
  unitId: string;
  accountId: string;
  filters: { key: Query['state']; label: string }[];
}

interface IncidentsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<IncidentRow, number>>;
  onFilter(event: DatasetEvent<{ key: Query['state'] }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

function row(i: IncidentItem): IncidentRow {
  return {
    id: i.id,
    title: `${INCIDENT_KIND_LABELS[i.kind]}｜${i.accountName}（${PLATFORM_LABELS[i.platform]}）`,
    label: `${i.unitName}｜${formatBeijing(i.reportedAt)} 报告${i.closedAt ? `｜${formatBeijing(i.closedAt)} 结案` : ''}`,
    state: i.state === 'open' ? '处置中' : '已结案',
    tag: i.state === 'open' ? 'danger' : 'success',
    suspended: i.suspended,
  };
}

Page<IncidentsData, IncidentsCustom>({
  data: {
    ...listData<IncidentRow, Query>({ state: 'open' }),
    unitId: '',
    accountId: '',
    filters: [
      { key: 'open', label: '处置中' },
      { key: 'closed', label: '已结案' },
      { key: 'all', label: '全部' },
    ],
  },
  ...listBehaviour<IncidentRow, Query, number>({ key: (r) => r.id }),

  onLoad(query: Record<string, string | undefined>) {
    this.setData({
      unitId: decodeURIComponent(query.unitId ?? ''),
      accountId: decodeURIComponent(query.accountId ?? ''),
      'query.state': query.accountId ? 'all' : 'open',
    });
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
    const res = await call('security', 'incidents', {
      unitId: this.data.unitId,
      ...(query.state === 'all' ? {} : { state: query.state }),
      ...(this.data.accountId ? { accountId: this.data.accountId } : {}),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({ rows: page.items.map(row), next: page.nextOffset }));
  },

  onFilter(event) {
    const { key } = event.currentTarget.dataset;
    if (key !== this.data.query.state) void this.setQuery({ state: key });
  },

  onItemTap(event) {
    openPage(`${PAGES.incident}?id=${encodeURIComponent(event.currentTarget.dataset.id)}`);
  },
});
