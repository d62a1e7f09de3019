/**
 * Prints screening precision and recall:
 *   npx tsx tools/screening-quality.ts                      per category on the labelled corpus
 *   npx tsx tools/screening-quality.ts --items              per item on the kept-out part (all tuning parts when none)
 *   npx tsx tools/screening-quality.ts --items --part h3    per item on one part (dev, h1, h2, h3, …) or `tuning`
 *   npx tsx tools/screening-quality.ts --items --details    … with every miss and false alarm
 *   npx tsx tools/screening-quality.ts --items --rules-alone  … without 语义研判 (the classifier)
 *   npx tsx tools/screening-quality.ts --by-rule --part h7,h8  how often each term, rule and detector fired
 *                                                            rightly on those parts, worst first
 */
import { labelled, SCREENING_CORPUS } from '../test/screening-corpus/corpus';
import { KEPT_OUT_PART, PARTS, TUNING_PARTS, USE_TITLE } from '../test/screening-corpus/items/parts';
import { CORPUS_ITEMS } from '../test/screening-corpus/items/sample';
import { categoryOf, formatRef } from '../core/screening/categories';
import {
  measureItems,
  measureQuality,
  measureReaders,
  type ItemReport,
  type QualityReport,
  type ReaderQuality,
} from '../core/screening/quality';
import { defaultClassifier } from '../core/screening/screen';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';

export function corpusQuality(): QualityReport {
  return measureQuality(SCREENING_CORPUS.map(labelled), STARTER_LEXICON);
}

const pct = (v: number | null): string => (v === null ? '   —  ' : `${(v * 100).toFixed(1).padStart(5)}%`);

export function printQuality(report: QualityReport, log: (line: string) => void = console.log): void {
  log(`screening quality on ${SCREENING_CORPUS.length} texts (lexicon ${STARTER_LEXICON.version})`);
  log('category                   TP  FP  FN  precision  recall  article');
  for (const q of report.perCategory) {
    const counts = [q.truePositives, q.falsePositives, q.falseNegatives].map((n) => String(n).padStart(3)).join(' ');
    log(
      `${q.category.padEnd(25)} ${counts}    ${pct(q.precision)}  ${pct(q.recall)}  ${formatRef(categoryOf(q.category).ref)}`,
    );
  }
  log(`overall (micro): precision ${pct(report.overall.precision)}, recall ${pct(report.overall.recall)}`);
  for (const m of report.mismatches) log(`  ${m.id}: missed [${m.missed.join(', ')}] extra [${m.extra.join(', ')}]`);
}

/** The per-item table: one line per item with its article, then the overall precision. */
export function formatItemReport(report: ItemReport, part: string, details = false): string[] {
  const lines = [
    `screening quality per item, ${part} part (default lexicon, ${STARTER_LEXICON.rules?.length ?? 0} default rules, detectors)`,
    'item                      article           found/pos  recall   false alarms  precision',
  ];
  for (const q of report.items) {
    const ref = formatRef(categoryOf(q.item).ref).padEnd(16);
    lines.push(
      `${q.item.padEnd(25)} ${ref}  ${`${q.found}/${q.positives}`.padStart(9)}  ${pct(q.recall)}  ${String(q.falseAlarms).padStart(12)}  ${pct(q.precision)}`,
    );
  }
  const { correct, falseAlarms, precision } = report.overall;
  const minRecall = Math.min(...report.items.map((q) => q.recall));
  lines.push(
    `overall: precision ${pct(precision)} (${correct} correct, ${falseAlarms} false alarms); lowest item recall ${pct(minRecall)}`,
  );
  if (details) {
    for (const m of report.misses) lines.push(`  miss  ${m.id}: ${m.text}`);
    for (const a of report.alarms) lines.push(`  alarm ${a.id}: ${a.category} by “${a.by}”: ${a.text}`);
  }
  return lines;
}

/** One line per reader that fired wrongly at least once: right, wrong, found alone, item, source and name. */
export function formatReaders(readers: readonly ReaderQuality[], parts: string): string[] {
  const wrong = readers.filter((r) => r.wrong > 0);
  return [
    `terms, rules and detectors on ${parts}, worst first (${wrong.length} of ${readers.length} fired wrongly at least once)`,
    'right  wrong  alone  item                      source       name',
    ...wrong.map(
      (r) =>
        `${String(r.right).padStart(5)}  ${String(r.wrong).padStart(5)}  ${String(r.alone).padStart(5)}  ${r.category.padEnd(25)} ${r.source.padEnd(12)} ${r.name}`,
    ),
  ];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--by-rule')) {
    const at = args.indexOf('--part');
    const ids = at >= 0 ? (args[at + 1] ?? '').split(',') : [];
    const parts = PARTS.filter((p) => ids.includes(p.id));
    if (parts.length === 0 || parts.length !== ids.length) {
      console.error(`--by-rule needs --part with one or more of ${PARTS.map((p) => p.id).join(', ')}, comma-separated`);
      process.exit(2);
    }
    const readers = measureReaders(
      parts.flatMap((p) => p.samples),
      STARTER_LEXICON,
      args.includes('--with-classifier') ? defaultClassifier() : null,
    );
    for (const line of formatReaders(readers, parts.map((p) => p.title).join(' + '))) console.log(line);
  } else if (args.includes('--items')) {
    const at = args.indexOf('--part');
    const wanted = at >= 0 ? args[at + 1] : (KEPT_OUT_PART?.id ?? 'tuning');
    const part = PARTS.find((p) => p.id === wanted);
    if (wanted !== 'tuning' && !part) {
      console.error(`unknown part ${wanted}: ${[...PARTS.map((p) => p.id), 'tuning'].join(', ')}`);
      process.exit(2);
    }
    const samples = part ? part.samples : TUNING_PARTS.flatMap((p) => p.samples);
    const title = `${part ? `${part.title} (${USE_TITLE[part.use]})` : 'tuning'}${args.includes('--rules-alone') ? ', rules alone' : ', with 语义研判'}`;
    const rulesAlone = args.includes('--rules-alone');
    const report = measureItems(samples, STARTER_LEXICON, CORPUS_ITEMS, rulesAlone ? null : defaultClassifier());
    for (const line of formatItemReport(report, title, args.includes('--details'))) console.log(line);
  } else {
    printQuality(corpusQuality());
  }
}
