import type { MessageState, MessageSummary, OperatedAccount } from '../../../typings/referral';
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

interface MessagesQuery {
  filter: Filter;
}

interface MessagesData extends ListData<MessageView, MessagesQuery> {
  filters: { key: Filter; label: string }[];
  accounts: OperatedAccount[];
}

interface MessagesCustom extends ListMethods<MessagesQuery> {
  listSeq: number;
  listNext: string | null;
  fetchPage(query: MessagesQuery, next: string | null): Promise<ChunkResult<MessageView, string>>;
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
    ...listData<MessageView, MessagesQuery>({ filter: 'all' }),
    filters: FILTERS.map((key) => ({ key, label: key === 'all' ? '全部' : MESSAGE_STATE_LABELS[key] })),
    accounts: [],
  },
  ...listBehaviour<MessageView, MessagesQuery, string>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('referral', 'messages', {
      ...(query.filter === 'all' ? {} : { state: query.filter }),
      ...(next === null ? {} : { cursor: next }),
    });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toView),
      next: page.nextCursor,
      extra: { accounts: page.accounts },
    }));
  },

  onFilter(event) {
    const { key } = event.currentTarget.dataset;
    if (key !== this.data.query.filter) void this.setQuery({ filter: key });
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
