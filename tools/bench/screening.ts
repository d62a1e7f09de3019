/**
 * Screening benchmark: a 10,000-term lexicon (the starter terms plus random CJK terms) and the
 * default combination rules over about 5 MB of generated Chinese text, everything derived from one
 * seed.
 *
 *   npm run bench -- screening                      # the code compiled as the functions deploy it
 *   npx tsx tools/bench/screening-deployed.ts [--terms N] [--mb N] [--reps N] [--rounds N] [--seed N]
 *   npx tsx tools/bench/screening.ts [same options]  # the TypeScript under tsx, the development loader
 *
 * Prints build times; throughput of the whole lexicon path (normalise + one automaton pass + map
 * back + rules), of full screen() with the default rules and the detectors, of the exact matcher
 * libraries (@monyone/aho-corasick, fastscan, mint-filter) and of our own automaton on the raw text;
 * the ratio of screen() to the fastest exact library (issue 17's target ≥ 0.5×); and recall against
 * brute force on a sample: terms, rule firings and detector hits. Times are CPU time of this process
 * (after a warm-up pass over the whole text per engine, shown on its own line; best of the
 * repetitions per slice, engines interleaved), so a busy machine skews them less; every ratio
 * compares figures of the same run.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import FastScanner from 'fastscan';
import { Mint } from 'mint-filter';
import type { LexiconData, LexiconTerm, ScreeningCategoryId, SpanHit } from '../../typings/screening';
import { Automaton } from '../../core/screening/automaton';
import { buildMatcher, getMatcher, type TermHit } from '../../core/screening/matcher';
import { buildReference } from '../../core/screening/reference';
import { referenceDetect, screen } from '../../core/screening/screen';
import { STARTER_LEXICON } from '../../core/screening/starter-lexicon';
import { SCREENING_CORPUS } from '../../test/screening-corpus/corpus';
import { mulberry32 } from '../../core/random';

/**
 * Defined (true) in the bundle screening-deployed.ts compiles from this file; never declared under tsx.
 */
declare const SCREENING_BENCH_DEPLOYED: boolean | undefined;

/** How the code measured was compiled: the last line's verdict holds for that form alone. */
const CODE_FORM =
  typeof SCREENING_BENCH_DEPLOYED !== 'undefined' && SCREENING_BENCH_DEPLOYED
    ? 'one esbuild bundle compiled as the cloud functions are (tools/build-functions.ts: minified, node16, CommonJS): the form that runs in production'
    : 'the TypeScript modules one by one, not bundled (as tsx, the development loader, runs them: per-module wrappers and kept names cost this many-module code more than the one-file libraries); the deployed form: npm run bench -- screening';

export interface ScreeningBenchOptions {
  terms?: number;
  megabytes?: number;
  reps?: number;
  /** Rounds of the whole-text measure (median taken). */
  rounds?: number;
  seed?: number;
  /** Documents compared against the brute-force references. */
  sampleDocs?: number;
  log?: (line: string) => void;
}

export interface ScreeningBenchFigures {
  terms: number;
  megabytes: number;
  documents: number;
  rules: number;
  buildMs: { path: number; pathCold: number; raw: number; fastscan: number; mint: number };
  /** `classified`: screen() with 语义研判 (the classifier) too; `screen` without it, as issue 17's target names. */
  mbPerSecond: {
    path: number;
    raw: number;
    fastscan: number;
    mint: number;
    own: number;
    screen: number;
    classified: number;
  };
  /** path throughput / the fastest exact library's. */
  pathVsFastestExact: number;
  /** screen() with the default rules and the detectors / the fastest exact library's (target ≥ 0.5). */
  screenVsFastestExact: number;
  /** The same three, each engine reading the whole text at once (median of the rounds). */
  wholeMbPerSecond: { path: number; raw: number; fastscan: number; own: number; screen: number };
  wholePathVsFastestExact: number;
  wholeScreenVsFastestExact: number;
  /** screen() with the classifier too / the fastest exact library's (no target; printed beside it). */
  classifiedVsFastestExact: number;
  /** The same ratio over each engine's first pass in the process (warm-up; V8 still compiling). */
  firstScreenVsFastestExact: number;
  recall: {
    path: number;
    pathPrecision: number;
    raw: number;
    fastscan: number;
    mint: number;
    rules: number;
    rulesPrecision: number;
    detectors: number;
    detectorsPrecision: number;
  };
}

// Frequent characters of written Chinese, enough for random words to collide now and then.
const POOL =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严警察民辖派所刑侦案件嫌疑诈骗交通安全';
const PUNCT = '，，，。。、；：！？“”';
const NOISE = [' ', '*', '·', '😀', '\u200b', '-'];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)];
const randomWord = (rnd: Rnd, min: number, max: number): string => {
  let s = '';
  for (let i = min + Math.floor(rnd() * (max - min + 1)); i > 0; i--) s += pick(rnd, POOL);
  return s;
};
/** Filler prose: half frequent characters, half anywhere in the basic CJK block. */
const randomClause = (rnd: Rnd, min: number, max: number): string => {
  let s = '';
  for (let i = min + Math.floor(rnd() * (max - min + 1)); i > 0; i--) {
    s += rnd() < 0.5 ? pick(rnd, POOL) : String.fromCharCode(0x4e00 + Math.floor(rnd() * (0x9fa5 - 0x4e00)));
  }
  return s;
};

export function makeLexicon(rnd: Rnd, size: number): LexiconData {
  const categories = [...new Set(STARTER_LEXICON.terms.map((t) => t.category))];
  const seen = new Set(STARTER_LEXICON.terms.map((t) => t.term));
  const terms: LexiconTerm[] = [...STARTER_LEXICON.terms];
  while (terms.length < size) {
    const term = randomWord(rnd, 2, 5);
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push({ term, category: pick<ScreeningCategoryId>(rnd, categories) });
  }
  return { version: `bench-${size}`, terms, allow: STARTER_LEXICON.allow, rules: STARTER_LEXICON.rules };
}

/**
 * Documents of ~0.5–3 KB: half sentences of the labelled corpus, a tenth lexicon terms (a third of
 * them obfuscated), the rest random clauses.
 */
export function makeDocuments(rnd: Rnd, lexicon: LexiconData, megabytes: number): string[] {
  const sentences = SCREENING_CORPUS.flatMap((e) => e.text.split(/(?<=[。！？])/));
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < megabytes * 1e6) {
    // Joined once, so each document is one flat string as it would arrive from the database.
    const parts: string[] = [];
    let size = 0;
    const target = 500 + Math.floor(rnd() * 2500);
    while (size < target) {
      const r = rnd();
      let part: string;
      if (r < 0.5) {
        part = pick(rnd, sentences);
      } else if (r < 0.6) {
        const term = pick(rnd, lexicon.terms).term;
        // A third of planted terms are obfuscated the ways normalisation undoes.
        part = rnd() < 0.33 ? [...term].join(pick(rnd, NOISE)) : term;
      } else {
        part = randomClause(rnd, 2, 12) + pick(rnd, PUNCT);
      }
      parts.push(part);
      size += Buffer.byteLength(part);
    }
    const doc = parts.join('');
    docs.push(doc);
    bytes += size;
  }
  return docs;
}

interface Timing {
  cpuMs: number;
  wallMs: number;
}

function timed<T>(fn: () => T): Timing & { result: T } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, result };
}

/** Exact substring occurrences of raw terms in raw text, by brute force over first characters. */
function rawReference(terms: readonly string[]): (text: string) => Map<string, number> {
  const byFirst = new Map<string, string[]>();
  for (const t of new Set(terms)) {
    const list = byFirst.get(t[0]) ?? [];
    list.push(t);
    byFirst.set(t[0], list);
  }
  return (text) => {
    const found = new Map<string, number>();
    for (let i = 0; i < text.length; i++) {
      for (const t of byFirst.get(text[i]) ?? []) {
        if (text.startsWith(t, i)) found.set(`${i}\u0000${t}`, 1);
      }
    }
    return found;
  };
}

/** Occurrence recall: matched occurrences / expected occurrences, keyed as `${start}\0${term}`. */
function recallOf(expected: Map<string, number>, got: Map<string, number>): number {
  let total = 0;
  let hit = 0;
  for (const [k, n] of expected) {
    total += n;
    hit += Math.min(n, got.get(k) ?? 0);
  }
  return total === 0 ? 1 : hit / total;
}

const countKeys = (keys: Iterable<string>): Map<string, number> => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

export function runScreeningBench(options: ScreeningBenchOptions = {}): ScreeningBenchFigures {
  const {
    terms: termCount = 10_000,
    megabytes = 5,
    reps = 3,
    rounds = 5,
    seed = 20171103,
    sampleDocs = 150,
    log = console.log,
  } = options;
  const rnd = mulberry32(seed);
  const lexicon = makeLexicon(rnd, termCount);
  const docs = makeDocuments(rnd, lexicon, megabytes);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
  const chars = docs.reduce((n, d) => n + d.length, 0);
  const rawTerms = [...new Set(lexicon.terms.map((t) => t.term))];
  const ruleCount = lexicon.rules?.length ?? 0;
  log(
    `screening bench: ${lexicon.terms.length} terms, ${ruleCount} default rules, ${docs.length} documents, ${mb.toFixed(2)} MB UTF-8 (${chars} UTF-16 units), seed ${seed}`,
  );

  log(`code measured: ${CODE_FORM}`);

  // Build: the first matcher also pays for the fold table and OpenCC's dictionary.
  const buildCold = timed(() => buildMatcher(lexicon));
  const buildPath = timed(() => buildMatcher(lexicon));
  const buildRaw = timed(() => new AhoCorasick(rawTerms));
  const buildFast = timed(() => new FastScanner(rawTerms));
  const buildMint = timed(() => new Mint(rawTerms));
  const matcher = buildPath.result;
  const ac = buildRaw.result;
  const fast = buildFast.result;
  const mint = buildMint.result;
  const own = new Automaton(rawTerms);
  const unitsOf = new Map<string, Uint16Array>();
  for (const d of docs) {
    const u = new Uint16Array(d.length);
    for (let i = 0; i < d.length; i++) u[i] = d.charCodeAt(i);
    unitsOf.set(d, u);
  }
  const units = (d: string): Uint16Array => unitsOf.get(d) ?? new Uint16Array(0);

  const engines: { name: keyof ScreeningBenchFigures['mbPerSecond']; run: (d: string) => unknown }[] = [
    { name: 'path', run: (d) => matcher.match(d) },
    { name: 'raw', run: (d) => ac.matchInText(d) },
    { name: 'fastscan', run: (d) => fast.search(d) },
    { name: 'mint', run: (d) => mint.filter(d, { replace: false }) },
    { name: 'own', run: (d) => own.scan(units(d), d.length) },
    {
      name: 'screen',
      run: (d) => screen({ text: d, context: { kind: 'post', accountKind: 'institutional' } }, lexicon, null),
    },
    {
      name: 'classified',
      run: (d) => screen({ text: d, context: { kind: 'post', accountKind: 'institutional' } }, lexicon),
    },
  ];
  // The input is cut into slices of ~250 KB; each engine runs each slice `reps` times, engines
  // interleaved, and keeps its best time per slice. Summing per-slice minima filters out the
  // bursts of a shared machine far better than one minimum over whole passes.
  const slices: string[][] = [[]];
  let sliceBytes = 0;
  for (const d of docs) {
    if (sliceBytes > 250_000) {
      slices.push([]);
      sliceBytes = 0;
    }
    slices[slices.length - 1].push(d);
    sliceBytes += Buffer.byteLength(d);
  }
  // Warm-up: every engine reads the whole text once before the measures below, so none is measured
  // while V8 is still compiling it (the interleaving below then spreads whatever the machine does
  // over all of them). One slice was not enough for screen(): its larger functions reach V8's
  // optimising compiler only after megabytes of text, and detectAll alone took 0.4 s of compiler
  // time, so the slices measured part of screen() in V8's lower tiers. The pass is timed all the
  // same and printed apart, as a glimpse of a freshly started process (a cold cloud function): a
  // glimpse only, since screen() reads it last, after the lexicon path has warmed the matcher code
  // the two share, so a truly cold screen() is slower still.
  // screen()'s matcher is built first (getMatcher's cache): the first pass reads, it builds nothing.
  getMatcher(lexicon);
  const firstPass = new Map<string, Timing>();
  for (const e of engines)
    firstPass.set(
      e.name,
      timed(() => {
        for (const d of docs) e.run(d);
      }),
    );
  const best = new Map<string, Timing>(engines.map((e) => [e.name, { cpuMs: 0, wallMs: 0 }]));
  for (const slice of slices) {
    const sliceBest = new Map<string, Timing>();
    for (let rep = 0; rep < reps; rep++) {
      for (let k = 0; k < engines.length; k++) {
        const e = engines[(k + rep) % engines.length];
        const t = timed(() => {
          for (const d of slice) e.run(d);
        });
        const prev = sliceBest.get(e.name);
        if (!prev || t.cpuMs < prev.cpuMs) sliceBest.set(e.name, t);
      }
    }
    for (const [name, t] of sliceBest) {
      const total = best.get(name);
      if (total) {
        total.cpuMs += t.cpuMs;
        total.wallMs += t.wallMs;
      }
    }
  }
  const rate = (name: string): number => mb / ((best.get(name)?.cpuMs ?? Infinity) / 1000);
  const mbPerSecond = {
    path: rate('path'),
    raw: rate('raw'),
    fastscan: rate('fastscan'),
    mint: rate('mint'),
    own: rate('own'),
    screen: rate('screen'),
    classified: rate('classified'),
  };

  // Second measure: every engine reads the whole text in one go (as a server screens one text after
  // another, with its own tables in cache), `rounds` times, engines rotated each round; the median
  // CPU time per engine. The slices above switch engine every 250 KB, which charges each engine for
  // refilling the cache after another one — more for the engines with larger tables.
  const wholeEngines = engines.filter((e) => e.name !== 'mint' && e.name !== 'classified');
  const wholeTimes = new Map<string, number[]>(wholeEngines.map((e) => [e.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < wholeEngines.length; k++) {
      const e = wholeEngines[(k + round) % wholeEngines.length];
      const t = timed(() => {
        for (const d of docs) e.run(d);
      });
      wholeTimes.get(e.name)?.push(t.cpuMs);
    }
  }
  const median = (xs: readonly number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const wholeRate = (name: string): number => mb / (median(wholeTimes.get(name) ?? []) / 1000);
  const wholeMbPerSecond = {
    path: wholeRate('path'),
    raw: wholeRate('raw'),
    fastscan: wholeRate('fastscan'),
    own: wholeRate('own'),
    screen: wholeRate('screen'),
  };

  // Recall on a sample: the path against the normalising brute force, the libraries against
  // plain substring search (they do not normalise).
  const sample = docs.slice(0, sampleDocs);
  const reference = buildReference(lexicon);
  const rawRef = rawReference(rawTerms);
  const hitKey = (h: TermHit): string => `${h.start}:${h.end}\u0000${h.category}\u0000${h.term}`;
  const tally = { path: [0, 0], pathExtra: 0, raw: [0, 0], fastscan: [0, 0], mint: [0, 0] };
  const add = (slot: number[], r: number, weight: number): void => {
    slot[0] += r * weight;
    slot[1] += weight;
  };
  for (const d of sample) {
    const want = countKeys(reference(d).hits.map(hitKey));
    const got = countKeys(matcher.match(d).hits.map(hitKey));
    const weight = [...want.values()].reduce((a, b) => a + b, 0);
    add(tally.path, recallOf(want, got), weight);
    for (const k of got.keys()) if (!want.has(k)) tally.pathExtra++;

    const rawWant = rawRef(d);
    const rawWeight = rawWant.size;
    add(
      tally.raw,
      recallOf(rawWant, countKeys(ac.matchInText(d).map((h) => `${h.begin}\u0000${h.keyword}`))),
      rawWeight,
    );
    add(tally.fastscan, recallOf(rawWant, countKeys(fast.search(d).map(([at, w]) => `${at}\u0000${w}`))), rawWeight);
    // mint-filter reports words without offsets: compare occurrence counts per word.
    const byWord = (m: Map<string, number>): Map<string, number> =>
      countKeys([...m.keys()].map((k) => k.slice(k.indexOf('\u0000') + 1)));
    add(tally.mint, recallOf(byWord(rawWant), countKeys(mint.filter(d, { replace: false }).words)), rawWeight);
  }
  // Rules and detectors against their brute force: every rule firing (rule and sentence) and every
  // detector hit (detector and span) the reference finds, screen() finds too, and nothing else.
  const ruleKeys = { want: 0, found: 0, extra: 0 };
  const detectorKeys = { want: 0, found: 0, extra: 0 };
  /** `extraFrom`: the found keys that count against precision when not wanted (all of `got` unless given). */
  const compare = (
    want: string[],
    got: string[],
    into: { want: number; found: number; extra: number },
    extraFrom: string[] = got,
  ): void => {
    const have = new Set(got);
    const wanted = new Set(want);
    into.want += wanted.size;
    for (const k of wanted) if (have.has(k)) into.found++;
    for (const k of new Set(extraFrom)) if (!wanted.has(k)) into.extra++;
  };
  for (const d of sample) {
    const got = matcher.match(d);
    const want = reference(d);
    compare(
      want.rules.map((r) => `${r.rule}@${r.sentence}`),
      got.rules.map((r) => `${r.rule}@${r.sentence}`),
      ruleKeys,
    );
    const screened = screen(
      { text: d, context: { kind: 'post', accountKind: 'institutional' } },
      lexicon,
      null,
    ).hits.filter((h): h is SpanHit => h.where === 'text');
    // A detector hit is found when screen() shows its span under its article: screen() shows a span
    // once per article, so where a term or a rule of the same item covers exactly the same characters
    // the reviewer reads that one. Precision still counts the detectors' own hits alone.
    const key = (h: { category: string; start: number; end: number }): string => `${h.category}:${h.start}:${h.end}`;
    compare(
      referenceDetect(d, got.allowSpans).map(key),
      screened.map(key),
      detectorKeys,
      screened.filter((h) => h.source !== 'lexicon' && h.source !== 'rule').map(key),
    );
  }
  const share = (a: number, b: number): number => (b === 0 ? 1 : a / b);

  const ratio = (slot: number[]): number => (slot[1] === 0 ? 1 : slot[0] / slot[1]);
  const pathHits = tally.path[1];
  const recall = {
    path: ratio(tally.path),
    pathPrecision: pathHits === 0 ? 1 : pathHits / (pathHits + tally.pathExtra),
    raw: ratio(tally.raw),
    fastscan: ratio(tally.fastscan),
    mint: ratio(tally.mint),
    rules: share(ruleKeys.found, ruleKeys.want),
    rulesPrecision: share(ruleKeys.found, ruleKeys.found + ruleKeys.extra),
    detectors: share(detectorKeys.found, detectorKeys.want),
    detectorsPrecision: share(detectorKeys.found, detectorKeys.found + detectorKeys.extra),
  };

  const exact = [
    { name: '@monyone/aho-corasick/fast', rate: mbPerSecond.raw, recall: recall.raw },
    { name: 'fastscan', rate: mbPerSecond.fastscan, recall: recall.fastscan },
  ].filter((e) => e.recall === 1);
  const fastest = exact.sort((a, b) => b.rate - a.rate)[0];
  const pathVsFastestExact = fastest ? mbPerSecond.path / fastest.rate : NaN;
  const screenVsFastestExact = fastest ? mbPerSecond.screen / fastest.rate : NaN;
  const classifiedVsFastestExact = fastest ? mbPerSecond.classified / fastest.rate : NaN;
  const wholeFastest = [
    { name: '@monyone/aho-corasick/fast', rate: wholeMbPerSecond.raw, recall: recall.raw },
    { name: 'fastscan', rate: wholeMbPerSecond.fastscan, recall: recall.fastscan },
  ]
    .filter((e) => e.recall === 1)
    .sort((a, b) => b.rate - a.rate)[0];
  const firstRate = (name: string): number => mb / ((firstPass.get(name)?.cpuMs ?? Infinity) / 1000);
  const firstFastest = [
    { name: '@monyone/aho-corasick/fast', rate: firstRate('raw'), recall: recall.raw },
    { name: 'fastscan', rate: firstRate('fastscan'), recall: recall.fastscan },
  ]
    .filter((e) => e.recall === 1)
    .sort((a, b) => b.rate - a.rate)[0];
  const firstScreenVsFastestExact = firstFastest ? firstRate('screen') / firstFastest.rate : NaN;
  const wholePathVsFastestExact = wholeFastest ? wholeMbPerSecond.path / wholeFastest.rate : NaN;
  const wholeScreenVsFastestExact = wholeFastest ? wholeMbPerSecond.screen / wholeFastest.rate : NaN;

  const ms = (t: Timing | undefined): string => `${(t?.cpuMs ?? NaN).toFixed(0)} ms CPU`;
  const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
  log('build (10,000 terms unless --terms):');
  log(
    `  screening matcher      ${ms(buildPath)} warm, ${ms(buildCold)} cold (first build in the process: fold and OpenCC tables too)`,
  );
  log(`  @monyone/aho-corasick  ${ms(buildRaw)}`);
  log(`  fastscan               ${ms(buildFast)}`);
  log(`  mint-filter            ${ms(buildMint)}`);
  log(
    `first pass, not counted in the measures (each engine's first reading of the text in this process, one engine after another, V8 still compiling; screen() last, after the lexicon path it shares code with): ` +
      `full screen() ${firstRate('screen').toFixed(1)} MB/s, fastest exact library (${firstFastest?.name ?? 'none'}) ${(firstFastest?.rate ?? NaN).toFixed(1)} MB/s: ${firstScreenVsFastestExact.toFixed(2)}×`,
  );
  log(`throughput (sum over 250 KB slices of the best of ${reps} runs each, CPU time; wall in brackets):`);
  const line = (label: string, name: string, note: string): void => {
    const t = best.get(name);
    log(
      `  ${label.padEnd(38)} ${rate(name).toFixed(1).padStart(6)} MB/s  (${(t?.wallMs ?? NaN).toFixed(0)} ms wall)  ${note}`,
    );
  };
  line(
    'whole path: normalise+match+map+rules',
    'path',
    `terms: recall ${pct(recall.path)}, precision ${pct(recall.pathPrecision)} vs brute force`,
  );
  line(
    'full screen(): rules + detectors',
    'screen',
    `rules: recall ${pct(recall.rules)}, precision ${pct(recall.rulesPrecision)}; detectors: recall ${pct(recall.detectors)}, precision ${pct(recall.detectorsPrecision)}`,
  );
  line('screen() with 语义研判 (classifier) too', 'classified', 'what the product runs on a post');
  line('raw @monyone/aho-corasick/fast', 'raw', `recall ${pct(recall.raw)} vs substring search`);
  line('fastscan', 'fastscan', `recall ${pct(recall.fastscan)}`);
  line('mint-filter', 'mint', `recall ${pct(recall.mint)} (misses overlapping hits)`);
  line('our automaton alone, raw text', 'own', 'the automaton screening uses, without normalising');
  log(
    `whole path / fastest exact library (${fastest?.name ?? 'none'}): ${pathVsFastestExact.toFixed(2)}×  (target ≥ 0.80×)`,
  );
  log(
    `full screen() with the default rules and detectors / fastest exact library (${fastest?.name ?? 'none'}): ${screenVsFastestExact.toFixed(2)}×  (target ≥ 0.50×)`,
  );
  log(
    `screen() with 语义研判 too / fastest exact library: ${classifiedVsFastestExact.toFixed(2)}×  (no target: issue 17's names the rules and detectors; the classifier costs ${(1000 / mbPerSecond.classified - 1000 / mbPerSecond.screen).toFixed(1)} ms per MB on top)`,
  );
  log(
    `full screen() / our own automaton on the raw text: ${(mbPerSecond.screen / mbPerSecond.own).toFixed(2)}×  (the automaton alone is ${(mbPerSecond.own / (fastest?.rate ?? NaN)).toFixed(1)}× the fastest library)`,
  );
  log(`whole text per engine, median of ${rounds} rounds (CPU time), engines rotated:`);
  const wholeLine = (label: string, name: keyof typeof wholeMbPerSecond): void => {
    const times = (wholeTimes.get(name) ?? []).map((t) => t.toFixed(0)).join('/');
    log(`  ${label.padEnd(38)} ${wholeMbPerSecond[name].toFixed(1).padStart(6)} MB/s  (${times} ms)`);
  };
  wholeLine('whole path: normalise+match+map+rules', 'path');
  wholeLine('full screen(): rules + detectors', 'screen');
  wholeLine('raw @monyone/aho-corasick/fast', 'raw');
  wholeLine('fastscan', 'fastscan');
  wholeLine('our automaton alone, raw text', 'own');
  log(
    `whole text: path / fastest exact library (${wholeFastest?.name ?? 'none'}): ${wholePathVsFastestExact.toFixed(2)}×; full screen() / fastest exact library: ${wholeScreenVsFastestExact.toFixed(2)}×  (target ≥ 0.50×)`,
  );
  const sampleKb = sample.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1000;
  log(
    `recall sample: ${sample.length} documents, ${pathHits} reference hits (${(pathHits / sampleKb).toFixed(1)} per KB)`,
  );

  // The speed counts only with nothing lost: say so loudly, and fail the run, if anything was.
  const lost = (['path', 'rules', 'detectors'] as const).filter((k) => recall[k] < 1);
  if (lost.length > 0) {
    log(`✗ recall against brute force below 100%: ${lost.join(', ')}`);
    // Thrown, so `npm run bench` counts this bench as failed and exits with 1.
    throw new Error(`screening bench: recall below 100% (${lost.join(', ')})`);
  }
  // Issue 17's figure, both measures side by side: the target counts as met only where it is printed so.
  const verdict = (r: number): string => (r >= 0.5 ? 'met' : 'NOT met');
  log(
    `issue 17 target, full screen() (default rules + detectors) ≥ 0.50× the fastest exact matcher on the same text in the same run: ` +
      `${screenVsFastestExact.toFixed(2)}× by slices (${verdict(screenVsFastestExact)}), ` +
      `${wholeScreenVsFastestExact.toFixed(2)}× whole text (${verdict(wholeScreenVsFastestExact)}); recall against brute force 100%`,
  );

  return {
    terms: lexicon.terms.length,
    rules: ruleCount,
    megabytes: mb,
    documents: docs.length,
    buildMs: {
      path: buildPath.cpuMs,
      pathCold: buildCold.cpuMs,
      raw: buildRaw.cpuMs,
      fastscan: buildFast.cpuMs,
      mint: buildMint.cpuMs,
    },
    mbPerSecond,
    pathVsFastestExact,
    screenVsFastestExact,
    classifiedVsFastestExact,
    wholeMbPerSecond,
    wholePathVsFastestExact,
    wholeScreenVsFastestExact,
    firstScreenVsFastestExact,
    recall,
  };
}

/** The command line's options (`--terms N --mb N --reps N --rounds N --seed N`). */
export function optionsFromArgs(argv: readonly string[]): ScreeningBenchOptions {
  const value = (name: string): number | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  return {
    terms: value('terms'),
    megabytes: value('mb'),
    reps: value('reps'),
    rounds: value('rounds'),
    seed: value('seed'),
  };
}

if (require.main === module) runScreeningBench(optionsFromArgs(process.argv));
