/**
 * A signed, open referral as the referral function stores it after 签收, for tests that need many of
 * them in the local cloud at once (timer runs) without creating each one through the functions.
 */
import type { Referral } from '../../typings/referral';
import { beijingDayEnd, beijingDayStart, toBeijingIso } from '../../core/time';

export interface SignedReferralSpec {
  id: string;
  n: number;
  department: { id: string; name: string };
  deadlineClass: Referral['deadlineClass'];
  handlerId: string | null;
  /** When it was created and signed. */
  created: string;
  /** The Beijing day its answer is due (the due-soon reminder falls at that day's start). */
  dueDay: string;
}

export function signedReferral(s: SignedReferralSpec): Referral {
  const dueAt = toBeijingIso(beijingDayEnd(s.dueDay));
  return {
    _id: s.id,
    messageId: `m-${s.id}`,
    accountId: 'acc-cs-weibo',
    unitId: 'u-cs',
    deskId: 'u-cs-xcc',
    departmentId: s.department.id,
    departmentName: s.department.name,
    deadlineClass: s.deadlineClass,
    question: `群众咨询事项 ${s.n}`,
    state: 'signed',
    open: true,
    handlerId: s.handlerId,
    signedAt: s.created,
    returnReason: null,
    dueAt,
    originalDueAt: dueAt,
    dueSoonAt: toBeijingIso(beijingDayStart(s.dueDay)),
    extensions: [],
    answer: null,
    overdueMs: null,
    calendarWarnings: [],
    log: [{ action: 'create', at: s.created, by: 'p-cs-operator-a', note: null }],
    createdBy: 'p-cs-operator-a',
    createdAt: s.created,
    updatedAt: s.created,
    rev: 2,
  };
}
