/**
 * The embedded store: SQLite (better-sqlite3, WAL) holding one table per collection
 * (k = order-preserving key of _id, body = canonical EJSON, ver = commit sequence) and, per declared
 * index, an explicit index table written in the same SQLite transaction as the document.
 * 第三十二条 (后台数据的管理): an acknowledged write is committed to the WAL before the answer leaves,
 * so a killed process loses nothing it confirmed and never leaves a half-written store.
 *
 * Index tables hold one row per (key tuple, document): arrays are unrolled (multikey) and each key
 * column carries its declared direction, so SQLite itself walks e.g. (accountId asc, updatedAt desc).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CollectionSpec, IndexSpec } from '../../../../core/schema';
import { type Doc, parseStored, stringifyEJSON } from './ejson';
import { DbError, collectionNotExist, errorInfo, invalidParam } from './errors';
import { indexEntries } from './keys';

export interface Row {
  key: string;
  doc: Doc;
  /** Commit sequence of the last write: transactions compare it to detect conflicts. */
  ver: number;
}

export interface IndexInfo {
  name: string;
  fields: string[];
  directions: Array<1 | -1>;
  unique: boolean;
  /** Some document had an array on an indexed path: bounds on one field may not be intersected. */
  multikey: boolean;
  table: string;
}

/** A constraint on one key column. Bounds are keys from keys.ts. */
export type ColumnBound =
  | { kind: 'points'; keys: string[] }
  | { kind: 'range'; lo: string | null; loInclusive: boolean; hi: string | null; hiInclusive: boolean };

export interface IndexScan {
  index: IndexInfo;
  /** Per key column, in index order; missing = unconstrained. */
  bounds: Array<ColumnBound | undefined>;
  /** Sort by key columns (by position) and/or the id column; empty = index order is irrelevant. */
  order: Array<{ column: number | 'id'; direction: 1 | -1 }>;
  /** A bound on `_id` the filter also sets: checked on the index row, so skipped rows are never fetched. */
  idBound?: ColumnBound;
}

export interface StoreStats {
  /** Documents fetched from the store (rows whose body was read). */
  documentsRead: number;
  /** The same, per collection (what a benchmark names when a figure is too high). */
  readsByCollection: { [collection: string]: number };
  documentsWritten: number;
  fullScans: number;
  indexScans: number;
}

export interface StoreOptions {
  /** SQLite file; null = in memory (tests). */
  file: string | null;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function docTable(collection: string): string {
  return quote(`c$${collection}`);
}

function indexTable(collection: string, index: string): string {
  return quote(`i$${collection}$${index}`);
}

function specKey(spec: IndexSpec): string {
  return JSON.stringify({ keys: spec.keys, unique: spec.unique === true });
}

interface IndexMetaRow {
  collection: string;
  name: string;
  spec: string;
  multikey: number;
}

interface DocRow {
  k: string;
  body: string;
  ver: number;
}

/** Prepared once per collection: the hot paths run thousands of times per second. */
interface DocStatements {
  get: Database.Statement;
  version: Database.Statement;
  insert: Database.Statement;
  update: Database.Statement;
  remove: Database.Statement;
  scan: Database.Statement;
}

interface IndexStatements {
  insert: Database.Statement;
  removeId: Database.Statement;
  /** Another document holding the same key tuple (unique indexes). */
  probe: Database.Statement;
}

export class Store {
  readonly stats: StoreStats = {
    documentsRead: 0,
    readsByCollection: {},
    documentsWritten: 0,
    fullScans: 0,
    indexScans: 0,
  };

  private countRead(collection: string): void {
    this.stats.documentsRead++;
    this.stats.readsByCollection[collection] = (this.stats.readsByCollection[collection] ?? 0) + 1;
  }
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly docStatements = new Map<string, DocStatements>();
  private readonly indexStatements = new Map<string, IndexStatements>();
  private readonly collectionSet = new Set<string>();
  private readonly indexMap = new Map<string, IndexInfo[]>();
  private seq = 0;

  constructor(options: StoreOptions) {
    if (options.file !== null) mkdirSync(dirname(options.file), { recursive: true });
    // A second local cloud on the same folder gives up after 1 s instead of queueing behind the lock.
    this.db = new Database(options.file ?? ':memory:', { timeout: 1000 });
    if (options.file !== null) {
      try {
        // One process owns a data folder: versions for conflict detection live in this process.
        this.db.pragma('locking_mode = EXCLUSIVE');
        this.db.pragma('journal_mode = WAL');
        // NORMAL in WAL mode survives any process crash; FULL would only add power-loss safety.
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('cache_size = -65536');
        this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
      } catch (err) {
        this.db.close();
        if (/locked|busy/i.test(errorInfo(err).message)) {
          throw new DbError('DATABASE_REQUEST_FAILED', `数据目录正被另一个本地云进程使用：${options.file}`);
        }
        throw err;
      }
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS _indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, multikey INTEGER NOT NULL,
        PRIMARY KEY (collection, name));
    `);
    this.loadCatalog();
  }

  close(): void {
    this.forgetStatements();
    if (this.db.open) this.db.close();
  }

  /** The local cloud's own bookkeeping (the clock), kept beside the data and never reset with it. */
  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT v FROM _meta WHERE k = ?').pluck().get(key) as string | undefined;
    return row ?? null;
  }

  setMeta(key: string, value: string): void {
    if (!this.db.open) return;
    this.db
      .prepare('INSERT INTO _meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v')
      .run(key, value);
  }

  /** Runs fn in one SQLite transaction: all of it is on disk, or none of it. */
  atomically<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }

  // --- catalog -------------------------------------------------------------------------------

  /** Creates the declared collections and brings their indexes in line with the declaration. */
  applySchema(schema: readonly CollectionSpec[]): void {
    this.atomically(() => {
      for (const spec of schema) {
        if (!this.collectionSet.has(spec.name)) this.createCollection(spec.name);
        this.syncIndexes(spec.name, spec.indexes);
      }
    });
  }

  has(collection: string): boolean {
    return this.collectionSet.has(collection);
  }

  collections(): string[] {
    return [...this.collectionSet].sort();
  }

  indexes(collection: string): IndexInfo[] {
    return this.indexMap.get(collection) ?? [];
  }

  createCollection(name: string): void {
    if (!COLLECTION_NAME.test(name))
      throw invalidParam(`集合名称不合法：${name}（仅限字母、数字、_ 和 -，至多 64 个字符）`);
    if (this.collectionSet.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`);
    }
    this.atomically(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${docTable(name)} (k TEXT PRIMARY KEY, body TEXT NOT NULL, ver INTEGER NOT NULL)`,
      );
      this.db.prepare('INSERT OR IGNORE INTO _collections (name) VALUES (?)').run(name);
    });
    this.collectionSet.add(name);
    this.indexMap.set(name, []);
  }

  /** Drops every collection and index: the store is empty afterwards (schema applied again by the caller). */
  dropAll(): void {
    this.atomically(() => {
      for (const name of this.collectionSet) {
        for (const index of this.indexes(name)) this.db.exec(`DROP TABLE IF EXISTS ${index.table}`);
        this.db.exec(`DROP TABLE IF EXISTS ${docTable(name)}`);
      }
      this.db.exec('DELETE FROM _collections; DELETE FROM _indexes;');
    });
    this.forgetStatements();
    this.collectionSet.clear();
    this.indexMap.clear();
    this.seq = 0;
  }

  private loadCatalog(): void {
    const names = this.db.prepare('SELECT name FROM _collections').pluck().all() as string[];
    for (const name of names) {
      this.collectionSet.add(name);
      this.indexMap.set(name, []);
      const maxVer = this.db
        .prepare(`SELECT MAX(ver) FROM ${docTable(name)}`)
        .pluck()
        .get() as number | null;
      this.seq = Math.max(this.seq, maxVer ?? 0);
    }
    for (const row of this.db
      .prepare('SELECT collection, name, spec, multikey FROM _indexes')
      .all() as IndexMetaRow[]) {
      const spec = JSON.parse(row.spec) as { keys: IndexSpec['keys']; unique: boolean };
      this.indexMap
        .get(row.collection)
        ?.push(
          this.indexInfo(row.collection, { name: row.name, keys: spec.keys, unique: spec.unique }, row.multikey === 1),
        );
    }
  }

  private indexInfo(collection: string, spec: IndexSpec, multikey: boolean): IndexInfo {
    return {
      name: spec.name,
      fields: spec.keys.map((k) => k.field),
      directions: spec.keys.map((k) => k.direction),
      unique: spec.unique === true,
      multikey,
      table: indexTable(collection, spec.name),
    };
  }

  private syncIndexes(collection: string, specs: readonly IndexSpec[]): void {
    const stored = new Map(
      (
        this.db
          .prepare('SELECT collection, name, spec, multikey FROM _indexes WHERE collection = ?')
          .all(collection) as IndexMetaRow[]
      ).map((r) => [r.name, r]),
    );
    for (const [name, row] of stored) {
      const wanted = specs.find((s) => s.name === name);
      if (wanted === undefined || specKey(wanted) !== row.spec) this.dropIndex(collection, name);
    }
    for (const spec of specs) {
      const row = stored.get(spec.name);
      if (row === undefined || specKey(spec) !== row.spec) this.buildIndex(collection, spec);
    }
  }

  private dropIndex(collection: string, name: string): void {
    this.db.exec(`DROP TABLE IF EXISTS ${indexTable(collection, name)}`);
    this.db.prepare('DELETE FROM _indexes WHERE collection = ? AND name = ?').run(collection, name);
    this.indexMap.set(
      collection,
      this.indexes(collection).filter((i) => i.name !== name),
    );
    this.forgetStatements();
  }

  private buildIndex(collection: string, spec: IndexSpec): void {
    const table = indexTable(collection, spec.name);
    const columns = spec.keys.map((_, i) => `k${i} TEXT NOT NULL`).join(', ');
    const pk = spec.keys.map((k, i) => `k${i}${k.direction === -1 ? ' DESC' : ''}`).join(', ');
    this.db.exec(`CREATE TABLE ${table} (${columns}, id TEXT NOT NULL, PRIMARY KEY (${pk}, id)) WITHOUT ROWID`);
    this.db.exec(`CREATE INDEX ${quote(`i$${collection}$${spec.name}$id`)} ON ${table} (id)`);
    this.db
      .prepare('INSERT INTO _indexes (collection, name, spec, multikey) VALUES (?, ?, ?, 0)')
      .run(collection, spec.name, specKey(spec));
    const info = this.indexInfo(collection, spec, false);
    this.indexMap.set(collection, [...this.indexes(collection).filter((i) => i.name !== spec.name), info]);
    this.forgetStatements();
    for (const row of this.db.prepare(`SELECT k, body FROM ${docTable(collection)}`).all() as DocRow[]) {
      this.writeIndex(collection, info, row.k, null, parseStored(row.body));
    }
  }

  // --- reads ---------------------------------------------------------------------------------

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private requireCollection(collection: string): void {
    if (!this.collectionSet.has(collection)) throw collectionNotExist(collection);
  }

  private docSql(collection: string): DocStatements {
    let st = this.docStatements.get(collection);
    if (st === undefined) {
      const t = docTable(collection);
      st = {
        get: this.db.prepare(`SELECT k, body, ver FROM ${t} WHERE k = ?`),
        version: this.db.prepare(`SELECT ver FROM ${t} WHERE k = ?`).pluck(),
        insert: this.db.prepare(`INSERT INTO ${t} (k, body, ver) VALUES (?, ?, ?)`),
        update: this.db.prepare(`UPDATE ${t} SET body = ?, ver = ? WHERE k = ?`),
        remove: this.db.prepare(`DELETE FROM ${t} WHERE k = ?`),
        scan: this.db.prepare(`SELECT k, body, ver FROM ${t} ORDER BY rowid`),
      };
      this.docStatements.set(collection, st);
    }
    return st;
  }

  private indexSql(index: IndexInfo): IndexStatements {
    let st = this.indexStatements.get(index.table);
    if (st === undefined) {
      const cols = index.fields.map((_, i) => `k${i}`);
      st = {
        insert: this.db.prepare(
          `INSERT OR IGNORE INTO ${index.table} (${cols.join(', ')}, id) VALUES (${cols.map(() => '?').join(', ')}, ?)`,
        ),
        removeId: this.db.prepare(`DELETE FROM ${index.table} WHERE id = ?`),
        probe: this.db
          .prepare(
            `SELECT id FROM ${index.table} WHERE ${cols.map((c) => `${c} = ?`).join(' AND ')} AND id <> ? LIMIT 1`,
          )
          .pluck(),
      };
      this.indexStatements.set(index.table, st);
    }
    return st;
  }

  /** Prepared statements name tables: any catalog change invalidates them. */
  private forgetStatements(): void {
    this.statements.clear();
    this.docStatements.clear();
    this.indexStatements.clear();
  }

  get(collection: string, key: string): Row | null {
    this.requireCollection(collection);
    const row = this.docSql(collection).get.get(key) as DocRow | undefined;
    if (row === undefined) return null;
    this.countRead(collection);
    return { key: row.k, doc: parseStored(row.body), ver: row.ver };
  }

  /** The version of a document without reading it (0 = absent): for commit-time validation. */
  version(collection: string, key: string): number {
    this.requireCollection(collection);
    const ver = this.docSql(collection).version.get(key) as number | undefined;
    return ver ?? 0;
  }

  /** Every document in natural (insertion) order, read lazily so a limit stops the scan. */
  *scan(collection: string): Generator<Row> {
    this.requireCollection(collection);
    this.stats.fullScans++;
    for (const row of this.docSql(collection).scan.iterate() as IterableIterator<DocRow>) {
      this.countRead(collection);
      yield { key: row.k, doc: parseStored(row.body), ver: row.ver };
    }
  }

  /** Ids from the `_id` primary key within bounds, in key order. */
  *scanIds(collection: string, bound: ColumnBound, direction: 1 | -1): Generator<Row> {
    this.requireCollection(collection);
    this.stats.indexScans++;
    const { where, params } = boundSql('k', bound);
    const sql = `SELECT k, body, ver FROM ${docTable(collection)} WHERE ${where} ORDER BY k${direction === -1 ? ' DESC' : ''}`;
    for (const row of this.stmt(sql).iterate(...params) as IterableIterator<DocRow>) {
      this.countRead(collection);
      yield { key: row.k, doc: parseStored(row.body), ver: row.ver };
    }
  }

  /** Documents whose index entries lie within the bounds, in the requested key order, each once. */
  *scanIndex(collection: string, scan: IndexScan): Generator<Row> {
    this.requireCollection(collection);
    this.stats.indexScans++;
    const clauses: string[] = [];
    const params: string[] = [];
    scan.bounds.forEach((bound, i) => {
      if (bound === undefined) return;
      const part = boundSql(`k${i}`, bound);
      clauses.push(part.where);
      params.push(...part.params);
    });
    if (scan.idBound !== undefined) {
      const part = boundSql('id', scan.idBound);
      clauses.push(part.where);
      params.push(...part.params);
    }
    const order = scan.order.map(
      (o) => `${o.column === 'id' ? 'id' : `k${o.column}`}${o.direction === -1 ? ' DESC' : ''}`,
    );
    const sql =
      `SELECT id FROM ${scan.index.table}` +
      (clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '') +
      (order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '');
    const seen = new Set<string>();
    const fetch = this.docSql(collection).get;
    for (const id of this.stmt(sql)
      .pluck()
      .iterate(...params) as IterableIterator<string>) {
      if (seen.has(id)) continue;
      seen.add(id);
      const row = fetch.get(id) as DocRow | undefined;
      if (row === undefined) continue;
      this.countRead(collection);
      yield { key: row.k, doc: parseStored(row.body), ver: row.ver };
    }
  }

  // --- writes --------------------------------------------------------------------------------

  /** Inserts a new document; a taken _id or unique key is E11000, as MongoDB words it. */
  insert(collection: string, key: string, doc: Doc): number {
    this.requireCollection(collection);
    return this.atomically(() => {
      const ver = ++this.seq;
      try {
        this.docSql(collection).insert.run(key, stringifyEJSON(doc), ver);
      } catch (err) {
        if (errorInfo(err).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw duplicateKey(collection, '_id_', JSON.stringify(doc._id));
        }
        throw err;
      }
      for (const index of this.indexes(collection)) this.writeIndex(collection, index, key, null, doc);
      this.stats.documentsWritten++;
      return ver;
    });
  }

  /** Replaces an existing document in place (natural order is kept). */
  replace(collection: string, key: string, before: Doc, after: Doc): number {
    this.requireCollection(collection);
    return this.atomically(() => {
      const ver = ++this.seq;
      const res = this.docSql(collection).update.run(stringifyEJSON(after), ver, key);
      if (res.changes !== 1) throw new DbError('DATABASE_REQUEST_FAILED', `文档不存在：${key}`);
      for (const index of this.indexes(collection)) this.writeIndex(collection, index, key, before, after);
      this.stats.documentsWritten++;
      return ver;
    });
  }

  remove(collection: string, key: string): boolean {
    this.requireCollection(collection);
    return this.atomically(() => {
      const res = this.docSql(collection).remove.run(key);
      if (res.changes === 0) return false;
      for (const index of this.indexes(collection)) this.indexSql(index).removeId.run(key);
      ++this.seq;
      this.stats.documentsWritten++;
      return true;
    });
  }

  private writeIndex(collection: string, index: IndexInfo, key: string, before: Doc | null, after: Doc): void {
    const st = this.indexSql(index);
    const next = indexEntries(after, index.fields);
    if (before !== null) {
      const prev = indexEntries(before, index.fields).entries;
      if (sameEntries(prev, next.entries)) return;
      st.removeId.run(key);
    }
    if (next.multikey && !index.multikey) {
      index.multikey = true;
      this.stmt('UPDATE _indexes SET multikey = 1 WHERE collection = ? AND name = ?').run(collection, index.name);
    }
    if (index.unique) {
      for (const entry of next.entries) {
        if (st.probe.get(...entry, key) !== undefined) {
          throw duplicateKey(collection, index.name, describeEntry(index, after));
        }
      }
    }
    for (const entry of next.entries) st.insert.run(...entry, key);
  }
}

function sameEntries(a: string[][], b: string[][]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map((e) => e.join('\u0000')));
  return b.every((e) => set.has(e.join('\u0000')));
}

function describeEntry(index: IndexInfo, doc: Doc): string {
  const parts = index.fields.map(
    (f) =>
      `${f}: ${JSON.stringify(f.split('.').reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Doc)[p] : undefined), doc)) ?? 'null'}`,
  );
  return `{ ${parts.join(', ')} }`;
}

function duplicateKey(collection: string, index: string, key: string): DbError {
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${index === '_id_' ? `{ _id: ${key} }` : key}`,
  );
}

function boundSql(column: string, bound: ColumnBound): { where: string; params: string[] } {
  if (bound.kind === 'points') {
    return { where: `${column} IN (${bound.keys.map(() => '?').join(', ')})`, params: bound.keys };
  }
  const parts: string[] = [];
  const params: string[] = [];
  if (bound.lo !== null) {
    parts.push(`${column} ${bound.loInclusive ? '>=' : '>'} ?`);
    params.push(bound.lo);
  }
  if (bound.hi !== null) {
    parts.push(`${column} ${bound.hiInclusive ? '<=' : '<'} ?`);
    params.push(bound.hi);
  }
  return { where: parts.length > 0 ? parts.join(' AND ') : '1', params };
}
