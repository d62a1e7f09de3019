/**
 * The post function's timer (config.json trigger `postCadence`): the daily 第十九条 reminder run. Only
 * the platform's timer comes without an OPENID; a mini-program user sending a timer-shaped event is
 * refused, and every other event goes to the actions.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { commonErrors } from '../../core/errors';
import { callerIdentity } from '../cloud';
import type { Main } from '../dispatch';
import { timerContext } from '../planners';
import { runCadenceReminders } from './cadence';

const timerEvent = v.object({ Type: v.literal('Timer'), TriggerName: v.string() });

export function withCadenceTimer(actions: Main): Main {
  return async (event, context) => {
    if (!v.is(timerEvent, event)) return actions(event, context);
    if (callerIdentity().openid !== null) {
      return { ok: false, error: { code: 'TIMER_ONLY', message: '该操作仅由定时触发器调用' } };
    }
    try {
      const report = await runCadenceReminders(
        timerContext(Date.now(), randomUUID(), () => randomUUID().replace(/-/g, '')),
      );
      console.log(JSON.stringify({ timer: event.TriggerName, cadence: report }));
      return { ok: true, data: report };
    } catch (err) {
      console.error('[cadence timer]', err);
      const internal = commonErrors.internal();
      return { ok: false, error: { code: internal.code, message: internal.message } };
    }
  };
}
