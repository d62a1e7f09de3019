/**
 * The error codes of docs/api.md, read from the code that answers them: every code a registry names
 * (`CODE: '中文'` in core and server errors files, authorization's denials) or a `new DomainError('CODE', …)`
 * builds, with its message; and, per function, the codes its own folders (server/<fn>, core/<domain>)
 * mention. A scan of the source rather than a hand-kept list, so a new refusal shows up without anyone
 * remembering this page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** What every action may answer whatever its function (edge, identity, authorization, revisions). */
export const COMMON_CODES = [
  'INVALID_INPUT',
  'REQUEST_TOO_LARGE',
  'UNKNOWN_ACTION',
  'NOT_BOUND',
  'PERSON_INACTIVE',
  'ROLE_REQUIRED',
  'OUT_OF_SCOPE',
  'TRAINING_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;

/** The core folders whose rules a function applies, beside server/<fn>. */
const DOMAINS: Readonly<Record<string, readonly string[]>> = {
  org: ['core/org', 'core/auth'],
  notify: ['core/notify'],
  post: ['core/post', 'core/cadence'],
  referral: ['core/referral', 'core/message', 'core/calendar'],
  screen: ['core/screening'],
  evaluation: ['core/evaluation'],
  linkage: ['core/linkage'],
  reader: ['core/reader'],
};

function sources(dir: string): string[] {
  const abs = join(ROOT, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = join(abs, name);
    if (statSync(file).isDirectory()) return sources(join(dir, name));
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^(?:CONFLICT|INTERNAL)$/;

/** Every code with its message (the first one found), from the registries and DomainError constructions. */
export function errorMessages(): Map<string, string> {
  const messages = new Map<string, string>();
  const add = (code: string, message: string): void => {
    if (CODE.test(code) && !messages.has(code)) messages.set(code, message.replace(/\$\{[^}]*\}/g, '…').trim());
  };
  const files = ['core', 'server'].flatMap(sources);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new DomainError\(\s*'([A-Z_0-9]+)',\s*[`'"]([^`'"]*)/g)) add(m[1] ?? '', m[2] ?? '');
    // Registries: `CODE: '中文…'` (a message holds Chinese; other constants do not).
    for (const m of text.matchAll(/^\s+([A-Z][A-Z_0-9]+):\s*\n?\s*[`'"]([^`'"]*[\u4e00-\u9fff][^`'"]*)/gm))
      add(m[1] ?? '', m[2] ?? '');
  }
  return messages;
}

/** The codes function `fn` can answer beyond the common ones: those its own folders mention. */
export function functionCodes(fn: string, known: ReadonlyMap<string, string>): string[] {
  const files = [`server/${fn}`, ...(DOMAINS[fn] ?? [])].flatMap(sources);
  const common = new Set<string>(COMMON_CODES);
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]([A-Z][A-Z_0-9]+)['"`]|^\s+([A-Z][A-Z_0-9]+):\s/gm)) {
      const code = m[1] ?? m[2] ?? '';
      if (known.has(code) && !common.has(code)) found.add(code);
    }
  }
  return [...found].sort();
}
