/**
 * One word per concept (issue 16, docs/glossary.md): the words the glossary retires appear on no page,
 * in no page title and in no text the product shows or sends; each workbench entry opens a page
 * titled as the entry reads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

interface RetiredWord {
  word: string;
  use: string;
  exceptions: string[];
}

/** The rows of the glossary's 停用词 table. */
function retiredWords(): RetiredWord[] {
  const glossary = readFileSync(join(ROOT, 'docs', 'glossary.md'), 'utf8');
  const section = glossary.split(/^## 停用词.*$/m)[1];
  if (!section) throw new Error('docs/glossary.md has no 停用词 section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .slice(2) // header and rule
    .map(([, word = '', use = '', , exceptions = '']) => ({
      word,
      use,
      exceptions: exceptions === '（无）' ? [] : exceptions.split('、').filter(Boolean),
    }));
}

function walk(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'miniprogram_npm' || name.startsWith('.')) continue;
    const file = join(dir, name);
    if (statSync(file).isDirectory()) walk(file, keep, out);
    else if (keep(file)) out.push(file);
  }
  return out;
}

const isTestFile = (file: string): boolean => /\.test\.ts$|[/\\]test-utils[/\\]/.test(file);

/** What users read: the mini-program's templates, page configs and code, and the texts of core/ and server/. */
function scannedFiles(): string[] {
  const mp = walk(join(ROOT, 'miniprogram'), (f) => /\.(wxml|json|ts)$/.test(f) && !isTestFile(f));
  const texts = ['core', 'server', 'typings'].flatMap((dir) =>
    walk(join(ROOT, dir), (f) => f.endsWith('.ts') && !isTestFile(f)),
  );
  return [...mp, ...texts];
}

/** Every place `word` occurs in `text` outside the listed exception compounds. */
function occurrences(text: string, { word, exceptions }: RetiredWord): string[] {
  const masked = exceptions.reduce((acc, compound) => acc.split(compound).join('□'.repeat(compound.length)), text);
  const found: string[] = [];
  for (let at = masked.indexOf(word); at >= 0; at = masked.indexOf(word, at + word.length)) {
    const line = text.slice(0, at).split('\n').length;
    found.push(`${line}: ${text.split('\n')[line - 1]?.trim() ?? ''}`);
  }
  return found;
}

describe('words (docs/glossary.md 停用词)', () => {
  const words = retiredWords();

  it('reads the retired words from the glossary', () => {
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['转办']));
    for (const w of words) expect(w.use).not.toBe('');
  });

  it('finds a retired word where it is used, and not inside an exception compound', () => {
    const referral = words.find((w) => w.word === '转办');
    if (!referral) throw new Error('转办 is not retired');
    expect(occurrences('<view>待办转办 2</view>', referral)).toHaveLength(1);
    expect(occurrences("title: '流转办结'", referral)).toHaveLength(0);
  });

  it('appears on no page, in no page title and in no text the product shows', () => {
    const hits: string[] = [];
    for (const file of scannedFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const w of words)
        for (const at of occurrences(text, w)) hits.push(`${relative(ROOT, file)}:${at}  (${w.word} → ${w.use})`);
    }
    expect(hits).toEqual([]);
  });

  it('titles each page as the workbench entry that opens it', () => {
    const file = join(ROOT, 'miniprogram', 'pages', 'home', 'entries.ts');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    const entries: { title: string; url: string }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.name.getText() === 'ENTRY_DEFS' && node.initializer) {
        const list = ts.isArrayLiteralExpression(node.initializer) ? node.initializer : undefined;
        for (const element of list?.elements ?? []) {
          if (!ts.isObjectLiteralExpression(element)) continue;
          const text = (key: string): string => {
            const prop = element.properties.find(
              (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === key,
            );
            return prop && ts.isStringLiteral(prop.initializer) ? prop.initializer.text : '';
          };
          entries.push({ title: text('title'), url: text('url') });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(entries.length).toBeGreaterThan(5);

    const mismatched = entries
      .map(({ title, url }) => {
        const config = join(ROOT, 'miniprogram', `${url.split('?')[0] ?? url}.json`);
        const page = JSON.parse(readFileSync(config, 'utf8')) as { navigationBarTitleText?: string };
        // An entry opening one box of a page (…?box=x) may retitle the page as it opens.
        const code = url.includes('?') ? readFileSync(config.replace(/\.json$/, '.ts'), 'utf8') : '';
        const retitled = code.includes(`setNavigationBarTitle({ title: '${title}' })`);
        return { url, entry: title, page: retitled ? title : page.navigationBarTitleText };
      })
      .filter((m) => m.entry !== m.page);
    expect(mismatched).toEqual([]);
  });
});
