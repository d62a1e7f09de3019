/**
 * Reminders of the security timer.
 *
 * Rotation (第三十三条, 第二十九条): reads only the accounts whose next reminder has come (index remind:
 * tracked, remindAt ≤ now), sends the latest stage due — operators before the due day and when
 * overdue, then the unit's responsible person too — and moves `remindAt` to the next stage in the same
 * transaction as the notices, on the revision it read. An overlapping run loses the revision check and
 * sends nothing; the dedupe keys stop a repeat in any case.
 *
 * Training (第三十五条): on the days the province names, the accounts are walked once (a cursor kept
 * per day) and whoever runs or reviews one while short of the year's hours is reminded, with the
 * responsible person of their unit.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { Account, Person } from '../../typings/org';
import type { AccountSecurity, RotationStage, SecurityPolicy } from '../../typings/security';
import { afterReminder, dueStage, isTracked, withSchedule, type StageAt } from '../../core/security/rotation';
import { accountStaff, hoursInYear } from '../../core/training/training';
import { operatorsOf } from '../../core/post/account';
import { escalationTargets, type UnitTree } from '../../core/org/tree';
import { deepLink } from '../../core/notify/message';
import { parseIsoTime } from '../../core/cadence/time';
import { beijingDay, formatBeijing, toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { command, type Doc } from '../store';
import { enqueueDrafts } from '../planners';
import { runWork } from '../uow';
import { loadPolicy, peopleById, type LoadedPolicy } from './context';

export const ACCOUNT_SECURITY_PAGE = '/packages/security/pages/account/index';
export const TRAINING_HISTORY_PAGE = '/packages/security/pages/training-history/index';
const PAGE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RotationSweepReport {
  /** Records read: only those whose reminder had come. */
  read: number;
  reminded: number;
  notices: number;
  lostRace: number;
}

/** 第二十九条: the responsible person named nearest the account's unit (else its responsible leader). */
export function responsiblePerson(unitId: string, tree: UnitTree): string | null {
  const targets = escalationTargets(unitId, tree);
  return (targets.find((t) => t.kind === 'person') ?? targets.find((t) => t.kind === 'leader'))?.id ?? null;
}

const STAGE_STATUS: { readonly [S in RotationStage]: string } = {
  dueSoon: '即将到期',
  overdue: '已逾期',
  escalated: '逾期未更换',
};

export function rotationDrafts(
  security: AccountSecurity,
  account: Account,
  stage: StageAt,
  tree: UnitTree,
  now: number,
): NotificationDraft[] {
  const due = parseIsoTime(security.dueAt) ?? now;
  const dueText = formatBeijing(due).slice(0, 10);
  const why =
    security.dueReason === 'holdersChanged'
      ? '账号人员已变动，须重新更换密码'
      : security.dueReason === 'firstRecord'
        ? '请更换密码并首次登记'
        : '密码已到更换周期';
  const operators = operatorsOf(account);
  const responsible = stage.stage === 'escalated' ? responsiblePerson(account.unitId, tree) : null;
  const daysLate = Math.max(0, Math.floor((now - due) / DAY_MS));
  const link = deepLink(ACCOUNT_SECURITY_PAGE, { id: account._id });
  const base = {
    kind: 'rotationReminder' as const,
    link,
    subject: { collection: 'accountSecurity', id: account._id },
    escalation: null,
  };
  const values = { account: account.name, dueAt: security.dueAt, status: STAGE_STATUS[stage.stage] };
  const key = (personId: string): string =>
    `rotationReminder:accountSecurity/${account._id}:${security.dueAt}:${stage.stage}@${toBeijingIso(stage.at)}:${personId}`;
  const toOperators: NotificationDraft[] = operators.map((personId) => ({
    ...base,
    recipientId: personId,
    title: stage.stage === 'dueSoon' ? `密码即将到期：${account.name}` : `密码已逾期未更换：${account.name}`,
    text:
      stage.stage === 'dueSoon'
        ? `${why}，应于 ${dueText} 前更换，更换后请在“账号安全”中登记（第三十三条）`
        : `${why}，已于 ${dueText} 到期${daysLate > 0 ? `，逾期 ${daysLate} 天` : ''}，请立即更换并登记（第三十三条）`,
    values: { ...values, remark: why },
    dedupeKey: key(personId),
  }));
  const toResponsible: NotificationDraft[] =
    responsible && !operators.includes(responsible)
      ? [
          {
            ...base,
            recipientId: responsible,
            title: `账号密码逾期未更换：${account.name}`,
            text: `${account.name}的密码已于 ${dueText} 到期，逾期 ${daysLate} 天仍未登记更换，请督促运营民警处理（第二十九条、第三十三条）`,
            values: { ...values, remark: '请督促运营民警更换密码' },
            dedupeKey: key(responsible),
          },
        ]
      : [];
  return [...toOperators, ...toResponsible];
}

export async function runRotationSweep(ctx: HandlerContext, outOfTime: () => boolean): Promise<RotationSweepReport> {
  const report: RotationSweepReport = { read: 0, reminded: 0, notices: 0, lostRace: 0 };
  const loaded = await loadPolicy(ctx.store);
  let tree: UnitTree | null = null;
  const seen = new Set<string>();
  while (!outOfTime()) {
    const due = await ctx.store.find<AccountSecurity>(
      'accountSecurity',
      { tracked: true, remindAt: command().lte(toBeijingIso(ctx.now)) },
      {
        orderBy: [
          ['remindAt', 'asc'],
          ['_id', 'asc'],
        ],
        limit: PAGE,
      },
    );
    const fresh = due.filter((s) => !seen.has(s._id));
    if (fresh.length === 0) break;
    report.read += fresh.length;
    for (const s of fresh) seen.add(s._id);
    tree ??= await loadTree(ctx.store);
    const ids = fresh.map((s) => s.accountId);
    const accounts = await ctx.store.find<Account>('accounts', { _id: command().in(ids) }, { limit: ids.length });
    const byId = new Map(accounts.map((a) => [a._id, a]));
    for (const security of fresh) {
      const outcome = await remindOne(ctx, security, byId.get(security.accountId), loaded, tree);
      if (outcome === null) report.lostRace++;
      else if (outcome > 0) {
        report.reminded++;
        report.notices += outcome;
      }
    }
    if (due.length < PAGE) break;
  }
  return report;
}

/** Sends the stage due for one record and plans the next; null when another run saved it first. */
async function remindOne(
  ctx: HandlerContext,
  read: AccountSecurity,
  account: Account | undefined,
  loaded: LoadedPolicy,
  tree: UnitTree,
): Promise<number | null> {
  const policy: SecurityPolicy = loaded.policy;
  const security = read.policyRev === loaded.rev ? read : withSchedule(read, policy, loaded.rev);
  const dueAt = parseIsoTime(security.dueAt) ?? ctx.now;
  const remindedThrough = security.remindedThrough === null ? null : parseIsoTime(security.remindedThrough);
  const stage = dueStage(dueAt, policy, remindedThrough, ctx.now);
  const drafts = stage && account && isTracked(account) ? rotationDrafts(security, account, stage, tree, ctx.now) : [];
  // Nothing due after all (moved by a policy change): only the next reminder time is saved.
  const next = stage ? afterReminder(security, stage, policy) : withSchedule(security, policy, loaded.rev);
  try {
    await runWork(ctx, null, async (work) => {
      await work.load<AccountSecurity>('accountSecurity', read._id, '账号安全记录', read.rev);
      await work.put('accountSecurity', { ...next, rev: read.rev + 1 });
      for (const draft of drafts) work.notify(draft);
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'CONFLICT') return null;
    throw err;
  }
  return drafts.length;
}

// ---- training ------------------------------------------------------------------------------------

interface TrainingSweep extends Doc {
  /** The last account id walked. */
  after: string | null;
  done: boolean;
  reminded: number;
  rev: number;
}

export interface TrainingSweepReport {
  day: string | null;
  accounts: number;
  reminded: number;
  done: boolean;
}

/** On a reminder day of the policy: one walk over the accounts, resumed across runs. */
export async function runTrainingSweep(ctx: HandlerContext, outOfTime: () => boolean): Promise<TrainingSweepReport> {
  const day = beijingDay(ctx.now);
  const loaded = await loadPolicy(ctx.store);
  const { policy } = loaded;
  if (!policy.trainingReminderDays.includes(day.slice(5)) || policy.trainingHoursPerYear <= 0) {
    return { day: null, accounts: 0, reminded: 0, done: true };
  }
  const id = `trainingSweep-${day}`;
  let sweep = (await ctx.store.get<TrainingSweep>('counters', id)) ?? {
    _id: id,
    after: null,
    done: false,
    reminded: 0,
    rev: 0,
  };
  const report: TrainingSweepReport = { day, accounts: 0, reminded: 0, done: sweep.done };
  const year = Number(day.slice(0, 4));
  let tree: UnitTree | null = null;
  while (!sweep.done && !outOfTime()) {
    const filter = sweep.after === null ? {} : { _id: command().gt(sweep.after) };
    const accounts = await ctx.store.find<Account>('accounts', filter, { orderBy: [['_id', 'asc']], limit: PAGE });
    report.accounts += accounts.length;
    tree ??= await loadTree(ctx.store);
    const open = accounts.filter(isTracked);
    const people = await peopleById(open.flatMap(accountStaff), ctx.store);
    const drafts = trainingDrafts(open, people, policy.trainingHoursPerYear, year, day, tree);
    const enqueued = await enqueueDrafts(drafts, ctx);
    const next: TrainingSweep = {
      ...sweep,
      after: accounts[accounts.length - 1]?._id ?? sweep.after,
      done: accounts.length < PAGE,
      reminded: sweep.reminded + enqueued,
      rev: sweep.rev + 1,
    };
    const saved =
      sweep.rev === 0
        ? await ctx.store.insert('counters', next).then(
            () => true,
            () => false,
          )
        : await ctx.store.replaceIfRev('counters', { ...next, rev: sweep.rev }, sweep.rev);
    if (!saved) break;
    report.reminded += enqueued;
    sweep = next;
  }
  report.done = sweep.done;
  return report;
}

export function trainingDrafts(
  accounts: readonly Account[],
  people: ReadonlyMap<string, Person>,
  required: number,
  year: number,
  day: string,
  tree: UnitTree,
): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  const units = new Set<string>();
  for (const account of accounts) {
    for (const personId of accountStaff(account)) {
      const person = people.get(personId);
      if (!person?.active) continue;
      const hours = hoursInYear(person, year);
      if (hours >= required) continue;
      units.add(person.unitId);
      drafts.push({
        kind: 'trainingReminder',
        recipientId: personId,
        title: `${year}年度培训学时不足`,
        text: `您今年已完成培训 ${hours} 学时，全省要求每年 ${required} 学时，请及时参加培训（第三十五条）`,
        link: deepLink(TRAINING_HISTORY_PAGE, { personId }),
        subject: { collection: 'people', id: personId },
        values: {
          subject: `${year}年度培训`,
          remark: `已完成${hours}学时，要求${required}学时`,
          dueAt: `${year}-12-31T23:59:59.999+08:00`,
        },
        dedupeKey: `trainingReminder:people/${personId}:${day}:${personId}`,
        escalation: null,
      });
    }
  }
  for (const unitId of units) {
    const responsible = responsiblePerson(unitId, tree);
    if (!responsible) continue;
    drafts.push({
      kind: 'trainingReminder',
      recipientId: responsible,
      title: `${year}年度培训学时不足人员`,
      text: `${tree.byId.get(unitId)?.name ?? ''}有运营或审核人员年度培训学时不足 ${required} 学时，请组织培训（第三十五条）`,
      link: deepLink('/packages/security/pages/training/index', { unitId, tab: 'shortfall' }),
      subject: { collection: 'units', id: unitId },
      values: {
        subject: `${year}年度培训`,
        remark: '有人员学时不足，请组织培训',
        dueAt: `${year}-12-31T23:59:59.999+08:00`,
      },
      dedupeKey: `trainingReminder:units/${unitId}:${day}:${responsible}`,
      escalation: null,
    });
  }
  return drafts;
}
