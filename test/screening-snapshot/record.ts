/**
 * Records what screen() answers today on a frozen lexicon and a frozen set of texts, so a change
 * made for speed can be checked to change nothing (core/screening/screen-snapshot.test.ts):
 * every hit (rule, term, spans, masked value, category, effect, level), the level, the block, the
 * triage and the wording suggestions, in every context. The lexicon and the texts are copied into
 * the snapshot, so later edits to the default rules or the corpus do not move it. Each answer is
 * kept as a digest of its JSON with its hit count (the whole answers would weigh megabytes); the
 * test prints the answer it got for any case that differs, and `--full FILE` writes the answers
 * themselves for comparing two versions side by side.
 *
 *   npx tsx test/screening-snapshot/record.ts    (only when screen()'s behaviour is meant to change)
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LexiconData, RepostSource, ScreeningContext, ScreeningResult } from '../../typings/screening';
import { screen } from '../../core/screening/screen';
import { STARTER_LEXICON } from '../../core/screening/starter-lexicon';
import { SCREENING_CORPUS } from '../screening-corpus/corpus';
import { DEV } from '../screening-corpus/items/dev';
import { HELD_OUT } from '../screening-corpus/items/held-out';
import { HELD_OUT_2 } from '../screening-corpus/items/held-out-2';
import { HELD_OUT_3 } from '../screening-corpus/items/held-out-3';
import { adversarialTexts } from './texts';

export interface ScreenSnapshot {
  lexicon: LexiconData;
  corpus: { text: string; repostOf?: RepostSource }[];
  generated: number;
  /**
   * Per text of `snapshotTexts`, in order: the hit count in each context, then a digest of the three
   * answers' JSON (`3,3,1:9f…`).
   */
  cases: string[];
}

export const SNAPSHOT_FILE = join(__dirname, 'snapshot.json');

/** JSON with the keys of every object sorted: the digest says what an answer holds, not how it was built. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const caseOf = (results: readonly ScreeningResult[]): string =>
  `${results.map((r) => r.hits.length).join(',')}:${createHash('sha256').update(canonical(results)).digest('hex').slice(0, 16)}`;

/** Terms that exercise what the starter lexicon has little of: doubled characters, Latin and digit edges, astral. */
const EXTRA_TERMS: LexiconData['terms'] = [
  { term: '谢谢', category: 'abusive' },
  { term: 'CNN', category: 'foreignMedia' },
  { term: '110', category: 'otherPoliceInfo' },
  { term: '𠀀测', category: 'reputation' },
  { term: 'ａｂ试', category: 'secret' },
  { term: '發生', category: 'hotIssue' },
];

export const CONTEXTS: readonly ScreeningContext[] = [
  { kind: 'post', accountKind: 'institutional' },
  { kind: 'post', accountKind: 'personal' },
  { kind: 'message' },
];

const GENERATED = 1500;

/** Every text of the snapshot: the corpus texts, all of them joined, and the generated ones. */
export function snapshotTexts(snapshot: Pick<ScreenSnapshot, 'lexicon' | 'corpus' | 'generated'>): {
  text: string;
  repostOf?: RepostSource;
  index: number;
}[] {
  const { corpus } = snapshot;
  return [
    ...corpus.map((c, index) => ({ ...c, index })),
    { text: corpus.map((c) => c.text).join('\n'), index: corpus.length },
    ...adversarialTexts(snapshot.lexicon, snapshot.generated).map((text, i) => ({ text, index: -1 - i })),
  ];
}

export function screenCase(
  text: { text: string; repostOf?: RepostSource },
  context: ScreeningContext,
  lexicon: LexiconData,
): ScreeningResult {
  const input =
    text.repostOf && context.kind === 'post'
      ? { text: text.text, context, repostOf: text.repostOf }
      : { text: text.text, context };
  // The lexicon, rules and detectors on their frozen data; the classifier has its own tests
  // (core/screening/classifier.test.ts) and is retrained when the corpus grows.
  return screen(input, lexicon, null);
}

function record(full: string | undefined): void {
  const lexicon: LexiconData = {
    ...STARTER_LEXICON,
    version: 'screen-snapshot',
    terms: [...STARTER_LEXICON.terms, ...EXTRA_TERMS],
  };
  const corpus = [
    ...SCREENING_CORPUS.map((e) => (e.repostOf ? { text: e.text, repostOf: e.repostOf } : { text: e.text })),
    ...[...DEV, ...HELD_OUT, ...HELD_OUT_2, ...HELD_OUT_3].map((s) => ({ text: s.text })),
  ];
  const snapshot: ScreenSnapshot = { lexicon, corpus, generated: GENERATED, cases: [] };
  const answers: unknown[] = [];
  for (const t of snapshotTexts(snapshot)) {
    const results = CONTEXTS.map((context) => screenCase(t, context, lexicon));
    snapshot.cases.push(caseOf(results));
    if (full) answers.push({ text: t.text, results });
  }
  writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(snapshot)}\n`);
  if (full) writeFileSync(full, answers.map((a) => JSON.stringify(a)).join('\n'));
  const hits = snapshot.cases.reduce(
    (n, c) => n + (c.split(':')[0] ?? '').split(',').reduce((m, x) => m + Number(x), 0),
    0,
  );
  console.log(`${snapshot.cases.length} texts × ${CONTEXTS.length} contexts, ${hits} hits → ${SNAPSHOT_FILE}`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--full');
  record(at >= 0 ? process.argv[at + 1] : undefined);
}
