import { call } from '../../services/api';
import { latestData } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { LoadState } from '../../services/load';
import { syncUnreadDot } from '../../services/badge';
import { entriesFor, pendingItemsFor } from './entries';
import type { HomeEntry, PendingItem } from './entries';
import type { DatasetEvent } from '../../utils/events';

interface HomeData extends LoadState {
  name: string;
  unitName: string;
  trained: boolean;
  entries: HomeEntry[];
  pending: PendingItem[];
}

interface HomeCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onEntryTap(event: DatasetEvent<{ url: string }>): void;
  onPendingTap(event: DatasetEvent<{ url: string }>): void;
}

Page<HomeData, HomeCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    name: '',
    unitName: '',
    trained: true,
    entries: [],
    pending: [],
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
    const me = await latestData(this, call('org', 'me', {}));
    if (!me) return;
    const { person, pending } = me;
    const entries = entriesFor(person.roles, pending);
    this.setData({
      status: 'ready',
      name: person.name,
      unitName: person.unitName,
      // 第三十五条: new staff take up the post only after training; the home page says so.
      trained: person.trained,
      entries,
      pending: pendingItemsFor(entries, pending),
    });
    syncUnreadDot(pending.unreadNotifications);
  },

  onEntryTap(event) {
    openPage(event.currentTarget.dataset.url);
  },

  onPendingTap(event) {
    openPage(event.currentTarget.dataset.url);
  },
});
