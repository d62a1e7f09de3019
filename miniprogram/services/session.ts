import type { ApiError } from '../../typings/common';
import { BIND_PAGE } from './navigation';

/** The server's answer to a caller whose WeChat account is bound to no person yet. */
export const NOT_BOUND = 'NOT_BOUND';

export function isNotBound(error: ApiError): boolean {
  return error.code === NOT_BOUND;
}

/** reLaunch, because a tab page cannot redirectTo a non-tab page and there is nothing to go back to. */
export function sendToBind(): void {
  void wx.reLaunch({ url: BIND_PAGE });
}
