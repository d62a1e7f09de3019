import type { IsoTime } from '../../typings/common';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "MM-DD HH:mm" in Beijing time whatever the phone's time zone (China has no DST). */
export function formatBeijingShort(iso: IsoTime): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}

/** "已等待 2 小时 5 分" from `since` to the server's `now` (the phone's own clock may be off). */
export function waitedLabel(since: IsoTime, now: IsoTime): string {
  const minutes = Math.max(0, Math.floor((Date.parse(now) - Date.parse(since)) / 60_000));
  if (Number.isNaN(minutes)) return '';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `已等待 ${days} 天 ${hours} 小时`;
  if (hours > 0) return `已等待 ${hours} 小时 ${rest} 分`;
  return `已等待 ${rest} 分钟`;
}

/** "2026-03-10 09:05" in Beijing time: the full date and time a timeline shows. */
export function formatBeijingFull(iso: IsoTime): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
