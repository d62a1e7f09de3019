/**
 * What waits for a person, per kind, for the workbench (org.me). The workbench says whether something
 * waits, not how much: each kind is an indexed query that reads at most one id (a dot on the entry and
 * a line in 待办事项), so the workbench reads a constant number of documents whatever the data size
 * (issue 18). How many is the list page's to show, a page at a time. Each domain owns its query.
 */
import type { PendingWork, Person, Role } from '../typings/org';
import type { UnitTree } from '../core/org/tree';
import { pendingKeysOfPerson } from '../core/post/chain';
import { accountsOperatedBy } from './linkage/context';
import type { CollectionName } from '../core/schema';
import { BADGE_CAP, command, store, type Filter } from './store';
import { countFilings } from './account/filings';
import { countSetups } from './account/setup';

export type PendingProbe = (person: Person, tree: UnitTree) => Promise<boolean>;

export { BADGE_CAP };

type Query = [collection: CollectionName, filter: Filter];

/** Whether any of the queries matches, one after another, each reading at most one id. */
async function anyOf(queries: readonly Query[]): Promise<boolean> {
  for (const [collection, filter] of queries) {
    if ((await store.countUpTo(collection, filter, 1)) > 0) return true;
  }
  return false;
}

export const pendingProbes: { [K in keyof PendingWork]: PendingProbe } = {
  // posts.pending: the posts waiting at a step the person holds, by name or by role (core/post).
  approvals: async (person) => anyOf([['posts', { pendingWith: command().in(pendingKeysOfPerson(person)) }]]),
  // referrals.department / .handler / .unit: unsigned in the person's departments, signed by them and
  // still open, and answered ones waiting for the operator's reply (第二十六条, 第二十七条).
  referrals: async (person) => {
    const units = (role: Role): string[] => person.roles.filter((g) => g.role === role).map((g) => g.unitId);
    const [departments, operated] = [units('departmentHandler'), units('operator')];
    const queries: Query[] = [];
    if (departments.length) {
      queries.push(['referrals', { departmentId: command().in(departments), state: 'pending' }]);
      queries.push(['referrals', { handlerId: person._id, state: 'signed' }]);
    }
    if (operated.length) queries.push(['referrals', { unitId: command().in(operated), state: 'answered' }]);
    return anyOf(queries);
  },
  // posts.author: the person's posts not yet (or no longer) on their way to approval.
  drafts: async (person) =>
    anyOf([['posts', { authorId: person._id, state: command().in(['draft', 'returned', 'withdrawn']) }]]),
  unreadNotifications: async (person) => anyOf([['notifications', { recipientId: person._id, read: false }]]),
  // --- accounts: applications waiting for the person's desks (accountApplications.decider), the setup
  // tasks of accounts they applied for or run (accounts.setupApplicant / operatorA / operatorB), filings
  // their desks must file or acknowledge (filings.filer / .receiver).
  accountDecisions: async (person) => {
    const desks = person.roles.filter((g) => g.role === 'propagandaStaff').map((g) => g.unitId);
    return desks.length > 0 && anyOf([['accountApplications', { deciderId: command().in(desks), state: 'pending' }]]);
  },
  accountSetups: async (person) => (await countSetups(person, 1)) > 0,
  filings: async (person) => (await countFilings(person, 1)) > 0,
  // directiveTargets.account: the accounts the person runs that still owe a linkage response (第三十四条).
  linkage: async (person) => {
    if (!person.roles.some((g) => g.role === 'operator')) return false;
    const accountIds = (await accountsOperatedBy(person._id)).map((a) => a._id);
    return (
      accountIds.length > 0 && anyOf([['directiveTargets', { accountId: command().in(accountIds), state: 'pending' }]])
    );
  },
};

export async function pendingFor(person: Person, tree: UnitTree): Promise<PendingWork> {
  const [approvals, referrals, drafts, unreadNotifications, accountDecisions, accountSetups, filings, linkage] =
    await Promise.all([
      pendingProbes.approvals(person, tree),
      pendingProbes.referrals(person, tree),
      pendingProbes.drafts(person, tree),
      pendingProbes.unreadNotifications(person, tree),
      pendingProbes.accountDecisions(person, tree),
      pendingProbes.accountSetups(person, tree),
      pendingProbes.filings(person, tree),
      pendingProbes.linkage(person, tree),
    ]);
  return { approvals, referrals, drafts, unreadNotifications, accountDecisions, accountSetups, filings, linkage };
}
