import type { AuditItem, Role } from '../../../typings/org';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import { homeUnitFor } from '../../services/scope';
import { ROLE_LABELS } from '../../utils/labels';
import { actionLabel } from '../../utils/org-labels';
import { formatBeijingShort } from '../../utils/time';

const PAGE_SIZE = 20;
/** Who may read the log (org.auditLog). */
const READERS: readonly Role[] = ['unitAdmin', 'propagandaStaff', 'leader'];

interface EntryRow {
  seq: number;
  time: string;
  action: string;
  summary: string;
  actor: string;
}

interface AuditData extends LoadState {
  unitId: string;
  items: EntryRow[];
  nextBefore: number | null;
  loadingMore: boolean;
  moreFailed: boolean;
  verifying: boolean;
  /** The verdict of the last check, as the page shows it; empty before any. */
  verdict: string;
  verdictOk: boolean;
}

interface AuditCustom {
  loadSeq: number;
  requestedUnitId: string;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  onRetry(): void;
  onVerify(): Promise<void>;
}

function toRow(e: AuditItem): EntryRow {
  const role = e.actor.role ? ROLE_LABELS[e.actor.role] : '';
  return {
    seq: e.seq,
    time: formatBeijingShort(e.at),
    action: actionLabel(e.action),
    summary: e.summary,
    actor: [e.actor.name, role, e.actor.unitName].filter((part) => part).join(' · '),
  };
}

Page<AuditData, AuditCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    unitId: '',
    items: [],
    nextBefore: null,
    loadingMore: false,
    moreFailed: false,
    verifying: false,
    verdict: '',
    verdictOk: false,
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
    const unitId = this.requestedUnitId || (await latestData(this, homeUnitFor(READERS)));
    if (!unitId) return;
    const page = await latestData(this, call('org', 'auditLog', { unitId, limit: PAGE_SIZE }));
    if (!page) return;
    this.setData({
      status: 'ready',
      unitId,
      items: page.items.map(toRow),
      nextBefore: page.nextBefore,
      moreFailed: false,
    });
  },

  async loadMore() {
    const before = this.data.nextBefore;
    if (before === null || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true, moreFailed: false });
    const seq = this.loadSeq;
    const res = await call('org', 'auditLog', { unitId: this.data.unitId, before, limit: PAGE_SIZE });
    if (seq !== this.loadSeq) return;
    if (!res.ok) {
      this.setData({ loadingMore: false, moreFailed: true });
      return;
    }
    this.setData({
      items: [...this.data.items, ...res.data.items.map(toRow)],
      nextBefore: res.data.nextBefore,
      loadingMore: false,
    });
  },

  async onVerify() {
    if (this.data.verifying) return;
    this.setData({ verifying: true, verdict: '' });
    const res = await call('org', 'auditVerify', {});
    this.setData({ verifying: false });
    if (!res.ok) {
      this.setData({ verdict: res.error.message, verdictOk: false });
      return;
    }
    const report = res.data;
    this.setData(
      report.ok
        ? { verdict: `日志完整：已校验 ${report.checked} 条，未发现篡改或缺失`, verdictOk: true }
        : { verdict: `第 ${report.badSeq} 条起日志异常：${report.message}`, verdictOk: false },
    );
  },
});
