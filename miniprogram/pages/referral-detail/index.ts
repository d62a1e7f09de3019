import type { ApiResult } from '../../../typings/common';
import type { ReferralAttachment, ReferralDetail, ReferralStep } from '../../../typings/referral';
import { call } from '../../services/api';
import { answer as answerConfirm, ask, NO_CONFIRM, type ConfirmView } from '../../services/confirm';
import { imageUrls, openFile, uploadImage } from '../../services/storage';
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
  /** The answer's images (opened full screen) and files (opened in WeChat's viewer). */
  answerImages: { fileID: string; name: string }[];
  answerFiles: { fileID: string; name: string; size: string }[];
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
  /** Uploaded for the answer being written, sent with it. */
  attachments: ReferralAttachment[];
  /** What each image shows, by file ID (the chosen file itself, or a local cloud's temp URL). */
  thumbs: Record<string, string>;
  confirm: ConfirmView;
}

interface DetailCustom {
  confirmAnswer: ((yes: boolean) => void) | null;
  onConfirmYes(): void;
  onConfirmNo(): void;
  onAddImage(): Promise<void>;
  onAddFile(): Promise<void>;
  attach(files: { path: string; name: string; size: number; kind: ReferralAttachment['kind'] }[]): Promise<void>;
  onRemoveAttachment(event: { currentTarget: { dataset: { index: number } } }): void;
  onAnswerImage(event: { currentTarget: { dataset: { id: string } } }): void;
  onAnswerFile(event: { currentTarget: { dataset: { id: string } } }): Promise<void>;
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

/** The core's limits (core/referral/referral.ts): at most 9 attachments of at most 20 MB each. */
const MAX_ATTACHMENTS = 9;
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function chooseImages(count: number): Promise<{ path: string; name: string; size: number }[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: (res) =>
        resolve(
          res.tempFiles.map((f, i) => ({
            path: f.tempFilePath,
            name: `图片${i + 1}${/\.[a-z0-9]+$/i.exec(f.tempFilePath)?.[0] ?? '.jpg'}`,
            size: f.size,
          })),
        ),
      fail: () => resolve([]),
    });
  });
}

/** Documents come to a phone through WeChat chats: chooseMessageFile picks them from there. */
function chooseFiles(count: number): Promise<{ path: string; name: string; size: number }[]> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count,
      type: 'file',
      success: (res) => resolve(res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size }))),
      fail: () => resolve([]),
    });
  });
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
    answerImages: (r.answer?.attachments ?? [])
      .filter((a) => a.kind === 'image')
      .map((a) => ({ fileID: a.fileID, name: a.name })),
    answerFiles: (r.answer?.attachments ?? [])
      .filter((a) => a.kind === 'file')
      .map((a) => ({ fileID: a.fileID, name: a.name, size: sizeLabel(a.size) })),
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
    attachments: [],
    thumbs: {},
    confirm: NO_CONFIRM,
  },
  confirmAnswer: null,
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
    const images = (detail.referral.answer?.attachments ?? []).filter((a) => a.kind === 'image').map((a) => a.fileID);
    void imageUrls(images).then((urls) => {
      const fresh = images.flatMap((id, i) => (urls[i] && urls[i] !== id ? [[id, urls[i]] as const] : []));
      if (fresh.length > 0) this.setData({ thumbs: { ...this.data.thumbs, ...Object.fromEntries(fresh) } });
    });
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

  onConfirmYes() {
    answerConfirm(this, true);
  },
  onConfirmNo() {
    answerConfirm(this, false);
  },

  async onSign() {
    if (this.data.busy) return;
    // 签收 starts the department's clock on it (第二十七条): asked once more, as WeCom asks.
    const yes = await ask(this, {
      title: '确认签收？',
      message: `签收后由本部门办理，须在 ${this.data.view?.due ?? ''} 前反馈办理情况（第二十七条）。`,
      confirmText: '签收',
    });
    if (!yes) return;
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
    const { attachments } = this.data;
    await this.act(
      call('referral', 'answer', {
        referralId: this.id,
        expectedRev: this.rev,
        outcome,
        replyWording,
        ...(attachments.length > 0 ? { attachments } : {}),
      }),
      '已反馈',
    );
  },

  async onAddImage() {
    const room = MAX_ATTACHMENTS - this.data.attachments.length;
    if (room <= 0 || this.data.busy) return;
    const files = await chooseImages(room);
    await this.attach(files.map((f) => ({ ...f, kind: 'image' as const })));
  },

  async onAddFile() {
    const room = MAX_ATTACHMENTS - this.data.attachments.length;
    if (room <= 0 || this.data.busy) return;
    const files = await chooseFiles(room);
    await this.attach(files.map((f) => ({ ...f, kind: 'file' as const })));
  },

  async attach(files) {
    const fitting = files.filter((f) => f.size <= MAX_ATTACHMENT_BYTES);
    if (fitting.length < files.length) void wx.showToast({ title: '单个附件不能超过 20 MB', icon: 'none' });
    if (fitting.length === 0) return;
    this.setData({ busy: true });
    const stamp = Date.now();
    const results = await Promise.all(
      fitting.map((f, i) =>
        uploadImage(f.path, `referrals/${this.id}/${stamp}-${i}${/\.[a-z0-9]+$/i.exec(f.name)?.[0] ?? ''}`),
      ),
    );
    const added: ReferralAttachment[] = [];
    const thumbs = { ...this.data.thumbs };
    results.forEach((res, i) => {
      const f = fitting[i];
      if (!res.ok || !f) return;
      added.push({ fileID: res.data.fileID, name: f.name, kind: f.kind, size: f.size });
      if (f.kind === 'image') thumbs[res.data.fileID] = f.path;
    });
    this.setData({ busy: false, thumbs, attachments: [...this.data.attachments, ...added] });
    if (added.length < fitting.length) void wx.showToast({ title: '部分附件上传失败，请重试', icon: 'none' });
  },

  onRemoveAttachment(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.setData({ attachments: this.data.attachments.filter((_, i) => i !== index) });
  },

  onAnswerImage(event) {
    const urls = (this.data.view?.answerImages ?? []).map((a) => this.data.thumbs[a.fileID] ?? a.fileID);
    const id = event.currentTarget.dataset.id;
    void wx.previewImage({ current: this.data.thumbs[id] ?? id, urls });
  },

  async onAnswerFile(event) {
    const res = await openFile(event.currentTarget.dataset.id);
    if (!res.ok) void wx.showToast({ title: res.error.message, icon: 'none' });
  },

  onOpenMessage() {
    openPage(`/pages/message-detail/index?id=${this.messageId}`);
  },
});
