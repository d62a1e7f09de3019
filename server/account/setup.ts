/**
 * 第十二条 setup tasks after approval: the accounts a person still has tasks on, one account's tasks,
 * and completing a task (images must be in storage; the name must meet the province's rule).
 */
import * as v from 'valibot';
import type { SetupsPage, SetupView } from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import { platformLabel, SETUP_TASK_LABELS } from '../../core/account/catalogue';
import { accountError } from '../../core/account/errors';
import { nameExamples, namingSubject } from '../../core/account/rules';
import { completeTask as completeTaskOf, openTasks } from '../../core/account/setup';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { applyEffects } from '../org/effects';
import { accountPeopleIds, accountView, unitName } from '../org/views';
import { store } from '../store';
import { runWork } from '../uow';
import { loadRules, peopleByIds } from './context';
import { id, paged, PAGE_DEFAULT, nextOf, rev, taskInput } from './input';
import { fileExists, tempUrls } from './storage';
import { saveAccount } from './sync';

const IMAGE_TASKS = new Set(['avatar', 'background', 'columnPlan']);

const refOf = (a: Account) => ({ ...a, applicantId: a.lifecycle?.applicantId ?? null });

async function setupView(account: Account, tree: UnitTree): Promise<SetupView> {
  const [people, rules] = await Promise.all([peopleByIds(accountPeopleIds(account)), loadRules()]);
  const tasks = account.lifecycle?.tasks ?? [];
  const images = tasks.filter((t) => IMAGE_TASKS.has(t.key) && t.value).map((t) => t.value as string);
  const urls = await tempUrls(images);
  const unit = tree.byId.get(account.unitId);
  const imageUrls: SetupView['imageUrls'] = {};
  for (const t of tasks) {
    const url = t.value ? urls.get(t.value) : undefined;
    if (url && IMAGE_TASKS.has(t.key)) imageUrls[t.key] = url;
  }
  return {
    account: accountView(account, tree, people),
    tasks: tasks.map((t) => ({ ...t, label: SETUP_TASK_LABELS[t.key], article: '第十二条' })),
    nameExamples: unit ? nameExamples(rules.naming, namingSubject(unit, tree)) : [],
    imageUrls,
    approvingDeskName: unitName(account.lifecycle?.approvingDeskId ?? '', tree),
  };
}

/** Approved accounts the person applied for or runs, oldest approval first. */
async function setupAccountsOf(person: Person, upTo: number): Promise<Account[]> {
  const [applied, asA, asB] = await Promise.all([
    store.find<Account>('accounts', { 'lifecycle.applicantId': person._id, state: 'approved' }, { limit: upTo }),
    store.find<Account>('accounts', { operatorA: person._id, state: 'approved' }, { limit: upTo }),
    store.find<Account>('accounts', { operatorB: person._id, state: 'approved' }, { limit: upTo }),
  ]);
  const byId = new Map([...applied, ...asA, ...asB].map((a) => [a._id, a]));
  return [...byId.values()].sort(
    (a, b) =>
      (a.lifecycle?.approvedAt ?? '').localeCompare(b.lifecycle?.approvedAt ?? '') || a._id.localeCompare(b._id),
  );
}

export async function countSetups(person: Person, cap: number): Promise<number> {
  return Math.min(cap, (await setupAccountsOf(person, cap)).length);
}

export const setups = action({
  access: 'person',
  input: v.strictObject({ ...paged }),
  handle: async (params, ctx): Promise<SetupsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.setups', { kind: 'none' }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const all = await setupAccountsOf(caller, offset + limit + 1);
    const page = all.slice(offset, offset + limit);
    return {
      items: page.map((a) => ({
        accountId: a._id,
        name: a.name,
        platformLabel: platformLabel(a.platform),
        unitName: unitName(a.unitId, tree),
        open: openTasks(a).length,
        total: a.lifecycle?.tasks.length ?? 0,
      })),
      nextOffset: nextOf(offset, limit, all.length - offset),
    };
  },
});

export const setup = action({
  access: 'person',
  input: v.strictObject({ accountId: id }),
  handle: async (params, ctx): Promise<SetupView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await store.get<Account>('accounts', params.accountId);
    if (!account) throw accountError('ACCOUNT_UNKNOWN');
    requirePermission(caller, 'account.setup', { kind: 'account', account: refOf(account) }, tree);
    return setupView(account, tree);
  },
});

export const completeTask = action({
  access: 'person',
  input: v.strictObject({ accountId: id, expectedRev: rev, task: taskInput }),
  handle: async (params, ctx): Promise<SetupView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    // 第十二条: an image task is done when the image is in storage, not when a string is sent.
    if ('fileID' in params.task && !(await fileExists(params.task.fileID))) throw accountError('IMAGE_MISSING');
    const rules = await loadRules();
    const saved = await runWork(ctx, null, async (work) => {
      const account = await work.get<Account>('accounts', params.accountId);
      if (!account) throw accountError('ACCOUNT_UNKNOWN');
      const grant = requirePermission(
        caller,
        'account.completeTask',
        { kind: 'account', account: refOf(account) },
        tree,
      );
      work.setActor({ person: caller, grant });
      const result = completeTaskOf(account, params.task, { now: ctx.now, actor: caller, tree, rules });
      if (!result.ok) throw result.error;
      if (account.rev !== params.expectedRev) throw commonErrors.conflict();
      const { value } = result;
      applyEffects(work, value.audits);
      if (!value.account) return account;
      return saveAccount(work, value.account, {
        tree,
        now: ctx.now,
        personId: caller._id,
        applicationId: account.lifecycle?.applicationId ?? null,
        newId: () => ctx.newId(),
      });
    });
    return setupView(saved, tree);
  },
});
