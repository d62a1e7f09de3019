/**
 * The local cloud's HTTP face. `/admin` is CloudBase's API as the unmodified wx-server-sdk calls it
 * (JSON or multipart, dispatched by the action's service prefix); the other routes are the
 * contract tests and tools drive the local cloud through:
 *
 *   POST /admin                 CloudBase API (database.*, functions.*, storage.*, wx.openApi)
 *   POST /functions/<name>      invoke as the mini-program would (body = event, header x-wx-openid)
 *   POST /triggers/<name>       fire a timer trigger (trigger or function name) now
 *   GET  /clock, POST /clock    read / move the clock: {"now": ISO} | {"advanceMs": N} | {"frozen": bool} | {"real": true}
 *   GET  /outbox                subscribe messages sent so far
 *   POST /openapi/fail          inject failures: {"sends": [...]} | {"touser", "failure"} | {"checks": [...]}
 *   POST /openapi/risky         {"terms": [...]} for security.msgSecCheck
 *   GET  /stats, POST /stats/reset
 *   POST /reset                 empty database, outbox and injected failures
 *   GET  /health
 *   POST /storage/upload        the mini-program's upload in DevTools (wx.uploadFile): multipart `file` + `cloudPath` → {fileID}
 *   POST /storage/temp-urls     {"fileList": [fileID], "maxAge"?} → {"fileList": [{fileID, tempFileURL, status}]}
 *   /storage/*                  the object-storage side of uploads and temp URLs
 *   POST /ai/script             the scripted model's next replies, rules and enabled models (ai/index.ts)
 *   GET  /ai/requests           every request the model received
 *
 * Requests whose Host is the environment's AI gateway (`<env>.api.tcloudbasegateway.com`, where the
 * functions' connections are routed by ai/route.ts) are the gateway's: `/auth/v1/…` and `/v1/ai/…`.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { schema as declaredSchema, type CollectionSpec } from '../../../core/schema';
import { AiGateway, ScriptRequest } from './ai';
import { Clock, ClockError, type ClockOptions } from './clock';
import { clockWentBack, persistClock, readSavedClock, restoreClock } from './clock/persist';
import { DatabaseActions, isDatabaseAction } from './db/actions';
import { LocalDatabase, type UnindexedQuery } from './db/engine';
import { errorInfo } from './db/errors';
import { Store } from './db/store';
import { Transactions } from './db/transactions';
import { OpenApi, parseMultipart } from './openapi';
import { DEFAULT_ENV_ID, FunctionsRuntime } from './runtime';
import { Storage, StorageError } from './storage';
import { TimerScheduler, TriggerNotFoundError } from './timers';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** Git-ignored; holds db.sqlite and storage/. */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.local-cloud');
export const DEFAULT_FUNCTIONS_DIR = join(REPO_ROOT, 'cloudfunctions');
export const HOST = '127.0.0.1';

/** Uploads go through /storage; nothing the product sends comes near this. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/**
 * Nesting a JSON body may have. Far beyond any real event or SDK request (their depth is a handful);
 * a deeper body is refused as malformed, before anything tries to walk it recursively (issue 11).
 */
export const MAX_BODY_DEPTH = 256;

/** How deep a parsed JSON value nests, counted without recursion; stops once past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

export interface LocalCloudOptions {
  /** 0 = ephemeral. Default: env PORT, else 0. */
  port?: number;
  /** Data folder (db.sqlite, storage/); null = everything in memory. Default: <repo>/.local-cloud. */
  dataDir?: string | null;
  /** Default: core/schema.ts. */
  schema?: readonly CollectionSpec[];
  /** Default: <repo>/cloudfunctions. */
  functionsDir?: string;
  /**
   * A clock to share, or how to make one. With a data folder and no `start`, the clock is restored
   * as the last run left it (moved forward stays moved); see clock/persist.ts.
   */
  clock?: Clock | ClockOptions;
  /**
   * false: `GET /health` answers 503 (starting) until `markReady()` — for a start-up that still has
   * work to do after listening (npm start seeds the demo data). Default true.
   */
  ready?: boolean;
  envId?: string;
  appid?: string;
  /** Run timer triggers on the clock. Default true. */
  timers?: boolean;
  /** Per function. */
  maxInstances?: number;
  /** Time zone of function instances; default UTC, like SCF. */
  tz?: string;
  /** Where function output goes; default: this process's stdout/stderr, prefixed. */
  onLog?: (entry: { functionName: string; stream: 'stdout' | 'stderr'; text: string }) => void;
}

export interface LocalCloudStats {
  /** HTTP requests served, all routes. */
  requests: number;
  /** `/admin` calls per service. */
  admin: { database: number; functions: number; storage: number; wx: number };
  /** Documents fetched from the store. */
  documentsRead: number;
  /** The same, per collection. */
  readsByCollection: { [collection: string]: number };
  documentsWritten: number;
  fullScans: number;
  /** Queries that used no index, by collection and shape (fields, sort), most frequent first. */
  unindexedQueries: UnindexedQuery[];
  indexScans: number;
  lastPlan: string;
  openTransactions: number;
}

export interface LocalCloud {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What TCB_CONTEXT_CNFG points the SDK at. */
  adminUrl: string;
  port: number;
  envId: string;
  db: LocalDatabase;
  transactions: Transactions;
  clock: Clock;
  runtime: FunctionsRuntime;
  openapi: OpenApi;
  storage: Storage;
  /** The environment's AI gateway with the scripted model (`cloud.ai()`). */
  ai: AiGateway;
  timers: TimerScheduler;
  stats(): LocalCloudStats;
  resetStats(): void;
  /** Start-up finished: `GET /health` reports ready from now on. */
  markReady(): void;
  /** Things the start should say plainly (the clock went back since the last run). */
  warnings: string[];
  /** Empties the database, the outbox and any injected failures. */
  reset(): void;
  /** The variables that point a wx-server-sdk in this process at this cloud (as an SCF instance has). */
  sdkEnv(): Record<string, string>;
  close(): Promise<void>;
}

type AdminService = 'database' | 'functions' | 'storage' | 'wx';

interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** Server-sent events, written one by one after the head (the AI gateway's stream: true). */
  events?: Buffer[];
}

interface AdminRequest {
  action: string;
  /** JSON body, or the multipart fields as strings. */
  params: unknown;
  raw: Buffer;
  contentType: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function jsonAnswer(status: number, value: unknown): HttpAnswer {
  return { status, contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(value ?? null)) };
}

function adminError(code: string, message: string): HttpAnswer {
  // CloudBase answers API errors with HTTP 200 and a code; the SDK maps the code to an errCode.
  return jsonAnswer(200, { code, message, requestId: randomUUID() });
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'BODY_TOO_LARGE', '请求体过大'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer, what: string): unknown {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    throw new HttpError(
      400,
      'INVALID_PARAM',
      `${what}不是合法的 JSON：${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (depthExceeds(parsed, MAX_BODY_DEPTH)) {
    throw new HttpError(400, 'INVALID_PARAM', `${what}嵌套过深：最多 ${MAX_BODY_DEPTH} 层`);
  }
  return parsed;
}

const ROUTE_KEYS = [
  'GET /health',
  'GET /clock',
  'POST /clock',
  'GET /outbox',
  'POST /openapi/fail',
  'POST /openapi/risky',
  'GET /stats',
  'POST /stats/reset',
  'POST /reset',
  'POST /storage/upload',
  'POST /storage/temp-urls',
  'POST /ai/script',
  'GET /ai/requests',
] as const;
type RouteKey = (typeof ROUTE_KEYS)[number];
function isRouteKey(key: string): key is RouteKey {
  return (ROUTE_KEYS as readonly string[]).includes(key);
}

const FailureSchema = v.union([
  v.picklist(['refused', 'quota', 'busy']),
  v.object({ errcode: v.number(), errmsg: v.string() }),
]);
const FailRequest = v.object({
  sends: v.optional(v.array(FailureSchema)),
  checks: v.optional(v.array(FailureSchema)),
  touser: v.optional(v.string()),
  failure: v.optional(v.nullable(FailureSchema)),
});
const TempUrlsRequest = v.object({
  fileList: v.array(v.string()),
  maxAge: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
const RiskyRequest = v.object({
  terms: v.array(
    v.object({ term: v.string(), label: v.optional(v.number()), suggest: v.optional(v.picklist(['review', 'risky'])) }),
  ),
});

function validate<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new HttpError(400, 'INVALID_PARAM', `参数无效：${v.summarize(parsed.issues)}`);
  return parsed.output;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Deletes a data folder (the CLI's reset). Refuses a folder holding anything the local cloud did
 * not put there, and one a running local cloud has open.
 */
export function wipeDataDir(dir: string = DEFAULT_DATA_DIR): void {
  if (!existsSync(dir)) return;
  const foreign = readdirSync(dir).filter((entry) => !/^(db\.sqlite(-wal|-shm|-journal)?|storage)$/.test(entry));
  if (foreign.length > 0) throw new Error(`拒绝清空 ${dir}：其中有不属于本地云的文件（${foreign.join('、')}）`);
  const file = join(dir, 'db.sqlite');
  // Opening takes the store's exclusive lock, which fails while a local cloud is running on it.
  if (existsSync(file)) new Store({ file }).close();
  rmSync(dir, { recursive: true, force: true });
}

/** Why the local cloud could not start, said plainly (a busy port is the usual one). */
export class LocalCloudStartError extends Error {
  constructor(
    readonly code: 'PORT_IN_USE' | 'PORT_DENIED' | 'LISTEN_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'LocalCloudStartError';
  }
}

function listenError(err: unknown, port: number): LocalCloudStartError {
  // Duck-typed: an error from another realm (a test sandbox) is no `instanceof Error` here.
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? (err as NodeJS.ErrnoException).code : undefined;
  if (code === 'EADDRINUSE') {
    return new LocalCloudStartError(
      'PORT_IN_USE',
      `端口 ${port} 已被占用：可能已有一个本地云（npm start）或其他程序在使用它。请先停止它，或换一个端口，例如 PORT=${port + 1} npm start`,
    );
  }
  if (code === 'EACCES') {
    return new LocalCloudStartError(
      'PORT_DENIED',
      `没有权限使用端口 ${port}，请换一个 1024 以上的端口，例如 PORT=3700 npm start`,
    );
  }
  return new LocalCloudStartError('LISTEN_FAILED', `本地云无法在 ${HOST}:${port} 上启动：${errorInfo(err).message}`);
}

export async function createLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  const clock = options.clock instanceof Clock ? options.clock : new Clock(options.clock ?? {});
  let url = '';
  let ready = options.ready ?? true;
  const warnings: string[] = [];

  // Issue 18: a query no declared index serves reads the whole collection; the log says so once per
  // shape (with what to index), and /stats counts every one (`unindexedQueries`).
  const warnUnindexed = (q: UnindexedQuery): void => {
    const text = `警告：未使用索引的查询（全表扫描）${q.collection} ${q.shape}：请在 core/schema.ts 为它声明索引\n`;
    if (options.onLog) options.onLog({ functionName: '本地云', stream: 'stderr', text });
    else process.stderr.write(`[本地云] ${text}`);
  };
  const db = new LocalDatabase({
    file: dataDir === null ? null : join(dataDir, 'db.sqlite'),
    schema: options.schema ?? declaredSchema,
    clock,
    onUnindexed: warnUnindexed,
  });
  // The clock of a persistent data folder survives a restart (issue 11); one passed in or started at a
  // given time is the caller's, but a restart that finds it behind the last run still says so.
  let stopClockPersistence: () => void = () => undefined;
  if (dataDir !== null) {
    const saved = readSavedClock(db.store);
    const restore = !(options.clock instanceof Clock) && options.clock?.start === undefined;
    if (saved && restore) restoreClock(clock, saved, clock.snapshot().realAt);
    const wentBack = clockWentBack(saved, clock.now());
    if (wentBack) warnings.push(wentBack);
    stopClockPersistence = persistClock(clock, db.store);
  }
  const transactions = new Transactions(db);
  const dbActions = new DatabaseActions(db, transactions);
  const runtime = new FunctionsRuntime({
    functionsDir: options.functionsDir ?? DEFAULT_FUNCTIONS_DIR,
    adminUrl: () => `${url}/admin`,
    clock,
    envId,
    ...(options.appid !== undefined ? { appid: options.appid } : {}),
    ...(options.maxInstances !== undefined ? { maxInstances: options.maxInstances } : {}),
    ...(options.tz !== undefined ? { tz: options.tz } : {}),
    ...(options.onLog !== undefined ? { onLog: options.onLog } : {}),
  });
  const openapi = new OpenApi({ clock, callerOf: (token) => runtime.callerOf(token) });
  const storage = new Storage({
    envId,
    clock,
    baseUrl: () => url,
    ...(dataDir === null ? {} : { dir: join(dataDir, 'storage') }),
  });
  const timers = new TimerScheduler({ clock, target: runtime });
  const ai = new AiGateway({ clock, envId });
  /** Aborts the AI gateway's scripted delays when the local cloud closes. */
  const closing = new AbortController();

  const counters = { requests: 0, admin: { database: 0, functions: 0, storage: 0, wx: 0 } };

  /** One entry per service: the action's prefix picks it. */
  const services: { [S in AdminService]: (req: AdminRequest) => Promise<HttpAnswer> } = {
    database: async (req) => {
      const reply = isDatabaseAction(req.action)
        ? dbActions.handle(req.action, req.params, randomUUID())
        : { code: 'INVALID_ACTION', message: `本地云不支持的操作：${req.action}`, requestId: randomUUID() };
      return jsonAnswer(200, reply);
    },
    functions: async (req) => jsonAnswer(200, await runtime.handleAdmin(req.action, req.params)),
    storage: async (req) => jsonAnswer(200, storage.handleAdmin(req.action, req.params)),
    wx: async (req) =>
      req.contentType.startsWith('multipart/')
        ? openapi.handle(req.raw, req.contentType)
        : adminError('INVALID_PARAM', `${req.action} 需以 multipart/form-data 发送`),
  };

  function isService(prefix: string): prefix is AdminService {
    return Object.prototype.hasOwnProperty.call(services, prefix);
  }

  async function admin(req: IncomingMessage, raw: Buffer): Promise<HttpAnswer> {
    const contentType = header(req, 'content-type') ?? '';
    let params: unknown;
    let action: string | undefined;
    if (contentType.startsWith('multipart/')) {
      const fields = parseMultipart(raw, contentType);
      action = fields.get('action')?.toString('utf8');
      params = Object.fromEntries([...fields].map(([k, v]) => [k, v.toString('utf8')]));
    } else {
      try {
        params = parseJson(raw, '请求体');
      } catch (err) {
        return adminError('INVALID_PARAM', err instanceof Error ? err.message : String(err));
      }
      const a = record(params)['action'];
      action = typeof a === 'string' ? a : undefined;
    }
    if (action === undefined) return adminError('INVALID_ACTION', '缺少 action 参数');
    const prefix = action.split('.')[0] ?? '';
    if (!isService(prefix)) return adminError('INVALID_ACTION', `本地云不支持的操作：${action}`);
    counters.admin[prefix]++;
    return services[prefix]({ action, params, raw, contentType });
  }

  async function invokeFunction(req: IncomingMessage, name: string, raw: Buffer): Promise<HttpAnswer> {
    const event = parseJson(raw, '事件');
    const openid = header(req, 'x-wx-openid');
    const unionid = header(req, 'x-wx-unionid');
    const appid = header(req, 'x-wx-appid');
    const outcome = await runtime.invoke(name, event, {
      source: 'client',
      ...(openid !== undefined ? { openid } : {}),
      ...(unionid !== undefined ? { unionid } : {}),
      ...(appid !== undefined ? { appid } : {}),
    });
    if (outcome.ok) return jsonAnswer(200, outcome.result);
    return jsonAnswer(outcome.kind === 'notFound' ? 404 : 500, {
      message: outcome.message,
      kind: outcome.kind,
      requestId: outcome.requestId,
    });
  }

  function clockState(): unknown {
    return { now: clock.iso(), ms: clock.now(), frozen: clock.frozen };
  }

  function moveClock(body: unknown): unknown {
    const b = record(body);
    // Freeze before moving: {"now", "frozen": true} must stand exactly at "now", not a
    // millisecond later when the machine is busy between the two steps.
    if (b['frozen'] === true) clock.freeze();
    if (typeof b['now'] === 'string') clock.set(b['now']);
    if (b['advanceMs'] !== undefined) clock.advance(typeof b['advanceMs'] === 'number' ? b['advanceMs'] : Number.NaN);
    if (b['frozen'] === false) clock.resume();
    if (b['real'] === true) clock.reset();
    return clockState();
  }

  function injectFailures(body: unknown): unknown {
    const b = validate(FailRequest, body);
    if (b.sends !== undefined) openapi.failNextSends(...b.sends);
    if (b.checks !== undefined) openapi.failNextChecks(...b.checks);
    if (b.touser !== undefined) openapi.failSendsTo(b.touser, b.failure ?? null);
    return { ok: true };
  }

  /** What wx.cloud.uploadFile does for the mini-program, as wx.uploadFile can send it: one file, one cloud path. */
  function uploadFromClient(contentType: string, raw: Buffer): { fileID: string } {
    if (!contentType.startsWith('multipart/')) {
      throw new HttpError(400, 'INVALID_PARAM', '上传需以 multipart/form-data 发送');
    }
    const fields = parseMultipart(raw, contentType);
    const file = fields.get('file');
    const cloudPath = fields.get('cloudPath')?.toString('utf8') ?? '';
    if (file === undefined) throw new HttpError(400, 'INVALID_PARAM', '缺少上传的文件（file）');
    try {
      return { fileID: storage.put(cloudPath, file) };
    } catch (err) {
      if (err instanceof StorageError) throw new HttpError(400, err.code, err.message);
      throw err;
    }
  }

  function tempUrls(body: unknown): { fileList: { fileID: string; tempFileURL: string; status: number }[] } {
    const { fileList, maxAge } = validate(TempUrlsRequest, body);
    return {
      fileList: fileList.map((fileID) => {
        const tempFileURL = storage.tempUrl(fileID, maxAge);
        // status as wx.cloud.getTempFileURL reports it: 0 = issued.
        return tempFileURL === undefined ? { fileID, tempFileURL: '', status: 1 } : { fileID, tempFileURL, status: 0 };
      }),
    };
  }

  function stats(): LocalCloudStats {
    const s = db.stats;
    return {
      requests: counters.requests,
      admin: { ...counters.admin },
      documentsRead: s.documentsRead,
      readsByCollection: s.readsByCollection,
      documentsWritten: s.documentsWritten,
      fullScans: s.fullScans,
      unindexedQueries: s.unindexedQueries,
      indexScans: s.indexScans,
      lastPlan: s.lastPlan,
      openTransactions: transactions.openCount,
    };
  }

  function resetStats(): void {
    counters.requests = 0;
    counters.admin = { database: 0, functions: 0, storage: 0, wx: 0 };
    db.resetStats();
  }

  function reset(): void {
    transactions.clear();
    db.reset();
    openapi.reset();
    ai.reset();
  }

  async function route(req: IncomingMessage): Promise<HttpAnswer> {
    const method = req.method ?? 'GET';
    const reqUrl = req.url ?? '/';
    const path = new URL(reqUrl, 'http://local').pathname;
    const raw = await readBody(req);

    const host = header(req, 'host');
    if (AiGateway.handles(host, path)) {
      const answer = ai.handle(method, path, { host, authorization: header(req, 'authorization') }, raw);
      if (answer.delayMs > 0) await sleep(answer.delayMs, undefined, { signal: closing.signal, ref: false });
      return answer;
    }

    if (path.startsWith('/storage/')) {
      const answer = storage.handleHttp(method, reqUrl, raw);
      if (answer !== undefined) return answer;
    }
    if (method === 'POST' && path === '/admin') return admin(req, raw);

    const fn = /^\/functions\/([^/]+)$/.exec(path);
    if (method === 'POST' && fn) return invokeFunction(req, decodeURIComponent(fn[1] ?? ''), raw);

    const trigger = /^\/triggers\/([^/]+)$/.exec(path);
    if (method === 'POST' && trigger) {
      try {
        return jsonAnswer(200, await timers.fire(decodeURIComponent(trigger[1] ?? '')));
      } catch (err) {
        if (err instanceof TriggerNotFoundError) throw new HttpError(404, err.code, err.message);
        throw err;
      }
    }

    const routes: { [K in RouteKey]: () => unknown } = {
      'GET /health': () => ({
        ok: true,
        ready: true,
        env: envId,
        functions: runtime.list(),
        collections: db.collections(),
        warnings,
      }),
      'GET /clock': () => clockState(),
      // Answer after the timers the move made due have run, so the caller can assert their effects.
      'POST /clock': async () => {
        moveClock(parseJson(raw, '请求体'));
        await timers.idle();
        return clockState();
      },
      'GET /outbox': () => openapi.outbox(),
      'POST /openapi/fail': () => injectFailures(parseJson(raw, '请求体')),
      'POST /openapi/risky': () => {
        openapi.setRiskyTerms(validate(RiskyRequest, parseJson(raw, '请求体')).terms);
        return { ok: true };
      },
      'GET /stats': () => stats(),
      'POST /stats/reset': () => {
        resetStats();
        return stats();
      },
      'POST /reset': () => {
        reset();
        return { ok: true };
      },
      'POST /storage/upload': () => uploadFromClient(header(req, 'content-type') ?? '', raw),
      'POST /storage/temp-urls': () => tempUrls(parseJson(raw, '请求体')),
      'POST /ai/script': () => {
        ai.script(validate(ScriptRequest, parseJson(raw, '请求体')));
        return { ok: true };
      },
      'GET /ai/requests': () => ai.received(),
    };
    const key = `${method} ${path}`;
    if (!isRouteKey(key)) throw new HttpError(404, 'NOT_FOUND', `没有这个地址：${method} ${path}`);
    // Ready means start-up (seeding included) has finished; until then a health check says so.
    if (key === 'GET /health' && !ready) {
      return jsonAnswer(503, { ok: false, ready: false, message: '本地云正在启动（写入演示数据），请稍候' });
    }
    return jsonAnswer(200, await routes[key]());
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counters.requests++;
    let answer: HttpAnswer;
    try {
      answer = await route(req);
    } catch (err) {
      if (err instanceof HttpError) answer = jsonAnswer(err.status, { code: err.code, message: err.message });
      else if (err instanceof ClockError) answer = jsonAnswer(400, { code: err.code, message: err.message });
      else
        answer = jsonAnswer(500, {
          code: 'INTERNAL_ERROR',
          message: `本地云内部错误：${errorInfo(err).message}`,
        });
    }
    if (res.headersSent || res.destroyed) return;
    if (answer.events) {
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-cache' });
      for (const event of answer.events) res.write(event);
      res.end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
    res.end(answer.body);
  }

  const server: Server = createServer((req, res) => {
    void serve(req, res);
  });
  const port =
    options.port ?? (process.env['PORT'] !== undefined && process.env['PORT'] !== '' ? Number(process.env['PORT']) : 0);
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (err) {
    stopClockPersistence();
    db.close();
    await runtime.close();
    throw listenError(err, port);
  }
  const actualPort = (server.address() as AddressInfo).port;
  url = `http://${HOST}:${actualPort}`;
  if (options.timers !== false) timers.start();

  let closed = false;
  return {
    url,
    adminUrl: `${url}/admin`,
    port: actualPort,
    envId,
    db,
    transactions,
    clock,
    runtime,
    openapi,
    storage,
    ai,
    timers,
    stats,
    resetStats,
    markReady: () => {
      ready = true;
    },
    warnings,
    reset,
    sdkEnv: () => ({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      SCF_NAMESPACE: envId,
      TCB_ENV: envId,
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      closing.abort();
      timers.stop();
      stopClockPersistence();
      await runtime.close();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
