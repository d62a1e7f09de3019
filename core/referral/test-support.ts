/** Shared fixtures for the message and referral tests (not used by production code). */
import type { Actor, Effect } from '../../typings/referral';
import { createWorkCalendar } from '../calendar/calendar';
import { isDomainError } from '../errors';
import { beijingAt } from '../time';
import { DEFAULT_REFERRAL_CONFIG, type DomainCtx, type Transition } from './common';

export const UNIT = 'county-1';
export const DESK = 'county-1-desk';
export const DEPT = 'county-1-traffic';

export const operator: Actor = { personId: 'op1', roles: [{ role: 'operator', unitId: UNIT }] };
export const handler: Actor = { personId: 'h1', roles: [{ role: 'departmentHandler', unitId: DEPT }] };
export const otherHandler: Actor = { personId: 'h2', roles: [{ role: 'departmentHandler', unitId: DEPT }] };
export const deskStaff: Actor = { personId: 'desk1', roles: [{ role: 'propagandaStaff', unitId: DESK }] };
export const outsider: Actor = { personId: 'x1', roles: [{ role: 'departmentHandler', unitId: 'county-1-criminal' }] };

export const calendar = createWorkCalendar();

export function ctxAt(actor: Actor, day: string, hour: number, minute = 0): DomainCtx {
  return { now: beijingAt(day, hour, minute), actor, calendar, config: DEFAULT_REFERRAL_CONFIG };
}

/** The success of a transition, or a test failure naming the refusal. */
export function ok<S>(t: Transition<S>): { next: S; effects: Effect[] } {
  if (isDomainError(t)) throw new Error(`refused: ${t.code} ${t.message}`);
  return t;
}

/** The refusal's code, or a test failure when the transition went through. */
export function refusal<S>(t: Transition<S>): string {
  if (!isDomainError(t)) throw new Error('expected a refusal');
  return t.code;
}
