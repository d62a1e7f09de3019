import type { ApiError } from '../../typings/common';
import { BIND_PAGE, HOME_PAGE, isPageUrl } from './navigation';

/** The server's answer to a caller whose WeChat account is bound to no person yet. */
export const NOT_BOUND = 'NOT_BOUND';

export function isNotBound(error: ApiError): boolean {
  return error.code === NOT_BOUND;
}

/** The page on top, as a url: what a leader opened from a subscribe message or a shared link. */
function currentUrl(): string {
  const pages = typeof getCurrentPages === 'function' ? getCurrentPages() : [];
  const page = pages[pages.length - 1];
  if (!page?.route) return '';
  const query = Object.entries(page.options ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `/${page.route}${query ? `?${query}` : ''}`;
}

/**
 * reLaunch, because a tab page cannot redirectTo a non-tab page and there is nothing to go back to.
 * The page the caller was opening rides along, so binding lands there (issue 16: a leader opens a
 * deep link before binding).
 */
export function sendToBind(): void {
  const next = currentUrl();
  const keep = isPageUrl(next) && !next.startsWith(BIND_PAGE) && !next.startsWith(HOME_PAGE);
  void wx.reLaunch({ url: keep ? `${BIND_PAGE}?next=${encodeURIComponent(next)}` : BIND_PAGE });
}
