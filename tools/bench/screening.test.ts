/**
 * The screening bench itself, on a small input: it must find everything the brute-force references
 * find (terms, rule firings, detector hits) and report finite throughputs and ratios, so that a
 * speed figure is never printed for a screen() that lost hits. Timings are not asserted.
 */
import { runScreeningBench } from './screening';
import { runScreeningBenchAsDeployed } from './screening-deployed';

/** A few hundred terms over 50 KB, each engine once: enough to compare, quick to run. */
const SMALL = { terms: 400, megabytes: 0.05, reps: 1, rounds: 1, sampleDocs: 15 } as const;

describe('npm run bench -- screening (small)', () => {
  it('measures every engine and keeps recall and precision at 100% against brute force', () => {
    const lines: string[] = [];
    const figures = runScreeningBench({
      ...SMALL,
      log: (line) => lines.push(line),
    });
    expect(figures.recall).toMatchObject({
      path: 1,
      pathPrecision: 1,
      rules: 1,
      rulesPrecision: 1,
      detectors: 1,
      detectorsPrecision: 1,
    });
    for (const v of [...Object.values(figures.mbPerSecond), ...Object.values(figures.wholeMbPerSecond)])
      expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(Number.isFinite(figures.screenVsFastestExact)).toBe(true);
    expect(Number.isFinite(figures.wholeScreenVsFastestExact)).toBe(true);
    // What the product runs on a post (with 语义研判) is printed beside the target's measure.
    expect(
      figures.classifiedVsFastestExact > 0 && figures.classifiedVsFastestExact <= figures.screenVsFastestExact * 1.2,
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('screen() with 语义研判 too / fastest exact library'))).toBe(true);
    // The warm-up pass is shown, not hidden: what a freshly started process gets.
    expect(Number.isFinite(figures.firstScreenVsFastestExact) && figures.firstScreenVsFastestExact > 0).toBe(true);
    expect(lines.some((l) => l.startsWith('first pass, not counted in the measures'))).toBe(true);
    expect(lines.some((l) => l.startsWith('full screen() with the default rules and detectors'))).toBe(true);
    expect(lines.some((l) => l.startsWith('code measured: the TypeScript modules one by one'))).toBe(true);
    expect(lines.some((l) => l.startsWith('✗'))).toBe(false);
  });

  it('runs the same bench on the screening code compiled as the functions deploy it', async () => {
    const lines: string[] = [];
    const figures = await runScreeningBenchAsDeployed({
      ...SMALL,
      log: (line) => lines.push(line),
    });
    expect(lines.some((l) => l.startsWith('code measured: one esbuild bundle'))).toBe(true);
    expect(figures.recall).toMatchObject({ path: 1, rules: 1, detectors: 1 });
    expect(Number.isFinite(figures.screenVsFastestExact)).toBe(true);
  });
});
