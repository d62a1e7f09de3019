import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_FILE, ApiDocError, DOC_FILE, REGENERATE, collectApi, generateApiDoc, renderApiDoc } from './api-doc';

describe('docs/api.md', () => {
  it('matches typings/api.ts', () => {
    const expected = generateApiDoc(API_FILE);
    const actual = readFileSync(DOC_FILE, 'utf8');
    if (actual !== expected) throw new Error(`docs/api.md 已过期：run ${REGENERATE}`);
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
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks functions and actions in declaration order, inherited actions included', () => {
    const api = collectApi(join(dir, 'api.ts'));
    expect(api.map((fn) => [fn.name, fn.actions.map((a) => a.name)])).toEqual([
      ['alpha', ['write', 'read']],
      ['beta', ['count']],
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
    expect(md).toContain('- params: `` { id: string; tag: `t-${string}`; } ``');
    expect(md).toContain('### beta.count\n\nCounts.\n\n- params: `{ n: number; }`\n- result: `{ total: number; }`\n');
    expect(md.endsWith('\n')).toBe(true);
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
