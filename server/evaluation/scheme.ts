/**
 * The scheme's versions (第三十六条 省厅制定评估办法): read by anyone signed in, saved by the province
 * desk from a future month on, so a running, reviewed or published month keeps the version it began with.
 */
import * as v from 'valibot';
import type { EvaluationScheme, SchemeData, SchemeView } from '../../typings/evaluation';
import {
  AUTO_DEDUCTION_KEYS,
  INDICATOR_KEYS,
  nextEditableMonth,
  requireEditableFrom,
  schemeFor,
  validateScheme,
} from '../../core/evaluation/scheme';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { runWork } from '../uow';
import { isDesk, loadSchemes, month, rev } from './context';

const points = v.pipe(v.number(), v.minValue(0), v.maxValue(100));
const label = v.pipe(v.string(), v.maxLength(40));
const article = v.pipe(v.string(), v.maxLength(12));

const schemeData = v.strictObject({
  indicators: v.pipe(
    v.array(
      v.strictObject({
        key: v.picklist(INDICATOR_KEYS),
        label,
        article,
        weight: points,
        params: v.pipe(
          v.record(v.pipe(v.string(), v.maxLength(40)), v.number()),
          v.check((r) => Object.keys(r).length <= 5),
        ),
      }),
    ),
    v.maxLength(INDICATOR_KEYS.length),
  ),
  autoDeductions: v.pipe(
    v.array(v.strictObject({ key: v.picklist(AUTO_DEDUCTION_KEYS), label, article, points })),
    v.maxLength(AUTO_DEDUCTION_KEYS.length),
  ),
  deductionCap: points,
  bonusCap: points,
  manualMaxPoints: points,
  objectionWorkingDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  grades: v.pipe(v.array(v.strictObject({ label, min: points })), v.maxLength(10)),
  commendTop: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  criticiseBelow: points,
  requirements: v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(30)),
});

function view(versions: readonly EvaluationScheme[], month: string, now: number, desk: boolean): SchemeView {
  return {
    scheme: schemeFor(month, versions),
    versions: [...versions]
      .sort((a, b) => b.version - a.version)
      .map((s) => ({ version: s.version, fromMonth: s.fromMonth })),
    nextEditableMonth: nextEditableMonth(now),
    desk,
  };
}

export const scheme = action({
  access: 'person',
  input: v.strictObject({ month: v.optional(month) }),
  handle: async (params, ctx): Promise<SchemeView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.scheme', { kind: 'none' }, tree);
    return view(await loadSchemes(), params.month ?? nextEditableMonth(ctx.now), ctx.now, isDesk(caller, tree));
  },
});

export const schemeSave = action({
  access: 'person',
  input: v.strictObject({ fromMonth: month, expectedVersion: rev, scheme: schemeData }),
  handle: async (params, ctx): Promise<SchemeView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.schemeSave', { kind: 'none' }, tree);
    // 第三十六条: the desk edits the scheme for the next period only.
    requireEditableFrom(params.fromMonth, ctx.now);
    const data: SchemeData = validateScheme(params.scheme);
    const versions = await loadSchemes();
    const latest = versions.reduce((n, s) => Math.max(n, s.version), 0);
    if (params.expectedVersion !== latest) throw commonErrors.conflict();
    const version = latest + 1;
    const doc: EvaluationScheme = {
      _id: `scheme-v${version}`,
      version,
      fromMonth: params.fromMonth,
      createdBy: caller._id,
      createdAt: toBeijingIso(ctx.now),
      ...data,
    };
    await runWork(ctx, { person: caller, grant }, async (work) => {
      // Two desk members saving at once: the second finds the version taken.
      await work.create('evaluationSchemes', doc);
      work.audit({
        action: 'evaluation.schemeSave',
        object: { collection: 'evaluationSchemes', id: doc._id },
        summary: `评估办法第 ${version} 版，自 ${params.fromMonth} 起施行`,
        unitPath: [tree.root._id],
      });
    });
    return view([...versions, doc], params.fromMonth, ctx.now, true);
  },
});
