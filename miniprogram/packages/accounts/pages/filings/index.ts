/**
 * Filings (备案, 第十四条): what the caller's desk received from the desks below (to acknowledge or
 * query) and what it files itself (due within the province's period after each approved opening,
 * closure or cancellation). One state per page, the overdue marked.
 */
import type { FilingBox, FilingState, FilingView } from '../../../../../typings/account';
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
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { FILING_BOX_OPTIONS, FILING_STATE_OPTIONS, PAGES, STATE_TAGS, when } from '../../utils/accounts';

const PAGE_SIZE = 20;

interface FilingRow {
  id: string;
  event: string;
  title: string;
  state: string;
  tag: string;
  overdue: boolean;
  meta: string;
  due: string;
}

interface Query {
  box: FilingBox;
  state: FilingState;
}

interface FilingsData extends ListData<FilingRow, Query> {
  boxOptions: typeof FILING_BOX_OPTIONS;
  stateOptions: typeof FILING_STATE_OPTIONS;
}

interface FilingsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<FilingRow, number>>;
  onBox(event: ValueEvent<FilingBox>): void;
  onState(event: ValueEvent<FilingState>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

function toRow(f: FilingView, box: FilingBox): FilingRow {
  const from = box === 'received' ? `报备单位：${f.filerDeskName}` : `报备至：${f.receiverDeskName}`;
  const due =
    f.state === 'due'
      ? `${f.overdue ? '已逾期，' : ''}应于 ${when(f.dueAt)} 前报备`
      : f.acknowledgedAt
        ? `${when(f.acknowledgedAt)} 确认`
        : `${when(f.filedAt)} 报备`;
  return {
    id: f.id,
    event: f.eventLabel,
    title: `${f.accountName}（${f.platformLabel}）`,
    state: f.stateLabel,
    tag: f.overdue ? 'danger' : (STATE_TAGS[f.state] ?? 'default'),
    overdue: f.overdue,
    meta: `${f.unitName} · ${from}`,
    due,
  };
}

const BOXES: readonly string[] = FILING_BOX_OPTIONS.map((o) => o.value);
const STATES: readonly string[] = FILING_STATE_OPTIONS.map((o) => o.value);

Page<FilingsData, FilingsCustom>({
  data: {
    ...listData<FilingRow, Query>({ box: 'received', state: 'filed' }),
    boxOptions: FILING_BOX_OPTIONS,
    stateOptions: FILING_STATE_OPTIONS,
  },
  ...listBehaviour<FilingRow, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    if (query.box && BOXES.includes(query.box)) this.setData({ 'query.box': query.box });
    if (query.state && STATES.includes(query.state)) this.setData({ 'query.state': query.state });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('account', 'filings', {
      box: query.box,
      state: query.state,
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({ rows: page.items.map((f) => toRow(f, query.box)), next: page.nextOffset }));
  },

  onBox(event) {
    // Received filings wait for acknowledgement; sent ones for filing.
    void this.setQuery({ box: event.detail, state: event.detail === 'received' ? 'filed' : 'due' });
  },

  onState(event) {
    void this.setQuery({ state: event.detail });
  },

  onItemTap(event) {
    openPage(`${PAGES.filing}?id=${event.currentTarget.dataset.id}`);
  },
});
