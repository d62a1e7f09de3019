/**
 * Renders docs/api.md from the API contract in typings/api.ts: every function of `interface Api`,
 * every action of its spec interface, with the action's JSDoc and its params/result type text.
 *
 * Read through the TypeScript compiler rather than by regex so that new functions (added by
 * anyone, in any of the forms TypeScript allows: `import('./x').XApi`, an imported name, an
 * interface that extends others) appear without touching this file.
 *
 * `npx tsx tools/api-doc.ts` writes the file; tools/api-doc.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export const API_FILE = resolve(__dirname, '..', 'typings', 'api.ts');
export const DOC_FILE = resolve(__dirname, '..', 'docs', 'api.md');
export const REGENERATE = 'npx tsx tools/api-doc.ts';

export interface ActionDoc {
  name: string;
  description: string;
  params: string;
  result: string;
}

export interface FunctionDoc {
  name: string;
  description: string;
  actions: ActionDoc[];
}

export class ApiDocError extends Error {
  readonly code = 'API_DOC_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ApiDocError';
  }
}

const MISSING_DESCRIPTION = '（缺少说明）';

/** The first paragraph of a JSDoc comment, on one line. */
function oneLine(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): string {
  if (!symbol) return '';
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const [first = ''] = text.split(/\n\s*\n/);
  return first.replace(/\s+/g, ' ').trim();
}

function resolveAlias(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): ts.Symbol | undefined {
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

// Only the typings are read; no @types packages, so the doc does not depend on what is installed.
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  types: [],
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2020,
  lib: ['lib.es2020.d.ts'],
};

// The standard library is most of the parse time and never changes within a process.
const libDir = dirname(ts.getDefaultLibFilePath(COMPILER_OPTIONS));
const libCache = new Map<string, ts.SourceFile | undefined>();

function createHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.startsWith(libDir)) return read(fileName, languageVersion, onError, shouldCreate);
    if (!libCache.has(fileName)) libCache.set(fileName, read(fileName, languageVersion, onError, shouldCreate));
    return libCache.get(fileName);
  };
  return host;
}

/** Collects the contract from `apiFile` (default: typings/api.ts). Throws ApiDocError on a malformed contract. */
export function collectApi(apiFile: string = API_FILE): FunctionDoc[] {
  const program = ts.createProgram([apiFile], COMPILER_OPTIONS, createHost());
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(apiFile);
  if (!source) throw new ApiDocError(`找不到接口契约文件：${apiFile}`);

  const apiDecl = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Api',
  );
  if (!apiDecl) throw new ApiDocError(`${apiFile} 中没有 interface Api`);
  const specDecl = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'ActionSpec',
  );
  const actionSpec = specDecl ? checker.getSymbolAtLocation(specDecl.name) : undefined;
  if (!actionSpec) throw new ApiDocError(`${apiFile} 中没有 interface ActionSpec`);

  const printer = ts.createPrinter({ removeComments: true });
  const typeText = (node: ts.TypeNode): string =>
    printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile()).replace(/\s+/g, ' ').trim();

  /** params/result as written in `ActionSpec<P, R>`, or as the checker sees them for any other form. */
  const specTypes = (action: ts.Symbol, where: string): { params: string; result: string } => {
    const decl = action.valueDeclaration ?? action.declarations?.[0];
    const node = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) ? decl.type : undefined;
    if (node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 2) {
      const target = resolveAlias(checker.getSymbolAtLocation(node.typeName), checker);
      const [p, r] = node.typeArguments;
      if (target === actionSpec && p && r) return { params: typeText(p), result: typeText(r) };
    }
    const type = decl ? checker.getTypeOfSymbolAtLocation(action, decl) : undefined;
    const params = type?.getProperty('params');
    const result = type?.getProperty('result');
    if (!decl || !params || !result) throw new ApiDocError(`${where} 不是 ActionSpec<P, R>`);
    const show = (s: ts.Symbol): string =>
      checker.typeToString(checker.getTypeOfSymbolAtLocation(s, decl), undefined, ts.TypeFormatFlags.NoTruncation);
    return { params: show(params), result: show(result) };
  };

  const apiType = checker.getTypeAtLocation(apiDecl);
  return checker.getPropertiesOfType(apiType).map((fn): FunctionDoc => {
    const fnType = checker.getTypeOfSymbolAtLocation(fn, apiDecl);
    const actions = checker.getPropertiesOfType(fnType);
    if (actions.length === 0) throw new ApiDocError(`云函数 ${fn.name} 没有任何 action`);
    return {
      name: fn.name,
      description: oneLine(fn, checker) || oneLine(fnType.getSymbol() ?? fnType.aliasSymbol, checker),
      actions: actions.map((action) => ({
        name: action.name,
        description: oneLine(action, checker),
        ...specTypes(action, `${fn.name}.${action.name}`),
      })),
    };
  });
}

/** A code span that survives backticks inside the type text (template literal types). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** Markdown already in prettier's shape (no tables, one blank line between blocks), so `prettier --check` passes. */
export function renderApiDoc(functions: FunctionDoc[]): string {
  const lines: string[] = [
    '# 云函数接口',
    '',
    `<!-- 由 tools/api-doc.ts 根据 typings/api.ts 生成，请勿手工修改；更新：${REGENERATE} -->`,
    '',
    '调用方式：`wx.cloud.callFunction({ name: 云函数, data: { action, ...params } })`。' +
      '每个 action 的应答为 `ApiResult<result>`：成功时 `{ ok: true, data: result }`，' +
      '失败时 `{ ok: false, error: { code, message } }`（`code` 为稳定的大写错误码，`message` 为中文说明）。',
    '',
    '## 目录',
    '',
    ...functions.map((fn) => `- [${fn.name}](#${fn.name.toLowerCase()})（${fn.actions.length} 个 action）`),
  ];
  for (const fn of functions) {
    lines.push('', `## ${fn.name}`);
    if (fn.description) lines.push('', fn.description);
    for (const action of fn.actions) {
      lines.push(
        '',
        `### ${fn.name}.${action.name}`,
        '',
        action.description || MISSING_DESCRIPTION,
        '',
        `- params: ${code(action.params)}`,
        `- result: ${code(action.result)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function generateApiDoc(apiFile: string = API_FILE): string {
  return renderApiDoc(collectApi(apiFile));
}

if (require.main === module) {
  const doc = generateApiDoc();
  writeFileSync(DOC_FILE, doc);
  console.log(`已写入 ${DOC_FILE}（${doc.length} 字符）`);
}
