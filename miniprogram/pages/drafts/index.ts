import type { PostAccountView, PostSummary } from '../../../typings/post';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { EDITABLE_STATES, STATE_LABELS, STATE_TAGS } from '../../utils/posts';
import { formatBeijingShort } from '../../utils/time';

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

interface DraftsData extends LoadState {
  items: DraftView[];
  accounts: AccountAction[];
  picking: boolean;
}

interface DraftsCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onItemTap(event: DatasetEvent<{ url: string }>): void;
  onNew(): void;
  onPick(event: ValueEvent<AccountAction>): void;
  onPickClose(): void;
}

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
  data: { status: 'loading', errorMessage: '', items: [], accounts: [], picking: false },
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
    const list = await latestData(this, call('post', 'list', {}));
    if (!list) return;
    this.setData({ status: 'ready', items: list.items.map(toView), accounts: list.accounts.map(toAction) });
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
