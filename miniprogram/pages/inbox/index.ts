import type { NotificationKind } from '../../../typings/notify';
import { call } from '../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../services/list';
import { openPage } from '../../services/navigation';
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

type Query = Record<string, never>;

interface InboxData extends ListData<MessageView, Query> {
  unread: number;
}

interface InboxCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: string | null;
  fetchPage(query: Query, next: string | null): Promise<ChunkResult<MessageView, string>>;
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
  data: { ...listData<MessageView, Query>({}), unread: 0 },
  ...listBehaviour<MessageView, Query, string>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call(
      'notify',
      'inbox',
      next === null ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, cursor: next },
    );
    if (res.ok) {
      this.showUnread(res.data.unread);
      if (next === null) {
        // Ready before a tap on an unread notice: the tap may then ask to keep receiving its kind.
        const moments = new Set(res.data.items.filter((i) => !i.read).map((i) => KIND_MOMENT[i.kind]));
        for (const moment of moments) void prepareConsent(moment);
      }
    }
    return chunkOf(res, (page) => ({ rows: toMessageViews(page.items), next: page.nextCursor }));
  },

  showUnread(unread) {
    this.setData({ unread });
    syncUnreadBadge(unread);
  },

  onItemTap(event) {
    const { id, link, kind } = event.currentTarget.dataset;
    const index = this.data.list.items.findIndex((i) => i.id === id);
    const item = this.data.list.items[index];
    if (item && !item.read) {
      // Shown read at once; the server's count corrects the badge when it answers.
      this.setData({ [`list.items[${index}].read`]: true });
      this.showUnread(Math.max(0, this.data.unread - 1));
      void call('notify', 'markRead', { ids: [id] }).then((res) => {
        if (res.ok) this.showUnread(res.data.unread);
      });
    }
    // Inside the tap, before navigating: WeChat opens the subscribe dialog only from a tap.
    void askConsent(KIND_MOMENT[kind]).then(() => openPage(link));
  },

  onReadAllTap() {
    this.setData({ 'list.items': this.data.list.items.map((i) => ({ ...i, read: true })) });
    this.showUnread(0);
    void call('notify', 'markRead', { all: true }).then((res) => {
      if (res.ok) this.showUnread(res.data.unread);
    });
  },
});
