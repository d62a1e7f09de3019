/**
 * What every security action loads: the province's policy, the account and its security record (made
 * on first use), and the people the account names. Reads happen here; transactions re-read by id.
 */
import type { Account, Person } from '../../typings/org';
import type { AccountSecurity, SecurityPolicy } from '../../typings/security';
import { DEFAULT_SECURITY_POLICY, POLICY_ID } from '../../core/security/policy';
import {
  credentialHolders,
  enrolSecurity,
  namedPeople,
  type CredentialPeople,
  type SecurityContext,
} from '../../core/security/rotation';
import { securityError } from '../../core/security/errors';
import type { UnitTree } from '../../core/org/tree';
import { command, store, type Store } from '../store';
import type { Work } from '../uow';

export interface PolicyDoc extends SecurityPolicy {
  _id: string;
  rev: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface LoadedPolicy {
  policy: SecurityPolicy;
  rev: number;
  doc: PolicyDoc | null;
}

const policyOf = (doc: PolicyDoc | null): LoadedPolicy => {
  if (!doc) return { policy: DEFAULT_SECURITY_POLICY, rev: 0, doc: null };
  const { _id: _i, rev, updatedAt: _u, updatedBy: _b, ...policy } = doc;
  void _i;
  void _u;
  void _b;
  return { policy: { ...DEFAULT_SECURITY_POLICY, ...policy }, rev, doc };
};

export async function loadPolicy(db: Store = store): Promise<LoadedPolicy> {
  return policyOf(await db.get<PolicyDoc>('securityPolicy', POLICY_ID));
}

export async function loadPolicyIn(work: Work): Promise<LoadedPolicy> {
  return policyOf(await work.get<PolicyDoc>('securityPolicy', POLICY_ID));
}

export function securityContext(now: number, loaded: LoadedPolicy): SecurityContext {
  return { now, policy: loaded.policy, policyRev: loaded.rev };
}

export async function loadAccount(accountId: string, db: Store = store): Promise<Account> {
  const account = await db.get<Account>('accounts', accountId);
  if (!account) throw securityError('ACCOUNT_UNKNOWN');
  return account;
}

export function unitPathOf(unitId: string, tree: UnitTree): string[] {
  return tree.byId.get(unitId)?.path ?? [unitId];
}

/** The people with these ids, by id, in one query. */
export async function peopleById(ids: Iterable<string>, db: Store = store): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await db.find<Person>('people', { _id: command().in(wanted) }, { limit: wanted.length });
  return new Map(found.map((p) => [p._id, p]));
}

/** Who holds the account's credentials now and who it names, with the active flags read in `people`. */
export function credentialPeople(
  account: Account,
  settings: AccountSecurity['settings'],
  people: ReadonlyMap<string, Pick<Person, 'active'>>,
): CredentialPeople {
  return {
    holders: credentialHolders(account, settings, (id) => people.get(id)?.active === true),
    named: namedPeople(account, settings),
  };
}

/** The account's security record, or the one it would get when first seen (rev 0, not stored). */
export async function securityOrNew(
  account: Account,
  tree: UnitTree,
  loaded: LoadedPolicy,
  now: number,
  db: Store = store,
): Promise<AccountSecurity> {
  const stored = await db.get<AccountSecurity>('accountSecurity', account._id);
  if (stored) return stored;
  const people = await peopleById(namedPeople(account, null), db);
  return enrolSecurity(
    account,
    unitPathOf(account.unitId, tree),
    credentialPeople(account, null, people),
    securityContext(now, loaded),
  );
}

/** Inside a transaction: the stored record, or a new one written now. */
export async function securityIn(
  work: Work,
  account: Account,
  tree: UnitTree,
  loaded: LoadedPolicy,
  people: ReadonlyMap<string, Pick<Person, 'active'>>,
  now: number,
): Promise<AccountSecurity> {
  const stored = await work.get<AccountSecurity>('accountSecurity', account._id);
  if (stored) return stored;
  return enrolSecurity(
    account,
    unitPathOf(account.unitId, tree),
    credentialPeople(account, null, people),
    securityContext(now, loaded),
  );
}

export const UNKNOWN_PERSON = '（未知人员）';

export function nameOf(people: ReadonlyMap<string, Pick<Person, 'name'>>, id: string): string {
  return people.get(id)?.name ?? UNKNOWN_PERSON;
}
