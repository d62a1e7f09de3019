/**
 * Accounts that existed before the lifecycle, brought in as "filed before the system" (issue 12): each
 * gets the desk that would have approved it under 第十条 as its approver of record (第十三条 closes
 * through it), its index fields, its name claim, and the matrix totals are computed from all of them.
 * Used by the seed, the benchmarks and the province generator; account.adoptExisting does the same on
 * a live database, a batch per call.
 */
import type { MatrixTotals } from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import type { UnitTree } from '../org/tree';
import { preSystemLifecycle } from './application';
import { isOpenState } from './catalogue';
import { openingDecider, personalDecider } from './deciders';
import { nameClaimId, withIndexFields } from './keys';
import { buildTotals } from './matrix';

export interface ClaimDoc {
  _id: string;
  holder: { collection: 'accountApplications' | 'accounts'; id: string } | null;
  updatedAt: string;
}

export interface Adopted {
  accounts: Account[];
  claims: ClaimDoc[];
  totals: MatrixTotals[];
}

export function adoptAccounts(
  tree: UnitTree,
  people: ReadonlyMap<string, Person>,
  accounts: readonly Account[],
  at: string,
): Adopted {
  const claims = new Map<string, ClaimDoc>();
  const out = accounts.map((account) => {
    const owner = account.ownerId ? people.get(account.ownerId) : undefined;
    const decider =
      account.kind === 'personal' && owner ? personalDecider(owner, tree) : openingDecider(account.unitId, tree);
    const adopted = withIndexFields(
      {
        ...account,
        lifecycle: account.lifecycle ?? preSystemLifecycle(account, decider?.deskId ?? '', at),
      },
      tree,
    );
    const id = nameClaimId(adopted.unitId, adopted.platform, adopted.nameKey ?? '');
    if (isOpenState(adopted.state) && !claims.has(id)) {
      claims.set(id, { _id: id, holder: { collection: 'accounts', id: adopted._id }, updatedAt: at });
    }
    return adopted;
  });
  return { accounts: out, claims: [...claims.values()], totals: buildTotals(tree, out, at) };
}
