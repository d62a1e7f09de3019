/**
 * The local database: the store's candidates (chosen by the planner) run through mingo for the
 * exact filter, sort, skip, limit and projection. Values here are relaxed JS (Date, numbers, bson
 * types): actions.ts decodes the wire's EJSON; serverDate objects are stamped here, from the clock.
 */
import { randomBytes } from 'node:crypto';
import type { CollectionSpec } from '../../../../core/schema';
import { type Doc, isPlainObject, stringifyEJSON } from './ejson';
import { collectionNotExist, invalidParam } from './errors';
import { idKey } from './keys';
import { type Plan, type SortSpec, describePlan, isOrdered, planQuery } from './planner';
import {
  type Matcher,
  type Window,
  applyUpdate,
  applyWindow,
  checkProjection,
  compileFilter,
  prepareFilter,
  resolveServerDates,
  runAggregate,
} from './query';
import { type Row, Store, type StoreStats } from './store';

export interface DbClock {
  now(): number;
}

export interface LocalDatabaseOptions {
  /** SQLite file; null = in memory. */
  file: string | null;
  /** The declared collections: exactly these exist (plus those added at run time). */
  schema: readonly CollectionSpec[];
  clock: DbClock;
  /** Default: CloudBase-like 32 hex characters, the first 8 the clock's seconds. */
  newId?: () => string;
  /**
   * Told once per distinct query shape that used no index (a full scan of the collection), so the
   * local cloud's log warns about it (issue 18). Every such query is counted in the stats regardless.
   */
  onUnindexed?: (query: UnindexedQuery) => void;
}

/** A query the planner could serve from no index: it read the whole collection. */
export interface UnindexedQuery {
  collection: string;
  /** The filter's fields (top level, `$and`/`$or` branches flattened) and the sort, e.g. `{state, title} 排序 updatedAt`. */
  shape: string;
  /** How many times a query of this shape ran since the stats were last reset. */
  count: number;
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  /** Default: no limit (the wire applies CloudBase's 100/1000). */
  limit?: number | null;
  projection?: Doc | null;
}

export interface UpdateOptions {
  /** All matches (true) or the first (false). */
  multi: boolean;
  /** `data` is the whole new document (doc.set) instead of update operators. */
  replace: boolean;
  upsert: boolean;
}

export interface UpdateResult {
  /** Documents whose content changed (MongoDB's modifiedCount). */
  updated: number;
  upsertedId: unknown;
}

export interface DbStats extends StoreStats {
  /** The plan of the most recent query, e.g. "index:account" or "scan" (for tests and benchmarks). */
  lastPlan: string;
  /** Queries that used no index (full scans), by collection and shape, most frequent first. */
  unindexedQueries: UnindexedQuery[];
}

/** CloudBase answers an aggregate without $limit with at most 20 documents. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export class LocalDatabase {
  readonly store: Store;
  private readonly clock: DbClock;
  private readonly schema: readonly CollectionSpec[];
  private readonly makeId: () => string;
  private lastPlan = 'none';
  private readonly unindexed = new Map<string, UnindexedQuery>();
  /** Shapes already warned about: the log says each once per process, the stats count every run. */
  private readonly warned = new Set<string>();
  private readonly onUnindexed: ((query: UnindexedQuery) => void) | null;

  constructor(options: LocalDatabaseOptions) {
    this.store = new Store({ file: options.file });
    this.clock = options.clock;
    this.schema = options.schema;
    this.makeId = options.newId ?? (() => defaultId(this.clock.now()));
    this.onUnindexed = options.onUnindexed ?? null;
    this.store.applySchema(options.schema);
  }

  get stats(): DbStats {
    const unindexedQueries = [...this.unindexed.values()].map((q) => ({ ...q })).sort((a, b) => b.count - a.count);
    return {
      ...this.store.stats,
      readsByCollection: { ...this.store.stats.readsByCollection },
      lastPlan: this.lastPlan,
      unindexedQueries,
    };
  }

  resetStats(): void {
    Object.assign(this.store.stats, {
      documentsRead: 0,
      readsByCollection: {},
      documentsWritten: 0,
      fullScans: 0,
      indexScans: 0,
    });
    this.lastPlan = 'none';
    this.unindexed.clear();
  }

  /** Counts a query that read the whole collection, and warns once per shape. */
  private noteUnindexed(collection: string, shape: string): void {
    const key = `${collection} ${shape}`;
    const seen = this.unindexed.get(key);
    if (seen) seen.count++;
    else this.unindexed.set(key, { collection, shape, count: 1 });
    if (this.onUnindexed && !this.warned.has(key)) {
      this.warned.add(key);
      this.onUnindexed({ collection, shape, count: 1 });
    }
  }

  now(): number {
    return this.clock.now();
  }

  newId(): string {
    return this.makeId();
  }

  collections(): string[] {
    return this.store.collections();
  }

  hasCollection(name: string): boolean {
    return this.store.has(name);
  }

  addCollection(name: string): void {
    this.store.createCollection(name);
  }

  /** Empties the database: every collection dropped, the declared ones created again. */
  reset(): void {
    this.store.dropAll();
    this.store.applySchema(this.schema);
  }

  close(): void {
    this.store.close();
  }

  // --- reads ---------------------------------------------------------------------------------

  private requireCollection(collection: string): void {
    // The catalog is checked first so a missing collection is -502005 before any other complaint.
    if (!this.store.has(collection)) throw collectionNotExist(collection);
  }

  /** The document with this _id, or null. */
  get(collection: string, id: unknown): Doc | null {
    return this.store.get(collection, idKey(id))?.doc ?? null;
  }

  private plan(collection: string, filter: Doc, sort: SortSpec): Plan {
    const plan = planQuery(filter, this.store.indexes(collection), sort);
    this.lastPlan = describePlan(plan);
    if (plan.kind === 'scan') this.noteUnindexed(collection, shapeOf(filter, sort));
    return plan;
  }

  private *candidates(collection: string, plan: Plan): Generator<Row> {
    switch (plan.kind) {
      case 'empty':
        return;
      case 'scan':
        yield* this.store.scan(collection);
        return;
      case 'ids':
        yield* this.store.scanIds(collection, plan.bound, plan.direction);
        return;
      case 'index':
        yield* this.store.scanIndex(collection, plan.scan);
        return;
      case 'union': {
        const seen = new Set<string>();
        for (const sub of plan.plans) {
          for (const row of this.candidates(collection, sub)) {
            if (seen.has(row.key)) continue;
            seen.add(row.key);
            yield row;
          }
        }
        return;
      }
    }
  }

  /**
   * Matching rows, committed state only. With `stopAfter`, reading stops once that many matches
   * are found (valid only when candidates arrive in the wanted order).
   */
  private matchRows(
    collection: string,
    filter: Doc,
    sort: SortSpec,
    stopAfter: number | null,
  ): { rows: Row[]; ordered: boolean } {
    this.requireCollection(collection);
    const plan = this.plan(collection, filter, sort);
    const ordered = isOrdered(plan, sort);
    const test: Matcher = compileFilter(filter);
    const rows: Row[] = [];
    const cap = ordered ? stopAfter : null;
    if (cap === 0) return { rows, ordered };
    for (const row of this.candidates(collection, plan)) {
      if (!test(row.doc)) continue;
      rows.push(row);
      if (cap !== null && rows.length >= cap) break;
    }
    return { rows, ordered };
  }

  /**
   * Finds documents. `filter` is a MongoDB filter in relaxed JS values; serverDate objects and
   * BSONRegExp are accepted too.
   */
  find(collection: string, filter: Doc, options: FindOptions = {}): Doc[] {
    const prepared = prepareFilter(filter, this.now());
    const window = windowOf(options);
    checkProjection(window.projection);
    const stopAfter = window.limit === null ? null : window.skip + window.limit;
    const { rows, ordered } = this.matchRows(collection, prepared, window.sort, stopAfter);
    return applyWindow(
      rows.map((r) => r.doc),
      window,
      ordered,
    );
  }

  /** Sort, skip, limit and project documents already in hand (a transaction's snapshot). */
  window(docs: Doc[], options: FindOptions): Doc[] {
    const window = windowOf(options);
    checkProjection(window.projection);
    return applyWindow(docs, window, false);
  }

  count(collection: string, filter: Doc): number {
    return this.matchRows(collection, prepareFilter(filter, this.now()), [], null).rows.length;
  }

  /** Matches for a write: keys and current documents (first match only unless multi). */
  private matchForWrite(collection: string, filter: Doc, multi: boolean): Array<{ key: string; doc: Doc }> {
    const prepared = prepareFilter(filter, this.now());
    return this.matchRows(collection, prepared, [], multi ? null : 1).rows.map((r) => ({ key: r.key, doc: r.doc }));
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    this.requireCollection(collection);
    const stages = pipeline.map((stage) => {
      const names = Object.keys(stage);
      if (names.length !== 1) throw invalidParam('每个聚合阶段只能有一个操作符');
      const name = names[0] ?? '';
      if (name === '$out' || name === '$merge') throw invalidParam(`本地云不支持聚合阶段 ${name}`);
      const value = stage[name];
      return name === '$match' && isPlainObject(value)
        ? { $match: prepareFilter(value, this.now()) }
        : { [name]: prepareFilter({ v: value }, this.now()).v };
    });
    // A leading $match picks its candidates through the indexes, like any query.
    const first = stages[0];
    const leading = first !== undefined && isPlainObject(first.$match) ? first.$match : null;
    const source = this.matchRows(collection, leading ?? {}, [], null).rows;
    const rest = leading !== null ? stages.slice(1) : stages;
    if (!rest.some((s) => '$limit' in s)) rest.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
    return runAggregate(
      source.map((r) => r.doc),
      rest,
      {
        resolve: (name) => {
          if (!this.store.has(name)) return [];
          this.noteUnindexed(name, `$lookup（来自 ${collection} 的聚合）`);
          return [...this.store.scan(name)].map((r) => r.doc);
        },
      },
    );
  }

  // --- writes --------------------------------------------------------------------------------

  /** Gives the document an _id when it has none and checks the one it has. */
  prepareInsert(doc: Doc): { key: string; doc: Doc } {
    const withId: Doc = doc._id === undefined ? { _id: this.newId(), ...doc } : doc;
    for (const field of Object.keys(withId)) {
      if (field.startsWith('$')) throw invalidParam(`字段名不能以 $ 开头：${field}`);
    }
    return { key: idKey(withId._id), doc: withId };
  }

  /** Inserts all documents or none; returns their _ids. */
  insert(collection: string, docs: Doc[]): unknown[] {
    this.requireCollection(collection);
    const now = this.now();
    return this.store.atomically(() =>
      docs.map((raw) => {
        const resolved = prepareDoc(raw, now);
        const { key, doc } = this.prepareInsert(resolved);
        this.store.insert(collection, key, doc);
        return doc._id;
      }),
    );
  }

  /**
   * Computes a document's next state: a replacement (set) keeps only the _id, an update applies
   * operators. `filter` (prepared) is the query that matched it, for the positional `$`.
   */
  nextState(current: Doc, data: Doc, replace: boolean, filter: Doc | null = null): Doc {
    if (!replace) return applyUpdate(current, data, this.now(), filter);
    if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('替换文档（set）不能包含更新操作符');
    return { _id: current._id, ...withoutId(data) };
  }

  /** The document an upsert creates when nothing matched. */
  upsertDoc(filter: Doc, data: Doc, replace: boolean): Doc {
    const seedId =
      filter._id !== undefined && !isPlainObject(filter._id) && !(filter._id instanceof RegExp)
        ? filter._id
        : this.newId();
    if (replace) return this.nextState({ _id: seedId }, data, true);
    // MongoDB seeds an upsert with the filter's equality fields, then applies the operators.
    const seed: Doc = {};
    for (const [k, v] of Object.entries(filter)) {
      if (k !== '_id' && !k.startsWith('$') && !isPlainObject(v) && !(v instanceof RegExp)) seed[k] = v;
    }
    return applyUpdate(applyUpdate({ _id: seedId }, { $set: seed }, this.now()), data, this.now());
  }

  update(collection: string, filter: Doc, data: Doc, options: UpdateOptions): UpdateResult {
    this.requireCollection(collection);
    const now = this.now();
    const resolvedData = prepareDoc(data, now);
    return this.store.atomically(() => {
      const matches = this.matchForWrite(collection, filter, options.multi);
      const prepared = prepareFilter(filter, now);
      let updated = 0;
      for (const { key, doc } of matches) {
        const next = this.nextState(doc, resolvedData, options.replace, prepared);
        if (stringifyEJSON(next) === stringifyEJSON(doc)) continue;
        this.store.replace(collection, key, doc, next);
        updated++;
      }
      if (matches.length > 0 || !options.upsert) return { updated, upsertedId: undefined };
      const created = this.upsertDoc(prepareFilter(filter, now), resolvedData, options.replace);
      const { key, doc } = this.prepareInsert(created);
      this.store.insert(collection, key, doc);
      return { updated: 0, upsertedId: doc._id };
    });
  }

  remove(collection: string, filter: Doc, multi: boolean): number {
    this.requireCollection(collection);
    return this.store.atomically(() => {
      let deleted = 0;
      for (const { key } of this.matchForWrite(collection, filter, multi)) {
        if (this.store.remove(collection, key)) deleted++;
      }
      return deleted;
    });
  }
}

/** The fields a filter names (and the sort), without values: what an index for it would need. */
export function shapeOf(filter: Doc, sort: SortSpec): string {
  const fields = new Set<string>();
  const walk = (f: Doc): void => {
    for (const [key, value] of Object.entries(f)) {
      if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
        for (const part of value) if (isPlainObject(part)) walk(part);
      } else if (!key.startsWith('$')) {
        fields.add(key);
      }
    }
  };
  walk(filter);
  const where = fields.size === 0 ? '{}' : `{${[...fields].join(', ')}}`;
  return sort.length === 0 ? where : `${where} 排序 ${sort.map(([f, d]) => (d === -1 ? `${f} desc` : f)).join(', ')}`;
}

function windowOf(options: FindOptions): Window {
  return {
    sort: options.sort ?? [],
    skip: options.skip ?? 0,
    limit: options.limit ?? null,
    projection: options.projection ?? null,
  };
}

/** serverDate stamped; everything else as given. */
export function prepareDoc(doc: Doc, now: number): Doc {
  const out = resolveServerDates(doc, now);
  return isPlainObject(out) ? out : {};
}

function withoutId(doc: Doc): Doc {
  const { _id: _omit, ...rest } = doc;
  void _omit;
  return rest;
}

function defaultId(now: number): string {
  const seconds = Math.floor(now / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + randomBytes(12).toString('hex');
}
