/**
 * Words and colours of the message and referral pages. Rules and their labels come from the server
 * (MessageDetail.rule, triageOptions); what is here is how states and deadlines read.
 */
import type { IsoTime } from '../../typings/common';
import type { Platform } from '../../typings/org';
import type {
  DeadlineClass,
  MessageState,
  ReferralAction,
  ReferralListView,
  ReferralState,
  Triage,
  Urgency,
} from '../../typings/referral';

export const TRIAGE_LABELS: Readonly<Record<Triage, string>> = {
  policeReport: '报警求助',
  general: '一般留言',
  abusive: '谩骂',
  unlawful: '违法违规',
  complaint: '投诉举报',
  consultation: '咨询求助',
  outsidePowers: '职权范围外',
  negative: '涉警负面',
};

export const MESSAGE_STATE_LABELS: Readonly<Record<MessageState, string>> = {
  received: '待分类',
  triaged: '处理中',
  closed: '已办结',
};

export const REFERRAL_STATE_LABELS: Readonly<Record<ReferralState, string>> = {
  pending: '待签收',
  signed: '办理中',
  answered: '已反馈',
  returned: '已退回',
  closed: '已办结',
};

export const DEADLINE_CLASS_LABELS: Readonly<Record<DeadlineClass, string>> = {
  ordinary: '一般（当日反馈）',
  complex: '较复杂（5个工作日）',
  major: '重大疑难（7个工作日）',
};

export const LIST_VIEW_LABELS: Readonly<Record<ReferralListView, string>> = {
  open: '在办',
  answered: '待回复',
  closed: '已办结',
};

export const LOG_LABELS: Readonly<Record<ReferralAction, string>> = {
  create: '流转',
  sign: '签收',
  return: '退回',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  rejectExtension: '不批准延期',
  answer: '反馈办理情况',
  close: '办结',
};

export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  weibo: '微博',
  wechatSubscription: '微信订阅号',
  wechatService: '微信服务号',
  douyin: '抖音',
  kuaishou: '快手',
  toutiao: '今日头条',
  other: '其他',
};

/** Vant tag types: due soon in orange, overdue in red. */
export const URGENCY_TAG: Readonly<Record<Urgency, 'primary' | 'warning' | 'danger' | 'default'>> = {
  normal: 'primary',
  dueSoon: 'warning',
  overdue: 'danger',
  done: 'default',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`;
  return `${Math.max(minutes, 1)}分钟`;
}

/** "剩余1天2小时" or "已逾期3小时", from the server's clock at the time of the answer. */
export function countdown(dueAt: IsoTime, now: IsoTime): string {
  const left = Date.parse(dueAt) - Date.parse(now);
  return left >= 0 ? `剩余${span(left)}` : `已逾期${span(-left)}`;
}

const BEIJING_OFFSET_MS = 8 * HOUR;
const INPUT_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** "YYYY-MM-DD HH:mm" in Beijing time, for a time the operator may correct. */
export function beijingInput(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant an operator typed as Beijing "YYYY-MM-DD HH:mm", as ISO with +08:00; null if not a real time. */
export function parseBeijingInput(text: string): IsoTime | null {
  const m = INPUT_RE.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`;
  const ms = Date.parse(iso);
  // Date.parse rolls 02-30 over to March: a real time reads back the same.
  return !Number.isNaN(ms) && beijingInput(ms) === `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` ? iso : null;
}
