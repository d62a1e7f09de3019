/**
 * The security function's timer (config.json trigger `securityMinute`, every minute): keeps account
 * security records in step with the audit log, sends the rotation reminders that have come, and walks
 * the accounts on the province's training reminder days. Only the platform's timer comes without an
 * OPENID; a mini-program user sending a timer-shaped event is refused, and every other event goes to
 * the actions.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as v from 'valibot';
import { commonErrors } from '../../core/errors';
import { callerIdentity } from '../cloud';
import type { Main } from '../dispatch';
import { timerContext } from '../planners';
import { runRotationSweep, runTrainingSweep } from './reminders';
import { runSync } from './sync';

/** config.json gives the function 60 s (the platform's most, docs/security.md); work stops being started after this. */
export const SECURITY_RUN_BUDGET_MS = 40_000;

const timerEvent = v.object({ Type: v.literal('Timer'), TriggerName: v.string() });

export function withSecurityTimer(actions: Main): Main {
  return async (event, context) => {
    if (!v.is(timerEvent, event)) return actions(event, context);
    if (callerIdentity().openid !== null) {
      return { ok: false, error: { code: 'TIMER_ONLY', message: '该操作仅由定时触发器调用' } };
    }
    const started = performance.now();
    const outOfTime = (): boolean => performance.now() - started > SECURITY_RUN_BUDGET_MS;
    try {
      const ctx = timerContext(Date.now(), randomUUID(), () => randomUUID().replace(/-/g, ''));
      const sync = await runSync(ctx, outOfTime);
      const rotation = await runRotationSweep(ctx, outOfTime);
      const training = await runTrainingSweep(ctx, outOfTime);
      const data = { sync, rotation, training };
      console.log(JSON.stringify({ timer: event.TriggerName, security: data }));
      return { ok: true, data };
    } catch (err) {
      console.error('[security timer]', err);
      const internal = commonErrors.internal();
      return { ok: false, error: { code: internal.code, message: internal.message } };
    }
  };
}
