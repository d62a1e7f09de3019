/**
 * Carries out a transition's effects inside its transaction (core/post/README.md): audit entries,
 * notices per person, versions, the cadence day, and the approvals queue.
 */
import type { Account, Person } from '../../typings/org';
import type { ApprovalQueueEntry, CadenceDay, Post, PostEffect } from '../../typings/post';
import type { WaitingTimes } from '../../core/post/waiting';
import { toBeijingIso } from '../../core/time';
import { screeningDigest } from '../../core/post/approvals';
import type { Work } from '../uow';
import type { RoleHolders } from './context';

export interface EffectScope {
  now: number;
  account: Account;
  unitPath: string[];
  holders: RoleHolders;
  /** When a step that starts waiting now reminds its approver, then the leader above (core/post/waiting.ts). */
  waiting?: (sinceMs: number, post: Post) => WaitingTimes;
}

const HOUR = 60 * 60 * 1000;
/** Without a calendar at hand (benchmarks building queues directly): plain hours. */
const plainHours = (sinceMs: number): WaitingTimes => ({
  remindAt: sinceMs + 2 * HOUR,
  escalateAt: sinceMs + 4 * HOUR,
});

async function countPublished(work: Work, e: Extract<PostEffect, { type: 'countPublished' }>): Promise<void> {
  const id = `${e.accountId}:${e.day}`;
  const day = await work.get<CadenceDay>('cadenceDays', id);
  if (!day) {
    await work.put<CadenceDay>('cadenceDays', { _id: id, accountId: e.accountId, day: e.day, postIds: [e.postId] });
  } else if (!day.postIds.includes(e.postId)) {
    await work.put<CadenceDay>('cadenceDays', { ...day, postIds: [...day.postIds, e.postId] });
  }
}

export async function applyEffects(work: Work, effects: readonly PostEffect[], scope: EffectScope): Promise<void> {
  for (const e of effects) {
    switch (e.type) {
      case 'audit':
        work.audit({
          action: e.action,
          object: { collection: 'posts', id: e.postId },
          summary: e.summary,
          unitPath: scope.unitPath,
        });
        break;
      case 'notify':
        for (const personId of scope.holders.people(e.to)) {
          work.notify({
            kind: e.kind,
            recipientId: personId,
            title: e.title,
            text: e.text,
            link: e.link,
            subject: e.subject,
            values: e.values,
            dedupeKey: `${e.dedupeKey}:${personId}`,
            escalation: null,
          });
        }
        break;
      // Publish reminders come from the planner on posts.planned (server/post/planners.ts) at their
      // time: nothing is queued ahead, so there is nothing to cancel when the post changes, and a post
      // approved again for the same time is reminded again only if it was not already.
      case 'schedule':
      case 'unschedule':
        break;
      case 'storeVersion':
        await work.create('postVersions', e.version);
        break;
      case 'countPublished':
        await countPublished(work, e);
        break;
    }
  }
}

// --- approvals queue ----------------------------------------------------------------------------

const entryId = (postId: string, key: string): string => `${postId}|${key}`;

/** What identifies the wait: a new round, step or level rewrites the entries. */
function waitOf(post: Post | null): { id: string; keys: string[] } {
  if (!post || post.state !== 'inReview' || post.stepIndex === null) return { id: '', keys: [] };
  const step = post.chain[post.stepIndex];
  return { id: `${post.round}|${step?.key ?? ''}|${post.level}|${post.version}`, keys: post.pendingWith };
}

/** Keeps `approvalQueue` in step with the post: closes the entries of the wait it left, opens the new ones. */
export async function syncQueue(work: Work, before: Post | null, after: Post, scope: EffectScope): Promise<void> {
  const was = waitOf(before);
  const now = waitOf(after);
  if (was.id === now.id) {
    // Same wait, new rev (or planned time): the entries keep what a decision from the list needs.
    if (before && before.rev === after.rev && before.plannedAt === after.plannedAt) return;
    for (const key of now.keys) {
      const entry = await work.get<ApprovalQueueEntry>('approvalQueue', entryId(after._id, key));
      if (entry?.open)
        await work.put<ApprovalQueueEntry>('approvalQueue', { ...entry, rev: after.rev, plannedAt: after.plannedAt });
    }
    return;
  }
  for (const key of was.keys) {
    if (now.keys.includes(key)) continue;
    const entry = await work.get<ApprovalQueueEntry>('approvalQueue', entryId(after._id, key));
    if (entry?.open) await work.put<ApprovalQueueEntry>('approvalQueue', { ...entry, open: false });
  }
  if (now.keys.length === 0) return;
  const author = await work.get<Person>('people', after.authorId);
  for (const entry of queueEntries(after, scope.account, author?.name ?? '', scope.now, scope.waiting)) {
    await work.put<ApprovalQueueEntry>('approvalQueue', entry);
  }
}

/** The open entries of a post waiting at a step, one per pendingWith key. */
export function queueEntries(
  post: Post,
  account: Account,
  authorName: string,
  now: number,
  waiting: (sinceMs: number, post: Post) => WaitingTimes = plainHours,
): ApprovalQueueEntry[] {
  const step = post.state === 'inReview' && post.stepIndex !== null ? post.chain[post.stepIndex] : undefined;
  if (!step) return [];
  const times = waiting(now, post);
  return post.pendingWith.map((key) => ({
    _id: entryId(post._id, key),
    key,
    postId: post._id,
    open: true,
    round: post.round,
    version: post.version,
    stepKey: step.key,
    stepLabel: step.label,
    level: post.level,
    title: post.content.title,
    accountId: account._id,
    accountName: account.name,
    platform: account.platform,
    authorId: post.authorId,
    authorName,
    submittedAt: post.submittedAt ?? toBeijingIso(now),
    since: toBeijingIso(now),
    unitId: step.unitId,
    remindAt: toBeijingIso(times.remindAt),
    escalateAt: toBeijingIso(times.escalateAt),
    linkageDueAt: post.linkage?.dueAt ?? null,
    rev: post.rev,
    plannedAt: post.plannedAt,
    // a post in review keeps the screening of the version it waits with (content is frozen on submit)
    ...screeningDigest(post.screening),
  }));
}
