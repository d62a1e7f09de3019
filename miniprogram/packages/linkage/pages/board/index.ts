/**
 * The live board of one directive (第三十四条): how many accounts answered on time, late, or not yet,
 * by city (a city's counties when opened), and the accounts themselves — the silent first, then the
 * slowest — each with its time from issue, link and screenshot. Refreshed while open; the issuing
 * desk withdraws or corrects from here.
 */
import type { Board, TallyRow } from '../../../../../typings/linkage';
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
import { imageUrls } from '../../../../services/storage';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { formatBeijingShort } from '../../../../utils/time';
import { DIRECTIVE_TAGS, LIST_TICK_MS, PAGES, countdownMinutes, rowView, type RowView } from '../../utils/linkage';

const PAGE_SIZE = 20;
/** How often an open board reloads while on screen. */
const REFRESH_MS = 30_000;

type Status = 'all' | 'silent' | 'late' | 'onTime';

interface BoardQuery {
  unitId: string;
  status: Status;
}

interface AccountRow extends RowView {
  thumb: string;
}

interface TallyView {
  unitId: string;
  unitName: string;
  drillable: boolean;
  figures: string;
  /** Widths of the bar, in percent. */
  onTime: number;
  late: number;
  silent: number;
}

interface Head {
  id: string;
  rev: number;
  title: string;
  kind: string;
  state: string;
  stateTag: string;
  open: boolean;
  issued: string;
  targets: string;
  dueMs: number;
  clock: string;
  overdue: boolean;
}

interface BoardData extends ListData<AccountRow, BoardQuery> {
  id: string;
  statusOptions: { text: string; value: Status }[];
  head: Head | null;
  unitName: string;
  total: TallyView | null;
  reach: string;
  rows: TallyView[];
  path: { unitId: string; unitName: string }[];
  canWithdraw: boolean;
  withdrawing: boolean;
  reason: string;
  reasonError: string;
}

interface BoardCustom extends ListMethods<BoardQuery> {
  listSeq: number;
  listNext: number | null;
  timer: number | null;
  refreshedAt: number;
  fetchPage(query: BoardQuery, next: number | null): Promise<ChunkResult<AccountRow, number>>;
  tick(): void;
  stopTicking(): void;
  onStatus(event: ValueEvent<Status>): void;
  onUnit(event: DatasetEvent<{ unit: string; drillable: boolean }>): void;
  onPath(event: DatasetEvent<{ unit: string }>): void;
  onPreview(event: DatasetEvent<{ url: string }>): void;
  onCopy(event: DatasetEvent<{ text: string }>): void;
  onWithdrawOpen(): void;
  onReason(event: ValueEvent<string>): void;
  onWithdrawCancel(): void;
  onWithdrawConfirm(event: ValueEvent<{ dialog: VantDialog }>): Promise<void>;
  onCorrect(): void;
}

/** Vant's dialog with async-close: it stays open until told, showing what is missing or refused. */
interface VantDialog {
  stopLoading(): void;
}

const pct = (n: number, of: number): number => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);

function tallyView(t: TallyRow): TallyView {
  const after = t.afterClose ? `（关闭后补报 ${t.afterClose}）` : '';
  return {
    unitId: t.unitId,
    unitName: t.unitName,
    drillable: t.drillable,
    figures: `按时 ${t.onTime} · 超时 ${t.late}${after} · 未响应 ${t.silent} / 共 ${t.targets}`,
    onTime: pct(t.onTime, t.targets),
    late: pct(t.late, t.targets),
    silent: pct(t.silent, t.targets),
  };
}

function headOf(b: Board, now: number): Head {
  const d = b.directive;
  const open = d.state === 'open';
  // The server's clock, not the phone's: the window ends remainingMs after the answer came.
  const dueMs = now + b.remainingMs;
  const left = countdownMinutes(dueMs - now);
  return {
    id: d.id,
    rev: d.rev,
    title: d.title,
    kind: d.kindLabel,
    state: d.stateLabel,
    stateTag: DIRECTIVE_TAGS[d.state],
    open,
    issued: `${formatBeijingShort(d.issuedAt)} ${d.deskName} ${d.issuerName} 下发，${d.windowMinutes} 分钟内响应`,
    targets: `${d.targetsLabel}，${d.targetCount} 个账号`,
    dueMs,
    clock: open
      ? left.text
      : d.state === 'closed'
        ? `已于 ${formatBeijingShort(d.closesAt)} 结束，记录已定稿`
        : '已撤回',
    overdue: open && left.overdue,
  };
}

Page<BoardData, BoardCustom>({
  data: {
    ...listData<AccountRow, BoardQuery>({ unitId: '', status: 'all' }),
    id: '',
    statusOptions: [
      { text: '全部账号（未响应、最慢的在前）', value: 'all' },
      { text: '未响应', value: 'silent' },
      { text: '超时响应', value: 'late' },
      { text: '按时响应', value: 'onTime' },
    ],
    head: null,
    unitName: '',
    total: null,
    reach: '',
    rows: [],
    path: [],
    canWithdraw: false,
    withdrawing: false,
    reason: '',
    reasonError: '',
  },
  ...listBehaviour<AccountRow, BoardQuery, number>({ key: (row) => row.key }),
  timer: null,
  refreshedAt: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '', query: { unitId: query.unitId ?? '', status: 'all' } });
  },

  onShow() {
    void this.refreshList();
    this.stopTicking();
    this.timer = setInterval(() => this.tick(), LIST_TICK_MS) as unknown as number;
  },

  onHide() {
    this.stopTicking();
  },

  onUnload() {
    this.stopTicking();
  },

  async fetchPage(query, next) {
    const res = await call('linkage', 'board', {
      directiveId: this.data.id,
      ...(query.unitId ? { unitId: query.unitId } : {}),
      ...(query.status === 'all' ? {} : { status: query.status }),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    if (!res.ok) return res;
    const b = res.data;
    const views = b.items.map(rowView);
    const thumbs = await imageUrls(views.filter((v) => v.screenshot).map((v) => v.screenshot));
    let n = 0;
    const rows: AccountRow[] = views.map((v) => ({ ...v, thumb: v.screenshot ? (thumbs[n++] ?? '') : '' }));
    this.refreshedAt = Date.now();
    return chunkOf(res, () => ({
      rows,
      next: b.nextOffset,
      extra: {
        head: headOf(b, Date.now()),
        unitName: b.unitName,
        total: tallyView(b.total),
        reach: `下发时可微信触达 ${b.total.reachable} 个账号（共 ${b.total.targets} 个）`,
        rows: b.rows.map(tallyView),
        path: b.path,
        canWithdraw: b.canWithdraw,
        'query.unitId': b.unitId,
      },
    }));
  },

  tick() {
    const head = this.data.head;
    if (!head?.open) return;
    const left = countdownMinutes(head.dueMs - Date.now());
    if (left.text !== head.clock) this.setData({ 'head.clock': left.text, 'head.overdue': left.overdue });
    // Live while the clock runs: the counts and the first page again, rows kept on screen.
    if (Date.now() - this.refreshedAt >= REFRESH_MS && this.data.list.status === 'ready') void this.refreshList();
  },

  stopTicking() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  },

  onStatus(event) {
    void this.setQuery({ status: event.detail });
  },

  onUnit(event) {
    const { unit, drillable } = event.currentTarget.dataset;
    if (drillable) void this.setQuery({ unitId: unit });
  },

  onPath(event) {
    void this.setQuery({ unitId: event.currentTarget.dataset.unit });
  },

  onPreview(event) {
    const url = event.currentTarget.dataset.url;
    void wx.previewImage({ urls: [url], current: url });
  },

  onCopy(event) {
    void wx.setClipboardData({ data: event.currentTarget.dataset.text });
  },

  onWithdrawOpen() {
    this.setData({ withdrawing: true, reason: '', reasonError: '' });
  },

  onReason(event) {
    this.setData({ reason: event.detail, reasonError: '' });
  },

  onWithdrawCancel() {
    this.setData({ withdrawing: false });
  },

  async onWithdrawConfirm(event) {
    const head = this.data.head;
    const reason = this.data.reason.trim();
    if (!head || !reason) {
      event.detail.dialog.stopLoading();
      this.setData({ reasonError: '请填写撤回原因' });
      return;
    }
    const res = await call('linkage', 'withdraw', { directiveId: head.id, expectedRev: head.rev, reason });
    if (!res.ok) {
      event.detail.dialog.stopLoading();
      this.setData({ reasonError: res.error.message });
      return;
    }
    this.setData({ withdrawing: false });
    void wx.showToast({ title: '已撤回，已通知未响应的账号', icon: 'none' });
    await this.reloadList();
  },

  onCorrect() {
    openPage(`${PAGES.issue}?correctionOf=${this.data.id}`);
  },
});
