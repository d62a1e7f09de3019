import type { IsoTime } from '../../typings/common';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "MM-DD HH:mm" in Beijing time whatever the phone's time zone (China has no DST). */
export function formatBeijingShort(iso: IsoTime): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}
