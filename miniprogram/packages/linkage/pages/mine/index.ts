/**
 * The operator's linkage directives (第三十四条): those still to answer, the nearest deadline first,
 * each with its time left ticking; and every directive that called their accounts.
 */
import type { MyDirective } from '../../../../../typings/linkage';
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
import { prepareConsent } from '../../../../services/subscribe';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { formatBeijingShort } from '../../../../utils/time';
import { LIST_TICK_MS, PAGES, countdownMinutes } from '../../utils/linkage';

const PAGE_SIZE = 20;

interface MineRow {
  id: string;
  title: string;
  kind: string;
  /** The window's end, to tick the countdown against. */
  dueMs: number;
  clock: string;
  overdue: boolean;
  /** card__clock--over (past the window) or card__clock--done (nothing left to answer). */
  clockClass: string;
  /** Still to respond for one of the caller's accounts, in an open directive. */
  waiting: boolean;
  state: string;
  accounts: string;
  issued: string;
}

interface MineQuery {
  view: 'open' | 'all';
}

interface MineData extends ListData<MineRow, MineQuery> {
  openCount: number;
  viewOptions: { text: string; value: MineQuery['view'] }[];
}

interface MineCustom extends ListMethods<MineQuery> {
  listSeq: number;
  listNext: number | null;
  timer: number | null;
  fetchPage(query: MineQuery, next: number | null): Promise<ChunkResult<MineRow, number>>;
  tick(): void;
  stopTicking(): void;
  onView(event: ValueEvent<MineQuery['view']>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

const viewOptions = (open: number): MineData['viewOptions'] => [
  // The server stops counting at 100 (a badge, not a census).
  { text: open ? `待响应（${open > 99 ? '99+' : open}）` : '待响应', value: 'open' },
  { text: '全部联动指令', value: 'all' },
];

function toRow(item: MyDirective, now: number): MineRow {
  const d = item.directive;
  const dueMs = now + item.remainingMs;
  const waiting = d.state === 'open' && item.accounts.some((a) => a.state === 'pending');
  const left = countdownMinutes(item.remainingMs);
  return {
    id: d.id,
    title: d.title,
    kind: d.kindLabel,
    dueMs,
    clock: waiting ? left.text : d.stateLabel,
    overdue: waiting && left.overdue,
    clockClass: !waiting ? 'card__clock--done' : left.overdue ? 'card__clock--over' : '',
    waiting,
    state: d.stateLabel,
    accounts: item.accounts.map((a) => `${a.accountName}（${a.platformLabel}）${a.stateLabel}`).join('；'),
    issued: `${formatBeijingShort(d.issuedAt)} ${d.deskName}`,
  };
}

Page<MineData, MineCustom>({
  data: {
    ...listData<MineRow, MineQuery>({ view: 'open' }),
    openCount: 0,
    viewOptions: viewOptions(0),
  },
  ...listBehaviour<MineRow, MineQuery, number>({ key: (row) => row.id }),
  timer: null,

  onShow() {
    // Opening the list is a natural moment to hold a consent for the next directive.
    void prepareConsent('openLinkage');
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
    const offset = next ?? 0;
    const res = await call('linkage', 'mine', { view: query.view, offset, limit: PAGE_SIZE });
    const now = Date.now();
    return chunkOf(res, (page) => ({
      rows: page.items.map((i) => toRow(i, now)),
      next: page.nextOffset,
      extra: { openCount: page.openCount, viewOptions: viewOptions(page.openCount) },
    }));
  },

  tick() {
    const { items } = this.data.list;
    if (!items.some((r) => r.waiting)) return;
    const now = Date.now();
    const patch: Record<string, unknown> = {};
    items.forEach((r, i) => {
      if (!r.waiting) return;
      const left = countdownMinutes(r.dueMs - now);
      if (left.text === r.clock) return;
      patch[`list.items[${i}].clock`] = left.text;
      patch[`list.items[${i}].overdue`] = left.overdue;
      patch[`list.items[${i}].clockClass`] = left.overdue ? 'card__clock--over' : '';
    });
    if (Object.keys(patch).length > 0) this.setData(patch);
  },

  stopTicking() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  },

  onView(event) {
    void this.setQuery({ view: event.detail });
  },

  onItemTap(event) {
    openPage(`${PAGES.directive}?id=${event.currentTarget.dataset.id}`);
  },
});
