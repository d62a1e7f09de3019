/**
 * Reminders of referrals and deferred messages (第二十三条, 第二十七条), run every minute by the timer
 * (server/planners.ts). Each planner reads one indexed window of a due field, so a run costs what is
 * due now, not what is open:
 *
 * - referralDueSoon: open referrals whose first reminder instant (dueSoonAt) came within the lookback
 *   (index reminder: open, dueSoonAt);
 * - referralDeadline: open referrals whose deadline is within `dueSoon.hours` ahead or passed within
 *   the lookback (index due: open, dueAt) — the hours-before stage and the overdue reminder;
 * - referralDigest: 08:00–08:10 Beijing, open referrals due by the end of today (index due);
 * - messageReplyTarget: deferred messages still being handled whose target day has come or passed
 *   (index replyTarget: state, replyTargetAt).
 *
 * Which stage is due, and its dedupe key, is the core's (core/referral/reminders.ts,
 * core/message/reminders.ts): a window read again and again yields the same keys, so each reminder is
 * stored and sent once. The lookback is how long the timer may have been down without a reminder
 * being lost.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { Account } from '../../typings/org';
import type { Message, Referral } from '../../typings/referral';
import type { WorkCalendar } from '../../core/calendar/calendar';
import { planReplyTargetReminders } from '../../core/message/reminders';
import { overdueAt, planDailyDigest, planReferralReminders } from '../../core/referral/reminders';
import { beijingDay, beijingDayEnd, beijingParts, toBeijingIso } from '../../core/time';
import type { DueWindow } from '../../core/notify/planners';
import type { Doc } from '../store';
import type { PlannerContext, ShellPlanner } from '../planners';
import { loadCalendar, referralConfig } from './context';
import { draftsFor, excerpt, Recipients, type RoleWanted } from './notices';

const HOUR = 60 * 60 * 1000;
const LOOKBACK_MS = 24 * HOUR;
const PAGE = 100;
/** The digest goes out in the first minutes after 08:00 Beijing; a run in this span sends it once. */
const DIGEST_HOUR = 8;
const DIGEST_MINUTES = 10;

export interface ReferralReminderItem {
  referral: Referral;
  calendar: WorkCalendar;
  recipients: Recipients;
}

function referralDrafts(item: ReferralReminderItem, now: number): NotificationDraft[] {
  const r = item.referral;
  return planReferralReminders([r], now, item.calendar, referralConfig()).flatMap((effect) =>
    draftsFor(effect, item.recipients, {
      now,
      subjectText: excerpt(r.question),
      unitName: r.departmentName,
      dueAt: r.dueAt,
      actorName: null,
      escalationUnitId: r.departmentId,
    }),
  );
}

/** The calendar, and every person a referral's reminders may reach (the desk only once overdue). */
async function enrichReferrals(docs: readonly Doc[], ctx: PlannerContext): Promise<ReferralReminderItem[]> {
  if (docs.length === 0) return [];
  const referrals = docs as readonly Referral[];
  const [calendar, tree] = await Promise.all([loadCalendar(ctx.store), ctx.tree()]);
  const roles: RoleWanted[] = [];
  const people: string[] = [];
  for (const r of referrals) {
    if (r.handlerId) people.push(r.handlerId);
    else roles.push({ role: 'departmentHandler', unitId: r.departmentId });
    if (ctx.now >= overdueAt(r)) roles.push({ role: 'propagandaStaff', unitId: r.deskId });
  }
  const recipients = await Recipients.resolve(tree, roles, people, ctx.store);
  return referrals.map((referral) => ({ referral, calendar, recipients }));
}

/**
 * What is due for each referral now, as its reminders' keys: the calendar (one read) and the referral
 * alone, so a run that finds every key already planned reads nothing else (issue 18).
 */
async function referralMarks(docs: readonly Doc[], ctx: PlannerContext): Promise<ReadonlyMap<string, string>> {
  const calendar = await loadCalendar(ctx.store);
  return new Map(
    (docs as readonly Referral[]).map((r) => [
      r._id,
      planReferralReminders([r], ctx.now, calendar, referralConfig())
        .map((e) => e.dedupeKey)
        .join(' '),
    ]),
  );
}

function referralPlanner(
  name: string,
  index: 'reminder' | 'due',
  dueField: 'dueSoonAt' | 'dueAt',
  window: (now: number) => DueWindow,
): ShellPlanner<ReferralReminderItem> {
  return {
    planner: {
      name,
      due: { collection: 'referrals', index, equals: [{ field: 'open', value: true }], dueField, limit: PAGE },
      window,
      plan: ({ now, items }) => items.flatMap((item) => referralDrafts(item, now)),
    },
    enrich: enrichReferrals,
    marks: referralMarks,
  };
}

export const referralDueSoon = referralPlanner('referralDueSoon', 'reminder', 'dueSoonAt', (now) => ({
  dueAfter: toBeijingIso(now - LOOKBACK_MS),
  dueBy: toBeijingIso(now),
}));

export const referralDeadline = referralPlanner('referralDeadline', 'due', 'dueAt', (now) => ({
  dueAfter: toBeijingIso(now - LOOKBACK_MS),
  dueBy: toBeijingIso(now + referralConfig().dueSoon.hours * HOUR),
}));

// --- the daily digest ---------------------------------------------------------------------------------

export interface DigestItem {
  referrals: Referral[];
  calendar: WorkCalendar;
  recipients: Recipients;
}

function inDigestMinutes(now: number): boolean {
  const p = beijingParts(now);
  return p.hour === DIGEST_HOUR && p.minute < DIGEST_MINUTES;
}

export const referralDigest: ShellPlanner<DigestItem> = {
  planner: {
    name: 'referralDigest',
    due: {
      collection: 'referrals',
      index: 'due',
      equals: [{ field: 'open', value: true }],
      dueField: 'dueAt',
      limit: PAGE,
    },
    // Outside its minutes the window is empty: the run costs one request that reads nothing.
    window: (now) =>
      inDigestMinutes(now)
        ? { dueBy: toBeijingIso(beijingDayEnd(beijingDay(now))) }
        : { dueAfter: toBeijingIso(now), dueBy: toBeijingIso(now) },
    plan: ({ now, items }) =>
      items.flatMap(({ referrals, calendar, recipients }) =>
        planDailyDigest(referrals, now, calendar).flatMap((effect) => {
          const mine = referrals.filter((r) => r.departmentId === effect.subject.id);
          return draftsFor(effect, recipients, {
            now,
            subjectText: effect.title,
            unitName: mine[0]?.departmentName ?? '',
            dueAt: null,
            actorName: null,
            escalationUnitId: null,
            count: mine.length,
          });
        }),
      ),
  },
  async enrich(docs, ctx): Promise<DigestItem[]> {
    if (docs.length === 0) return [];
    const referrals = [...(docs as readonly Referral[])];
    const [calendar, tree] = await Promise.all([loadCalendar(ctx.store), ctx.tree()]);
    const roles = referrals.map((r): RoleWanted => ({ role: 'departmentHandler', unitId: r.departmentId }));
    return [{ referrals, calendar, recipients: await Recipients.resolve(tree, roles, [], ctx.store) }];
  },
  /**
   * Issue 18: a referral is in one digest a day. A run that finds it marked for today (and unchanged)
   * skips it — no recipients read, no digest planned, no dedupe lookup — so the runs after the first in
   * the digest's minutes read the due referrals and nothing else. A referral changed since is planned
   * again; its department's digest of the day is already stored under the same key, so nothing is
   * sent twice.
   */
  marks(docs, ctx): Promise<ReadonlyMap<string, string>> {
    const day = `digest:${beijingDay(ctx.now)}`;
    return Promise.resolve(new Map(docs.map((d) => [d._id, day])));
  },
};

// --- deferred messages ----------------------------------------------------------------------------------

export interface ReplyTargetPlannerItem {
  message: Message;
  recipientIds: string[];
  recipients: Recipients;
}

function operatorsOf(account: Account | null): string[] {
  if (!account) return [];
  return [account.operatorA, account.operatorB, account.kind === 'personal' ? account.ownerId : null].filter(
    (x): x is string => x !== null,
  );
}

export const messageReplyTarget: ShellPlanner<ReplyTargetPlannerItem> = {
  planner: {
    name: 'messageReplyTarget',
    due: {
      collection: 'messages',
      index: 'replyTarget',
      equals: [{ field: 'state', value: 'triaged' }],
      dueField: 'replyTargetAt',
      limit: PAGE,
    },
    // The target is a day's end: its day has begun once the target is less than a day ahead.
    window: (now) => ({ dueAfter: toBeijingIso(now - LOOKBACK_MS), dueBy: toBeijingIso(now + 24 * HOUR) }),
    plan: ({ now, items }) =>
      items.flatMap((item) =>
        planReplyTargetReminders([item], now).flatMap((effect) =>
          draftsFor(effect, item.recipients, {
            now,
            subjectText: excerpt(item.message.text),
            unitName: '',
            dueAt: item.message.replyTargetAt,
            actorName: null,
            escalationUnitId: item.message.unitId,
          }),
        ),
      ),
  },
  async enrich(docs, ctx): Promise<ReplyTargetPlannerItem[]> {
    if (docs.length === 0) return [];
    const accounts = new Map<string, Account | null>();
    const items: { message: Message; recipientIds: string[] }[] = [];
    for (const m of docs as readonly Message[]) {
      if (!accounts.has(m.accountId)) accounts.set(m.accountId, await ctx.store.get<Account>('accounts', m.accountId));
      items.push({
        message: m,
        recipientIds: [...new Set([m.recordedBy, ...operatorsOf(accounts.get(m.accountId) ?? null)])],
      });
    }
    const recipients = await Recipients.resolve(
      await ctx.tree(),
      [],
      items.flatMap((i) => i.recipientIds),
      ctx.store,
    );
    return items.map((i) => ({ ...i, recipients }));
  },
};
