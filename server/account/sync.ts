/**
 * Every write of an account goes through `saveAccount`, inside the writer's transaction: the fields the
 * lists query by (unit path, facets, name key), the name claim that keeps one account per unit, platform
 * and name (第十条), the matrix totals of every unit above it, and — when its state changed — the event
 * the monthly evaluation reads. The org's own account actions call it too, so the roster and the matrix
 * never disagree.
 */
import type { AccountEvent, MatrixTotals } from '../../typings/account';
import type { Account, AccountFields, Person } from '../../typings/org';
import type { AccountChange } from '../../core/account/application';
import type { ClaimDoc } from '../../core/account/adopt';
import { isOpenState } from '../../core/account/catalogue';
import { openingDecider, personalDecider } from '../../core/account/deciders';
import { accountError } from '../../core/account/errors';
import { applyTotals } from '../../core/account/matrix';
import { closeClaimId, nameClaimId, withIndexFields } from '../../core/account/keys';
import { monthOf } from '../../core/account/marks';
import { nameKeyOf } from '../../core/account/rules';
import { preSystemLifecycle } from '../../core/account/application';
import { inScope, type UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import type { Work } from '../uow';

export type NameClaim = ClaimDoc;

export { closeClaimId, nameClaimId, withIndexFields };

/** Whether a claim is held by something still alive other than `mine` (a stale claim is free). */
export async function claimTaken(work: Work, claimId: string, mine: NameClaim['holder']): Promise<boolean> {
  const claim = await work.get<NameClaim>('accountNames', claimId);
  const holder = claim?.holder;
  if (!holder || (mine && holder.collection === mine.collection && holder.id === mine.id)) return false;
  if (holder.collection === 'accountApplications') {
    const app = await work.get<{ _id: string; state: string }>('accountApplications', holder.id);
    return app !== null && (app.state === 'pending' || app.state === 'returned');
  }
  const account = await work.get<Account>('accounts', holder.id);
  return account !== null && isOpenState(account.state);
}

export async function putClaim(work: Work, claimId: string, holder: NameClaim['holder'], at: string): Promise<void> {
  await work.put<NameClaim>('accountNames', { _id: claimId, holder, updatedAt: at });
}

/** Claims the name for `holder`, or refuses as a duplicate (第十条). */
export async function claimName(
  work: Work,
  key: { unitId: string; platform: string; name: string },
  holder: NonNullable<NameClaim['holder']>,
  at: string,
): Promise<void> {
  const id = nameClaimId(key.unitId, key.platform, nameKeyOf(key.name));
  if (await claimTaken(work, id, holder)) throw accountError('DUPLICATE_ACCOUNT');
  await putClaim(work, id, holder, at);
}

export async function releaseName(
  work: Work,
  key: { unitId: string; platform: string; name: string },
  holder: NonNullable<NameClaim['holder']>,
  at: string,
): Promise<void> {
  const id = nameClaimId(key.unitId, key.platform, nameKeyOf(key.name));
  const claim = await work.get<NameClaim>('accountNames', id);
  if (claim?.holder?.collection === holder.collection && claim.holder.id === holder.id) {
    await putClaim(work, id, null, at);
  }
}

export interface SaveContext {
  tree: UnitTree;
  now: number;
  personId: string | null;
  applicationId: string | null;
  newId: () => string;
}

/**
 * Writes the account (new or changed) with everything kept in step with it. The account's own rev
 * check is the caller's (it loaded the account in this transaction).
 */
export async function saveAccount(work: Work, change: AccountChange, ctx: SaveContext): Promise<Account> {
  const { before } = change;
  const at = toBeijingIso(ctx.now);
  const after = withIndexFields(change.after, ctx.tree);
  const holder = { collection: 'accounts' as const, id: after._id };
  const keyOf = (a: Account) => ({ unitId: a.unitId, platform: a.platform, name: a.name });
  const sameName =
    before !== null &&
    nameKeyOf(before.name) === after.nameKey &&
    before.unitId === after.unitId &&
    before.platform === after.platform;
  if (isOpenState(after.state)) {
    if (!sameName || (before !== null && !isOpenState(before.state))) await claimName(work, keyOf(after), holder, at);
  }
  if (before && isOpenState(before.state) && (!sameName || !isOpenState(after.state))) {
    await releaseName(work, keyOf(before), holder, at);
  }

  // The matrix: the totals of every unit on the old and the new path.
  const paths = new Set([...(before ? (ctx.tree.byId.get(before.unitId)?.path ?? []) : []), ...(after.unitPath ?? [])]);
  const docs = new Map<string, MatrixTotals | null>();
  for (const unitId of paths) docs.set(unitId, await work.get<MatrixTotals>('matrixTotals', unitId));
  const counted = (a: Account | null) =>
    a ? { unitId: a.unitId, platform: a.platform, kind: a.kind, state: a.state } : null;
  for (const doc of applyTotals(docs, counted(before), counted(after), ctx.tree, at))
    await work.put('matrixTotals', doc);

  if (!before || before.state !== after.state) {
    const event: AccountEvent = {
      _id: ctx.newId(),
      accountId: after._id,
      accountName: after.name,
      unitId: after.unitId,
      unitPath: after.unitPath ?? [],
      kind: after.kind,
      platform: after.platform,
      from: before?.state ?? null,
      to: after.state,
      article: change.article,
      applicationId: ctx.applicationId,
      personId: ctx.personId,
      at,
      month: monthOf(ctx.now),
    };
    await work.put('accountEvents', event);
  }
  await work.put('accounts', after);
  return after;
}

// ---- The org's account actions (org.upsertAccount) --------------------------------------------------

/** The desk that approves (or would have approved) an account of this unit and owner (第十条, 第三十九条). */
export function approverOf(fields: Pick<AccountFields, 'unitId' | 'kind'>, owner: Person | null, tree: UnitTree) {
  return fields.kind === 'personal' && owner ? personalDecider(owner, tree) : openingDecider(fields.unitId, tree);
}

/** The caller works at this propaganda desk or one above it. */
function coversDesk(caller: Person, deskId: string, tree: UnitTree): boolean {
  return caller.roles.some((g) => g.role === 'propagandaStaff' && inScope(g.unitId, deskId, tree));
}

/**
 * Whether the caller may bring a unit's institutional account from before the system into its roster
 * (the preSystemGuard below, asked before any form is filled): the roster shows 登记存量账号 on it.
 */
export function mayRegisterPreSystem(caller: Person, unitId: string, tree: UnitTree): boolean {
  const decider = approverOf({ unitId, kind: 'institutional' }, null, tree);
  return decider !== null && coversDesk(caller, decider.deskId, tree);
}

/**
 * 第十条: no account exists without approval. Registering one in the roster is bringing in an account
 * opened before the system, which only the desk that would have approved it (or a desk above) may do.
 */
export function preSystemGuard(caller: Person, fields: AccountFields, owner: Person | null, tree: UnitTree): string {
  const decider = approverOf(fields, owner, tree);
  if (!decider) throw accountError('NO_DECIDER');
  if (!coversDesk(caller, decider.deskId, tree)) throw accountError('APPLICATION_REQUIRED');
  if (fields.state !== 'active' && fields.state !== 'suspended') throw accountError('STATE_BY_LIFECYCLE');
  return decider.deskId;
}

/** An edit may pause and resume an account; opening, activation and closing are the lifecycle's. */
export function stateGuard(current: Account, next: AccountFields): void {
  if (current.state === next.state) return;
  const pausable = ['active', 'suspended'];
  if (!pausable.includes(current.state) || !pausable.includes(next.state)) throw accountError('STATE_BY_LIFECYCLE');
}

export function preSystemAccount(account: Account, approvingDeskId: string, at: string): Account {
  return { ...account, lifecycle: account.lifecycle ?? preSystemLifecycle(account, approvingDeskId, at) };
}
