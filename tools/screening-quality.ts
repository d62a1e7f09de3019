/**
 * Prints screening precision and recall per category on the labelled corpus:
 *   npx tsx tools/screening-quality.ts
 */
import { labelled, SCREENING_CORPUS } from '../test/screening-corpus/corpus';
import { categoryOf, formatRef } from '../core/screening/categories';
import { measureQuality, type QualityReport } from '../core/screening/quality';
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

if (require.main === module) printQuality(corpusQuality());
