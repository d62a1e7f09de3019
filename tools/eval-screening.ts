/**
 * Measures the reader where a real model exists: runs the project's labelled corpus
 * (test/screening-corpus) through the model of a given environment and prints recall and precision
 * per item for the rules alone, the model alone, and both.
 *
 *   npm run eval:screening -- --env <environment> [--model group/name] [--timeout 60] [--concurrency 2]
 *                             [--chunk 3000] [--limit N] [--prompt prompt.json] [--json report.json]
 *                             [--part h7]
 *
 * Without --part it reads the labelled posts (test/screening-corpus/corpus.ts); with --part it reads
 * one part of the per-item corpus (test/screening-corpus/items/parts.ts, e.g. h7, the part kept out of
 * rule writing), scored as items-quality.test.ts scores the rules: a positive needs its own item, and
 * the categories in a sample's `also` are neither required nor a false alarm.
 *
 * Credentials come from the environment, never from a file in the repository: TENCENTCLOUD_SECRETID,
 * TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys) of an account allowed to
 * call the environment's models. The model is asked exactly as the product asks it (server/reader:
 * the same prompt, parts, strict parsing), without the database (no cache, no budget).
 *
 *   npm run eval:screening -- --local
 *
 * runs the same over an in-memory local cloud with its scripted model, which finds nothing unless
 * told: it checks the script's wiring and says nothing about any model's quality.
 *
 * See docs/reader.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScreeningCategoryId } from '../typings/screening';
import { READERS, precision, recall, score, type EvalScore, type Judged } from '../core/reader/eval';
import { defaultPrompt, editedPrompt, promptProblems, type PromptData } from '../core/reader/prompt';
import { MODEL_PATTERN } from '../core/reader/settings';
import { screen } from '../core/screening/screen';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';
import { labelled, SCREENING_CORPUS } from '../test/screening-corpus/corpus';
import { PARTS, USE_TITLE, type CorpusPart } from '../test/screening-corpus/items/parts';
import type { AccountKind } from '../typings/org';
import type { ScreeningInput } from '../typings/screening';

export interface EvalOptions {
  model: string;
  timeoutMs: number;
  concurrency: number;
  chunkChars: number;
  limit?: number;
  prompt?: PromptData;
  /** A part of the per-item corpus (its id in parts.ts); without it, the labelled posts. */
  part?: CorpusPart['id'];
}

/** One text to read, from either corpus, with what it must and may be flagged under. */
interface EvalText {
  id: string;
  text: string;
  accountKind: AccountKind;
  input: ScreeningInput;
  expected: readonly ScreeningCategoryId[];
  allowed: readonly ScreeningCategoryId[];
}

export interface EvalReport {
  model: string;
  promptVersion: number;
  /** What was read: the labelled posts, or a part of the per-item corpus. */
  source: string;
  texts: number;
  score: EvalScore;
  tokens: number;
  latencyMs: { p50: number; p95: number; max: number };
  dropped: number;
  failures: Record<string, number>;
}

/** The texts to read and the name of where they come from. */
export function textsOf(part: CorpusPart['id'] | undefined): { source: string; texts: EvalText[] } {
  if (part === undefined) {
    const texts = SCREENING_CORPUS.filter((e) => e.kind === 'post').map((entry) => ({
      id: entry.id,
      text: entry.text,
      accountKind: entry.accountKind ?? 'institutional',
      input: labelled(entry).input,
      expected: entry.expected,
      allowed: [],
    }));
    return { source: 'posts of the labelled corpus', texts };
  }
  const found = PARTS.find((p) => p.id === part);
  if (!found) throw new Error(`--part must be one of ${PARTS.map((p) => p.id).join(', ')}`);
  const texts = found.samples.map((s) => ({
    id: s.id,
    text: s.text,
    accountKind: s.accountKind,
    // As items-quality.test.ts screens a sample.
    input: { text: s.text, context: { kind: 'post' as const, accountKind: s.accountKind } },
    expected: s.positive ? [s.item] : [],
    allowed: s.also,
  }));
  const use = found.use === 'tuning' ? '' : ` (${USE_TITLE[found.use]})`;
  return { source: `sentences of the per-item corpus, ${found.title}${use}`, texts };
}

/** Runs the corpus; needs the SDK pointed at an environment first (see main). */
export async function evaluate(opts: EvalOptions, log: (line: string) => void = console.log): Promise<EvalReport> {
  // Loaded here, after the caller has set the environment the SDK reads at import.
  const { inParts, outcomeOf } = await import('../server/reader/read');
  const prompt = opts.prompt ?? defaultPrompt();
  const { source, texts } = textsOf(opts.part);
  const entries = texts.slice(0, opts.limit ?? undefined);
  const judged: Judged[] = new Array<Judged>(entries.length);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let tokens = 0;
  let dropped = 0;
  let next = 0;
  let done = 0;

  const one = async (index: number): Promise<void> => {
    const entry = entries[index];
    if (!entry) return;
    const rules = new Set(screen(entry.input, STARTER_LEXICON).hits.map((h) => h.category));
    const asked = inParts(opts.model, prompt, entry.accountKind, entry.text, opts.chunkChars, opts.timeoutMs, entry.id);
    const results = await asked.ask();
    for (const r of results) {
      tokens += r.tokens;
      dropped += r.drops.length;
      latencies.push(r.answer.latencyMs);
    }
    const outcome = outcomeOf(results);
    let model: Set<ScreeningCategoryId> | null = null;
    if (outcome.state === 'done') {
      model = new Set(outcome.findings.flatMap((f) => (f.item.category ? [f.item.category] : [])));
    } else {
      const key = outcome.state === 'timeout' ? 'timeout' : (outcome.code ?? 'error');
      failures[key] = (failures[key] ?? 0) + 1;
    }
    judged[index] = { id: entry.id, expected: new Set(entry.expected), allowed: new Set(entry.allowed), rules, model };
    done++;
    if (done % 10 === 0) log(`  ${done}/${entries.length} …`);
  };

  const lane = async (): Promise<void> => {
    while (next < entries.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, lane));

  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    model: opts.model,
    promptVersion: prompt.version,
    source,
    texts: entries.length,
    score: score(judged),
    tokens,
    latencyMs: { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 },
    dropped,
    failures,
  };
}

const pct = (v: number | null): string => (v === null ? '     —' : `${(v * 100).toFixed(1).padStart(5)}%`);

export function printReport(report: EvalReport, log: (line: string) => void = console.log): void {
  log(`reader evaluation: ${report.texts} ${report.source}, model ${report.model}, prompt v${report.promptVersion}`);
  log('precision / recall per item (the rules’ category the item maps to):');
  log(`${'category'.padEnd(22)} ${READERS.map((r) => `${r.padEnd(6)} P /      R`).join('   ')}   article`);
  for (const item of report.score.items) {
    const cells = READERS.map((r) => `${pct(precision(item.counts[r]))} / ${pct(recall(item.counts[r]))}`);
    log(`${item.category.padEnd(22)} ${cells.join('   ')}   ${item.ref}`);
  }
  const overall = READERS.map(
    (r) => `${r} P ${pct(precision(report.score.overall[r]))} R ${pct(recall(report.score.overall[r]))}`,
  );
  log(`overall (micro): ${overall.join('; ')}`);
  log(
    `tokens ${report.tokens}; latency per call p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms, max ${report.latencyMs.max} ms; findings dropped by the parser ${report.dropped}`,
  );
  const failed = Object.entries(report.failures);
  if (failed.length) log(`not read (counted as finding nothing): ${failed.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
}

interface Args {
  env: string | null;
  local: boolean;
  model: string;
  timeout: number;
  concurrency: number;
  chunk: number;
  limit: number | undefined;
  prompt: string | null;
  json: string | null;
  part: CorpusPart['id'] | undefined;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    env: null,
    local: false,
    model: 'hunyuan-exp/hunyuan-turbos-latest',
    timeout: 60,
    concurrency: 2,
    chunk: 3000,
    limit: undefined,
    prompt: null,
    json: null,
    part: undefined,
  };
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const int = (s: string, name: string, min: number): number => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--local') args.local = true;
    else if (a === '--env') args.env = value(i++, a);
    else if (a === '--model') args.model = value(i++, a);
    else if (a === '--timeout') args.timeout = int(value(i++, a), a, 1);
    else if (a === '--concurrency') args.concurrency = int(value(i++, a), a, 1);
    else if (a === '--chunk') args.chunk = int(value(i++, a), a, 500);
    else if (a === '--limit') args.limit = int(value(i++, a), a, 1);
    else if (a === '--prompt') args.prompt = value(i++, a);
    else if (a === '--json') args.json = value(i++, a);
    else if (a === '--part') {
      const id = value(i++, a);
      const part = PARTS.find((p) => p.id === id);
      if (!part) throw new Error(`--part must be one of ${PARTS.map((p) => p.id).join(', ')}`);
      args.part = part.id;
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!MODEL_PATTERN.test(args.model))
    throw new Error(`--model must be group/model, e.g. hunyuan-exp/hunyuan-turbos-latest`);
  if (args.local === (args.env !== null)) throw new Error('give exactly one of --env <environment> or --local');
  return args;
}

function promptFrom(file: string): PromptData {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { instructions?: unknown; hints?: unknown };
  const instructions = typeof raw.instructions === 'string' ? raw.instructions : defaultPrompt().instructions;
  const hints: Record<string, string> = {};
  if (typeof raw.hints === 'object' && raw.hints !== null)
    for (const [k, v] of Object.entries(raw.hints)) if (typeof v === 'string') hints[k] = v;
  const problems = promptProblems(instructions, hints);
  if (problems.length) throw new Error(`prompt file: ${problems.join('; ')}`);
  return editedPrompt(defaultPrompt(), instructions, hints);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let close: () => Promise<void> = async () => undefined;
  if (args.local) {
    const { createLocalCloud } = await import('./local-cloud/src');
    const { routeGateway } = await import('./local-cloud/src/ai/route');
    const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
    Object.assign(process.env, cloud.sdkEnv());
    routeGateway(() => ({ host: '127.0.0.1', port: cloud.port }));
    close = () => cloud.close();
    console.log('local cloud, scripted model: it finds nothing unless told — these figures say nothing about quality.');
  } else {
    const env = args.env ?? '';
    if (!process.env['TENCENTCLOUD_SECRETID'] || !process.env['TENCENTCLOUD_SECRETKEY'])
      throw new Error(
        'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys)',
      );
    // What cloud.DYNAMIC_CURRENT_ENV resolves to (server/cloud.ts); the keys are read by the SDK itself.
    process.env['TCB_ENV'] = env;
    process.env['SCF_NAMESPACE'] = env;
  }
  try {
    const report = await evaluate({
      model: args.model,
      timeoutMs: args.timeout * 1000,
      concurrency: args.concurrency,
      chunkChars: args.chunk,
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
      ...(args.prompt ? { prompt: promptFrom(args.prompt) } : {}),
      ...(args.part !== undefined ? { part: args.part } : {}),
    });
    printReport(report);
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
  } finally {
    await close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
