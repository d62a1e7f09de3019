import type { AccountView, Role } from '../../../typings/org';
import { call } from '../../services/api';
import { latestData, loadMoreInto } from '../../services/load';
import type { LoadState } from '../../services/load';
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

interface AccountsData extends LoadState {
  unitId: string;
  items: AccountRow[];
  total: number;
  nextOffset: number | null;
  loadingMore: boolean;
  moreFailed: boolean;
}

interface AccountsCustom {
  loadSeq: number;
  requestedUnitId: string;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  onRetry(): void;
  onAccountTap(event: DatasetEvent<{ id: string; unit: string }>): void;
  onAddTap(): void;
}

function toRow(a: AccountView): AccountRow {
  const staff = [
    a.operatorA && `A角 ${a.operatorA.name}`,
    a.operatorB && `B角 ${a.operatorB.name}`,
    a.reviewers.length > 0 && `审核 ${a.reviewers.map((r) => r.name).join('、')}`,
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
  data: {
    status: 'loading',
    errorMessage: '',
    unitId: '',
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
    const page = await latestData(this, call('org', 'listAccounts', { unitId, limit: PAGE_SIZE }));
    if (!page) return;
    this.setData({
      status: 'ready',
      unitId,
      items: page.items.map(toRow),
      total: page.total,
      nextOffset: page.nextOffset,
      moreFailed: false,
    });
  },

  async loadMore() {
    const { unitId } = this.data;
    await loadMoreInto(this, (offset) => call('org', 'listAccounts', { unitId, offset, limit: PAGE_SIZE }), toRow);
  },

  onAccountTap(event) {
    const { id, unit } = event.currentTarget.dataset;
    openPage(`/pages/account/index?id=${id}&unitId=${unit}`);
  },

  onAddTap() {
    openPage(`/pages/account/index?unitId=${this.data.unitId}`);
  },
});
