/**
 * What waits for a person, per kind, for the workbench badges (org.me). Each domain owns its counter;
 * each is an indexed query that reads at most BADGE_CAP ids (a badge shows "99+" beyond 99), so the
 * workbench reads a bounded number of documents whatever the data size (issue 18).
 */
import type { PendingCounts, Person, Role } from '../typings/org';
import type { UnitTree } from '../core/org/tree';
import { pendingKeysOfPerson } from '../core/post/chain';
import { accountsOperatedBy } from './linkage/context';
import type { CollectionName } from '../core/schema';
import { command, store, type Filter } from './store';
import { countFilings } from './account/filings';
import { countSetups } from './account/setup';

export type PendingCounter = (person: Person, tree: UnitTree) => Promise<number>;

/** A badge's count stops here: BADGE_CAP means "99+" (miniprogram/pages/home shows it so). */
export const BADGE_CAP = 100;

type CountQuery = [collection: CollectionName, filter: Filter];

/** Several queries summed into one badge, one after another, all of them reading at most BADGE_CAP ids. */
async function countAllUpTo(queries: readonly CountQuery[], cap = BADGE_CAP): Promise<number> {
  let n = 0;
  for (const [collection, filter] of queries) {
    if (n >= cap) break;
    n += await store.countUpTo(collection, filter, cap - n);
  }
  return n;
}

export const pendingCounters: { [K in keyof PendingCounts]: PendingCounter } = {
  // posts.pending: the posts waiting at a step the person holds, by name or by role (core/post).
  approvals: async (person) =>
    store.countUpTo('posts', { pendingWith: command().in(pendingKeysOfPerson(person)) }, BADGE_CAP),
  // referrals.department / .handler / .unit: unsigned in the person's departments, signed by them and
  // still open, and answered ones waiting for the operator's reply (第二十六条, 第二十七条).
  referrals: async (person) => {
    const units = (role: Role): string[] => person.roles.filter((g) => g.role === role).map((g) => g.unitId);
    const [departments, operated] = [units('departmentHandler'), units('operator')];
    const queries: CountQuery[] = [];
    if (departments.length) {
      queries.push(['referrals', { departmentId: command().in(departments), state: 'pending' }]);
      queries.push(['referrals', { handlerId: person._id, state: 'signed' }]);
    }
    if (operated.length) queries.push(['referrals', { unitId: command().in(operated), state: 'answered' }]);
    return countAllUpTo(queries);
  },
  // posts.author: the person's posts not yet (or no longer) on their way to approval.
  drafts: async (person) =>
    store.countUpTo(
      'posts',
      { authorId: person._id, state: command().in(['draft', 'returned', 'withdrawn']) },
      BADGE_CAP,
    ),
  unreadNotifications: async (person) =>
    store.countUpTo('notifications', { recipientId: person._id, read: false }, BADGE_CAP),
  // --- accounts: applications waiting for the person's desks (accountApplications.decider), the setup
  // tasks of accounts they applied for or run (accounts.setupApplicant / operatorA / operatorB), filings
  // their desks must file or acknowledge (filings.filer / .receiver).
  accountDecisions: async (person) => {
    const desks = person.roles.filter((g) => g.role === 'propagandaStaff').map((g) => g.unitId);
    return desks.length
      ? store.countUpTo('accountApplications', { deciderId: command().in(desks), state: 'pending' }, BADGE_CAP)
      : 0;
  },
  accountSetups: async (person) => countSetups(person, BADGE_CAP),
  filings: async (person) => countFilings(person, BADGE_CAP),
  // directiveTargets.account: the accounts the person runs that still owe a linkage response (第三十四条).
  linkage: async (person) => {
    if (!person.roles.some((g) => g.role === 'operator')) return 0;
    const accountIds = (await accountsOperatedBy(person._id)).map((a) => a._id);
    return accountIds.length
      ? store.countUpTo('directiveTargets', { accountId: command().in(accountIds), state: 'pending' }, BADGE_CAP)
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
