import type { ApprovalItem } from '../../../typings/post';
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
import { askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent } from '../../utils/events';
import { LEVEL_LABELS } from '../../utils/posts';
import { formatBeijingShort } from '../../utils/time';

const PAGE_SIZE = 20;

interface ApprovalView {
  id: string;
  title: string;
  label: string;
  level: string;
  major: boolean;
  step: string;
}

type Query = Record<string, never>;

type ApprovalsData = ListData<ApprovalView, Query>;

interface ApprovalsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<ApprovalView, number>>;
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

Page<ApprovalsData, ApprovalsCustom>({
  data: listData<ApprovalView, Query>({}),
  ...listBehaviour<ApprovalView, Query, number>({ key: (row) => row.id }),

  onShow() {
    void prepareConsent('openApprovals');
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('post', 'approvals', { offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toView),
      next: nextOffset(next, page.items.length, page.hasMore),
    }));
  },

  onItemTap(event) {
    // A natural moment to ask for reminders of the next posts to review (subscribe message).
    void askConsent('openApprovals');
    openPage(`/pages/post-detail/index?id=${event.currentTarget.dataset.id}`);
  },
});
