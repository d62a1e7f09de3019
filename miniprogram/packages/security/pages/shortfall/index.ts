/**
 * 第三十五条 "纳入全警培训计划": the accounts of a unit (and the units under it) whose operators or
 * reviewers fall short of the year's training hours the province requires, with who is short and by
 * how much; the security timer reminds them on the province's reminder days.
 */
import type { ShortAccount } from '../../../../../typings/training';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { homeUnitFor } from '../../../../services/scope';
import { PLATFORM_LABELS } from '../../../../utils/org-labels';

const PAGE_SIZE = 20;

interface ShortRow {
  id: string;
  title: string;
  label: string;
}

interface ShortfallData extends ListData<ShortRow, Record<string, never>> {
  unitId: string;
  requirement: string;
}

interface ShortfallCustom extends ListMethods<Record<string, never>> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Record<string, never>, next: number | null): Promise<ChunkResult<ShortRow, number>>;
}

function row(a: ShortAccount, required: number): ShortRow {
  return {
    id: a.accountId,
    title: `${a.accountName}（${PLATFORM_LABELS[a.platform]}）`,
    label: `${a.unitName}｜${a.short
      .map((p) => (p.untrained ? `${p.name} 未经培训` : `${p.name} ${p.hours}/${required} 学时`))
      .join('、')}`,
  };
}

Page<ShortfallData, ShortfallCustom>({
  data: { ...listData<ShortRow, Record<string, never>>({}), unitId: '', requirement: '' },
  ...listBehaviour<ShortRow, Record<string, never>, number>({ key: (r) => r.id }),

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ unitId: decodeURIComponent(query.unitId ?? '') });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    if (!this.data.unitId) {
      const unit = await homeUnitFor(['unitAdmin', 'propagandaStaff', 'leader']);
      if (!unit.ok) return unit;
      this.setData({ unitId: unit.data });
    }
    const res = await call('training', 'shortfall', { unitId: this.data.unitId, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map((a) => row(a, page.requiredHours)),
      next: page.nextOffset,
      extra: { requirement: `${page.year} 年度要求：运营、审核民警每人 ${page.requiredHours} 学时（第三十五条）` },
    }));
  },
});
