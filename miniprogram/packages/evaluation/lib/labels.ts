/** Words and month arithmetic the evaluation pages share (Beijing time, whatever the phone's zone). */
import type { MonthState, ObjectionState } from '../../../../typings/evaluation';

export const MONTH_STATE_LABELS: { readonly [S in MonthState | 'none']: string } = {
  none: '未评估',
  running: '计算中',
  draft: '草稿（仅省厅可见）',
  review: '征求意见中',
  published: '已发布',
};

export const OBJECTION_STATE_LABELS: { readonly [S in ObjectionState]: string } = {
  pending: '待处理',
  upheld: '异议成立',
  rejected: '异议不成立',
};

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing month of an instant, YYYY-MM. */
export function monthOfTime(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** 2026-04-07T23:59:59.999+08:00 → 2026-04-07 23:59 */
export function timeText(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

export const score = (n: number): string => n.toFixed(2);
