/** Index of 消息 in app.json's tabBar.list. */
export const INBOX_TAB_INDEX = 1;

export function syncUnreadBadge(unread: number): void {
  const update =
    unread > 0
      ? wx.setTabBarBadge({ index: INBOX_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
      : wx.removeTabBarBadge({ index: INBOX_TAB_INDEX });
  // Best effort: the badge is a hint, and only a tab page has a tab bar to put it on.
  update.catch(() => undefined);
}

/**
 * The workbench knows whether anything is unread, not how much (issue 18): a dot on 消息, unless the
 * inbox has put its number there; nothing unread clears both.
 */
export function syncUnreadDot(unread: boolean): void {
  const update = unread
    ? wx.showTabBarRedDot({ index: INBOX_TAB_INDEX })
    : Promise.all([wx.hideTabBarRedDot({ index: INBOX_TAB_INDEX }), wx.removeTabBarBadge({ index: INBOX_TAB_INDEX })]);
  // Best effort, as above.
  void Promise.resolve(update).catch(() => undefined);
}
