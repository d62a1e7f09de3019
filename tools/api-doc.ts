/**
 * Renders docs/api.md from the API contract in typings/api.ts: every function of `interface Api`,
 * every action of its spec interface, with the action's JSDoc and its params/result type text, each
 * opened one level into its fields (so a reader knows what to send without opening the typings).
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
import { edgeRulesSection } from './api-doc-edge';

export const API_FILE = resolve(__dirname, '..', 'typings', 'api.ts');
export const DOC_FILE = resolve(__dirname, '..', 'docs', 'api.md');
export const REGENERATE = 'npx tsx tools/api-doc.ts';

/** One property of a params/result type. */
export interface FieldDoc {
  name: string;
  optional: boolean;
  /** As written in the declaration, or as the checker sees it when the property is derived (generics, mapped types). */
  type: string;
  description: string;
}

/** A params/result type opened one level. */
export type ShapeDoc =
  /** `NoParams` or `{}`: nothing to send / nothing returned. */
  | { kind: 'none' }
  /** A scalar, array, record or anything else whose type text already says it all. */
  | { kind: 'opaque' }
  /** An object (interfaces flattened through `extends` and `&`; `| null` set aside). */
  | { kind: 'fields'; fields: FieldDoc[] }
  /** A union of objects, in the order written. */
  | { kind: 'variants'; variants: { type: string; fields: FieldDoc[] }[] };

export interface ActionDoc {
  name: string;
  description: string;
  params: string;
  result: string;
  paramsShape: ShapeDoc;
  resultShape: ShapeDoc;
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

  const show = (type: ts.Type): string => checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);

  /** A property's type as written, unless the checker derived a different one (generic, mapped). */
  const fieldType = (prop: ts.Symbol): string => {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const derived = show(checker.getTypeOfSymbol(prop));
    if (!decl || !(ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) || !decl.type) return derived;
    const own = checker.getSymbolAtLocation(decl.name);
    return own && checker.getTypeOfSymbol(own) === checker.getTypeOfSymbol(prop) ? typeText(decl.type) : derived;
  };

  // Date, Map, Promise…: their members are not fields a caller sends.
  const isLibraryObject = (type: ts.Type): boolean => {
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return false;
    return (symbol.declarations ?? []).some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
  };

  /** The properties of a plain object type (intersections and `extends` flattened), or undefined for anything else. */
  const fieldsOf = (type: ts.Type): FieldDoc[] | undefined => {
    const parts = type.isIntersection() ? type.types : [type];
    const plain = (t: ts.Type): boolean =>
      (t.flags & ts.TypeFlags.Object) !== 0 &&
      !checker.isArrayType(t) &&
      !checker.isTupleType(t) &&
      !isLibraryObject(t);
    if (!parts.every(plain)) return undefined;
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0) return undefined;
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Construct).length > 0) return undefined;
    // `Record<string, never>` (NoParams) has an index signature that admits nothing; any other is a map, not fields.
    if (checker.getIndexInfosOfType(type).some((info) => !(info.type.flags & ts.TypeFlags.Never))) return undefined;
    return checker.getPropertiesOfType(type).map((prop) => ({
      name: prop.name,
      optional: (prop.flags & ts.SymbolFlags.Optional) !== 0,
      type: fieldType(prop),
      description: oneLine(prop, checker),
    }));
  };

  /** A union's members in the order written (through type aliases), else in the checker's order. */
  const unionMembers = (type: ts.UnionType, written: ts.TypeNode | undefined): { type: ts.Type; text: string }[] => {
    const seen = new Set<ts.Node>();
    let node = written;
    while (node && !seen.has(node)) {
      seen.add(node);
      if (ts.isParenthesizedTypeNode(node)) node = node.type;
      else if (ts.isUnionTypeNode(node))
        return node.types.map((m) => ({ type: checker.getTypeFromTypeNode(m), text: typeText(m) }));
      else if (ts.isTypeReferenceNode(node)) {
        const target = resolveAlias(checker.getSymbolAtLocation(node.typeName), checker);
        const alias = target?.declarations?.find(ts.isTypeAliasDeclaration);
        node = alias && !alias.typeParameters ? alias.type : undefined;
      } else node = undefined;
    }
    return type.types.map((t) => ({ type: t, text: show(t) }));
  };

  const absent = ts.TypeFlags.Null | ts.TypeFlags.Undefined;
  const shapeOf = (type: ts.Type, written: ts.TypeNode | undefined): ShapeDoc => {
    if (type.isUnion()) {
      const members = unionMembers(type, written).filter((m) => !(m.type.flags & absent));
      const opened = members.map((m) => ({ type: m.text, fields: fieldsOf(m.type) }));
      if (opened.length === 0 || !opened.every((m): m is { type: string; fields: FieldDoc[] } => !!m.fields))
        return { kind: 'opaque' };
      const [only] = opened;
      return opened.length === 1 && only
        ? { kind: 'fields', fields: only.fields }
        : { kind: 'variants', variants: opened };
    }
    const fields = fieldsOf(type);
    if (!fields) return { kind: 'opaque' };
    return fields.length === 0 ? { kind: 'none' } : { kind: 'fields', fields };
  };

  type SpecTypes = Pick<ActionDoc, 'params' | 'result' | 'paramsShape' | 'resultShape'>;
  /** params/result as written in `ActionSpec<P, R>`, or as the checker sees them for any other form. */
  const specTypes = (action: ts.Symbol, where: string): SpecTypes => {
    const decl = action.valueDeclaration ?? action.declarations?.[0];
    const node = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) ? decl.type : undefined;
    if (node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 2) {
      const target = resolveAlias(checker.getSymbolAtLocation(node.typeName), checker);
      const [p, r] = node.typeArguments;
      if (target === actionSpec && p && r)
        return {
          params: typeText(p),
          result: typeText(r),
          paramsShape: shapeOf(checker.getTypeFromTypeNode(p), p),
          resultShape: shapeOf(checker.getTypeFromTypeNode(r), r),
        };
    }
    const type = decl ? checker.getTypeOfSymbolAtLocation(action, decl) : undefined;
    const params = type?.getProperty('params');
    const result = type?.getProperty('result');
    if (!decl || !params || !result) throw new ApiDocError(`${where} 不是 ActionSpec<P, R>`);
    const paramsType = checker.getTypeOfSymbolAtLocation(params, decl);
    const resultType = checker.getTypeOfSymbolAtLocation(result, decl);
    return {
      params: show(paramsType),
      result: show(resultType),
      paramsShape: shapeOf(paramsType, undefined),
      resultShape: shapeOf(resultType, undefined),
    };
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
  // CommonMark strips one space each side; prettier keeps it only where the text starts or ends with a backtick.
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function renderField(field: FieldDoc): string {
  const optional = field.optional ? '（可选）' : '';
  const description = field.description ? ` — ${field.description}` : '';
  return `- ${code(field.name)}${optional}: ${code(field.type)}${description}`;
}

/** `- params: T` and, nested under it, T's fields (one level). */
function renderShape(label: 'params' | 'result', text: string, shape: ShapeDoc): string[] {
  const head = `- ${label}: ${code(text)}`;
  switch (shape.kind) {
    case 'none':
      return [`- ${label}: 无`];
    case 'opaque':
      return [head];
    case 'fields':
      return [head, ...shape.fields.map((f) => `  ${renderField(f)}`)];
    case 'variants':
      return [
        `${head}，以下形式之一：`,
        ...shape.variants.flatMap((v) => [
          `  - ${code(v.type)}`,
          ...(v.fields.length > 0 ? v.fields.map((f) => `    ${renderField(f)}`) : ['    - 无']),
        ]),
      ];
  }
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
    ...edgeRulesSection(),
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
        ...renderShape('params', action.params, action.paramsShape),
        ...renderShape('result', action.result, action.resultShape),
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
