/**
 * A month as the desk runs it and everyone reads it: run (start, re-run, continue), the month's state
 * and standings, the ranking pages, and the release of the draft to the units (the objection period
 * starts, counted in working days on the project's calendar).
 */
import * as v from 'valibot';
import type {
  AccountResult,
  EvaluationMonth,
  MonthProgress,
  MonthView,
  RankingItem,
  RankingPage,
} from '../../typings/evaluation';
import { deadlineAfterWorkingDays } from '../../core/calendar/deadline';
import { requireReleasable } from '../../core/evaluation/month';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { loadCalendar } from '../referral/context';
import { store } from '../store';
import { runWork } from '../uow';
import {
  DEFAULT_LIMIT,
  id,
  isDesk,
  loadMonth,
  loadStandings,
  month,
  page,
  requireVisible,
  rev,
  schemeOfMonth,
} from './context';
import { continueRun, progressOf, startRun } from './run';

/** A desk's call runs chunks for this long, then answers; the page calls again until the month is done. */
const CALL_BUDGET_MS = 15_000;

export const run = action({
  access: 'person',
  input: v.strictObject({ month, restart: v.boolean() }),
  handle: async (params, ctx): Promise<MonthProgress> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'evaluation.run', { kind: 'none' }, await loadTree());
    const existing = await loadMonth(params.month);
    if (params.restart || !existing) await startRun(params.month, ctx);
    else if (existing.state === 'published') return progressOf(existing, params.month);
    return progressOf(await continueRun(params.month, ctx, CALL_BUDGET_MS), params.month);
  },
});

export const month_ = action({
  access: 'person',
  input: v.strictObject({ month }),
  handle: async (params, ctx): Promise<MonthView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.month', { kind: 'none' }, tree);
    const desk = isDesk(caller, tree);
    const doc = await loadMonth(params.month);
    if (doc) requireVisible(doc, params.month, desk);
    const standings = doc && doc.phase !== 'accounts' ? await loadStandings(params.month) : null;
    const pending =
      doc && desk ? await store.count('evaluationObjections', { month: params.month, state: 'pending' }) : 0;
    return {
      ...progressOf(doc, params.month),
      schemeVersion: doc?.schemeVersion ?? null,
      releasedAt: doc?.releasedAt ?? null,
      objectionDeadline: doc?.objectionDeadline ?? null,
      publishedAt: doc?.publishedAt ?? null,
      desk,
      standings: standings && standings.runId === doc?.runId ? standings : null,
      pendingObjections: pending,
      circular: doc?.circular !== null && doc?.circular !== undefined,
    };
  },
});

export function rankingItem(r: AccountResult, rank: number): RankingItem {
  return {
    accountId: r.accountId,
    accountName: r.accountName,
    platform: r.platform,
    kind: r.kind,
    unitId: r.unitId,
    score: r.score,
    grade: r.grade,
    rank,
    deducted: r.deducted,
  };
}

export const ranking = action({
  access: 'person',
  input: v.strictObject({
    month,
    kind: v.optional(v.picklist(['institutional', 'personal'])),
    unitId: v.optional(id),
    ...page,
  }),
  handle: async (params, ctx): Promise<RankingPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.ranking', { kind: 'none' }, tree);
    const doc = requireVisible(await loadMonth(params.month), params.month, isDesk(caller, tree));
    if (doc.phase === 'accounts') return { items: [], nextOffset: null };
    const standings = await loadStandings(params.month);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_LIMIT;
    const filter: Record<string, unknown> = { month: params.month, runId: doc.runId };
    if (params.kind) filter.kind = params.kind;
    if (params.unitId) filter.unitPath = params.unitId;
    const rows = await store.find<AccountResult>('evaluationResults', filter, {
      orderBy: [
        ['score', 'desc'],
        ['accountId', 'asc'],
      ],
      skip: offset,
      limit: limit + 1,
      fields: { facts: false, indicators: false, lines: false },
    });
    const items = rows.slice(0, limit).map((r) => {
      const ranks = standings?.ranks[r.accountId];
      return rankingItem(r, (params.kind ? ranks?.[1] : ranks?.[0]) ?? 0);
    });
    return { items, nextOffset: rows.length > limit ? offset + limit : null };
  },
});

export const release = action({
  access: 'person',
  input: v.strictObject({ month, expectedRev: rev }),
  handle: async (params, ctx): Promise<MonthProgress> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.release', { kind: 'none' }, tree);
    const before = await loadMonth(params.month);
    const scheme = await schemeOfMonth(params.month, before?.schemeVersion);
    const calendar = await loadCalendar();
    const next = await runWork(ctx, { person: caller, grant }, async (work) => {
      const doc = requireReleasable(
        await work.get<EvaluationMonth>('evaluationMonths', `month-${params.month}`),
        params.month,
      );
      if (doc.rev !== params.expectedRev) throw commonErrors.conflict();
      if (doc.phase !== 'done') throw commonErrors.conflict();
      const n = scheme.objectionWorkingDays;
      // 第三十七条: units object within n working days of the release (project calendar).
      const deadline = deadlineAfterWorkingDays(ctx.now, n, calendar).deadline;
      const updated: EvaluationMonth = {
        ...doc,
        state: 'review',
        releasedAt: toBeijingIso(ctx.now),
        releasedBy: caller._id,
        objectionDeadline: deadline,
        rev: doc.rev + 1,
      };
      await work.put('evaluationMonths', updated);
      work.audit({
        action: 'evaluation.release',
        object: { collection: 'evaluationMonths', id: doc._id },
        summary: `下发 ${params.month} 评估结果征求意见，异议期至 ${deadline.slice(0, 10)}`,
        unitPath: [tree.root._id],
      });
      return updated;
    });
    return progressOf(next, params.month);
  },
});
