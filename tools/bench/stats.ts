/**
 * Shared figures for the benchmarks: latency percentiles and how they are printed. Percentiles are
 * nearest-rank (the sample at ceil(q·n)), the definition tools/bench/posts.ts uses, so figures from
 * different benches compare.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLocalCloud } from '../local-cloud/src';

export interface Percentiles {
  p50: number;
  p95: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** What one awaited call answered and how many milliseconds it took (wall clock). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** Milliseconds one awaited call took (wall clock). */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  return (await timed(fn)).ms;
}

/**
 * Latency samples of `count` calls after `warm` unmeasured ones (they start the instances and fill
 * their caches), as percentiles.
 */
export async function sampled(fn: () => Promise<unknown>, count: number, warm = 0): Promise<Percentiles> {
  for (let i = 0; i < warm; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) samples.push(await timeMs(fn));
  return percentiles(samples);
}

/**
 * The baseline of every reminder bench: milliseconds per subscribe message when a bare function does
 * nothing but send `count` of them through the local cloud's openapi (fixtures/sendprobe), warmed first.
 */
export async function bareSendMs(templateId: string, count: number): Promise<number> {
  const cloud = await createLocalCloud({
    port: 0,
    dataDir: null,
    timers: false,
    functionsDir: join(__dirname, 'fixtures'),
    onLog: () => undefined,
  });
  try {
    const probe = { touser: 'demo-operator-a', templateId };
    await cloud.runtime.invoke('sendprobe', { ...probe, count: 5 }, { source: 'timer' });
    const outcome = await cloud.runtime.invoke('sendprobe', { ...probe, count }, { source: 'timer' });
    if (!outcome.ok) throw new Error(`基准函数失败：${outcome.message}`);
    return (outcome.result as { ms: number }).ms / count;
  } finally {
    await cloud.close();
  }
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
