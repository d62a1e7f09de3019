/**
 * The catalogue and the province's rules (第七条, 第十二条, 第十四条), and bringing in the accounts that
 * existed before the lifecycle: each gets its approving desk of record (the one 第十条 names), its index
 * fields and its name claim, and the matrix totals are rebuilt from every account once all are in.
 */
import * as v from 'valibot';
import type { AccountRules, AdoptResult, CatalogueView } from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import { PLATFORM_CATALOGUE } from '../../core/account/catalogue';
import { accountError } from '../../core/account/errors';
import { buildTotals } from '../../core/account/matrix';
import { checkRules } from '../../core/account/rules';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { listCursor } from '../schemas';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store } from '../store';
import { runWork } from '../uow';
import { loadRules, peopleByIds, RULES_ID, type RulesDoc } from './context';
import { rev, rulesInput } from './input';
import { approverOf, claimTaken, nameClaimId, preSystemAccount, putClaim, withIndexFields } from './sync';
import { rebuildReach } from '../linkage/reach';

export const catalogue = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<CatalogueView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.catalogue', { kind: 'none' }, tree);
    return { platforms: [...PLATFORM_CATALOGUE], rules: await loadRules() };
  },
});

export const setRules = action({
  access: 'person',
  input: v.strictObject({ expectedRev: rev, rules: rulesInput }),
  handle: async (params, ctx): Promise<AccountRules> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'account.setRules', { kind: 'none' }, tree);
    const problem = checkRules(params.rules);
    if (problem) throw problem;
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await work.get<RulesDoc>('accountRules', RULES_ID);
      if ((current?.rev ?? 0) !== params.expectedRev) throw commonErrors.conflict();
      const next: RulesDoc = {
        _id: RULES_ID,
        ...params.rules,
        rev: params.expectedRev + 1,
        updatedAt: toBeijingIso(ctx.now),
        updatedBy: caller._id,
      };
      await work.put('accountRules', next);
      work.audit({
        action: 'account.setRules',
        object: { collection: 'accountRules', id: RULES_ID },
        summary: `修改账号命名规范与备案期限（备案${next.filingWorkingDays}个工作日，确认提醒${next.acknowledgeWorkingDays}个工作日）`,
        changes: [
          { field: 'filingWorkingDays', from: current?.filingWorkingDays ?? null, to: next.filingWorkingDays },
          {
            field: 'acknowledgeWorkingDays',
            from: current?.acknowledgeWorkingDays ?? null,
            to: next.acknowledgeWorkingDays,
          },
          { field: 'naming.patterns', from: current?.naming.patterns.length ?? null, to: next.naming.patterns.length },
        ],
        unitPath: [tree.root._id],
      });
      const { _id: _omit, ...rules } = next;
      void _omit;
      return rules;
    });
  },
});

const ADOPT_BATCH = 200;
const ADOPT_TX = 20;
const TOTALS_PAGE = 1000;

export const adoptExisting = action({
  access: 'person',
  // The shared cursor bound (server/schemas.ts, issue 11): a resume point, an account _id.
  input: v.strictObject({ cursor: listCursor }),
  handle: async (params, ctx): Promise<AdoptResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'account.adoptExisting', { kind: 'none' }, tree);
    const filter = params.cursor ? { _id: command().gt(params.cursor) } : {};
    const batch = await store.find<Account>('accounts', filter, { orderBy: [['_id', 'asc']], limit: ADOPT_BATCH });
    const todo = batch.filter((a) => !a.lifecycle || !a.facets || !a.unitPath || !a.nameKey);
    const owners = await peopleByIds(todo.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
    const at = toBeijingIso(ctx.now);
    let adopted = 0;
    for (let i = 0; i < todo.length; i += ADOPT_TX) {
      const chunk = todo.slice(i, i + ADOPT_TX);
      adopted += await runWork(ctx, { person: caller, grant }, async (work) => {
        let n = 0;
        for (const loaded of chunk) {
          const account = await work.get<Account>('accounts', loaded._id);
          if (!account) continue;
          const owner: Person | null = account.ownerId ? (owners.get(account.ownerId) ?? null) : null;
          const decider = approverOf(account, owner, tree);
          if (!decider) throw accountError('NO_DECIDER');
          const next = withIndexFields(preSystemAccount(account, decider.deskId, at), tree);
          const claim = nameClaimId(next.unitId, next.platform, next.nameKey ?? '');
          // Two old accounts of one name stay as they are; only the first holds the claim.
          if (!(await claimTaken(work, claim, { collection: 'accounts', id: next._id }))) {
            await putClaim(work, claim, { collection: 'accounts', id: next._id }, at);
          }
          await work.put('accounts', next);
          work.audit({
            action: 'account.adoptExisting',
            object: { collection: 'accounts', id: next._id },
            summary: `登记为系统前已开设账号：${next.name}（审批部门${tree.byId.get(decider.deskId)?.name ?? decider.deskId}）`,
            changes: [],
            unitPath: next.unitPath ?? [],
          });
          n++;
        }
        return n;
      });
    }
    const last = batch.length < ADOPT_BATCH;
    const result: AdoptResult = {
      adopted,
      scanned: batch.length,
      nextCursor: last ? null : (batch[batch.length - 1]?._id ?? null),
      totals: null,
    };
    if (last) {
      const all: Account[] = [];
      for (let skip = 0; ; skip += TOTALS_PAGE) {
        const page = await store.find<Account>(
          'accounts',
          {},
          {
            orderBy: [['_id', 'asc']],
            skip,
            limit: TOTALS_PAGE,
            fields: {
              unitId: true,
              platform: true,
              kind: true,
              state: true,
              operatorA: true,
              operatorB: true,
              ownerId: true,
            },
          },
        );
        all.push(...page);
        if (page.length < TOTALS_PAGE) break;
      }
      const docs = buildTotals(tree, all, at);
      for (const doc of docs) await store.put('matrixTotals', doc);
      // The linkage preview's counters from the same accounts (core/linkage/reach.ts, issue 18).
      await rebuildReach(tree, all, at);
      result.totals = { units: docs.length, accounts: all.length };
    }
    return result;
  },
});
