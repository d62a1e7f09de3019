/**
 * Transactions as CloudBase offers them: single-document operations only (doc().get/set/update/
 * remove and add; a where() inside a transaction is refused, as in production), writes invisible
 * outside until commit, and a snapshot per document (a second read returns what the first saw).
 *
 * Concurrency is optimistic: every committed document the transaction depends on is remembered
 * with its version, and commit re-checks them inside one SQLite transaction. If any changed, the
 * whole transaction is discarded with DATABASE_TRANSACTION_CONFLICT, which makes the SDK's
 * runTransaction run the callback again. Nothing of a losing transaction is ever written, so no
 * update is lost or applied twice. (CloudBase itself locks on the first write instead, so there the
 * second writer fails at its write; either way exactly one of two conflicting transactions wins.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Doc, isPlainObject, stringifyEJSON } from './ejson';
import type { FindOptions, LocalDatabase, UpdateOptions, UpdateResult } from './engine';
import { prepareDoc } from './engine';
import { DbError, collectionNotExist, requestFailed } from './errors';
import { idKey } from './keys';
import { prepareFilter } from './query';

interface Snapshot {
  /** Committed version seen (0 = absent). */
  ver: number;
  doc: Doc | null;
}

interface TxState {
  startedAt: number;
  /** collection → key → what the transaction first saw. */
  reads: Map<string, Map<string, Snapshot>>;
  /** collection → key → final state (null = removed), in write order. */
  writes: Map<string, Map<string, Doc | null>>;
}

export interface TransactionOptions {
  /** A transaction left open longer than this (real time) is discarded. */
  ttlMs?: number;
}

/** A forgotten transaction must not pin memory forever. */
const DEFAULT_TTL_MS = 5 * 60_000;

function conflict(collection: string): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `database transaction conflict: ${collection} 中的文档已被其他操作修改`,
  );
}

/** The `_id` of a DOC query; anything else is a bulk operation, which transactions do not allow. */
function docKey(filter: Doc): string {
  const id = filter._id;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || (typeof id !== 'string' && typeof id !== 'number') || isPlainObject(id)) {
    throw requestFailed('事务中不支持批量操作（where），只支持单记录操作（collection.doc、collection.add）');
  }
  return idKey(id);
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
    this.open.set(id, { startedAt: performance.now(), reads: new Map(), writes: new Map() });
    return id;
  }

  abort(id: string): void {
    this.state(id);
    this.open.delete(id);
  }

  /** Drops every open transaction (the database was reset under them). */
  clear(): void {
    this.open.clear();
  }

  /** Applies the transaction if nothing it depends on changed; it is closed either way. */
  commit(id: string): void {
    const tx = this.state(id);
    this.open.delete(id);
    const store = this.db.store;
    store.atomically(() => {
      for (const [collection, reads] of tx.reads) {
        for (const [key, seen] of reads) if (store.version(collection, key) !== seen.ver) throw conflict(collection);
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

  private own(tx: TxState, collection: string): Map<string, Doc | null> {
    let m = tx.writes.get(collection);
    if (m === undefined) {
      m = new Map();
      tx.writes.set(collection, m);
    }
    return m;
  }

  /** The document as this transaction sees it: its own write, else its snapshot of the committed one. */
  private read(tx: TxState, collection: string, key: string): Doc | null {
    if (!this.db.hasCollection(collection)) throw collectionNotExist(collection);
    const own = tx.writes.get(collection);
    if (own?.has(key)) return own.get(key) ?? null;
    let reads = tx.reads.get(collection);
    if (reads === undefined) {
      reads = new Map();
      tx.reads.set(collection, reads);
    }
    let seen = reads.get(key);
    if (seen === undefined) {
      const row = this.db.store.get(collection, key);
      seen = { ver: row?.ver ?? 0, doc: row?.doc ?? null };
      reads.set(key, seen);
    }
    return seen.doc;
  }

  find(id: string, collection: string, filter: Doc, options: FindOptions): Doc[] {
    const tx = this.state(id);
    const doc = this.read(tx, collection, docKey(filter));
    return doc === null ? [] : this.db.window([doc], options);
  }

  insert(id: string, collection: string, docs: Doc[]): unknown[] {
    const tx = this.state(id);
    const now = this.db.now();
    const prepared = docs.map((d) => this.db.prepareInsert(prepareDoc(d, now)));
    for (const { key, doc } of prepared) {
      if (this.read(tx, collection, key) !== null) {
        throw requestFailed(
          `[FailedOperation] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
        );
      }
    }
    const own = this.own(tx, collection);
    for (const { key, doc } of prepared) own.set(key, doc);
    return prepared.map((p) => p.doc._id);
  }

  update(id: string, collection: string, filter: Doc, data: Doc, options: UpdateOptions): UpdateResult {
    const tx = this.state(id);
    const key = docKey(filter);
    const current = this.read(tx, collection, key);
    const resolved = prepareDoc(data, this.db.now());
    const own = this.own(tx, collection);
    if (current === null) {
      if (!options.upsert) return { updated: 0, upsertedId: undefined };
      const created = this.db.prepareInsert(
        this.db.upsertDoc(prepareFilter(filter, this.db.now()), resolved, options.replace),
      );
      own.set(key, created.doc);
      return { updated: 0, upsertedId: created.doc._id };
    }
    const next = this.db.nextState(current, resolved, options.replace, prepareFilter(filter, this.db.now()));
    if (stringifyEJSON(next) === stringifyEJSON(current)) return { updated: 0, upsertedId: undefined };
    own.set(key, next);
    return { updated: 1, upsertedId: undefined };
  }

  remove(id: string, collection: string, filter: Doc): number {
    const tx = this.state(id);
    const key = docKey(filter);
    if (this.read(tx, collection, key) === null) return 0;
    this.own(tx, collection).set(key, null);
    return 1;
  }
}
