/**
 * The one list behaviour every list page shares: the first page with a spinner, pull-down refresh
 * that keeps the rows on screen, load more down to the end, empty, error with 重试, and the filters
 * and search as the list's query. A page gives how to fetch one page (`fetchPage`) and how to show
 * it; the `paged-list` component draws the states and the footer.
 *
 *   Page<Data, Custom>({
 *     data: { ...listData<Row, Query>({ state: 'all' }), other: … },
 *     ...listBehaviour<Row, Query, number>({ key: (row) => row.id }),
 *     onShow() { void this.reloadList(); },
 *     fetchPage(query, next) { return call(…).then((res) => chunkOf(res, …)); },
 *   });
 *
 * Whatever paging the action uses (offset, cursor, `before` sequence) travels as the opaque `next`.
 */
import type { ApiResult } from '../../typings/common';
import { isNotBound, sendToBind } from './session';

export type ListStatus = 'loading' | 'ready' | 'error';

/** What the page's template reads under `list`. */
export interface ListView<Row> {
  status: ListStatus;
  errorMessage: string;
  items: Row[];
  /** From the server's maintained counter; null where the action keeps none. */
  total: number | null;
  /** More rows exist past the last one shown. */
  hasMore: boolean;
  loadingMore: boolean;
  /** The last "load more" failed: the footer offers to try again. */
  moreFailed: boolean;
}

/** The list part of a list page's data. */
export interface ListData<Row, Query> {
  list: ListView<Row>;
  /** Filters and search text: changing them reloads the list from its first page. */
  query: Query;
}

/** Where the next page starts: an offset, a cursor string or a sequence number. */
export type PageToken = number | string;

/** One page as the page maps it from its action's answer. */
export interface ListChunk<Row, Next extends PageToken> {
  rows: Row[];
  /** Where the next page starts; null: this was the last. */
  next: Next | null;
  total?: number | null;
  /** Other page data that comes with the rows (e.g. the accounts the caller writes for), applied with them. */
  extra?: Record<string, unknown>;
}

export type ChunkResult<Row, Next extends PageToken> = ApiResult<ListChunk<Row, Next>>;

/** Fields the behaviour keeps on the page instance (not rendered). */
export interface ListFields<Next extends PageToken> {
  /** Bumped by every first-page load, so an older answer never overwrites a newer list. */
  listSeq: number;
  listNext: Next | null;
}

/** What the page implements. */
export interface ListSource<Row, Query, Next extends PageToken> {
  fetchPage(query: Query, next: Next | null): Promise<ChunkResult<Row, Next>>;
}

/** What the behaviour adds to the page. */
export interface ListMethods<Query> {
  /** Shows the spinner and loads the first page (opening, retry, a new query). */
  reloadList(): Promise<void>;
  /** Loads the first page again while the rows stay on screen (pull-down, coming back to the page). */
  refreshList(): Promise<void>;
  /** Appends the next page: one request at a time, never onto a list a newer load replaced. */
  loadMore(): Promise<void>;
  /** Changes filters or search and reloads from the first page. */
  setQuery(patch: Partial<Query>): Promise<void>;
  onPullDownRefresh(): Promise<void>;
  onReachBottom(): void;
  /** paged-list's `retry`. */
  onListRetry(): void;
  /** paged-list's `more` (the footer's 点击加载 / 重试). */
  onListMore(): void;
}

export interface ListHost<Row, Query, Next extends PageToken>
  extends ListFields<Next>,
    ListSource<Row, Query, Next>,
    ListMethods<Query> {
  data: ListData<Row, Query>;
  setData(patch: object): void;
}

export interface ListOptions<Row> {
  /** A row's identity: rows already shown are not added again when the list moved between pages. */
  key?: (row: Row) => string;
}

/** The initial `list` and `query` of a list page's data. */
export function listData<Row, Query>(query: Query): ListData<Row, Query> {
  return {
    list: {
      status: 'loading',
      errorMessage: '',
      items: [],
      total: null,
      hasMore: false,
      loadingMore: false,
      moreFailed: false,
    },
    query,
  };
}

/** A first page that failed: the error state, or the bind page for a caller not bound yet. */
function showFailure<Row, Query, Next extends PageToken>(
  page: ListHost<Row, Query, Next>,
  error: { code: string; message: string },
  keepRows: boolean,
): void {
  if (isNotBound(error)) {
    sendToBind();
    return;
  }
  if (keepRows) void wx.showToast({ title: error.message, icon: 'none' });
  else page.setData({ 'list.status': 'error', 'list.errorMessage': error.message });
}

async function loadFirst<Row, Query, Next extends PageToken>(
  page: ListHost<Row, Query, Next>,
  keepRows: boolean,
): Promise<void> {
  const seq = ++page.listSeq;
  const res = await page.fetchPage(page.data.query, null);
  if (seq !== page.listSeq) return;
  if (!res.ok) {
    showFailure(page, res.error, keepRows && page.data.list.status === 'ready');
    return;
  }
  const { rows, next, total = null, extra = {} } = res.data;
  page.listNext = next;
  page.setData({
    ...extra,
    list: {
      status: 'ready',
      errorMessage: '',
      items: rows,
      total,
      hasMore: next !== null,
      loadingMore: false,
      moreFailed: false,
    },
  });
}

/**
 * The behaviour's fields and methods, spread into the page's options. `key` drops rows already
 * shown (a list that moved between two pages would repeat them).
 */
export function listBehaviour<Row, Query, Next extends PageToken>(
  options: ListOptions<Row> = {},
): ListFields<Next> & ListMethods<Query> {
  return {
    listSeq: 0,
    listNext: null,

    async reloadList(this: ListHost<Row, Query, Next>) {
      this.setData({ 'list.status': 'loading', 'list.errorMessage': '' });
      await loadFirst(this, false);
    },

    async refreshList(this: ListHost<Row, Query, Next>) {
      await loadFirst(this, true);
    },

    async loadMore(this: ListHost<Row, Query, Next>) {
      const { list } = this.data;
      const next = this.listNext;
      if (next === null || list.status !== 'ready' || list.loadingMore) return;
      this.setData({ 'list.loadingMore': true, 'list.moreFailed': false });
      const seq = this.listSeq;
      const res = await this.fetchPage(this.data.query, next);
      if (seq !== this.listSeq) return;
      if (!res.ok) {
        this.setData({ 'list.loadingMore': false, 'list.moreFailed': true });
        return;
      }
      const { rows, total } = res.data;
      const shown = options.key ? new Set(this.data.list.items.map(options.key)) : null;
      const fresh =
        shown && options.key ? rows.filter((r) => !shown.has((options.key as (r: Row) => string)(r))) : rows;
      this.listNext = res.data.next;
      this.setData({
        'list.items': [...this.data.list.items, ...fresh],
        'list.hasMore': res.data.next !== null,
        'list.loadingMore': false,
        ...(total === undefined ? {} : { 'list.total': total }),
      });
    },

    async setQuery(this: ListHost<Row, Query, Next>, patch: Partial<Query>) {
      this.setData({ query: { ...this.data.query, ...patch } });
      await this.reloadList();
    },

    async onPullDownRefresh(this: ListHost<Row, Query, Next>) {
      await this.refreshList();
      void wx.stopPullDownRefresh();
    },

    onReachBottom(this: ListHost<Row, Query, Next>) {
      // A failed page waits for a tap: scrolling must not hammer a failing server.
      if (!this.data.list.moreFailed) void this.loadMore();
    },

    onListRetry(this: ListHost<Row, Query, Next>) {
      void this.reloadList();
    },

    onListMore(this: ListHost<Row, Query, Next>) {
      void this.loadMore();
    },
  };
}

/**
 * Maps an action's answer to a chunk: `rows` and `next` from its data, or the same error.
 */
export function chunkOf<T, Row, Next extends PageToken>(
  res: ApiResult<T>,
  map: (data: T) => ListChunk<Row, Next>,
): ChunkResult<Row, Next> {
  return res.ok ? { ok: true, data: map(res.data) } : res;
}

/** `next` for an offset-paged action that answers `hasMore`. */
export const nextOffset = (offset: number | null, count: number, hasMore: boolean): number | null =>
  hasMore ? (offset ?? 0) + count : null;
