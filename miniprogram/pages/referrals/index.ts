import type { IsoTime } from '../../../typings/common';
import type { ReferralList, ReferralListView, ReferralSummary } from '../../../typings/referral';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import { askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';
import {
  countdown,
  DEADLINE_CLASS_LABELS,
  LIST_VIEW_LABELS,
  REFERRAL_STATE_LABELS,
  URGENCY_TAG,
} from '../../utils/referral';

interface ItemView {
  id: string;
  department: string;
  question: string;
  state: string;
  deadlineClass: string;
  due: string;
  countdown: string;
  urgency: ReferralSummary['urgency'];
  tag: string;
  extensionPending: boolean;
}

interface ReferralsData extends LoadState {
  unitName: string;
  view: ReferralListView;
  views: { key: ReferralListView; label: string }[];
  items: ItemView[];
  warnings: string[];
}

interface ReferralsCustom {
  loadSeq: number;
  unitId: string;
  load(): Promise<void>;
  onRetry(): void;
  onView(event: DatasetEvent<{ key: ReferralListView }>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

const VIEWS: ReferralListView[] = ['open', 'answered', 'closed'];

function toItem(r: ReferralSummary, now: IsoTime): ItemView {
  return {
    id: r.id,
    department: r.departmentName,
    question: r.question,
    state: REFERRAL_STATE_LABELS[r.state],
    deadlineClass: DEADLINE_CLASS_LABELS[r.deadlineClass],
    due: formatBeijingShort(r.dueAt),
    // 第二十七条: the time left, or how long it is overdue, for what is still open.
    countdown: r.urgency === 'done' ? '' : countdown(r.dueAt, now),
    urgency: r.urgency,
    tag: URGENCY_TAG[r.urgency],
    extensionPending: r.extensionPending,
  };
}

Page<ReferralsData, ReferralsCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    unitName: '',
    view: 'open',
    views: VIEWS.map((key) => ({ key, label: LIST_VIEW_LABELS[key] })),
    items: [],
    warnings: [],
  },
  loadSeq: 0,
  unitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.unitId = query['unitId'] ?? '';
  },

  onShow() {
    void prepareConsent('openReferrals');
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
    const params = this.unitId ? { unitId: this.unitId, view: this.data.view } : { view: this.data.view };
    const list: ReferralList | null = await latestData(this, call('referral', 'list', params));
    if (!list) return;
    this.setData({
      status: 'ready',
      unitName: list.unitName,
      items: list.items.map((r) => toItem(r, list.now)),
      warnings: list.warnings,
    });
  },

  onView(event) {
    const { key } = event.currentTarget.dataset;
    if (key === this.data.view) return;
    this.setData({ view: key, status: 'loading' });
    void this.load();
  },

  onItemTap(event) {
    const url = `/pages/referral-detail/index?id=${event.currentTarget.dataset.id}`;
    // The consent dialog opens only inside the tap itself; the page opens once it is answered.
    void askConsent('openReferrals').then(() => openPage(url));
  },
});
