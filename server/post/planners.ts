/**
 * Publish reminders (第十九条 planning, 第三十三条 recording): the operators of an approved post are
 * reminded shortly before its planned time, by the every-minute planner run (server/planners.ts) on
 * the posts.planned index (state, plannedAt). Only posts still approved at that time are read, so a
 * post edited, re-planned or already published is never reminded of an old time.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { Account } from '../../typings/org';
import type { Post } from '../../typings/post';
import { operatorsOf } from '../../core/post';
import { defaultPostConfig } from '../../core/post';
import { parseIsoTime } from '../../core/cadence/time';
import { formatBeijing, toBeijingIso } from '../../core/time';
import type { Doc } from '../store';
import type { PlannerContext, ShellPlanner } from '../planners';

const MINUTE = 60_000;
/** A planned time missed while the timer was down is still reminded within this span. */
const LOOKBACK_MS = 6 * 60 * MINUTE;

export interface PublishReminderItem {
  post: Post;
  account: Account;
}

function draftsFor({ post, account }: PublishReminderItem): NotificationDraft[] {
  const planned = post.plannedAt === null ? null : parseIsoTime(post.plannedAt);
  if (planned === null) return [];
  const title = `计划发布：${post.content.title}`;
  return operatorsOf(account).map((personId) => ({
    kind: 'publishReminder',
    recipientId: personId,
    title,
    text: `${account.name} 计划于 ${formatBeijing(planned)} 发布，发布后请登记链接`,
    link: `/pages/post-detail/index?id=${post._id}`,
    subject: { collection: 'posts', id: post._id },
    values: { subject: post.content.title, account: account.name, status: '待发布', dueAt: toBeijingIso(planned) },
    // Same key as core/post's schedule effect: one reminder per post and planned time.
    dedupeKey: `publishReminder:posts/${post._id}:planned-${planned}:${personId}`,
    escalation: null,
  }));
}

export const publishReminders: ShellPlanner<PublishReminderItem> = {
  planner: {
    name: 'postPublishReminder',
    due: {
      collection: 'posts',
      index: 'planned',
      equals: [{ field: 'state', value: 'approved' }],
      dueField: 'plannedAt',
      limit: 100,
    },
    window: (now) => ({
      dueAfter: toBeijingIso(now - LOOKBACK_MS),
      dueBy: toBeijingIso(now + defaultPostConfig.publishReminderLeadMinutes * MINUTE),
    }),
    plan: ({ items }) => items.flatMap(draftsFor),
  },
  async enrich(docs: readonly Doc[], ctx: PlannerContext): Promise<PublishReminderItem[]> {
    const accounts = new Map<string, Account | null>();
    const items: PublishReminderItem[] = [];
    for (const doc of docs as readonly Post[]) {
      if (!accounts.has(doc.accountId))
        accounts.set(doc.accountId, await ctx.store.get<Account>('accounts', doc.accountId));
      const account = accounts.get(doc.accountId);
      if (account && account.state === 'active') items.push({ post: doc, account });
    }
    return items;
  },
};
