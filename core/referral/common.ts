/** What every message and referral transition shares: its answer shape, its context, role checks. */
import type { Role } from '../../typings/org';
import type { Actor, Effect, ReferralConfig } from '../../typings/referral';
import type { WorkCalendar } from '../calendar/calendar';
import type { DomainError } from '../errors';

/** One event applied: the next state and what the shell must do, or a refusal. */
export type Transition<S> = { next: S; effects: Effect[] } | DomainError;

export interface DomainCtx {
  /** The instant of the request (epoch ms), from the shell's clock. */
  now: number;
  actor: Actor;
  calendar: WorkCalendar;
  config: ReferralConfig;
}

export const DEFAULT_REFERRAL_CONFIG: ReferralConfig = {
  cutoff: { hour: 17, minute: 0 },
  dueSoon: { workingDays: 1, hours: 2 },
  generalReplyWorkingDays: 1,
  maxExtensionWorkingDays: 7,
};

/** The environment variables that set the referral rules per deployment (config.json envVariables). */
export const REFERRAL_ENV_KEYS = {
  cutoff: 'REFERRAL_CUTOFF', // HH:mm, Beijing time (default 17:00)
  dueSoonWorkingDays: 'REFERRAL_DUE_SOON_WORKING_DAYS',
  dueSoonHours: 'REFERRAL_DUE_SOON_HOURS',
  generalReplyWorkingDays: 'REFERRAL_GENERAL_REPLY_WORKING_DAYS',
} as const;

/**
 * The deployment's referral rules: each variable that is set must be well formed, or the function
 * refuses to start with a message naming it — a mistyped cut-off must not silently move deadlines.
 */
export function referralConfigFrom(env: Readonly<Record<string, string | undefined>>): ReferralConfig {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key}=${raw}（应为 ${min}–${max} 的整数）`);
      return fallback;
    }
    return n;
  };
  let cutoff = DEFAULT_REFERRAL_CONFIG.cutoff;
  const rawCutoff = env[REFERRAL_ENV_KEYS.cutoff];
  if (rawCutoff !== undefined && rawCutoff !== '') {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(rawCutoff);
    if (m) cutoff = { hour: Number(m[1]), minute: Number(m[2]) };
    else problems.push(`${REFERRAL_ENV_KEYS.cutoff}=${rawCutoff}（应为 HH:mm）`);
  }
  const config: ReferralConfig = {
    cutoff,
    dueSoon: {
      workingDays: int(REFERRAL_ENV_KEYS.dueSoonWorkingDays, DEFAULT_REFERRAL_CONFIG.dueSoon.workingDays, 0, 7),
      hours: int(REFERRAL_ENV_KEYS.dueSoonHours, DEFAULT_REFERRAL_CONFIG.dueSoon.hours, 0, 23),
    },
    generalReplyWorkingDays: int(
      REFERRAL_ENV_KEYS.generalReplyWorkingDays,
      DEFAULT_REFERRAL_CONFIG.generalReplyWorkingDays,
      1,
      30,
    ),
    maxExtensionWorkingDays: DEFAULT_REFERRAL_CONFIG.maxExtensionWorkingDays,
  };
  if (problems.length > 0) throw new RangeError(`流转配置有误：${problems.join('；')}`);
  return config;
}

export function hasRole(actor: Actor, role: Role, unitId: string): boolean {
  return actor.roles.some((g) => g.role === role && g.unitId === unitId);
}

/** Trimmed text, or null when nothing is left. */
export function text(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t === '' ? null : t;
}
