/**
 * Chooses how to find candidates for a filter: the `_id` primary key, a declared index (equality,
 * $in, range on its leading fields; its order when it matches the requested sort), a union of
 * index plans for a top-level $or, or a full scan. Candidates are a superset: mingo applies the
 * exact filter afterwards, so bounds here may be loose but never too tight.
 */
import { isPlainObject, type Doc } from './ejson';
import { TAG, seekKey, tagEnd, tagOf } from './keys';
import type { ColumnBound, IndexInfo, IndexScan } from './store';

export type SortSpec = Array<[field: string, direction: 1 | -1]>;

export type Plan =
  | { kind: 'empty' }
  | { kind: 'scan' }
  /** `ordered`: candidates arrive in the requested sort order, so a limit can stop the scan. */
  | { kind: 'ids'; bound: ColumnBound; direction: 1 | -1; ordered: boolean }
  | { kind: 'index'; scan: IndexScan; ordered: boolean }
  | { kind: 'union'; plans: Plan[] };

/** One single-operator constraint; several on one field intersect unless the field is multikey. */
type Bound = ColumnBound;

const ANY_RANGE = { lo: null, loInclusive: true, hi: null, hiInclusive: false } as const;

function point(key: string): Bound {
  return { kind: 'points', keys: [key] };
}

/** Type-bracketed range: `$gt: 5` meets numbers only, like MongoDB. */
function rangeFrom(op: '$gt' | '$gte' | '$lt' | '$lte', key: string): Bound {
  const tag = tagOf(key);
  if (op === '$gt' || op === '$gte')
    return { kind: 'range', lo: key, loInclusive: op === '$gte', hi: tagEnd(tag), hiInclusive: false };
  return { kind: 'range', lo: tag, loInclusive: true, hi: key, hiInclusive: op === '$lte' };
}

const REGEX_META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** /^literal.../ (case-sensitive, single-line) is a string-prefix range. */
function regexBound(re: RegExp): Bound | null {
  if (re.flags.includes('i') || re.flags.includes('m') || !re.source.startsWith('^')) return null;
  let prefix = '';
  const src = re.source.slice(1);
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (REGEX_META.has(ch)) {
      // A quantifier makes the previous character optional or repeated: drop it from the prefix.
      if (ch === '?' || ch === '*' || ch === '{') prefix = prefix.slice(0, -1);
      break;
    }
    prefix += ch;
  }
  if (prefix.length === 0) return null;
  const cps = [...prefix];
  const last = cps.pop() ?? '';
  const upper = String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
  return {
    kind: 'range',
    lo: TAG.string + prefix,
    loInclusive: true,
    hi: TAG.string + cps.join('') + upper,
    hiInclusive: false,
  };
}

/** Bounds one field predicate yields, one per operator. */
function boundsOfPredicate(value: unknown): Bound[] {
  if (value instanceof RegExp) {
    const b = regexBound(value);
    return b === null ? [] : [b];
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return [];
    const out: Bound[] = [];
    for (const [op, arg] of Object.entries(value)) {
      switch (op) {
        case '$eq': {
          const k = seekKey(arg);
          if (k !== null && !Array.isArray(arg)) out.push(point(k));
          break;
        }
        case '$in': {
          if (!Array.isArray(arg)) break;
          const ks = arg.map((a) => (Array.isArray(a) ? null : seekKey(a)));
          if (ks.every((k): k is string => k !== null)) out.push({ kind: 'points', keys: [...new Set(ks)] });
          break;
        }
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte': {
          const k = seekKey(arg);
          if (k !== null) out.push(rangeFrom(op, k));
          break;
        }
        default:
          break;
      }
    }
    return out;
  }
  if (Array.isArray(value)) return [];
  const k = seekKey(value);
  return k === null ? [] : [point(k)];
}

/** Field → bounds, from the top level of the filter and any top-level $and. */
function collectBounds(filter: Doc, out: Map<string, Bound[]>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collectBounds(part, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const bounds = boundsOfPredicate(value);
    if (bounds.length > 0) out.set(key, [...(out.get(key) ?? []), ...bounds]);
  }
}

function intersect(a: Bound, b: Bound): Bound {
  if (a.kind === 'points' && b.kind === 'points') {
    const set = new Set(b.keys);
    return { kind: 'points', keys: a.keys.filter((k) => set.has(k)) };
  }
  if (a.kind === 'points') return { kind: 'points', keys: a.keys.filter((k) => inRange(k, b)) };
  if (b.kind === 'points') return intersect(b, a);
  let { lo, loInclusive, hi, hiInclusive } = a;
  if (b.lo !== null && (lo === null || b.lo > lo || (b.lo === lo && !b.loInclusive))) {
    lo = b.lo;
    loInclusive = b.loInclusive;
  }
  if (b.hi !== null && (hi === null || b.hi < hi || (b.hi === hi && !b.hiInclusive))) {
    hi = b.hi;
    hiInclusive = b.hiInclusive;
  }
  return { kind: 'range', lo, loInclusive, hi, hiInclusive };
}

function inRange(key: string, r: Bound): boolean {
  if (r.kind === 'points') return r.keys.includes(key);
  if (r.lo !== null && (key < r.lo || (key === r.lo && !r.loInclusive))) return false;
  if (r.hi !== null && (key > r.hi || (key === r.hi && !r.hiInclusive))) return false;
  return true;
}

function isEmpty(b: Bound): boolean {
  if (b.kind === 'points') return b.keys.length === 0;
  if (b.lo === null || b.hi === null) return false;
  return b.lo > b.hi || (b.lo === b.hi && !(b.loInclusive && b.hiInclusive));
}

/** The bound to seek with on one field: all of them intersected, or, on a multikey field, the tightest one. */
function fieldBound(bounds: Bound[] | undefined, multikey: boolean): Bound | undefined {
  if (bounds === undefined || bounds.length === 0) return undefined;
  if (!multikey) return bounds.reduce(intersect);
  // An array element may satisfy $gt and another element $lt: each operator bounds on its own.
  const pts = bounds.filter((b) => b.kind === 'points');
  if (pts.length > 0)
    return pts.reduce((best, b) =>
      b.kind === 'points' && best.kind === 'points' && b.keys.length < best.keys.length ? b : best,
    );
  return bounds[0];
}

interface Candidate {
  plan: Plan;
  score: number;
}

function scoreOf(bounds: Array<Bound | undefined>): number {
  let score = 0;
  for (const b of bounds) {
    if (b === undefined) break;
    if (b.kind === 'points') {
      score += b.keys.length === 1 ? 3 : 2;
    } else {
      score += 1;
      break;
    }
  }
  return score;
}

/** A bound that pins its column to one key: equality. */
const isPoint = (bound: Bound | undefined): boolean => bound?.kind === 'points' && bound.keys.length === 1;

/**
 * Key-column order reproducing the requested sort, or null when the index cannot give it. A multikey
 * index gives it only behind equality: with every column before the sort columns pinned to one key
 * (e.g. `{ facets: f }` sorted by name on facets+name+_id), each document has one entry in that slice,
 * so the sort columns order the documents as MongoDB's multikey sort does. Without `bounds` (an
 * unbounded walk) a multikey index never does.
 */
function orderFor(
  index: IndexInfo,
  sort: SortSpec,
  bounds?: ReadonlyArray<Bound | undefined>,
): IndexScan['order'] | null {
  if (sort.length === 0) return null;
  if (index.multikey) {
    const first = sort[0]?.[0];
    const lead = first === undefined ? -1 : index.fields.indexOf(first);
    if (!bounds || lead <= 0) return null;
    for (let i = 0; i < lead; i += 1) if (!isPoint(bounds[i])) return null;
    const wanted = sort.map(([field]) => field).filter((f) => f !== '_id');
    if (wanted.some((f, i) => index.fields[lead + i] !== f)) return null;
  }
  const order: IndexScan['order'] = [];
  for (const [field, direction] of sort) {
    if (field === '_id') {
      order.push({ column: 'id', direction });
      continue;
    }
    const column = index.fields.indexOf(field);
    if (column < 0) return null;
    order.push({ column, direction });
  }
  return order;
}

function planConjunction(filter: Doc, indexes: readonly IndexInfo[], sort: SortSpec): Candidate | null {
  const byField = new Map<string, Bound[]>();
  collectBounds(filter, byField);
  const candidates: Candidate[] = [];

  const idBound = fieldBound(byField.get('_id'), false);
  const idSorted = sort.length === 1 && sort[0]?.[0] === '_id';
  const idDirection = sort[0]?.[1] ?? 1;
  if (idBound !== undefined) {
    if (isEmpty(idBound)) return { plan: { kind: 'empty' }, score: Number.MAX_SAFE_INTEGER };
    candidates.push({
      plan: {
        kind: 'ids',
        bound: idBound,
        direction: idSorted ? idDirection : 1,
        ordered: idSorted || sort.length === 0,
      },
      score: scoreOf([idBound]) + 1,
    });
  }

  for (const index of indexes) {
    const bounds = index.fields.map((f) => fieldBound(byField.get(f), index.multikey));
    if (bounds.some((b) => b !== undefined && isEmpty(b)))
      return { plan: { kind: 'empty' }, score: Number.MAX_SAFE_INTEGER };
    const score = scoreOf(bounds);
    if (score === 0) continue;
    const order = orderFor(index, sort, bounds);
    candidates.push({
      plan: {
        kind: 'index',
        // The filter's _id condition is a conjunct: applying it on the index rows (keyset paging by
        // (due, _id)) only drops rows the filter drops anyway.
        scan: { index, bounds, order: order ?? [], ...(idBound !== undefined ? { idBound } : {}) },
        ordered: order !== null || sort.length === 0,
      },
      // Delivering the sort is worth one equality: it lets a limit stop the scan early.
      score: score + (order !== null && sort.length > 0 ? 0.5 : 0),
    });
  }

  if (candidates.length === 0) return null;
  return candidates.reduce((best, c) => (c.score > best.score ? c : best));
}

/** An unbounded walk of an index that yields the requested order, for sort+limit without a filter on it. */
function orderedWalk(indexes: readonly IndexInfo[], sort: SortSpec): Plan | null {
  if (sort.length === 0) return null;
  if (sort.length === 1 && sort[0]?.[0] === '_id') {
    return { kind: 'ids', bound: { kind: 'range', ...ANY_RANGE }, direction: sort[0][1], ordered: true };
  }
  for (const index of indexes) {
    const order = orderFor(index, sort);
    if (order !== null) return { kind: 'index', scan: { index, bounds: [], order }, ordered: true };
  }
  return null;
}

export function planQuery(filter: Doc, indexes: readonly IndexInfo[], sort: SortSpec): Plan {
  const direct = planConjunction(filter, indexes, sort);
  if (direct !== null) return direct.plan;

  // A top-level $or is a union when every branch (with the rest of the filter) can use an index.
  const or = filter.$or;
  if (Array.isArray(or) && or.length > 0) {
    const { $or: _omit, ...rest } = filter;
    void _omit;
    const plans: Plan[] = [];
    for (const branch of or) {
      if (!isPlainObject(branch)) return orderedWalk(indexes, sort) ?? { kind: 'scan' };
      const c = planConjunction({ ...rest, $and: [branch] }, indexes, []);
      if (c === null) return orderedWalk(indexes, sort) ?? { kind: 'scan' };
      if (c.plan.kind !== 'empty') plans.push(c.plan);
    }
    return plans.length === 0 ? { kind: 'empty' } : { kind: 'union', plans };
  }

  return orderedWalk(indexes, sort) ?? { kind: 'scan' };
}

/** Whether the plan yields candidates in the requested order (so skip+limit can stop the read). */
export function isOrdered(plan: Plan, sort: SortSpec): boolean {
  switch (plan.kind) {
    case 'empty':
      return true;
    case 'scan':
      return sort.length === 0;
    case 'ids':
    case 'index':
      return plan.ordered;
    case 'union':
      return false;
  }
}

/** A short description for stats and tests ("index:posts.account", "scan"). */
export function describePlan(plan: Plan): string {
  switch (plan.kind) {
    case 'empty':
    case 'scan':
      return plan.kind;
    case 'ids':
      return 'ids';
    case 'index':
      return `index:${plan.scan.index.name}`;
    case 'union':
      return `union(${plan.plans.map(describePlan).join(',')})`;
  }
}
