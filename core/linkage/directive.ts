/**
 * A linkage directive's rules (第三十四条), free of the platform: who may issue, what a directive must
 * say, its clock (window, reminders, grace, closing), what a response is and when it is late, and
 * what the timer has to do next. Plain functions over plain data; the shell loads and saves.
 */
import type { IsoTime } from '../../typings/common';
import type { Unit } from '../../typings/org';
import type {
  Directive,
  DirectiveKind,
  DirectiveTarget,
  DirectiveTargets,
  IssueParams,
  LinkageResponse,
  LinkageSettings,
  ResponseKind,
  TargetState,
} from '../../typings/linkage';
import type { DomainError } from '../errors';
import { beijingDay, formatBeijing, toBeijingIso } from '../time';
import { linkageError } from './errors';

const MINUTE = 60_000;

export const KIND_LABELS: { readonly [K in DirectiveKind]: string } = {
  publicity: '重大正面宣传',
  opinion: '涉警舆情处置',
};

export const RESPONSE_KIND_LABELS: { readonly [K in ResponseKind]: string } = {
  repost: '转发',
  original: '原创发布',
  comment: '评论',
};

export const TARGET_STATE_LABELS: { readonly [S in TargetState]: string } = {
  pending: '未响应',
  onTime: '按时响应',
  late: '超时响应',
  none: '未响应',
  withdrawn: '已撤回',
};

export const DIRECTIVE_STATE_LABELS: { readonly [S in Directive['state']]: string } = {
  open: '进行中',
  closed: '已结束',
  withdrawn: '已撤回',
};

/** 第三十四条's hour; the province desk may change the default and the grace (`linkageSettings`). */
export const DEFAULT_SETTINGS: LinkageSettings = {
  _id: 'settings',
  cityDesks: 'none',
  cityIds: [],
  defaultWindowMinutes: 60,
  graceMinutes: 30,
  updatedAt: null,
  updatedBy: null,
  rev: 0,
};

export const LIMITS = {
  title: 64,
  content: 2000,
  wording: 1000,
  link: 500,
  reason: 200,
  note: 200,
  windowMin: 10,
  windowMax: 720,
  graceMax: 1440,
  /** A hand-picked list; larger calls use a filter. */
  pickedAccounts: 500,
} as const;

/** The board's sort key of a target without a response: above every response time. */
export const SILENT_RANK = Number.MAX_SAFE_INTEGER;

const chars = (s: string): number => [...s].length;

export function isHttpLink(link: string): boolean {
  return /^https?:\/\/[^\s]+$/iu.test(link) && chars(link) <= LIMITS.link;
}

/**
 * 第三十四条 names 省厅政治部宣传处; a city desk calls its own matrix only where the province's settings
 * allow it. `bureau` is the bureau whose desk the caller works in.
 */
export function mayIssue(bureau: Unit, settings: LinkageSettings): DomainError | null {
  if (bureau.kind !== 'bureau' || (bureau.level !== 'province' && bureau.level !== 'city'))
    return linkageError('ISSUER_LEVEL');
  if (bureau.level === 'province') return null;
  if (settings.cityDesks === 'all') return null;
  if (settings.cityDesks === 'listed' && settings.cityIds.includes(bureau._id)) return null;
  return linkageError('CITY_NOT_ALLOWED');
}

/** What the desk wrote, checked before anything is resolved. */
export function checkIssue(input: IssueParams): DomainError | null {
  const title = input.title.trim();
  if (!title) return linkageError('TITLE_REQUIRED');
  if (chars(title) > LIMITS.title) return linkageError('TITLE_TOO_LONG');
  if (!input.content.trim() && !input.link) return linkageError('CONTENT_REQUIRED');
  if (chars(input.content) > LIMITS.content) return linkageError('CONTENT_TOO_LONG');
  if (chars(input.wording) > LIMITS.wording) return linkageError('WORDING_TOO_LONG');
  if (input.link !== null && !isHttpLink(input.link.trim())) return linkageError('INVALID_LINK');
  if (input.responseKinds.length === 0) return linkageError('RESPONSE_KINDS_REQUIRED');
  const w = input.windowMinutes;
  if (w !== undefined && (!Number.isInteger(w) || w < LIMITS.windowMin || w > LIMITS.windowMax))
    return linkageError('WINDOW_INVALID');
  return null;
}

export interface DirectiveClock {
  dueAt: IsoTime;
  closesAt: IsoTime;
  reminderAts: IsoTime[];
}

/**
 * The clock every target shares from the moment of issue. Reminders to the silent at half the window
 * and ten minutes before its end (+30 and +50 for the article's hour); the late report at the end;
 * closing after the grace.
 */
export function clockOf(issuedAt: number, windowMinutes: number, graceMinutes: number): DirectiveClock {
  const due = issuedAt + windowMinutes * MINUTE;
  const stages = [Math.floor(windowMinutes / 2), windowMinutes - 10].filter((m) => m > 0 && m < windowMinutes);
  const reminders = [...new Set(stages)].sort((a, b) => a - b);
  return {
    dueAt: toBeijingIso(due),
    closesAt: toBeijingIso(due + graceMinutes * MINUTE),
    reminderAts: reminders.map((m) => toBeijingIso(issuedAt + m * MINUTE)),
  };
}

export const monthOf = (ms: number): string => beijingDay(ms).slice(0, 7);

const ms = (iso: IsoTime): number => Date.parse(iso);

// --- the timer's steps ---------------------------------------------------------------------------------

export type DirectiveStep =
  | { kind: 'fanout' }
  /** `stale`: its moment passed with the window (the timer was down): marked done, not sent. */
  | { kind: 'remind'; stage: number; stale: boolean }
  | { kind: 'reportLate' }
  | { kind: 'close' };

/** The times of what is still to do, in order. */
function pendingSteps(d: Directive): { step: DirectiveStep; at: number }[] {
  if (d.fanout.phase !== 'done') return [{ step: { kind: 'fanout' }, at: 0 }];
  if (d.state !== 'open') return [];
  const out: { step: DirectiveStep; at: number }[] = [];
  const due = ms(d.dueAt);
  for (let stage = d.steps.reminders; stage < d.reminderAts.length; stage++) {
    const at = ms(d.reminderAts[stage] ?? d.dueAt);
    out.push({ step: { kind: 'remind', stage, stale: false }, at });
  }
  if (!d.steps.lateReported) out.push({ step: { kind: 'reportLate' }, at: due });
  out.push({ step: { kind: 'close' }, at: ms(d.closesAt) });
  return out;
}

/** The next step due at `now`, in order (a reminder before the late report before closing). */
export function dueStep(d: Directive, now: number): DirectiveStep | null {
  const first = pendingSteps(d)[0];
  if (!first || first.at > now) return null;
  if (first.step.kind === 'remind' && now >= ms(d.dueAt)) return { ...first.step, stale: true };
  return first.step;
}

/** When the timer should look at the directive again; null when nothing is left. */
export function nextStepAt(d: Directive): IsoTime | null {
  const first = pendingSteps(d)[0];
  if (!first) return null;
  // A fan-out under lease waits for its holder; the timer takes over once the lease lapses.
  return first.at === 0 ? (d.fanout.leaseUntil ?? d.updatedAt) : toBeijingIso(first.at);
}

/** The directive after a step (or a fan-out phase) was done: bookkeeping only, never its content. */
export function afterStep(d: Directive, step: DirectiveStep, now: number): Directive {
  const at = toBeijingIso(now);
  let next: Directive = { ...d, updatedAt: at };
  if (step.kind === 'remind') next = { ...next, steps: { ...d.steps, reminders: step.stage + 1 } };
  if (step.kind === 'reportLate') next = { ...next, steps: { ...d.steps, lateReported: true } };
  if (step.kind === 'close') next = { ...next, state: 'closed', closedAt: at };
  const when = nextStepAt(next);
  return { ...next, nextStepAt: when, open: when !== null };
}

/** The fan-out moved on to `phase` (done: the last notice is queued). */
export function afterFanout(
  d: Directive,
  phase: Directive['fanout']['phase'],
  notices: number,
  now: number,
): Directive {
  const at = toBeijingIso(now);
  const done = phase === 'done';
  const next: Directive = {
    ...d,
    fanout: {
      ...d.fanout,
      phase,
      notices: d.fanout.notices + notices,
      doneAt: done ? at : null,
      ...(done ? { leaseOwner: null, leaseUntil: null } : {}),
    },
    updatedAt: at,
  };
  const when = nextStepAt(next);
  return { ...next, nextStepAt: when, open: when !== null };
}

// --- withdrawal ------------------------------------------------------------------------------------------

export function withdraw(
  d: Directive,
  reason: string,
  actor: { id: string; name: string },
  now: number,
): { ok: true; next: Directive } | { ok: false; error: DomainError } {
  const text = reason.trim();
  if (!text) return { ok: false, error: linkageError('REASON_REQUIRED') };
  if (chars(text) > LIMITS.reason) return { ok: false, error: linkageError('REASON_TOO_LONG') };
  if (d.state !== 'open') return { ok: false, error: linkageError('NOT_WITHDRAWABLE') };
  if (d.fanout.phase !== 'done') return { ok: false, error: linkageError('FANOUT_RUNNING') };
  const at = toBeijingIso(now);
  const next: Directive = {
    ...d,
    state: 'withdrawn',
    withdrawal: { reason: text, byId: actor.id, byName: actor.name, at },
    fanout: {
      purpose: 'withdraw',
      phase: 'targets',
      leaseOwner: null,
      leaseUntil: null,
      startedAt: at,
      doneAt: null,
      notices: 0,
    },
    updatedAt: at,
  };
  return { ok: true, next: { ...next, open: true, nextStepAt: at } };
}

// --- responses -------------------------------------------------------------------------------------------

export interface ResponseInput {
  kind: ResponseKind;
  link: string;
  screenshot: string | null;
  note: string;
  postId: string | null;
  byId: string;
  byName: string;
  /** When the response was made (the call, or an original post's recorded publication). */
  at: number;
}

/** What a response adds to the target's tallies. */
export interface TallyDelta {
  onTime: number;
  late: number;
  afterClose: number;
}

const sameDay = (a: number, b: number): boolean => beijingDay(a) === beijingDay(b);

/** 10:12 today, 11-28 10:12 another day. */
export function shortTime(iso: IsoTime, now: number): string {
  const t = ms(iso);
  const full = formatBeijing(t);
  return sameDay(t, now) ? full.slice(11) : full.slice(5);
}

export function alreadyResponded(target: DirectiveTarget, now: number): DomainError {
  const r = target.response;
  return linkageError('ALREADY_RESPONDED', r ? `${r.byName} 于 ${shortTime(r.at, now)} 登记` : undefined);
}

/**
 * The same response again: a retried call or a second tap of the one who made it (the same kind and
 * link), or the same published post registered again (by hand after the publication registered it).
 * It answers what was recorded; anything else is a second response and refused.
 */
export function isRepeat(recorded: LinkageResponse, input: ResponseInput): boolean {
  if (recorded.postId !== null || input.postId !== null) return recorded.postId === input.postId;
  return recorded.byId === input.byId && recorded.kind === input.kind && recorded.link === input.link.trim();
}

const NO_DELTA: TallyDelta = { onTime: 0, late: 0, afterClose: 0 };

/**
 * One account's response. The clock started at issue: within the window it is on time, after it
 * late; after closing it is still kept (never lost) and counted late. Nothing changes on a refusal,
 * nor on a repeat (`repeat`: the target as recorded, nothing to write).
 */
export function respond(
  target: DirectiveTarget,
  d: Directive,
  input: ResponseInput,
  now: number,
): { ok: true; next: DirectiveTarget; delta: TallyDelta; repeat: boolean } | { ok: false; error: DomainError } {
  const fail = (error: DomainError): { ok: false; error: DomainError } => ({ ok: false, error });
  if (target.state === 'onTime' || target.state === 'late') {
    if (target.response && isRepeat(target.response, input))
      return { ok: true, next: target, delta: NO_DELTA, repeat: true };
    return fail(alreadyResponded(target, now));
  }
  if (d.state === 'withdrawn' || target.state === 'withdrawn') return fail(linkageError('DIRECTIVE_WITHDRAWN'));
  if (!d.responseKinds.includes(input.kind)) return fail(linkageError('KIND_NOT_ACCEPTED'));
  const link = input.link.trim();
  if (!link) return fail(linkageError('LINK_REQUIRED'));
  if (!isHttpLink(link)) return fail(linkageError('INVALID_LINK'));
  if (chars(input.note) > LIMITS.note) return fail(linkageError('NOTE_TOO_LONG'));
  if (input.screenshot !== null && !/^cloud:\/\/\S+$/u.test(input.screenshot))
    return fail(linkageError('INVALID_SCREENSHOT'));

  const issued = ms(d.issuedAt);
  const at = Math.max(input.at, issued);
  const late = at > ms(d.dueAt);
  const afterClose = d.state === 'closed' || target.state === 'none' || now >= ms(d.closesAt);
  const elapsedMs = at - issued;
  const response: LinkageResponse = {
    kind: input.kind,
    link,
    screenshot: input.screenshot,
    note: input.note.trim(),
    postId: input.postId,
    byId: input.byId,
    byName: input.byName,
    at: toBeijingIso(at),
    recordedAt: toBeijingIso(now),
    elapsedMs,
    late: late || afterClose,
    afterClose,
  };
  const state: TargetState = response.late ? 'late' : 'onTime';
  return {
    ok: true,
    next: { ...target, state, response, elapsedMs, rank: elapsedMs, updatedAt: toBeijingIso(now), rev: target.rev + 1 },
    delta: { onTime: state === 'onTime' ? 1 : 0, late: state === 'late' ? 1 : 0, afterClose: afterClose ? 1 : 0 },
    repeat: false,
  };
}

/** A correction follows up a directive of the same desk's matrix (it is a new directive of its own). */
export function checkCorrection(original: Directive | null, scopeUnitId: string): DomainError | null {
  if (!original) return linkageError('CORRECTION_NOT_FOUND');
  if (original.scopeUnitId !== scopeUnitId) return linkageError('CORRECTION_OTHER_DESK');
  return null;
}

/** The targets in words, for lists and notices. */
export function targetsLabel(
  targets: DirectiveTargets,
  names: { scope: string; units: ReadonlyMap<string, string>; platforms: ReadonlyMap<string, string> },
): string {
  if (targets.mode === 'accounts') return `指定 ${targets.accountIds.length} 个账号`;
  const parts: string[] = [];
  parts.push(
    targets.unitIds.length === 0
      ? `${names.scope}全部账号`
      : targets.unitIds.map((id) => names.units.get(id) ?? id).join('、'),
  );
  if (targets.platforms.length > 0) parts.push(targets.platforms.map((p) => names.platforms.get(p) ?? p).join('、'));
  return parts.join(' · ');
}

// --- a response post waiting at an approval step ---------------------------------------------------------

/**
 * 第三十四条 meets the waiting-step reminders (第十五条、第十六条 review, 第二十九条 the leader): an
 * original response waits at a step a short span of plain minutes (`spanMinutes`, deployment data),
 * but the directive's deadline does not wait: the approver is reminded after the span or one span
 * before the deadline, whichever comes first, and the leader above after twice the span or half a span
 * before the deadline — never before the wait began. A response already late waits the plain span.
 */
export function responseWaitingTimes(
  sinceMs: number,
  dueMs: number,
  spanMinutes: number,
): { remindAt: number; escalateAt: number } {
  const span = spanMinutes * MINUTE;
  if (sinceMs >= dueMs) return { remindAt: sinceMs + span, escalateAt: sinceMs + 2 * span };
  const remindAt = Math.max(sinceMs, Math.min(sinceMs + span, dueMs - span));
  const escalateAt = Math.max(remindAt, Math.min(sinceMs + 2 * span, dueMs - Math.round(span / 2)));
  return { remindAt, escalateAt };
}
