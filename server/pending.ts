/**
 * What waits for a person, per kind, for the workbench badges (org.me). Each domain owns its counter;
 * each is one indexed count query, so the workbench costs a handful of requests whatever the data size.
 */
import type { PendingCounts, Person } from '../typings/org';
import type { UnitTree } from '../core/org/tree';
import { store } from './store';

export type PendingCounter = (person: Person, tree: UnitTree) => Promise<number>;

export const pendingCounters: { [K in keyof PendingCounts]: PendingCounter } = {
  approvals: async (person) => store.count('posts', { pendingWith: person._id }),
  referrals: async (person) => store.count('referrals', { handlerIds: person._id, open: true }),
  drafts: async (person) => store.count('posts', { authorId: person._id, state: 'draft' }),
  unreadNotifications: async (person) => store.count('notifications', { recipientId: person._id, read: false }),
};

export async function pendingFor(person: Person, tree: UnitTree): Promise<PendingCounts> {
  const [approvals, referrals, drafts, unreadNotifications] = await Promise.all([
    pendingCounters.approvals(person, tree),
    pendingCounters.referrals(person, tree),
    pendingCounters.drafts(person, tree),
    pendingCounters.unreadNotifications(person, tree),
  ]);
  return { approvals, referrals, drafts, unreadNotifications };
}
