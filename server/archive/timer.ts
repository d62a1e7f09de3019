/**
 * The archive function's timer (config.json trigger `archiveMinute`, every minute): starts each
 * bureau's archive of the month just ended, then builds the archives still building, a chunk at a
 * time, until the run's budget is spent (what is left goes on next minute). Only the platform's
 * timer comes without an OPENID; a timer-shaped event from a mini-program user is refused.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as v from 'valibot';
import { commonErrors } from '../../core/errors';
import { callerIdentity } from '../cloud';
import type { Main } from '../dispatch';
import { timerContext } from '../planners';
import { ARCHIVE_RUN_BUDGET_MS, runArchives } from './build';

const timerEvent = v.object({ Type: v.literal('Timer'), TriggerName: v.string() });

export function withArchiveTimer(actions: Main): Main {
  return async (event, context) => {
    if (!v.is(timerEvent, event)) return actions(event, context);
    if (callerIdentity().openid !== null) {
      return { ok: false, error: { code: 'TIMER_ONLY', message: '该操作仅由定时触发器调用' } };
    }
    const started = performance.now();
    const outOfTime = (): boolean => performance.now() - started > ARCHIVE_RUN_BUDGET_MS;
    try {
      const requestId = randomUUID();
      const ctx = timerContext(Date.now(), requestId, () => randomUUID().replace(/-/g, ''));
      const data = await runArchives(ctx, requestId, outOfTime);
      console.log(JSON.stringify({ timer: event.TriggerName, archive: data }));
      return { ok: true, data };
    } catch (err) {
      console.error('[archive timer]', err);
      const internal = commonErrors.internal();
      return { ok: false, error: { code: internal.code, message: internal.message } };
    }
  };
}
