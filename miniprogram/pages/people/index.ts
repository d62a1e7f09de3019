import type { PersonView, Role } from '../../../typings/org';
import { call } from '../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../services/list';
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

type Query = Record<string, never>;

interface PeopleData extends ListData<PersonRow, Query> {
  unitId: string;
  unitName: string;
  trail: string;
  special: boolean;
  children: UnitRow[];
}

interface PeopleCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  /** The unit asked for in the query; empty: the caller's own scope. */
  requestedUnitId: string;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<PersonRow, number>>;
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
    ...listData<PersonRow, Query>({}),
    unitId: '',
    unitName: '',
    trail: '',
    special: false,
    children: [],
  },
  ...listBehaviour<PersonRow, Query, number>({ key: (row) => row.id }),
  requestedUnitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.requestedUnitId = query.unitId ?? '';
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    let unitId = next === null ? this.requestedUnitId : this.data.unitId;
    if (!unitId) {
      const home = await homeUnitFor(LISTERS);
      if (!home.ok) return home;
      unitId = home.data;
    }
    const res = await call(
      'org',
      'listPeople',
      next === null ? { unitId, limit: PAGE_SIZE } : { unitId, offset: next, limit: PAGE_SIZE },
    );
    return chunkOf(res, (page) => ({
      rows: page.items.map(toRow),
      next: page.nextOffset,
      extra: {
        unitId: page.unit.id,
        unitName: page.unit.name,
        trail: page.unit.ancestors.map((u) => u.name).join(' / '),
        special: page.unit.specialWork,
        children: page.children.map((u) => ({ id: u.id, name: u.name, special: u.specialWork })),
      },
    }));
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
