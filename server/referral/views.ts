/**
 * What the message and referral pages read: documents turned into views, the rule of a triage in the
 * page's words, and the steps the caller may take next. Steps are found by asking the same rules
 * that decide the real request (core/auth for who, the core transitions for when), on a dry run, so
 * a button the page shows is one the server accepts.
 */
import type { Account, Person, Unit } from '../../typings/org';
import type {
  DepartmentOption,
  Message,
  MessageDetail,
  MessageEvent,
  MessageStep,
  MessageSummary,
  Referral,
  ReferralDetail,
  ReferralEvent,
  ReferralStep,
  ReferralSummary,
  Triage,
  TriageRuleView,
  Urgency,
} from '../../typings/referral';
import type { Action } from '../../typings/org';
import { authorize } from '../../core/auth/authorize';
import type { TargetFor } from '../../core/auth/catalogue';
import { isDomainError } from '../../core/errors';
import { applyMessageEvent, type MessageReferral } from '../../core/message/message';
import { OUTCOME_RULES, TRIAGE_PRIORITY, TRIAGE_RULES } from '../../core/message/triage';
import { bureauOf, type UnitTree } from '../../core/org/tree';
import { applyReferralEvent, createReferral } from '../../core/referral/referral';
import { overdueMsAt } from '../../core/referral/reminders';
import { toBeijingIso } from '../../core/time';
import type { DomainCtx } from '../../core/referral/common';
import { excerpt } from './notices';

export function ruleView(triage: Triage): TriageRuleView {
  const rule = TRIAGE_RULES[triage];
  return {
    triage,
    label: rule.label,
    article: rule.article,
    reply: rule.reply,
    replyTemplate: rule.replyTemplate,
    noticeLabel: rule.notice?.label ?? null,
    cleanUp: rule.cleanUp,
    referable: rule.referable,
    deferrable: rule.deferrable,
    followUp: rule.followUp,
    outcomes: rule.outcomes.map((outcome) => ({ outcome, label: OUTCOME_RULES[outcome].label })),
  };
}

/** Most serious first, as screening suggests them. */
export const TRIAGE_OPTIONS: readonly TriageRuleView[] = TRIAGE_PRIORITY.map(ruleView);

export function messageSummary(m: Message, accountName: string): MessageSummary {
  return {
    id: m._id,
    accountId: m.accountId,
    accountName,
    platform: m.platform,
    senderNickname: m.senderNickname,
    excerpt: excerpt(m.text, 80),
    receivedAt: m.receivedAt,
    suggestedTriage: m.suggestedTriage,
    triage: m.triage,
    state: m.state,
    outcome: m.outcome,
    replyTargetAt: m.replyTargetAt,
    rev: m.rev,
  };
}

/** How a referral stands against its deadline; `dueSoonAt` is its first reminder instant. */
export function urgencyOf(r: Pick<Referral, 'open' | 'dueAt' | 'dueSoonAt'>, now: number): Urgency {
  if (!r.open) return 'done';
  if (now > Date.parse(r.dueAt)) return 'overdue';
  if (now >= Date.parse(r.dueSoonAt)) return 'dueSoon';
  return 'normal';
}

export function referralSummary(r: Referral, now: number): ReferralSummary {
  return {
    id: r._id,
    messageId: r.messageId,
    unitId: r.unitId,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    deadlineClass: r.deadlineClass,
    question: excerpt(r.question, 80),
    state: r.state,
    handlerId: r.handlerId,
    dueAt: r.dueAt,
    urgency: urgencyOf(r, now),
    overdueMs: overdueMsAt(r, now),
    extensionPending: r.extensions.some((x) => x.decision === 'pending'),
    rev: r.rev,
  };
}

/**
 * Where the account's notices and referrals may go: the internal units of its own bureau first, then
 * those of the bureaus above it (a county has no 舆情 centre of its own, 第二十八条).
 */
export function departmentsOf(unitId: string, tree: UnitTree): DepartmentOption[] {
  const bureau = bureauOf(unitId, tree);
  if (!bureau) return [];
  return [...bureau.path]
    .reverse()
    .flatMap((id) => tree.children.get(id) ?? [])
    .filter((u: Unit) => u.kind === 'department')
    .map((u) => ({ id: u._id, name: u.name, departmentFunction: u.departmentFunction ?? 'other' }));
}

const allowed = <A extends Action>(caller: Person, action: A, target: TargetFor<A>, tree: UnitTree): boolean =>
  authorize(caller, action, target, tree).allowed;

/** The steps on a message the caller could take now (the reply and close may still ask for input). */
export function messageSteps(
  m: Message,
  referrals: readonly MessageReferral[],
  caller: Person,
  account: Account,
  tree: UnitTree,
  ctx: DomainCtx,
): MessageStep[] {
  const target = { kind: 'account', account } as const;
  const dry = (e: MessageEvent): boolean => !isDomainError(applyMessageEvent(m, e, { ...ctx, referrals }));
  const rule = m.triage ? TRIAGE_RULES[m.triage] : null;
  const expectedRev = m.rev;
  const replyText = rule?.replyMustMention.join('、') || '回复';
  const checks: { [S in MessageStep]: () => boolean } = {
    triage: () =>
      allowed(caller, 'referral.messageTriage', target, tree) &&
      dry({ type: 'triage', triage: m.triage ?? 'general', raisesProblem: false, expectedRev }),
    reply: () =>
      allowed(caller, 'referral.reply', target, tree) && dry({ type: 'reply', text: replyText, expectedRev }),
    notice: () =>
      allowed(caller, 'referral.notice', target, tree) &&
      dry({ type: 'notice', target: { unitId: '', departmentFunction: 'other' }, note: '', expectedRev }),
    cleanUp: () =>
      m.cleanedUpAt === null &&
      allowed(caller, 'referral.cleanUp', target, tree) &&
      dry({ type: 'cleanUp', expectedRev }),
    defer: () =>
      m.replyTargetAt === null &&
      allowed(caller, 'referral.defer', target, tree) &&
      dry({ type: 'defer', expectedRev }),
    refer: () =>
      allowed(caller, 'referral.refer', { kind: 'referral', account, departmentId: '' }, tree) &&
      !isDomainError(
        createReferral(
          {
            _id: 'dry-run',
            message: m,
            department: { _id: '', name: '', kind: 'department' },
            deskId: '',
            deadlineClass: 'ordinary',
            question: '？',
          },
          ctx,
        ),
      ),
    // Closing may still miss a step; the refusal then names it (STEPS_MISSING).
    close: () => m.state === 'triaged' && allowed(caller, 'referral.messageClose', target, tree),
    followUp: () =>
      m.state === 'closed' &&
      allowed(caller, 'referral.reply', target, tree) &&
      dry({ type: 'followUp', text: '补充', expectedRev }),
  };
  return (Object.keys(checks) as MessageStep[]).filter((s) => checks[s]());
}

export function messageDetail(input: {
  message: Message;
  account: Account;
  referrals: readonly Referral[];
  caller: Person;
  tree: UnitTree;
  ctx: DomainCtx;
  names: { [personId: string]: string };
  warnings: string[];
}): MessageDetail {
  const { message, account, referrals, caller, tree, ctx } = input;
  return {
    message,
    accountName: account.name,
    rule: message.triage ? ruleView(message.triage) : null,
    triageOptions: [...TRIAGE_OPTIONS],
    referrals: referrals.map((r) => referralSummary(r, ctx.now)),
    departments: departmentsOf(account.unitId, tree),
    steps: messageSteps(message, referrals, caller, account, tree, ctx),
    names: input.names,
    warnings: input.warnings,
  };
}

/** The steps on a referral the caller could take now. */
export function referralSteps(
  r: Referral,
  caller: Person,
  account: Account,
  tree: UnitTree,
  ctx: DomainCtx,
): ReferralStep[] {
  const apply = (e: ReferralEvent): boolean => !isDomainError(applyReferralEvent(r, e, ctx));
  const target = { kind: 'referral', account, departmentId: r.departmentId } as const;
  const expectedRev = r.rev;
  const checks: { [S in ReferralStep]: () => boolean } = {
    sign: () => allowed(caller, 'referral.sign', target, tree) && apply({ type: 'sign', expectedRev }),
    return: () =>
      allowed(caller, 'referral.return', target, tree) && apply({ type: 'return', reason: '理由', expectedRev }),
    requestExtension: () =>
      allowed(caller, 'referral.requestExtension', target, tree) &&
      apply({ type: 'requestExtension', workingDays: 1, reason: '理由', expectedRev }),
    decideExtension: () =>
      allowed(caller, 'referral.decideExtension', target, tree) &&
      apply({ type: 'decideExtension', approve: false, comment: null, expectedRev }),
    answer: () =>
      allowed(caller, 'referral.answer', target, tree) &&
      apply({ type: 'answer', outcome: '办理情况', replyWording: '回复口径', attachments: [], expectedRev }),
  };
  return (Object.keys(checks) as ReferralStep[]).filter((s) => checks[s]());
}

export function referralDetail(input: {
  referral: Referral;
  message: Message;
  account: Account;
  caller: Person;
  tree: UnitTree;
  ctx: DomainCtx;
  names: { [personId: string]: string };
  warnings: string[];
}): ReferralDetail {
  const { referral, message, account } = input;
  return {
    referral,
    now: toBeijingIso(input.ctx.now),
    message: {
      _id: message._id,
      text: message.text,
      senderNickname: message.senderNickname,
      platform: message.platform,
      receivedAt: message.receivedAt,
      link: message.link,
      accountName: account.name,
    },
    urgency: urgencyOf(referral, input.ctx.now),
    steps: referralSteps(referral, input.caller, account, input.tree, input.ctx),
    messageVisible: allowed(input.caller, 'referral.message', { kind: 'account', account }, input.tree),
    names: input.names,
    warnings: input.warnings,
  };
}

/** Everyone a referral's timeline names. */
export function referralPeople(r: Referral): string[] {
  return [
    r.createdBy,
    ...(r.handlerId ? [r.handlerId] : []),
    ...r.log.map((l) => l.by),
    ...r.extensions.flatMap((x) => [x.requestedBy, ...(x.decidedBy ? [x.decidedBy] : [])]),
  ];
}

/** Everyone a message's page names. */
export function messagePeople(m: Message): string[] {
  return [
    m.recordedBy,
    ...m.replies.map((r) => r.by),
    ...m.notices.map((n) => n.by),
    ...(m.closedBy ? [m.closedBy] : []),
  ];
}
