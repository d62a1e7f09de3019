/**
 * Issue 18: the province bench leaves nothing out. Every page of miniprogram/app.json (subpackages
 * too) has a first-load entry, and that entry names exactly the actions the page's own code calls when
 * it opens (onLoad, onShow, load, fetchPage and what they call); every list action of every function
 * (an action taking offset, limit, cursor or before) is measured, or says why it is no list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionTables } from '../../server/dispatch';
import { ACTION_CASES, NOT_LISTS, PAGES } from './province-cases';

const ROOT = join(__dirname, '..', '..');
const MINIPROGRAM = join(ROOT, 'miniprogram');
const FUNCTIONS = join(ROOT, 'cloudfunctions');

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

function appPages(): string[] {
  const app = JSON.parse(readFileSync(join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson;
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

/** The page's methods and module functions: name → body (the lines up to the next one). */
function functionsOf(source: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (name !== null) out.set(name, `${out.get(name) ?? ''}\n${body.join('\n')}`);
  };
  for (const line of source.split('\n')) {
    const m =
      /^ {2}(?:async )?([A-Za-z]\w*)\s*(?:<[^>]*>)?\(/.exec(line) ??
      /^(?:export )?(?:async )?function ([A-Za-z]\w*)/.exec(line) ??
      /^(?:export )?const ([A-Za-z]\w*) = (?:async )?\(/.exec(line);
    if (m?.[1]) {
      flush();
      name = m[1];
      body = [];
    }
    body.push(line);
  }
  flush();
  return out;
}

/** The actions a page calls when it opens: from its first-load hooks, through the methods they call. */
function firstLoadActions(source: string): Set<string> {
  const fns = functionsOf(source);
  const seen = new Set<string>();
  const todo = ['onLoad', 'onShow', 'load', 'fetchPage'].filter((n) => fns.has(n));
  const actions = new Set<string>();
  while (todo.length > 0) {
    const name = todo.pop() ?? '';
    if (seen.has(name)) continue;
    seen.add(name);
    const body = fns.get(name) ?? '';
    // call('org', 'me', …) and call<…>(\n 'org',\n 'listPeople', …)
    for (const m of body.matchAll(/\bcall(?:<[^>]*>)?\(\s*'([a-z]+)',\s*'([A-Za-z]+)'/g))
      actions.add(`${m[1]}.${m[2]}`);
    // the unit a list opens on, when none is given: the caller's own (services/scope.ts asks org.me)
    if (/\bhomeUnitFor\(/.test(body)) actions.add('org.me');
    for (const m of body.matchAll(/\bthis\.([A-Za-z]\w*)\(/g)) if (m[1] && fns.has(m[1])) todo.push(m[1]);
    for (const m of body.matchAll(/(?<![.\w])([A-Za-z]\w*)\(/g))
      if (m[1] && fns.has(m[1]) && m[1] !== name) todo.push(m[1]);
  }
  return actions;
}

describe('the province bench covers every page and every list action', () => {
  it('has a first-load entry for every page of app.json, and no other', () => {
    expect(Object.keys(PAGES).sort()).toEqual(appPages().sort());
  });

  it.each(appPages())('%s: measures what the page calls when it opens', (page) => {
    const source = readFileSync(join(MINIPROGRAM, `${page}.ts`), 'utf8');
    const load = PAGES[page];
    const measured =
      load === undefined || 'none' in load
        ? []
        : [...load.calls.map((c) => c.action), ...Object.keys(load.unmeasured ?? {})];
    expect([...new Set(measured)].sort()).toEqual([...firstLoadActions(source)].sort());
  });

  it('measures every list action of every function', () => {
    const lists: string[] = [];
    for (const name of readdirSync(FUNCTIONS)) {
      const entry = join(FUNCTIONS, name, 'index.ts');
      if (!existsSync(entry)) continue;
      const before = actionTables.length;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(entry);
      for (const table of actionTables.slice(before)) {
        for (const [action, def] of Object.entries(table)) {
          const keys = paramsOf(def?.input);
          if (['offset', 'limit', 'cursor', 'before'].some((k) => keys.has(k))) lists.push(`${name}.${action}`);
        }
      }
    }
    expect(lists.length).toBeGreaterThanOrEqual(30);
    const measured = new Set(ACTION_CASES.map((c) => c.action));
    expect(lists.filter((a) => !measured.has(a) && !(a in NOT_LISTS))).toEqual([]);
  });
});

/** The parameter names of an action's input schema (each option of a union too). */
function paramsOf(schema: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (s: unknown): void => {
    if (typeof s !== 'object' || s === null) return;
    const o = s as { entries?: { [k: string]: unknown }; options?: unknown[] };
    if (o.entries) for (const k of Object.keys(o.entries)) out.add(k);
    if (Array.isArray(o.options)) o.options.forEach(visit);
  };
  visit(schema);
  return out;
}
