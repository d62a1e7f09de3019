/**
 * screen() answers exactly what it answered when the snapshot was recorded (test/screening-snapshot):
 * the same hits — rule, term, spans, masked values, categories, effects, levels — in the same order,
 * on every corpus text, on all of them joined, and on 1,500 generated adversarial texts, in each
 * context. Guards the rewrites made for speed (issue 17, “detectors at matcher speed”); a change
 * meant to alter screening re-records it (`npx tsx test/screening-snapshot/record.ts`).
 */
import { readFileSync } from 'node:fs';
import {
  CONTEXTS,
  caseOf,
  screenCase,
  snapshotTexts,
  SNAPSHOT_FILE,
  type ScreenSnapshot,
} from '../../test/screening-snapshot/record';

const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as ScreenSnapshot;

describe('screen() against the recorded snapshot', () => {
  it('gives the same answers on every text in every context', () => {
    const texts = snapshotTexts(snapshot);
    expect(texts).toHaveLength(snapshot.cases.length);
    let hits = 0;
    texts.forEach((t, i) => {
      const results = CONTEXTS.map((context) => screenCase(t, context, snapshot.lexicon));
      const got = caseOf(results);
      if (got !== snapshot.cases[i]) {
        // Show the text and what screen() answers now; the recorder's --full output has the old answer.
        expect({ text: t.text, got, results }).toEqual({ text: t.text, got: snapshot.cases[i], results: [] });
      }
      hits += results.reduce((n, r) => n + r.hits.length, 0);
    });
    // The texts must keep producing hits of every kind for the comparison to mean anything.
    expect(hits).toBeGreaterThan(15000);
  });
});
