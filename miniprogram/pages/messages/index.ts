import type { MessageState, MessageSummary, MessagesPage, OperatedAccount } from '../../../typings/referral';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { DatasetEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';
import { MESSAGE_STATE_LABELS, PLATFORM_LABELS, TRIAGE_LABELS } from '../../utils/referral';

type Filter = MessageState | 'all';

interface MessageView {
  id: string;
  title: string;
  label: string;
  time: string;
  state: MessageState;
  stateLabel: string;
  /** The triage, or screening's suggestion marked as such. */
  triage: string;
}

interface MessagesData extends LoadState {
  filter: Filter;
  filters: { key: Filter; label: string }[];
  items: MessageView[];
  accounts: OperatedAccount[];
  loadingMore: boolean;
  hasMore: boolean;
}

interface MessagesCustom {
  loadSeq: number;
  cursor: string | null;
  load(): Promise<void>;
  onRetry(): void;
  onFilter(event: DatasetEvent<{ key: Filter }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onRecord(): void;
}

const FILTERS: Filter[] = ['all', 'received', 'triaged', 'closed'];

function toView(m: MessageSummary): MessageView {
  const triage = m.triage
    ? TRIAGE_LABELS[m.triage]
    : m.suggestedTriage
      ? `建议：${TRIAGE_LABELS[m.suggestedTriage]}`
      : '';
  return {
    id: m.id,
    title: m.excerpt,
    label: `${m.accountName}（${PLATFORM_LABELS[m.platform]}）${m.senderNickname ? ` · ${m.senderNickname}` : ''}`,
    time: formatBeijingShort(m.receivedAt),
    state: m.state,
    stateLabel: MESSAGE_STATE_LABELS[m.state],
    triage,
  };
}

Page<MessagesData, MessagesCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    filter: 'all',
    filters: FILTERS.map((key) => ({ key, label: key === 'all' ? '全部' : MESSAGE_STATE_LABELS[key] })),
    items: [],
    accounts: [],
    loadingMore: false,
    hasMore: false,
  },
  loadSeq: 0,
  cursor: null,

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  async onReachBottom() {
    if (!this.cursor || this.data.loadingMore) return;
    const { filter } = this.data;
    this.setData({ loadingMore: true });
    const res = await call('referral', 'messages', {
      cursor: this.cursor,
      ...(filter === 'all' ? {} : { state: filter }),
    });
    this.setData({ loadingMore: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    this.cursor = res.data.nextCursor;
    this.setData({ items: [...this.data.items, ...res.data.items.map(toView)], hasMore: res.data.nextCursor !== null });
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const { filter } = this.data;
    const page: MessagesPage | null = await latestData(
      this,
      call('referral', 'messages', filter === 'all' ? {} : { state: filter }),
    );
    if (!page) return;
    this.cursor = page.nextCursor;
    this.setData({
      status: 'ready',
      items: page.items.map(toView),
      accounts: page.accounts,
      hasMore: page.nextCursor !== null,
    });
  },

  onFilter(event) {
    const { key } = event.currentTarget.dataset;
    if (key === this.data.filter) return;
    this.setData({ filter: key, status: 'loading' });
    void this.load();
  },

  onItemTap(event) {
    openPage(`/pages/message-detail/index?id=${event.currentTarget.dataset.id}`);
  },

  onRecord() {
    const { accounts } = this.data;
    const open = (a: OperatedAccount): void =>
      openPage(`/pages/message-record/index?accountId=${a.id}&accountName=${encodeURIComponent(a.name)}`);
    const [only] = accounts;
    if (accounts.length === 1 && only) {
      open(only);
      return;
    }
    wx.showActionSheet({
      itemList: accounts.map((a) => `${a.name}（${PLATFORM_LABELS[a.platform]}）`),
      success: (res) => {
        const chosen = accounts[res.tapIndex];
        if (chosen) open(chosen);
      },
    });
  },
});
