import type { ApiResult } from '../../typings/common';
import { isNotBound, sendToBind } from './session';

/** The state every data page renders: a spinner, an error with 重试, or its content. */
export interface LoadState {
  status: 'loading' | 'ready' | 'error';
  errorMessage: string;
}

export interface LoadingPage {
  /** Bumped per load so a slower, older answer never overwrites a newer one. */
  loadSeq: number;
  setData(data: Partial<LoadState>): void;
}

/**
 * Awaits a page's request and returns its data when it is still the page's latest. A refusal shows
 * the error state, except an unbound caller, who is sent to bind first. null: nothing to render.
 */
export async function latestData<T>(page: LoadingPage, request: Promise<ApiResult<T>>): Promise<T | null> {
  const seq = ++page.loadSeq;
  const res = await request;
  if (seq !== page.loadSeq) return null;
  if (res.ok) return res.data;
  if (isNotBound(res.error)) sendToBind();
  else page.setData({ status: 'error', errorMessage: res.error.message });
  return null;
}

/** The part of a list page's data that paging by offset reads and writes. */
export interface OffsetPaged<Row> {
  status: LoadState['status'];
  items: Row[];
  total: number;
  nextOffset: number | null;
  loadingMore: boolean;
  moreFailed: boolean;
}

export interface OffsetPage<Item> {
  items: Item[];
  total: number;
  nextOffset: number | null;
}

export interface PagingPage<Row> {
  loadSeq: number;
  data: OffsetPaged<Row>;
  setData(data: Partial<OffsetPaged<Row>>): void;
}

/**
 * Appends the next page at the bottom of a list: once at a time, never onto a list a newer load has
 * replaced, and with 加载失败 left to tap again when the request fails.
 */
export async function loadMoreInto<Row, Item>(
  page: PagingPage<Row>,
  fetch: (offset: number) => Promise<ApiResult<OffsetPage<Item>>>,
  toRow: (item: Item) => Row,
): Promise<void> {
  const offset = page.data.nextOffset;
  if (offset === null || page.data.loadingMore || page.data.status !== 'ready') return;
  page.setData({ loadingMore: true, moreFailed: false });
  const seq = page.loadSeq;
  const res = await fetch(offset);
  if (seq !== page.loadSeq) return;
  if (!res.ok) {
    page.setData({ loadingMore: false, moreFailed: true });
    return;
  }
  page.setData({
    items: [...page.data.items, ...res.data.items.map(toRow)],
    total: res.data.total,
    nextOffset: res.data.nextOffset,
    loadingMore: false,
  });
}
