/**
 * 语义研判: trains the classifier from the corpus's tuning and training parts and the everyday posts, and
 * writes core/screening/classifier-model.ts. A part kept out is never read.
 *
 *   npx tsx tools/screening-classifier.ts                 train on every tuning and training part, write the model
 *   npx tsx tools/screening-classifier.ts --fold h6       train without h6, print the classifier alone on h6
 *   npx tsx tools/screening-classifier.ts --check         train as above, fail unless the shipped model is what it makes
 *
 * A fold measures what the classifier does on text it has not learned from; docs/screening.md records
 * the folds and the kept-out parts' measurements.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassifierModelData, DoubtfulReader, LexiconData } from '../typings/screening';
import {
  Classifier,
  encodeBytes,
  quantise,
  trainClassifier,
  TRAINING,
  type TrainingSample,
} from '../core/screening/classifier';
import { mulberry32 } from '../core/random';
import { measureReaders, verdictOf } from '../core/screening/quality';
import { fnv1a } from '../core/screening/fnv';
import { ruleDoubtKey } from '../core/screening/rules';
import { detectorDoubtKey } from '../core/screening/detectors/types';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';
import { EVERYDAY_POSTS } from '../test/screening-corpus/everyday';
import { PARTS, TRAINING_PARTS, type CorpusPart } from '../test/screening-corpus/items/parts';
import { CORPUS_ITEMS, type ItemSample } from '../test/screening-corpus/items/sample';

const FRAGMENT_SEED = 20261205;
const FRAGMENTS_PER_TEXT = 2;

export const MODEL_FILE = join(__dirname, '..', 'core', 'screening', 'classifier-model.ts');

const asTraining = (s: ItemSample): TrainingSample => ({
  text: s.text,
  context: { kind: 'post', accountKind: s.accountKind },
  positive: s.positive ? [s.item] : [],
  ignore: s.also,
});

/** The everyday posts teach what ordinary police news is not; (二)7, their one hint, is not taught. */
const everyday = (): TrainingSample[] =>
  EVERYDAY_POSTS.map((p) => ({
    text: p.text,
    context: { kind: 'post', accountKind: 'institutional' },
    positive: p.expected,
    ignore: ['otherPoliceInfo'],
  }));

/**
 * Pieces of the texts that name no item, as texts that name none: the corpus's posts are whole
 * sentences, and without these a caption of a few words (民警在巡逻。) reads as whatever its words
 * lean towards, there being nothing else in it to weigh against them.
 */
function fragments(written: readonly TrainingSample[]): TrainingSample[] {
  const random = mulberry32(FRAGMENT_SEED);
  const out: TrainingSample[] = [];
  for (const s of written) {
    if (s.positive.length > 0) continue;
    for (let i = 0; i < FRAGMENTS_PER_TEXT; i++) {
      const length = 2 + Math.floor(random() * 18);
      if (s.text.length <= length) break;
      const start = Math.floor(random() * (s.text.length - length));
      out.push({ ...s, text: s.text.slice(start, start + length) });
    }
  }
  return out;
}

/**
 * 语义复核: a term, rule or cue detector is doubtful when, on the training parts (text no rule was written
 * from), it fired wrongly at least MIN_WRONG times and its share of right firings, counted with one right
 * and one wrong added (so that a few lucky firings do not make a reader sound), is under DOUBT_BELOW. A
 * reader that never misfired there is trusted, however seldom it fired. Chosen on the folds
 * (docs/screening.md, tenth round; the bar raised from 0.8 and two misfires in the eleventh).
 */
export const DOUBT_BELOW = 0.95;
export const MIN_WRONG = 1;
/** A doubtful reader's hit stands where 语义研判 reads its item at 0.1% or more: anything but a firm "not this". */
export const ASSENT = 0.001;

/** The terms, rules and cue detectors that misfire on the training parts among `parts`, worst first. */
export function doubtfulReaders(
  parts: readonly CorpusPart[],
  lexicon: LexiconData = STARTER_LEXICON,
): DoubtfulReader[] {
  const rules = new Map((lexicon.rules ?? []).map((r) => [r.id, r]));
  const out: DoubtfulReader[] = [];
  const samples = parts.filter((p) => p.use === 'training').flatMap((p) => p.samples);
  for (const r of measureReaders(samples, lexicon, null)) {
    if (r.wrong < MIN_WRONG || (r.right + 1) / (r.right + r.wrong + 2) >= DOUBT_BELOW) continue;
    if (r.source === 'lexicon')
      out.push({ category: r.category, source: 'lexicon', key: r.name, name: r.name, right: r.right, wrong: r.wrong });
    else if (r.source === 'classifier') continue;
    else if (r.source === 'rule') {
      const rule = r.ruleId === undefined ? undefined : rules.get(r.ruleId);
      if (rule)
        out.push({
          category: r.category,
          source: 'rule',
          key: ruleDoubtKey(rule),
          name: rule.name,
          right: r.right,
          wrong: r.wrong,
        });
    } else {
      const key = detectorDoubtKey(r.source, r.name);
      if (key)
        out.push({ category: r.category, source: 'detector', key, name: r.name, right: r.right, wrong: r.wrong });
    }
  }
  return out;
}

/** The model learned from `parts` (tuning and training parts only) and the everyday posts. */
export function buildModel(parts: readonly CorpusPart[] = TRAINING_PARTS): ClassifierModelData {
  if (parts.some((p) => p.use === 'keptOut')) throw new Error('a kept-out part is never trained on');
  const written = [...parts.flatMap((p) => p.samples.map(asTraining)), ...everyday()];
  const samples = [...written, ...fragments(written)];
  const { bytes, scale, bias } = quantise(trainClassifier(samples, CORPUS_ITEMS, TRAINING), CORPUS_ITEMS);
  const weights = encodeBytes(bytes);
  const doubtful = doubtfulReaders(parts);
  return {
    // what the model reads, and what it sets aside: a new record is a new version
    version: `classifier-${fnv1a(weights + JSON.stringify(doubtful) + ASSENT)}`,
    bits: TRAINING.bits,
    classes: [...CORPUS_ITEMS],
    threshold: TRAINING.threshold,
    bias,
    scale,
    weights,
    trainedOn: {
      parts: parts.map((p) => p.id),
      samples: written.length - EVERYDAY_POSTS.length,
      everyday: EVERYDAY_POSTS.length,
    },
    doubtful,
    assent: ASSENT,
  };
}

export function modelSource(model: ClassifierModelData): string {
  const { weights, ...rest } = model;
  return [
    '/**',
    ' * 语义研判: the classifier as trained by tools/screening-classifier.ts, which writes this file; do not edit.',
    ' * Learned from the tuning and training parts listed in trainedOn and the everyday posts, never from a kept-out part.',
    ' */',
    "import type { ClassifierModelData } from '../../typings/screening';",
    '',
    `const WEIGHTS = '${weights}';`,
    '',
    `export const CLASSIFIER_MODEL: ClassifierModelData = { ...${JSON.stringify(rest, null, 2)}, weights: WEIGHTS };`,
    '',
  ].join('\n');
}

/** Recall and precision of the classifier alone on a part, as items-quality.test.ts scores the rules. */
export function foldReport(model: ClassifierModelData, part: CorpusPart): string[] {
  const classifier = new Classifier(model);
  const per = new Map(CORPUS_ITEMS.map((i) => [i, { positives: 0, found: 0, alarms: 0 }]));
  let correct = 0;
  let alarms = 0;
  for (const s of part.samples) {
    const context = { kind: 'post', accountKind: s.accountKind } as const;
    const read = new Set(classifier.read(s.text, context).map((f) => f.category));
    const own = per.get(s.item);
    if (s.positive && own) {
      own.positives++;
      if (read.has(s.item)) own.found++;
    }
    for (const c of read) {
      const verdict = verdictOf(s, c);
      if (verdict === 'right') correct++;
      else if (verdict === 'wrong') {
        alarms++;
        const st = per.get(c);
        if (st) st.alarms++;
      }
    }
  }
  const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
  const positives = [...per.values()].reduce((a, s) => a + s.positives, 0);
  const found = [...per.values()].reduce((a, s) => a + s.found, 0);
  return [
    `classifier alone on ${part.title}, trained without it (${model.trainedOn.parts.join(', ')})`,
    ...[...per].map(
      ([item, s]) =>
        `${item.padEnd(25)} ${`${s.found}/${s.positives}`.padStart(7)}  ${pct(s.found, s.positives).padStart(6)}  ${String(s.alarms).padStart(3)} false alarms`,
    ),
    `overall: recall ${found}/${positives} ${pct(found, positives)}, precision ${pct(correct, correct + alarms)} (${alarms} false alarms)`,
  ];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--fold');
  if (at >= 0) {
    const part = PARTS.find((p) => p.id === args[at + 1] && p.use !== 'keptOut');
    if (!part) {
      console.error(`--fold takes a tuning or training part: ${TRAINING_PARTS.map((p) => p.id).join(', ')}`);
      process.exit(2);
    }
    for (const line of foldReport(buildModel(TRAINING_PARTS.filter((p) => p !== part)), part)) console.log(line);
  } else if (args.includes('--check')) {
    const model = buildModel();
    if (readFileSync(MODEL_FILE, 'utf8') !== modelSource(model)) {
      console.error(
        `${model.version}: the corpus and the code make a model other than the shipped one; rerun without --check`,
      );
      process.exit(1);
    }
    console.log(`${model.version}: the shipped model is what the corpus and the code make`);
  } else {
    const model = buildModel();
    writeFileSync(MODEL_FILE, modelSource(model));
    console.log(
      `${model.version}: ${model.trainedOn.samples} corpus samples (${model.trainedOn.parts.join(', ')}) and ${model.trainedOn.everyday} everyday posts → ${MODEL_FILE}`,
    );
  }
}
