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

export function hasRole(actor: Actor, role: Role, unitId: string): boolean {
  return actor.roles.some((g) => g.role === role && g.unitId === unitId);
}

/** Trimmed text, or null when nothing is left. */
export function text(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t === '' ? null : t;
}
