/**
 * Recall and precision per item on a labelled corpus, for the rules alone, the model alone, and both
 * (a mark from either). Items are compared by the rules' screening category, the corpus's labels; only
 * the categories the reader asks about are counted, so the three columns answer the same question.
 */
import type { ScreeningCategoryId } from '../../typings/screening';
import { READER_ITEMS } from './items';

export type Reader = 'rules' | 'model' | 'both';
export const READERS: readonly Reader[] = ['rules', 'model', 'both'];

export interface Judged {
  id: string;
  expected: ReadonlySet<ScreeningCategoryId>;
  /**
   * Categories neither required nor a false alarm: the per-item corpus's `also` (a near miss of one
   * item that a careful reviewer would also flag under another).
   */
  allowed?: ReadonlySet<ScreeningCategoryId>;
  rules: ReadonlySet<ScreeningCategoryId>;
  /** null: the model gave no usable reading for this text (timeout, error, malformed). */
  model: ReadonlySet<ScreeningCategoryId> | null;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ItemScore {
  category: ScreeningCategoryId;
  ref: string;
  counts: Record<Reader, Counts>;
}

export interface EvalScore {
  items: ItemScore[];
  overall: Record<Reader, Counts>;
  /** Texts the model did not read (counted as finding nothing). */
  unread: string[];
}

/** The categories the reader's items map to, each with the first item's article, in table order. */
export const READER_CATEGORIES: ReadonlyArray<{ category: ScreeningCategoryId; ref: string }> = (() => {
  const seen = new Map<ScreeningCategoryId, string>();
  for (const item of READER_ITEMS) if (item.category && !seen.has(item.category)) seen.set(item.category, item.ref);
  return [...seen].map(([category, ref]) => ({ category, ref }));
})();

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function score(texts: readonly Judged[]): EvalScore {
  const counted = new Set(READER_CATEGORIES.map((c) => c.category));
  const items = READER_CATEGORIES.map(({ category, ref }) => ({
    category,
    ref,
    counts: { rules: zero(), model: zero(), both: zero() },
  }));
  const byCategory = new Map(items.map((i) => [i.category, i]));
  const unread: string[] = [];
  for (const t of texts) {
    if (t.model === null) unread.push(t.id);
    const model = t.model ?? new Set<ScreeningCategoryId>();
    const predicted: Record<Reader, ReadonlySet<ScreeningCategoryId>> = {
      rules: t.rules,
      model,
      both: new Set([...t.rules, ...model]),
    };
    for (const reader of READERS) {
      for (const c of counted) {
        const k = byCategory.get(c)?.counts[reader];
        if (!k) continue;
        const want = t.expected.has(c);
        const got = predicted[reader].has(c);
        if (want && got) k.tp++;
        else if (want) k.fn++;
        else if (got && !t.allowed?.has(c)) k.fp++;
      }
    }
  }
  const overall = { rules: zero(), model: zero(), both: zero() };
  for (const item of items) {
    for (const reader of READERS) {
      overall[reader].tp += item.counts[reader].tp;
      overall[reader].fp += item.counts[reader].fp;
      overall[reader].fn += item.counts[reader].fn;
    }
  }
  return { items, overall, unread };
}

export const precision = (k: Counts): number | null => (k.tp + k.fp === 0 ? null : k.tp / (k.tp + k.fp));
export const recall = (k: Counts): number | null => (k.tp + k.fn === 0 ? null : k.tp / (k.tp + k.fn));
