/**
 * The timer function's entry: every minute (config.json trigger, Beijing time) it runs the reminder
 * planners, then delivers what is due. It answers timer events only: any mini-program user could
 * call a cloud function by name, and only the platform's timer comes without an OPENID.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as v from 'valibot';
import { callerIdentity } from '../cloud';
import { planners, runPlanners, timerContext, type PlannerRunReport, type ShellPlannerRegistry } from '../planners';
import { emptyLinkageStepsReport, runLinkageSteps, type LinkageStepsReport } from '../linkage/steps';
import { deliverDue, emptyDeliveryReport, type DeliveryReport } from './deliver';

/**
 * Work stops being started after this long; config.json gives the function 60 s, so a run ends its
 * last sends well inside its timeout and far inside the outbox lease (5 min).
 */
export const RUN_BUDGET_MS = 40_000;
/** Linkage directives' steps (第三十四条) run first, within this part of the budget, so their notices go out in the same run. */
export const LINKAGE_BUDGET_MS = 15_000;

/**
 * `only` (never sent by the platform's trigger): one part of the run — `linkage`, `delivery` or one
 * planner's name — so a benchmark or an operator can measure or rerun each timer on its own (issue 18).
 */
const timerEvent = v.object({ Type: v.literal('Timer'), TriggerName: v.string(), only: v.optional(v.string()) });

export type TimerAnswer =
  | {
      ok: true;
      data: { runId: string; linkage: LinkageStepsReport; planners: PlannerRunReport[]; delivery: DeliveryReport };
    }
  | { ok: false; error: { code: string; message: string } };

export function createTimerMain(registry: ShellPlannerRegistry = planners): (event: unknown) => Promise<TimerAnswer> {
  return async (event) => {
    const started = performance.now();
    if (!v.is(timerEvent, event) || callerIdentity().openid !== null) {
      return { ok: false, error: { code: 'TIMER_ONLY', message: '该函数仅由定时触发器调用' } };
    }
    const runId = randomUUID();
    const ctx = timerContext(Date.now(), runId, () => randomUUID().replace(/-/g, ''));
    const only = event.only;
    const part = (name: string): boolean => only === undefined || only === name;
    const linkage = part('linkage')
      ? await runLinkageSteps(ctx, started + LINKAGE_BUDGET_MS)
      : emptyLinkageStepsReport();
    const plannerReports = await runPlanners(ctx, registry, only === undefined ? undefined : (name) => name === only);
    const delivery = part('delivery')
      ? await deliverDue(ctx, { runId, deadline: started + RUN_BUDGET_MS })
      : emptyDeliveryReport();
    // One line per run for the operators' log search.
    console.log(JSON.stringify({ timer: event.TriggerName, runId, linkage, planners: plannerReports, delivery }));
    return { ok: true, data: { runId, linkage, planners: plannerReports, delivery } };
  };
}
