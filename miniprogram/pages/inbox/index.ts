import { call } from '../../services/api';
import { latestData } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { LoadState } from '../../services/load';
import { syncUnreadBadge } from '../../services/badge';
import type { InboxItem } from '../../services/contract';
import type { DatasetEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';

interface MessageView {
  id: string;
  title: string;
  text: string;
  time: string;
  read: boolean;
  link: string;
}

interface InboxData extends LoadState {
  items: MessageView[];
}

interface InboxCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onItemTap(event: DatasetEvent<{ link: string }>): void;
}

/** Newest first whatever order the server sends. */
function toMessageViews(items: readonly InboxItem[]): MessageView[] {
  return [...items]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((item) => ({
      id: item._id,
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
  },
  loadSeq: 0,

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const list = await latestData(this, call('notify', 'inbox', {}));
    if (!list) return;
    this.setData({ status: 'ready', items: toMessageViews(list.items) });
    syncUnreadBadge(list.unread);
  },

  onItemTap(event) {
    openPage(event.currentTarget.dataset.link);
  },
});
