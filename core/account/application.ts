/**
 * Applications to open (第十条, 第十一条), close or cancel (第十三条) an account, and a classified-post
 * officer's registration awaiting the unit (第三十九条): each event applied to loaded state returns the
 * next state and what else to do (the account change, a filing, notices, audit entries), or a refusal.
 * Nothing is saved on a refusal.
 */
import type {
  AccountApplication,
  AccountLifecycle,
  AccountRules,
  ApplicationStep,
  Decision,
  Filing,
  OpeningFields,
  RegistrationFields,
  SetupTask,
} from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import type { WorkCalendar } from '../calendar/calendar';
import { deadlineAfterWorkingDays } from '../calendar/deadline';
import { commonErrors, type DomainError } from '../errors';
import { validateAccount } from '../org/accounts';
import type { OrgEffect, Violation } from '../org/errors';
import { isSpecialWork, type UnitTree } from '../org/tree';
import { toBeijingIso } from '../time';
import { APPLICATION_TYPE_LABELS, isOpenState, platformLabel, SETUP_TASKS } from './catalogue';
import { filingDesks, openingDecider, personalDecider, staffOfDesk, type Decider } from './deciders';
import { accountError, conditionsUnmet } from './errors';
import { linkTo, type Notice } from './notices';
import { nameKeyOf } from './rules';

export type AuditEffect = Extract<OrgEffect, { kind: 'audit' }>;

export interface ActorContext {
  now: number;
  actor: Person;
  tree: UnitTree;
}

/** An account written by the event: the shell maintains its indexes, totals, name claim and events. */
export interface AccountChange {
  before: Account | null;
  after: Account;
  article: string;
}

export interface Outcome<T> {
  next: T;
  account: AccountChange | null;
  filing: Filing | null;
  notices: Notice[];
  audits: AuditEffect[];
}

export type Result<T> = { ok: true; value: Outcome<T> } | { ok: false; error: DomainError };

const refuse = <T>(error: DomainError): Result<T> => ({ ok: false, error });
const done = <T>(value: Outcome<T>): Result<T> => ({ ok: true, value });

function step(kind: ApplicationStep['step'], article: string, ctx: ActorContext, note: string | null): ApplicationStep {
  return { step: kind, article, at: toBeijingIso(ctx.now), personId: ctx.actor._id, personName: ctx.actor.name, note };
}

function audit(
  app: AccountApplication,
  summary: string,
  ctx: ActorContext,
  action: AuditEffect['action'],
): AuditEffect {
  return {
    kind: 'audit',
    action,
    object: { collection: 'accountApplications', id: app._id },
    summary,
    changes: [],
    unitPath: ctx.tree.byId.get(app.unitId)?.path ?? app.unitPath,
  };
}

const describe = (app: Pick<AccountApplication, 'type' | 'platform' | 'name'>): string =>
  `${APPLICATION_TYPE_LABELS[app.type]}：${platformLabel(app.platform)}“${app.name}”`;

// ---- Checks ----------------------------------------------------------------------------------------

/** The account an opening application would create, for the org rules to judge (第十一条, 第十六条, 第三十九条). */
function candidateAccount(fields: OpeningFields): Account {
  return {
    _id: '',
    platform: fields.platform,
    name: fields.name,
    platformId: '',
    unitId: fields.unitId,
    kind: 'institutional',
    ownerId: null,
    realNameVerified: false,
    operatorA: fields.conditions.operatorA,
    operatorB: fields.conditions.operatorB,
    reviewerIds: [...new Set(fields.conditions.reviewerIds)],
    state: 'approved',
    exceptionApproval: fields.conditions.exceptionApproval,
    createdAt: '',
    updatedAt: '',
    rev: 0,
  };
}

/**
 * Role grants are the unit admin's bookkeeping, done when the account is set up: an application names
 * the people, and the account shows a missing grant as a violation once it exists.
 */
const GRANTS_LATER = new Set(['ROLE_MISSING']);
const OUTRIGHT_SPECIAL = new Set(['SPECIAL_WORK_UNIT', 'SPECIAL_WORK_PERSON']);

const blank = (s: string | null | undefined): boolean => (s ?? '').trim() === '';

/**
 * Why an opening application is refused, in the order the measures put it: special work (第九条) and a
 * classified post without approval (第三十九条) outright; then every 第十一条 condition not met, listed.
 * The staffing rules are the org's (validateAccount — 第十一条 A/B, 第十六条 reviewer, 第三十五条
 * training), called here rather than copied.
 */
export function openingRefusal(
  fields: OpeningFields,
  ctx: { tree: UnitTree; people: ReadonlyMap<string, Person>; applicantUnitId: string },
): DomainError | null {
  const unit = ctx.tree.byId.get(fields.unitId);
  if (!unit) return accountError('UNIT_UNKNOWN');
  if (isSpecialWork(unit._id, ctx.tree) || isSpecialWork(ctx.applicantUnitId, ctx.tree))
    return accountError('SPECIAL_WORK');
  const violations = validateAccount(candidateAccount(fields), { tree: ctx.tree, people: ctx.people }).filter(
    (v) => !GRANTS_LATER.has(v.code),
  );
  if (violations.some((v) => OUTRIGHT_SPECIAL.has(v.code))) {
    const names = violations.filter((v) => OUTRIGHT_SPECIAL.has(v.code)).map((v) => v.message);
    return accountError('SPECIAL_WORK', `${names.join('；')}（第九条）`);
  }
  const classified = violations.filter((v) => v.code === 'CLASSIFIED_POST');
  if (classified.length > 0) {
    return accountError(
      'CLASSIFIED_POST',
      `${classified.map((v) => v.message).join('；')}；请在申请中填写本单位的批准文号或说明（第三十九条）`,
    );
  }
  const unmet: Violation[] = [...violations];
  const c = fields.conditions;
  if (blank(fields.name)) unmet.push({ code: 'NAME_REQUIRED', message: '须填写拟用账号名称', article: '第十二条' });
  if (blank(fields.purpose))
    unmet.push({ code: 'PURPOSE_REQUIRED', message: '须说明开设目的与定位', article: '第十条' });
  if (blank(fields.columnPlan)) {
    unmet.push({ code: 'COLUMN_PLAN_REQUIRED', message: '须提交栏目内容规划', article: '第十二条' });
  }
  if (blank(c.technicalSupport)) {
    unmet.push({ code: 'TECH_SUPPORT_REQUIRED', message: '须明确技术保障人员', article: '第十一条' });
  }
  const attested: Array<[keyof Pick<typeof c, 'equipment' | 'premises' | 'funding'>, string]> = [
    ['equipment', '工作设备（手机、电脑、网络等）'],
    ['premises', '工作场所'],
    ['funding', '工作经费'],
  ];
  for (const [key, label] of attested) {
    if (!c[key].attested || blank(c[key].note)) {
      unmet.push({ code: `${key.toUpperCase()}_UNATTESTED`, message: `须确认并说明${label}`, article: '第十一条' });
    }
  }
  return unmet.length > 0 ? conditionsUnmet(unmet) : null;
}

// ---- Opening ---------------------------------------------------------------------------------------

function openingBody(fields: OpeningFields): AccountApplication['opening'] {
  const c = fields.conditions;
  return {
    purpose: fields.purpose.trim(),
    columnPlan: fields.columnPlan.trim(),
    conditions: {
      ...c,
      reviewerIds: [...new Set(c.reviewerIds)],
      technicalSupport: c.technicalSupport.trim(),
      equipment: { attested: c.equipment.attested, note: c.equipment.note.trim() },
      premises: { attested: c.premises.attested, note: c.premises.note.trim() },
      funding: { attested: c.funding.attested, note: c.funding.note.trim() },
      exceptionApproval: blank(c.exceptionApproval) ? null : (c.exceptionApproval as string).trim(),
    },
  };
}

function pendingNotice(app: AccountApplication, resubmitted: boolean): Notice {
  return {
    kind: 'accountApplicationPending',
    to: [{ desk: app.deciderId }],
    title: resubmitted ? '账号申请已修改重新提交' : '新的账号申请待审批',
    text: `${describe(app)}（${app.applicantName}）`,
    link: linkTo('application', { id: app._id }),
    subject: { collection: 'accountApplications', id: app._id },
    values: {
      subject: `${platformLabel(app.platform)}${app.name}`,
      actor: app.applicantName,
      eventAt: app.submittedAt,
      remark: APPLICATION_TYPE_LABELS[app.type],
    },
    occasion: `rev${app.rev}`,
  };
}

export interface NewApplication {
  id: string;
  clientKey: string;
}

type ApplicationSubject = Pick<
  AccountApplication,
  'type' | 'unitId' | 'kind' | 'platform' | 'name' | 'opening' | 'registration' | 'reason' | 'accountId' | 'ownerId'
>;

/** A new application as submitted: pending with the desk that decides it, its first step logged. */
function submitted(
  input: NewApplication,
  subject: ApplicationSubject,
  decider: Decider,
  note: string | null,
  ctx: ActorContext,
): AccountApplication {
  const at = toBeijingIso(ctx.now);
  const name = subject.name.trim();
  return {
    _id: input.id,
    ...subject,
    state: 'pending',
    unitPath: ctx.tree.byId.get(subject.unitId)?.path ?? [],
    name,
    nameKey: nameKeyOf(name),
    deciderId: decider.deskId,
    deciderArticle: decider.article,
    applicantId: ctx.actor._id,
    applicantName: ctx.actor.name,
    clientKey: input.clientKey,
    log: [step('submit', decider.article, ctx, note)],
    submittedAt: at,
    decidedAt: null,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
}

/** 第十条: the application goes to the desk the article names, as `pending`. */
export function openApplication(
  input: NewApplication & { fields: OpeningFields },
  ctx: ActorContext & { people: ReadonlyMap<string, Person> },
): Result<AccountApplication> {
  const refused = openingRefusal(input.fields, { ...ctx, applicantUnitId: ctx.actor.unitId });
  if (refused) return refuse(refused);
  const decider = openingDecider(input.fields.unitId, ctx.tree);
  if (!decider) return refuse(accountError('NO_DECIDER'));
  const app = submitted(
    input,
    {
      type: 'open',
      unitId: input.fields.unitId,
      kind: 'institutional',
      platform: input.fields.platform,
      name: input.fields.name,
      opening: openingBody(input.fields),
      registration: null,
      reason: null,
      accountId: null,
      ownerId: null,
    },
    decider,
    null,
    ctx,
  );
  return done({
    next: app,
    account: null,
    filing: null,
    notices: [pendingNotice(app, false)],
    audits: [audit(app, `提交${describe(app)}`, ctx, 'account.apply')],
  });
}

/** Resubmits an application the desk sent back; the unit stays (another unit is another decider). */
export function amendApplication(
  app: AccountApplication,
  fields: OpeningFields,
  ctx: ActorContext & { people: ReadonlyMap<string, Person> },
): Result<AccountApplication> {
  if (app.applicantId !== ctx.actor._id) return refuse(accountError('NOT_APPLICANT'));
  if (app.type !== 'open' || app.state !== 'returned') return refuse(accountError('NOT_RETURNED'));
  if (fields.unitId !== app.unitId) return refuse(accountError('UNIT_FIXED'));
  const refused = openingRefusal(fields, { ...ctx, applicantUnitId: ctx.actor.unitId });
  if (refused) return refuse(refused);
  const at = toBeijingIso(ctx.now);
  const name = fields.name.trim();
  const next: AccountApplication = {
    ...app,
    state: 'pending',
    platform: fields.platform,
    name,
    nameKey: nameKeyOf(name),
    opening: openingBody(fields),
    log: [...app.log, step('resubmit', '第十条', ctx, null)],
    submittedAt: at,
    decidedAt: null,
    updatedAt: at,
    rev: app.rev + 1,
  };
  return done({
    next,
    account: null,
    filing: null,
    notices: [pendingNotice(next, true)],
    audits: [audit(next, `修改后重新提交${describe(next)}`, ctx, 'account.amend')],
  });
}

export function withdrawApplication(
  app: AccountApplication,
  reason: string | null,
  ctx: ActorContext,
): Result<AccountApplication> {
  if (app.applicantId !== ctx.actor._id) return refuse(accountError('NOT_APPLICANT'));
  if (app.state !== 'pending' && app.state !== 'returned') return refuse(accountError('NOT_WITHDRAWABLE'));
  const at = toBeijingIso(ctx.now);
  const next: AccountApplication = {
    ...app,
    state: 'withdrawn',
    log: [...app.log, step('withdraw', app.deciderArticle, ctx, reason)],
    decidedAt: null,
    updatedAt: at,
    rev: app.rev + 1,
  };
  return done({
    next,
    account: null,
    filing: null,
    notices: [],
    audits: [audit(next, `撤回${describe(next)}`, ctx, 'account.withdraw')],
  });
}

// ---- Closing and cancelling (第十三条) -------------------------------------------------------------

/** The desk whose consent closes an account: its approver of record, or the one 第十条 names. */
export function approvingDeskOf(account: Account, tree: UnitTree, owner: Person | null): Decider | null {
  if (account.lifecycle) return { deskId: account.lifecycle.approvingDeskId, article: '第十三条' };
  const decider =
    account.kind === 'personal' && owner ? personalDecider(owner, tree) : openingDecider(account.unitId, tree);
  return decider ? { deskId: decider.deskId, article: '第十三条' } : null;
}

export function closeApplication(
  input: NewApplication & { account: Account; type: 'close' | 'cancel'; reason: string; owner: Person | null },
  ctx: ActorContext,
): Result<AccountApplication> {
  const { account } = input;
  if (!isOpenState(account.state)) return refuse(accountError('ACCOUNT_NOT_OPEN'));
  if (blank(input.reason)) return refuse(accountError('REASON_REQUIRED', '请填写关闭或注销的理由'));
  const decider = approvingDeskOf(account, ctx.tree, input.owner);
  if (!decider) return refuse(accountError('NO_DECIDER'));
  const app = submitted(
    input,
    {
      type: input.type,
      unitId: account.unitId,
      kind: account.kind,
      platform: account.platform,
      name: account.name,
      opening: null,
      registration: null,
      reason: input.reason.trim(),
      accountId: account._id,
      ownerId: account.ownerId,
    },
    decider,
    input.reason.trim(),
    ctx,
  );
  return done({
    next: app,
    account: null,
    filing: null,
    notices: [pendingNotice(app, false)],
    audits: [audit(app, `提交${describe(app)}`, ctx, 'account.applyClose')],
  });
}

// ---- Personal registration (第三十九条) -----------------------------------------------------------

function personalAccount(
  id: string,
  fields: RegistrationFields,
  owner: Person,
  lifecycle: AccountLifecycle,
  exceptionApproval: string | null,
  at: string,
): Account {
  return {
    _id: id,
    platform: fields.platform,
    name: fields.name.trim(),
    platformId: fields.platformId.trim(),
    unitId: owner.unitId,
    kind: 'personal',
    ownerId: owner._id,
    realNameVerified: fields.realNameVerified,
    // 第三十三条: only the owner posts on a personal account.
    operatorA: owner._id,
    operatorB: null,
    reviewerIds: [],
    state: 'active',
    exceptionApproval,
    createdAt: at,
    updatedAt: at,
    rev: 1,
    lifecycle,
  };
}

export type Registration =
  | { kind: 'registered'; account: Account; audits: AuditEffect[] }
  | { kind: 'awaiting'; outcome: Outcome<AccountApplication> };

/**
 * An officer or 辅警 registers a personal account with their unit: registered at once; a classified-post
 * officer's waits for the unit's approval (第三十九条). Special-work units' people hold none (第九条).
 */
export function registerPersonal(
  input: NewApplication & { accountId: string; fields: RegistrationFields },
  ctx: ActorContext,
): { ok: true; value: Registration } | { ok: false; error: DomainError } {
  const owner = ctx.actor;
  if (isSpecialWork(owner.unitId, ctx.tree)) return { ok: false, error: accountError('SPECIAL_WORK') };
  if (blank(input.fields.name)) return { ok: false, error: commonErrors.invalidInput('name') };
  const decider = personalDecider(owner, ctx.tree);
  if (!decider) return { ok: false, error: accountError('NO_DECIDER') };
  const at = toBeijingIso(ctx.now);
  const name = input.fields.name.trim();
  if (!owner.classifiedPost) {
    const account = personalAccount(
      input.accountId,
      input.fields,
      owner,
      {
        origin: 'registered',
        applicationId: null,
        approvingDeskId: decider.deskId,
        approvedAt: null,
        tasks: [],
        activatedAt: at,
        closedAt: null,
        stateChangedAt: at,
        applicantId: owner._id,
      },
      null,
      at,
    );
    return {
      ok: true,
      value: {
        kind: 'registered',
        account,
        audits: [
          {
            kind: 'audit',
            action: 'account.register',
            object: { collection: 'accounts', id: account._id },
            summary: `报备个人账号：${platformLabel(account.platform)}“${account.name}”（${owner.name}）`,
            changes: [],
            unitPath: ctx.tree.byId.get(owner.unitId)?.path ?? [],
          },
        ],
      },
    };
  }
  const app = submitted(
    input,
    {
      type: 'register',
      unitId: owner.unitId,
      kind: 'personal',
      platform: input.fields.platform,
      name,
      opening: null,
      registration: { platformId: input.fields.platformId.trim(), realNameVerified: input.fields.realNameVerified },
      reason: null,
      accountId: null,
      ownerId: owner._id,
    },
    decider,
    '涉密岗位民警开设个人账号，报本单位批准',
    ctx,
  );
  return {
    ok: true,
    value: {
      kind: 'awaiting',
      outcome: {
        next: app,
        account: null,
        filing: null,
        notices: [pendingNotice(app, false)],
        audits: [audit(app, `提交${describe(app)}（涉密岗位，待本单位批准）`, ctx, 'account.register')],
      },
    },
  };
}

// ---- Deciding ------------------------------------------------------------------------------------------

export interface DecideContext extends ActorContext {
  newId: () => string;
  rules: AccountRules;
  calendar: WorkCalendar;
  /** Everyone the application names (re-checked on approval: people change while it waits). */
  people: ReadonlyMap<string, Person>;
  /** close / cancel: the account, loaded in the transaction. */
  account: Account | null;
  /** close / cancel: open messages and referrals still on the account. */
  openItems: number;
  /** The deciding desk's name, for refusals and the unit approval text. */
  deskName: (deskId: string) => string;
}

function setupTasks(): SetupTask[] {
  return SETUP_TASKS.map((key) => ({ key, done: false, value: null, doneAt: null, doneBy: null }));
}

/** 第十四条: the filing an approved opening, closure or cancellation owes the desk one level up. */
export function filingFor(
  event: Filing['event'],
  account: Account,
  app: AccountApplication,
  ctx: DecideContext,
): Filing | null {
  const desks = filingDesks(account.unitId, ctx.tree);
  if (!desks) return null;
  const at = toBeijingIso(ctx.now);
  const due = deadlineAfterWorkingDays(ctx.now, ctx.rules.filingWorkingDays, ctx.calendar);
  return {
    _id: ctx.newId(),
    event,
    state: 'due',
    accountId: account._id,
    accountName: account.name,
    platform: account.platform,
    unitId: account.unitId,
    unitPath: ctx.tree.byId.get(account.unitId)?.path ?? [],
    applicationId: app._id,
    ...desks,
    approvedAt: at,
    dueAt: due.deadline,
    filedAt: null,
    acknowledgeDueAt: null,
    acknowledgedAt: null,
    note: null,
    documents: [],
    log: [
      { step: 'created', at, personId: null, personName: '系统', note: `${ctx.rules.filingWorkingDays}个工作日内报备` },
    ],
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
}

function filingNotice(filing: Filing): Notice {
  return {
    kind: 'filingDue',
    to: [{ desk: filing.filerDeskId }],
    title: '账号变更待报备',
    text: `${platformLabel(filing.platform)}“${filing.accountName}”须报上一级政工宣传部门备案（第十四条）`,
    link: linkTo('filing', { id: filing._id }),
    subject: { collection: 'filings', id: filing._id },
    values: { subject: filing.accountName, dueAt: filing.dueAt, status: '待报备', remark: '请按期报备（第十四条）' },
    occasion: 'created',
  };
}

const STATE_OF_DECISION = { approve: 'approved', refuse: 'refused', return: 'returned' } as const;
const DECISION_WORDS = { approve: '同意', refuse: '不同意', return: '退回修改' } as const;

function decidedNotice(app: AccountApplication, decision: Decision, reason: string | null, extra: string[]): Notice {
  return {
    kind: 'accountApplicationDecided',
    to: [{ person: app.applicantId }, ...extra.map((person) => ({ person }))],
    title: `账号申请${DECISION_WORDS[decision]}`,
    text: `${describe(app)}${reason ? `：${reason}` : ''}`,
    link: linkTo('application', { id: app._id }),
    subject: { collection: 'accountApplications', id: app._id },
    values: {
      subject: `${platformLabel(app.platform)}${app.name}`,
      status: DECISION_WORDS[decision],
      eventAt: app.decidedAt ?? app.updatedAt,
      remark: reason ?? (decision === 'approve' ? '请完成开设任务' : ''),
    },
    occasion: `rev${app.rev}`,
  };
}

/**
 * The deciding desk approves, refuses with a reason, or sends back (第十条, 第十三条, 第三十九条). Only
 * the desk the application names decides, never the applicant; a decision is made once.
 */
export function decideApplication(
  app: AccountApplication,
  decision: Decision,
  reasonRaw: string | null,
  ctx: DecideContext,
): Result<AccountApplication> {
  if (!staffOfDesk(ctx.actor, app.deciderId)) {
    return refuse(accountError('NOT_DECIDER', `该申请应由${ctx.deskName(app.deciderId)}审批（${app.deciderArticle}）`));
  }
  if (app.applicantId === ctx.actor._id) return refuse(accountError('SELF_DECISION'));
  if (app.state !== 'pending') return refuse(accountError('NOT_PENDING'));
  const reason = blank(reasonRaw) ? null : (reasonRaw as string).trim();
  if (decision !== 'approve' && reason === null) return refuse(accountError('REASON_REQUIRED'));
  const at = toBeijingIso(ctx.now);
  const next: AccountApplication = {
    ...app,
    state: STATE_OF_DECISION[decision],
    log: [...app.log, step(decision, app.deciderArticle, ctx, reason)],
    decidedAt: at,
    updatedAt: at,
    rev: app.rev + 1,
  };
  const summary = `${DECISION_WORDS[decision]}${describe(app)}${reason ? `：${reason}` : ''}`;
  const audits = [audit(next, summary, ctx, 'account.decide')];
  if (decision !== 'approve') {
    return done({ next, account: null, filing: null, notices: [decidedNotice(next, decision, reason, [])], audits });
  }
  switch (app.type) {
    case 'open':
      return approveOpening(next, reason, ctx, audits);
    case 'close':
    case 'cancel':
      return approveClosing(next, reason, ctx, audits);
    case 'register':
      return approveRegistration(next, reason, ctx, audits);
  }
}

function approveOpening(
  app: AccountApplication,
  reason: string | null,
  ctx: DecideContext,
  audits: AuditEffect[],
): Result<AccountApplication> {
  const opening = app.opening;
  if (!opening) return refuse(commonErrors.internal());
  const fields: OpeningFields = { unitId: app.unitId, platform: app.platform, name: app.name, ...opening };
  // People may have moved, left or lost their training while the application waited.
  const applicant = ctx.people.get(app.applicantId);
  const refused = openingRefusal(fields, { ...ctx, applicantUnitId: applicant?.unitId ?? app.unitId });
  if (refused) return refuse(refused);
  const at = toBeijingIso(ctx.now);
  const c = opening.conditions;
  const account: Account = {
    _id: ctx.newId(),
    platform: app.platform,
    name: app.name,
    platformId: '',
    unitId: app.unitId,
    kind: 'institutional',
    ownerId: null,
    realNameVerified: false,
    operatorA: c.operatorA,
    operatorB: c.operatorB,
    reviewerIds: [...c.reviewerIds],
    state: 'approved',
    exceptionApproval: c.exceptionApproval,
    createdAt: at,
    updatedAt: at,
    rev: 1,
    lifecycle: {
      origin: 'application',
      applicationId: app._id,
      approvingDeskId: app.deciderId,
      approvedAt: at,
      tasks: setupTasks(),
      activatedAt: null,
      closedAt: null,
      stateChangedAt: at,
      applicantId: app.applicantId,
    },
  };
  const next = { ...app, accountId: account._id };
  const filing = filingFor('open', account, next, ctx);
  const operators = [c.operatorA, c.operatorB].filter((id): id is string => id !== null && id !== app.applicantId);
  return done({
    next,
    account: { before: null, after: account, article: '第十条' },
    filing,
    notices: [decidedNotice(next, 'approve', reason, operators), ...(filing ? [filingNotice(filing)] : [])],
    audits,
  });
}

function approveClosing(
  app: AccountApplication,
  reason: string | null,
  ctx: DecideContext,
  audits: AuditEffect[],
): Result<AccountApplication> {
  const account = ctx.account;
  if (!account || account._id !== app.accountId) return refuse(accountError('ACCOUNT_UNKNOWN'));
  if (!isOpenState(account.state)) return refuse(accountError('ACCOUNT_NOT_OPEN'));
  if (ctx.openItems > 0) {
    return refuse(
      accountError(
        'OPEN_ITEMS',
        `账号尚有${ctx.openItems}项未办结的留言或转办事项，须先移交给本单位其他账号（第十三条）`,
      ),
    );
  }
  const at = toBeijingIso(ctx.now);
  const state = app.type === 'cancel' ? 'cancelled' : 'closed';
  const after: Account = {
    ...account,
    state,
    updatedAt: at,
    rev: account.rev + 1,
    lifecycle: {
      ...(account.lifecycle ?? preSystemLifecycle(account, app.deciderId, at)),
      closedAt: at,
      stateChangedAt: at,
    },
  };
  const filing = filingFor(app.type === 'cancel' ? 'cancel' : 'close', after, app, ctx);
  const operators = [account.operatorA, account.operatorB].filter(
    (id): id is string => id !== null && id !== app.applicantId,
  );
  return done({
    next: app,
    account: { before: account, after, article: '第十三条' },
    filing,
    notices: [decidedNotice(app, 'approve', reason, operators), ...(filing ? [filingNotice(filing)] : [])],
    audits,
  });
}

function approveRegistration(
  app: AccountApplication,
  reason: string | null,
  ctx: DecideContext,
  audits: AuditEffect[],
): Result<AccountApplication> {
  const owner = app.ownerId ? ctx.people.get(app.ownerId) : undefined;
  const registration = app.registration;
  if (!owner || !owner.active || !registration) return refuse(accountError('APPLICATION_UNKNOWN', '报备人已不在职'));
  if (isSpecialWork(owner.unitId, ctx.tree)) return refuse(accountError('SPECIAL_WORK'));
  const at = toBeijingIso(ctx.now);
  const approval = `${ctx.deskName(app.deciderId)}${ctx.actor.name}于${at.slice(0, 10)}批准${reason ? `：${reason}` : ''}`;
  const account = personalAccount(
    ctx.newId(),
    { platform: app.platform, name: app.name, ...registration },
    owner,
    {
      origin: 'registered',
      applicationId: app._id,
      approvingDeskId: app.deciderId,
      approvedAt: at,
      tasks: [],
      activatedAt: at,
      closedAt: null,
      stateChangedAt: at,
      applicantId: owner._id,
    },
    approval,
    at,
  );
  const next = { ...app, accountId: account._id };
  return done({
    next,
    account: { before: null, after: account, article: '第三十九条' },
    filing: null,
    notices: [decidedNotice(next, 'approve', reason, [])],
    audits,
  });
}

/** The lifecycle an account gets when it is brought in as filed before the system. */
export function preSystemLifecycle(account: Account, approvingDeskId: string, at: string): AccountLifecycle {
  return {
    origin: 'preSystem',
    applicationId: null,
    approvingDeskId,
    approvedAt: null,
    tasks: [],
    activatedAt: account.state === 'active' ? account.createdAt || at : null,
    closedAt: account.state === 'closed' || account.state === 'cancelled' ? at : null,
    stateChangedAt: account.updatedAt || at,
    applicantId: null,
  };
}
