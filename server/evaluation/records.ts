/**
 * Reads the records of one month for a chunk of accounts, through indexes only: each query names the
 * chunk's account ids and the month's range on an indexed time field, so what a run reads follows the
 * records of that month, never the collections' history. Fields are projected to what the facts need.
 *
 * Besides the product's own records: linkage directives (issue 13, 第三十四条) and security incidents and
 * password attestations (issue 15, 第三十三条), each read through the index its domain keeps for this.
 */
import type { DayString } from '../../typings/common';
import type {
  EvaluationAdjustment,
  MonthString,
  Objection,
  OpinionEvent,
  PublishRefusal,
} from '../../typings/evaluation';
import type { Account } from '../../typings/org';
import type { CadenceDay, Post } from '../../typings/post';
import type { Message, Referral } from '../../typings/referral';
import type {
  DirectiveRecord,
  FilingRecord,
  IncidentRecord,
  LateRotationRecord,
  MessageRecord,
  PostRecord,
  ReferralRecord,
  RefusalRecord,
} from '../../core/evaluation/facts';
import type { DirectiveTarget } from '../../typings/linkage';
import type { Incident, SecurityAttestation } from '../../typings/security';
import type { AccountEvent, Filing } from '../../typings/account';
import type { StateChange } from '../../core/evaluation/month';
import { INCIDENT_RULES } from '../../core/security/incidents';
import { toBeijingIso } from '../../core/time';
import { addMonths, monthEnd, monthStart } from '../../core/evaluation/month';
import type { CollectionName } from '../../core/schema';
import { command, store, type Doc, type Filter } from '../store';

const PAGE = 1000;
const FILING_LEAD_MS = 45 * 24 * 60 * 60 * 1000;

/** Ids per query, sized so a typical month's records of a group fit one page. */
const GROUP = { cadenceDays: 30, messages: 50, referrals: 100, posts: 25, directives: 20, small: 100 } as const;

/** Every match of a filter, page by page in _id order (a full page is rare: one busy group). */
async function readAll<T extends Doc>(
  collection: CollectionName,
  filter: Filter,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find<T>(collection, filter, {
      orderBy: [['_id', 'asc']],
      skip,
      limit: PAGE,
      ...(fields ? { fields } : {}),
    });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

async function byGroups<T extends Doc>(
  ids: readonly string[],
  size: number,
  query: (group: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export interface ChunkRecords {
  dayCounts: Map<string, Map<DayString, number>>;
  messages: Map<string, MessageRecord[]>;
  referrals: Map<string, ReferralRecord[]>;
  posts: Map<string, PostRecord[]>;
  refusals: Map<string, RefusalRecord[]>;
  directives: Map<string, DirectiveRecord[]>;
  incidents: Map<string, IncidentRecord[]>;
  lateRotations: Map<string, LateRotationRecord[]>;
  filings: Map<string, FilingRecord[]>;
  adjustments: Map<string, EvaluationAdjustment[]>;
  /** Line ids withdrawn by an upheld objection, per account. */
  withdrawn: Map<string, Set<string>>;
}

export async function readChunk(month: MonthString, accounts: readonly Account[]): Promise<ChunkRecords> {
  const _ = command();
  const ids = accounts.map((a) => a._id);
  const from = toBeijingIso(monthStart(month));
  const to = toBeijingIso(monthEnd(month));
  const firstDay = `${month}-01`;
  const lastDay = `${month}-31`;

  const days = await byGroups(ids, GROUP.cadenceDays, (g) =>
    readAll<CadenceDay>('cadenceDays', { accountId: _.in(g), day: _.and(_.gte(firstDay), _.lte(lastDay)) }),
  );
  const dayCounts = new Map<string, Map<DayString, number>>();
  for (const d of days) {
    const m = dayCounts.get(d.accountId) ?? new Map<DayString, number>();
    m.set(d.day, (m.get(d.day) ?? 0) + new Set(d.postIds).size);
    dayCounts.set(d.accountId, m);
  }

  const messages = await byGroups(ids, GROUP.messages, (g) =>
    readAll<Pick<Message, '_id' | 'accountId' | 'receivedAt' | 'closedAt'>>(
      'messages',
      { accountId: _.in(g), receivedAt: _.and(_.gte(from), _.lte(to)) },
      { accountId: true, receivedAt: true, closedAt: true },
    ),
  );

  const referrals = await byGroups(ids, GROUP.referrals, (g) =>
    readAll<Pick<Referral, '_id' | 'accountId' | 'state' | 'dueAt' | 'answer' | 'departmentName'>>(
      'referrals',
      { accountId: _.in(g), dueAt: _.and(_.gte(from), _.lte(to)) },
      { accountId: true, state: true, dueAt: true, answer: true, departmentName: true },
    ),
  );

  // Posts touched since the month began hold every decision and publication of the month.
  const posts = await byGroups(ids, GROUP.posts, (g) =>
    readAll<Pick<Post, '_id' | 'accountId' | 'content' | 'decisions' | 'publication'>>(
      'posts',
      { accountId: _.in(g), updatedAt: _.gte(from) },
      { accountId: true, 'content.title': true, decisions: true, publication: true },
    ),
  );

  const refusals = await byGroups(ids, GROUP.small, (g) =>
    readAll<PublishRefusal>('publishRefusals', { accountId: _.in(g), at: _.and(_.gte(from), _.lte(to)) }),
  );
  // 第三十四条: the month's linkage directives to these accounts (issue 13, index `month`).
  const targets = await byGroups(ids, GROUP.directives, (g) =>
    readAll<Pick<DirectiveTarget, '_id' | 'accountId' | 'directiveTitle' | 'state' | 'elapsedMs'>>(
      'directiveTargets',
      { month, accountId: _.in(g) },
      { accountId: true, directiveTitle: true, state: true, elapsedMs: true },
    ),
  );
  // 第三十三条: incidents reported in the month and password changes attested in it (issue 15, index `account`).
  const incidents = await byGroups(ids, GROUP.small, (g) =>
    readAll<Pick<Incident, '_id' | 'accountId' | 'kind' | 'happenedAt' | 'reportedAt'>>(
      'incidents',
      { accountId: _.in(g), reportedAt: _.and(_.gte(from), _.lte(to)) },
      { accountId: true, kind: true, happenedAt: true, reportedAt: true },
    ),
  );
  const attestations = await byGroups(ids, GROUP.small, (g) =>
    readAll<Pick<SecurityAttestation, '_id' | 'accountId' | 'kind' | 'changedAt' | 'recordedAt' | 'dueAt' | 'late'>>(
      'securityAttestations',
      { accountId: _.in(g), recordedAt: _.and(_.gte(from), _.lte(to)) },
      { accountId: true, kind: true, changedAt: true, recordedAt: true, dueAt: true, late: true },
    ),
  );
  // 第十四条: filings made up to 45 days before the month ends (index `account`: account + createdAt); those
  // due in the month are the month's (a filing falls due a few working days after its approval).
  const filings = await byGroups(ids, GROUP.small, (g) =>
    readAll<Pick<Filing, '_id' | 'accountId' | 'event' | 'dueAt' | 'filedAt'>>(
      'filings',
      { accountId: _.in(g), createdAt: _.and(_.gte(toBeijingIso(monthStart(month) - FILING_LEAD_MS)), _.lte(to)) },
      { accountId: true, event: true, dueAt: true, filedAt: true },
    ),
  );
  const adjustments = await byGroups(ids, GROUP.small, (g) =>
    readAll<EvaluationAdjustment>('evaluationAdjustments', { month, accountId: _.in(g) }),
  );
  const objections = await byGroups(ids, GROUP.small, (g) =>
    readAll<Objection>('evaluationObjections', { month, accountId: _.in(g) }),
  );

  const withdrawn = new Map<string, Set<string>>();
  for (const o of objections) {
    if (o.state !== 'upheld') continue;
    const set = withdrawn.get(o.accountId) ?? new Set<string>();
    set.add(o.lineId);
    withdrawn.set(o.accountId, set);
  }

  return {
    dayCounts,
    messages: new Map(
      [...groupBy(messages, (m) => m.accountId)].map(([k, list]) => [
        k,
        list.map((m) => ({ id: m._id, receivedAt: m.receivedAt, closedAt: m.closedAt })),
      ]),
    ),
    referrals: new Map(
      [...groupBy(referrals, (r) => r.accountId)].map(([k, list]) => [
        k,
        list.map((r) => ({
          id: r._id,
          departmentName: r.departmentName,
          state: r.state,
          dueAt: r.dueAt,
          answeredAt: r.answer?.answeredAt ?? null,
        })),
      ]),
    ),
    posts: new Map(
      [...groupBy(posts, (p) => p.accountId)].map(([k, list]) => [
        k,
        list.map((p) => ({
          id: p._id,
          title: p.content.title,
          decisions: (p.decisions ?? []).map((d) => ({ kind: d.kind, at: d.at, comment: d.comment })),
          publishedAt: p.publication?.publishedAt ?? null,
        })),
      ]),
    ),
    refusals: new Map(
      [...groupBy(refusals, (r) => r.accountId)].map(([k, list]) => [
        k,
        list.map((r) => ({ id: r._id, postId: r.postId, at: r.at, code: r.code })),
      ]),
    ),
    directives: new Map(
      [
        ...groupBy(
          targets.filter((x) => x.state !== 'withdrawn'),
          (x) => x.accountId,
        ),
      ].map(([k, list]) => [
        k,
        list.map(
          (x): DirectiveRecord => ({
            id: x._id,
            title: x.directiveTitle,
            state: x.state === 'onTime' || x.state === 'late' ? x.state : 'none',
            minutes: x.elapsedMs === null ? null : Math.round(x.elapsedMs / 60_000),
          }),
        ),
      ]),
    ),
    incidents: new Map(
      [...groupBy(incidents, (x) => x.accountId)].map(([k, list]) => [
        k,
        list.map(
          (x): IncidentRecord => ({
            id: x._id,
            kindLabel: INCIDENT_RULES[x.kind]?.label ?? '安全事故',
            happenedAt: x.happenedAt,
            reportedAt: x.reportedAt,
          }),
        ),
      ]),
    ),
    lateRotations: new Map(
      [
        ...groupBy(
          attestations.filter((x) => x.kind === 'passwordChanged' && x.late && x.dueAt !== null),
          (x) => x.accountId,
        ),
      ].map(([k, list]) => [
        k,
        list.map(
          (x): LateRotationRecord => ({
            id: x._id,
            dueAt: x.dueAt ?? x.recordedAt,
            changedAt: x.changedAt ?? x.recordedAt,
            recordedAt: x.recordedAt,
          }),
        ),
      ]),
    ),
    filings: new Map(
      [...groupBy(filings, (x) => x.accountId)].map(([k, list]) => [
        k,
        list.map((x): FilingRecord => ({ id: x._id, event: x.event, dueAt: x.dueAt, filedAt: x.filedAt })),
      ]),
    ),
    adjustments: groupBy(adjustments, (a) => a.accountId),
    withdrawn,
  };
}

/**
 * State changes since the month began of a chunk's accounts (issue 12's `accountEvents`, index `account`:
 * account + time), so the run can tell which accounts were open during the month.
 */
export async function readStateChanges(
  month: MonthString,
  accounts: readonly Account[],
): Promise<Map<string, StateChange[]>> {
  const _ = command();
  const from = toBeijingIso(monthStart(month));
  const changes = await byGroups(
    accounts.map((a) => a._id),
    GROUP.small,
    (g) =>
      readAll<Pick<AccountEvent, '_id' | 'accountId' | 'from' | 'to' | 'at'>>(
        'accountEvents',
        { accountId: _.in(g), at: _.gte(from) },
        { accountId: true, from: true, to: true, at: true },
      ),
  );
  return new Map(
    [...groupBy(changes, (c) => c.accountId)].map(([k, list]) => [
      k,
      list.map((c): StateChange => ({ from: c.from, to: c.to, at: c.at })),
    ]),
  );
}

/** The month's declared public-opinion events (a handful: one page). */
export async function readEvents(month: MonthString): Promise<OpinionEvent[]> {
  // An event declared late last month may last into this one: both months' events, clipped by the facts.
  return store.find<OpinionEvent>(
    'opinionEvents',
    { month: command().in([addMonths(month, -1), month]) },
    { orderBy: [['from', 'asc']], limit: 1000 },
  );
}
