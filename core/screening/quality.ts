/** Precision and recall per category over a labelled set of texts. */
import type { LexiconData, ScreeningCategoryId, ScreeningInput, SpanHit } from '../../typings/screening';
import { SCREENING_CATEGORIES } from './categories';
import type { Classifier } from './classifier';
import { defaultClassifier, screen } from './screen';

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

// ---- per item (第十七条 both parts, 第十八、四十、四十一条) ----

/** A sample written for one item: a positive of it, or a near miss. */
export interface ItemLabelled {
  id: string;
  item: ScreeningCategoryId;
  positive: boolean;
  accountKind: 'institutional' | 'personal';
  text: string;
  /** Categories a careful reviewer would also flag: neither required nor a false alarm. */
  also: readonly ScreeningCategoryId[];
}

export interface ItemQuality {
  item: ScreeningCategoryId;
  positives: number;
  /** Positives of the item on which it fired. */
  found: number;
  /** Times the item fired where no label allows it (on any sample). */
  falseAlarms: number;
  recall: number;
  /** null when the item never fired. */
  precision: number | null;
}

export interface ItemReport {
  items: ItemQuality[];
  /** Every category fired on every sample: allowed by the labels (true) or not (false). */
  overall: { precision: number; correct: number; falseAlarms: number };
  misses: { id: string; item: ScreeningCategoryId; text: string }[];
  alarms: { id: string; category: ScreeningCategoryId; text: string; by: string }[];
}

/**
 * How one firing of `category` on a sample counts: right on a positive of its item, allowed (neither
 * right nor a false alarm) where the sample's `also` names it, wrong otherwise.
 */
export function verdictOf(s: ItemLabelled, category: ScreeningCategoryId): 'right' | 'allowed' | 'wrong' {
  if (s.positive && category === s.item) return 'right';
  return s.also.includes(category) ? 'allowed' : 'wrong';
}

/** A sample screened as the corpus reads it: a post on an account of the sample's kind. */
function screenSample(s: ItemLabelled, lexicon: LexiconData, classifier: Classifier | null) {
  return screen({ text: s.text, context: { kind: 'post', accountKind: s.accountKind } }, lexicon, classifier);
}

/**
 * Recall per item over its positives; precision over every category fired on every sample: a
 * firing counts as correct when it is the sample's item on a positive, as neither when the sample's
 * `also` names it, and as a false alarm otherwise. `classifier` null measures the lexicon, the rules and
 * the detectors alone.
 */
export function measureItems(
  samples: readonly ItemLabelled[],
  lexicon: LexiconData,
  items: readonly ScreeningCategoryId[],
  classifier: Classifier | null = defaultClassifier(),
): ItemReport {
  const stats = new Map(items.map((item) => [item, { positives: 0, found: 0, falseAlarms: 0, fired: 0 }]));
  const misses: ItemReport['misses'] = [];
  const alarms: ItemReport['alarms'] = [];
  let correct = 0;
  let falseAlarms = 0;
  for (const s of samples) {
    const result = screenSample(s, lexicon, classifier);
    const by = new Map<ScreeningCategoryId, string>();
    for (const h of result.hits) if (!by.has(h.category)) by.set(h.category, h.rule);
    const own = stats.get(s.item);
    if (s.positive && own) {
      own.positives++;
      if (by.has(s.item)) own.found++;
      else misses.push({ id: s.id, item: s.item, text: s.text });
    }
    for (const [category, rule] of by) {
      const st = stats.get(category);
      const verdict = verdictOf(s, category);
      if (verdict === 'right') {
        correct++;
        if (st) st.fired++;
      } else if (verdict === 'wrong') {
        falseAlarms++;
        if (st) {
          st.falseAlarms++;
          st.fired++;
        }
        alarms.push({ id: s.id, category, text: s.text, by: rule });
      }
    }
  }
  return {
    items: items.map((item) => {
      const st = stats.get(item) ?? { positives: 0, found: 0, falseAlarms: 0, fired: 0 };
      return {
        item,
        positives: st.positives,
        found: st.found,
        falseAlarms: st.falseAlarms,
        recall: st.positives === 0 ? 1 : st.found / st.positives,
        precision: st.found + st.falseAlarms === 0 ? null : st.found / (st.found + st.falseAlarms),
      };
    }),
    overall: {
      precision: correct + falseAlarms === 0 ? 1 : correct / (correct + falseAlarms),
      correct,
      falseAlarms,
    },
    misses,
    alarms,
  };
}

/** How often one reader (a lexicon term, a rule, a detector or 语义研判) fired rightly on a set of samples. */
export interface ReaderQuality {
  source: SpanHit['source'];
  /** The term, rule or detector name as hits carry it; 语义研判 for the classifier. */
  name: string;
  /** A rule's id (its name may change; 语义复核 knows a rule by id). */
  ruleId?: string;
  category: ScreeningCategoryId;
  /** Firings on a positive of the item. */
  right: number;
  /** Firings the labels do not allow (neither the item of a positive nor in `also`). */
  wrong: number;
  /** Positives found by this reader and no other. */
  alone: number;
}

/**
 * Each reader's firings scored as measureItems scores the categories: on text the rules were not
 * written from, a rule that fires wrongly more often than rightly costs the desk more reviews than it
 * saves (docs/screening.md, ninth round). Worst first: by wrong − right, then by name.
 */
export function measureReaders(
  samples: readonly ItemLabelled[],
  lexicon: LexiconData,
  classifier: Classifier | null = null,
): ReaderQuality[] {
  const stats = new Map<string, ReaderQuality>();
  for (const s of samples) {
    const result = screenSample(s, lexicon, classifier);
    const by = new Map<ScreeningCategoryId, Map<string, ReaderQuality>>();
    for (const h of result.hits) {
      const name = h.source === 'classifier' ? '语义研判' : h.rule;
      const ruleId = h.where === 'platform' ? undefined : h.ruleId;
      const key = `${h.category}\u0000${h.source}\u0000${ruleId ?? name}`;
      const reader = stats.get(key) ?? {
        source: h.source,
        name,
        ...(ruleId === undefined ? {} : { ruleId }),
        category: h.category,
        right: 0,
        wrong: 0,
        alone: 0,
      };
      stats.set(key, reader);
      const of = by.get(h.category) ?? new Map<string, ReaderQuality>();
      of.set(key, reader);
      by.set(h.category, of);
    }
    for (const [category, readers] of by) {
      const verdict = verdictOf(s, category);
      if (verdict === 'allowed') continue;
      for (const reader of readers.values()) {
        if (verdict === 'right') reader.right++;
        else reader.wrong++;
        if (verdict === 'right' && readers.size === 1) reader.alone++;
      }
    }
  }
  return [...stats.values()].sort(
    (a, b) =>
      b.wrong - b.right - (a.wrong - a.right) || a.name.localeCompare(b.name) || a.category.localeCompare(b.category),
  );
}
