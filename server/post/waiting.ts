/**
 * Waiting-step reminders (issue 16): a post that waits at a step past its threshold reminds the
 * step's approver (at the queue entry's `remindAt`), then the leader above (at `escalateAt`). The
 * times were set when the step began to wait (server/post/approvals.ts `waitingFor`: working hours
 * on the working-day calendar, a linkage response's own shorter span). Both planners read only due,
 * still open entries (indexes approvalQueue.remind / .escalate); each reminder has one dedupe key
 * per step, wait and person, so overlapping runs send it once.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { Person } from '../../typings/org';
import type { ApprovalQueueEntry } from '../../typings/post';
import { bureauOf, superiorBureauOf, type UnitTree } from '../../core/org/tree';
import { formatBeijing, toBeijingIso } from '../../core/time';
import { shortTime } from '../../core/linkage/directive';
import type { Doc } from '../store';
import type { PlannerContext, ShellPlanner } from '../planners';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** A reminder missed while the timer was down is still sent within this span. */
const LOOKBACK_MS = 24 * HOUR;

export interface WaitingItem {
  entry: ApprovalQueueEntry;
  /** Who is reminded: the key's people (approver), or the leader above (escalation). */
  recipients: string[];
}

const link = (e: ApprovalQueueEntry): `/pages/${string}` => `/pages/post-detail/index?id=${e.postId}`;
/** One wait: the same step of the same round at the same level and version. */
const waitKey = (e: ApprovalQueueEntry): string => `r${e.round}-${e.stepKey}-${e.level}-v${e.version}`;

/** The people a queue key stands for: `person:<id>`, or the active holders of `role:<role>@<unit>`. */
async function peopleOfKey(key: string, ctx: PlannerContext): Promise<string[]> {
  if (key.startsWith('person:')) return [key.slice('person:'.length)];
  const m = /^role:(\w+)@(.+)$/.exec(key);
  if (!m) return [];
  const [, role = '', unitId = ''] = m;
  const found = await ctx.store.find<Person>(
    'people',
    { 'roles.unitId': unitId, 'roles.role': role, active: true },
    { limit: 100, fields: { roles: true } },
  );
  return found.filter((p) => p.roles.some((g) => g.role === role && g.unitId === unitId)).map((p) => p._id);
}

/**
 * 第二十九条: the leader who answers for the step's bureau — its responsible leader, else its
 * leaders; when they are the ones waiting, the superior bureau's.
 */
async function leadersAbove(
  entry: ApprovalQueueEntry,
  waiting: readonly string[],
  ctx: PlannerContext,
): Promise<string[]> {
  const tree: UnitTree = await ctx.tree();
  const candidates = [bureauOf(entry.unitId, tree), superiorBureauOf(entry.unitId, tree)];
  for (const bureau of candidates) {
    if (!bureau) continue;
    const named = bureau.responsibility.leaderId ? [bureau.responsibility.leaderId] : [];
    const leaders = named.length > 0 ? named : await peopleOfKey(`role:leader@${bureau._id}`, ctx);
    const others = leaders.filter((p) => !waiting.includes(p));
    if (others.length > 0) return others;
  }
  return [];
}

/** How long the step has waited, in minutes below the hour (a linkage response is reminded within minutes). */
function waitedFor(sinceMs: number, now: number): string {
  const minutes = Math.max(1, Math.floor((now - sinceMs) / MINUTE));
  return minutes < 60 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时`;
}

function waitedText(e: ApprovalQueueEntry, now: number): string {
  const since = Date.parse(e.since);
  const text = `${e.accountName}｜${e.stepLabel}｜${formatBeijing(since)} 起已等待约 ${waitedFor(since, now)}`;
  // 第三十四条: a linkage response says the deadline its directive set.
  return e.linkageDueAt ? `${text}｜联动响应，须于 ${shortTime(e.linkageDueAt, now)} 前发布` : text;
}

function remindDrafts(item: WaitingItem, now: number): NotificationDraft[] {
  const e = item.entry;
  return item.recipients.map((personId) => ({
    kind: 'approvalWaiting',
    recipientId: personId,
    title: `待处理超时：${e.title}`,
    text: waitedText(e, now),
    link: link(e),
    subject: { collection: 'posts', id: e.postId },
    values: { subject: e.title, actor: e.authorName, eventAt: e.since, status: e.stepLabel },
    dedupeKey: `approvalWaiting:posts/${e.postId}:${waitKey(e)}:${personId}`,
    escalation: null,
  }));
}

function escalateDrafts(item: WaitingItem, now: number): NotificationDraft[] {
  const e = item.entry;
  return item.recipients.map((personId) => ({
    kind: 'approvalOverdue',
    recipientId: personId,
    title: `审批滞留：${e.title}`,
    text: `${waitedText(e, now)}，请督促处理（第二十九条）`,
    link: link(e),
    subject: { collection: 'posts', id: e.postId },
    values: { subject: e.title, actor: e.stepLabel, dueAt: e.escalateAt },
    dedupeKey: `approvalOverdue:posts/${e.postId}:${waitKey(e)}:${personId}`,
    escalation: null,
  }));
}

const asEntries = (docs: readonly Doc[]): ApprovalQueueEntry[] => docs as unknown as ApprovalQueueEntry[];

/**
 * Issue 18 (a run that finds nothing new costs its due keys): an entry is reminded once per wait and
 * stage, so its mark is the stage and the wait (a new round, step, level or version is a new wait, and
 * rewrites the entry). A run that finds the mark skips the entry: no holders or leaders read, no plan,
 * no dedupe lookup. Someone who came to hold the role after the reminder went out is not reminded of
 * that same wait again.
 */
const waitMarks =
  (stage: string) =>
  (docs: readonly Doc[]): Promise<ReadonlyMap<string, string>> =>
    Promise.resolve(new Map(asEntries(docs).map((e) => [e._id, `${stage}:${waitKey(e)}`])));

export const approvalWaitingReminders: ShellPlanner<WaitingItem> = {
  planner: {
    name: 'approvalWaiting',
    due: {
      collection: 'approvalQueue',
      index: 'remind',
      equals: [{ field: 'open', value: true }],
      dueField: 'remindAt',
      limit: 100,
    },
    window: (now) => ({ dueAfter: toBeijingIso(now - LOOKBACK_MS), dueBy: toBeijingIso(now) }),
    plan: ({ now, items }) => items.flatMap((item) => remindDrafts(item, now)),
  },
  marks: waitMarks('remind'),
  async enrich(docs, ctx) {
    const items: WaitingItem[] = [];
    for (const entry of asEntries(docs)) items.push({ entry, recipients: await peopleOfKey(entry.key, ctx) });
    return items;
  },
};

export const approvalEscalations: ShellPlanner<WaitingItem> = {
  planner: {
    name: 'approvalEscalation',
    due: {
      collection: 'approvalQueue',
      index: 'escalate',
      equals: [{ field: 'open', value: true }],
      dueField: 'escalateAt',
      limit: 100,
    },
    window: (now) => ({ dueAfter: toBeijingIso(now - LOOKBACK_MS), dueBy: toBeijingIso(now) }),
    plan: ({ now, items }) => items.flatMap((item) => escalateDrafts(item, now)),
  },
  marks: waitMarks('escalate'),
  async enrich(docs, ctx) {
    const items: WaitingItem[] = [];
    for (const entry of asEntries(docs)) {
      const waiting = await peopleOfKey(entry.key, ctx);
      items.push({ entry, recipients: await leadersAbove(entry, waiting, ctx) });
    }
    return items;
  },
};
