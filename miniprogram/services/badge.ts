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
