import type { AccountView, Role } from '../../../typings/org';
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
import { ACCOUNT_KIND_LABELS, ACCOUNT_STATE_LABELS, PLATFORM_LABELS } from '../../utils/org-labels';

const PAGE_SIZE = 20;
/** Who may list accounts (org.listAccounts). */
const LISTERS: readonly Role[] = ['unitAdmin', 'propagandaStaff', 'leader', 'reviewer', 'operator'];

interface AccountRow {
  id: string;
  unitId: string;
  name: string;
  kind: string;
  staff: string;
  state: string;
  violations: number;
}

type Query = Record<string, never>;

interface AccountsData extends ListData<AccountRow, Query> {
  unitId: string;
  /** The server's word that the caller is the desk that may register this unit's older accounts. */
  canRegister: boolean;
}

interface AccountsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  requestedUnitId: string;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<AccountRow, number>>;
  onAccountTap(event: DatasetEvent<{ id: string; unit: string }>): void;
  onAddTap(): void;
  onApplyTap(): void;
}

function toRow(a: AccountView): AccountRow {
  // No-break spaces and keep-all (index.wxss): a narrow row wraps between people, never inside 审核 or a name.
  const staff = [
    a.operatorA && `A角\u00a0${a.operatorA.name}`,
    a.operatorB && `B角\u00a0${a.operatorB.name}`,
    a.reviewers.length > 0 && `审核\u00a0${a.reviewers.map((r) => r.name).join('、')}`,
  ].filter((part): part is string => typeof part === 'string');
  return {
    id: a.id,
    unitId: a.unitId,
    name: a.name,
    kind: `${PLATFORM_LABELS[a.platform]} · ${ACCOUNT_KIND_LABELS[a.kind]} · ${a.unitName}`,
    staff: staff.join(' · ') || '未配置运营人员',
    state: a.state === 'active' ? '' : ACCOUNT_STATE_LABELS[a.state],
    violations: a.violations.length,
  };
}

Page<AccountsData, AccountsCustom>({
  data: { ...listData<AccountRow, Query>({}), unitId: '', canRegister: false },
  ...listBehaviour<AccountRow, Query, number>({ key: (row) => row.id }),
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
      'listAccounts',
      next === null ? { unitId, limit: PAGE_SIZE } : { unitId, offset: next, limit: PAGE_SIZE },
    );
    return chunkOf(res, (page) => ({
      rows: page.items.map(toRow),
      next: page.nextOffset,
      extra: { unitId, canRegister: page.canRegister },
    }));
  },

  onAccountTap(event) {
    const { id, unit } = event.currentTarget.dataset;
    openPage(`/pages/account/index?id=${id}&unitId=${unit}`);
  },

  onAddTap() {
    openPage(`/pages/account/index?unitId=${this.data.unitId}`);
  },

  // 第十条: a new account is applied for; 登记 is for accounts opened before the system.
  onApplyTap() {
    openPage(`/packages/accounts/pages/apply/index?unitId=${this.data.unitId}`);
  },
});
