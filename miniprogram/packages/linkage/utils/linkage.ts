/**
 * What the linkage pages share (第三十四条): page paths, the countdown, and how a directive and an
 * account's response read on a phone.
 */
import type { DirectiveKind, DirectiveState, ResponseKind, TargetRow, TargetState } from '../../../../typings/linkage';
import { formatBeijingShort } from '../../../utils/time';

export const PAGES = {
  mine: '/packages/linkage/pages/mine/index',
  directive: '/packages/linkage/pages/directive/index',
  respond: '/packages/linkage/pages/respond/index',
  directives: '/packages/linkage/pages/directives/index',
  board: '/packages/linkage/pages/board/index',
  issue: '/packages/linkage/pages/issue/index',
  settings: '/packages/linkage/pages/settings/index',
} as const;

/** The post editor, writing an original response through the chain (第十五条、第十六条). */
export const postEditFor = (accountId: string, directiveId: string): string =>
  `/pages/post-edit/index?accountId=${encodeURIComponent(accountId)}&linkageDirectiveId=${encodeURIComponent(directiveId)}`;

export const KIND_LABELS: Readonly<Record<DirectiveKind, string>> = {
  publicity: '重大正面宣传',
  opinion: '涉警舆情处置',
};

export const RESPONSE_KIND_LABELS: Readonly<Record<ResponseKind, string>> = {
  repost: '转发',
  original: '原创发布',
  comment: '评论',
};

/** Vant tag types: the silent stand out. */
export const STATE_TAGS: Readonly<Record<TargetState, 'success' | 'warning' | 'danger' | 'default'>> = {
  pending: 'danger',
  none: 'danger',
  onTime: 'success',
  late: 'warning',
  withdrawn: 'default',
};

export const DIRECTIVE_TAGS: Readonly<Record<DirectiveState, 'primary' | 'default' | 'warning'>> = {
  open: 'primary',
  closed: 'default',
  withdrawn: 'warning',
};

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The time left in the window, as it ticks: 剩余 12:05 under an hour, 剩余 1 小时 05 分 above; past
 * the end, how late it is.
 */
export function countdown(remainingMs: number): { text: string; overdue: boolean } {
  if (remainingMs <= 0) {
    const late = Math.floor(-remainingMs / 60_000);
    return { text: late < 1 ? '已到时限' : `已超时 ${late} 分钟`, overdue: true };
  }
  const s = Math.ceil(remainingMs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return { text: h > 0 ? `剩余 ${h} 小时 ${two(m)} 分` : `剩余 ${two(m)}:${two(s % 60)}`, overdue: false };
}

/** The same to the minute, for lists and the board: 剩余 23 分钟 / 剩余 1 小时 05 分 / 已超时 5 分钟. */
export function countdownMinutes(remainingMs: number): { text: string; overdue: boolean } {
  if (remainingMs <= 0) return countdown(remainingMs);
  const m = Math.ceil(remainingMs / 60_000);
  const h = Math.floor(m / 60);
  return { text: h > 0 ? `剩余 ${h} 小时 ${two(m % 60)} 分` : `剩余 ${m} 分钟`, overdue: false };
}

/** How often lists and the board re-read their countdowns (minute precision). */
export const LIST_TICK_MS = 10_000;

export interface RowView {
  key: string;
  accountId: string;
  title: string;
  label: string;
  state: TargetState;
  stateLabel: string;
  tag: string;
  /** 用时 12 分 05 秒 · 转发 · 王明 */
  response: string;
  link: string;
  screenshot: string;
  /** The account still owes a response. */
  open: boolean;
}

export function rowView(row: TargetRow): RowView {
  const r = row.response;
  return {
    key: `${row.directiveId}|${row.accountId}`,
    accountId: row.accountId,
    title: `${row.accountName}（${row.platformLabel}）`,
    label: row.unitName + (row.reachable ? '' : '｜下发时未能微信触达，仅站内消息'),
    state: row.state,
    stateLabel: row.stateLabel,
    tag: STATE_TAGS[row.state],
    response: r ? `用时 ${r.elapsedLabel} · ${r.kindLabel} · ${r.byName} · ${formatBeijingShort(r.at)}` : '',
    link: r?.link ?? '',
    screenshot: r?.screenshot ?? '',
    open: row.state === 'pending' || row.state === 'none',
  };
}

/** A stable key for a form: the same key again issues (or answers) once. */
export function formKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
