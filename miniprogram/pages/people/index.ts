import type { PersonView, Role } from '../../../typings/org';
import { call } from '../../services/api';
import { latestData, loadMoreInto } from '../../services/load';
import type { LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import { homeUnitFor } from '../../services/scope';
import type { DatasetEvent } from '../../utils/events';

const PAGE_SIZE = 20;
/** Who may list people (org.listPeople). */
const LISTERS: readonly Role[] = ['unitAdmin', 'propagandaStaff', 'leader'];

interface PersonRow {
  id: string;
  name: string;
  badgeNo: string;
  unitName: string;
  tags: string[];
}

interface UnitRow {
  id: string;
  name: string;
  special: boolean;
}

interface PeopleData extends LoadState {
  unitId: string;
  unitName: string;
  trail: string;
  special: boolean;
  children: UnitRow[];
  items: PersonRow[];
  total: number;
  nextOffset: number | null;
  loadingMore: boolean;
  moreFailed: boolean;
}

interface PeopleCustom {
  loadSeq: number;
  /** The unit asked for in the query; empty: the caller's own scope. */
  requestedUnitId: string;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  onRetry(): void;
  onChildTap(event: DatasetEvent<{ id: string }>): void;
  onPersonTap(event: DatasetEvent<{ id: string }>): void;
  onAddTap(): void;
  onUnitTap(): void;
  onAccountsTap(): void;
  onAuditTap(): void;
}

/** What an admin should notice about a person at a glance. */
function tagsOf(p: PersonView): string[] {
  const tags: string[] = [];
  if (!p.active) tags.push('已停用');
  // 第三十五条: no operating or reviewing before training.
  if (!p.trained) tags.push('未培训');
  if (p.active && !p.bound) tags.push('未绑定微信');
  if (p.auxiliary) tags.push('辅警');
  if (p.classifiedPost) tags.push('涉密岗位');
  return tags;
}

const toRow = (p: PersonView): PersonRow => ({
  id: p.id,
  name: p.name,
  badgeNo: p.badgeNo,
  unitName: p.unitName,
  tags: tagsOf(p),
});

Page<PeopleData, PeopleCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    unitId: '',
    unitName: '',
    trail: '',
    special: false,
    children: [],
    items: [],
    total: 0,
    nextOffset: null,
    loadingMore: false,
    moreFailed: false,
  },
  loadSeq: 0,
  requestedUnitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.requestedUnitId = query.unitId ?? '';
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const unitId = this.requestedUnitId || (await latestData(this, homeUnitFor(LISTERS)));
    if (!unitId) return;
    const page = await latestData(this, call('org', 'listPeople', { unitId, limit: PAGE_SIZE }));
    if (!page) return;
    const { unit } = page;
    this.setData({
      status: 'ready',
      unitId: unit.id,
      unitName: unit.name,
      trail: unit.ancestors.map((u) => u.name).join(' / '),
      special: unit.specialWork,
      children: page.children.map((u) => ({ id: u.id, name: u.name, special: u.specialWork })),
      items: page.items.map(toRow),
      total: page.total,
      nextOffset: page.nextOffset,
      moreFailed: false,
    });
  },

  async loadMore() {
    const { unitId } = this.data;
    await loadMoreInto(this, (offset) => call('org', 'listPeople', { unitId, offset, limit: PAGE_SIZE }), toRow);
  },

  onChildTap(event) {
    openPage(`/pages/people/index?unitId=${event.currentTarget.dataset.id}`);
  },

  onPersonTap(event) {
    openPage(`/pages/person/index?id=${event.currentTarget.dataset.id}&unitId=${this.data.unitId}`);
  },

  onAddTap() {
    openPage(`/pages/person/index?unitId=${this.data.unitId}`);
  },

  onUnitTap() {
    openPage(`/pages/unit/index?unitId=${this.data.unitId}`);
  },

  onAccountsTap() {
    openPage(`/pages/accounts/index?unitId=${this.data.unitId}`);
  },

  onAuditTap() {
    openPage(`/pages/audit/index?unitId=${this.data.unitId}`);
  },
});
