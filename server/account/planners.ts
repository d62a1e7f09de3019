/**
 * Reminders of the account lifecycle, run by the timer (server/planners.ts), each reading one indexed
 * window so a run costs what is due:
 * - filingDue: 09:00–09:10 Beijing, filings still to be filed whose deadline is today or past (index
 *   filings.due: state, dueAt) — the filing desk is reminded once a day (第十四条);
 * - filingUnacknowledged: 09:00–09:10, filed ones past their acknowledgement period (index
 *   filings.acknowledge: state, acknowledgeDueAt) — one reminder per receiving desk and day;
 * - accountGaps: Mondays 09:00–09:10, bureaus without a Weibo or a WeChat account (index
 *   matrixTotals.gapSince: gap, gapSince) — each bureau once a week (第九条).
 * Outside their minutes the windows are empty: a run costs one request each that reads nothing.
 */
import type { Filing, MatrixTotals } from '../../typings/account';
import type { NotificationDraft } from '../../typings/notify';
import { FILING_EVENT_LABELS, platformLabel } from '../../core/account/catalogue';
import { draftsOf, linkTo, type Notice } from '../../core/account/notices';
import type { UnitTree } from '../../core/org/tree';
import { beijingDay, beijingDayEnd, beijingParts, toBeijingIso } from '../../core/time';
import type { ShellPlanner } from '../planners';
import { unitName } from '../org/views';
import { deskRecipients } from './context';
import { gapNotice } from './gaps';

const PAGE = 100;
const HOUR_OF_REMINDERS = 9;
const MINUTES = 10;

const inMorningMinutes = (now: number): boolean => {
  const p = beijingParts(now);
  return p.hour === HOUR_OF_REMINDERS && p.minute < MINUTES;
};
const nothing = (now: number) => ({ dueAfter: toBeijingIso(now), dueBy: toBeijingIso(now) });

interface DeskItem<T> {
  doc: T;
  people: string[];
}

async function withDeskStaff<T>(
  docs: readonly T[],
  deskOf: (doc: T) => string | null,
  tree: UnitTree,
): Promise<Array<DeskItem<T>>> {
  const desks = docs.map(deskOf).filter((d): d is string => d !== null);
  const staff = await deskRecipients(desks, tree);
  return docs.map((doc) => ({ doc, people: staff.get(deskOf(doc) ?? '') ?? [] }));
}

function filingDueNotice(f: Filing, now: number): Notice {
  const overdue = Date.parse(f.dueAt) < now;
  const what = `${FILING_EVENT_LABELS[f.event]}：${platformLabel(f.platform)}“${f.accountName}”`;
  return {
    kind: overdue ? 'filingOverdue' : 'filingDue',
    to: [],
    title: overdue ? '账号变更备案已逾期' : '账号变更今日须报备',
    text: `${what}须报上一级政工宣传部门备案（第十四条）`,
    link: linkTo('filing', { id: f._id }),
    subject: { collection: 'filings', id: f._id },
    values: { subject: f.accountName, dueAt: f.dueAt, status: overdue ? '已逾期' : '今日到期', remark: what },
    occasion: beijingDay(now),
  };
}

export const filingDue: ShellPlanner<DeskItem<Filing>> = {
  planner: {
    name: 'filingDue',
    due: {
      collection: 'filings',
      index: 'due',
      equals: [{ field: 'state', value: 'due' }],
      dueField: 'dueAt',
      limit: PAGE,
    },
    window: (now) => (inMorningMinutes(now) ? { dueBy: toBeijingIso(beijingDayEnd(beijingDay(now))) } : nothing(now)),
    plan: ({ now, items }): NotificationDraft[] =>
      items.flatMap((item) => draftsOf(filingDueNotice(item.doc, now), item.people)),
  },
  enrich: async (docs, ctx) =>
    docs.length === 0 ? [] : withDeskStaff(docs as readonly Filing[], (f) => f.filerDeskId, await ctx.tree()),
  // Issue 18 (a run that finds nothing new costs its due keys): a filing is reminded once a day, as due
  // today or as overdue; a second run that morning skips it (no desk staff read, no plan, no dedupe
  // lookup). Staff who join the desk after that day's reminder hear of it the next morning.
  marks: (docs, ctx) =>
    Promise.resolve(
      new Map(
        (docs as readonly Filing[]).map((f) => [f._id, `${filingDueNotice(f, ctx.now).kind}:${beijingDay(ctx.now)}`]),
      ),
    ),
};

interface DeskDigest {
  deskId: string;
  deskName: string;
  filings: Filing[];
  people: string[];
}

export const filingUnacknowledged: ShellPlanner<DeskDigest> = {
  planner: {
    name: 'filingUnacknowledged',
    due: {
      collection: 'filings',
      index: 'acknowledge',
      equals: [{ field: 'state', value: 'filed' }],
      dueField: 'acknowledgeDueAt',
      limit: PAGE,
    },
    window: (now) => (inMorningMinutes(now) ? { dueBy: toBeijingIso(now) } : nothing(now)),
    plan: ({ now, items }): NotificationDraft[] =>
      items.flatMap((d) =>
        draftsOf(
          {
            kind: 'filingUnacknowledged',
            to: [],
            title: '备案待确认',
            text: `${d.filings.length}份账号变更备案超过确认期限尚未确认（第十四条）`,
            link: linkTo('filings', { box: 'received' }),
            subject: { collection: 'units', id: d.deskId },
            values: {
              subject: `${d.deskName}备案待确认`,
              count: d.filings.length,
              status: '待确认',
              dueAt: d.filings[0]?.acknowledgeDueAt ?? undefined,
              remark: `${d.filings.length}份备案待确认`,
            },
            occasion: beijingDay(now),
          },
          d.people,
        ),
      ),
  },
  async enrich(docs, ctx): Promise<DeskDigest[]> {
    if (docs.length === 0) return [];
    const tree: UnitTree = await ctx.tree();
    const byDesk = new Map<string, Filing[]>();
    for (const f of docs as readonly Filing[])
      byDesk.set(f.receiverDeskId, [...(byDesk.get(f.receiverDeskId) ?? []), f]);
    const staff = await deskRecipients([...byDesk.keys()], tree);
    return [...byDesk].map(([deskId, filings]) => ({
      deskId,
      deskName: unitName(deskId, tree),
      filings,
      people: staff.get(deskId) ?? [],
    }));
  },
};

/** ISO week of a Beijing day, for a once-a-week occasion. */
function weekOf(now: number): string {
  const p = beijingParts(now);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - ((p.weekday + 6) % 7)));
  return `week${monday.toISOString().slice(0, 10)}`;
}

interface GapItem {
  notice: Notice | null;
  people: string[];
}

export const accountGaps: ShellPlanner<GapItem> = {
  planner: {
    name: 'accountGaps',
    due: {
      collection: 'matrixTotals',
      index: 'gapSince',
      equals: [{ field: 'gap', value: true }],
      dueField: 'gapSince',
      limit: PAGE,
    },
    window: (now) =>
      inMorningMinutes(now) && beijingParts(now).weekday === 1 ? { dueBy: toBeijingIso(now) } : nothing(now),
    plan: ({ items }): NotificationDraft[] => items.flatMap((i) => (i.notice ? draftsOf(i.notice, i.people) : [])),
  },
  async enrich(docs, ctx): Promise<GapItem[]> {
    if (docs.length === 0) return [];
    const tree = await ctx.tree();
    const notices = (docs as readonly MatrixTotals[]).map((d) => gapNotice(d, tree, weekOf(ctx.now)));
    const desks = notices.flatMap((n) => n?.to.flatMap((t) => ('desk' in t ? [t.desk] : [])) ?? []);
    const staff = await deskRecipients(desks, tree);
    return notices.map((notice) => ({
      notice,
      people: notice?.to.flatMap((t) => ('desk' in t ? (staff.get(t.desk) ?? []) : [t.person])) ?? [],
    }));
  },
};
