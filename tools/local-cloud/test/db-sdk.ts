/**
 * Test support: a local cloud on an ephemeral port with the real wx-server-sdk pointed at it, and a
 * typed face over the SDK's database API (its own typings are `any` throughout).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cloud from 'wx-server-sdk';
import { type Doc, type LocalCloud, type LocalCloudOptions, createLocalCloud } from '../src';

export type { Doc };

/** A query or update command; query commands chain with and/or. */
export interface SdkCmd {
  and(...conds: unknown[]): SdkCmd;
  or(...conds: unknown[]): SdkCmd;
}

export interface SdkCommand {
  eq(v: unknown): SdkCmd;
  neq(v: unknown): SdkCmd;
  gt(v: unknown): SdkCmd;
  gte(v: unknown): SdkCmd;
  lt(v: unknown): SdkCmd;
  lte(v: unknown): SdkCmd;
  in(v: unknown[]): SdkCmd;
  nin(v: unknown[]): SdkCmd;
  exists(v: boolean): SdkCmd;
  and(...conds: unknown[]): SdkCmd;
  or(...conds: unknown[]): SdkCmd;
  inc(n: number): SdkCmd;
  push(v: unknown): SdkCmd;
  remove(): SdkCmd;
  set(v: unknown): SdkCmd;
  aggregate: { sum(v: unknown): unknown };
}

export interface SdkQuery {
  where(filter: unknown): SdkQuery;
  orderBy(field: string, dir: 'asc' | 'desc'): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(projection: Record<string, boolean>): SdkQuery;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface SdkDocRef {
  get(): Promise<{ data: Doc }>;
  set(options: { data: Doc }): Promise<{ _id: string | number; stats: { updated: number; created: number } }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
  field(projection: Record<string, boolean>): SdkDocRef;
}

export interface SdkAggregate {
  match(v: Doc): SdkAggregate;
  group(v: Doc): SdkAggregate;
  sort(v: Doc): SdkAggregate;
  lookup(v: Doc): SdkAggregate;
  project(v: Doc): SdkAggregate;
  limit(n: number): SdkAggregate;
  end(): Promise<{ list: Doc[] }>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string | number): SdkDocRef;
  add(options: { data: Doc }): Promise<{ _id: string | number }>;
  aggregate(): SdkAggregate;
}

export interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface SdkDb {
  collection(name: string): SdkCollection;
  command: SdkCommand;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(fn: (tx: SdkTransaction) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<SdkTransaction>;
}

/** What the SDK rejects with. */
export interface SdkError {
  errCode: number;
  message: string;
}

export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    const e = err as Partial<SdkError> & { code?: unknown };
    return {
      errCode: typeof e.errCode === 'number' ? e.errCode : Number.NaN,
      message: String(e.message ?? (typeof e.code === 'string' ? e.code : err)),
    };
  }
  throw new Error('expected the SDK call to fail');
}

let initialised = false;

/**
 * Starts an in-memory local cloud and points this process's wx-server-sdk at it (process-wide
 * env: one cloud per test file).
 */
export async function startCloud(options: LocalCloudOptions = {}): Promise<{ local: LocalCloud; db: SdkDb }> {
  const local = await createLocalCloud({
    port: 0,
    dataDir: null,
    timers: false,
    functionsDir: mkdtempSync(join(tmpdir(), 'lc-fns-')),
    clock: { start: '2026-03-02T09:00:00+08:00', frozen: true },
    ...options,
  });
  Object.assign(process.env, local.sdkEnv(), { SILENCE: 'true' });
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return { local, db: cloud.database() as unknown as SdkDb };
}

/** Raw POST to /admin, for what the SDK would never send. */
export async function postAdmin(
  local: LocalCloud,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(local.adminUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
