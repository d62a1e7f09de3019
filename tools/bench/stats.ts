/**
 * Shared figures for the benchmarks: latency percentiles and how they are printed. Percentiles are
 * nearest-rank (the sample at ceil(q·n)), the definition tools/bench/posts.ts uses, so figures from
 * different benches compare.
 */
import { performance } from 'node:perf_hooks';

export interface Percentiles {
  p50: number;
  p95: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Milliseconds one awaited call took (wall clock). */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export function ratioOf(a: Percentiles, b: Percentiles): Percentiles {
  return { p50: a.p50 / b.p50, p95: a.p95 / b.p95 };
}

/** Two decimals below 10 ms, one above: sub-millisecond store reads stay readable. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export function formatPercentiles(p: Percentiles): string {
  return `p50 ${formatMs(p.p50)}, p95 ${formatMs(p.p95)}`;
}

export function formatRatio(r: number): string {
  return `×${r.toFixed(2)}`;
}
