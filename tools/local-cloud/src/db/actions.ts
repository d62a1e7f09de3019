/**
 * The `database.*` actions of CloudBase's admin API, as @cloudbase/node-sdk 3.17 (under
 * wx-server-sdk 4.0.2) sends them: JSON bodies whose query/data/order/projection are canonical
 * EJSON strings. Answers use CloudBase's shapes: `data.list` of EJSON strings, `data.insertedIds`,
 * `data.total`, `data.updated` / `data.upsert_id`, `data.deleted`, or `{code, message}` on error.
 */
import * as v from 'valibot';
import { type Doc, isPlainObject, parseEJSON, parseEJSONObject, stringifyEJSON } from './ejson';
import type { LocalDatabase } from './engine';
import { DbError, errorInfo, invalidParam } from './errors';
import type { SortSpec } from './planner';
import type { Transactions } from './transactions';

/** CloudBase's page sizes: 100 when the caller gives none, never more than 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type DbReply =
  | { requestId: string; data: unknown }
  | { requestId: string; transactionId: string }
  | { requestId: string; code: string; message: string };

const collectionName = v.pipe(v.string('collectionName 应为字符串'), v.minLength(1, 'collectionName 不能为空'));
const ejson = v.optional(v.string());
const txId = v.optional(v.string());
const queryType = v.optional(v.picklist(['WHERE', 'DOC']));

const schemas = {
  'database.insertDocument': v.looseObject({
    collectionName,
    data: v.union([v.array(v.string()), v.string()]),
    transactionId: txId,
  }),
  'database.getDocument': v.looseObject({
    collectionName,
    queryType,
    query: ejson,
    order: ejson,
    projection: ejson,
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    limit: v.optional(v.pipe(v.number(), v.integer())),
    transactionId: txId,
  }),
  'database.calculateDocument': v.looseObject({ collectionName, queryType, query: ejson }),
  'database.modifyDocument': v.looseObject({
    collectionName,
    queryType,
    query: ejson,
    data: v.string('data 应为 EJSON 字符串'),
    multi: v.optional(v.boolean()),
    merge: v.optional(v.boolean()),
    upsert: v.optional(v.boolean()),
    transactionId: txId,
  }),
  'database.removeDocument': v.looseObject({
    collectionName,
    queryType,
    query: ejson,
    multi: v.optional(v.boolean()),
    transactionId: txId,
  }),
  'database.aggregateDocuments': v.looseObject({
    collectionName,
    stages: v.array(
      v.looseObject({
        stageKey: v.pipe(v.string(), v.startsWith('$', '聚合阶段名应以 $ 开头')),
        stageValue: v.string(),
      }),
    ),
  }),
  'database.addCollection': v.looseObject({ collectionName }),
  'database.startTransaction': v.looseObject({}),
  'database.commitTransaction': v.looseObject({ transactionId: v.string('transactionId 应为字符串') }),
  'database.abortTransaction': v.looseObject({ transactionId: v.string('transactionId 应为字符串') }),
};

export type DatabaseAction = keyof typeof schemas;
type Params<A extends DatabaseAction> = v.InferOutput<(typeof schemas)[A]>;
type Result = { data: unknown } | { transactionId: string };
type Handlers = { [A in DatabaseAction]: (params: Params<A>) => Result };

export function isDatabaseAction(action: string): action is DatabaseAction {
  return Object.prototype.hasOwnProperty.call(schemas, action);
}

function filterOf(query: string | undefined, required: boolean): Doc {
  if (query === undefined || query === '') {
    // where() is mandatory for bulk writes: an empty filter would touch the whole collection.
    if (required) throw invalidParam('批量更新或删除必须提供查询条件（where）');
    return {};
  }
  return parseEJSONObject(query, 'query');
}

function sortOf(order: string | undefined): SortSpec {
  if (order === undefined || order === '') return [];
  const spec: SortSpec = [];
  for (const [field, dir] of Object.entries(parseEJSONObject(order, 'order'))) {
    if (dir !== 1 && dir !== -1) throw invalidParam(`排序方向无效：${field}`);
    spec.push([field, dir]);
  }
  return spec;
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(limit, MAX_LIMIT);
}

/** The id as JSON: strings and numbers as they are, ObjectId as its hex. */
function wireId(id: unknown): unknown {
  if (typeof id === 'string' || typeof id === 'number') return id;
  return String(id);
}

/** DOC queries address one document by `_id`. */
function checkDocQuery(queryType: 'WHERE' | 'DOC' | undefined, filter: Doc): void {
  if (queryType === 'DOC' && (filter._id === undefined || isPlainObject(filter._id)))
    throw invalidParam('DOC 查询必须指定 _id');
}

export class DatabaseActions {
  private readonly handlers: Handlers;

  constructor(
    private readonly db: LocalDatabase,
    private readonly tx: Transactions,
  ) {
    this.handlers = {
      'database.insertDocument': (p) => {
        const raw = typeof p.data === 'string' ? [p.data] : p.data;
        if (raw.length === 0) throw invalidParam('插入的数据不能为空');
        const docs = raw.map((text, i) => parseEJSONObject(text, `data[${i}]`));
        const ids =
          p.transactionId !== undefined
            ? this.tx.insert(p.transactionId, p.collectionName, docs)
            : this.db.insert(p.collectionName, docs);
        return { data: { insertedIds: ids.map(wireId) } };
      },
      'database.getDocument': (p) => {
        const filter = filterOf(p.query, false);
        checkDocQuery(p.queryType, filter);
        const limit = limitOf(p.limit);
        const offset = p.offset ?? 0;
        const options = {
          sort: sortOf(p.order),
          skip: offset,
          limit,
          projection:
            p.projection === undefined || p.projection === '' ? null : parseEJSONObject(p.projection, 'projection'),
        };
        const docs =
          p.transactionId !== undefined
            ? this.tx.find(p.transactionId, p.collectionName, filter, options)
            : this.db.find(p.collectionName, filter, options);
        return { data: { list: docs.map(stringifyEJSON), limit, offset } };
      },
      'database.calculateDocument': (p) => ({
        data: { total: this.db.count(p.collectionName, filterOf(p.query, false)) },
      }),
      'database.modifyDocument': (p) => {
        const multi = p.queryType === 'DOC' ? false : (p.multi ?? false);
        const filter = filterOf(p.query, multi || p.queryType !== 'DOC');
        checkDocQuery(p.queryType, filter);
        const data = parseEJSONObject(p.data, 'data');
        const options = { multi, replace: p.merge === false, upsert: p.upsert === true };
        const res =
          p.transactionId !== undefined
            ? this.tx.update(p.transactionId, p.collectionName, filter, data, options)
            : this.db.update(p.collectionName, filter, data, options);
        return {
          data:
            res.upsertedId === undefined
              ? { updated: res.updated }
              : { updated: res.updated, upsert_id: wireId(res.upsertedId) },
        };
      },
      'database.removeDocument': (p) => {
        const multi = p.queryType === 'DOC' ? false : (p.multi ?? false);
        const filter = filterOf(p.query, true);
        checkDocQuery(p.queryType, filter);
        const deleted =
          p.transactionId !== undefined
            ? this.tx.remove(p.transactionId, p.collectionName, filter)
            : this.db.remove(p.collectionName, filter, multi);
        return { data: { deleted } };
      },
      'database.aggregateDocuments': (p) => {
        const pipeline = p.stages.map((s, i) => ({
          [s.stageKey]: parseEJSON(s.stageValue, `stages[${i}].stageValue`),
        }));
        return { data: { list: this.db.aggregate(p.collectionName, pipeline).map(stringifyEJSON) } };
      },
      'database.addCollection': (p) => {
        this.db.addCollection(p.collectionName);
        return { data: {} };
      },
      'database.startTransaction': () => ({ transactionId: this.tx.start() }),
      'database.commitTransaction': (p) => {
        this.tx.commit(p.transactionId);
        return { data: {} };
      },
      'database.abortTransaction': (p) => {
        this.tx.abort(p.transactionId);
        return { data: {} };
      },
    };
  }

  /** Never throws: every failure is an answer in CloudBase's error shape. */
  handle(action: DatabaseAction, body: unknown, requestId: string): DbReply {
    try {
      return { requestId, ...this.run(action, body) };
    } catch (err) {
      if (err instanceof DbError) return { requestId, code: err.code, message: err.message };
      return {
        requestId,
        code: 'DATABASE_REQUEST_FAILED',
        message: `本地云数据库内部错误：${errorInfo(err).message}`,
      };
    }
  }

  private run<A extends DatabaseAction>(action: A, body: unknown): Result {
    const parsed = v.safeParse(schemas[action], body);
    if (!parsed.success) throw invalidParam(`${action} 参数无效：${v.summarize(parsed.issues)}`);
    const handler = this.handlers[action] as (params: Params<A>) => Result;
    return handler(parsed.output as Params<A>);
  }
}
