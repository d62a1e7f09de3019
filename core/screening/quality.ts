/** Precision and recall per category over a labelled set of texts. */
import type { LexiconData, ScreeningCategoryId, ScreeningInput } from '../../typings/screening';
import { SCREENING_CATEGORIES } from './categories';
import { screen } from './screen';

export interface LabelledText {
  id: string;
  input: ScreeningInput;
  expected: readonly ScreeningCategoryId[];
}

export interface CategoryQuality {
  category: ScreeningCategoryId;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the category was never predicted. */
  precision: number | null;
  /** null when the category was never expected. */
  recall: number | null;
}

export interface QualityReport {
  perCategory: CategoryQuality[];
  overall: { precision: number; recall: number };
  /** Texts whose predicted categories differ from the labels. */
  mismatches: { id: string; missed: ScreeningCategoryId[]; extra: ScreeningCategoryId[] }[];
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function measureQuality(texts: readonly LabelledText[], lexicon: LexiconData): QualityReport {
  const counts = new Map<ScreeningCategoryId, { tp: number; fp: number; fn: number }>(
    SCREENING_CATEGORIES.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]),
  );
  const mismatches: QualityReport['mismatches'] = [];
  for (const t of texts) {
    const predicted = new Set(screen(t.input, lexicon).hits.map((h) => h.category));
    const expected = new Set(t.expected);
    const missed = [...expected].filter((c) => !predicted.has(c));
    const extra = [...predicted].filter((c) => !expected.has(c));
    for (const c of expected) {
      const k = counts.get(c);
      if (!k) continue;
      if (predicted.has(c)) k.tp++;
      else k.fn++;
    }
    for (const c of extra) {
      const k = counts.get(c);
      if (k) k.fp++;
    }
    if (missed.length > 0 || extra.length > 0) mismatches.push({ id: t.id, missed, extra });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perCategory: CategoryQuality[] = [];
  for (const [category, k] of counts) {
    tp += k.tp;
    fp += k.fp;
    fn += k.fn;
    if (k.tp + k.fp + k.fn === 0) continue;
    perCategory.push({
      category,
      truePositives: k.tp,
      falsePositives: k.fp,
      falseNegatives: k.fn,
      precision: ratio(k.tp, k.tp + k.fp),
      recall: ratio(k.tp, k.tp + k.fn),
    });
  }
  return { perCategory, overall: { precision: ratio(tp, tp + fp) ?? 1, recall: ratio(tp, tp + fn) ?? 1 }, mismatches };
}
