/**
 * Screening quality per item of 第十七条 (both parts) and 第十八、四十、四十一条: the default lexicon,
 * rules and detectors screen every sample through screen(), as a post of its account's kind.
 *
 * The corpus (test/screening-corpus/items) has four parts, written in this order:
 *  - dev: what the default rules were written from;
 *  - held-out 1: written before any rule; first measurement recall ≥ 90% on 27 of 28 items,
 *    precision 89.4% — its errors were then used to improve the rules, so it became tuning data;
 *  - held-out 2: written after that, before the next change; first measurement recall 53%,
 *    precision 79.7% on this fresh phrasing — its errors were used too, so it is tuning data now;
 *  - held-out 3: written after that, before the rules were broadened; kept out of rule writing
 *    since. First measurement of the broadened rules: recall 264/280 (94.3%), 22 of 28 items at
 *    ≥ 90%, precision 88.9% against labels fixed before measuring.
 *
 * Issue 17's target (recall ≥ 90% on every item, precision ≥ 95% overall) is asserted on the parts
 * the rules were written and tuned from, so any change to the default rules that loses ground fails.
 * On held-out 3 the target is NOT met; its table is printed with every run and the test fails if it
 * falls below what it measures now. `npx tsx tools/screening-quality.ts --items --details` lists the
 * misses and false alarms.
 */
import { DEV } from '../../test/screening-corpus/items/dev';
import { HELD_OUT } from '../../test/screening-corpus/items/held-out';
import { HELD_OUT_2 } from '../../test/screening-corpus/items/held-out-2';
import { HELD_OUT_3 } from '../../test/screening-corpus/items/held-out-3';
import { CORPUS_ITEMS, PERSONAL_ITEMS } from '../../test/screening-corpus/items/sample';
import { formatItemReport } from '../../tools/screening-quality';
import type { ScreeningCategoryId } from '../../typings/screening';
import { categoryOf } from './categories';
import { measureItems } from './quality';
import { STARTER_LEXICON } from './starter-lexicon';

const RECALL_TARGET = 0.9;
const PRECISION_TARGET = 0.95;

const ALL = [...DEV, ...HELD_OUT, ...HELD_OUT_2, ...HELD_OUT_3];
const tuned = measureItems([...DEV, ...HELD_OUT, ...HELD_OUT_2], STARTER_LEXICON, CORPUS_ITEMS);
const kept = measureItems(HELD_OUT_3, STARTER_LEXICON, CORPUS_ITEMS);

/** Held-out 3 as measured now: recall per item, and the overall precision. */
const KEPT_RECALL: Partial<Record<ScreeningCategoryId, number>> = {
  reputation: 0.8,
  unverifiedPolice: 0.9,
  crimeDetail: 0.9,
  secret: 0.9,
  privacy: 0.8,
  sobStory: 0.7,
  hotIssue: 0.8,
  majorCase: 0.9,
  publicAnxiety: 0.8,
  otherPoliceInfo: 0.9,
};
const KEPT_PRECISION = 0.89;

describe('per-item corpus', () => {
  it('has at least 20 samples per item and as many near misses, in parts that share no sentence', () => {
    for (const item of CORPUS_ITEMS) {
      const of = ALL.filter((s) => s.item === item);
      const positives = of.filter((s) => s.positive).length;
      expect({ item, enough: positives >= 20 && of.length - positives >= positives }).toEqual({ item, enough: true });
      // Every item has a part kept out of rule writing.
      expect(HELD_OUT_3.filter((s) => s.item === item && s.positive).length).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(ALL.map((s) => s.text)).size).toBe(ALL.length);
    expect(new Set(ALL.map((s) => s.id)).size).toBe(ALL.length);
  });

  it('writes the personal-account items as personal posts', () => {
    for (const s of ALL)
      expect({ id: s.id, kind: s.accountKind }).toEqual({
        id: s.id,
        kind: PERSONAL_ITEMS.has(s.item) ? 'personal' : 'institutional',
      });
  });
});

describe('issue 17 targets on the parts the rules were written and tuned from (dev, held-out 1 and 2)', () => {
  afterAll(() => {
    process.stdout.write(`\n${formatItemReport(tuned, 'dev + held-out 1 + held-out 2 (tuning)').join('\n')}\n`);
  });

  it.each(CORPUS_ITEMS.map((item) => [item, categoryOf(item).title] as const))(
    `%s (%s): recall ≥ ${RECALL_TARGET * 100}%`,
    (item) => {
      const recall = tuned.items.find((i) => i.item === item)?.recall ?? 0;
      expect({ item, met: recall >= RECALL_TARGET, recall }).toMatchObject({ item, met: true });
    },
  );

  it(`precision ≥ ${PRECISION_TARGET * 100}% overall`, () => {
    expect(tuned.overall.precision).toBeGreaterThanOrEqual(PRECISION_TARGET);
  });
});

describe('held-out 3, kept out of rule writing: printed, and never below what it measures now', () => {
  afterAll(() => {
    process.stdout.write(`\n${formatItemReport(kept, 'held-out 3 (kept out)').join('\n')}\n`);
  });

  it.each([...CORPUS_ITEMS])('%s holds its recall', (item) => {
    const recall = kept.items.find((i) => i.item === item)?.recall ?? 0;
    expect(recall).toBeGreaterThanOrEqual(KEPT_RECALL[item] ?? 1);
  });

  it('holds its precision', () => {
    expect(kept.overall.precision).toBeGreaterThanOrEqual(KEPT_PRECISION);
  });
});
