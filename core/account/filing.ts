/**
 * 第十四条: the unit's desk files every approved opening, closure and cancellation with the desk one level
 * up, with its documents; the receiving desk acknowledges it or sends it back with a question, which the
 * filer answers by filing again.
 */
import type { AccountRules, Filing, FilingStep } from '../../typings/account';
import type { WorkCalendar } from '../calendar/calendar';
import { deadlineAfterWorkingDays } from '../calendar/deadline';
import { toBeijingIso } from '../time';
import type { ActorContext, AuditEffect, Result } from './application';
import { FILING_EVENT_LABELS, platformLabel } from './catalogue';
import { staffOfDesk } from './deciders';
import { accountError } from './errors';
import { linkTo, type Notice } from './notices';

function step(kind: FilingStep['step'], ctx: ActorContext, note: string | null): FilingStep {
  return { step: kind, at: toBeijingIso(ctx.now), personId: ctx.actor._id, personName: ctx.actor.name, note };
}

const title = (f: Filing): string => `${FILING_EVENT_LABELS[f.event]}：${platformLabel(f.platform)}“${f.accountName}”`;

function audit(f: Filing, summary: string, ctx: ActorContext, action: AuditEffect['action']): AuditEffect {
  return {
    kind: 'audit',
    action,
    object: { collection: 'filings', id: f._id },
    summary,
    changes: [{ field: 'state', from: null, to: f.state }],
    unitPath: ctx.tree.byId.get(f.unitId)?.path ?? f.unitPath,
  };
}

function notice(
  f: Filing,
  kind: Notice['kind'],
  deskId: string,
  heading: string,
  text: string,
  status: string,
): Notice {
  return {
    kind,
    to: [{ desk: deskId }],
    title: heading,
    text,
    link: linkTo('filing', { id: f._id }),
    subject: { collection: 'filings', id: f._id },
    values: {
      subject: f.accountName,
      status,
      eventAt: f.updatedAt,
      dueAt: f.acknowledgeDueAt ?? f.dueAt,
      remark: text,
    },
    occasion: `rev${f.rev}`,
  };
}

const done = (next: Filing, notices: Notice[], audits: AuditEffect[]): Result<Filing> => ({
  ok: true,
  value: { next, account: null, filing: null, notices, audits },
});

export function submitFiling(
  f: Filing,
  input: { note: string; documents: string[] },
  ctx: ActorContext & { rules: AccountRules; calendar: WorkCalendar },
): Result<Filing> {
  if (!staffOfDesk(ctx.actor, f.filerDeskId)) return { ok: false, error: accountError('NOT_FILER') };
  if (f.state !== 'due' && f.state !== 'queried') return { ok: false, error: accountError('FILING_STATE') };
  const note = input.note.trim();
  if (note === '') return { ok: false, error: accountError('NOTE_REQUIRED', '请填写备案说明') };
  const at = toBeijingIso(ctx.now);
  const next: Filing = {
    ...f,
    state: 'filed',
    filedAt: at,
    acknowledgeDueAt: deadlineAfterWorkingDays(ctx.now, ctx.rules.acknowledgeWorkingDays, ctx.calendar).deadline,
    note,
    documents: [...new Set(input.documents)],
    log: [...f.log, step('file', ctx, note)],
    updatedAt: at,
    rev: f.rev + 1,
  };
  return done(
    next,
    [notice(next, 'filingReceived', f.receiverDeskId, '收到账号变更备案', title(next), '待确认')],
    [audit(next, `报备${title(next)}`, ctx, 'account.submitFiling')],
  );
}

export function acknowledgeFiling(f: Filing, note: string | null, ctx: ActorContext): Result<Filing> {
  if (!staffOfDesk(ctx.actor, f.receiverDeskId)) return { ok: false, error: accountError('NOT_RECEIVER') };
  if (f.state !== 'filed') return { ok: false, error: accountError('FILING_STATE') };
  const at = toBeijingIso(ctx.now);
  const next: Filing = {
    ...f,
    state: 'acknowledged',
    acknowledgedAt: at,
    log: [...f.log, step('acknowledge', ctx, note)],
    updatedAt: at,
    rev: f.rev + 1,
  };
  return done(next, [], [audit(next, `确认${title(next)}`, ctx, 'account.acknowledgeFiling')]);
}

export function queryFiling(f: Filing, question: string, ctx: ActorContext): Result<Filing> {
  if (!staffOfDesk(ctx.actor, f.receiverDeskId)) return { ok: false, error: accountError('NOT_RECEIVER') };
  if (f.state !== 'filed') return { ok: false, error: accountError('FILING_STATE') };
  const q = question.trim();
  if (q === '') return { ok: false, error: accountError('NOTE_REQUIRED', '请填写质询内容') };
  const at = toBeijingIso(ctx.now);
  const next: Filing = {
    ...f,
    state: 'queried',
    acknowledgeDueAt: null,
    log: [...f.log, step('query', ctx, q)],
    updatedAt: at,
    rev: f.rev + 1,
  };
  return done(
    next,
    [notice(next, 'filingQueried', f.filerDeskId, '备案被质询', `${title(next)}：${q}`, '已质询')],
    [audit(next, `质询${title(next)}：${q}`, ctx, 'account.queryFiling')],
  );
}
