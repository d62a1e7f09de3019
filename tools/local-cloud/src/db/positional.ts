/**
 * The positional update operator (`field.$`, `field.$.sub`), as CloudBase's database guide and MongoDB
 * define it: it stands for the first element of the array that the update's query matched. mingo
 * knows `$[]` and `$[id]` but not this one, so the paths are resolved here, against the query, into
 * plain indexes (`items.$.n` → `items.1.n`) before the operators are applied.
 */
import { Query } from 'mingo';
import { type Doc, isPlainObject } from './ejson';
import { requestFailed } from './errors';

const NO_MATCH = 'The positional operator did not find the match needed from the query.';

/** Whether any update path of the spec uses the positional `$`. */
export function usesPositional(spec: Doc): boolean {
  return Object.values(spec).some(
    (args) => isPlainObject(args) && Object.keys(args).some((path) => path.split('.').includes('$')),
  );
}

function valueAt(doc: unknown, path: readonly string[]): unknown {
  let at: unknown = doc;
  for (const part of path) {
    if (Array.isArray(at) && /^\d+$/.test(part)) at = at[Number(part)];
    else if (isPlainObject(at)) at = at[part];
    else return undefined;
  }
  return at;
}

type ElementTest = (element: unknown) => boolean;

/** A query condition on the array field itself, applied to one element (`{ tags: 'a' }`, `{ items: { $elemMatch } }`). */
function onElement(condition: unknown): ElementTest {
  if (isPlainObject(condition) && Object.keys(condition).length === 1 && '$elemMatch' in condition) {
    const inner = condition.$elemMatch;
    const operatorsOnly = isPlainObject(inner) && Object.keys(inner).every((k) => k.startsWith('$'));
    if (operatorsOnly) {
      const query = new Query({ v: inner });
      return (element) => query.test({ v: element });
    }
    const query = new Query(isPlainObject(inner) ? inner : {});
    return (element) => isPlainObject(element) && query.test(element);
  }
  const query = new Query({ v: condition });
  return (element) => query.test({ v: element });
}

/** The query's conditions that bear on the array at `arrayPath`, each as a test of one element. */
function elementTests(filter: Doc, arrayPath: string): ElementTest[] {
  const tests: ElementTest[] = [];
  const visit = (clause: Doc): void => {
    for (const [key, condition] of Object.entries(clause)) {
      if (key === '$and' && Array.isArray(condition)) {
        for (const sub of condition) if (isPlainObject(sub)) visit(sub);
      } else if (key === arrayPath) {
        tests.push(onElement(condition));
      } else if (key.startsWith(`${arrayPath}.`)) {
        const query = new Query({ [key.slice(arrayPath.length + 1)]: condition });
        tests.push((element) => isPlainObject(element) && query.test(element));
      }
    }
  };
  visit(filter);
  return tests;
}

function resolvePath(doc: Doc, path: string, filter: Doc): string {
  const parts = path.split('.');
  const at = parts.indexOf('$');
  if (at < 0) return path;
  if (parts.lastIndexOf('$') !== at)
    throw requestFailed(`Too many positional (i.e. '$') elements found in path '${path}'`);
  if (at === 0)
    throw requestFailed(`Cannot have positional (i.e. '$') element in the first position in path '${path}'`);
  const arrayPath = parts.slice(0, at).join('.');
  const array = valueAt(doc, parts.slice(0, at));
  const tests = elementTests(filter, arrayPath);
  if (!Array.isArray(array) || tests.length === 0) throw requestFailed(NO_MATCH);
  const index = array.findIndex((element) => tests.every((test) => test(element)));
  if (index < 0) throw requestFailed(NO_MATCH);
  return [...parts.slice(0, at), String(index), ...parts.slice(at + 1)].join('.');
}

/** The update spec with every `$` path replaced by the index the query matched in this document. */
export function resolvePositional(doc: Doc, spec: Doc, filter: Doc): Doc {
  const out: Doc = {};
  for (const [op, args] of Object.entries(spec)) {
    if (!isPlainObject(args)) {
      out[op] = args;
      continue;
    }
    const resolved: Doc = {};
    for (const [path, value] of Object.entries(args)) resolved[resolvePath(doc, path, filter)] = value;
    out[op] = resolved;
  }
  return out;
}
