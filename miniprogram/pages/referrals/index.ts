import type { IsoTime } from '../../../typings/common';
import type { ReferralList, ReferralListView, ReferralSummary } from '../../../typings/referral';
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
import { askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
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

interface ReferralsQuery {
  view: ReferralListView;
  /** '' = every department (a bureau's list). */
  departmentId: string;
}

interface ReferralsData extends ListData<ItemView, ReferralsQuery> {
  unitName: string;
  views: { key: ReferralListView; label: string }[];
  departmentOptions: { text: string; value: string }[];
  warnings: string[];
}

interface ReferralsCustom extends ListMethods<ReferralsQuery> {
  listSeq: number;
  listNext: number | null;
  unitId: string;
  fetchPage(query: ReferralsQuery, next: number | null): Promise<ChunkResult<ItemView, number>>;
  onView(event: DatasetEvent<{ key: ReferralListView }>): void;
  onDepartment(event: ValueEvent<string>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

const PAGE_SIZE = 20;
const EVERY_DEPARTMENT = { text: '全部警种部门', value: '' };
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
    ...listData<ItemView, ReferralsQuery>({ view: 'open', departmentId: '' }),
    unitName: '',
    views: VIEWS.map((key) => ({ key, label: LIST_VIEW_LABELS[key] })),
    departmentOptions: [],
    warnings: [],
  },
  ...listBehaviour<ItemView, ReferralsQuery, number>({ key: (row) => row.id }),
  unitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.unitId = query['unitId'] ?? '';
  },

  onShow() {
    void prepareConsent('openReferrals');
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('referral', 'list', {
      ...(this.unitId ? { unitId: this.unitId } : {}),
      view: query.view,
      ...(query.departmentId ? { departmentId: query.departmentId } : {}),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (list: ReferralList) => ({
      rows: list.items.map((r) => toItem(r, list.now)),
      next: list.nextOffset,
      extra: {
        unitName: list.unitName,
        warnings: list.warnings,
        departmentOptions: list.departments.length
          ? [EVERY_DEPARTMENT, ...list.departments.map((d) => ({ text: d.name, value: d.id }))]
          : [],
      },
    }));
  },

  onView(event) {
    const { key } = event.currentTarget.dataset;
    if (key !== this.data.query.view) void this.setQuery({ view: key });
  },

  onDepartment(event) {
    void this.setQuery({ departmentId: event.detail });
  },

  onItemTap(event) {
    const url = `/pages/referral-detail/index?id=${event.currentTarget.dataset.id}`;
    // The consent dialog opens only inside the tap itself; the page opens once it is answered.
    void askConsent('openReferrals').then(() => openPage(url));
  },
});
