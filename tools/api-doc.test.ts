import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPostConfig } from '../core/post';
import { errorMessages, functionCodes } from './api-doc-errors';
import {
  API_FILE,
  ApiDocError,
  DOC_FILE,
  REGENERATE,
  collectApi,
  collectContract,
  generateApiDoc,
  renderApiDoc,
  type ActionDoc,
  type FieldDoc,
} from './api-doc';

describe('docs/api.md', () => {
  it('matches typings/api.ts', () => {
    const expected = generateApiDoc(API_FILE);
    const actual = readFileSync(DOC_FILE, 'utf8');
    if (actual !== expected) throw new Error(`docs/api.md 已过期：run ${REGENERATE}`);
  });

  it('opens every named type the contract mentions, field by field, with the limits the functions enforce', () => {
    const { types } = collectContract(API_FILE);
    const byName = new Map(types.map((t) => [t.name, t]));
    const content = byName.get('PostContent');
    expect(content?.shape.kind).toBe('fields');
    const fields = content?.shape.kind === 'fields' ? content.shape.fields : [];
    const about = (name: string): string => fields.find((f) => f.name === name)?.description ?? '';
    expect(about('title')).toContain(String(defaultPostConfig.maxTitleChars));
    expect(about('text')).toContain(defaultPostConfig.maxTextChars.toLocaleString('en-US'));
    expect(about('images')).toContain(String(defaultPostConfig.maxImages));
    expect(byName.get('SensitivityLevel')?.values).toEqual(["'ordinary'", "'major'", "'especiallyMajor'"]);
    // Reached through other types, not only from the actions' own fields.
    expect(byName.has('RepostSource')).toBe(true);
    expect(byName.has('ActionSpec')).toBe(false);
    const doc = readFileSync(DOC_FILE, 'utf8');
    for (const t of types) expect(doc).toContain(`\n### ${t.name}\n`);
  });

  it("lists each function's error codes under it, and every code with its message", () => {
    const messages = errorMessages();
    expect(messages.get('NUDGE_TOO_SOON')).toMatch(/[\u4e00-\u9fff]/);
    const post = functionCodes('post', messages);
    expect(post).toEqual(expect.arrayContaining(['NUDGE_TOO_SOON', 'SCREENING_BLOCKED', 'COMMENT_REQUIRED']));
    expect(post).not.toContain('CONFLICT'); // common to every action, listed once
    expect(functionCodes('referral', messages)).toEqual(expect.arrayContaining(['BATCH_TOO_LARGE']));
    const doc = readFileSync(DOC_FILE, 'utf8');
    const postSection = doc.slice(doc.indexOf('\n## post\n'), doc.indexOf('\n### post.'));
    expect(postSection).toContain('`NUDGE_TOO_SOON`');
    expect(doc).toContain(`- \`NUDGE_TOO_SOON\`：${messages.get('NUDGE_TOO_SOON')}`);
  });

  it('lists every function of the real Api interface', () => {
    const api = readFileSync(API_FILE, 'utf8');
    const body = /export interface Api \{([\s\S]*?)\n\}/.exec(api)?.[1] ?? '';
    const declared = [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(0);
    expect(collectApi(API_FILE).map((fn) => fn.name)).toEqual(declared);
  });
});

describe('collectApi on a contract written in several styles', () => {
  let dir: string;
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-doc-'));
    write(
      'api.ts',
      `import type { BetaApi } from './beta';
export interface ActionSpec<P, R> { params: P; result: R }
export type NoParams = Record<string, never>;
export interface Api {
  alpha: import('./alpha').AlphaApi;
  /** Overrides the interface's own comment. */
  beta: BetaApi;
  gamma: import('./gamma').GammaApi;
}
`,
    );
    write(
      'alpha.ts',
      `import type { ActionSpec as Spec, NoParams } from './api';
interface ReadApi {
  /** Reads one thing.
   *  Continues on a second line.
   *
   * A second paragraph that the doc leaves out.
   */
  read: Spec<{ id: string }, { name: string } | null>;
}
/** Alpha things. */
export interface AlphaApi extends ReadApi {
  write: Spec<
    {
      // a comment inside the type must not leak into the doc
      id: string;
      tag: \`t-\${string}\`;
    },
    NoParams
  >;
}
`,
    );
    write(
      'beta.ts',
      `import type { ActionSpec } from './api';
type Counted = ActionSpec<{ n: number }, { total: number }>;
/** Beta things. */
export interface BetaApi {
  /** Counts. */
  count: Counted;
}
`,
    );
    write(
      'gamma.ts',
      `import type { ActionSpec, NoParams } from './api';
type Stamp = string;
interface Ref {
  /** The target.
   *
   * Not this paragraph.
   */
  id: string;
  rev?: number;
}
interface Edit extends Ref {
  note: string | null;
}
interface EditParams extends Edit {
  /** Labels. */
  tags: Array<\`t-\${string}\`>;
}
interface Page<T> {
  items: T[];
  /** Pass back for more. */
  next: number | null;
}
type Marks = { ids: string[] } | { all: true };
interface One { text: string }
interface Many { pasted: string }
export interface GammaApi {
  edit: ActionSpec<EditParams, Ref | null>;
  plan: ActionSpec<Ref & { plannedAt: Stamp | null }, NoParams>;
  page: ActionSpec<Partial<Ref>, Page<{ n: number }>>;
  mark: ActionSpec<Marks, string[]>;
  record: ActionSpec<One | Many, { when: Date; counts: Record<string, number> } | boolean>;
}
`,
    );
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const gamma = (action: string): ActionDoc => {
    const found = collectApi(join(dir, 'api.ts'))
      .find((fn) => fn.name === 'gamma')
      ?.actions.find((a) => a.name === action);
    if (!found) throw new Error(`gamma.${action} missing`);
    return found;
  };
  const field = (name: string, type: string, optional = false, description = ''): FieldDoc => ({
    name,
    optional,
    type,
    description,
  });

  it('walks functions and actions in declaration order, inherited actions included', () => {
    const api = collectApi(join(dir, 'api.ts'));
    expect(api.map((fn) => [fn.name, fn.actions.map((a) => a.name)])).toEqual([
      ['alpha', ['write', 'read']],
      ['beta', ['count']],
      ['gamma', ['edit', 'plan', 'page', 'mark', 'record']],
    ]);
  });

  it('takes descriptions from JSDoc: first paragraph on one line, member comment before interface comment', () => {
    const [alpha, beta] = collectApi(join(dir, 'api.ts'));
    expect(alpha?.description).toBe('Alpha things.');
    expect(beta?.description).toBe("Overrides the interface's own comment.");
    expect(alpha?.actions.find((a) => a.name === 'read')?.description).toBe(
      'Reads one thing. Continues on a second line.',
    );
    expect(alpha?.actions.find((a) => a.name === 'write')?.description).toBe('');
  });

  it('prints params and result as written, without comments, on one line', () => {
    const [alpha, beta] = collectApi(join(dir, 'api.ts'));
    const read = alpha?.actions.find((a) => a.name === 'read');
    const write = alpha?.actions.find((a) => a.name === 'write');
    expect(read).toMatchObject({ params: '{ id: string; }', result: '{ name: string; } | null' });
    expect(write?.params).toBe('{ id: string; tag: `t-${string}`; }');
    expect(write?.result).toBe('NoParams');
    // An alias of ActionSpec falls back to the checker's view of params/result.
    expect(beta?.actions[0]).toMatchObject({ params: '{ n: number; }', result: '{ total: number; }' });
  });

  it('renders markdown with a placeholder for a missing description and safe code spans', () => {
    const md = renderApiDoc(collectApi(join(dir, 'api.ts')));
    expect(md).toContain('- [alpha](#alpha)（2 个 action）');
    expect(md).toContain('### alpha.write\n\n（缺少说明）\n');
    expect(md).toContain('- params: ``{ id: string; tag: `t-${string}`; }``');
    expect(md).toContain(
      '### beta.count\n\nCounts.\n\n- params: `{ n: number; }`\n  - `n`: `number`\n- result: `{ total: number; }`\n  - `total`: `number`\n',
    );
    expect(md.endsWith('\n')).toBe(true);
  });

  it('opens params and results one level, through extends chains', () => {
    const edit = gamma('edit');
    expect(edit.params).toBe('EditParams');
    expect(edit.paramsShape).toEqual({
      kind: 'fields',
      fields: [
        field('tags', 'Array<`t-${string}`>', false, 'Labels.'),
        field('note', 'string | null'),
        field('id', 'string', false, 'The target.'),
        field('rev', 'number', true),
      ],
    });
    // `| null` is in the type text; the fields are the object's.
    expect(edit.resultShape).toEqual({
      kind: 'fields',
      fields: [field('id', 'string', false, 'The target.'), field('rev', 'number', true)],
    });
  });

  it('flattens intersections, keeps aliases as written and shows NoParams as none', () => {
    const plan = gamma('plan');
    expect(plan.paramsShape).toEqual({
      kind: 'fields',
      fields: [
        field('id', 'string', false, 'The target.'),
        field('rev', 'number', true),
        field('plannedAt', 'Stamp | null'),
      ],
    });
    expect(plan.resultShape).toEqual({ kind: 'none' });
  });

  it('prints a property the checker derived (generic, mapped) as the checker sees it', () => {
    const page = gamma('page');
    expect(page.paramsShape).toEqual({
      kind: 'fields',
      fields: [field('id', 'string | undefined', true, 'The target.'), field('rev', 'number', true)],
    });
    expect(page.resultShape).toEqual({
      kind: 'fields',
      fields: [field('items', '{ n: number; }[]'), field('next', 'number | null', false, 'Pass back for more.')],
    });
  });

  it('lists each object of a union in the order written, and leaves other types closed', () => {
    expect(gamma('mark').paramsShape).toEqual({
      kind: 'variants',
      variants: [
        { type: '{ ids: string[]; }', fields: [field('ids', 'string[]')] },
        { type: '{ all: true; }', fields: [field('all', 'true')] },
      ],
    });
    expect(gamma('mark').resultShape).toEqual({ kind: 'opaque' });
    const record = gamma('record');
    expect(record.paramsShape).toEqual({
      kind: 'variants',
      variants: [
        { type: 'One', fields: [field('text', 'string')] },
        { type: 'Many', fields: [field('pasted', 'string')] },
      ],
    });
    // An object or a boolean is not one object's fields.
    expect(record.resultShape).toEqual({ kind: 'opaque' });
  });

  it('renders the opened types as nested lists that prettier leaves as they are', () => {
    const md = renderApiDoc(collectApi(join(dir, 'api.ts')));
    expect(md).toContain(
      [
        '### gamma.plan',
        '',
        '（缺少说明）',
        '',
        '- params: `Ref & { plannedAt: Stamp | null; }`',
        '  - `id`: `string` — The target.',
        '  - `rev`（可选）: `number`',
        '  - `plannedAt`: `Stamp | null`',
        '- result: 无',
        '',
      ].join('\n'),
    );
    expect(md).toContain('  - `tags`: ``Array<`t-${string}`>`` — Labels.\n  - `note`: `string | null`\n');
    expect(md).toContain(
      '- params: `One | Many`，以下形式之一：\n  - `One`\n    - `text`: `string`\n  - `Many`\n    - `pasted`: `string`\n',
    );
    expect(md).toContain('  - `tag`: `` `t-${string}` ``\n');
    expect(md).toContain('- result: `string[]`\n');

    const prettier = require.resolve('prettier/bin/prettier.cjs');
    const config = resolve(__dirname, '..', '.prettierrc.json');
    const formatted = execFileSync(process.execPath, [prettier, '--config', config, '--stdin-filepath', 'api.md'], {
      input: md,
      encoding: 'utf8',
    });
    expect(formatted).toBe(md);
  });

  it('refuses a member that is not an action spec', () => {
    write(
      'beta.ts',
      `export interface BetaApi {
  count: { n: number };
}
`,
    );
    expect(() => collectApi(join(dir, 'api.ts'))).toThrow(ApiDocError);
    expect(() => collectApi(join(dir, 'api.ts'))).toThrow('beta.count 不是 ActionSpec<P, R>');
  });
});
