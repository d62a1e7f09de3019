/**
 * 第十九条 cadence: the per-account view, and the daily reminder run. The run is the post function's
 * own timer (config.json, every 15 minutes): it does nothing before the reminder time (env
 * CADENCE_REMINDER_TIME, Beijing HH:mm, default 16:00), then reads every active institutional account
 * once, queues the reminders and marks the day done, so later runs that day cost one read. It is not a
 * planner of server/planners.ts: "nothing published today" has no due-time field to index — every
 * account is a candidate, once a day.
 */
import * as v from 'valibot';
import type { DayString } from '../../typings/common';
import type { NotificationDraft } from '../../typings/notify';
import type { Account } from '../../typings/org';
import type { CadenceAccountView, CadenceDay, CadenceDayCount, CadenceReminder } from '../../typings/post';
import {
  cadenceStatus,
  countsFromCadenceDays,
  defaultCadenceConfig,
  planCadenceReminders,
  type CadenceConfig,
  type DayCounts,
} from '../../core/cadence';
import { beijingTimeOn } from '../../core/cadence/time';
import { beijingDay } from '../../core/time';
import { facet } from '../../core/account/matrix';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { enqueueDrafts } from '../planners';
import { command, store } from '../store';
import { loadAccount, resolveRoleHolders } from './context';
import { postId } from './schemas';
import { accountView } from './views';

export function cadenceConfig(env: Readonly<Record<string, string | undefined>> = process.env): CadenceConfig {
  const time = env.CADENCE_REMINDER_TIME;
  return {
    ...defaultCadenceConfig,
    ...(time && beijingTimeOn('2026-01-01', time) !== null ? { reminderTime: time } : {}),
  };
}

const monthStart = (day: DayString): DayString => `${day.slice(0, 7)}-01`;

/** Published counts per account for days [from, to] (index accountDay), in chunks the result limit allows. */
async function countsFor(
  accountIds: readonly string[],
  from: DayString,
  to: DayString,
): Promise<Map<string, DayCounts>> {
  const _ = command();
  const days: CadenceDay[] = [];
  const span = Math.max(1, Number(to.slice(8)) - Number(from.slice(8)) + 1);
  const perChunk = Math.max(1, Math.floor(1000 / span));
  for (let i = 0; i < accountIds.length; i += perChunk) {
    const ids = accountIds.slice(i, i + perChunk);
    days.push(
      ...(await store.find<CadenceDay>(
        'cadenceDays',
        { accountId: _.in(ids), day: _.and(_.gte(from), _.lte(to)) },
        { limit: 1000 },
      )),
    );
  }
  const byAccount = new Map<string, CadenceDay[]>();
  for (const d of days) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
  return new Map(accountIds.map((id) => [id, countsFromCadenceDays(byAccount.get(id) ?? [])]));
}

function dayCounts(counts: DayCounts, today: DayString): CadenceDayCount[] {
  const out: CadenceDayCount[] = [];
  for (let d = 1; d <= Number(today.slice(8)); d += 1) {
    const day = `${today.slice(0, 8)}${String(d).padStart(2, '0')}`;
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

export const cadence = action({
  access: 'person',
  input: v.strictObject({ accountId: v.optional(postId), unitId: v.optional(postId) }),
  handle: async (params, ctx): Promise<{ accounts: CadenceAccountView[] }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    let accounts: Account[];
    if (params.accountId !== undefined) {
      const account = await loadAccount(params.accountId);
      requirePermission(caller, 'post.cadence', { kind: 'unit', unitId: account.unitId }, tree);
      accounts = [account];
    } else {
      const unitId = params.unitId ?? caller.unitId;
      requirePermission(caller, 'post.cadence', { kind: 'unit', unitId }, tree);
      accounts = await store.find<Account>('accounts', { unitId }, { orderBy: [['_id', 'asc']], limit: 200 });
    }
    const today = beijingDay(ctx.now);
    const counts = await countsFor(
      accounts.map((a) => a._id),
      monthStart(today),
      today,
    );
    const config = cadenceConfig();
    return {
      accounts: accounts.map((account) => {
        const c = counts.get(account._id) ?? new Map<DayString, number>();
        return {
          account: accountView(account, tree),
          status: cadenceStatus(account, c, ctx.now, config),
          days: dayCounts(c, today),
        };
      }),
    };
  },
});

// --- the daily reminder run ---------------------------------------------------------------------

const ACCOUNT_PAGE = 500;

/**
 * A page of 第十九条's candidates (the active institutional accounts) after `after`, through the
 * `facets` index (the province's facet names every account), in (name, _id) order by keyset: the rest
 * of the accounts sharing `after`'s name, then the names beyond. Each request reads what it returns —
 * a skip would read every skipped account again and the personal and closed ones besides (issue 18:
 * 1,036 candidates read 4,590 accounts).
 */
async function candidatePage(candidates: string, after: Account | null): Promise<Account[]> {
  const _ = command();
  const order = {
    orderBy: [
      ['name', 'asc'],
      ['_id', 'asc'],
    ] as [string, 'asc'][],
  };
  if (after === null) return store.find<Account>('accounts', { facets: candidates }, { ...order, limit: ACCOUNT_PAGE });
  const ties = await store.find<Account>(
    'accounts',
    { facets: candidates, name: after.name, _id: _.gt(after._id) },
    { ...order, limit: ACCOUNT_PAGE },
  );
  if (ties.length === ACCOUNT_PAGE) return ties;
  const rest = await store.find<Account>(
    'accounts',
    { facets: candidates, name: _.gt(after.name) },
    { ...order, limit: ACCOUNT_PAGE - ties.length },
  );
  return [...ties, ...rest];
}

export interface CadenceRunReport {
  day: DayString;
  /** Why nothing was read: before the reminder time, or the day's run already done. */
  skipped: 'beforeReminderTime' | 'alreadyDone' | null;
  accounts: number;
  reminders: number;
  /** Notices stored by this run (a repeated run stores none). */
  enqueued: number;
}

interface RunMarker {
  _id: string;
  day: DayString;
  reminders: number;
}

async function draftsOf(reminders: readonly CadenceReminder[]): Promise<NotificationDraft[]> {
  const holders = await resolveRoleHolders(reminders.flatMap((r) => r.notice.to));
  return reminders.flatMap((r) =>
    holders.people(r.notice.to).map(
      (personId): NotificationDraft => ({
        kind: r.notice.kind,
        recipientId: personId,
        title: r.notice.title,
        text: r.notice.text,
        link: r.notice.link,
        subject: r.notice.subject,
        values: r.notice.values,
        dedupeKey: `${r.notice.dedupeKey}:${personId}`,
        escalation: null,
      }),
    ),
  );
}

export async function runCadenceReminders(
  ctx: HandlerContext,
  config: CadenceConfig = cadenceConfig(),
): Promise<CadenceRunReport> {
  const day = beijingDay(ctx.now);
  const report: CadenceRunReport = { day, skipped: null, accounts: 0, reminders: 0, enqueued: 0 };
  const from = beijingTimeOn(day, config.reminderTime);
  if (from === null || ctx.now < from) return { ...report, skipped: 'beforeReminderTime' };
  const markerId = `cadenceRun-${day}`;
  if (await store.get<RunMarker>('counters', markerId)) return { ...report, skipped: 'alreadyDone' };

  const candidates = facet((await loadTree()).root._id, { kind: 'institutional', state: 'active' });
  let after: Account | null = null;
  for (;;) {
    const accounts = await candidatePage(candidates, after);
    after = accounts[accounts.length - 1] ?? after;
    report.accounts += accounts.length;
    // Daily accounts need today only; WeChat service accounts (monthly rule) the month so far.
    const monthly = accounts.filter((a) => a.platform === 'wechatService').map((a) => a._id);
    const daily = accounts.filter((a) => a.platform !== 'wechatService').map((a) => a._id);
    const counts = new Map([
      ...(await countsFor(daily, day, day)),
      ...(await countsFor(monthly, monthStart(day), day)),
    ]);
    const reminders = planCadenceReminders({ accounts, counts, now: ctx.now, config });
    report.reminders += reminders.length;
    report.enqueued += await enqueueDrafts(await draftsOf(reminders), ctx);
    if (accounts.length < ACCOUNT_PAGE) break;
  }
  // The day is done: a later run (every 15 minutes) reads this one document and stops.
  await store.put<RunMarker>('counters', { _id: markerId, day, reminders: report.reminders });
  return report;
}
