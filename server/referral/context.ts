/**
 * What every message and referral action loads before it decides: the documents, the working-day
 * calendar with the admin's overrides, and the core's context. All queries happen here, before the
 * transaction; inside it only documents are re-read by id.
 */
import type { IsoTime } from '../../typings/common';
import type { Account, Person, Unit } from '../../typings/org';
import type { Actor, CalendarOverride, Effect, Message, Referral, ReferralConfig } from '../../typings/referral';
import { createWorkCalendar, missingYearWarning, type WorkCalendar } from '../../core/calendar/calendar';
import { commonErrors, DomainError, isDomainError } from '../../core/errors';
import { referralConfigFrom, type DomainCtx, type Transition } from '../../core/referral/common';
import { beijingParts } from '../../core/time';
import type { UnitTree } from '../../core/org/tree';
import type { VersionDoc } from '../org';
import { command, store, type Store } from '../store';

/** One year of the admin's calendar overrides (collection calendarOverrides, `_id` year-2027). */
export interface CalendarYearDoc {
  _id: string;
  year: number;
  days: CalendarOverride[];
  updatedBy: string;
  updatedAt: IsoTime;
  rev: number;
}

export const calendarYearId = (year: number): string => `year-${year}`;

const CALENDAR_VERSION_ID = 'calendarVersion';

let cachedCalendar: { version: number; calendar: WorkCalendar; years: CalendarYearDoc[] } | null = null;

/**
 * The calendar with every override, read once per instance and again only when an admin changed
 * the overrides: a request costs one document read (the version), not the table.
 */
export async function loadCalendar(db: Store = store): Promise<WorkCalendar> {
  const versionDoc = await db.get<VersionDoc>('counters', CALENDAR_VERSION_ID);
  const version = versionDoc?.value ?? 0;
  if (cachedCalendar && cachedCalendar.version === version) return cachedCalendar.calendar;
  // A handful of years at most: one page holds them all.
  const years = await db.find<CalendarYearDoc>('calendarOverrides', {}, { orderBy: [['year', 'asc']], limit: 100 });
  cachedCalendar = { version, calendar: createWorkCalendar(years.flatMap((y) => y.days)), years };
  return cachedCalendar.calendar;
}

/** Written by whatever changes the overrides, inside its transaction, so every instance reloads. */
export function calendarVersionBump(current: VersionDoc | null): VersionDoc {
  return { _id: CALENDAR_VERSION_ID, value: (current?.value ?? 0) + 1 };
}

export { CALENDAR_VERSION_ID };

/** Warnings for the years around now that nobody has arranged (shown before the year starts). */
export function upcomingYearWarnings(now: number, calendar: WorkCalendar): string[] {
  const LOOKAHEAD_MS = 45 * 24 * 60 * 60 * 1000;
  const years = new Set([beijingParts(now).year, beijingParts(now + LOOKAHEAD_MS).year]);
  return [...years].filter((y) => !calendar.yearKnown(y)).map(missingYearWarning);
}

export function mergeWarnings(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

export function actorOf(person: Person): Actor {
  return { personId: person._id, roles: person.roles };
}

let config: ReferralConfig | null = null;

/** The deployment's referral rules (config.json envVariables of the referral and timer functions), read once. */
export function referralConfig(): ReferralConfig {
  config ??= referralConfigFrom(process.env);
  return config;
}

export function domainCtx(now: number, person: Person, calendar: WorkCalendar): DomainCtx {
  return { now, actor: actorOf(person), calendar, config: referralConfig() };
}

/** The core answers a refusal as a value; the shell throws it so dispatch answers it. */
export function unwrap<S>(t: Transition<S>): { next: S; effects: Effect[] } {
  if (isDomainError(t)) throw t;
  return t;
}

export const referralShellErrors = {
  departmentUnknown: () => new DomainError('DEPARTMENT_UNKNOWN', '承办部门不存在'),
  noHandler: (name: string) => new DomainError('DEPARTMENT_NO_HANDLER', `${name}尚未设置警种联络人，无法通报或流转`),
  noDesk: () => new DomainError('NO_PROPAGANDA_DESK', '该账号所属单位未设置政工宣传部门，无法审批延期'),
  calendarInvalid: (message: string) => new DomainError('CALENDAR_INVALID', message),
} as const;

export async function loadMessage(messageId: string, db: Store = store): Promise<Message> {
  const message = await db.get<Message>('messages', messageId);
  if (!message) throw commonErrors.notFound('留言');
  return message;
}

export async function loadReferral(referralId: string, db: Store = store): Promise<Referral> {
  const referral = await db.get<Referral>('referrals', referralId);
  if (!referral) throw commonErrors.notFound('流转');
  return referral;
}

export async function loadAccount(accountId: string, db: Store = store): Promise<Account> {
  const account = await db.get<Account>('accounts', accountId);
  if (!account) throw commonErrors.notFound('账号');
  return account;
}

/** The referrals of a message (index `message`), for closing it and for its page. */
export async function referralsOfMessage(messageId: string, db: Store = store): Promise<Referral[]> {
  return db.find<Referral>('referrals', { messageId }, { orderBy: [['createdAt', 'asc']], limit: 100 });
}

export function unitPathOf(unitId: string, tree: UnitTree): string[] {
  return tree.byId.get(unitId)?.path ?? [unitId];
}

/** A department of the tree, or the refusal naming why it cannot take a notice or a referral. */
export function departmentOf(unitId: string, tree: UnitTree): Unit {
  const unit = tree.byId.get(unitId);
  if (!unit) throw referralShellErrors.departmentUnknown();
  return unit;
}

/** Names of people by id (one query), for timelines. */
export async function namesOf(ids: readonly string[], db: Store = store): Promise<{ [personId: string]: string }> {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  const names: { [personId: string]: string } = {};
  if (unique.length === 0) return names;
  const found = await db.find<Person>(
    'people',
    { _id: command().in(unique) },
    { limit: unique.length, fields: { name: true } },
  );
  for (const p of found) names[p._id] = p.name;
  return names;
}
