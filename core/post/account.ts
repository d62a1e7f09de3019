import type { Account } from '../../typings/org';

/** Who publishes for the account: its A and B operators (the owner, for a personal account). */
export function operatorsOf(account: Account): string[] {
  const ids = [account.operatorA, account.operatorB, account.kind === 'personal' ? account.ownerId : null];
  return ids.filter((id, i): id is string => id !== null && ids.indexOf(id) === i);
}
