import type { NotificationKind } from '../../../typings/notify';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { LoadState } from '../../services/load';
import { syncUnreadBadge } from '../../services/badge';
import type { InboxItem } from '../../services/contract';
import { KIND_MOMENT, askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';

const PAGE_SIZE = 20;

interface MessageView {
  id: string;
  kind: NotificationKind;
  title: string;
  text: string;
  time: string;
  read: boolean;
  link: string;
}

interface InboxData extends LoadState {
  items: MessageView[];
  unread: number;
  /** Where the next older page starts; null when the list is complete. */
  nextCursor: string | null;
  loadingMore: boolean;
  moreFailed: boolean;
}

interface InboxCustom {
  loadSeq: number;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  onRetry(): void;
  onItemTap(event: DatasetEvent<{ id: string; link: string; kind: NotificationKind }>): void;
  onReadAllTap(): void;
  showUnread(unread: number): void;
}

/** Newest first whatever order the server sends. */
function toMessageViews(items: readonly InboxItem[]): MessageView[] {
  return [...items]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((item) => ({
      id: item._id,
      kind: item.kind,
      title: item.title,
      text: item.text,
      time: formatBeijingShort(item.createdAt),
      read: item.read,
      link: item.link,
    }));
}

Page<InboxData, InboxCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    items: [],
    unread: 0,
    nextCursor: null,
    loadingMore: false,
    moreFailed: false,
  },
  loadSeq: 0,

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const page = await latestData(this, call('notify', 'inbox', { limit: PAGE_SIZE }));
    if (!page) return;
    const items = toMessageViews(page.items);
    this.setData({ status: 'ready', items, nextCursor: page.nextCursor, moreFailed: false });
    this.showUnread(page.unread);
    // Ready before a tap on an unread notice: the tap may then ask to keep receiving its kind.
    const moments = new Set(items.filter((i) => !i.read).map((i) => KIND_MOMENT[i.kind]));
    for (const moment of moments) void prepareConsent(moment);
  },

  async loadMore() {
    const cursor = this.data.nextCursor;
    if (!cursor || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true, moreFailed: false });
    const seq = this.loadSeq;
    const res = await call('notify', 'inbox', { limit: PAGE_SIZE, cursor });
    // A refresh meanwhile replaced the list; this older page belongs to the old one.
    if (seq !== this.loadSeq) return;
    if (!res.ok) {
      this.setData({ loadingMore: false, moreFailed: true });
      return;
    }
    const known = new Set(this.data.items.map((i) => i.id));
    const older = toMessageViews(res.data.items).filter((i) => !known.has(i.id));
    this.setData({ items: [...this.data.items, ...older], nextCursor: res.data.nextCursor, loadingMore: false });
    this.showUnread(res.data.unread);
  },

  showUnread(unread) {
    this.setData({ unread });
    syncUnreadBadge(unread);
  },

  onItemTap(event) {
    const { id, link, kind } = event.currentTarget.dataset;
    const index = this.data.items.findIndex((i) => i.id === id);
    const item = this.data.items[index];
    if (item && !item.read) {
      // Shown read at once; the server's count corrects the badge when it answers.
      this.setData({ [`items[${index}].read`]: true });
      this.showUnread(Math.max(0, this.data.unread - 1));
      void call('notify', 'markRead', { ids: [id] }).then((res) => {
        if (res.ok) this.showUnread(res.data.unread);
      });
    }
    // Inside the tap, before navigating: WeChat opens the subscribe dialog only from a tap.
    void askConsent(KIND_MOMENT[kind]).then(() => openPage(link));
  },

  onReadAllTap() {
    this.setData({ items: this.data.items.map((i) => ({ ...i, read: true })) });
    this.showUnread(0);
    void call('notify', 'markRead', { all: true }).then((res) => {
      if (res.ok) this.showUnread(res.data.unread);
    });
  },
});
