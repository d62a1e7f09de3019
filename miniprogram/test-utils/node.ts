/**
 * The few Node APIs the UI test helpers need. The mini-program's tsconfig deliberately has no Node
 * types (page code must not see `fs` or `process`), so these come through jest with narrow types.
 */
declare const __dirname: string;

interface DirEntry {
  name: string;
  isDirectory(): boolean;
}

interface FsSubset {
  readFileSync(path: string, encoding: 'utf8'): string;
  existsSync(path: string): boolean;
  readdirSync(path: string, options: { withFileTypes: true }): DirEntry[];
}

interface PathSubset {
  resolve(...segments: string[]): string;
  join(...segments: string[]): string;
  relative(from: string, to: string): string;
  dirname(path: string): string;
  sep: string;
}

export const fs = jest.requireActual<FsSubset>('fs');
export const path = jest.requireActual<PathSubset>('path');

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const MINIPROGRAM_ROOT = path.join(REPO_ROOT, 'miniprogram');
/** Vant's CommonJS build: the same files `packNpmManually` puts in miniprogram_npm. */
export const VANT_ROOT = path.join(REPO_ROOT, 'node_modules/@vant/weapp/lib');

/** Files under `dir` whose name ends with `suffix`, as POSIX paths relative to REPO_ROOT. */
export function listFiles(dir: string, suffix: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) out.push(...listFiles(full, suffix, skip));
    } else if (entry.name.endsWith(suffix)) {
      out.push(path.relative(REPO_ROOT, full).split(path.sep).join('/'));
    }
  }
  return out;
}
