/**
 * Bundles each cloud function's TypeScript entry (cloudfunctions/<name>/index.ts) with the shared
 * core and server glue into cloudfunctions/<name>/index.js, the file the cloud runs.
 *
 * wx-server-sdk stays external: the cloud installs it from the function's package.json (pinned), and
 * locally Node resolves it from the repository's node_modules. Bundling it would triple the bundle
 * for no start-up gain measured here, and keeps one copy of the SDK in the local cloud.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FUNCTIONS_DIR = resolve(__dirname, '..', 'cloudfunctions');

export function functionNames(dir = FUNCTIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'index.ts')))
    .sort();
}

export interface BuiltFunction {
  name: string;
  bytes: number;
}

export async function buildFunctions(options: { minify?: boolean; names?: string[] } = {}): Promise<BuiltFunction[]> {
  const names = options.names ?? functionNames();
  const results = await Promise.all(
    names.map(async (name) => {
      const result = await build({
        entryPoints: [join(FUNCTIONS_DIR, name, 'index.ts')],
        outfile: join(FUNCTIONS_DIR, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: options.minify ?? true,
        sourcemap: false,
        legalComments: 'none',
        metafile: true,
        logLevel: 'warning',
      });
      const out = Object.values(result.metafile.outputs)[0];
      return { name, bytes: out ? out.bytes : 0 };
    }),
  );
  return results;
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const b of built) console.log(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1)} KB`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
