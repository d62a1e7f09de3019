/**
 * 第三十九条—第四十二条: the personal accounts registered with a unit (its registry, with the unit's
 * latest mark on each), an officer's own, and the unit's 第四十二条 marks, each kept by month.
 */
import * as v from 'valibot';
import type { AccountMark, MarksPage, RegistryItem, RegistryPage } from '../../typings/account';
import type { Account } from '../../typings/org';
import { accountError } from '../../core/account/errors';
import { markAccount } from '../../core/account/marks';
import { facet } from '../../core/account/matrix';
import { propagandaDeskOf } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { applyEffects } from '../org/effects';
import { store } from '../store';
import { runWork } from '../uow';
import { peopleByIds } from './context';
import { accountState, id, paged, PAGE_DEFAULT, nextOf, rev, text } from './input';
import { registryItem } from './views';

export const registry = action({
  access: 'person',
  input: v.strictObject({ unitId: id, state: v.optional(accountState), ...paged }),
  handle: async (params, ctx): Promise<RegistryPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw accountError('UNIT_UNKNOWN');
    requirePermission(caller, 'account.registry', { kind: 'unit', unitId: params.unitId }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const desk = propagandaDeskOf(params.unitId, tree);
    const [docs, awaiting] = await Promise.all([
      store.find<Account>(
        'accounts',
        { facets: facet(params.unitId, { kind: 'personal', state: params.state }) },
        {
          orderBy: [
            ['name', 'asc'],
            ['_id', 'asc'],
          ],
          skip: offset,
          limit: limit + 1,
        },
      ),
      desk
        ? store.count('accountApplications', { deciderId: desk._id, state: 'pending', type: 'register' })
        : Promise.resolve(0),
    ]);
    const page = docs.slice(0, limit);
    const people = await peopleByIds(page.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
    return {
      items: page.map((a) => registryItem(a, tree, people)),
      nextOffset: nextOf(offset, limit, docs.length),
      awaiting,
    };
  },
});

export const personal = action({
  access: 'person',
  input: v.strictObject({ ...paged }),
  handle: async (params, ctx): Promise<RegistryPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.personal', { kind: 'none' }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const docs = await store.find<Account>(
      'accounts',
      { ownerId: caller._id },
      {
        orderBy: [['_id', 'asc']],
        skip: offset,
        limit: limit + 1,
      },
    );
    const self = new Map([[caller._id, caller]]);
    return {
      items: docs.slice(0, limit).map((a) => registryItem(a, tree, self)),
      nextOffset: nextOf(offset, limit, docs.length),
      awaiting: await store.count('accountApplications', {
        applicantId: caller._id,
        type: 'register',
        state: 'pending',
      }),
    };
  },
});

export const mark = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    expectedRev: rev,
    kind: v.picklist(['support', 'reminder'] as const),
    note: text(500),
  }),
  handle: async (params, ctx): Promise<RegistryItem> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const saved = await runWork(ctx, null, async (work) => {
      const account = await work.get<Account>('accounts', params.accountId);
      if (!account) throw accountError('ACCOUNT_UNKNOWN');
      const grant = requirePermission(caller, 'account.mark', { kind: 'account', account }, tree);
      work.setActor({ person: caller, grant });
      const result = markAccount(
        account,
        { id: ctx.newId(), kind: params.kind, note: params.note },
        {
          now: ctx.now,
          actor: caller,
          tree,
        },
      );
      if (!result.ok) throw result.error;
      if (account.rev !== params.expectedRev) throw commonErrors.conflict();
      await work.put('accounts', result.account);
      await work.create('accountMarks', result.mark);
      applyEffects(work, [result.audit]);
      return result.account;
    });
    return registryItem(saved, tree, await peopleByIds(saved.ownerId ? [saved.ownerId] : []));
  },
});

export const marks = action({
  access: 'person',
  input: v.strictObject({ accountId: id, ...paged }),
  handle: async (params, ctx): Promise<MarksPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await store.get<Account>('accounts', params.accountId);
    if (!account) throw accountError('ACCOUNT_UNKNOWN');
    requirePermission(caller, 'account.marks', { kind: 'account', account }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const docs = await store.find<AccountMark>(
      'accountMarks',
      { accountId: account._id },
      {
        orderBy: [['at', 'desc']],
        skip: offset,
        limit: limit + 1,
      },
    );
    return {
      items: docs.slice(0, limit).map(({ _id, unitPath: _path, ...rest }) => {
        void _path;
        return { id: _id, ...rest };
      }),
      nextOffset: nextOf(offset, limit, docs.length),
    };
  },
});
