import type { ApiResult } from '../../../typings/common';
import type {
  DeadlineClass,
  DepartmentOption,
  MessageDetail,
  MessageOutcome,
  MessageStep,
  Triage,
  TriageRuleView,
} from '../../../typings/referral';
import { call } from '../../services/api';
import { answer as answerConfirm, ask, NO_CONFIRM, type ConfirmView } from '../../services/confirm';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import { askConsent, prepareConsent } from '../../services/subscribe';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { formatBeijingShort } from '../../utils/time';
import {
  DEADLINE_CLASS_LABELS,
  MESSAGE_STATE_LABELS,
  PLATFORM_LABELS,
  REFERRAL_STATE_LABELS,
  TRIAGE_LABELS,
  URGENCY_TAG,
} from '../../utils/referral';

type Panel = 'none' | 'triage' | 'reply' | 'followUp' | 'notice' | 'refer' | 'close';
type Field = 'replyText' | 'note' | 'question';

interface MessageView {
  text: string;
  from: string;
  receivedAt: string;
  link: string;
  state: string;
  triage: string;
  suggested: string;
  outcome: string;
  replyTarget: string;
  cleanedUp: string;
  replies: { key: string; text: string; who: string; at: string; followUp: boolean }[];
  notices: { key: string; unit: string; who: string; at: string }[];
}

interface RuleView {
  label: string;
  article: string;
  reply: string;
  notice: string;
  cleanUp: string;
  template: string;
}

interface ReferralView {
  id: string;
  department: string;
  state: string;
  due: string;
  tag: string;
}

type StepFlags = { [S in MessageStep]: boolean };

interface DetailData extends LoadState {
  message: MessageView | null;
  rule: RuleView | null;
  triageOptions: { triage: Triage; label: string; article: string }[];
  outcomes: { outcome: MessageOutcome; label: string }[];
  departments: DepartmentOption[];
  referrals: ReferralView[];
  can: StepFlags;
  warnings: string[];
  panel: Panel;
  busy: boolean;
  actionError: string;
  triage: Triage | '';
  raisesProblem: boolean;
  replyText: string;
  departmentId: string;
  note: string;
  deadlineClass: DeadlineClass;
  deadlineClasses: { key: DeadlineClass; label: string }[];
  question: string;
  outcome: MessageOutcome | '';
  confirm: ConfirmView;
}

interface DetailCustom {
  confirmAnswer: ((yes: boolean) => void) | null;
  onConfirmYes(): void;
  onConfirmNo(): void;
  loadSeq: number;
  id: string;
  rev: number;
  template: string;
  load(): Promise<void>;
  show(detail: MessageDetail): void;
  act(request: Promise<ApiResult<MessageDetail>>, done: string): Promise<void>;
  onRetry(): void;
  onPanel(event: DatasetEvent<{ panel: Panel }>): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: Field } } }): void;
  onPickTriage(event: DatasetEvent<{ triage: Triage }>): void;
  onToggleProblem(): void;
  onPickDepartment(event: DatasetEvent<{ id: string }>): void;
  onPickClass(event: DatasetEvent<{ key: DeadlineClass }>): void;
  onPickOutcome(event: DatasetEvent<{ outcome: MessageOutcome }>): void;
  onUseTemplate(): void;
  onTriage(): Promise<void>;
  onReply(): Promise<void>;
  onNotice(): Promise<void>;
  onCleanUp(): Promise<void>;
  onDefer(): Promise<void>;
  onRefer(): Promise<void>;
  onClose(): Promise<void>;
  onReferralTap(event: DatasetEvent<{ id: string }>): void;
}

const STEPS: MessageStep[] = ['triage', 'reply', 'notice', 'cleanUp', 'defer', 'refer', 'close', 'followUp'];
const CLASSES: DeadlineClass[] = ['ordinary', 'complex', 'major'];

const REPLY_RULES: { readonly [K in TriageRuleView['reply']]: string } = {
  allowed: '应予回复',
  forbidden: '不予回复',
  ifProblem: '不予回复；夹杂的真实问题应理性回应',
};
const CLEANUP_RULES: { readonly [K in TriageRuleView['cleanUp']]: string } = {
  required: '须就地清理（第二十六条）',
  allowed: '可清理',
  no: '',
};

function flagsOf(steps: readonly MessageStep[]): StepFlags {
  const flags = {} as StepFlags;
  for (const s of STEPS) flags[s] = steps.includes(s);
  return flags;
}

function toMessageView(d: MessageDetail): MessageView {
  const m = d.message;
  const name = (id: string | null): string => (id ? (d.names[id] ?? '') : '');
  const unitName = (id: string): string => d.departments.find((x) => x.id === id)?.name ?? id;
  const outcome = m.outcome ? (d.rule?.outcomes.find((o) => o.outcome === m.outcome)?.label ?? m.outcome) : '';
  return {
    text: m.text,
    from: `${d.accountName}（${PLATFORM_LABELS[m.platform]}）${m.senderNickname ? ` · ${m.senderNickname}` : ''}`,
    receivedAt: formatBeijingShort(m.receivedAt),
    link: m.link ?? '',
    state: MESSAGE_STATE_LABELS[m.state],
    triage: m.triage ? TRIAGE_LABELS[m.triage] : '',
    suggested: m.suggestedTriage && !m.triage ? TRIAGE_LABELS[m.suggestedTriage] : '',
    outcome,
    replyTarget: m.replyTargetAt ? formatBeijingShort(m.replyTargetAt) : '',
    cleanedUp: m.cleanedUpAt ? formatBeijingShort(m.cleanedUpAt) : '',
    replies: m.replies.map((r, i) => ({
      key: String(i),
      text: r.text,
      who: name(r.by),
      at: formatBeijingShort(r.at),
      followUp: r.followUp,
    })),
    notices: m.notices.map((n, i) => ({
      key: String(i),
      unit: unitName(n.unitId),
      who: name(n.by),
      at: formatBeijingShort(n.at),
    })),
  };
}

function toRuleView(rule: TriageRuleView | null): RuleView | null {
  if (!rule) return null;
  return {
    label: rule.label,
    article: rule.article,
    reply: REPLY_RULES[rule.reply],
    notice: rule.noticeLabel ?? '',
    cleanUp: CLEANUP_RULES[rule.cleanUp],
    template: rule.replyTemplate ?? '',
  };
}

Page<DetailData, DetailCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    message: null,
    rule: null,
    triageOptions: [],
    outcomes: [],
    departments: [],
    referrals: [],
    can: flagsOf([]),
    warnings: [],
    panel: 'none',
    busy: false,
    actionError: '',
    triage: '',
    raisesProblem: false,
    replyText: '',
    departmentId: '',
    note: '',
    deadlineClass: 'ordinary',
    deadlineClasses: CLASSES.map((key) => ({ key, label: DEADLINE_CLASS_LABELS[key] })),
    question: '',
    outcome: '',
    confirm: NO_CONFIRM,
  },
  confirmAnswer: null,
  loadSeq: 0,
  id: '',
  rev: 0,
  template: '',

  onLoad(query: Record<string, string | undefined>) {
    this.id = query['id'] ?? '';
  },

  onShow() {
    void prepareConsent('afterRefer');
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
    const detail = await latestData(this, call('referral', 'message', { messageId: this.id }));
    if (detail) this.show(detail);
  },

  show(d) {
    this.rev = d.message.rev;
    this.template = d.rule?.replyTemplate ?? '';
    this.setData({
      status: 'ready',
      message: toMessageView(d),
      rule: toRuleView(d.rule),
      triageOptions: d.triageOptions.map((o) => ({ triage: o.triage, label: o.label, article: o.article })),
      outcomes: d.rule?.outcomes ?? [],
      departments: d.departments,
      referrals: d.referrals.map((r) => ({
        id: r.id,
        department: r.departmentName,
        state: REFERRAL_STATE_LABELS[r.state],
        due: `${formatBeijingShort(r.dueAt)}前`,
        tag: URGENCY_TAG[r.urgency],
      })),
      can: flagsOf(d.steps),
      warnings: d.warnings,
      panel: 'none',
      actionError: '',
      triage: d.message.triage ?? d.message.suggestedTriage ?? '',
      raisesProblem: d.message.raisesProblem,
      replyText: '',
      note: '',
      question: '',
      outcome: '',
    });
  },

  onPanel(event) {
    const { panel } = event.currentTarget.dataset;
    this.setData({ panel: this.data.panel === panel ? 'none' : panel, actionError: '' });
  },

  onField(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail, actionError: '' });
  },

  onPickTriage(event) {
    this.setData({ triage: event.currentTarget.dataset.triage, actionError: '' });
  },

  onToggleProblem() {
    this.setData({ raisesProblem: !this.data.raisesProblem });
  },

  onPickDepartment(event) {
    this.setData({ departmentId: event.currentTarget.dataset.id, actionError: '' });
  },

  onPickClass(event) {
    this.setData({ deadlineClass: event.currentTarget.dataset.key });
  },

  onPickOutcome(event) {
    this.setData({ outcome: event.currentTarget.dataset.outcome, actionError: '' });
  },

  onUseTemplate() {
    this.setData({ replyText: this.template });
  },

  async act(request, done) {
    this.setData({ busy: true, actionError: '' });
    const res = await request;
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ actionError: res.error.message });
      return;
    }
    void wx.showToast({ title: done, icon: 'success' });
    this.show(res.data);
  },

  async onTriage() {
    const { triage, busy } = this.data;
    if (busy) return;
    if (!triage) {
      this.setData({ actionError: '请选择分类' });
      return;
    }
    const raisesProblem = triage === 'abusive' && this.data.raisesProblem;
    await this.act(
      call('referral', 'messageTriage', { messageId: this.id, expectedRev: this.rev, triage, raisesProblem }),
      '已分类',
    );
  },

  async onReply() {
    if (this.data.busy) return;
    const text = this.data.replyText.trim();
    if (!text) {
      this.setData({ actionError: '回复内容不能为空' });
      return;
    }
    const followUp = this.data.panel === 'followUp';
    await this.act(call('referral', 'reply', { messageId: this.id, expectedRev: this.rev, text, followUp }), '已回复');
  },

  async onNotice() {
    const { departmentId, busy } = this.data;
    if (busy) return;
    if (!departmentId) {
      this.setData({ actionError: '请选择通报的部门' });
      return;
    }
    await this.act(
      call('referral', 'notice', {
        messageId: this.id,
        expectedRev: this.rev,
        unitId: departmentId,
        note: this.data.note.trim(),
      }),
      '已通报',
    );
  },

  async onCleanUp() {
    if (this.data.busy) return;
    await this.act(call('referral', 'cleanUp', { messageId: this.id, expectedRev: this.rev }), '已记录清理');
  },

  async onDefer() {
    if (this.data.busy) return;
    await this.act(call('referral', 'defer', { messageId: this.id, expectedRev: this.rev }), '已暂缓');
  },

  async onRefer() {
    const { departmentId, deadlineClass, busy } = this.data;
    if (busy) return;
    const question = this.data.question.trim();
    if (!departmentId) {
      this.setData({ actionError: '请选择承办部门' });
      return;
    }
    if (!question) {
      this.setData({ actionError: '请说明需要承办部门办理的事项' });
      return;
    }
    // Asked inside the tap: the operator will want to hear when the department answers.
    void askConsent('afterRefer');
    await this.act(
      call('referral', 'refer', { messageId: this.id, expectedRev: this.rev, departmentId, deadlineClass, question }),
      '已流转',
    );
  },

  async onClose() {
    const { outcome, busy } = this.data;
    if (busy) return;
    if (!outcome) {
      this.setData({ actionError: '请选择处置结果' });
      return;
    }
    // 结案 ends the message's handling and is counted in the month's evaluation: asked once more.
    const label = this.data.outcomes.find((o) => o.outcome === outcome)?.label ?? '';
    const yes = await ask(this, {
      title: '确认结案？',
      message: `处置结果：${label}。结案后不能再处置，结果计入月度评估（第三十六条）。`,
      confirmText: '结案',
    });
    if (!yes) return;
    await this.act(call('referral', 'messageClose', { messageId: this.id, expectedRev: this.rev, outcome }), '已结案');
  },

  onConfirmYes() {
    answerConfirm(this, true);
  },
  onConfirmNo() {
    answerConfirm(this, false);
  },

  onReferralTap(event) {
    openPage(`/pages/referral-detail/index?id=${event.currentTarget.dataset.id}`);
  },
});
