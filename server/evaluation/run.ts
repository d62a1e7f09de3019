/**
 * The monthly run (第三十六条 每月评估): accounts in _id order, a chunk of CHUNK_ACCOUNTS at a time, each
 * chunk committed in one transaction together with the month's cursor, so a run stopped anywhere (a
 * timeout, a crash, a second runner) resumes where the last commit left it and never scores an account
 * twice into different numbers. Then the finish step re-scores from the stored facts with the desk's
 * lines and decisions, ranks, rolls the accounts up the unit tree and records the digest.
 *
 * The platform gives a cloud function at most 60 s (CloudBase: timeout 1–60 s, docs/evaluation.md);
 * a call stops taking new chunks after RUN_BUDGET_MS, and one chunk takes a small fraction of that
 * (`npm run bench -- evaluation` prints the longest as a ratio to the limit).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  AccountResult,
  EvaluationAdjustment,
  EvaluationMonth,
  EvaluationScheme,
  MonthProgress,
  MonthString,
  Objection,
  OpinionEvent,
} from '../../typings/evaluation';
import type { Account, JsonValue } from '../../typings/org';
import { canonicalJson } from '../../core/audit/chain';
import { monthFacts } from '../../core/evaluation/facts';
import { evaluatedIn, requireRunnable } from '../../core/evaluation/month';
import { rollUp } from '../../core/evaluation/rollup';
import { scoreAccount } from '../../core/evaluation/score';
import type { UnitTree } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { command, store } from '../store';
import { monthDocId, resultId, schemeOfMonth } from './context';
import { readChunk, readEvents, readStateChanges } from './records';

/** Accounts per chunk: one transaction writes their results and moves the cursor. */
export const CHUNK_ACCOUNTS = 50;
/** The platform's function time limit (CloudBase config.json `timeout`: 1–60 s). */
export const FUNCTION_TIME_LIMIT_MS = 60_000;
/** A call takes no new chunk after this long, so it ends well inside the limit. */
export const RUN_BUDGET_MS = 20_000;
const PAGE = 1000;

export function progressOf(doc: EvaluationMonth | null, month: MonthString): MonthProgress {
  return {
    month,
    state: doc?.state ?? 'none',
    phase: doc?.phase ?? null,
    accountsDone: doc?.accountsDone ?? 0,
    chunks: doc?.chunks ?? 0,
    runNo: doc?.runNo ?? 0,
    runMs: doc?.runMs ?? 0,
    longestChunkMs: doc?.longestChunkMs ?? 0,
    rev: doc?.rev ?? 0,
    digest: doc?.digest ?? null,
  };
}

/** Starts a month's run, or runs it again from the first account (refused once published). */
export async function startRun(month: MonthString, ctx: HandlerContext): Promise<EvaluationMonth> {
  const scheme = await schemeOfMonth(month);
  return store.transaction(async (tx) => {
    const current = await tx.get<EvaluationMonth>('evaluationMonths', monthDocId(month));
    requireRunnable(current, month, ctx.now);
    const next: EvaluationMonth = {
      _id: monthDocId(month),
      month,
      state: 'running',
      schemeVersion: current?.schemeVersion ?? scheme.version,
      runId: ctx.newId(),
      runNo: (current?.runNo ?? 0) + 1,
      phase: 'accounts',
      cursor: null,
      accountsDone: 0,
      chunks: 0,
      runMs: 0,
      longestChunkMs: 0,
      digest: null,
      startedAt: toBeijingIso(ctx.now),
      computedAt: null,
      releasedAt: current?.releasedAt ?? null,
      releasedBy: current?.releasedBy ?? null,
      objectionDeadline: current?.objectionDeadline ?? null,
      publishedAt: null,
      publishedBy: null,
      circular: null,
      rev: (current?.rev ?? 0) + 1,
    };
    await tx.put('evaluationMonths', next);
    return next;
  });
}

function cityOf(path: readonly string[], tree: UnitTree): string | null {
  for (const id of path) {
    const u = tree.byId.get(id);
    if (u && u.kind === 'bureau' && u.level === 'city') return id;
  }
  return null;
}

interface RunInputs {
  tree: UnitTree;
  scheme: EvaluationScheme;
  events: OpinionEvent[];
}

async function inputsOf(doc: EvaluationMonth): Promise<RunInputs> {
  const [tree, scheme, events] = await Promise.all([
    loadTree(),
    schemeOfMonth(doc.month, doc.schemeVersion),
    readEvents(doc.month),
  ]);
  return { tree, scheme, events };
}

function scoreOne(
  doc: EvaluationMonth,
  account: Account,
  facts: AccountResult['facts'],
  inputs: RunInputs,
  adjustments: readonly EvaluationAdjustment[],
  withdrawn: ReadonlySet<string>,
): AccountResult {
  const path = inputs.tree.byId.get(account.unitId)?.path ?? [account.unitId];
  const scored = scoreAccount({ month: doc.month, facts, scheme: inputs.scheme, adjustments, withdrawn });
  return {
    _id: resultId(doc.month, account._id),
    month: doc.month,
    runId: doc.runId,
    accountId: account._id,
    accountName: account.name,
    platform: account.platform,
    kind: account.kind,
    unitId: account.unitId,
    unitPath: [...path],
    cityId: cityOf(path, inputs.tree),
    facts,
    ...scored,
  };
}

/**
 * Scores the next chunk of accounts and commits their results with the cursor. Answers the month as
 * stored after the commit, or null when another runner moved the month first (its work stands).
 */
async function runChunk(doc: EvaluationMonth, inputs: RunInputs): Promise<EvaluationMonth | null> {
  const started = performance.now();
  const _ = command();
  const accounts = await store.find<Account>('accounts', doc.cursor === null ? {} : { _id: _.gt(doc.cursor) }, {
    orderBy: [['_id', 'asc']],
    limit: CHUNK_ACCOUNTS,
  });
  // Accounts open at some instant of the month (issue 12's state changes), closed ones included.
  const changes = await readStateChanges(doc.month, accounts);
  const chosen = accounts.filter((a) => evaluatedIn(doc.month, a, changes.get(a._id) ?? []));
  const records = await readChunk(doc.month, chosen);
  const pathOf = (a: Account): string[] => inputs.tree.byId.get(a.unitId)?.path ?? [a.unitId];
  const results = chosen.map((account) => {
    const path = new Set(pathOf(account));
    const facts = monthFacts(doc.month, {
      account,
      dayCounts: records.dayCounts.get(account._id) ?? new Map(),
      messages: records.messages.get(account._id) ?? [],
      referrals: records.referrals.get(account._id) ?? [],
      posts: records.posts.get(account._id) ?? [],
      refusals: records.refusals.get(account._id) ?? [],
      events: inputs.events
        .filter((e) => path.has(e.unitId))
        .map((e) => ({ id: e._id, title: e.title, from: e.from, to: e.to })),
      incidents: records.incidents.get(account._id) ?? [],
      lateRotations: records.lateRotations.get(account._id) ?? [],
      filings: records.filings.get(account._id) ?? [],
      directives: records.directives.get(account._id) ?? [],
    });
    return scoreOne(
      doc,
      account,
      facts,
      inputs,
      records.adjustments.get(account._id) ?? [],
      records.withdrawn.get(account._id) ?? new Set(),
    );
  });
  const last = accounts[accounts.length - 1];
  const ms = Math.round(performance.now() - started);
  return store.transaction(async (tx) => {
    const current = await tx.get<EvaluationMonth>('evaluationMonths', doc._id);
    if (!current || current.runId !== doc.runId || current.cursor !== doc.cursor || current.phase !== 'accounts')
      return null;
    for (const r of results) await tx.put('evaluationResults', r);
    const done = accounts.length < CHUNK_ACCOUNTS;
    const elapsed = Math.round(performance.now() - started);
    const next: EvaluationMonth = {
      ...current,
      cursor: last ? last._id : current.cursor,
      accountsDone: current.accountsDone + results.length,
      chunks: current.chunks + 1,
      runMs: current.runMs + elapsed,
      longestChunkMs: Math.max(current.longestChunkMs, elapsed, ms),
      phase: done ? 'finish' : 'accounts',
      rev: current.rev + 1,
    };
    await tx.put('evaluationMonths', next);
    return next;
  });
}

/**
 * Every result of the month's run, in _id order (an _id range: the page reads what it returns),
 * without the record lists behind the figures (`light`): the roll-up needs counts, lines and scores.
 */
export async function readResults(doc: EvaluationMonth, light: boolean): Promise<AccountResult[]> {
  const _ = command();
  const out: AccountResult[] = [];
  let after = `${doc.month}:`;
  const fields = light
    ? {
        'indicators.evidence': false,
        'facts.messages.unanswered': false,
        'facts.cadence.missedDays': false,
      }
    : undefined;
  for (;;) {
    const page = await store.find<AccountResult>(
      'evaluationResults',
      { _id: _.and(_.gt(after), _.lt(`${doc.month};`)) },
      { orderBy: [['_id', 'asc']], limit: PAGE, ...(fields ? { fields } : {}) },
    );
    out.push(...page.filter((r) => r.runId === doc.runId));
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) return out;
    after = last._id;
  }
}

async function readMonthAll<T extends { _id: string }>(
  collection: 'evaluationAdjustments' | 'evaluationObjections',
  filter: Record<string, unknown>,
): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find<T>(collection, filter, { orderBy: [['_id', 'asc']], skip, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** What the digest covers: every figure of every result, not which run wrote it. */
/** The fields `readResults(…, true)` leaves out, left out of a full result the same way. */
function lightOf(r: AccountResult): AccountResult {
  const { unanswered: _u, ...messages } = r.facts.messages;
  const { missedDays: _m, ...cadence } = r.facts.cadence;
  void [_u, _m];
  return {
    ...r,
    indicators: r.indicators.map(({ evidence: _e, ...rest }) => rest as AccountResult['indicators'][number]),
    facts: {
      ...r.facts,
      messages: messages as AccountResult['facts']['messages'],
      cadence: cadence as AccountResult['facts']['cadence'],
    },
  };
}

function digestOf(results: readonly AccountResult[]): string {
  const hash = createHash('sha256');
  for (const r of [...results].sort((a, b) => (a._id < b._id ? -1 : 1))) {
    const { runId: _runId, ...figures } = lightOf(r);
    void _runId;
    hash.update(canonicalJson(figures as unknown as JsonValue), 'utf8');
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Re-scores every result from its stored facts with the desk's lines and the decided objections (the
 * last word, whatever raced with the chunks), then ranks and rolls up. Idempotent.
 */
async function finish(doc: EvaluationMonth, inputs: RunInputs, now: number): Promise<EvaluationMonth | null> {
  const started = performance.now();
  const results = await readResults(doc, true);
  const adjustments = await readMonthAll<EvaluationAdjustment>('evaluationAdjustments', { month: doc.month });
  const upheld = await readMonthAll<Objection>('evaluationObjections', { month: doc.month, state: 'upheld' });
  const adjBy = new Map<string, EvaluationAdjustment[]>();
  for (const a of adjustments) adjBy.set(a.accountId, [...(adjBy.get(a.accountId) ?? []), a]);
  const withdrawn = new Set(upheld.map((o) => o.lineId));
  const touched = new Set([...adjustments.map((a) => a.accountId), ...upheld.map((o) => o.accountId)]);
  const final: AccountResult[] = [];
  for (const light of results) {
    // Only an account with a desk line or an upheld objection can differ from what its chunk wrote;
    // its whole result is read and scored again, so the last decision always counts.
    const lines = light.lines;
    const stale =
      touched.has(light.accountId) ||
      lines.some((l) => l.withdrawn !== withdrawn.has(l.id)) ||
      lines.some((l) => l.source === 'manual');
    if (!stale) {
      final.push(light);
      continue;
    }
    const r = (await store.get<AccountResult>('evaluationResults', light._id)) ?? light;
    const scored = scoreAccount({
      month: doc.month,
      facts: r.facts,
      scheme: inputs.scheme,
      adjustments: adjBy.get(r.accountId) ?? [],
      withdrawn,
    });
    const next: AccountResult = { ...r, ...scored };
    if (canonicalJson(next as unknown as JsonValue) !== canonicalJson(r as unknown as JsonValue))
      await store.put('evaluationResults', next);
    final.push(next);
  }
  const { standings, units } = rollUp(doc.month, doc.runId, final, inputs.tree, inputs.scheme);
  await store.put('evaluationStandings', standings);
  for (const u of units) await store.put('evaluationUnitResults', u);
  const digest = digestOf(final);
  const elapsed = Math.round(performance.now() - started);
  return store.transaction(async (tx) => {
    const current = await tx.get<EvaluationMonth>('evaluationMonths', doc._id);
    // Moved meanwhile (a re-run, a decision that needs another finish): that one decides.
    if (!current || current.runId !== doc.runId || current.rev !== doc.rev) return null;
    const next: EvaluationMonth = {
      ...current,
      phase: 'done',
      state: current.state === 'published' ? 'published' : current.releasedAt ? 'review' : 'draft',
      digest,
      computedAt: toBeijingIso(now),
      chunks: current.chunks + 1,
      runMs: current.runMs + elapsed,
      longestChunkMs: Math.max(current.longestChunkMs, elapsed),
      rev: current.rev + 1,
    };
    await tx.put('evaluationMonths', next);
    return next;
  });
}

/**
 * Continues a month's run for up to `budgetMs`: chunks, then the finish. Answers the month as it
 * stands; a month already done is left as it is.
 */
export async function continueRun(
  month: MonthString,
  ctx: HandlerContext,
  budgetMs = RUN_BUDGET_MS,
): Promise<EvaluationMonth | null> {
  const started = performance.now();
  let doc = await store.get<EvaluationMonth>('evaluationMonths', monthDocId(month));
  if (!doc) return null;
  let inputs: RunInputs | null = null;
  for (let guard = 0; guard < 10_000 && doc && doc.phase !== 'done'; guard += 1) {
    if (performance.now() - started > budgetMs) break;
    inputs ??= await inputsOf(doc);
    const stepped: EvaluationMonth | null =
      doc.phase === 'accounts' ? await runChunk(doc, inputs) : await finish(doc, inputs, ctx.now);
    if (stepped) {
      doc = stepped;
      continue;
    }
    // Someone else moved the month: read it again and carry on from there.
    const fresh: EvaluationMonth | null = await store.get<EvaluationMonth>('evaluationMonths', monthDocId(month));
    if (!fresh || fresh.runId !== doc.runId) inputs = null;
    doc = fresh;
  }
  return doc;
}

/** A change that alters figures after the chunks (a desk line, a decision) asks for another finish. */
export function needsFinish(doc: EvaluationMonth): EvaluationMonth {
  if (doc.state === 'published') throw commonErrors.conflict();
  return doc.phase === 'done' ? { ...doc, phase: 'finish', rev: doc.rev + 1 } : { ...doc, rev: doc.rev + 1 };
}
