/**
 * One reading of a text: the desk's settings and prompt, the cache by content, the unit's budget
 * (reserved before asking, settled with what the platform counted), one call per part of a long post
 * under one deadline, strict parsing, and a record of every call. It never throws for the model's
 * sake: whatever goes wrong, the answer is a state and a note, and the post goes on the rules alone.
 */
import type { AccountKind } from '../../typings/org';
import type { ReaderSettings, ReadingState, ReadingView } from '../../typings/reader';
import { mergeFindings, parseAnswer, type LocatedFinding } from '../../core/reader/answer';
import { itemsFor } from '../../core/reader/items';
import { partsOf } from '../../core/reader/parts';
import { messagesFor, type PromptData } from '../../core/reader/prompt';
import { estimateTokens, findingViews, monthOf, noteFor } from '../../core/reader/reading';
import { budgetOf } from '../../core/reader/settings';
import { toBeijingIso } from '../../core/time';
import { command, store } from '../store';
import { loadPrompt, loadSettings } from './config';
import { readingKey, usageId, type CallDoc, type ReadingDoc, type UsageDoc } from './docs';
import { askModel, type ModelAnswer } from './model';

export interface ReadRequest {
  unitId: string;
  accountId: string;
  accountKind: AccountKind;
  title: string;
  text: string;
  purpose: 'submit' | 'check';
  postId: string | null;
  version: number | null;
  now: number;
  newId: () => string;
}

/** A view plus what the caller may need beyond it (the settings it ran under). */
export interface ReadResult {
  view: ReadingView;
  settings: ReaderSettings;
}

export function emptyView(state: ReadingState, note: string | null, over: Partial<ReadingView> = {}): ReadingView {
  return {
    state,
    note,
    model: null,
    promptVersion: null,
    findings: [],
    dropped: 0,
    raisedTo: null,
    tokens: 0,
    latencyMs: 0,
    cached: false,
    at: null,
    ...over,
  };
}

function isDuplicate(err: unknown): boolean {
  return /duplicate/i.test(err instanceof Error ? err.message : String(err));
}

/**
 * Takes `estimate` tokens from the unit's month if they fit in `budget`: one conditional update of a
 * single document, so two submissions at once can never both take the last of it.
 */
async function reserve(unitId: string, month: string, budget: number, estimate: number): Promise<number | null> {
  const id = usageId(unitId, month);
  const _ = command();
  for (let attempt = 0; attempt < 2; attempt++) {
    if (budget - estimate >= 0) {
      const taken = await store.updateWhere(
        'readerUsage',
        { _id: id, tokens: _.lte(budget - estimate) },
        { tokens: _.inc(estimate) },
      );
      if (taken === 1) return null;
    }
    const doc = await store.get<UsageDoc>('readerUsage', id);
    if (doc) return doc.tokens;
    try {
      await store.insert<UsageDoc>('readerUsage', { _id: id, unitId, month, tokens: 0, calls: 0 });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  return (await store.get<UsageDoc>('readerUsage', id))?.tokens ?? 0;
}

async function settle(unitId: string, month: string, delta: number, calls: number): Promise<void> {
  const _ = command();
  await store.updateWhere(
    'readerUsage',
    { _id: usageId(unitId, month) },
    { tokens: _.inc(delta), calls: _.inc(calls) },
  );
}

export interface PartResult {
  answer: ModelAnswer;
  outcome: CallDoc['outcome'];
  findings: LocatedFinding[];
  drops: string[];
  /** What the platform counted; the reservation when it did not say or we stopped waiting; 0 when refused. */
  tokens: number;
}

export interface PartsAsked {
  parts: number;
  /** Tokens reserved per part before asking (core/reader/reading.ts estimateTokens). */
  estimates: number[];
  ask(): Promise<PartResult[]>;
}

/**
 * A text cut into parts within the limit, each with its messages: `ask()` puts every part to the
 * model at once under one deadline and parses each answer strictly. No database: the evaluation
 * script reads the corpus through exactly this.
 */
export function inParts(
  model: string,
  prompt: PromptData,
  accountKind: AccountKind,
  full: string,
  chunkChars: number,
  timeoutMs: number,
  label: string,
): PartsAsked {
  const parts = partsOf(full, chunkChars);
  const items = itemsFor(accountKind);
  const requests = parts.map((part, i) => messagesFor(prompt, accountKind, part.text, i, parts.length));
  const estimates = requests.map(estimateTokens);
  return {
    parts: parts.length,
    estimates,
    async ask() {
      const answers = await Promise.all(requests.map((messages) => askModel(model, messages, timeoutMs)));
      return answers.map((answer, i) => {
        const part = parts[i] ?? { start: 0, text: '' };
        const reserved = estimates[i] ?? 0;
        // A refused call (a status or a network error) cost nothing; a call we stopped waiting for may
        // still be counted by the platform, so its reservation stays spent.
        if (!answer.ok)
          return {
            answer,
            outcome: answer.outcome,
            findings: [],
            drops: [],
            tokens: answer.outcome === 'timeout' ? reserved : 0,
          };
        const tokens =
          answer.promptTokens !== null && answer.completionTokens !== null
            ? answer.promptTokens + answer.completionTokens
            : reserved;
        const parsed = parseAnswer(answer.text, part, items);
        const drops = parsed.drops.map((d) => (d.index === null ? d.reason : `#${d.index + 1}: ${d.reason}`));
        for (const drop of drops)
          console.warn(`[reader] ${model} part ${i + 1}/${parts.length}: dropped ${drop} (${label})`);
        return { answer, outcome: parsed.ok ? 'ok' : 'malformed', findings: parsed.findings, drops, tokens };
      });
    },
  };
}

/** How a set of part results ends: whole, or the first failure that leaves the post on the rules. */
export function outcomeOf(
  results: readonly PartResult[],
): { state: 'done'; findings: LocatedFinding[] } | { state: 'timeout' } | { state: 'error'; code: string | null } {
  if (results.some((r) => r.outcome === 'timeout')) return { state: 'timeout' };
  const failed = results.find((r) => r.outcome === 'error');
  if (failed) return { state: 'error', code: failed.answer.ok ? null : failed.answer.code };
  if (results.some((r) => r.outcome === 'malformed')) return { state: 'error', code: 'MALFORMED' };
  return { state: 'done', findings: mergeFindings(results.map((r) => r.findings)) };
}

export async function readText(req: ReadRequest): Promise<ReadResult> {
  const settings = await loadSettings();
  if (!settings.enabled || settings.model === null) return { view: emptyView('off', null), settings };
  const model = settings.model;
  const prompt = await loadPrompt();
  // Offsets are into title + '\n' + text, as the rules' hits are (server/post/screening.ts).
  const full = `${req.title}\n${req.text}`;
  const key = readingKey(prompt.version, model, req.accountKind, settings.chunkChars, full);
  const base = { model, promptVersion: prompt.version };

  const hit = await store.get<ReadingDoc>('readings', key);
  if (hit) {
    const note = noteFor('done', { dropped: hit.dropped });
    const view = emptyView('done', note, { ...base, findings: hit.findings, dropped: hit.dropped, at: hit.at });
    return { view: { ...view, tokens: hit.tokens, latencyMs: hit.latencyMs, cached: true }, settings };
  }

  const asked = inParts(
    model,
    prompt,
    req.accountKind,
    full,
    settings.chunkChars,
    settings.timeoutSeconds * 1000,
    `post ${req.postId ?? '-'}`,
  );
  const estimate = asked.estimates.reduce((a, b) => a + b, 0);
  const month = monthOf(req.now);
  const budget = budgetOf(settings, req.unitId);
  const used = await reserve(req.unitId, month, budget, estimate);
  if (used !== null) return { view: emptyView('overBudget', noteFor('overBudget', { used, budget }), base), settings };

  const results = await asked.ask();
  const at = toBeijingIso(req.now);
  await Promise.all(
    results.map((r, i) =>
      store.insert<CallDoc>('readerCalls', {
        _id: req.newId(),
        at,
        month,
        unitId: req.unitId,
        accountId: req.accountId,
        postId: req.postId,
        version: req.version,
        purpose: req.purpose,
        model,
        promptVersion: prompt.version,
        part: i + 1,
        parts: asked.parts,
        promptTokens: r.answer.ok ? (r.answer.promptTokens ?? 0) : 0,
        completionTokens: r.answer.ok ? (r.answer.completionTokens ?? 0) : 0,
        totalTokens: r.tokens,
        latencyMs: r.answer.latencyMs,
        outcome: r.outcome,
        errorCode: r.answer.ok ? null : r.answer.code,
        findings: r.findings.length,
        dropped: r.drops.length,
        drops: r.drops.slice(0, 5),
      }),
    ),
  );
  const tokens = results.reduce((sum, r) => sum + r.tokens, 0);
  await settle(req.unitId, month, tokens - estimate, results.length);

  const latencyMs = Math.max(...results.map((r) => r.answer.latencyMs));
  const dropped = results.reduce((sum, r) => sum + r.drops.length, 0);
  const spent = { ...base, tokens, latencyMs, dropped, at };
  // A reading is whole or it is not shown: a part unread leaves the post on the rules alone.
  const outcome = outcomeOf(results);
  if (outcome.state === 'timeout')
    return {
      view: emptyView('timeout', noteFor('timeout', { timeoutSeconds: settings.timeoutSeconds }), spent),
      settings,
    };
  if (outcome.state === 'error')
    return { view: emptyView('error', noteFor('error', { errorCode: outcome.code }), spent), settings };

  const findings = findingViews(outcome.findings);
  const doc: ReadingDoc = {
    _id: key,
    model,
    promptVersion: prompt.version,
    accountKind: req.accountKind,
    findings,
    dropped,
    tokens,
    latencyMs,
    parts: asked.parts,
    at,
  };
  try {
    await store.insert('readings', doc);
  } catch (err) {
    // The same text read twice at once: either reading serves.
    if (!isDuplicate(err)) throw err;
  }
  return { view: emptyView('done', noteFor('done', { dropped }), { ...spent, findings }), settings };
}
