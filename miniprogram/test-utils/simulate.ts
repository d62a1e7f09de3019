/**
 * Loads pages and components under miniprogram-simulate (jsdom) the way DevTools would see them:
 * TypeScript through ts-jest, WXML/WXS through the official wcc compiler, and `@vant/weapp/x/index`
 * resolved to Vant's CommonJS build, as `packNpmManually` resolves it into miniprogram_npm.
 */
import { MINIPROGRAM_ROOT, REPO_ROOT, VANT_ROOT, fs, listFiles, path } from './node';
import { flush } from './wx';

export { flush };

/** A rendered node serialised by j-component: elements with their children, text as strings. */
export interface NodeJson {
  tagName: string;
  attrs: { name: string; value: unknown }[];
  children: (NodeJson | string)[];
}

/** The part of a j-component node the tests use. */
export interface SimNode {
  readonly data: object;
  readonly instance: object;
  querySelector(selector: string): SimNode | undefined;
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  addEventListener(eventName: string, handler: (event: { detail: unknown }) => void): void;
  toJSON(): NodeJson;
}

interface RootNode extends SimNode {
  attach(parent: unknown): void;
}

interface LoadOptions {
  rootPath: string;
  compilerOptions: { wxmlList: string[]; wxsList: string[]; maxBuffer: number };
  usingComponents: Record<string, string>;
}

/**
 * Typed here rather than imported: its declarations pull in j-component's own, older copy of
 * miniprogram-api-typings, whose globals would merge with ours and break Component() inference.
 */
interface SimulateApi {
  load(componentPath: string, options: LoadOptions): string;
  render(id: string, properties?: object): RootNode;
}

const simulate = jest.requireActual<SimulateApi>('miniprogram-simulate');

interface PageLifetimes {
  onLoad?(query: Record<string, string | undefined>): void;
  onShow?(): void;
  onHide?(): void;
  onPullDownRefresh?(): void;
  onReachBottom?(): void;
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
}

const VANT_PREFIX = '@vant/weapp/';
const rootRelative = (absolute: string): string => `/${path.relative(REPO_ROOT, absolute).split(path.sep).join('/')}`;

/**
 * miniprogram-simulate joins absolute usingComponents paths to its rootPath (the repo root here), so
 * npm and miniprogram-absolute references are rewritten to repo-absolute ones; relative ones resolve as is.
 */
function usingComponentsOverrides(componentPath: string, out: Record<string, string> = {}): Record<string, string> {
  const json = JSON.parse(fs.readFileSync(`${componentPath}.json`, 'utf8')) as ComponentJson;
  for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
    if (ref.startsWith(VANT_PREFIX)) {
      out[tag] = rootRelative(path.join(VANT_ROOT, ref.slice(VANT_PREFIX.length)));
      continue;
    }
    const fromRoot = ref.startsWith('/');
    const target = fromRoot ? path.join(MINIPROGRAM_ROOT, ref) : path.resolve(path.dirname(componentPath), ref);
    if (fromRoot) out[tag] = rootRelative(target);
    usingComponentsOverrides(target, out);
  }
  return out;
}

let compilerOptions: { wxmlList: string[]; wxsList: string[]; maxBuffer: number } | undefined;

/** wcc compiles every template once per test file; node_modules is outside its default glob. */
function wccFiles(): { wxmlList: string[]; wxsList: string[]; maxBuffer: number } {
  compilerOptions ??= {
    wxmlList: [...listFiles(MINIPROGRAM_ROOT, '.wxml', ['miniprogram_npm']), ...listFiles(VANT_ROOT, '.wxml')],
    wxsList: [...listFiles(MINIPROGRAM_ROOT, '.wxs', ['miniprogram_npm']), ...listFiles(VANT_ROOT, '.wxs')],
    // wcc prints every page's compiled template at once; its default 1 MB output buffer no longer holds
    // the whole mini-program (ENOBUFS), so give it room.
    maxBuffer: 64 * 1024 * 1024,
  };
  return compilerOptions;
}

type PageOptions = Record<string, unknown> & { data?: object };

/**
 * Registers a Page as a component: every function becomes a method the test can call, and other
 * custom fields are deep-copied onto the instance, as WeChat does for Page options.
 */
function pageAsComponent(options: PageOptions): void {
  const { data = {}, ...rest } = options;
  const methods: Record<string, (...args: unknown[]) => unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value === 'function') methods[name] = value as (...args: unknown[]) => unknown;
    else fields[name] = value;
  }
  const snapshot = JSON.stringify(fields);
  Component({
    data,
    methods,
    lifetimes: {
      created() {
        Object.assign(this, JSON.parse(snapshot));
      },
    },
  });
}

const globals = globalThis as unknown as {
  Page: (options: PageOptions) => void;
  getApp: () => object;
  document: { createElement(tag: string): unknown };
};
globals.Page = pageAsComponent;

/** What getApp() returns in the page under test. */
export function setApp(app: object): void {
  globals.getApp = () => app;
}

const loaded = new Map<string, string>();

/** Registers a component tree once per test file; every render makes a fresh instance of it. */
function load(componentPath: string): string {
  const cached = loaded.get(componentPath);
  if (cached !== undefined) return cached;
  let id = '';
  // A fresh module registry: simulate needs each component's Component() call to run during its load.
  jest.isolateModules(() => {
    id = simulate.load(componentPath, {
      rootPath: REPO_ROOT,
      compilerOptions: wccFiles(),
      usingComponents: usingComponentsOverrides(componentPath),
    });
  });
  loaded.set(componentPath, id);
  return id;
}

/** Renders a component (or page) given its path from the mini-program root, e.g. `pages/home/index`. */
export function render(modulePath: string, properties?: object): SimNode {
  const root = simulate.render(load(path.join(MINIPROGRAM_ROOT, modulePath)), properties);
  root.attach(globals.document.createElement('parent-wrapper'));
  return root;
}

export interface PageHarness<D> {
  root: SimNode;
  data(): D;
  /** The text a user reads in the page, or in the first node matching selector; whitespace collapsed. */
  text(selector?: string): string;
  exists(selector: string): boolean;
  /** Fires eventName (e.g. Vant's `click`) on the first node matching selector and lets handlers settle. */
  fire(selector: string, eventName: string, detail?: unknown): Promise<void>;
  show(): Promise<void>;
  /** The page goes to the background (another app, the phone locked, or a page opened over it). */
  hide(): Promise<void>;
  pullDown(): Promise<void>;
  /** Scrolls to the bottom of the page (onReachBottom). */
  reachBottom(): Promise<void>;
}

function textOf(node: NodeJson | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join(' ');
}

function find(root: SimNode, selector: string): SimNode {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return node;
}

export function harness<D>(root: SimNode): PageHarness<D> {
  const lifetimes = root.instance as PageLifetimes;
  return {
    root,
    data: () => root.data as D,
    text: (selector) =>
      textOf((selector ? find(root, selector) : root).toJSON())
        .replace(/\s+/g, ' ')
        .trim(),
    exists: (selector) => root.querySelector(selector) !== undefined,
    fire: async (selector, eventName, detail) => {
      find(root, selector).dispatchEvent(eventName, detail === undefined ? {} : { detail });
      await flush();
    },
    show: async () => {
      lifetimes.onShow?.();
      await flush();
    },
    hide: async () => {
      lifetimes.onHide?.();
      await flush();
    },
    pullDown: async () => {
      lifetimes.onPullDownRefresh?.();
      await flush();
    },
    reachBottom: async () => {
      lifetimes.onReachBottom?.();
      await flush();
    },
  };
}

/** Opens a page as WeChat does: render, onLoad(query), onShow, then lets pending work settle. */
export async function openPage<D>(route: string, query: Record<string, string> = {}): Promise<PageHarness<D>> {
  const page = harness<D>(render(route));
  const lifetimes = page.root.instance as PageLifetimes;
  lifetimes.onLoad?.(query);
  lifetimes.onShow?.();
  await flush();
  return page;
}
