import type { ApiResult } from '../../../typings/common';
import type { ReferralDetail, ReferralStep } from '../../../typings/referral';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { ValueEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';
import {
  countdown,
  DEADLINE_CLASS_LABELS,
  LOG_LABELS,
  PLATFORM_LABELS,
  REFERRAL_STATE_LABELS,
  URGENCY_TAG,
} from '../../utils/referral';

/** The form open under the buttons, if any; signing needs none. */
type Panel = 'none' | 'return' | 'requestExtension' | 'decideExtension' | 'answer';

interface TimelineView {
  key: string;
  label: string;
  who: string;
  at: string;
  note: string;
}

interface DetailView {
  question: string;
  department: string;
  deadlineClass: string;
  state: string;
  due: string;
  originalDue: string;
  countdown: string;
  urgency: string;
  tag: string;
  messageText: string;
  messageFrom: string;
  returnReason: string;
  answerOutcome: string;
  answerWording: string;
  extensions: { key: string; text: string; decision: string }[];
  timeline: TimelineView[];
}

interface StepFlags {
  sign: boolean;
  giveBack: boolean;
  extend: boolean;
  decide: boolean;
  answer: boolean;
}

function flagsOf(steps: readonly ReferralStep[]): StepFlags {
  return {
    sign: steps.includes('sign'),
    giveBack: steps.includes('return'),
    extend: steps.includes('requestExtension'),
    decide: steps.includes('decideExtension'),
    answer: steps.includes('answer'),
  };
}

interface DetailData extends LoadState {
  view: DetailView | null;
  steps: ReferralStep[];
  /** The steps as flags, for the template. */
  can: StepFlags;
  messageVisible: boolean;
  warnings: string[];
  panel: Panel;
  busy: boolean;
  actionError: string;
  reason: string;
  workingDays: string;
  comment: string;
  outcome: string;
  replyWording: string;
}

interface DetailCustom {
  loadSeq: number;
  id: string;
  rev: number;
  messageId: string;
  load(): Promise<void>;
  show(detail: ReferralDetail): void;
  act(request: Promise<ApiResult<ReferralDetail>>, done: string): Promise<void>;
  onRetry(): void;
  onPanel(event: { currentTarget: { dataset: { panel: Panel } } }): void;
  onField(
    event: ValueEvent<string> & {
      currentTarget: { dataset: { field: 'reason' | 'workingDays' | 'comment' | 'outcome' | 'replyWording' } };
    },
  ): void;
  onSign(): Promise<void>;
  onReturn(): Promise<void>;
  onRequestExtension(): Promise<void>;
  onDecide(event: { currentTarget: { dataset: { approve: string } } }): Promise<void>;
  onAnswer(): Promise<void>;
  onOpenMessage(): void;
}

const EXTENSION_DECISIONS = { pending: '待审批', approved: '已批准', rejected: '未批准' } as const;

function toView(d: ReferralDetail): DetailView {
  const r = d.referral;
  const name = (id: string | null): string => (id ? (d.names[id] ?? '') : '');
  return {
    question: r.question,
    department: r.departmentName,
    deadlineClass: DEADLINE_CLASS_LABELS[r.deadlineClass],
    state: REFERRAL_STATE_LABELS[r.state],
    due: formatBeijingShort(r.dueAt),
    originalDue: r.originalDueAt === r.dueAt ? '' : formatBeijingShort(r.originalDueAt),
    countdown: d.urgency === 'done' ? '' : countdown(r.dueAt, d.now),
    urgency: d.urgency,
    tag: URGENCY_TAG[d.urgency],
    messageText: d.message.text,
    messageFrom: `${d.message.accountName}（${PLATFORM_LABELS[d.message.platform]}）${d.message.senderNickname ?? ''}`,
    returnReason: r.returnReason ?? '',
    answerOutcome: r.answer?.outcome ?? '',
    answerWording: r.answer?.replyWording ?? '',
    extensions: r.extensions.map((x, i) => ({
      key: String(i),
      text: `延期${x.workingDays}个工作日至${formatBeijingShort(x.proposedDueAt)}：${x.reason}`,
      decision: EXTENSION_DECISIONS[x.decision],
    })),
    timeline: r.log.map((l, i) => ({
      key: String(i),
      label: LOG_LABELS[l.action],
      who: name(l.by),
      at: formatBeijingShort(l.at),
      note: l.note ?? '',
    })),
  };
}

Page<DetailData, DetailCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    view: null,
    steps: [],
    can: flagsOf([]),
    messageVisible: false,
    warnings: [],
    panel: 'none',
    busy: false,
    actionError: '',
    reason: '',
    workingDays: '1',
    comment: '',
    outcome: '',
    replyWording: '',
  },
  loadSeq: 0,
  id: '',
  rev: 0,
  messageId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.id = query['id'] ?? '';
  },

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
    const detail = await latestData(this, call('referral', 'get', { referralId: this.id }));
    if (detail) this.show(detail);
  },

  show(detail) {
    this.rev = detail.referral.rev;
    this.messageId = detail.referral.messageId;
    this.setData({
      status: 'ready',
      view: toView(detail),
      steps: detail.steps,
      can: flagsOf(detail.steps),
      messageVisible: detail.messageVisible,
      warnings: detail.warnings,
      panel: 'none',
      actionError: '',
    });
  },

  onPanel(event) {
    const { panel } = event.currentTarget.dataset;
    this.setData({ panel: this.data.panel === panel ? 'none' : panel, actionError: '' });
  },

  onField(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail, actionError: '' });
  },

  async act(request, done) {
    this.setData({ busy: true, actionError: '' });
    const res = await request;
    this.setData({ busy: false });
    if (!res.ok) {
      // A stale page (someone else acted first) shows the refusal; pulling down reloads it.
      this.setData({ actionError: res.error.message });
      return;
    }
    void wx.showToast({ title: done, icon: 'success' });
    this.show(res.data);
  },

  async onSign() {
    if (this.data.busy) return;
    await this.act(call('referral', 'sign', { referralId: this.id, expectedRev: this.rev }), '已签收');
  },

  async onReturn() {
    if (this.data.busy) return;
    const reason = this.data.reason.trim();
    if (!reason) {
      this.setData({ actionError: '退回须填写理由' });
      return;
    }
    await this.act(call('referral', 'return', { referralId: this.id, expectedRev: this.rev, reason }), '已退回');
  },

  async onRequestExtension() {
    if (this.data.busy) return;
    const workingDays = Number(this.data.workingDays);
    const reason = this.data.reason.trim();
    if (!Number.isInteger(workingDays) || workingDays < 1) {
      this.setData({ actionError: '请填写延期的工作日天数' });
      return;
    }
    if (!reason) {
      this.setData({ actionError: '申请延期须填写理由' });
      return;
    }
    await this.act(
      call('referral', 'requestExtension', { referralId: this.id, expectedRev: this.rev, workingDays, reason }),
      '已申请',
    );
  },

  async onDecide(event) {
    if (this.data.busy) return;
    const approve = event.currentTarget.dataset.approve === 'yes';
    const comment = this.data.comment.trim() || null;
    await this.act(
      call('referral', 'decideExtension', { referralId: this.id, expectedRev: this.rev, approve, comment }),
      approve ? '已批准' : '已驳回',
    );
  },

  async onAnswer() {
    if (this.data.busy) return;
    const outcome = this.data.outcome.trim();
    const replyWording = this.data.replyWording.trim();
    if (!outcome || !replyWording) {
      this.setData({ actionError: '请填写办理情况和回复口径' });
      return;
    }
    await this.act(
      call('referral', 'answer', { referralId: this.id, expectedRev: this.rev, outcome, replyWording }),
      '已反馈',
    );
  },

  onOpenMessage() {
    openPage(`/pages/message-detail/index?id=${this.messageId}`);
  },
});
