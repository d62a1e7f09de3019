/**
 * The screening bench on the code as production runs it. The cloud functions deploy one esbuild
 * bundle each (tools/build-functions.ts); under tsx every module of core/screening is compiled on
 * its own and reached through getters, and every named function is given its name at run time, which
 * the bundle does not do. This compiles screening.ts — the bench with the code it measures and the
 * libraries it compares with — into one bundle with the functions' options, loads it and runs it,
 * so both sides of every ratio run compiled the same way.
 *
 *   npx tsx tools/bench/screening-deployed.ts [--terms N] [--mb N] [--reps N] [--rounds N] [--seed N]
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTION_BUILD } from '../build-functions';
import {
  optionsFromArgs,
  type runScreeningBench,
  type ScreeningBenchFigures,
  type ScreeningBenchOptions,
} from './screening';

/** What the bundle exports (it is screening.ts compiled). */
interface BenchModule {
  runScreeningBench: typeof runScreeningBench;
}

export async function runScreeningBenchAsDeployed(options: ScreeningBenchOptions = {}): Promise<ScreeningBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'screening-bench-'));
  try {
    const outfile = join(dir, 'screening.js');
    await build({
      ...FUNCTION_BUILD,
      entryPoints: [join(__dirname, 'screening.ts')],
      outfile,
      define: { SCREENING_BENCH_DEPLOYED: 'true' },
      logLevel: 'warning',
    });
    const bundled = createRequire(__filename)(outfile) as BenchModule;
    return bundled.runScreeningBench(options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runScreeningBenchAsDeployed(optionsFromArgs(process.argv)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
