/**
 * Reminder planners for referrals (第二十七条 deadlines): due soon, overdue, and a daily digest per
 * department. Pure: given referrals (plain data) and now, they return notify effects whose dedupe
 * keys make a reminder go out once however often the planner runs. A key carries the deadline, so an
 * approved extension arms fresh reminders.
 *
 * Due soon has two stages (ReferralConfig.dueSoon, default 1 working day and 2 hours):
 * - days: at 00:00 Beijing time of the first of the last `workingDays` working days (with 1, the
 *   start of the last working day: one working day before the deadline);
 * - hours: `hours` before the end of the last day (with 2, 22:00:00.000 Beijing time).
 * A stage at or before the moment the referral was made is skipped (a same-day referral has no
 * "days" stage). When the planner has fallen behind, only the latest stage due is sent.
 */
import type { IsoTime } from '../../typings/common';
import type { NotifyEffect, Recipient, Referral, ReferralConfig, ReferralDigestItem } from '../../typings/referral';
import type { WorkCalendar } from '../calendar/calendar';
import { firstOfLastWorkingDays } from '../calendar/deadline';
import { beijingDay, beijingDayStart, formatBeijing, toBeijingIso } from '../time';

const HOUR_MS = 60 * 60 * 1000;

export type DueSoonStage = 'days' | 'hours';

export interface StageInstant {
  stage: DueSoonStage;
  atMs: number;
}

type ReminderSubject = Pick<Referral, 'dueAt' | 'createdAt'>;

/** The due-soon instants of a referral, earliest first. */
export function dueSoonStages(r: ReminderSubject, calendar: WorkCalendar, config: ReferralConfig): StageInstant[] {
  const dueMs = Date.parse(r.dueAt);
  const madeMs = Date.parse(r.createdAt);
  const stages: StageInstant[] = [];
  if (config.dueSoon.workingDays > 0) {
    const first = firstOfLastWorkingDays(beijingDay(dueMs), config.dueSoon.workingDays, calendar);
    stages.push({ stage: 'days', atMs: beijingDayStart(first) });
  }
  if (config.dueSoon.hours > 0) stages.push({ stage: 'hours', atMs: dueMs + 1 - config.dueSoon.hours * HOUR_MS });
  return stages.filter((s) => s.atMs > madeMs).sort((a, b) => a.atMs - b.atMs);
}

/** The instant the overdue reminder is due: the first millisecond after the deadline. */
export function overdueAt(r: Pick<Referral, 'dueAt'>): number {
  return Date.parse(r.dueAt) + 1;
}

/**
 * The first reminder instant of a referral, for the DB to index (open, dueSoonAt): a reminder run
 * loads open referrals with dueSoonAt ≤ now and hands them to planReferralReminders.
 */
export function dueSoonAt(r: ReminderSubject, calendar: WorkCalendar, config: ReferralConfig): IsoTime {
  const first = dueSoonStages(r, calendar, config)[0];
  return toBeijingIso(first ? first.atMs : overdueAt(r));
}

function handlerOf(r: Referral): Recipient {
  return r.handlerId
    ? { type: 'person', personId: r.handlerId }
    : { type: 'unitRole', unitId: r.departmentId, role: 'departmentHandler' };
}

function excerpt(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Due-soon and overdue reminders for the referrals given (only open ones are considered). */
export function planReferralReminders(
  referrals: readonly Referral[],
  now: number,
  calendar: WorkCalendar,
  config: ReferralConfig,
): NotifyEffect[] {
  const effects: NotifyEffect[] = [];
  for (const r of referrals) {
    if (!r.open) continue;
    const dueMs = Date.parse(r.dueAt);
    const subject = { type: 'referral', id: r._id } as const;
    const body = excerpt(r.question);
    if (now >= overdueAt(r)) {
      const title = `流转已逾期：${r.departmentName}，期限${formatBeijing(dueMs)}`;
      const to: { tag: string; recipient: Recipient }[] = [
        { tag: 'handler', recipient: handlerOf(r) },
        { tag: 'leader', recipient: { type: 'unitLeader', unitId: r.departmentId } },
        { tag: 'desk', recipient: { type: 'unitRole', unitId: r.deskId, role: 'propagandaStaff' } },
      ];
      for (const { tag, recipient } of to) {
        effects.push({
          kind: 'notify',
          to: recipient,
          notificationKind: 'referralOverdue',
          subject,
          title,
          body,
          dedupeKey: `referral:${r._id}:overdue:${r.dueAt}:${tag}`,
        });
      }
      continue;
    }
    const due = dueSoonStages(r, calendar, config).filter((s) => s.atMs <= now);
    const latest = due[due.length - 1];
    if (!latest) continue;
    effects.push({
      kind: 'notify',
      to: handlerOf(r),
      notificationKind: 'referralDueSoon',
      subject,
      title: `流转即将到期，请于${formatBeijing(dueMs)}前反馈`,
      body,
      dedupeKey: `referral:${r._id}:dueSoon:${latest.stage}:${r.dueAt}`,
    });
  }
  return effects;
}

/**
 * One digest a working day for each department with referrals due today or overdue. The digest is
 * about what needs doing today, so only those count: the shell reads exactly them through the
 * (open, dueAt) index, and its cost follows them rather than every open referral.
 */
export function planDailyDigest(
  referrals: readonly ReferralDigestItem[],
  now: number,
  calendar: WorkCalendar,
): NotifyEffect[] {
  const today = beijingDay(now);
  if (!calendar.isWorkingDay(today)) return [];
  const byDepartment = new Map<string, { pending: number; dueToday: number; overdue: number; open: number }>();
  for (const r of referrals) {
    const dueMs = Date.parse(r.dueAt);
    if (!r.open || beijingDay(dueMs) > today) continue;
    const c = byDepartment.get(r.departmentId) ?? { pending: 0, dueToday: 0, overdue: 0, open: 0 };
    c.open++;
    if (r.state === 'pending') c.pending++;
    if (now > dueMs) c.overdue++;
    else if (beijingDay(dueMs) === today) c.dueToday++;
    byDepartment.set(r.departmentId, c);
  }
  return [...byDepartment.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([departmentId, c]) => ({
      kind: 'notify',
      to: { type: 'unitRole', unitId: departmentId, role: 'departmentHandler' },
      notificationKind: 'dailyDigest',
      subject: { type: 'department', id: departmentId },
      title: `今日流转：到期及逾期${c.open}件`,
      body: `待签收${c.pending}件，今日到期${c.dueToday}件，已逾期${c.overdue}件`,
      dedupeKey: `digest:${departmentId}:${today}`,
    }));
}

/** How long a referral has been or was overdue at `now` (answered: as recorded on answer). */
export function overdueMsAt(r: Pick<Referral, 'open' | 'dueAt' | 'answer' | 'overdueMs'>, now: number): number {
  if (r.answer) return r.overdueMs ?? 0;
  if (r.open) return Math.max(0, now - Date.parse(r.dueAt));
  return 0;
}
