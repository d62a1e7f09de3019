/**
 * The evaluation function's timer (config.json trigger `monthlyEvaluation`): after a month ends, each
 * firing continues last month's run for a bounded time (chunks commit with the cursor, so the next
 * firing resumes), and finishes a published month's circular if a publish stopped before storing it.
 * A month already done costs one read. Only the platform's timer comes without an OPENID; a
 * mini-program user sending a timer-shaped event is refused.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { MonthProgress } from '../../typings/evaluation';
import { addMonths, monthOf } from '../../core/evaluation/month';
import { commonErrors } from '../../core/errors';
import { callerIdentity } from '../cloud';
import type { Main } from '../dispatch';
import { loadTree } from '../org';
import { timerContext } from '../planners';
import { loadMonth } from './context';
import { ensureCircular } from './publish';
import { continueRun, progressOf, startRun } from './run';

const timerEvent = v.object({ Type: v.literal('Timer'), TriggerName: v.string() });

export async function runEvaluationTimer(now: number): Promise<MonthProgress> {
  const ctx = timerContext(now, randomUUID(), () => randomUUID().replace(/-/g, ''));
  const month = addMonths(monthOf(now), -1);
  const doc = await loadMonth(month);
  if (!doc) {
    await startRun(month, ctx);
    return progressOf(await continueRun(month, ctx), month);
  }
  if (doc.state === 'published') {
    if (!doc.circular) await ensureCircular(doc, await loadTree());
    return progressOf(doc, month);
  }
  if (doc.phase === 'done') return progressOf(doc, month);
  return progressOf(await continueRun(month, ctx), month);
}

export function withEvaluationTimer(actions: Main): Main {
  return async (event, context) => {
    if (!v.is(timerEvent, event)) return actions(event, context);
    if (callerIdentity().openid !== null) {
      return { ok: false, error: { code: 'TIMER_ONLY', message: '该操作仅由定时触发器调用' } };
    }
    try {
      const report = await runEvaluationTimer(Date.now());
      console.log(JSON.stringify({ timer: event.TriggerName, evaluation: report }));
      return { ok: true, data: report };
    } catch (err) {
      console.error('[evaluation timer]', err);
      const internal = commonErrors.internal();
      return { ok: false, error: { code: internal.code, message: internal.message } };
    }
  };
}
