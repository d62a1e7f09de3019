/**
 * A referral (流转) of a message to an internal unit (第二十六条), answered within the deadlines of
 * 第二十七条: made → signed → answered → closed, or returned with a reason. "Load → apply one event →
 * save": each event carries the version it was made on, and a stale one is refused (CONFLICT), so two
 * handlers racing for the same referral cannot both win.
 */
import type {
  AuditAction,
  AuditEffect,
  Effect,
  ExtensionRequest,
  NotifyEffect,
  Recipient,
  Referral,
  ReferralAction,
  ReferralAttachment,
  ReferralEvent,
  ReferralEventType,
  ReferralInput,
  ReferralState,
} from '../../typings/referral';
import { computeDeadline, DEADLINE_CLASS_LABELS, extendDeadline } from '../calendar/deadline';
import type { DomainError } from '../errors';
import { formatBeijing, toBeijingIso } from '../time';
import { TRIAGE_RULES } from '../message/triage';
import { hasRole, text, type DomainCtx, type Transition } from './common';
import { checkRev, fail, type ReferralErrorCode } from './errors';
import { dueSoonAt } from './reminders';

function audit(r: Referral, action: AuditAction, ctx: DomainCtx, detail: AuditEffect['detail']): AuditEffect {
  return {
    kind: 'audit',
    action,
    subject: { type: 'referral', id: r._id },
    actorId: ctx.actor.personId,
    at: toBeijingIso(ctx.now),
    detail,
  };
}

function notify(
  r: Referral,
  to: Recipient,
  kind: NotifyEffect['notificationKind'],
  title: string,
  body: string,
  dedupeKey: string,
): NotifyEffect {
  return {
    kind: 'notify',
    to,
    notificationKind: kind,
    subject: { type: 'referral', id: r._id },
    title,
    body,
    dedupeKey,
  };
}

function schedule(r: Referral): Effect {
  return {
    kind: 'schedule',
    job: 'referralReminder',
    subject: { type: 'referral', id: r._id },
    at: r.dueSoonAt,
    dedupeKey: `referral:${r._id}:reminder:${r.dueSoonAt}`,
  };
}

function logged(r: Referral, action: ReferralAction, ctx: DomainCtx, note: string | null): Referral['log'] {
  return [...r.log, { action, at: toBeijingIso(ctx.now), by: ctx.actor.personId, note }];
}

/** Refers a triaged message to a department; the deadline follows 第二十七条. */
export function createReferral(input: ReferralInput, ctx: DomainCtx): Transition<Referral> {
  const { message, department } = input;
  if (!hasRole(ctx.actor, 'operator', message.unitId)) return fail('NOT_OPERATOR');
  if (message.state === 'closed') return fail('MESSAGE_CLOSED');
  if (!message.triage) return fail('TRIAGE_REQUIRED');
  if (!TRIAGE_RULES[message.triage].referable)
    return fail('REFERRAL_NOT_ALLOWED', `「${TRIAGE_RULES[message.triage].label}」不能流转`);
  if (department.kind !== 'department') return fail('INVALID_DEPARTMENT');
  const question = text(input.question);
  if (!question) return fail('QUESTION_REQUIRED');

  const deadline = computeDeadline(ctx.now, input.deadlineClass, ctx.calendar, ctx.config.cutoff);
  const now = toBeijingIso(ctx.now);
  const draft: Referral = {
    _id: input._id,
    messageId: message._id,
    accountId: message.accountId,
    unitId: message.unitId,
    deskId: input.deskId,
    departmentId: department._id,
    departmentName: department.name,
    deadlineClass: input.deadlineClass,
    question,
    state: 'pending',
    open: true,
    handlerId: null,
    signedAt: null,
    returnReason: null,
    dueAt: deadline.deadline,
    originalDueAt: deadline.deadline,
    dueSoonAt: deadline.deadline,
    extensions: [],
    answer: null,
    overdueMs: null,
    calendarWarnings: deadline.warnings,
    log: [{ action: 'create', at: now, by: ctx.actor.personId, note: null }],
    createdBy: ctx.actor.personId,
    createdAt: now,
    updatedAt: now,
    rev: 1,
  };
  const next: Referral = { ...draft, dueSoonAt: dueSoonAt(draft, ctx.calendar, ctx.config) };
  return {
    next,
    effects: [
      notify(
        next,
        { type: 'unitRole', unitId: department._id, role: 'departmentHandler' },
        'referralAssigned',
        '新的流转待签收',
        `${DEADLINE_CLASS_LABELS[next.deadlineClass]}，${formatBeijing(deadline.deadlineMs)}前反馈：${question}`,
        `referral:${next._id}:assigned`,
      ),
      schedule(next),
      audit(next, 'referral.create', ctx, {
        departmentId: department._id,
        deadlineClass: next.deadlineClass,
        dueAt: next.dueAt,
        warnings: deadline.warnings.join('；') || null,
      }),
    ],
  };
}

type Handler<E extends ReferralEvent> = (r: Referral, e: E, ctx: DomainCtx) => Transition<Referral>;
type Handlers = { [K in ReferralEventType]: Handler<Extract<ReferralEvent, { type: K }>> };

function touched(r: Referral, ctx: DomainCtx, patch: Partial<Referral>): Referral {
  return { ...r, ...patch, updatedAt: toBeijingIso(ctx.now), rev: r.rev + 1 };
}

/** Refusals for a referral that is no longer being handled. */
const FINISHED_CODES: { readonly [S in ReferralState]: ReferralErrorCode | null } = {
  pending: null,
  signed: null,
  answered: 'REFERRAL_ALREADY_ANSWERED',
  returned: 'REFERRAL_RETURNED',
  closed: 'REFERRAL_CLOSED',
};

function finished(r: Referral): DomainError | null {
  const code = FINISHED_CODES[r.state];
  return code ? fail(code) : null;
}

/** The department's handlers act on a referral; once signed, only the signer does. */
function checkHandler(r: Referral, ctx: DomainCtx): DomainError | null {
  if (!hasRole(ctx.actor, 'departmentHandler', r.departmentId)) return fail('NOT_HANDLER');
  if (r.handlerId !== null && r.handlerId !== ctx.actor.personId) return fail('NOT_SIGNER');
  return null;
}

/** Issue 16: a department's answer carries at most this many images and files. */
export const MAX_ATTACHMENTS = 9;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Uploaded files only (a cloud file ID), named, within the size, and not too many. */
function validAttachments(list: readonly ReferralAttachment[]): boolean {
  return (
    list.length <= MAX_ATTACHMENTS &&
    list.every(
      (a) =>
        a.fileID.startsWith('cloud://') &&
        a.name.trim() !== '' &&
        Number.isInteger(a.size) &&
        a.size >= 0 &&
        a.size <= MAX_ATTACHMENT_BYTES,
    )
  );
}

function pendingExtension(r: Referral): number {
  return r.extensions.findIndex((x) => x.decision === 'pending');
}

const handlers: Handlers = {
  sign(r, _e, ctx) {
    const done = finished(r) ?? (r.state === 'signed' ? fail('REFERRAL_ALREADY_SIGNED') : null) ?? checkHandler(r, ctx);
    if (done) return done;
    const next = touched(r, ctx, {
      state: 'signed',
      handlerId: ctx.actor.personId,
      signedAt: toBeijingIso(ctx.now),
      log: logged(r, 'sign', ctx, null),
    });
    return { next, effects: [audit(next, 'referral.sign', ctx, { from: r.state, to: next.state })] };
  },

  return(r, e, ctx) {
    const refused = finished(r) ?? checkHandler(r, ctx);
    if (refused) return refused;
    const reason = text(e.reason);
    if (!reason) return fail('RETURN_REASON_REQUIRED');
    const next = touched(r, ctx, {
      state: 'returned',
      open: false,
      returnReason: reason,
      log: logged(r, 'return', ctx, reason),
    });
    return {
      next,
      effects: [
        notify(
          next,
          { type: 'person', personId: r.createdBy },
          'referralReturned',
          `${r.departmentName}退回了流转`,
          reason,
          `referral:${r._id}:returned`,
        ),
        audit(next, 'referral.return', ctx, { from: r.state, reason }),
      ],
    };
  },

  requestExtension(r, e, ctx) {
    const refused = finished(r) ?? checkHandler(r, ctx);
    if (refused) return refused;
    // Asked for before the deadline, so that an overdue referral cannot be excused afterwards.
    if (ctx.now > Date.parse(r.dueAt)) return fail('EXTENSION_AFTER_DEADLINE');
    if (pendingExtension(r) >= 0) return fail('EXTENSION_PENDING');
    if (!Number.isInteger(e.workingDays) || e.workingDays < 1 || e.workingDays > ctx.config.maxExtensionWorkingDays) {
      return fail('EXTENSION_DAYS_INVALID', `延期天数须为1至${ctx.config.maxExtensionWorkingDays}个工作日`);
    }
    const reason = text(e.reason);
    if (!reason) return fail('EXTENSION_REASON_REQUIRED');
    const proposed = extendDeadline(r.dueAt, e.workingDays, ctx.calendar);
    const index = r.extensions.length;
    const next = touched(r, ctx, {
      extensions: [
        ...r.extensions,
        {
          workingDays: e.workingDays,
          reason,
          requestedBy: ctx.actor.personId,
          requestedAt: toBeijingIso(ctx.now),
          proposedDueAt: proposed.deadline,
          decision: 'pending',
          decidedBy: null,
          decidedAt: null,
          comment: null,
        },
      ],
      log: logged(r, 'requestExtension', ctx, reason),
    });
    return {
      next,
      effects: [
        notify(
          next,
          { type: 'unitRole', unitId: r.deskId, role: 'propagandaStaff' },
          'extensionRequested',
          `${r.departmentName}申请延期${e.workingDays}个工作日`,
          `拟延至${formatBeijing(proposed.deadlineMs)}：${reason}`,
          `referral:${r._id}:extension:${index}:requested`,
        ),
        audit(next, 'referral.requestExtension', ctx, { workingDays: e.workingDays, proposedDueAt: proposed.deadline }),
      ],
    };
  },

  decideExtension(r, e, ctx) {
    const refused = finished(r);
    if (refused) return refused;
    if (!hasRole(ctx.actor, 'propagandaStaff', r.deskId)) return fail('NOT_PROPAGANDA_DESK');
    const index = pendingExtension(r);
    const request = r.extensions[index];
    if (!request) return fail('NO_PENDING_EXTENSION');
    const decided: ExtensionRequest = {
      ...request,
      decision: e.approve ? 'approved' : 'rejected',
      decidedBy: ctx.actor.personId,
      decidedAt: toBeijingIso(ctx.now),
      comment: text(e.comment),
    };
    const extensions = r.extensions.map((x, i) => (i === index ? decided : x));
    const log = logged(r, e.approve ? 'approveExtension' : 'rejectExtension', ctx, decided.comment);
    let next = touched(r, ctx, { extensions, log });
    if (e.approve) {
      // Counted from the deadline as it stands now, which cannot have moved while the request waited.
      const extended = extendDeadline(r.dueAt, request.workingDays, ctx.calendar);
      next = { ...next, dueAt: extended.deadline, calendarWarnings: extended.warnings };
      next = { ...next, dueSoonAt: dueSoonAt(next, ctx.calendar, ctx.config) };
    }
    const told = notify(
      next,
      { type: 'person', personId: request.requestedBy },
      'extensionDecided',
      e.approve ? `延期申请已批准，新期限${formatBeijing(Date.parse(next.dueAt))}` : '延期申请未获批准',
      decided.comment ?? '',
      `referral:${r._id}:extension:${index}:decided`,
    );
    const audited = audit(next, e.approve ? 'referral.approveExtension' : 'referral.rejectExtension', ctx, {
      dueAt: next.dueAt,
    });
    return { next, effects: e.approve ? [told, schedule(next), audited] : [told, audited] };
  },

  answer(r, e, ctx) {
    const refused = finished(r) ?? checkHandler(r, ctx) ?? (r.state === 'pending' ? fail('REFERRAL_NOT_SIGNED') : null);
    if (refused) return refused;
    const outcome = text(e.outcome);
    const replyWording = text(e.replyWording);
    if (!outcome || !replyWording) return fail('ANSWER_INCOMPLETE');
    if (!validAttachments(e.attachments)) return fail('ATTACHMENT_INVALID');
    // Kept for the monthly evaluation (第三十六条): how long past the deadline the answer came.
    const overdueMs = Math.max(0, ctx.now - Date.parse(r.dueAt));
    const at = toBeijingIso(ctx.now);
    const next = touched(r, ctx, {
      state: 'answered',
      open: false,
      answer: {
        outcome,
        replyWording,
        attachments: e.attachments.map((a) => ({ ...a, name: a.name.trim() })),
        answeredBy: ctx.actor.personId,
        answeredAt: at,
      },
      overdueMs,
      log: logged(r, 'answer', ctx, null),
    });
    return {
      next,
      effects: [
        notify(
          next,
          { type: 'person', personId: r.createdBy },
          'referralAnswered',
          `${r.departmentName}已反馈办理情况`,
          replyWording,
          `referral:${r._id}:answered`,
        ),
        audit(next, 'referral.answer', ctx, { overdueMs }),
      ],
    };
  },

  close(r, _e, ctx) {
    if (r.state === 'closed') return fail('REFERRAL_CLOSED');
    if (r.state === 'returned') return fail('REFERRAL_RETURNED');
    if (r.state !== 'answered') return fail('REFERRAL_NOT_ANSWERED');
    if (!hasRole(ctx.actor, 'operator', r.unitId)) return fail('NOT_OPERATOR');
    const next = touched(r, ctx, { state: 'closed', log: logged(r, 'close', ctx, null) });
    return { next, effects: [audit(next, 'referral.close', ctx, {})] };
  },
};

function dispatch<K extends ReferralEventType>(
  r: Referral,
  e: Extract<ReferralEvent, { type: K }>,
  ctx: DomainCtx,
): Transition<Referral> {
  const handler: Handler<Extract<ReferralEvent, { type: K }>> = handlers[e.type];
  return handler(r, e, ctx);
}

/** Applies one event to a referral; a stale version is refused before anything else. */
export function applyReferralEvent(r: Referral, e: ReferralEvent, ctx: DomainCtx): Transition<Referral> {
  return checkRev(r.rev, e.expectedRev) ?? dispatch(r, e, ctx);
}
