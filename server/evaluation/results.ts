/**
 * Each account and unit sees its own month (score, rank, every indicator with its records, the lines
 * with article and evidence, its objections) and its trend over the months; the year view ranks a
 * year's months and the cities, and carries the desk's 年度优秀 marks (第三十八条).
 */
import * as v from 'valibot';
import type {
  AccountResult,
  AccountResultView,
  EvaluationMonth,
  EvaluationYear,
  MonthString,
  Objection,
  Standings,
  TrendPoint,
  UnitResult,
  UnitResultView,
  YearView,
} from '../../typings/evaluation';
import type { Person } from '../../typings/org';
import { authorize } from '../../core/auth/authorize';
import { addMonths, evaluationErrors } from '../../core/evaluation/month';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { loadAccount } from '../post/context';
import { command, store } from '../store';
import {
  id,
  isDesk,
  loadMonth,
  loadStandings,
  month,
  requireVisible,
  resultId,
  unitResultId,
  yearDocId,
} from './context';

const TREND_MONTHS = 12;

/** The months before and including `month` the caller may see, with their documents. */
async function visibleMonths(
  last: MonthString,
  desk: boolean,
  count = TREND_MONTHS,
): Promise<Map<MonthString, EvaluationMonth>> {
  const months = Array.from({ length: count }, (_, i) => addMonths(last, -i));
  const docs = await store.find<EvaluationMonth>('evaluationMonths', { month: command().in(months) }, { limit: count });
  return new Map(
    docs
      .filter((d) => d.phase !== 'accounts' && (desk || d.state === 'review' || d.state === 'published'))
      .map((d) => [d.month, d]),
  );
}

async function standingsOf(months: readonly MonthString[]): Promise<Map<MonthString, Standings>> {
  if (months.length === 0) return new Map();
  const docs = await store.find<Standings>(
    'evaluationStandings',
    { _id: command().in([...months]) },
    { limit: months.length },
  );
  return new Map(docs.map((d) => [d.month, d]));
}

async function accountTrend(accountId: string, last: MonthString, desk: boolean): Promise<TrendPoint[]> {
  const months = await visibleMonths(last, desk);
  const first = addMonths(last, -(TREND_MONTHS - 1));
  const _ = command();
  const rows = await store.find<AccountResult>(
    'evaluationResults',
    { accountId, month: _.and(_.gte(first), _.lte(last)) },
    { orderBy: [['month', 'asc']], limit: TREND_MONTHS, fields: { month: true, runId: true, score: true } },
  );
  const standings = await standingsOf([...months.keys()]);
  return rows
    .filter((r) => months.get(r.month)?.runId === r.runId)
    .map((r) => ({ month: r.month, score: r.score, rank: standings.get(r.month)?.ranks[accountId]?.[0] ?? null }));
}

async function unitTrend(unitId: string, last: MonthString, desk: boolean): Promise<TrendPoint[]> {
  const months = await visibleMonths(last, desk);
  const first = addMonths(last, -(TREND_MONTHS - 1));
  const _ = command();
  const rows = await store.find<UnitResult>(
    'evaluationUnitResults',
    { unitId, month: _.and(_.gte(first), _.lte(last)) },
    { orderBy: [['month', 'asc']], limit: TREND_MONTHS },
  );
  return rows
    .filter((r) => months.get(r.month)?.runId === r.runId)
    .map((r) => ({ month: r.month, score: r.score, rank: r.cityRank }));
}

export const result = action({
  access: 'person',
  input: v.strictObject({ month, accountId: id }),
  handle: async (params, ctx): Promise<AccountResultView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    requirePermission(caller, 'evaluation.result', { kind: 'account', account }, tree);
    const desk = isDesk(caller, tree);
    const doc = requireVisible(await loadMonth(params.month), params.month, desk);
    const res = await store.get<AccountResult>('evaluationResults', resultId(params.month, params.accountId));
    if (!res || res.runId !== doc.runId || doc.phase === 'accounts') throw evaluationErrors.monthNotRun(params.month);
    const standings = await loadStandings(params.month);
    const ranks = standings?.runId === doc.runId ? standings.ranks[params.accountId] : undefined;
    const objections = await store.find<Objection>(
      'evaluationObjections',
      { month: params.month, accountId: params.accountId },
      { orderBy: [['raisedAt', 'asc']], limit: 200 },
    );
    const open =
      doc.state === 'review' && doc.objectionDeadline !== null && ctx.now <= Date.parse(doc.objectionDeadline);
    const mayObject = open && authorize(caller, 'evaluation.object', { kind: 'account', account }, tree).allowed;
    return {
      result: res,
      rank: ranks?.[0] ?? null,
      kindRank: ranks?.[1] ?? null,
      of: standings?.counts.all ?? 0,
      state: doc.state,
      objections,
      canObject: mayObject,
      trend: await accountTrend(params.accountId, params.month, desk),
    };
  },
});

export const unitResult = action({
  access: 'person',
  input: v.strictObject({ month, unitId: id }),
  handle: async (params, ctx): Promise<UnitResultView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.unitResult', { kind: 'unit', unitId: params.unitId }, tree);
    const desk = isDesk(caller, tree);
    const doc = requireVisible(await loadMonth(params.month), params.month, desk);
    const res = await store.get<UnitResult>('evaluationUnitResults', unitResultId(params.month, params.unitId));
    if (!res || res.runId !== doc.runId) throw evaluationErrors.monthNotRun(params.month);
    return { result: res, state: doc.state, trend: await unitTrend(params.unitId, params.month, desk) };
  },
});

export async function yearView(
  year: number,
  caller: Person,
  tree: UnitTree,
  target: { kind: 'unit' | 'account'; id: string } | null,
): Promise<YearView> {
  const desk = isDesk(caller, tree);
  const months = await visibleMonths(`${year}-12`, false, 12);
  const published = [...months.values()]
    .filter((m) => m.state === 'published')
    .sort((a, b) => (a.month < b.month ? -1 : 1));
  const standings = await standingsOf(published.map((m) => m.month));
  const cities = new Map<string, { unitName: string; sum: number; n: number }>();
  for (const m of published) {
    for (const c of standings.get(m.month)?.cities ?? []) {
      const e = cities.get(c.unitId) ?? { unitName: c.unitName, sum: 0, n: 0 };
      e.sum += Math.round(c.score * 100);
      e.n += 1;
      cities.set(c.unitId, e);
    }
  }
  const ranked = [...cities.entries()]
    .map(([unitId, e]) => ({ unitId, unitName: e.unitName, meanScore: Math.round(e.sum / e.n) / 100, months: e.n }))
    .sort((a, b) => b.meanScore - a.meanScore || (a.unitId < b.unitId ? -1 : 1));
  let rank = 0;
  const withRank = ranked.map((c, i) => {
    if (i === 0 || ranked[i - 1]?.meanScore !== c.meanScore) rank = i + 1;
    return { ...c, rank };
  });
  let targetView: YearView['target'] = null;
  if (target) {
    const trend =
      target.kind === 'account'
        ? await accountTrend(target.id, `${year}-12`, false)
        : await unitTrend(target.id, `${year}-12`, false);
    const ofYear = trend.filter((p) => p.month.startsWith(`${year}-`) && months.get(p.month)?.state === 'published');
    // 第三十八条: the year's months ranked, best first.
    targetView = {
      kind: target.kind,
      id: target.id,
      months: [...ofYear].sort((a, b) => b.score - a.score || (a.month < b.month ? -1 : 1)),
    };
  }
  const marks = await store.get<EvaluationYear>('evaluationYears', yearDocId(year));
  return {
    year,
    months: published.map((m) => ({ month: m.month, meanScore: standings.get(m.month)?.totals.meanScore ?? 0 })),
    cities: withRank,
    target: targetView,
    excellent: marks?.excellent ?? [],
    rev: marks?.rev ?? 0,
    desk,
  };
}

export const year = action({
  access: 'person',
  input: v.strictObject({
    year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
    unitId: v.optional(id),
    accountId: v.optional(id),
  }),
  handle: async (params, ctx): Promise<YearView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.year', { kind: 'none' }, tree);
    let target: { kind: 'unit' | 'account'; id: string } | null = null;
    if (params.accountId !== undefined) {
      const account = await loadAccount(params.accountId);
      requirePermission(caller, 'evaluation.result', { kind: 'account', account }, tree);
      target = { kind: 'account', id: account._id };
    } else if (params.unitId !== undefined) {
      requirePermission(caller, 'evaluation.unitResult', { kind: 'unit', unitId: params.unitId }, tree);
      target = { kind: 'unit', id: params.unitId };
    }
    return yearView(params.year, caller, tree, target);
  },
});
