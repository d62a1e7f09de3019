/**
 * Order-preserving encoding of Mongo values into strings, so SQLite's byte-wise TEXT order (BINARY
 * collation, i.e. memcmp over UTF-8) equals MongoDB's BSON sort order:
 *   MinKey < null/missing < numbers < strings < objects < arrays < binary < ObjectId < booleans
 *   < dates < timestamps < regexes < MaxKey.
 * Each key is a one-character type tag followed by a body that sorts correctly within the type.
 * Keys only choose candidates; mingo re-checks every candidate, so an encoding that merges two
 * distinct values (doubles beyond 2^53, Decimal128) costs a read, never a wrong answer.
 */
import type { BSONRegExp, BSONSymbol, Decimal128, Timestamp } from 'bson';
import { isPlainObject } from './ejson';
import { invalidParam } from './errors';

export const TAG = {
  minKey: '!',
  null: '#',
  number: '$',
  string: '%',
  object: '&',
  array: "'",
  binary: '(',
  objectId: ')',
  boolean: '*',
  date: '+',
  timestamp: ',',
  regex: '-',
  maxKey: '~',
} as const;

export type Tag = (typeof TAG)[keyof typeof TAG];

/** The smallest string above every key of the type: a type's keys lie in [tag, tagEnd(tag)). */
export function tagEnd(tag: Tag): string {
  return String.fromCharCode(tag.charCodeAt(0) + 1);
}

const numberBuf = Buffer.alloc(8);

/** IEEE-754 bits, sign-flipped so that byte order is numeric order; NaN sorts first, as in Mongo. */
export function encodeNumber(n: number): string {
  if (Number.isNaN(n)) return '0000000000000000';
  numberBuf.writeDoubleBE(n === 0 ? 0 : n);
  if ((numberBuf[0] ?? 0) & 0x80) {
    for (let i = 0; i < 8; i++) numberBuf[i] = ~(numberBuf[i] ?? 0) & 0xff;
  } else {
    numberBuf[0] = (numberBuf[0] ?? 0) | 0x80;
  }
  return numberBuf.toString('hex');
}

interface BsonValue {
  _bsontype: string;
}
function bsonType(v: object): string | null {
  const t = (v as Partial<BsonValue>)._bsontype;
  return typeof t === 'string' ? t : null;
}

function numericOf(v: object, type: string): number | null {
  switch (type) {
    case 'Long':
    case 'Int32':
    case 'Double':
      return Number(v.valueOf());
    case 'Decimal128':
      return Number.parseFloat((v as Decimal128).toString());
    default:
      return null;
  }
}

/** Encodes any value. Objects and nested arrays keep equality exact but order only approximately. */
export function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return TAG.null;
  switch (typeof v) {
    case 'number':
      return TAG.number + encodeNumber(v);
    case 'bigint':
      return TAG.number + encodeNumber(Number(v));
    case 'string':
      return TAG.string + v;
    case 'boolean':
      return TAG.boolean + (v ? '1' : '0');
    case 'object':
      break;
    default:
      return TAG.null;
  }
  if (v instanceof Date) return TAG.date + encodeNumber(v.getTime());
  if (v instanceof RegExp) return `${TAG.regex}${v.source}\u0001${v.flags}`;
  if (Array.isArray(v)) return TAG.array + v.map(encodeValue).join('\u0001');
  if (isPlainObject(v)) {
    return (
      TAG.object +
      Object.entries(v)
        .map(([k, x]) => `${k}\u0001${encodeValue(x)}\u0002`)
        .join('')
    );
  }
  const type = bsonType(v);
  if (type === null) return TAG.object + (JSON.stringify(v) ?? '');
  const num = numericOf(v, type);
  if (num !== null) return TAG.number + encodeNumber(num);
  switch (type) {
    case 'ObjectId':
      return TAG.objectId + (v as { toHexString(): string }).toHexString();
    case 'BSONRegExp':
      return `${TAG.regex}${(v as BSONRegExp).pattern}\u0001${(v as BSONRegExp).options}`;
    case 'MinKey':
      return TAG.minKey;
    case 'MaxKey':
      return TAG.maxKey;
    case 'BSONSymbol':
      return TAG.string + (v as BSONSymbol).value;
    case 'Timestamp':
      return TAG.timestamp + encodeNumber((v as Timestamp).t * 2 ** 32 + (v as Timestamp).i);
    case 'Binary': {
      const bin = v as { sub_type: number; buffer: Uint8Array };
      const bytes = Buffer.from(bin.buffer);
      // Mongo orders binary by length, then subtype, then bytes.
      return `${TAG.binary}${bytes.length.toString(16).padStart(8, '0')}${bin.sub_type.toString(16).padStart(2, '0')}${bytes.toString('hex')}`;
    }
    default:
      // Code, DBRef…: never indexed by this product; equal values still share a key.
      return TAG.object + (JSON.stringify(v) ?? '');
  }
}

/**
 * The key of a value an index can seek to (equality / range bound), or null when the planner must
 * not use an index for it (objects, arrays, regexes: their matching is not a key range).
 */
export function seekKey(v: unknown): string | null {
  if (v === null || v === undefined) return TAG.null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return encodeValue(v);
  if (v instanceof Date) return encodeValue(v);
  if (typeof v === 'object') {
    const type = bsonType(v);
    if (type === 'ObjectId' || (type !== null && numericOf(v, type) !== null)) return encodeValue(v);
  }
  return null;
}

/** The type tag of a seekable value, for type-bracketed ranges ($gt 5 only meets numbers). */
export function tagOf(key: string): Tag {
  return key.charAt(0) as Tag;
}

/** `_id` becomes the primary key; only the types CloudBase documents use as ids are accepted. */
export function idKey(id: unknown): string {
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return encodeValue(id);
  if (typeof id === 'object' && id !== null && bsonType(id) === 'ObjectId') return encodeValue(id);
  throw invalidParam(`_id 只能是字符串或数字，收到：${typeof id}`);
}

/** Values found at a dot path, Mongo-style: paths fan out through arrays of sub-documents. */
function valuesAt(value: unknown, parts: readonly string[], from: number, out: unknown[]): void {
  if (from === parts.length) {
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    const before = out.length;
    for (const item of value) if (isPlainObject(item) || Array.isArray(item)) valuesAt(item, parts, from, out);
    const part = parts[from] ?? '';
    if (/^\d+$/.test(part) && Number(part) < value.length) valuesAt(value[Number(part)], parts, from + 1, out);
    if (out.length === before) out.push(undefined);
    return;
  }
  if (isPlainObject(value)) {
    valuesAt(value[parts[from] ?? ''], parts, from + 1, out);
    return;
  }
  out.push(undefined);
}

export interface FieldKeys {
  keys: string[];
  /** An array was met: the field is multikey, one entry per element. */
  multikey: boolean;
}

/** Index keys of one field of a document: one per distinct value, array elements unrolled. */
export function fieldKeys(doc: unknown, path: string): FieldKeys {
  const found: unknown[] = [];
  valuesAt(doc, path.split('.'), 0, found);
  const keys = new Set<string>();
  let multikey = false;
  for (const value of found) {
    if (Array.isArray(value)) {
      multikey = true;
      // An empty array still has an entry, so that an index scan never loses the document.
      if (value.length === 0) keys.add(TAG.array);
      for (const item of value) keys.add(encodeValue(item));
    } else {
      keys.add(encodeValue(value));
    }
  }
  if (found.length > 1) multikey = true;
  return { keys: [...keys], multikey };
}

/** Mongo refuses indexing more than one array per compound key; this caps the fan-out likewise. */
const MAX_ENTRIES_PER_DOC = 10_000;

/** Compound entries: the cartesian product of each field's keys. */
export function indexEntries(doc: unknown, fields: readonly string[]): { entries: string[][]; multikey: boolean } {
  let entries: string[][] = [[]];
  let multikey = false;
  for (const field of fields) {
    const fk = fieldKeys(doc, field);
    multikey ||= fk.multikey;
    const next: string[][] = [];
    for (const prefix of entries) for (const key of fk.keys) next.push([...prefix, key]);
    if (next.length > MAX_ENTRIES_PER_DOC) throw invalidParam(`索引字段 ${fields.join(',')} 的数组元素过多`);
    entries = next;
  }
  return { entries, multikey };
}
