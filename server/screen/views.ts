/**
 * The lexicon page's views, answered from the lexicon the instance already holds for screening:
 * listing, counting and searching cost no database read beyond the head.
 */
import type {
  LexiconCategoryCount,
  LexiconEntryView,
  LexiconListParams,
  ScreeningCategoryId,
} from '../../typings/screening';
import { categoryOf, formatRef } from '../../core/screening/categories';
import { normaliseTerm } from '../../core/screening/normalize';
import { defaultClassifier } from '../../core/screening/screen';
import type { LexiconDoc } from './docs';
import { TERM_CATEGORIES } from './rows';
import type { LoadedLexicon } from './service';

interface Index {
  /** Category table order, then term in pinyin order; allow phrases last. */
  sorted: LexiconDoc[];
  keys: Map<string, string>;
  counts: Map<ScreeningCategoryId, number>;
  allowCount: number;
}

const ORDER = new Map(TERM_CATEGORIES.map((c, i) => [c.id, i]));
const collator = new Intl.Collator('zh-Hans-CN');
const indexes = new WeakMap<LoadedLexicon, Index>();

function indexOf(lexicon: LoadedLexicon): Index {
  const known = indexes.get(lexicon);
  if (known) return known;
  const rank = (d: LexiconDoc): number => (d.category === null ? ORDER.size : (ORDER.get(d.category) ?? ORDER.size));
  const sorted = [...lexicon.docs].sort((a, b) => rank(a) - rank(b) || collator.compare(a.term, b.term));
  const counts = new Map<ScreeningCategoryId, number>();
  let allowCount = 0;
  for (const d of sorted) {
    if (d.kind === 'allow') allowCount++;
    else if (d.category !== null) counts.set(d.category, (counts.get(d.category) ?? 0) + 1);
  }
  const index: Index = {
    sorted,
    keys: new Map(sorted.map((d) => [d._id, normaliseTerm(d.term).key])),
    counts,
    allowCount,
  };
  indexes.set(lexicon, index);
  return index;
}

export function entryView(doc: LexiconDoc): LexiconEntryView {
  const category = doc.category === null ? null : categoryOf(doc.category);
  const record = doc.category === null ? undefined : defaultClassifier().doubts('lexicon', doc.category, doc.term);
  return {
    id: doc._id,
    kind: doc.kind,
    term: doc.term,
    category: doc.category,
    categoryTitle: category?.title ?? null,
    ref: category ? formatRef(category.ref) : null,
    effect: category?.effect ?? null,
    addedIn: doc.addedIn,
    ...(record ? { doubt: { right: record.right, wrong: record.wrong } } : {}),
  };
}

export interface ListedPage {
  items: LexiconEntryView[];
  total: number;
  categories: LexiconCategoryCount[];
  allowCount: number;
}

export function listPage(lexicon: LoadedLexicon, params: LexiconListParams): ListedPage {
  const index = indexOf(lexicon);
  const kind = params.kind ?? 'term';
  // Searched as screening reads text: 手機 finds 手机, ＡＢＣ finds abc.
  const needle = params.search ? normaliseTerm(params.search).key : '';
  const raw = params.search?.trim() ?? '';
  const matching = index.sorted.filter(
    (d) =>
      d.kind === kind &&
      (kind === 'allow' || params.category === undefined || d.category === params.category) &&
      (raw === '' || d.term.includes(raw) || (needle !== '' && (index.keys.get(d._id) ?? '').includes(needle))),
  );
  const offset = params.offset ?? 0;
  const limit = params.limit ?? 50;
  return {
    items: matching.slice(offset, offset + limit).map(entryView),
    total: matching.length,
    categories: TERM_CATEGORIES.map((c) => ({
      id: c.id,
      title: c.title,
      ref: formatRef(c.ref),
      effect: c.effect,
      count: index.counts.get(c.id) ?? 0,
    })),
    allowCount: index.allowCount,
  };
}
