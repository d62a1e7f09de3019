import { bareSendMs, percentiles, sampled, timed } from './stats';

describe('the benches’ shared timing (tools/bench/stats)', () => {
  it('takes nearest-rank percentiles, so benches compare', () => {
    const samples = Array.from({ length: 20 }, (_v, i) => 20 - i);
    expect(percentiles(samples)).toEqual({ p50: 10, p95: 19 });
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7 });
  });

  it('times a call and keeps what it answered', async () => {
    const { value, ms } = await timed(async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return 'answered';
    });
    expect(value).toBe('answered');
    expect(ms).toBeGreaterThanOrEqual(10);
  });

  it('samples after warming: the warm calls run but are not counted', async () => {
    const calls: number[] = [];
    const p = await sampled(
      async () => {
        calls.push(calls.length);
        // The warm calls are slow (a cold instance); the measured ones fast.
        await new Promise((resolve) => setTimeout(resolve, calls.length <= 2 ? 60 : 0));
      },
      5,
      2,
    );
    expect(calls).toHaveLength(7);
    expect(p.p95).toBeLessThan(50);
  });

  it('measures the bare send baseline through the local cloud', async () => {
    const ms = await bareSendMs('local-tpl-linkage', 20);
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
  }, 60_000);
});
