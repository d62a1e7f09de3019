/**
 * Training (第三十五条 "建立公安新媒体人员业务培训制度…新进人员，必须经培训后方可上岗"): a session of a course
 * is recorded once, its attendance in bulk; each completed attendance is written onto the person as a
 * training record, which is what the authorization rule reads (core/org/people isTrained), so a
 * newcomer may run or review an account once a session is recorded for them. The province's yearly
 * requirement is counted in hours of completed training in the calendar year. Pure.
 */
import type { DayString } from '../../typings/common';
import type { Account, Person, TrainingRecord } from '../../typings/org';
import type { TrainingAttendance, TrainingSession } from '../../typings/training';
import type { DomainError } from '../errors';
import { securityError } from '../security/errors';
import { beijingDay, toBeijingIso } from '../time';

const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface SessionInput {
  course: string;
  date: DayString;
  issuer: string;
  hours: number;
}

export function sessionProblem(input: SessionInput, now: number): DomainError | null {
  const ok =
    input.course.trim() !== '' &&
    input.issuer.trim() !== '' &&
    DAY.test(input.date) &&
    input.hours >= 0.5 &&
    input.hours <= 200 &&
    Number.isInteger(input.hours * 2);
  if (!ok) return securityError('SESSION_INVALID');
  // A session is recorded once held: its attendance is a fact, not a plan.
  if (input.date > beijingDay(now)) return securityError('SESSION_INVALID', '培训日期不能晚于今天：请在培训结束后登记');
  return null;
}

export function newSession(
  id: string,
  input: SessionInput,
  unit: { unitId: string; unitPath: string[] },
  organiserId: string,
  now: number,
): TrainingSession {
  const at = toBeijingIso(now);
  return {
    _id: id,
    course: input.course.trim(),
    date: input.date,
    issuer: input.issuer.trim(),
    hours: input.hours,
    unitId: unit.unitId,
    unitPath: unit.unitPath,
    organiserId,
    attended: 0,
    completed: 0,
    createdAt: at,
    updatedAt: at,
    rev: 0,
  };
}

export const attendanceId = (sessionId: string, personId: string): string => `${sessionId}:${personId}`;

export function attendanceOf(
  session: TrainingSession,
  person: Pick<Person, '_id' | 'unitId'>,
  completed: boolean,
  by: string,
  now: number,
): TrainingAttendance {
  return {
    _id: attendanceId(session._id, person._id),
    sessionId: session._id,
    personId: person._id,
    unitId: person.unitId,
    course: session.course,
    date: session.date,
    year: Number(session.date.slice(0, 4)),
    hours: session.hours,
    completed,
    recordedBy: by,
    recordedAt: toBeijingIso(now),
  };
}

/** The person with this session's record (replacing an earlier one of the same session). */
export function withSessionRecord(person: Person, session: TrainingSession, completed: boolean, now: number): Person {
  const record: TrainingRecord = {
    course: session.course,
    date: session.date,
    issuer: session.issuer,
    completed,
    hours: session.hours,
    sessionId: session._id,
  };
  const others = person.trainings.filter((t) => t.sessionId !== session._id);
  return { ...person, trainings: [...others, record], updatedAt: toBeijingIso(now) };
}

/** The session's counters after one person's attendance moved from `before` to `after`. */
export function countAttendance(
  session: TrainingSession,
  before: TrainingAttendance | null,
  after: TrainingAttendance,
  now: number,
): TrainingSession {
  return {
    ...session,
    attended: session.attended + (before ? 0 : 1),
    completed: session.completed + (after.completed ? 1 : 0) - (before?.completed ? 1 : 0),
    updatedAt: toBeijingIso(now),
  };
}

/** 第三十五条: hours of completed training in a calendar year (records without hours count none). */
export function hoursInYear(person: Pick<Person, 'trainings'>, year: number): number {
  return person.trainings
    .filter((t) => t.completed && t.date.startsWith(`${year}-`))
    .reduce((sum, t) => sum + (t.hours ?? 0), 0);
}

/** The people an account's training requirement covers: its operators, owner and reviewers. */
export function accountStaff(
  account: Pick<Account, 'operatorA' | 'operatorB' | 'ownerId' | 'kind' | 'reviewerIds'>,
): string[] {
  const ids = [
    account.operatorA,
    account.operatorB,
    account.kind === 'personal' ? account.ownerId : null,
    ...account.reviewerIds,
  ];
  return ids.filter((id, i): id is string => id !== null && ids.indexOf(id) === i);
}
