export const HOME_PAGE = '/pages/home/index';
export const INBOX_PAGE = '/pages/inbox/index';
export const ME_PAGE = '/pages/me/index';
export const BIND_PAGE = '/pages/bind/index';

/** app.json's tabBar pages: reachable only through switchTab, which drops any query. */
const TAB_PAGES: readonly string[] = [HOME_PAGE, INBOX_PAGE, ME_PAGE];

function tell(title: string): () => void {
  return () => void wx.showToast({ title, icon: 'none' });
}

/** Opens a page of the mini-program by url, e.g. an entry of the workbench or a message's link. */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) {
    wx.switchTab({ url: path, fail: tell('页面打开失败，请重试') });
    return;
  }
  // Entries may name pages a later release brings; until then the tap explains itself.
  wx.navigateTo({ url, fail: tell('该功能暂未开放') });
}

/** A page of this mini-program by its full path (a subscribe message's, a shared link's), nothing else. */
export function isPageUrl(url: string): boolean {
  return /^\/(pages|packages)\/[\w\-/]+\/index(\?[\w\-=&%.]*)?$/.test(url);
}

/** Lands on `url` in place of the current page stack (after binding: no way back to the bind page). */
export function landOn(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) {
    wx.switchTab({ url: path, fail: tell('页面打开失败，请重试') });
    return;
  }
  wx.reLaunch({ url, fail: () => wx.switchTab({ url: HOME_PAGE }) });
}
