import * as v from 'valibot';
import type { Account, AccountsPage, AccountView, Person } from '../../typings/org';
import { setOperators as setOperatorsOf, upsertAccount as upsertAccountOf } from '../../core/org/accounts';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { runWork, type Work } from '../uow';
import { applyEffects } from './effects';
import { mayRegisterPreSystem, preSystemAccount, preSystemGuard, saveAccount, stateGuard } from '../account/sync';
import { accountFields, id, limit, noPasswords, offset, rev, scope } from './input';
import { accountPeopleIds, accountView, pageOf, PAGE_DEFAULT, peopleByIds, unitIdsOf } from './views';

/** Re-reads, inside the transaction, every person an account names: the rules are checked on them. */
async function staffOf(work: Work, ids: readonly string[]): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  for (const personId of new Set(ids)) {
    const person = await work.get<Person>('people', personId);
    if (person) people.set(personId, person);
  }
  return people;
}

async function loadAccount(work: Work, accountId: string): Promise<Account> {
  const account = await work.get<Account>('accounts', accountId);
  if (!account) throw orgError('ACCOUNT_UNKNOWN');
  return account;
}

export const listAccounts = action({
  access: 'person',
  input: v.strictObject({ unitId: id, scope, accountId: v.optional(id), offset, limit }),
  handle: async (params, ctx): Promise<AccountsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw orgError('UNIT_UNKNOWN');
    requirePermission(caller, 'org.listAccounts', { kind: 'unit', unitId: params.unitId }, tree);

    const filter: Filter = { unitId: command().in(unitIdsOf(params.unitId, params.scope ?? 'subtree', tree)) };
    if (params.accountId) filter._id = params.accountId;
    const from = params.offset ?? 0;
    const size = params.limit ?? PAGE_DEFAULT;
    // accounts.unitName: the scope's units in name order, so a page reads its own accounts and no more.
    const found =
      size > 0
        ? await store.find<Account>('accounts', filter, {
            orderBy: [
              ['name', 'asc'],
              ['_id', 'asc'],
            ],
            skip: from,
            limit: size + 1,
          })
        : [];
    const page = pageOf(found, from, size);
    const people = await peopleByIds(page.items.flatMap(accountPeopleIds));
    return {
      items: page.items.map((a) => accountView(a, tree, people)),
      nextOffset: page.nextOffset,
      canRegister: mayRegisterPreSystem(caller, params.unitId, tree),
    };
  },
});

export const upsertAccount = action({
  access: 'person',
  input: noPasswords(v.strictObject({ id: v.nullable(id), expectedRev: rev, account: accountFields })),
  handle: async (params, ctx): Promise<AccountView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const input = params.account;
    if (!tree.byId.has(input.unitId)) throw orgError('UNIT_UNKNOWN');
    return runWork(ctx, null, async (work) => {
      const current = params.id === null ? null : await loadAccount(work, params.id);
      const grant = requirePermission(caller, 'org.upsertAccount', { kind: 'unit', unitId: input.unitId }, tree);
      // Moving an account to another unit changes who answers for it: the editor must reach both.
      if (current && current.unitId !== input.unitId) {
        requirePermission(caller, 'org.upsertAccount', { kind: 'unit', unitId: current.unitId }, tree);
      }
      work.setActor({ person: caller, grant });
      const people = await staffOf(
        work,
        [input.ownerId, input.operatorA, input.operatorB, ...input.reviewerIds].filter((x): x is string => x !== null),
      );
      // 第十条, 第十三条: a new entry is a pre-system account brought in by its approving desk; state
      // changes beyond a pause are the lifecycle's (account.*).
      const owner = input.ownerId === null ? null : (people.get(input.ownerId) ?? null);
      const approvingDeskId = current ? null : preSystemGuard(caller, input, owner, tree);
      if (current) stateGuard(current, input);
      const result = upsertAccountOf(current, input, {
        now: ctx.now,
        expectedRev: params.expectedRev,
        tree,
        people,
        newId: () => ctx.newId(),
      });
      if (!result.ok) throw result.error;
      const next =
        approvingDeskId === null ? result.next : preSystemAccount(result.next, approvingDeskId, result.next.createdAt);
      const saved = await saveAccount(
        work,
        { before: current, after: next, article: '第十条' },
        { tree, now: ctx.now, personId: caller._id, applicationId: null, newId: () => ctx.newId() },
      );
      applyEffects(work, result.effects);
      return accountView(saved, tree, people);
    });
  },
});

export const setOperators = action({
  access: 'person',
  input: v.strictObject({ accountId: id, expectedRev: rev, operatorA: v.nullable(id), operatorB: v.nullable(id) }),
  handle: async (params, ctx): Promise<AccountView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    return runWork(ctx, null, async (work) => {
      const account = await loadAccount(work, params.accountId);
      const grant = requirePermission(caller, 'org.setOperators', { kind: 'account', account }, tree);
      work.setActor({ person: caller, grant });
      const operators = { operatorA: params.operatorA, operatorB: params.operatorB };
      const named = [account.ownerId, operators.operatorA, operators.operatorB, ...account.reviewerIds];
      const people = await staffOf(
        work,
        named.filter((x): x is string => x !== null),
      );
      const result = setOperatorsOf(account, operators, {
        now: ctx.now,
        expectedRev: params.expectedRev,
        tree,
        people,
      });
      if (!result.ok) throw result.error;
      const saved = await saveAccount(
        work,
        { before: account, after: result.next, article: '第十一条' },
        { tree, now: ctx.now, personId: caller._id, applicationId: null, newId: () => ctx.newId() },
      );
      applyEffects(work, result.effects);
      return accountView(saved, tree, people);
    });
  },
});
