/** Input schemas of the referral function: what the edge accepts before any rule is asked. */
import * as v from 'valibot';
import type { DeadlineClass, MessageOutcome, MessageState, ReferralListView, Triage } from '../../typings/referral';
import { OUTCOME_RULES, TRIAGE_RULES } from '../../core/message/triage';
import { DEADLINE_WORKING_DAYS } from '../../core/calendar/deadline';

const keysOf = <K extends string>(table: { readonly [P in K]: unknown }): [K, ...K[]] =>
  Object.keys(table) as [K, ...K[]];

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const rev = v.pipe(v.number(), v.integer(), v.minValue(1));
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** ISO-8601 with a zone (the client's clock may run in any zone; Beijing is computed from it). */
export const isoTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/),
  v.check((s) => !Number.isNaN(Date.parse(s))),
);

export const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

export const triage = v.picklist<[Triage, ...Triage[]]>(keysOf(TRIAGE_RULES));
export const outcome = v.picklist<[MessageOutcome, ...MessageOutcome[]]>(keysOf(OUTCOME_RULES));
export const deadlineClass = v.picklist<[DeadlineClass, ...DeadlineClass[]]>(keysOf(DEADLINE_WORKING_DAYS));
export const messageState = v.picklist<[MessageState, ...MessageState[]]>(['received', 'triaged', 'closed']);
export const listView = v.picklist<[ReferralListView, ...ReferralListView[]]>(['open', 'answered', 'closed']);

export const messageRef = { messageId: id, expectedRev: rev };
export const referralRef = { referralId: id, expectedRev: rev };

/** The years an admin may arrange: far enough for any deadline the product computes. */
export const year = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));
