/**
 * What waits for a person, per kind, for the workbench badges (org.me). Each domain owns its counter;
 * each is one indexed count query, so the workbench costs a handful of requests whatever the data size.
 */
import type { PendingCounts, Person, Role } from '../typings/org';
import type { UnitTree } from '../core/org/tree';
import { pendingKeysOfPerson } from '../core/post/chain';
import { accountsOperatedBy } from './linkage/context';
import { command, store } from './store';
import { countFilings } from './account/filings';
import { countSetups } from './account/setup';

export type PendingCounter = (person: Person, tree: UnitTree) => Promise<number>;

export const pendingCounters: { [K in keyof PendingCounts]: PendingCounter } = {
  // posts.pending: the posts waiting at a step the person holds, by name or by role (core/post).
  approvals: async (person) => store.count('posts', { pendingWith: command().in(pendingKeysOfPerson(person)) }),
  // referrals.department / .handler / .unit: unsigned in the person's departments, signed by them and
  // still open, and answered ones waiting for the operator's reply (第二十六条, 第二十七条).
  referrals: async (person) => {
    const units = (role: Role): string[] => person.roles.filter((g) => g.role === role).map((g) => g.unitId);
    const [departments, operated] = [units('departmentHandler'), units('operator')];
    const counts = await Promise.all([
      departments.length ? store.count('referrals', { departmentId: command().in(departments), state: 'pending' }) : 0,
      departments.length ? store.count('referrals', { handlerId: person._id, state: 'signed' }) : 0,
      operated.length ? store.count('referrals', { unitId: command().in(operated), state: 'answered' }) : 0,
    ]);
    return counts.reduce((a, b) => a + b, 0);
  },
  // posts.author: the person's posts not yet (or no longer) on their way to approval.
  drafts: async (person) =>
    store.count('posts', { authorId: person._id, state: command().in(['draft', 'returned', 'withdrawn']) }),
  unreadNotifications: async (person) => store.count('notifications', { recipientId: person._id, read: false }),
  // --- accounts: applications waiting for the person's desks (accountApplications.decider), the setup
  // tasks of accounts they applied for or run (accounts.setupApplicant / operatorA / operatorB), filings
  // their desks must file or acknowledge (filings.filer / .receiver).
  accountDecisions: async (person) => {
    const desks = person.roles.filter((g) => g.role === 'propagandaStaff').map((g) => g.unitId);
    return desks.length ? store.count('accountApplications', { deciderId: command().in(desks), state: 'pending' }) : 0;
  },
  accountSetups: async (person) => countSetups(person),
  filings: async (person) => countFilings(person),
  // directiveTargets.account: the accounts the person runs that still owe a linkage response (第三十四条).
  linkage: async (person) => {
    if (!person.roles.some((g) => g.role === 'operator')) return 0;
    const accountIds = (await accountsOperatedBy(person._id)).map((a) => a._id);
    return accountIds.length
      ? store.count('directiveTargets', { accountId: command().in(accountIds), state: 'pending' })
      : 0;
  },
};

export async function pendingFor(person: Person, tree: UnitTree): Promise<PendingCounts> {
  const [approvals, referrals, drafts, unreadNotifications, accountDecisions, accountSetups, filings, linkage] =
    await Promise.all([
      pendingCounters.approvals(person, tree),
      pendingCounters.referrals(person, tree),
      pendingCounters.drafts(person, tree),
      pendingCounters.unreadNotifications(person, tree),
      pendingCounters.accountDecisions(person, tree),
      pendingCounters.accountSetups(person, tree),
      pendingCounters.filings(person, tree),
      pendingCounters.linkage(person, tree),
    ]);
  return { approvals, referrals, drafts, unreadNotifications, accountDecisions, accountSetups, filings, linkage };
}
