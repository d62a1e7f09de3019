/**
 * What people add to a month besides the records (第三十七条): the desk's manual deductions and
 * bonuses with article and evidence, the units' objections to deductions within the objection period,
 * the desk's decision on each (one decision, whoever taps first), the 失声失语 events the desk declares
 * (第三十六条), and the annual 年度优秀 marks (第三十八条). Each change is one transaction with its
 * audit entry; a change to the figures asks the run for another finish, done before answering.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type {
  EvaluationAdjustment,
  EvaluationMonth,
  EvaluationYear,
  Objection,
  ObjectionPage,
  OpinionEvent,
  AccountResult,
  YearView,
} from '../../typings/evaluation';
import {
  evaluationErrors,
  monthOf,
  requireArticle,
  requireNotPublished,
  requireObjectable,
  requirePoints,
} from '../../core/evaluation/month';
import { commonErrors } from '../../core/errors';
import { formatBeijing, toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { loadAccount } from '../post/context';
import { store } from '../store';
import { runWork } from '../uow';
import {
  DEFAULT_LIMIT,
  id,
  isoTime,
  loadMonth,
  month,
  monthDocId,
  page,
  resultId,
  rev,
  schemeOfMonth,
  text,
  yearDocId,
} from './context';
import { yearView } from './results';
import { continueRun, needsFinish } from './run';

const hashed = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 24)}`;

/** Records a manual line or a decision may point at as evidence. */
const EVIDENCE_COLLECTIONS = [
  'posts',
  'messages',
  'referrals',
  'publishRefusals',
  'opinionEvents',
  'accounts',
  'auditLog',
  'cadenceDays',
  'directiveTargets',
  'incidents',
  'securityAttestations',
  'filings',
  'accountEvents',
  'accountMarks',
] as const;

/** Finishes the month again right away, so the answer and the pages show the new figures. */
async function refinish(monthString: string, ctx: HandlerContext): Promise<void> {
  await continueRun(monthString, ctx);
}

export const adjust = action({
  access: 'person',
  input: v.strictObject({
    month,
    accountId: id,
    kind: v.picklist(['deduction', 'bonus']),
    article: v.pipe(v.string(), v.maxLength(12)),
    points: v.number(),
    reason: text(0, 300),
    evidence: v.strictObject({ collection: v.picklist(EVIDENCE_COLLECTIONS), id }),
    requestKey: id,
  }),
  handle: async (params, ctx): Promise<{ adjustmentId: string }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.adjust', { kind: 'none' }, tree);
    const before = requireNotPublished(await loadMonth(params.month), params.month);
    const scheme = await schemeOfMonth(params.month, before.schemeVersion);
    const article = requireArticle(params.article);
    const points = requirePoints(params.points, scheme.manualMaxPoints);
    if (!params.reason) throw evaluationErrors.reasonRequired();
    const account = await loadAccount(params.accountId);
    const evidence = await store.get(params.evidence.collection, params.evidence.id);
    if (!evidence) throw evaluationErrors.evidenceNotFound();
    const adjustmentId = hashed('adj', caller._id, params.requestKey);
    await runWork(ctx, { person: caller, grant }, async (work) => {
      // A double tap or a retry: the line it made, once.
      if (await work.get('evaluationAdjustments', adjustmentId)) return;
      const doc = requireNotPublished(
        await work.get<EvaluationMonth>('evaluationMonths', monthDocId(params.month)),
        params.month,
      );
      if (doc.objectionDeadline !== null && ctx.now > Date.parse(doc.objectionDeadline))
        throw evaluationErrors.adjustClosed();
      const line: EvaluationAdjustment = {
        _id: adjustmentId,
        month: params.month,
        accountId: account._id,
        kind: params.kind,
        article,
        points,
        reason: params.reason,
        evidence: { ...params.evidence, note: params.reason },
        by: caller._id,
        at: toBeijingIso(ctx.now),
      };
      await work.put('evaluationAdjustments', line);
      await work.put('evaluationMonths', needsFinish(doc));
      work.audit({
        action: 'evaluation.adjust',
        object: { collection: 'evaluationAdjustments', id: adjustmentId },
        summary: `${params.month}「${account.name}」${params.kind === 'deduction' ? '扣' : '加'} ${points} 分（${article}）：${params.reason}`,
        unitPath: tree.byId.get(account.unitId)?.path ?? [account.unitId],
      });
    });
    await refinish(params.month, ctx);
    return { adjustmentId };
  },
});

export const object = action({
  access: 'person',
  input: v.strictObject({
    month,
    accountId: id,
    lineId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    reason: text(0, 500),
  }),
  handle: async (params, ctx): Promise<Objection> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    const grant = requirePermission(caller, 'evaluation.object', { kind: 'account', account }, tree);
    if (!params.reason) throw evaluationErrors.reasonRequired();
    const objectionId = hashed('obj', params.lineId);
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const doc = await work.get<EvaluationMonth>('evaluationMonths', monthDocId(params.month));
      const result = await work.get<AccountResult>('evaluationResults', resultId(params.month, account._id));
      const usable = result && doc && result.runId === doc.runId ? result : null;
      const existing = await work.get<Objection>('evaluationObjections', objectionId);
      const line = requireObjectable(
        doc,
        params.month,
        usable?.lines.find((l) => l.id === params.lineId),
        existing,
        ctx.now,
      );
      const objection: Objection = {
        _id: objectionId,
        month: params.month,
        lineId: line.id,
        accountId: account._id,
        unitId: account.unitId,
        line,
        reason: params.reason,
        raisedBy: caller._id,
        raisedAt: toBeijingIso(ctx.now),
        state: 'pending',
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        rev: 1,
      };
      await work.put('evaluationObjections', objection);
      work.audit({
        action: 'evaluation.object',
        object: { collection: 'evaluationObjections', id: objectionId },
        summary: `对「${account.name}」${line.label}（${line.article}，${line.points} 分）提出异议：${params.reason}`,
        unitPath: tree.byId.get(account.unitId)?.path ?? [account.unitId],
      });
      return objection;
    });
  },
});

export const objections = action({
  access: 'person',
  input: v.strictObject({ month, ...page }),
  handle: async (params, ctx): Promise<ObjectionPage> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'evaluation.objections', { kind: 'none' }, await loadTree());
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_LIMIT;
    // state order pending < rejected < upheld: the ones waiting come first.
    const rows = await store.find<Objection>(
      'evaluationObjections',
      { month: params.month },
      {
        orderBy: [
          ['state', 'asc'],
          ['raisedAt', 'asc'],
        ],
        skip: offset,
        limit: limit + 1,
      },
    );
    return { items: rows.slice(0, limit), nextOffset: rows.length > limit ? offset + limit : null };
  },
});

export const decide = action({
  access: 'person',
  input: v.strictObject({ objectionId: id, expectedRev: rev, upheld: v.boolean(), reason: text(0, 500) }),
  handle: async (params, ctx): Promise<Objection> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.decide', { kind: 'none' }, tree);
    if (!params.reason) throw evaluationErrors.reasonRequired();
    const decided = await runWork(ctx, { person: caller, grant }, async (work) => {
      const objection = await work.get<Objection>('evaluationObjections', params.objectionId);
      if (!objection) throw commonErrors.notFound('异议');
      // Two desk members at once: whoever commits second finds it decided.
      if (objection.state !== 'pending') throw evaluationErrors.alreadyDecided();
      if (objection.rev !== params.expectedRev) throw commonErrors.conflict();
      const doc = requireNotPublished(
        await work.get<EvaluationMonth>('evaluationMonths', monthDocId(objection.month)),
        objection.month,
      );
      const next: Objection = {
        ...objection,
        state: params.upheld ? 'upheld' : 'rejected',
        decisionReason: params.reason,
        decidedBy: caller._id,
        decidedAt: toBeijingIso(ctx.now),
        rev: objection.rev + 1,
      };
      await work.put('evaluationObjections', next);
      if (params.upheld) await work.put('evaluationMonths', needsFinish(doc));
      work.audit({
        action: 'evaluation.decide',
        object: { collection: 'evaluationObjections', id: objection._id },
        summary: `异议${params.upheld ? '成立，撤销扣分' : '不成立，维持扣分'}：${params.reason}`,
        unitPath: tree.byId.get(objection.unitId)?.path ?? [objection.unitId],
      });
      return next;
    });
    if (decided.state === 'upheld') await refinish(decided.month, ctx);
    return decided;
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;

export const declareEvent = action({
  access: 'person',
  input: v.strictObject({ title: text(0, 60), unitId: id, from: isoTime, to: isoTime, requestKey: id }),
  handle: async (params, ctx): Promise<OpinionEvent> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.declareEvent', { kind: 'none' }, tree);
    const from = Date.parse(params.from);
    const to = Date.parse(params.to);
    if (!params.title) throw evaluationErrors.eventInvalid('请填写事件名称');
    if (!tree.byId.has(params.unitId)) throw evaluationErrors.eventInvalid('单位不存在');
    if (to <= from) throw evaluationErrors.eventInvalid('结束时间应晚于开始时间');
    if (to - from > 31 * DAY_MS) throw evaluationErrors.eventInvalid('持续时间不能超过 31 天');
    const m = monthOf(from);
    const doc = await loadMonth(m);
    if (doc?.state === 'published') throw evaluationErrors.monthPublished(m);
    const eventId = hashed('evt', caller._id, params.requestKey);
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const existing = await work.get<OpinionEvent>('opinionEvents', eventId);
      if (existing) return existing;
      const event: OpinionEvent = {
        _id: eventId,
        title: params.title,
        unitId: params.unitId,
        from: toBeijingIso(from),
        to: toBeijingIso(to),
        month: m,
        declaredBy: caller._id,
        declaredAt: toBeijingIso(ctx.now),
      };
      await work.put('opinionEvents', event);
      work.audit({
        action: 'evaluation.declareEvent',
        object: { collection: 'opinionEvents', id: eventId },
        summary: `认定舆情事件“${params.title}”，${formatBeijing(from)} 至 ${formatBeijing(to)}，${tree.byId.get(params.unitId)?.name ?? ''}所属账号应及时发声（第三十六条）`,
        unitPath: tree.byId.get(params.unitId)?.path ?? [params.unitId],
      });
      return event;
    });
  },
});

export const markExcellent = action({
  access: 'person',
  input: v.strictObject({
    year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
    targetKind: v.picklist(['unit', 'account']),
    targetId: id,
    reason: text(0, 300),
    expectedRev: rev,
  }),
  handle: async (params, ctx): Promise<YearView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'evaluation.markExcellent', { kind: 'none' }, tree);
    if (!params.reason) throw evaluationErrors.reasonRequired();
    const name =
      params.targetKind === 'unit'
        ? tree.byId.get(params.targetId)?.name
        : (await store.get<{ _id: string; name: string }>('accounts', params.targetId))?.name;
    if (!name) throw evaluationErrors.targetNotFound();
    const before = await yearView(params.year, caller, tree, null);
    if (before.months.length === 0) throw evaluationErrors.noPublishedMonth();
    await runWork(ctx, { person: caller, grant }, async (work) => {
      const doc = (await work.get<EvaluationYear>('evaluationYears', yearDocId(params.year))) ?? {
        _id: yearDocId(params.year),
        year: params.year,
        excellent: [],
        rev: 0,
      };
      if (doc.rev !== params.expectedRev) throw commonErrors.conflict();
      if (doc.excellent.some((m) => m.targetKind === params.targetKind && m.targetId === params.targetId))
        throw evaluationErrors.alreadyMarked();
      await work.put<EvaluationYear>('evaluationYears', {
        ...doc,
        excellent: [
          ...doc.excellent,
          {
            targetKind: params.targetKind,
            targetId: params.targetId,
            name,
            reason: params.reason,
            by: caller._id,
            at: toBeijingIso(ctx.now),
          },
        ],
        rev: doc.rev + 1,
      });
      work.audit({
        action: 'evaluation.markExcellent',
        object: { collection: 'evaluationYears', id: doc._id },
        summary: `${params.year} 年度优秀：${name}（第三十八条）——${params.reason}`,
        unitPath: [tree.root._id],
      });
    });
    return yearView(params.year, caller, tree, null);
  },
});
