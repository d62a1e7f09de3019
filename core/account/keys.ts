/**
 * Ids and index fields derived from data: the same input always gives the same id, so a retried
 * submission finds its first document and a name claim has one place per unit, platform and name.
 * node:crypto's sha256 is pure (same input, same output).
 */
import { createHash } from 'node:crypto';
import type { Account } from '../../typings/org';
import type { UnitTree } from '../org/tree';
import { facetsOf } from './matrix';
import { nameKeyOf } from './rules';

export const stableId = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('|'), 'utf8').digest('hex').slice(0, 32)}`;

/** 第十条: one open account (or pending application) per unit, platform and name. */
export const nameClaimId = (unitId: string, platform: string, nameKey: string): string =>
  stableId('name', unitId, platform, nameKey);

/** One closing application per account at a time. */
export const closeClaimId = (accountId: string): string => `close-${accountId}`;

/** The fields the lists query by: unit path, facets, name key. */
export function withIndexFields(account: Account, tree: UnitTree): Account {
  const unitPath = tree.byId.get(account.unitId)?.path ?? [account.unitId];
  return { ...account, unitPath: [...unitPath], facets: facetsOf(account, unitPath), nameKey: nameKeyOf(account.name) };
}
