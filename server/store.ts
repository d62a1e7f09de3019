/**
 * A typed face over the cloud database for handlers: plain documents in, plain documents out.
 * The SDK's own types are `any` throughout; everything that crosses into the domain is typed here.
 */
import { cloud } from './cloud';
import type { CollectionName } from '../core/schema';

export type Filter = Record<string, unknown>;
export interface Doc {
  _id: string;
}
export interface Versioned extends Doc {
  rev: number;
}

export interface FindOptions {
  orderBy?: Array<[string, 'asc' | 'desc']>;
  skip?: number;
  limit?: number;
  fields?: Record<string, boolean>;
}

/** The query operators handlers may use; a typed subset of db.command. */
export interface Command {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  in(v: unknown[]): unknown;
  nin(v: unknown[]): unknown;
  exists(v: boolean): unknown;
  inc(n: number): unknown;
  push(v: unknown): unknown;
  remove(): unknown;
  /** In an update: the field becomes exactly this value (an object is replaced, not merged). */
  set(v: unknown): unknown;
  and(...conds: unknown[]): unknown;
  or(...conds: unknown[]): unknown;
}

interface SdkQuery {
  where(f: Filter): SdkQuery;
  orderBy(field: string, dir: string): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(f: Record<string, boolean>): SdkQuery;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(o: { data: Filter }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkDocRef {
  get(): Promise<{ data: unknown }>;
  set(o: { data: Filter }): Promise<unknown>;
  update(o: { data: Filter }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(o: { data: Filter | Filter[] }): Promise<{ _id: string }>;
}
interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: Command;
  serverDate(): unknown;
  runTransaction<T>(fn: (tx: SdkTransaction) => Promise<T>, retries?: number): Promise<T>;
}
interface SdkTransaction {
  collection(name: string): { doc(id: string): SdkDocRef };
}

let database: SdkDatabase | null = null;
function db(): SdkDatabase {
  database ??= cloud.database() as unknown as SdkDatabase;
  return database;
}

export function command(): Command {
  return db().command;
}

function isNotFound(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /not exist|does not exist|cannot find document|document\.get:fail/i.test(msg);
}

function withoutId<T extends Doc>(doc: T): Filter {
  const { _id: _omit, ...rest } = doc;
  void _omit;
  return rest;
}

/** Rounds of the SDK's own three tries before a conflict reaches the caller. */
const TRANSACTION_ROUNDS = 8;

function isTransactionConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'DATABASE_TRANSACTION_CONFLICT';
}

/** Counters of what this instance asked of the database, for benchmarks and tests. */
export const storeStats = { requests: 0, documentsRead: 0 };

export const store = {
  async get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null> {
    storeStats.requests++;
    try {
      const res = await db().collection(collection).doc(id).get();
      storeStats.documentsRead++;
      return res.data as T;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async find<T extends Doc>(collection: CollectionName, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    storeStats.requests++;
    let q: SdkQuery = db().collection(collection).where(filter);
    for (const [field, dir] of options.orderBy ?? []) q = q.orderBy(field, dir);
    if (options.skip) q = q.skip(options.skip);
    q = q.limit(options.limit ?? 100);
    if (options.fields) q = q.field(options.fields);
    const res = await q.get();
    storeStats.documentsRead += res.data.length;
    return res.data as T[];
  },

  async count(collection: CollectionName, filter: Filter): Promise<number> {
    storeStats.requests++;
    const res = await db().collection(collection).where(filter).count();
    return res.total;
  },

  /**
   * How many documents match, reading at most `cap` of them (ids only): a badge says "99+" rather than
   * read every match (issue 18). The answer is exact below `cap`, and `cap` means "at least cap".
   */
  async countUpTo(collection: CollectionName, filter: Filter, cap: number): Promise<number> {
    if (cap <= 0) return 0;
    return (await this.find(collection, filter, { limit: cap, fields: { _id: true } })).length;
  },

  /** Inserts with the caller's id; a duplicate id is an error from the database. */
  async insert<T extends Doc>(collection: CollectionName, doc: T): Promise<void> {
    storeStats.requests++;
    await db()
      .collection(collection)
      .add({ data: { _id: doc._id, ...withoutId(doc) } });
  },

  /**
   * Inserts many documents in one request (`add` with an array). A taken id fails the request; what
   * the failed request left written is not specified (the local cloud writes none), so callers that
   * retry use ids that make a second write harmless (see server/linkage/bulk.ts).
   */
  async insertMany<T extends Doc>(collection: CollectionName, docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    storeStats.requests++;
    await db()
      .collection(collection)
      .add({ data: docs.map((doc) => ({ _id: doc._id, ...withoutId(doc) })) });
  },

  /** Replaces the whole document (creating it if absent). */
  async put<T extends Doc>(collection: CollectionName, doc: T): Promise<void> {
    storeStats.requests++;
    await db()
      .collection(collection)
      .doc(doc._id)
      .set({ data: withoutId(doc) });
  },

  /**
   * Check-and-set on the document's revision: writes `next` only if the stored document still has
   * `expectedRev`. One request, atomic on a single document. Returns false when someone else won.
   */
  async replaceIfRev<T extends Versioned>(collection: CollectionName, next: T, expectedRev: number): Promise<boolean> {
    storeStats.requests++;
    const data = withoutId({ ...next, rev: expectedRev + 1 });
    const res = await db().collection(collection).where({ _id: next._id, rev: expectedRev }).update({ data });
    return res.stats.updated === 1;
  },

  async updateWhere(collection: CollectionName, filter: Filter, patch: Filter): Promise<number> {
    storeStats.requests++;
    const res = await db().collection(collection).where(filter).update({ data: patch });
    return res.stats.updated;
  },

  async remove(collection: CollectionName, id: string): Promise<void> {
    storeStats.requests++;
    await db().collection(collection).doc(id).remove();
  },

  /**
   * Runs `fn` in a transaction. The SDK re-runs a transaction that lost a conflict three times, then
   * gives up; changes that share a hot document (the audit chain's head) can lose more often than that
   * at busy moments, so a lost transaction is run again after a short random pause, a few more times.
   * `fn` must therefore only read and write through `tx` (it does: load → apply → save).
   */
  async transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      storeStats.requests++;
      try {
        return await db().runTransaction(async (sdkTx) => fn(txStore(sdkTx)));
      } catch (err) {
        if (!isTransactionConflict(err) || attempt >= TRANSACTION_ROUNDS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  },
};

export interface TxStore {
  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null>;
  put<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
  update(collection: CollectionName, id: string, patch: Filter): Promise<void>;
}

function txStore(tx: SdkTransaction): TxStore {
  return {
    async get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null> {
      storeStats.requests++;
      try {
        const res = await tx.collection(collection).doc(id).get();
        storeStats.documentsRead++;
        return (res.data ?? null) as T | null;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async put<T extends Doc>(collection: CollectionName, doc: T): Promise<void> {
      storeStats.requests++;
      await tx
        .collection(collection)
        .doc(doc._id)
        .set({ data: withoutId(doc) });
    },
    async update(collection: CollectionName, id: string, patch: Filter): Promise<void> {
      storeStats.requests++;
      await tx.collection(collection).doc(id).update({ data: patch });
    },
  };
}

export type Store = typeof store;
