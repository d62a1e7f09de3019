import type { PostAccountView, PostState, PostSummary } from '../../../typings/post';
import { call } from '../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  nextOffset,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../services/list';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { EDITABLE_STATES, STATE_LABELS, STATE_TAGS } from '../../utils/posts';
import { formatBeijingShort } from '../../utils/time';

const PAGE_SIZE = 20;

interface DraftView {
  id: string;
  title: string;
  label: string;
  stateLabel: string;
  tag: string;
  url: string;
}

interface AccountAction {
  /** van-action-sheet shows `name` and `subname`. */
  name: string;
  subname: string;
  id: string;
}

type StateFilter = PostState | 'all';

interface DraftsQuery {
  state: StateFilter;
  /** '' = the caller's own posts on every account. */
  accountId: string;
}

interface Option<V> {
  text: string;
  value: V;
}

interface DraftsData extends ListData<DraftView, DraftsQuery> {
  accounts: AccountAction[];
  stateOptions: Option<StateFilter>[];
  accountOptions: Option<string>[];
  picking: boolean;
}

interface DraftsCustom extends ListMethods<DraftsQuery> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: DraftsQuery, next: number | null): Promise<ChunkResult<DraftView, number>>;
  onStateChange(event: ValueEvent<StateFilter>): void;
  onAccountChange(event: ValueEvent<string>): void;
  onItemTap(event: DatasetEvent<{ url: string }>): void;
  onNew(): void;
  onPick(event: ValueEvent<AccountAction>): void;
  onPickClose(): void;
}

const STATES: PostState[] = ['draft', 'inReview', 'returned', 'withdrawn', 'approved', 'published'];
const ALL_ACCOUNTS: Option<string> = { text: '全部账号', value: '' };

const editorFor = (accountId: string): string => `/pages/post-edit/index?accountId=${accountId}`;

function toView(item: PostSummary): DraftView {
  const editable = EDITABLE_STATES.includes(item.state);
  const where = `${item.accountName}·${item.platformLabel}`;
  return {
    id: item.id,
    title: item.title || '（无标题）',
    label: item.pendingStep ? `${where}｜${item.pendingStep}` : `${where}｜${formatBeijingShort(item.updatedAt)}`,
    stateLabel: STATE_LABELS[item.state],
    tag: STATE_TAGS[item.state],
    url: editable ? `/pages/post-edit/index?id=${item.id}` : `/pages/post-detail/index?id=${item.id}`,
  };
}

const toAction = (a: PostAccountView): AccountAction => ({
  name: a.name,
  subname: `${a.platformLabel}｜${a.unitName}`,
  id: a.id,
});

Page<DraftsData, DraftsCustom>({
  data: {
    ...listData<DraftView, DraftsQuery>({ state: 'all', accountId: '' }),
    accounts: [],
    stateOptions: [{ text: '全部状态', value: 'all' }, ...STATES.map((s) => ({ text: STATE_LABELS[s], value: s }))],
    accountOptions: [ALL_ACCOUNTS],
    picking: false,
  },
  ...listBehaviour<DraftView, DraftsQuery, number>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('post', 'list', {
      ...(query.accountId ? { accountId: query.accountId } : {}),
      ...(query.state === 'all' ? {} : { states: [query.state] }),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toView),
      next: nextOffset(next, page.items.length, page.hasMore),
      extra: {
        accounts: page.accounts.map(toAction),
        accountOptions: [ALL_ACCOUNTS, ...page.accounts.map((a) => ({ text: a.name, value: a.id }))],
      },
    }));
  },

  onStateChange(event) {
    void this.setQuery({ state: event.detail });
  },

  onAccountChange(event) {
    void this.setQuery({ accountId: event.detail });
  },

  onItemTap(event) {
    openPage(event.currentTarget.dataset.url);
  },

  // 第三十三条: a post is written for one account; a copy for another is a new post with its own review.
  onNew() {
    const [only, ...others] = this.data.accounts;
    if (!only) return;
    if (others.length === 0) openPage(editorFor(only.id));
    else this.setData({ picking: true });
  },

  onPick(event) {
    this.setData({ picking: false });
    openPage(editorFor(event.detail.id));
  },

  onPickClose() {
    this.setData({ picking: false });
  },
});
