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
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { edgeRulesSection } from './api-doc-edge';
import { COMMON_CODES, errorMessages, functionCodes } from './api-doc-errors';

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

/** A named type the contract mentions (PostContent, SensitivityLevel …), opened field by field. */
export interface TypeDoc {
  name: string;
  description: string;
  /** Where it is declared, from the repository root (typings/post.ts). */
  file: string;
  /** The aliased type as written; '' for an interface. */
  text: string;
  /** A union of literals: its values, in the order written. */
  values: string[];
  shape: ShapeDoc;
}

export interface ContractDoc {
  functions: FunctionDoc[];
  types: TypeDoc[];
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
  return collectContract(apiFile).functions;
}

/** The contract's functions and every named type reachable from their params and results. */
export function collectContract(apiFile: string = API_FILE): ContractDoc {
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

  // --- named types, reached from the params and results as written ---
  const root = resolve(dirname(apiFile), '..');
  const named = new Map<ts.Symbol, ts.Declaration>();
  const queue: ts.Symbol[] = [];
  const SKIPPED = new Set(['ActionSpec', 'NoParams']);
  const note = (symbol: ts.Symbol | undefined): void => {
    const target = resolveAlias(symbol, checker);
    const decl = target?.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
    if (!target || !decl || named.has(target) || SKIPPED.has(target.name)) return;
    const file = decl.getSourceFile();
    if (program.isSourceFileDefaultLibrary(file) || file.fileName.includes('/node_modules/')) return;
    named.set(target, decl);
    queue.push(target);
  };
  const noteRefs = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) note(checker.getSymbolAtLocation(node.typeName));
    else if (ts.isExpressionWithTypeArguments(node)) note(checker.getSymbolAtLocation(node.expression));
    else if (ts.isImportTypeNode(node)) {
      const type = checker.getTypeFromTypeNode(node);
      note(type.aliasSymbol ?? type.getSymbol());
    }
    ts.forEachChild(node, noteRefs);
  };
  const literalValues = (node: ts.TypeNode | undefined): string[] => {
    if (!node || !ts.isUnionTypeNode(node)) return [];
    return node.types.every(ts.isLiteralTypeNode) ? node.types.map(typeText) : [];
  };
  const typeDoc = (symbol: ts.Symbol, decl: ts.Declaration): TypeDoc => {
    noteRefs(decl);
    const alias = ts.isTypeAliasDeclaration(decl) ? decl : undefined;
    const values = literalValues(alias?.type);
    return {
      name: symbol.name,
      description: oneLine(symbol, checker),
      file: relative(root, decl.getSourceFile().fileName).split(sep).join('/'),
      text: alias ? typeText(alias.type) : '',
      values,
      shape: values.length > 0 ? { kind: 'opaque' } : shapeOf(checker.getDeclaredTypeOfSymbol(symbol), alias?.type),
    };
  };

  type SpecTypes = Pick<ActionDoc, 'params' | 'result' | 'paramsShape' | 'resultShape'>;
  /** params/result as written in `ActionSpec<P, R>`, or as the checker sees them for any other form. */
  const specTypes = (action: ts.Symbol, where: string): SpecTypes => {
    const decl = action.valueDeclaration ?? action.declarations?.[0];
    const node = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) ? decl.type : undefined;
    if (node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 2) {
      const target = resolveAlias(checker.getSymbolAtLocation(node.typeName), checker);
      const [p, r] = node.typeArguments;
      if (target === actionSpec && p && r) {
        noteRefs(p);
        noteRefs(r);
        return {
          params: typeText(p),
          result: typeText(r),
          paramsShape: shapeOf(checker.getTypeFromTypeNode(p), p),
          resultShape: shapeOf(checker.getTypeFromTypeNode(r), r),
        };
      }
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
  const functions = checker.getPropertiesOfType(apiType).map((fn): FunctionDoc => {
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
  const types: TypeDoc[] = [];
  for (let symbol = queue.shift(); symbol; symbol = queue.shift()) {
    const decl = named.get(symbol);
    if (decl) types.push(typeDoc(symbol, decl));
  }
  types.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.file.localeCompare(b.file, 'en'));
  return { functions, types };
}

/** A code span that survives backticks inside the type text (template literal types). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space each side; prettier keeps it only where the text starts or ends with a backtick.
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A JSDoc sentence as markdown prettier leaves alone: `_id` and `post.*` outside code spans escaped. */
function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(^|[^\w\\])_(?=\w)/g, '$1\\_').replace(/(?<!\\)\*/g, '\\*')))
    .join('');
}

function renderField(field: FieldDoc): string {
  const optional = field.optional ? '（可选）' : '';
  const description = field.description ? ` — ${prose(field.description)}` : '';
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

/** The 类型 section: each named type with its comment, where it is declared, and its fields or values. */
function renderTypes(types: TypeDoc[]): string[] {
  if (types.length === 0) return [];
  const lines = [
    '',
    '## 类型',
    '',
    '上文参数与结果中出现的命名类型，按名称排序，逐字段展开；字段说明中写明长度、数量等上限。',
  ];
  for (const type of types) {
    lines.push('', `### ${type.name}`, '');
    if (type.description) lines.push(prose(type.description), '');
    lines.push(`定义于 ${code(type.file)}。`, '');
    if (type.values.length > 0) lines.push(`- 取值：${type.values.map(code).join('、')}`);
    else if (type.shape.kind === 'fields')
      lines.push(
        type.text ? `- 类型：${code(type.text)}` : '- 字段：',
        ...type.shape.fields.map((f) => `  ${renderField(f)}`),
      );
    else if (type.shape.kind === 'variants')
      lines.push(...renderShape('result', type.text, type.shape).map((l) => l.replace(/^- result: /, '- 类型：')));
    else if (type.shape.kind === 'none') lines.push('- 字段：无');
    else lines.push(`- 类型：${code(type.text || type.name)}`);
  }
  return lines;
}

/** The error codes: the common ones, each function's own, and every code's message. */
export interface ErrorsDoc {
  common: readonly string[];
  byFunction: ReadonlyMap<string, readonly string[]>;
  messages: ReadonlyMap<string, string>;
}

function renderErrors(errors: ErrorsDoc): string[] {
  const lines = [
    '',
    '## 错误码',
    '',
    `任何 action 都可能返回：${errors.common.map(code).join('、')}。` +
      '各云函数另外可能返回的错误码列在该函数的标题下（由代码扫描得出：该函数及其规则目录中出现的错误码）。' +
      '同一错误码在不同函数中的说明可能更具体，以应答中的 `message` 为准。',
    '',
  ];
  const all = new Set([...errors.common, ...[...errors.byFunction.values()].flat()]);
  for (const c of [...all].sort()) lines.push(`- ${code(c)}：${errors.messages.get(c) ?? '（见应答 message）'}`);
  return lines;
}

/** Markdown already in prettier's shape (no tables, one blank line between blocks), so `prettier --check` passes. */
export function renderApiDoc(functions: FunctionDoc[], types: TypeDoc[] = [], errors?: ErrorsDoc): string {
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
    ...(errors ? ['- [错误码](#错误码)（通用的与各函数的）'] : []),
    ...(types.length > 0 ? [`- [类型](#类型)（${types.length} 个命名类型，如 \`PostContent\`，逐字段展开）`] : []),
  ];
  for (const fn of functions) {
    lines.push('', `## ${fn.name}`);
    if (fn.description) lines.push('', fn.description);
    const own = errors?.byFunction.get(fn.name) ?? [];
    if (own.length > 0) lines.push('', `错误码（通用的之外，见 [错误码](#错误码)）：${own.map(code).join('、')}。`);
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
  if (errors) lines.push(...renderErrors(errors));
  lines.push(...renderTypes(types));
  return `${lines.join('\n')}\n`;
}

export function generateApiDoc(apiFile: string = API_FILE): string {
  const { functions, types } = collectContract(apiFile);
  const messages = errorMessages();
  const byFunction = new Map(functions.map((fn) => [fn.name, functionCodes(fn.name, messages)]));
  return renderApiDoc(functions, types, { common: COMMON_CODES, byFunction, messages });
}

if (require.main === module) {
  const doc = generateApiDoc();
  writeFileSync(DOC_FILE, doc);
  console.log(`已写入 ${DOC_FILE}（${doc.length} 字符）`);
}
