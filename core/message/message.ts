/**
 * A netizen message from recording to its outcome: "load → apply one event → save". Every message
 * ends closed with an outcome its triage allows, and only once the steps that outcome needs are done.
 */
import type { IsoTime } from '../../typings/common';
import type {
  AuditAction,
  AuditEffect,
  Effect,
  Message,
  MessageEvent,
  MessageEventType,
  MessageInput,
  NotifyEffect,
  Referral,
} from '../../typings/referral';
import { deadlineAfterWorkingDays } from '../calendar/deadline';
import { toBeijingIso } from '../time';
import { hasRole, text, type DomainCtx, type Transition } from '../referral/common';
import type { DomainError } from '../errors';
import { checkRev, fail } from '../referral/errors';
import { OUTCOME_RULES, suggestTriage, TRIAGE_RULES, type Step, type TriageRule } from './triage';

/** What closing and re-triage need to know of the message's referrals (loaded by messageId). */
export type MessageReferral = Pick<Referral, '_id' | 'state' | 'answer'>;

export interface MessageCtx extends DomainCtx {
  referrals: readonly MessageReferral[];
}

export const MAX_MESSAGE_TEXT = 5000;
export const MAX_NICKNAME = 100;
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function audit(message: Message, action: AuditAction, ctx: DomainCtx, detail: AuditEffect['detail']): AuditEffect {
  return {
    kind: 'audit',
    action,
    subject: { type: 'message', id: message._id },
    actorId: ctx.actor.personId,
    at: toBeijingIso(ctx.now),
    detail,
  };
}

function excerpt(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * The size rules of one message, on their own so the shell checks them at the edge — before any
 * screening or database work — and `recordMessage` again.
 */
export function messageSizeProblem(rawText: string, rawNickname: string | null): DomainError | null {
  const body = text(rawText);
  if (body && body.length > MAX_MESSAGE_TEXT) return fail('MESSAGE_INVALID', `留言内容不能超过${MAX_MESSAGE_TEXT}字`);
  const nickname = text(rawNickname);
  if (nickname && nickname.length > MAX_NICKNAME) return fail('MESSAGE_INVALID', `昵称不能超过${MAX_NICKNAME}字`);
  return null;
}

/** Records one message received on an account. */
export function recordMessage(id: string, input: MessageInput, ctx: DomainCtx): Transition<Message> {
  if (!hasRole(ctx.actor, 'operator', input.unitId)) return fail('NOT_OPERATOR');
  const body = text(input.text);
  if (!body) return fail('MESSAGE_INVALID', '留言内容不能为空');
  const tooBig = messageSizeProblem(body, input.senderNickname);
  if (tooBig) return tooBig;
  const nickname = text(input.senderNickname);
  const received = Date.parse(input.receivedAt);
  if (Number.isNaN(received)) return fail('MESSAGE_INVALID', '接收时间不合法');
  if (received > ctx.now + CLOCK_SKEW_MS) return fail('MESSAGE_INVALID', '接收时间不能晚于当前时间');
  const link = text(input.link);
  if (link && !/^https?:\/\/\S+$/i.test(link)) return fail('MESSAGE_INVALID', '链接须以 http:// 或 https:// 开头');

  const now = toBeijingIso(ctx.now);
  const next: Message = {
    _id: id,
    accountId: input.accountId,
    unitId: input.unitId,
    platform: input.platform,
    senderNickname: nickname,
    text: body,
    receivedAt: toBeijingIso(received),
    link,
    suggestedTriage: suggestTriage(input.screeningCategories),
    triage: null,
    raisesProblem: false,
    state: 'received',
    replies: [],
    notices: [],
    cleanedUpAt: null,
    replyTargetAt: null,
    outcome: null,
    closedAt: null,
    closedBy: null,
    recordedBy: ctx.actor.personId,
    createdAt: now,
    updatedAt: now,
    rev: 1,
  };
  return { next, effects: [audit(next, 'message.record', ctx, { suggestedTriage: next.suggestedTriage })] };
}

type Handler<E extends MessageEvent> = (
  m: Message,
  e: E,
  rule: TriageRule | null,
  ctx: MessageCtx,
) => Transition<Message>;
type Handlers = { [K in MessageEventType]: Handler<Extract<MessageEvent, { type: K }>> };

function touched(m: Message, ctx: DomainCtx, patch: Partial<Message>): Message {
  return { ...m, ...patch, updatedAt: toBeijingIso(ctx.now), rev: m.rev + 1 };
}

function openReferrals(ctx: MessageCtx): MessageReferral[] {
  return ctx.referrals.filter((r) => r.state === 'pending' || r.state === 'signed');
}

function noticeSatisfies(m: Message, rule: TriageRule): boolean {
  const need = rule.notice;
  if (!need) return true;
  return m.notices.some((n) => need.functions === 'any' || need.functions.includes(n.departmentFunction));
}

/** The reply that answers a referral must come after the department's answer (its 回复口径). */
function latestAnswerAt(ctx: MessageCtx): number | null {
  const times = ctx.referrals.flatMap((r) => (r.answer ? [Date.parse(r.answer.answeredAt)] : []));
  return times.length ? Math.max(...times) : null;
}

function missingSteps(m: Message, rule: TriageRule, needs: readonly Step[], ctx: MessageCtx): string[] {
  const answeredAt = latestAnswerAt(ctx);
  const checks: { [S in Step]: () => string | null } = {
    reply: () => (m.replies.length > 0 ? null : '回复网民'),
    notice: () => (noticeSatisfies(m, rule) ? null : (rule.notice?.label ?? '通报有关部门')),
    cleanUp: () => (m.cleanedUpAt ? null : '清理违法违规信息（第二十六条）'),
    answeredReferral: () => (answeredAt !== null ? null : '承办部门反馈办理情况及回复口径（第二十七条）'),
    replyAfterReferral: () =>
      answeredAt !== null && m.replies.some((r) => Date.parse(r.at) >= answeredAt) ? null : '按回复口径回复网民',
  };
  return needs.map((s) => checks[s]()).filter((x): x is string => x !== null);
}

const handlers: Handlers = {
  triage(m, e, _rule, ctx) {
    if (openReferrals(ctx).length > 0 || ctx.referrals.some((r) => r.state === 'answered'))
      return fail('TRIAGE_LOCKED');
    const next = touched(m, ctx, {
      triage: e.triage,
      raisesProblem: e.triage === 'abusive' && e.raisesProblem,
      state: 'triaged',
    });
    return {
      next,
      effects: [
        audit(next, 'message.triage', ctx, { from: m.triage, to: e.triage, raisesProblem: next.raisesProblem }),
      ],
    };
  },

  reply(m, e, rule, ctx) {
    if (!rule) return fail('TRIAGE_REQUIRED');
    const body = text(e.text);
    if (!body) return fail('REPLY_EMPTY');
    if (rule.reply === 'forbidden')
      return fail('REPLY_NOT_ALLOWED', '违法违规信息不予回复，应通报网安部门并清理（第二十四条、第二十六条）');
    if (rule.reply === 'ifProblem' && !m.raisesProblem)
      return fail('REPLY_NOT_ALLOWED', '谩骂性言论不予回复，不得参与网络骂战（第二十三条）');
    if (rule.replyMustMention.length > 0 && !rule.replyMustMention.some((w) => body.includes(w))) {
      return fail('REPLY_MUST_MENTION', rule.replyMustMentionMessage ?? undefined);
    }
    if (rule.noticeBeforeReply && !noticeSatisfies(m, rule)) {
      return fail('NOTICE_REQUIRED_FIRST', `请先${rule.notice?.label ?? '通报有关部门'}，再按统一部署回应`);
    }
    const at = toBeijingIso(ctx.now);
    const next = touched(m, ctx, {
      replies: [...m.replies, { text: body, at, by: ctx.actor.personId, followUp: false }],
    });
    return { next, effects: [audit(next, 'message.reply', ctx, { length: body.length })] };
  },

  notice(m, e, rule, ctx) {
    if (!rule) return fail('TRIAGE_REQUIRED');
    if (m.notices.some((n) => n.unitId === e.target.unitId)) return fail('NOTICE_DUPLICATE');
    const at = toBeijingIso(ctx.now);
    const note = text(e.note) ?? '';
    const next = touched(m, ctx, {
      notices: [
        ...m.notices,
        { unitId: e.target.unitId, departmentFunction: e.target.departmentFunction, note, at, by: ctx.actor.personId },
      ],
    });
    const notify: NotifyEffect = {
      kind: 'notify',
      to: { type: 'unitRole', unitId: e.target.unitId, role: 'departmentHandler' },
      notificationKind: 'messageNotice',
      subject: { type: 'message', id: m._id },
      title: `【通报】${rule.label}`,
      body: note ? `${excerpt(m.text)}（${note}）` : excerpt(m.text),
      dedupeKey: `message:${m._id}:notice:${e.target.unitId}`,
    };
    return {
      next,
      effects: [
        notify,
        audit(next, 'message.notice', ctx, {
          unitId: e.target.unitId,
          departmentFunction: e.target.departmentFunction,
        }),
      ],
    };
  },

  cleanUp(m, _e, rule, ctx) {
    if (!rule) return fail('TRIAGE_REQUIRED');
    if (rule.cleanUp === 'no') return fail('CLEANUP_NOT_ALLOWED');
    if (m.cleanedUpAt) return { next: m, effects: [] };
    const next = touched(m, ctx, { cleanedUpAt: toBeijingIso(ctx.now) });
    return { next, effects: [audit(next, 'message.cleanUp', ctx, {})] };
  },

  defer(m, _e, rule, ctx) {
    if (!rule) return fail('TRIAGE_REQUIRED');
    if (!rule.deferrable) return fail('DEFER_NOT_ALLOWED');
    const target = deadlineAfterWorkingDays(ctx.now, ctx.config.generalReplyWorkingDays, ctx.calendar);
    const next = touched(m, ctx, { replyTargetAt: target.deadline });
    const effects: Effect[] = [
      {
        kind: 'schedule',
        job: 'messageReplyTarget',
        subject: { type: 'message', id: m._id },
        at: target.deadline,
        dedupeKey: `message:${m._id}:replyTarget:${target.deadline}`,
      },
      audit(next, 'message.defer', ctx, {
        replyTargetAt: target.deadline,
        warnings: target.warnings.join('；') || null,
      }),
    ];
    return { next, effects };
  },

  close(m, e, rule, ctx) {
    if (!rule || !m.triage) return fail('TRIAGE_REQUIRED');
    if (!rule.outcomes.includes(e.outcome))
      return fail('OUTCOME_NOT_ALLOWED', `「${rule.label}」不能以「${OUTCOME_RULES[e.outcome].label}」结案`);
    if (e.outcome === 'ignored' && m.raisesProblem)
      return fail('OUTCOME_NOT_ALLOWED', '该留言夹杂问题反映，须对问题理性回应后结案（第二十三条）');
    if (e.outcome === 'ignored' && m.replies.length > 0)
      return fail('OUTCOME_NOT_ALLOWED', '该留言已有回复，不能按不予回复结案');
    if (e.outcome === 'problemAnswered' && !m.raisesProblem)
      return fail('OUTCOME_NOT_ALLOWED', '该留言未标记夹杂问题反映，应不予回复');
    if (openReferrals(ctx).length > 0) return fail('REFERRAL_OPEN');
    const missing = missingSteps(m, rule, OUTCOME_RULES[e.outcome].needs, ctx);
    if (missing.length > 0) return fail('STEPS_MISSING', `结案前须完成：${missing.join('、')}`);
    const at: IsoTime = toBeijingIso(ctx.now);
    const next = touched(m, ctx, { state: 'closed', outcome: e.outcome, closedAt: at, closedBy: ctx.actor.personId });
    return { next, effects: [audit(next, 'message.close', ctx, { triage: m.triage, outcome: e.outcome })] };
  },

  followUp(m, e, rule, ctx) {
    if (!rule?.followUp) return fail('FOLLOW_UP_NOT_ALLOWED');
    const body = text(e.text);
    if (!body) return fail('REPLY_EMPTY');
    const at = toBeijingIso(ctx.now);
    const next = touched(m, ctx, {
      replies: [...m.replies, { text: body, at, by: ctx.actor.personId, followUp: true }],
    });
    return { next, effects: [audit(next, 'message.followUp', ctx, { length: body.length })] };
  },
};

function dispatch<K extends MessageEventType>(
  m: Message,
  e: Extract<MessageEvent, { type: K }>,
  rule: TriageRule | null,
  ctx: MessageCtx,
): Transition<Message> {
  const handler: Handler<Extract<MessageEvent, { type: K }>> = handlers[e.type];
  return handler(m, e, rule, ctx);
}

/** Applies one operator event to a message. */
export function applyMessageEvent(m: Message, e: MessageEvent, ctx: MessageCtx): Transition<Message> {
  const stale = checkRev(m.rev, e.expectedRev);
  if (stale) return stale;
  if (!hasRole(ctx.actor, 'operator', m.unitId)) return fail('NOT_OPERATOR');
  const closed = m.state === 'closed';
  if (closed && e.type !== 'followUp') return fail('MESSAGE_CLOSED');
  if (!closed && e.type === 'followUp') return fail('FOLLOW_UP_NOT_ALLOWED');
  const rule = m.triage ? TRIAGE_RULES[m.triage] : null;
  return dispatch(m, e, rule, ctx);
}
