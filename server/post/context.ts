/**
 * What every post action loads before it decides: the post, its account, the units its chain runs
 * through, and the people a role recipient stands for. All reads happen here, before the
 * transaction; inside it only the post and its companions are re-read by id.
 */
import type { Account, Person, Role, RoleGrant, Unit } from '../../typings/org';
import type { Post, PostEffect, PostError, Recipient } from '../../typings/post';
import type { PostContext } from '../../core/post';
import { DomainError, commonErrors } from '../../core/errors';
import { postError } from '../../core/post';
import { propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { command, store } from '../store';

export const toDomainError = (error: PostError): DomainError => new DomainError(error.code, error.message);

export const conflict = (): DomainError => toDomainError(postError('CONFLICT'));

export async function loadPost(postId: string): Promise<Post> {
  const post = await store.get<Post>('posts', postId);
  if (!post) throw commonErrors.notFound('稿件');
  return post;
}

export async function loadAccount(accountId: string): Promise<Account> {
  const account = await store.get<Account>('accounts', accountId);
  if (!account) throw toDomainError(postError('ACCOUNT_NOT_FOUND'));
  return account;
}

/**
 * The units `computeChain` needs: the account's unit and its ancestors up to the province, and the
 * propaganda desk of every bureau among them — a handful, not the whole tree.
 */
export function chainUnits(unitId: string, tree: UnitTree): Unit[] {
  const unit = tree.byId.get(unitId);
  if (!unit) return [];
  const out = new Map<string, Unit>();
  for (const id of unit.path) {
    const u = tree.byId.get(id);
    if (!u) continue;
    out.set(u._id, u);
    const desk = propagandaDeskOf(u._id, tree);
    if (desk) out.set(desk._id, desk);
  }
  return [...out.values()];
}

export function unitPathOf(unitId: string, tree: UnitTree): string[] {
  return tree.byId.get(unitId)?.path ?? [unitId];
}

export function postContext(now: number, actor: Person, account: Account | null, tree: UnitTree): PostContext {
  return { now, actor, account, units: account ? chainUnits(account.unitId, tree) : [] };
}

// --- role recipients ----------------------------------------------------------------------------

const roleKey = (role: Role, unitId: string): string => `${role}@${unitId}`;

/** Holders of each (role, unit) a notice is addressed to, found before the transaction. */
export class RoleHolders {
  constructor(private readonly byKey: ReadonlyMap<string, readonly string[]>) {}

  /** The people a recipient list stands for, each once. A role not resolved beforehand means the data moved: CONFLICT. */
  people(to: readonly Recipient[]): string[] {
    const out = new Set<string>();
    for (const r of to) {
      if (r.type === 'person') {
        out.add(r.personId);
        continue;
      }
      const holders = this.byKey.get(roleKey(r.role, r.unitId));
      if (!holders) throw conflict();
      for (const id of holders) out.add(id);
    }
    return [...out];
  }
}

const holds = (grants: readonly RoleGrant[], role: Role, unitId: string): boolean =>
  grants.some((g) => g.role === role && g.unitId === unitId);

/** Every recipient of the notices among these effects. */
export function recipientsOf(effects: readonly PostEffect[]): Recipient[] {
  return effects.flatMap((e) => (e.type === 'notify' || e.type === 'schedule' ? e.to : []));
}

/** The active people holding each role among the recipients (one query per distinct role and unit). */
export async function resolveRoleHolders(recipients: readonly Recipient[]): Promise<RoleHolders> {
  const wanted = new Map<string, { role: Role; unitId: string }>();
  for (const r of recipients)
    if (r.type === 'role') wanted.set(roleKey(r.role, r.unitId), { role: r.role, unitId: r.unitId });
  const byKey = new Map<string, string[]>();
  for (const [key, { role, unitId }] of wanted) {
    const found = await store.find<Person>(
      'people',
      { 'roles.unitId': unitId, 'roles.role': role, active: true },
      { limit: 100 },
    );
    // The two dotted conditions may be met by different grants: keep exact holders only.
    byKey.set(
      key,
      found.filter((p) => holds(p.roles, role, unitId)).map((p) => p._id),
    );
  }
  return new RoleHolders(byKey);
}

/** Names of people by id (one query), for views and queue entries. */
export async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  if (unique.length === 0) return names;
  const found = await store.find<Person>(
    'people',
    { _id: command().in(unique) },
    { limit: unique.length, fields: { name: true } },
  );
  for (const p of found) names.set(p._id, p.name);
  return names;
}
