import type { IsoTime } from '../../../typings/common';
import type { ApprovalBox, ApprovalItem } from '../../../typings/post';
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
import { LEVEL_LABELS, STATE_LABELS, STATE_TAGS } from '../../utils/posts';
import { formatBeijingShort, waitedLabel } from '../../utils/time';

const PAGE_SIZE = 20;

interface ApprovalView {
  id: string;
  title: string;
  label: string;
  /** The box's own line: how long it has waited, what was decided, where it stands. */
  meta: string;
  /** pending: waited past two hours (shown in orange). */
  late: boolean;
  level: string;
  major: boolean;
  step: string;
  stateLabel: string;
  stateTag: string;
  /** 我发起的: still waiting, so the submitter may nudge it (催办). */
  nudgeable: boolean;
  /** What screening marked, the first item and how many more: why the post is at its level. */
  marks: string;
  /** How many hits 语义复核 set aside, for the approver to look at ('' when none). */
  aside: string;
}

interface Query {
  box: ApprovalBox;
}

interface ApprovalsData extends ListData<ApprovalView, Query> {
  tabs: { key: ApprovalBox; label: string }[];
  empty: string;
  nudging: string;
}

interface ApprovalsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<ApprovalView, number>>;
  onTab(event: DatasetEvent<{ key: ApprovalBox }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onNudge(event: DatasetEvent<{ id: string }>): Promise<void>;
}

const TABS: { key: ApprovalBox; label: string; empty: string }[] = [
  { key: 'pending', label: '待我处理', empty: '没有等您审核或审批的稿件' },
  { key: 'decided', label: '我已处理', empty: '您还没有处理过稿件' },
  { key: 'submitted', label: '我发起的', empty: '您还没有提交过稿件' },
  { key: 'copied', label: '抄送我', empty: '暂无抄送给您的稿件' },
];

const LATE_MS = 2 * 60 * 60 * 1000;

function metaOf(item: ApprovalItem, box: ApprovalBox, now: IsoTime): string {
  const planned = item.plannedAt ? `｜计划 ${formatBeijingShort(item.plannedAt)} 发布` : '';
  if (box === 'pending') return `${waitedLabel(item.waitingSince ?? item.submittedAt, now)}${planned}`;
  const verdict = item.decision === 'approve' ? '同意' : item.decision === 'sendBack' ? '退回修改' : '';
  if (box === 'decided')
    return `${formatBeijingShort(item.decidedAt ?? '')} ${verdict}${item.comment ? `：${item.comment}` : ''}`;
  if (box === 'copied')
    return `${item.deciderName ?? ''} ${formatBeijingShort(item.decidedAt ?? '')} ${verdict}${planned}`;
  return `${formatBeijingShort(item.submittedAt)} 提交${planned}`;
}

/** One line on a phone: the first label in full, then how many more the post opens to. */
function marksOf(marks: readonly string[]): string {
  const [first] = marks;
  if (first === undefined) return '';
  return marks.length > 1 ? `审查提示：${first} 等 ${marks.length} 项` : `审查提示：${first}`;
}

function toView(item: ApprovalItem, box: ApprovalBox, now: IsoTime): ApprovalView {
  const waited = item.waitingSince ? Date.parse(now) - Date.parse(item.waitingSince) : 0;
  return {
    id: item.postId,
    title: item.title || '（无标题）',
    label: `${item.accountName}·${item.platformLabel}｜${item.authorName}`,
    meta: metaOf(item, box, now),
    late: box === 'pending' && waited >= LATE_MS,
    level: LEVEL_LABELS[item.level],
    major: item.level !== 'ordinary',
    step: item.stepLabel,
    stateLabel: STATE_LABELS[item.state],
    stateTag: STATE_TAGS[item.state],
    nudgeable: box === 'submitted' && item.state === 'inReview',
    marks: marksOf(item.marks),
    aside: item.setAside > 0 ? `语义复核认为可能误报、未计入 ${item.setAside} 处，请打开查看` : '',
  };
}

Page<ApprovalsData, ApprovalsCustom>({
  data: {
    ...listData<ApprovalView, Query>({ box: 'pending' }),
    tabs: TABS.map(({ key, label }) => ({ key, label })),
    empty: TABS[0]?.empty ?? '',
    nudging: '',
  },
  ...listBehaviour<ApprovalView, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    const box = TABS.find((t) => t.key === query['box']);
    if (box) this.setData({ 'query.box': box.key, empty: box.empty });
  },

  onShow() {
    void prepareConsent('openApprovals');
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('post', 'approvals', { box: query.box, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map((item) => toView(item, query.box, page.now)),
      next: nextOffset(next, page.items.length, page.hasMore),
    }));
  },

  onTab(event) {
    const { key } = event.currentTarget.dataset;
    if (key === this.data.query.box) return;
    this.setData({ empty: TABS.find((t) => t.key === key)?.empty ?? '' });
    void this.setQuery({ box: key });
  },

  onItemTap(event) {
    // A natural moment to ask for reminders of the next posts to review (subscribe message).
    void askConsent('openApprovals');
    openPage(`/pages/post-detail/index?id=${event.currentTarget.dataset.id}`);
  },

  // 催办: once per step per hour; the server says when the next one is possible.
  async onNudge(event) {
    const { id } = event.currentTarget.dataset;
    if (this.data.nudging) return;
    this.setData({ nudging: id });
    const res = await call('post', 'nudge', { postId: id });
    this.setData({ nudging: '' });
    void wx.showToast({ title: res.ok ? '已催办' : res.error.message, icon: res.ok ? 'success' : 'none' });
  },
});
