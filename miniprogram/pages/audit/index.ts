import type { AuditItem, Role } from '../../../typings/org';
import { call } from '../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../services/list';
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

type Query = Record<string, never>;

interface AuditData extends ListData<EntryRow, Query> {
  unitId: string;
  verifying: boolean;
  /** The verdict of the last check, as the page shows it; empty before any. */
  verdict: string;
  verdictOk: boolean;
}

interface AuditCustom extends ListMethods<Query> {
  listSeq: number;
  /** The `before` sequence of the next older page. */
  listNext: number | null;
  requestedUnitId: string;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<EntryRow, number>>;
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
    ...listData<EntryRow, Query>({}),
    unitId: '',
    verifying: false,
    verdict: '',
    verdictOk: false,
  },
  ...listBehaviour<EntryRow, Query, number>({ key: (row) => String(row.seq) }),
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
      const home = await homeUnitFor(READERS);
      if (!home.ok) return home;
      unitId = home.data;
    }
    const res = await call(
      'org',
      'auditLog',
      next === null ? { unitId, limit: PAGE_SIZE } : { unitId, before: next, limit: PAGE_SIZE },
    );
    return chunkOf(res, (page) => ({ rows: page.items.map(toRow), next: page.nextBefore, extra: { unitId } }));
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
