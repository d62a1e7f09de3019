/**
 * Training (第三十五条): sessions of a course with their attendance, each person's history, and the
 * province's yearly requirement with who falls short. A completed attendance is what lets a newcomer run
 * or review an account. Type-only.
 */
import type { ActionSpec } from './api';
import type { DayString, IsoTime } from './common';
import type { Platform } from './org';

/** One held session of a course (培训班次). */
export interface TrainingSession {
  _id: string;
  /** The course's title (培训课程). */
  course: string;
  date: DayString;
  /** Who gives it (组织单位). */
  issuer: string;
  hours: number;
  /** The organising unit: the session is listed for it and every desk above. */
  unitId: string;
  unitPath: string[];
  organiserId: string;
  /** Maintained counters of the attendance recorded. */
  attended: number;
  completed: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

/** One person at one session (`_id` = `<sessionId>:<personId>`); re-recording corrects it. */
export interface TrainingAttendance {
  _id: string;
  sessionId: string;
  personId: string;
  /** The person's unit when recorded. */
  unitId: string;
  course: string;
  date: DayString;
  year: number;
  hours: number;
  /** Attended and passed: counts as trained (第三十五条) and towards the yearly hours. */
  completed: boolean;
  recordedBy: string;
  recordedAt: IsoTime;
}

export interface TrainingSessionItem {
  id: string;
  course: string;
  date: DayString;
  issuer: string;
  hours: number;
  unitName: string;
  attended: number;
  completed: number;
}

export interface TrainingSessionPage {
  items: TrainingSessionItem[];
  nextOffset: number | null;
}

export interface AttendanceItem {
  personId: string;
  name: string;
  badgeNo: string;
  unitName: string;
  completed: boolean;
}

export interface TrainingSessionDetail {
  session: TrainingSessionItem & { organiserName: string; rev: number };
  attendance: AttendanceItem[];
  nextOffset: number | null;
  /** The caller may record attendance (organiser, unit admin or desk over the session's unit). */
  canRecord: boolean;
}

export interface TrainingHistoryItem {
  course: string;
  date: DayString;
  issuer: string;
  hours: number | null;
  completed: boolean;
  /** Recorded through a session, or entered by hand (org.addTraining). */
  sessionId: string | null;
}

export interface TrainingHistory {
  personId: string;
  name: string;
  unitName: string;
  /** 第三十五条: may run or review accounts. */
  trained: boolean;
  year: number;
  hoursThisYear: number;
  requiredHours: number;
  items: TrainingHistoryItem[];
}

export interface ShortPerson {
  personId: string;
  name: string;
  unitName: string;
  hours: number;
  /** 第三十五条: never trained at all. */
  untrained: boolean;
}

/** An account whose operators or reviewers fall short of the year's hours. */
export interface ShortAccount {
  accountId: string;
  accountName: string;
  platform: Platform;
  unitName: string;
  short: ShortPerson[];
}

export interface ShortfallPage {
  year: number;
  requiredHours: number;
  items: ShortAccount[];
  /** Pass as `offset`: the page walks the unit's accounts. */
  nextOffset: number | null;
}

export interface AttendanceEntry {
  personId: string;
  completed: boolean;
}

export interface TrainingApi {
  /** Records a held session (course, date, issuer, hours) for a unit; the same requestKey gives back the same session. */
  sessionCreate: ActionSpec<
    { unitId: string; requestKey: string; course: string; date: DayString; issuer: string; hours: number },
    TrainingSessionItem
  >;
  /** A unit's sessions (subtree), newest first, optionally of one year. */
  sessions: ActionSpec<{ unitId: string; year?: number; offset?: number; limit?: number }, TrainingSessionPage>;
  /** One session and a page of its attendance. */
  session: ActionSpec<{ sessionId: string; offset?: number; limit?: number }, TrainingSessionDetail>;
  /** The organiser records attendance in bulk (at most 100 at once); re-recording a person corrects them. */
  recordAttendance: ActionSpec<
    { sessionId: string; entries: AttendanceEntry[] },
    { recorded: number; session: TrainingSessionItem }
  >;
  /** A person's training history and this year's hours against the requirement. */
  history: ActionSpec<{ personId: string; year?: number }, TrainingHistory>;
  /** A unit's accounts (subtree) whose operators or reviewers fall short of the year's hours, a page at a time. */
  shortfall: ActionSpec<{ unitId: string; year?: number; offset?: number; limit?: number }, ShortfallPage>;
}
