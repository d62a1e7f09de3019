/**
 * Publishing a month (第三十六条 每月评估通报): after the objection period, with every objection decided,
 * the desk publishes; the month is frozen from then on and the circular is generated in the same call
 * (.docx and .xlsx into cloud storage; downloads through temporary links). Publishing twice publishes
 * once: the second call finds the month published and answers it unchanged.
 */
import * as v from 'valibot';
import type {
  CircularFiles,
  CircularLinks,
  EvaluationMonth,
  MonthString,
  PublishResult,
} from '../../typings/evaluation';
import { circularContent } from '../../core/evaluation/circular';
import { evaluationErrors, requirePublishable } from '../../core/evaluation/month';
import type { UnitTree } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { beijingDay, toBeijingIso } from '../../core/time';
import { cloud } from '../cloud';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store } from '../store';
import { runWork } from '../uow';
import { loadMonth, loadStandings, month, monthDocId, rev, schemeOfMonth } from './context';
import { circularDocx, circularXlsx } from './documents';
import { continueRun, progressOf, readResults } from './run';

/** How long a download link lasts. */
const LINK_MAX_AGE_S = 3600;

/** Builds both documents of a published month and stores them; answers their file ids. */
export async function generateCircular(doc: EvaluationMonth, tree: UnitTree): Promise<CircularFiles> {
  const standings = await loadStandings(doc.month);
  if (!standings || standings.runId !== doc.runId) throw evaluationErrors.monthNotRun(doc.month);
  // Every figure, score and line of every account; not the record lists behind the figures.
  const results = await readResults(doc, true);
  const scheme = await schemeOfMonth(doc.month, doc.schemeVersion);
  const unitName = (id: string): string => tree.byId.get(id)?.name ?? id;
  const publishedAt = doc.publishedAt ?? toBeijingIso(Date.now());
  const content = circularContent({
    month: doc.month,
    standings,
    results,
    scheme,
    unitName,
    issuedOn: beijingDay(Date.parse(publishedAt)),
  });
  const [docx, xlsx] = await Promise.all([
    circularDocx(content),
    circularXlsx({ month: doc.month, results, standings, scheme, unitName, generatedAt: new Date(publishedAt) }),
  ]);
  const base = `evaluation/${doc.month}/circular-${doc.month}`;
  const [d, x] = await Promise.all([
    cloud.uploadFile({ cloudPath: `${base}.docx`, fileContent: docx }),
    cloud.uploadFile({ cloudPath: `${base}.xlsx`, fileContent: xlsx }),
  ]);
  return { docx: d.fileID, xlsx: x.fileID, generatedAt: toBeijingIso(Date.now()) };
}

async function linksOf(files: CircularFiles): Promise<CircularLinks> {
  const res = (await cloud.getTempFileURL({
    fileList: [
      { fileID: files.docx, maxAge: LINK_MAX_AGE_S },
      { fileID: files.xlsx, maxAge: LINK_MAX_AGE_S },
    ],
  })) as { fileList: Array<{ fileID: string; tempFileURL: string }> };
  const url = (id: string): string => res.fileList.find((f) => f.fileID === id)?.tempFileURL ?? '';
  return { docxUrl: url(files.docx), xlsxUrl: url(files.xlsx), docxFileId: files.docx, xlsxFileId: files.xlsx };
}

/** Generates a published month's circular if it is still missing (a publish that stopped half-way). */
export async function ensureCircular(doc: EvaluationMonth, tree: UnitTree): Promise<CircularFiles> {
  if (doc.circular) return doc.circular;
  const files = await generateCircular(doc, tree);
  for (;;) {
    const current = await store.get<EvaluationMonth>('evaluationMonths', doc._id);
    if (!current) throw commonErrors.notFound('评估月份');
    if (current.circular) return current.circular;
    if (await store.replaceIfRev('evaluationMonths', { ...current, circular: files }, current.rev)) return files;
  }
}

async function publishMonth(
  monthString: MonthString,
  expectedRev: number,
  ctx: HandlerContext,
): Promise<PublishResult> {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const grant = requirePermission(caller, 'evaluation.publish', { kind: 'none' }, tree);
  const before = await loadMonth(monthString);
  if (before?.state === 'published') {
    const files = await ensureCircular(before, tree);
    return { ...progressOf(before, monthString), alreadyPublished: true, circular: await linksOf(files) };
  }
  if (before && before.rev !== expectedRev) throw commonErrors.conflict();
  const pending = await store.count('evaluationObjections', { month: monthString, state: 'pending' });
  requirePublishable(before, monthString, pending, ctx.now);
  // The last word on the figures (a decision since the last finish), then the freeze.
  const ready = await continueRun(monthString, ctx);
  if (!ready || ready.phase !== 'done') throw evaluationErrors.monthRunning(monthString);
  const outcome = await runWork(ctx, { person: caller, grant }, async (work) => {
    const current = await work.get<EvaluationMonth>('evaluationMonths', monthDocId(monthString));
    if (current?.state === 'published') return { doc: current, already: true };
    requirePublishable(current, monthString, 0, ctx.now);
    if (!current || current.rev !== ready.rev || current.phase !== 'done') throw commonErrors.conflict();
    const next: EvaluationMonth = {
      ...current,
      state: 'published',
      publishedAt: toBeijingIso(ctx.now),
      publishedBy: caller._id,
      rev: current.rev + 1,
    };
    await work.put('evaluationMonths', next);
    work.audit({
      action: 'evaluation.publish',
      object: { collection: 'evaluationMonths', id: current._id },
      summary: `发布 ${monthString} 公安新媒体工作评估结果并印发通报（第三十六条）`,
      unitPath: [tree.root._id],
    });
    return { doc: next, already: false };
  });
  const files = await ensureCircular(outcome.doc, tree);
  const final = (await loadMonth(monthString)) ?? outcome.doc;
  return { ...progressOf(final, monthString), alreadyPublished: outcome.already, circular: await linksOf(files) };
}

export const publish = action({
  access: 'person',
  input: v.strictObject({ month, expectedRev: rev }),
  handle: (params, ctx) => publishMonth(params.month, params.expectedRev, ctx),
});

export const circular = action({
  access: 'person',
  input: v.strictObject({ month }),
  handle: async (params, ctx): Promise<CircularLinks> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'evaluation.circular', { kind: 'none' }, tree);
    const doc = await loadMonth(params.month);
    if (!doc || doc.state !== 'published') throw evaluationErrors.notPublished();
    return linksOf(await ensureCircular(doc, tree));
  },
});
