/**
 * Transactions, optimistic: a transaction's writes stay in its own overlay (invisible to everyone
 * else) and every committed document it read or wrote is remembered with its version. Commit
 * re-checks those versions, and the result of every query it ran, inside one SQLite transaction:
 * if anything changed meanwhile the whole transaction is discarded with
 * DATABASE_TRANSACTION_CONFLICT, which makes the SDK's runTransaction run the callback again.
 * Nothing of a losing transaction is ever written, so nothing is lost or applied twice.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Doc, stringifyEJSON } from './ejson';
import type { FindOptions, LocalDatabase, UpdateResult, UpdateOptions } from './engine';
import { prepareDoc } from './engine';
import { DbError, collectionNotExist } from './errors';
import { idKey } from './keys';
import { prepareFilter } from './query';

interface QueryRead {
  collection: string;
  filter: Doc;
  fingerprint: string;
}

interface TxState {
  id: string;
  startedAt: number;
  /** collection → key → version seen (0 = absent). */
  reads: Map<string, Map<string, number>>;
  queries: QueryRead[];
  /** collection → key → final state (null = removed), in write order. */
  writes: Map<string, Map<string, Doc | null>>;
}

export interface TransactionOptions {
  /** A transaction left open longer than this (real time) is discarded. */
  ttlMs?: number;
}

/** CloudBase aborts long transactions too; a forgotten one must not pin memory forever. */
const DEFAULT_TTL_MS = 5 * 60_000;

function conflict(detail: string): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${detail}`);
}

export class Transactions {
  private readonly open = new Map<string, TxState>();
  private readonly ttlMs: number;

  constructor(
    private readonly db: LocalDatabase,
    options: TransactionOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  get openCount(): number {
    return this.open.size;
  }

  start(): string {
    this.sweep();
    const id = randomUUID();
    this.open.set(id, { id, startedAt: performance.now(), reads: new Map(), queries: [], writes: new Map() });
    return id;
  }

  abort(id: string): void {
    this.state(id);
    this.open.delete(id);
  }

  /** Applies the transaction if nothing it depends on changed; it is closed either way. */
  commit(id: string): void {
    const tx = this.state(id);
    this.open.delete(id);
    const store = this.db.store;
    store.atomically(() => {
      for (const [collection, reads] of tx.reads) {
        for (const [key, ver] of reads) {
          if (store.version(collection, key) !== ver) throw conflict(`${collection} 中的文档已被其他操作修改`);
        }
      }
      for (const q of tx.queries) {
        if (this.db.fingerprint(q.collection, q.filter) !== q.fingerprint)
          throw conflict(`${q.collection} 的查询结果已被其他操作改变`);
      }
      for (const [collection, writes] of tx.writes) {
        for (const [key, doc] of writes) {
          const current = store.get(collection, key);
          if (doc === null) {
            if (current !== null) store.remove(collection, key);
          } else if (current === null) {
            store.insert(collection, key, doc);
          } else {
            store.replace(collection, key, current.doc, doc);
          }
        }
      }
    });
  }

  // --- operations inside a transaction --------------------------------------------------------

  private state(id: string): TxState {
    this.sweep();
    const tx = this.open.get(id);
    if (tx === undefined) throw new DbError('DATABASE_TRANSACTION_FAIL', `事务不存在或已结束：${id}`);
    return tx;
  }

  private sweep(): void {
    const cutoff = performance.now() - this.ttlMs;
    for (const [id, tx] of this.open) if (tx.startedAt < cutoff) this.open.delete(id);
  }

  private overlay(tx: TxState, collection: string): Map<string, Doc | null> {
    let m = tx.writes.get(collection);
    if (m === undefined) {
      m = new Map();
      tx.writes.set(collection, m);
    }
    return m;
  }

  /** The document as the transaction sees it, remembering the committed version it depends on. */
  private read(tx: TxState, collection: string, key: string): Doc | null {
    if (!this.db.hasCollection(collection)) throw collectionNotExist(collection);
    const own = tx.writes.get(collection);
    if (own?.has(key)) return own.get(key) ?? null;
    const row = this.db.store.get(collection, key);
    let reads = tx.reads.get(collection);
    if (reads === undefined) {
      reads = new Map();
      tx.reads.set(collection, reads);
    }
    if (!reads.has(key)) reads.set(key, row?.ver ?? 0);
    return row?.doc ?? null;
  }

  find(id: string, collection: string, filter: Doc, options: FindOptions): Doc[] {
    const tx = this.state(id);
    const docKey = pointKey(filter);
    if (docKey !== null) {
      const doc = this.read(tx, collection, docKey.key);
      if (doc === null) return [];
      return this.db.find(collection, filter, options, new Map([[docKey.key, doc]]));
    }
    if (!this.db.hasCollection(collection)) throw collectionNotExist(collection);
    tx.queries.push({ collection, filter, fingerprint: this.db.fingerprint(collection, filter) });
    return this.db.find(collection, filter, options, tx.writes.get(collection));
  }

  insert(id: string, collection: string, docs: Doc[]): unknown[] {
    const tx = this.state(id);
    const now = this.db.now();
    const prepared = docs.map((d) => this.db.prepareInsert(prepareDoc(d, now)));
    for (const { key, doc } of prepared) {
      if (this.read(tx, collection, key) !== null) {
        throw new DbError(
          'DATABASE_REQUEST_FAILED',
          `[FailedOperation] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
        );
      }
    }
    const own = this.overlay(tx, collection);
    for (const { key, doc } of prepared) own.set(key, doc);
    return prepared.map((p) => p.doc._id);
  }

  update(id: string, collection: string, filter: Doc, data: Doc, options: UpdateOptions): UpdateResult {
    const tx = this.state(id);
    const resolved = prepareDoc(data, this.db.now());
    const matches = this.matches(tx, collection, filter, options.multi);
    const own = this.overlay(tx, collection);
    let updated = 0;
    for (const { key, doc } of matches) {
      const next = this.db.nextState(doc, resolved, options.replace);
      if (stringifyEJSON(next) === stringifyEJSON(doc)) continue;
      own.set(key, next);
      updated++;
    }
    if (matches.length > 0 || !options.upsert) return { updated, upsertedId: undefined };
    const created = this.db.prepareInsert(
      this.db.upsertDoc(prepareFilter(filter, this.db.now()), resolved, options.replace),
    );
    this.read(tx, collection, created.key);
    own.set(created.key, created.doc);
    return { updated: 0, upsertedId: created.doc._id };
  }

  remove(id: string, collection: string, filter: Doc, multi: boolean): number {
    const tx = this.state(id);
    const matches = this.matches(tx, collection, filter, multi);
    const own = this.overlay(tx, collection);
    for (const { key } of matches) own.set(key, null);
    return matches.length;
  }

  /** Documents a write in the transaction applies to, each recorded as read. */
  private matches(tx: TxState, collection: string, filter: Doc, multi: boolean): Array<{ key: string; doc: Doc }> {
    const docKey = pointKey(filter);
    if (docKey !== null) {
      const doc = this.read(tx, collection, docKey.key);
      if (doc === null) return [];
      return this.db.find(collection, filter, {}, new Map([[docKey.key, doc]])).length > 0
        ? [{ key: docKey.key, doc }]
        : [];
    }
    if (!this.db.hasCollection(collection)) throw collectionNotExist(collection);
    tx.queries.push({ collection, filter, fingerprint: this.db.fingerprint(collection, filter) });
    const found = this.db.matchForWrite(collection, filter, multi, tx.writes.get(collection));
    for (const { key } of found) this.read(tx, collection, key);
    return found.map(({ key }) => ({ key, doc: this.read(tx, collection, key) ?? {} }));
  }
}

/** `{_id: X}` (the SDK's doc() operations): a point read, tracked by version alone. */
function pointKey(filter: Doc): { key: string } | null {
  const id = filter._id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return { key: idKey(id) };
}
