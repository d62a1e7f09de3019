/**
 * Builds miniprogram/miniprogram_npm: packs @vant/weapp with miniprogram-ci's packNpmManually (offline)
 * into a temporary directory, then copies into the mini-program only the Vant components some page,
 * component or app.json uses, with the components and support files they need themselves, so unused
 * components never reach the upload package.
 *
 *   npx tsx tools/build-miniprogram.ts
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const MINIPROGRAM_ROOT = join(REPO_ROOT, 'miniprogram');

const VANT = '@vant/weapp';
const VANT_REF = /^@vant\/weapp\/([\w-]+)\/index$/;
/** A sibling directory named from inside a Vant file: require, usingComponents, wxs src, @import. */
const SIBLING_REF = /\.\.\/([\w-]+)\//g;
/** Relations name their partner component by directory: useParent('grid'), useChildren('tab'). */
const RELATION_REF = /use(?:Parent|Children)\)?\(\s*['"]([\w-]+)['"]/g;
const SKIPPED_DIRS = new Set(['miniprogram_npm', 'node_modules']);

export class BuildError extends Error {
  constructor(
    readonly code: 'VANT_COMPONENT_NOT_FOUND' | 'VANT_REFERENCE_INVALID',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
}

function walk(dir: string, visit: (file: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, visit);
    } else {
      visit(full);
    }
  }
}

/** Vant component directories named in app.json and in the json of every page and component. */
export function usedVantComponents(miniprogramRoot: string): string[] {
  const used = new Set<string>();
  walk(miniprogramRoot, (file) => {
    if (!file.endsWith('.json')) return;
    const isApp = relative(miniprogramRoot, file) === 'app.json';
    if (!isApp && !existsSync(file.replace(/\.json$/, '.wxml'))) return;
    const json = JSON.parse(readFileSync(file, 'utf8')) as ComponentJson;
    for (const ref of Object.values(json.usingComponents ?? {})) {
      if (!ref.startsWith(`${VANT}/`)) continue;
      const match = VANT_REF.exec(ref);
      if (!match?.[1])
        throw new BuildError(
          'VANT_REFERENCE_INVALID',
          `${relative(miniprogramRoot, file)} 中的 ${ref} 应写作 ${VANT}/<组件>/index`,
        );
      used.add(match[1]);
    }
  });
  return [...used].sort();
}

/** The directories of a packed Vant that `components` need: themselves plus everything they reference. */
export function vantClosure(packedVant: string, components: readonly string[]): string[] {
  const missing = components.filter((name) => !existsSync(join(packedVant, name, 'index.json')));
  if (missing.length) throw new BuildError('VANT_COMPONENT_NOT_FOUND', `${VANT} 中没有组件 ${missing.join('、')}`);
  const keep = new Set<string>();
  const queue = [...components];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (keep.has(name) || !existsSync(join(packedVant, name))) continue;
    keep.add(name);
    walk(join(packedVant, name), (file) => {
      const text = readFileSync(file, 'utf8');
      for (const pattern of [SIBLING_REF, RELATION_REF]) {
        for (const match of text.matchAll(pattern)) if (match[1]) queue.push(match[1]);
      }
    });
  }
  return [...keep].sort();
}

/** Type declarations are for editors; the package needs none. */
const isDeclaration = (file: string): boolean => basename(file).endsWith('.d.ts');

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  walk(dir, (file) => {
    if (isDeclaration(file)) return;
    files += 1;
    bytes += statSync(file).size;
  });
  return { files, bytes };
}

/** Packs the installed @vant/weapp into `workDir`, as DevTools' 构建 npm would; returns the packed package. */
export async function packVant(workDir: string, repoRoot = REPO_ROOT): Promise<string> {
  const installed = join(repoRoot, 'node_modules', VANT);
  const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string };
  // Only the mini-program's runtime dependency: the repository's package.json lists Vant among dev tools.
  writeFileSync(
    join(workDir, 'package.json'),
    JSON.stringify({ name: 'miniprogram-npm', private: true, dependencies: { [VANT]: version } }),
  );
  mkdirSync(join(workDir, 'node_modules', dirname(VANT)), { recursive: true });
  symlinkSync(installed, join(workDir, 'node_modules', VANT), 'dir');
  const ci = await import('miniprogram-ci');
  await ci.packNpmManually({
    packageJsonPath: join(workDir, 'package.json'),
    miniprogramNpmDistDir: join(workDir, 'out'),
  });
  return join(workDir, 'out', 'miniprogram_npm', VANT);
}

export interface BuildReport {
  components: string[];
  directories: string[];
  files: number;
  bytes: number;
  /** Size of the whole packed Vant (declarations aside), for comparison. */
  packedBytes: number;
}

export async function buildMiniprogram(miniprogramRoot = MINIPROGRAM_ROOT, repoRoot = REPO_ROOT): Promise<BuildReport> {
  const components = usedVantComponents(miniprogramRoot);
  const workDir = mkdtempSync(join(tmpdir(), 'miniprogram-npm-'));
  try {
    const packed = await packVant(workDir, repoRoot);
    const directories = vantClosure(packed, components);
    const npmDir = join(miniprogramRoot, 'miniprogram_npm');
    rmSync(npmDir, { recursive: true, force: true });
    for (const name of directories) {
      cpSync(join(packed, name), join(npmDir, VANT, name), {
        recursive: true,
        filter: (source) => !isDeclaration(source),
      });
    }
    return { components, directories, ...sizeOf(join(npmDir, VANT)), packedBytes: sizeOf(packed).bytes };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** uCharts ships as an ES module; the mini-program's `require` wants CommonJS, in the evaluation subpackage only. */
export const CHART_VENDOR = join(MINIPROGRAM_ROOT, 'packages', 'evaluation', 'vendor', 'u-charts.js');

export async function buildChartVendor(repoRoot = REPO_ROOT, outfile = CHART_VENDOR): Promise<number> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(repoRoot, 'node_modules', '@qiun', 'ucharts', 'u-charts.min.js')],
    outfile,
    bundle: false,
    format: 'cjs',
    target: 'es2017',
    minify: true,
    legalComments: 'inline',
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

/** WeChat's limit for the main package (and each subpackage); the project keeps the whole upload under half. */
export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

/** What project.config.json's packOptions leave out of the upload. */
const notUploaded = (file: string): boolean =>
  file.endsWith('.test.ts') ||
  isDeclaration(file) ||
  basename(file) === 'tsconfig.json' ||
  file.includes(`${join('test-utils')}`);

export interface PackageSizes {
  main: number;
  subpackages: Array<{ root: string; bytes: number }>;
  total: number;
}

/** Bytes of the upload: the main package (everything outside a subpackage root) and each subpackage. */
export function packageSizes(miniprogramRoot = MINIPROGRAM_ROOT): PackageSizes {
  const app = JSON.parse(readFileSync(join(miniprogramRoot, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>(roots.map((r) => [r, 0]));
  let main = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(full);
        continue;
      }
      const rel = relative(miniprogramRoot, full).split('\\').join('/');
      if (notUploaded(rel)) continue;
      const bytes = statSync(full).size;
      const root = roots.find((r) => rel.startsWith(`${r}/`));
      if (root) sizes.set(root, (sizes.get(root) ?? 0) + bytes);
      else main += bytes;
    }
  };
  visit(miniprogramRoot);
  const subpackages = roots.map((root) => ({ root, bytes: sizes.get(root) ?? 0 }));
  return { main, subpackages, total: main + subpackages.reduce((n, p) => n + p.bytes, 0) };
}

if (require.main === module) {
  Promise.all([buildMiniprogram(), buildChartVendor()]).then(
    ([report, chartBytes]) => {
      const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
      console.log(
        `Vant: ${report.components.length} 个组件在用 → 保留 ${report.directories.length} 个目录，${report.files} 个文件，${kb(report.bytes)}（完整构建 ${kb(report.packedBytes)}）`,
      );
      console.log(`  在用：${report.components.join(', ')}`);
      console.log(`  保留：${report.directories.join(', ')}`);
      console.log(`uCharts（评估分包）：${kb(chartBytes)}`);
      const sizes = packageSizes();
      console.log(`小程序包体积（上传内容，.ts 按源文件计）：`);
      console.log(
        `  主包 ${kb(sizes.main)}（上限 ${kb(MAIN_PACKAGE_LIMIT)}，占 ${((sizes.main / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%）`,
      );
      for (const p of sizes.subpackages) console.log(`  分包 ${p.root} ${kb(p.bytes)}`);
      console.log(
        `  合计 ${kb(sizes.total)}，为主包上限的 ${((sizes.total / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%（目标：低于 50%）`,
      );
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
