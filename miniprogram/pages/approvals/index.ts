import type { ApprovalItem } from '../../../typings/post';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import { askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent } from '../../utils/events';
import { LEVEL_LABELS } from '../../utils/posts';
import { formatBeijingShort } from '../../utils/time';

interface ApprovalView {
  id: string;
  title: string;
  label: string;
  level: string;
  major: boolean;
  step: string;
}

interface ApprovalsData extends LoadState {
  items: ApprovalView[];
  hasMore: boolean;
  countLabel: string;
  loadingMore: boolean;
}

interface ApprovalsCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onMore(): Promise<void>;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

function toView(item: ApprovalItem): ApprovalView {
  return {
    id: item.postId,
    title: item.title || '（无标题）',
    label: `${item.accountName}·${item.platformLabel}｜${item.authorName}｜${formatBeijingShort(item.submittedAt)} 提交`,
    level: LEVEL_LABELS[item.level],
    major: item.level !== 'ordinary',
    step: item.stepLabel,
  };
}

const countLabel = (n: number, more: boolean): string => `待审批 ${n}${more ? '+' : ''} 件`;

Page<ApprovalsData, ApprovalsCustom>({
  data: { status: 'loading', errorMessage: '', items: [], hasMore: false, countLabel: '', loadingMore: false },
  loadSeq: 0,

  onShow() {
    void prepareConsent('openApprovals');
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
    const page = await latestData(this, call('post', 'approvals', {}));
    if (!page) return;
    const items = page.items.map(toView);
    this.setData({ status: 'ready', items, hasMore: page.hasMore, countLabel: countLabel(items.length, page.hasMore) });
  },

  async onMore() {
    if (this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const res = await call('post', 'approvals', { offset: this.data.items.length });
    this.setData({ loadingMore: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    const known = new Set(this.data.items.map((i) => i.id));
    const items = [...this.data.items, ...res.data.items.map(toView).filter((i) => !known.has(i.id))];
    this.setData({ items, hasMore: res.data.hasMore, countLabel: countLabel(items.length, res.data.hasMore) });
  },

  onItemTap(event) {
    // A natural moment to ask for reminders of the next posts to review (subscribe message).
    void askConsent('openApprovals');
    openPage(`/pages/post-detail/index?id=${event.currentTarget.dataset.id}`);
  },
});
