/**
 * 第十二条: an approved account is named to the province's rule, real-name verified, and given its
 * avatar, background and column plan before it operates. Each task is attested by the applicant or an
 * operator of the account; the last one makes the account active.
 */
import type { AccountRules, SetupTask, TaskInput } from '../../typings/account';
import type { Account } from '../../typings/org';
import { toBeijingIso } from '../time';
import { platformLabel, SETUP_TASK_LABELS } from './catalogue';
import type { ActorContext, AuditEffect, Result } from './application';
import { accountError } from './errors';
import { namingProblem, namingSubject } from './rules';

export function setupPeople(account: Account): string[] {
  return [account.lifecycle?.applicantId ?? null, account.operatorA, account.operatorB].filter(
    (id): id is string => id !== null,
  );
}

export const openTasks = (account: Account): SetupTask[] => (account.lifecycle?.tasks ?? []).filter((t) => !t.done);

export function completeTask(
  account: Account,
  task: TaskInput,
  ctx: ActorContext & { rules: AccountRules },
): Result<Account> {
  const lifecycle = account.lifecycle;
  if (account.state !== 'approved' || !lifecycle) return { ok: false, error: accountError('NOT_IN_SETUP') };
  if (!setupPeople(account).includes(ctx.actor._id)) return { ok: false, error: accountError('NOT_SETUP_PERSON') };
  const at = toBeijingIso(ctx.now);
  let next: Account = { ...account };
  let value: string;
  switch (task.key) {
    case 'standardName': {
      const unit = ctx.tree.byId.get(account.unitId);
      const name = task.name.trim();
      const problem = unit ? namingProblem(name, ctx.rules.naming, namingSubject(unit, ctx.tree)) : null;
      if (problem) return { ok: false, error: accountError('NAME_NONSTANDARD', `${problem}（第十二条）`) };
      next = { ...next, name };
      value = name;
      break;
    }
    case 'realName': {
      const platformId = task.platformId.trim();
      if (platformId === '') return { ok: false, error: accountError('PLATFORM_ID_REQUIRED') };
      next = { ...next, platformId, realNameVerified: true };
      value = platformId;
      break;
    }
    default:
      value = task.fileID;
  }
  const tasks = lifecycle.tasks.map((t) =>
    t.key === task.key ? { ...t, done: true, value, doneAt: at, doneBy: ctx.actor._id } : t,
  );
  const complete = tasks.every((t) => t.done);
  next = {
    ...next,
    state: complete ? 'active' : 'approved',
    updatedAt: at,
    rev: account.rev + 1,
    lifecycle: {
      ...lifecycle,
      tasks,
      ...(complete ? { activatedAt: at, stateChangedAt: at } : {}),
    },
  };
  const audits: AuditEffect[] = [
    {
      kind: 'audit',
      action: 'account.completeTask',
      object: { collection: 'accounts', id: account._id },
      summary: `${platformLabel(account.platform)}“${next.name}”完成开设任务：${SETUP_TASK_LABELS[task.key]}${complete ? '，开设完成' : ''}`,
      changes: [
        { field: `tasks.${task.key}`, from: null, to: value },
        ...(next.name !== account.name ? [{ field: 'name', from: account.name, to: next.name }] : []),
        ...(complete ? [{ field: 'state', from: account.state, to: next.state }] : []),
      ],
      unitPath: ctx.tree.byId.get(account.unitId)?.path ?? [],
    },
  ];
  return {
    ok: true,
    value: {
      next,
      account: { before: account, after: next, article: '第十二条' },
      filing: null,
      notices: [],
      audits,
    },
  };
}
