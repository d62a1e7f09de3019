import type { ApiResult } from '../../typings/common';
import { isNotBound, sendToBind } from './session';

/**
 * The state every data page that is not a list renders: a spinner, an error with 重试, or its content.
 * Lists use the shared list behaviour (services/list.ts) instead.
 */
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
