/**
 * `npm run screens`: a picture of every page of the mini-program (subpackages included), as the demo
 * identities see it on a phone, in docs/screens/<route>.png.
 *
 *   npm run screens                       every page
 *   npm run screens -- packages/linkage   only pages whose route contains one of the arguments
 *   npm run screens -- pages/home pages/approvals
 *
 * How: the demo data is seeded into an in-memory local cloud (the same seed as `npm start`, at a
 * fixed demo time so pictures only change when pages do); jest opens each page under
 * miniprogram-simulate with its calls going to that cloud as the identity of tools/screens/pages.ts
 * and writes it out as HTML (page and Vant styles, rpx at 375 px); headless Chromium from Debian's
 * package draws each HTML file at 375 px wide. Screenshots never gate a test.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFunctions } from '../build-functions';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedDemo } from '../seed';
import { Browser, ScreensSetupError, ensureChromium } from './browser';
import { DEFAULT_IDENTITY, screens, type DemoApi, type ScreenSpec } from './pages';

const REPO_ROOT = resolve(__dirname, '../..');
const MINIPROGRAM = join(REPO_ROOT, 'miniprogram');
export const SCREENS_DIR = join(REPO_ROOT, 'docs/screens');
/** The demo data is written at this Beijing time; the pictures are taken two hours later. */
const DEMO_SEED_AT = '2026-03-10T09:00:00.000+08:00';
const PICTURES_AT = '2026-03-10T11:30:00.000+08:00';
const VIEWPORT = { width: 375, height: 812, scale: 2 };

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  window?: {
    navigationBarTitleText?: string;
    navigationBarBackgroundColor?: string;
    navigationBarTextStyle?: string;
    backgroundColor?: string;
  };
  tabBar?: { list: { pagePath: string; text: string }[] };
}

interface PageJson {
  navigationBarTitleText?: string;
}

interface Shot {
  name: string;
  route: string;
  openid: string;
  query: Record<string, string>;
  title: string;
  tab: string | null;
}

const log = (line: string): void => console.log(line);

/** Every page route of app.json, main package first, then each subpackage's (`<root>/<page>`). */
export function allRoutes(app: AppJson): string[] {
  const sub = (app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`));
  return [...app.pages, ...sub];
}

/** docs/screens/<name>.png: the route without `/index`, slashes as dashes, plus `--variant`. */
export function shotName(route: string, variant?: string): string {
  const base = route.replace(/\/index$/, '').replace(/\//g, '-');
  return variant ? `${base}--${variant}` : base;
}

/**
 * The routes a run renders: those in which one of the filters appears as whole path segments
 * (`packages/linkage` → that subpackage; `pages/me` → the me page, not pages/messages).
 */
export function selectRoutes(routes: readonly string[], filters: readonly string[]): string[] {
  if (filters.length === 0) return [...routes];
  const wanted = filters.map((f) =>
    f
      .replace(/^\/+|\/+$/g, '')
      .replace(/\.png$/, '')
      .split('/'),
  );
  return routes.filter((route) => {
    const segments = route.split('/');
    return wanted.some((w) => segments.some((_s, i) => w.every((part, j) => segments[i + j] === part)));
  });
}

function demoApi(cloud: LocalCloud): DemoApi {
  return {
    async call(fn, action, params, openid) {
      const res = await fetch(`${cloud.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ ...(params as object), action }),
      });
      const answer = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!answer.ok) throw new Error(`${fn}.${action}（${openid}）：${answer.error?.message ?? res.status}`);
      return answer.data as never;
    },
  };
}

async function plan(cloud: LocalCloud, app: AppJson, routes: string[]): Promise<Shot[]> {
  const demo = demoApi(cloud);
  const tabs = new Map((app.tabBar?.list ?? []).map((t) => [t.pagePath, t.text]));
  const shots: Shot[] = [];
  for (const route of routes) {
    const specs: ScreenSpec[] = screens.filter((s) => s.route === route);
    if (specs.length === 0) {
      log(`  ${route}：tools/screens/pages.ts 中没有登记，按 ${DEFAULT_IDENTITY} 无参数打开`);
      specs.push({ route, as: DEFAULT_IDENTITY });
    }
    const json = JSON.parse(readFileSync(join(MINIPROGRAM, `${route}.json`), 'utf8')) as PageJson;
    for (const spec of specs) {
      const name = shotName(route, spec.variant);
      let query: Record<string, string> = {};
      try {
        query = spec.query ? await spec.query(demo) : {};
      } catch (err) {
        log(`  ${name}：查询参数取不到（${err instanceof Error ? err.message : String(err)}），无参数打开`);
      }
      shots.push({
        name,
        route,
        openid: spec.as,
        query,
        title: json.navigationBarTitleText ?? app.window?.navigationBarTitleText ?? '',
        tab: tabs.get(route) ?? null,
      });
    }
  }
  return shots;
}

/** Runs the jsdom render step; the local cloud answers it from this process, so never block here. */
async function renderHtml(shots: Shot[], app: AppJson, url: string, outDir: string): Promise<void> {
  const planFile = join(outDir, 'plan.json');
  writeFileSync(
    planFile,
    JSON.stringify({
      shots,
      tabs: (app.tabBar?.list ?? []).map((t) => t.text),
      window: {
        background: app.window?.navigationBarBackgroundColor ?? '#ffffff',
        text: app.window?.navigationBarTextStyle === 'white' ? 'white' : 'black',
        pageBackground: app.window?.backgroundColor ?? '#ffffff',
      },
    }),
  );
  const jest = require.resolve('jest/bin/jest');
  const child = spawn(
    process.execPath,
    [
      jest,
      '-c',
      join(__dirname, 'jest.config.js'),
      '--runInBand',
      ...(process.env['SCREENS_VERBOSE'] ? [] : ['--silent']),
      '--forceExit',
    ],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, SCREENS_PLAN: planFile, SCREENS_URL: url, SCREENS_OUT: outDir, TZ: 'Asia/Shanghai' },
    },
  );
  const status = await new Promise<number | null>((done) => child.on('exit', done));
  if (status !== 0) log('部分页面未能渲染（见上方 jest 输出），其余页面照常截图。');
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const chromium = ensureChromium(log);
  const app = JSON.parse(readFileSync(join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson;
  const routes = selectRoutes(allRoutes(app), filters);
  if (routes.length === 0) throw new ScreensSetupError(`没有页面的路径包含：${filters.join('、')}`);

  await buildFunctions();
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  const outDir = mkdtempSync(join(tmpdir(), 'screens-'));
  let browser: Browser | null = null;
  try {
    cloud.clock.set(DEMO_SEED_AT);
    await seedDemo(cloud);
    cloud.clock.set(PICTURES_AT);
    log(`渲染 ${routes.length} 个页面…`);
    const shots = await plan(cloud, app, routes);
    await renderHtml(shots, app, cloud.url, outDir);

    mkdirSync(SCREENS_DIR, { recursive: true });
    if (filters.length === 0) {
      const keep = new Set(shots.map((s) => `${s.name}.png`));
      for (const file of readdirSync(SCREENS_DIR))
        if (file.endsWith('.png') && !keep.has(file)) rmSync(join(SCREENS_DIR, file));
    }
    browser = await Browser.launch(chromium, VIEWPORT);
    let drawn = 0;
    for (const shot of shots) {
      const html = join(outDir, `${shot.name}.html`);
      try {
        readFileSync(html);
      } catch {
        log(`  ✗ ${shot.name}：没有生成页面`);
        continue;
      }
      const png = await browser.capture(pathToFileURL(html).href, VIEWPORT);
      writeFileSync(join(SCREENS_DIR, `${shot.name}.png`), png);
      drawn += 1;
      log(
        `  ✓ docs/screens/${shot.name}.png（${shot.openid}${Object.keys(shot.query).length ? `，${new URLSearchParams(shot.query).toString()}` : ''}）`,
      );
    }
    log(`已生成 ${drawn}/${shots.length} 张截图：docs/screens/`);
    if (drawn < shots.length) process.exitCode = 1;
  } finally {
    await browser?.close();
    await cloud.close();
    if (!process.env['SCREENS_KEEP_HTML']) rmSync(outDir, { recursive: true, force: true });
    else log(`HTML 保留在 ${outDir}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ScreensSetupError ? err.message : err);
    process.exit(err instanceof ScreensSetupError ? 2 : 1);
  });
}
