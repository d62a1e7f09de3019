/**
 * mingo glue: MongoDB query, projection, sort, update and aggregation semantics come from mingo;
 * this file only adapts the wire values to it (serverDate, BSONRegExp) and its errors to CloudBase's.
 */
import { BSONRegExp } from 'bson';
import { Aggregator, Query, find, update as mingoUpdate } from 'mingo';
import 'mingo/init/system';
import { type Doc, KEEP, cloneDoc, isPlainObject, mapDeep, toJsRegExp } from './ejson';
import { DbError, errorInfo, invalidParam, requestFailed } from './errors';
import { resolvePositional, usesPositional } from './positional';
import type { SortSpec } from './planner';

/** `db.serverDate({offset})` arrives as {$tcb_server_date:{offset}}; the server stamps its own time. */
export function resolveServerDates(value: unknown, now: number): unknown {
  return mapDeep(value, (v) => {
    if (isPlainObject(v) && Object.keys(v).length === 1 && isPlainObject(v.$tcb_server_date)) {
      const offset = v.$tcb_server_date.offset;
      return new Date(now + (typeof offset === 'number' && Number.isFinite(offset) ? offset : 0));
    }
    return KEEP;
  });
}

/** A filter as mingo wants it: server dates stamped, BSON regexes as JS RegExp. */
export function prepareFilter(filter: Doc, now: number): Doc {
  const resolved = resolveServerDates(filter, now);
  const out = mapDeep(resolved, (v) => (v instanceof BSONRegExp ? toJsRegExp(v) : KEEP));
  return isPlainObject(out) ? out : {};
}

/** Runs a mingo call, turning its complaints (unknown operator, bad projection…) into a request error. */
function guarded<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DbError) throw err;
    throw requestFailed(`${what}：${errorInfo(err).message}`);
  }
}

export type Matcher = (doc: Doc) => boolean;

export function compileFilter(filter: Doc): Matcher {
  const query = guarded('查询条件无效', () => new Query(filter));
  return (doc) => guarded('查询条件无效', () => query.test(doc));
}

export interface Window {
  sort: SortSpec;
  skip: number;
  /** null = no limit. */
  limit: number | null;
  projection: Doc | null;
}

function sortObject(sort: SortSpec): Doc {
  const out: Doc = {};
  for (const [field, dir] of sort) out[field] = dir;
  return out;
}

/** Sort, skip, limit and project already-filtered documents. */
export function applyWindow(docs: Doc[], window: Window, alreadySorted: boolean): Doc[] {
  return guarded('排序或投影无效', () => {
    let cursor = find(docs, {}, window.projection ?? {});
    if (!alreadySorted && window.sort.length > 0) cursor = cursor.sort(sortObject(window.sort));
    if (window.skip > 0) cursor = cursor.skip(window.skip);
    if (window.limit !== null) cursor = cursor.limit(window.limit);
    return cursor.all() as Doc[];
  });
}

/** Validates a projection up front (mingo only checks it when a document is projected). */
export function checkProjection(projection: Doc | null): void {
  if (projection === null) return;
  applyWindow([{}], { sort: [], skip: 0, limit: null, projection }, true);
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

/** Paths that overlap ('a' and 'a.b') may not be touched by two operators, as in MongoDB. */
function checkConflicts(update: Doc): void {
  const paths: string[] = [];
  for (const args of Object.values(update)) {
    if (!isPlainObject(args)) continue;
    for (const path of Object.keys(args)) {
      const clash = paths.find((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
      if (clash !== undefined) throw requestFailed(`Updating the path '${path}' would create a conflict at '${clash}'`);
      paths.push(path);
    }
  }
}

/**
 * Applies MongoDB update operators (the SDK's `update` always sends operators; a bare object is
 * treated as $set). `$currentDate` uses the local cloud's clock, not the machine's. `filter` is the
 * update's query, which the positional `$` (`items.$.n`) refers to; without one, `$` finds nothing.
 */
export function applyUpdate(doc: Doc, updateSpec: Doc, now: number, filter: Doc | null = null): Doc {
  const keys = Object.keys(updateSpec);
  const hasOps = keys.some((k) => k.startsWith('$'));
  if (hasOps && !keys.every((k) => k.startsWith('$'))) throw invalidParam('更新数据不能混用操作符与普通字段');
  let spec: Doc = hasOps ? updateSpec : { $set: updateSpec };
  if (usesPositional(spec)) spec = guarded('更新失败', () => resolvePositional(doc, spec, filter ?? {}));
  checkConflicts(spec);
  const next = cloneDoc(doc);
  for (const [op, rawArgs] of Object.entries(spec)) {
    if (!UPDATE_OPERATORS.has(op)) throw invalidParam(`不支持的更新操作符：${op}`);
    if (!isPlainObject(rawArgs)) throw invalidParam(`更新操作符 ${op} 的参数应为对象`);
    if (Object.keys(rawArgs).length === 0) continue;
    let name = op;
    let args: Doc = rawArgs;
    if (op === '$currentDate') {
      name = '$set';
      args = {};
      for (const field of Object.keys(rawArgs)) args[field] = new Date(now);
    }
    if (Object.keys(args).some((path) => path === '_id' || path.startsWith('_id.'))) {
      throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    const expr: Doc = { [name]: args };
    guarded('更新失败', () =>
      mingoUpdate(next, expr as Parameters<typeof mingoUpdate>[1], [], {}, { cloneMode: 'deep' }),
    );
  }
  return next;
}

export interface AggregateOptions {
  /** Loads another collection for $lookup / $graphLookup / $unionWith. */
  resolve: (collection: string) => Doc[];
}

export function runAggregate(docs: Doc[], pipeline: Doc[], options: AggregateOptions): Doc[] {
  return guarded('聚合失败', () => new Aggregator(pipeline, { collectionResolver: options.resolve }).run(docs));
}
