/**
 * The wire format: CloudBase carries queries, documents and results as canonical EJSON strings.
 * Inside the local cloud a document is the relaxed JS form (numbers, Date, bson classes), the form
 * mingo works on; on disk and on the wire it is canonical EJSON, so no type is lost either way.
 */
import { type BSONRegExp, EJSON } from 'bson';
import { errorInfo, invalidParam, requestFailed } from './errors';

export interface Doc {
  [field: string]: unknown;
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Walks values the way bson does: into arrays and plain objects, never into bson/Date instances. */
export function mapDeep(value: unknown, fn: (v: unknown) => unknown): unknown {
  const mapped = fn(value);
  if (mapped !== KEEP) return mapped;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, fn));
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapDeep(v, fn);
    return out;
  }
  return value;
}
/** Returned by a mapDeep callback to leave the value as is (and keep walking into it). */
export const KEEP: unique symbol = Symbol('keep');

function rejectInvalidDates(value: unknown, field: string): void {
  mapDeep(value, (v) => {
    if (v instanceof Date && Number.isNaN(v.getTime())) throw invalidParam(`参数 ${field} 含有无效的日期`);
    return KEEP;
  });
}

/** Parses one EJSON text from the wire; a malformed one is the caller's error, never a crash. */
export function parseEJSON(text: unknown, field: string): unknown {
  if (typeof text !== 'string') throw invalidParam(`参数 ${field} 应为 EJSON 字符串`);
  let value: unknown;
  try {
    value = decode(text);
  } catch (err) {
    throw invalidParam(`参数 ${field} 不是合法的 EJSON：${errorInfo(err).message}`);
  }
  rejectInvalidDates(value, field);
  return value;
}

/**
 * EJSON.parse in relaxed mode, several times faster: the wrappers documents are made of
 * ($numberInt, $numberDouble, $numberLong, $date) are unwrapped here, anything rarer (and any
 * operator object) goes through bson itself.
 */
export function decode(text: string): unknown {
  return revive(JSON.parse(text));
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Doc;
  const keys = Object.keys(obj);
  const first = keys[0];
  if (first !== undefined && first.charCodeAt(0) === 36 /* $ */) {
    if (keys.length === 1) {
      const inner = obj[first];
      if (first === '$numberInt' && typeof inner === 'string') return Number.parseInt(inner, 10);
      if (first === '$numberDouble' && typeof inner === 'string') return Number(inner);
      if (first === '$numberLong' && typeof inner === 'string') return Number(inner);
      if (first === '$date' && isPlainObject(inner) && typeof inner.$numberLong === 'string') {
        return new Date(Number(inner.$numberLong));
      }
    }
    return EJSON.parse(JSON.stringify(obj));
  }
  for (const key of keys) obj[key] = revive(obj[key]);
  return obj;
}

export function parseEJSONObject(text: unknown, field: string): Doc {
  const value = parseEJSON(text, field);
  if (!isPlainObject(value)) throw invalidParam(`参数 ${field} 应为对象`);
  return value;
}

/** Canonical EJSON: what the SDK expects in `data.list` and what the store keeps on disk. */
export function stringifyEJSON(value: unknown): string {
  try {
    return EJSON.stringify(value, { relaxed: false });
  } catch (err) {
    throw requestFailed(`无法序列化数据：${errorInfo(err).message}`);
  }
}

/** Reads a stored body back; the store only ever holds what stringifyEJSON wrote. */
export function parseStored(body: string): Doc {
  return decode(body) as Doc;
}

/** Deep copy that keeps bson types (structuredClone would drop their prototypes). */
export function cloneDoc(doc: Doc): Doc {
  return parseStored(stringifyEJSON(doc));
}

/** mingo matches JS RegExp; the wire brings BSONRegExp ($regularExpression). */
export function toJsRegExp(re: BSONRegExp): RegExp {
  // JS has no 'x' (extended) and spells dotAll 's' like PCRE; 'l' and 'u' have no JS meaning here.
  const flags = [...new Set(re.options.split(''))].filter((f) => 'ims'.includes(f)).join('');
  try {
    return new RegExp(re.pattern, flags);
  } catch (err) {
    throw invalidParam(`正则表达式无效：${re.pattern}（${errorInfo(err).message}）`);
  }
}
