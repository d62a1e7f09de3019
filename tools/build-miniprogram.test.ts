import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packOptionsHelper } from 'miniprogram-ci';
import {
  BuildError,
  MINIPROGRAM_ROOT,
  REPO_ROOT,
  buildMiniprogram,
  usedVantComponents,
  vantClosure,
} from './build-miniprogram';

/** Vant's CommonJS build has the layout packNpmManually produces, so closure tests need no packing. */
const VANT_LIB = join(REPO_ROOT, 'node_modules/@vant/weapp/lib');

let root: string;

function write(file: string, content: unknown): void {
  const full = join(root, file);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
}

function page(name: string, usingComponents: Record<string, string>): void {
  write(`${name}.json`, { usingComponents });
  write(`${name}.wxml`, '<view />');
}

/** Sibling directories a Vant component's files refer to, read straight from the package. */
function referencedDirs(component: string): string[] {
  const names = new Set<string>();
  const dir = join(VANT_LIB, component);
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  )) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/\.\.\/([\w-]+)\//g)) {
      if (match[1]) names.add(match[1]);
    }
  }
  return [...names];
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mp-build-test-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('usedVantComponents', () => {
  it('collects the Vant components of app.json, pages and components', () => {
    write('app.json', { pages: ['pages/a/index'], usingComponents: { 'van-icon': '@vant/weapp/icon/index' } });
    page('pages/a/index', { 'van-button': '@vant/weapp/button/index', 'my-card': '../../components/card/index' });
    page('components/card/index', { 'van-cell': '@vant/weapp/cell/index', 'van-button': '@vant/weapp/button/index' });
    // Not a component (no wxml beside it), and a stale build output: neither counts.
    write('sitemap.json', { usingComponents: { 'van-tag': '@vant/weapp/tag/index' } });
    page('miniprogram_npm/@vant/weapp/field/index', { 'van-calendar': '@vant/weapp/calendar/index' });

    expect(usedVantComponents(root)).toEqual(['button', 'cell', 'icon']);
  });

  it('rejects a Vant path that does not name a component', () => {
    page('pages/a/index', { 'van-button': '@vant/weapp/dist/button/index' });
    expect(() => usedVantComponents(root)).toThrow(BuildError);
    expect(() => usedVantComponents(root)).toThrow(/VANT_REFERENCE_INVALID/);
  });
});

describe('vantClosure', () => {
  it('keeps a component with everything it refers to, transitively, and nothing else', () => {
    const kept = vantClosure(VANT_LIB, ['button']);
    expect(kept).toContain('button');
    for (const name of kept) {
      for (const ref of referencedDirs(name)) expect(kept).toContain(ref);
    }
    expect(kept).not.toContain('field');
    expect(kept).not.toContain('calendar');
  });

  it('keeps the partner a relation names, which no path mentions', () => {
    expect(vantClosure(VANT_LIB, ['grid-item'])).toContain('grid');
  });

  it('rejects a component Vant does not have', () => {
    expect(() => vantClosure(VANT_LIB, ['button', 'no-such-thing'])).toThrow(/VANT_COMPONENT_NOT_FOUND.*no-such-thing/);
  });
});

describe('buildMiniprogram', () => {
  it('packs Vant and leaves only what the pages use in miniprogram_npm', async () => {
    page('pages/bind/index', { 'van-field': '@vant/weapp/field/index', 'van-button': '@vant/weapp/button/index' });
    write('miniprogram_npm/@vant/weapp/calendar/index.js', 'stale');

    const report = await buildMiniprogram(root, REPO_ROOT);

    const vantDir = join(root, 'miniprogram_npm/@vant/weapp');
    expect(report.components).toEqual(['button', 'field']);
    expect(readdirSync(vantDir).sort()).toEqual(report.directories);
    expect(report.directories).toEqual(vantClosure(VANT_LIB, ['button', 'field']));
    expect(existsSync(join(vantDir, 'calendar'))).toBe(false);
    for (const name of report.components) {
      for (const ext of ['js', 'json', 'wxml', 'wxss'])
        expect(existsSync(join(vantDir, name, `index.${ext}`))).toBe(true);
      expect(existsSync(join(vantDir, name, 'index.d.ts'))).toBe(false);
    }
    // The packed code is CommonJS, as the mini-program runtime loads it.
    expect(readFileSync(join(vantDir, 'button/index.js'), 'utf8')).toContain('require("../common/component")');
    expect(report.bytes).toBeLessThan(report.packedBytes / 2);
  }, 60_000);
});

describe('project.config.json packOptions', () => {
  it('keeps tests and test helpers out of the upload package, and every page in it', () => {
    const { packOptions } = JSON.parse(readFileSync(join(REPO_ROOT, 'project.config.json'), 'utf8')) as {
      packOptions: { ignore: { type: string; value: string }[] };
    };
    // Paths as DevTools matches them: relative to miniprogramRoot.
    const files = readdirSync(MINIPROGRAM_ROOT, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('\\').join('/'))
      .filter((file) => !file.startsWith('miniprogram_npm') && statSync(join(MINIPROGRAM_ROOT, file)).isFile());
    const ignored = (file: string): boolean => Boolean(packOptionsHelper.isFileIgnored(file, packOptions.ignore));

    const tests = files.filter((file) => file.endsWith('.test.ts') || file.startsWith('test-utils/'));
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((file) => !ignored(file))).toEqual([]);

    const pageFiles = files.filter((file) => /^(pages|components)\/.+\/index\.(ts|json|wxml|wxss)$/.test(file));
    expect(pageFiles.length).toBeGreaterThan(0);
    expect(pageFiles.filter(ignored)).toEqual([]);
    expect(['app.ts', 'app.json', 'app.wxss', 'config.ts', 'services/api.ts'].filter(ignored)).toEqual([]);
  });
});

describe('app.json', () => {
  it('registers every page folder once: main-package pages and each subpackage’s (a merge cannot drop one)', () => {
    const text = readFileSync(join(MINIPROGRAM_ROOT, 'app.json'), 'utf8');
    // JSON.parse keeps the last of two equal keys: two `subPackages` blocks would silently drop one.
    expect(text.match(/"subPackages"\s*:/g) ?? []).toHaveLength(1);
    const app = JSON.parse(text) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    const registered = [
      ...app.pages,
      ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
    ];
    expect(new Set(registered).size).toBe(registered.length);
    const folders = readdirSync(MINIPROGRAM_ROOT, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('\\').join('/'))
      .filter((file) => /^(packages\/[^/]+\/)?pages\/.+\/index\.wxml$/.test(file))
      .map((file) => file.replace(/\.wxml$/, ''));
    expect(folders.length).toBeGreaterThan(0);
    expect(folders.filter((page) => !registered.includes(page)).sort()).toEqual([]);
  });
});
