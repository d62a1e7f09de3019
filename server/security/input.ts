/** Request shapes of the security, training and archive functions, checked at the edge. */
import * as v from 'valibot';
import type { BoundPhone, IncidentKind } from '../../typings/security';
import { listLimit, listOffset } from '../schemas';

const keysOf = <K extends string>(all: Record<K, true>): K[] => Object.keys(all) as K[];

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
export const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
/** A retry or double tap sends the same key and gets the same record back. */
export const requestKey = v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[\w-]+$/));
export const isoTime = v.pipe(v.string(), v.maxLength(40));
export const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Lists page the way every list does (server/schemas.ts, issue 11); LIST_DEFAULT items when not asked. */
export const LIST_DEFAULT = 20;
export const offset = listOffset;
export const limit = listLimit;

export const page = (params: { offset?: number; limit?: number }): { from: number; size: number } => ({
  from: params.offset ?? 0,
  size: params.limit ?? LIST_DEFAULT,
});

/** Reads one more than the page to know whether another follows, without counting. */
export function nextOffsetOf<T>(rows: T[], from: number, size: number): { items: T[]; nextOffset: number | null } {
  if (size === 0) return { items: [], nextOffset: null };
  return rows.length > size
    ? { items: rows.slice(0, size), nextOffset: from + size }
    : { items: rows, nextOffset: null };
}

const BOUND_PHONES = keysOf<BoundPhone>({ none: true, unitPhone: true, personalPhone: true });
const INCIDENT_KINDS = keysOf<IncidentKind>({
  accountStolen: true,
  passwordLeaked: true,
  abnormalLogin: true,
  dataLeak: true,
  wrongPost: true,
  other: true,
});

export const incidentKind = v.picklist(INCIDENT_KINDS);

export const settings = v.strictObject({
  boundPhone: v.picklist(BOUND_PHONES),
  boundPhoneHolderId: v.nullable(id),
  boundPhoneTail: v.nullable(v.pipe(v.string(), v.maxLength(4))),
  twoStepVerification: v.boolean(),
  loginProtection: v.boolean(),
  adminWechatHolderId: v.nullable(id),
});

export const stepInput = v.variant('kind', [
  v.strictObject({
    kind: v.literal('platformContacted'),
    at: isoTime,
    platformContact: text(64),
    ticket: text(64),
    note: text(500),
  }),
  v.strictObject({ kind: v.literal('secured'), at: isoTime, note: text(500) }),
  v.strictObject({ kind: v.literal('contentHandled'), at: isoTime, note: text(500) }),
  v.strictObject({ kind: v.literal('note'), at: isoTime, note: text(500) }),
]);

const smallInt = (lo: number, hi: number) => v.pipe(v.number(), v.integer(), v.minValue(lo), v.maxValue(hi));

export const policy = v.strictObject({
  rotationDays: smallInt(1, 1000),
  rotationLeadDays: smallInt(0, 1000),
  escalateAfterDays: smallInt(0, 1000),
  repeatEveryDays: smallInt(1, 1000),
  holderChangeDays: smallInt(1, 1000),
  firstRecordDays: smallInt(1, 1000),
  trainingHoursPerYear: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
  trainingReminderDays: v.pipe(v.array(v.pipe(v.string(), v.maxLength(5))), v.maxLength(12)),
});
