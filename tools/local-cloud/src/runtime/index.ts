/**
 * Runs the cloud functions unchanged, with the environment a real SCF instance has.
 *
 * wx-server-sdk reads its whole context (OPENID, env id, server URL) from process.env, so concurrent
 * invocations cannot share a process: each function has a pool of long-lived instances (warm SCF
 * containers), each running one invocation at a time, grown on demand up to a cap.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { discoverFunctions, readFunctionConfig, type FunctionInfo } from './functions';
import { Instance } from './instance';
import type { ScfContext } from './protocol';

export { FunctionConfigError, type FunctionInfo, type TimerTriggerConfig } from './functions';

export type InvokeSource = 'client' | 'function' | 'timer';

/** Who is calling: what real cloud derives from the mini-program session or the trigger. */
export interface InvokeContext {
  /** Absent for an anonymous call (and for timers): getWXContext() then has no OPENID. */
  openid?: string;
  unionid?: string;
  /** Defaults to the runtime's appid. */
  appid?: string;
  clientIp?: string;
  /** Default 'client'. */
  source?: InvokeSource;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; requestId: string; durationMs: number }
  | { ok: false; kind: 'notFound' | 'error' | 'timeout'; message: string; requestId: string; durationMs: number };

/** The invocation behind a WX_API_TOKEN, for services that act on the caller's behalf. */
export interface CallerInfo {
  functionName: string;
  context: InvokeContext;
  /** permissions.openapi from the function's config.json. */
  openapi: readonly string[];
}

/** The JSON answer to an `/admin` action, in the shape @cloudbase/node-sdk expects. */
export type AdminReply = { requestId: string; data: unknown } | { requestId: string; code: string; message: string };

export interface RuntimeOptions {
  functionsDir: string;
  /** The local server's admin URL (http://127.0.0.1:PORT/admin); read on every invocation. */
  adminUrl: () => string;
  clock: Clock;
  /** Environment id: SCF_NAMESPACE / TCB_ENV, what cloud.DYNAMIC_CURRENT_ENV resolves to. */
  envId?: string;
  appid?: string;
  /** Extra variables for every instance (config.json envVariables come on top). */
  env?: Record<string, string>;
  /** Instance time zone; SCF runs in UTC. */
  tz?: string;
  /**
   * Per function; default 4. Each instance is a Node process with the SDK loaded (a cold start
   * costs ~0.3 s idle, seconds on a loaded machine); past the cap, calls queue for a warm one.
   */
  maxInstances?: number;
  /** An instance idle this long is stopped, as SCF reclaims idle containers; default 10 min. */
  idleTimeoutMs?: number;
  onLog?: (entry: { functionName: string; stream: 'stdout' | 'stderr'; text: string }) => void;
}

export const DEFAULT_ENV_ID = 'local-dev';
export const DEFAULT_APPID = 'wx0000000000local';

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;

interface Pool {
  info: FunctionInfo;
  stamp: string;
  instances: Set<Instance>;
  idle: Instance[];
  waiters: Array<() => void>;
}

interface Active {
  functionName: string;
  context: InvokeContext;
}

export class FunctionsRuntime {
  private readonly pools = new Map<string, Pool>();
  private readonly active = new Map<string, Active>();
  private readonly envId: string;
  private readonly appid: string;
  private readonly maxInstances: number;
  private readonly idleTimeoutMs: number;
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>();
  private readonly unsubscribeClock: () => void;
  private closed = false;

  constructor(private readonly opts: RuntimeOptions) {
    this.envId = opts.envId ?? DEFAULT_ENV_ID;
    this.appid = opts.appid ?? DEFAULT_APPID;
    this.maxInstances = Math.max(1, opts.maxInstances ?? 4);
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 600_000;
    // Invocations in flight see a clock move at once, not only from their next call on.
    this.unsubscribeClock = opts.clock.onChange(() => {
      const snap = opts.clock.snapshot();
      for (const pool of this.pools.values()) for (const inst of pool.instances) inst.sendClock(snap);
    });
  }

  list(): string[] {
    return this.functions().map((f) => f.name);
  }

  /** Every deployable function with its config (timers read their triggers from here). */
  functions(): FunctionInfo[] {
    return discoverFunctions(this.opts.functionsDir);
  }

  /** Live instances per function, for tests and the status page. */
  instanceCount(name: string): number {
    return this.pools.get(name)?.instances.size ?? 0;
  }

  callerOf(token: string): CallerInfo | undefined {
    const active = this.active.get(token);
    if (!active) return undefined;
    const openapi = this.pools.get(active.functionName)?.info.config.openapi ?? [];
    return { functionName: active.functionName, context: active.context, openapi };
  }

  async invoke(name: string, event: unknown, ctx: InvokeContext = {}): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const started = Date.now();
    const done = (
      o: { ok: true; result: unknown } | { ok: false; kind: 'notFound' | 'error' | 'timeout'; message: string },
    ): InvokeOutcome => ({
      ...o,
      requestId,
      durationMs: Date.now() - started,
    });
    if (this.closed) return done({ ok: false, kind: 'error', message: '本地云已关闭' });

    let pool: Pool | undefined;
    try {
      pool = this.pool(name);
    } catch (err) {
      return done({ ok: false, kind: 'error', message: (err as Error).message });
    }
    if (!pool) return done({ ok: false, kind: 'notFound', message: `未找到云函数：${name}` });

    const context: InvokeContext = { ...ctx, appid: ctx.appid ?? this.appid, source: ctx.source ?? 'client' };
    let eventJson: string;
    try {
      eventJson = JSON.stringify(withUserInfo(event ?? {}, context));
    } catch (err) {
      return done({ ok: false, kind: 'error', message: `事件无法序列化为 JSON：${(err as Error).message}` });
    }

    let instance: Instance;
    try {
      instance = await this.acquire(pool);
    } catch (err) {
      return done({ ok: false, kind: 'error', message: (err as Error).message });
    }

    const token = randomUUID();
    this.active.set(token, { functionName: name, context });
    try {
      const { timeoutMs } = pool.info.config;
      const env = this.invocationEnv(context, token);
      const outcome = await instance.invoke(
        {
          type: 'invoke',
          id: requestId,
          event: eventJson,
          context: this.scfContext(name, requestId, timeoutMs, env),
          env,
          clock: this.opts.clock.snapshot(),
        },
        timeoutMs,
      );
      return done(outcome);
    } finally {
      this.active.delete(token);
      this.release(pool, instance);
    }
  }

  /** `functions.*` actions of the admin API (cloud.callFunction inside a function). */
  async handleAdmin(action: string, body: unknown): Promise<AdminReply> {
    const requestId = randomUUID();
    if (action !== 'functions.invokeFunction') {
      return { requestId, code: 'INVALID_ACTION', message: `本地云不支持的操作：${action}` };
    }
    const params = asRecord(body);
    const name = params['function_name'];
    const data = params['request_data'];
    if (typeof name !== 'string' || (data !== undefined && typeof data !== 'string')) {
      return { requestId, code: 'INVALID_PARAM', message: 'function_name 或 request_data 参数无效' };
    }
    let event: unknown = {};
    try {
      if (data) event = JSON.parse(data);
    } catch {
      return { requestId, code: 'INVALID_PARAM', message: 'request_data 不是有效的 JSON' };
    }
    // The SDK forwards the caller's WX_API_TOKEN; real cloud uses it to pass the caller's user on.
    const token = params['wxCloudApiToken'];
    const caller = typeof token === 'string' ? this.active.get(token) : undefined;
    const { openid, unionid, appid, clientIp } = caller?.context ?? {};
    const outcome = await this.invoke(name, event, { openid, unionid, appid, clientIp, source: 'function' });
    if (outcome.ok) {
      return { requestId: outcome.requestId, data: { response_data: JSON.stringify(outcome.result) } };
    }
    const code = {
      notFound: 'ResourceNotFound.Function',
      error: 'FUNCTIONS_EXECUTE_FAIL',
      timeout: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    }[outcome.kind];
    return { requestId: outcome.requestId, code, message: outcome.message };
  }

  /** Drops every warm instance, as a redeploy does; the next call cold-starts. */
  reload(): void {
    for (const pool of this.pools.values()) this.retire(pool);
    this.pools.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribeClock();
    this.reload();
    await Promise.resolve();
  }

  private pool(name: string): Pool | undefined {
    if (!FUNCTION_NAME.test(name)) return undefined;
    const dir = join(this.opts.functionsDir, name);
    const entry = join(dir, 'index.js');
    if (!existsSync(join(dir, 'package.json')) || !existsSync(entry)) return undefined;
    const stamp = [entry, join(dir, 'config.json')].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)).join(':');
    let pool = this.pools.get(name);
    if (pool && pool.stamp === stamp) return pool;
    // A rebuilt bundle or edited config.json is a redeploy: old instances must not serve it.
    const info: FunctionInfo = { name, dir, entry, config: readFunctionConfig(dir, name) };
    if (pool) {
      this.retire(pool);
      pool.info = info;
      pool.stamp = stamp;
    } else {
      pool = { info, stamp, instances: new Set(), idle: [], waiters: [] };
      this.pools.set(name, pool);
    }
    return pool;
  }

  private async acquire(pool: Pool): Promise<Instance> {
    for (;;) {
      let idle = pool.idle.pop();
      while (idle?.dead) idle = pool.idle.pop();
      if (idle) {
        clearTimeout(this.idleTimers.get(idle));
        this.idleTimers.delete(idle);
        return idle;
      }
      if (pool.instances.size < this.maxInstances) {
        const inst = this.spawn(pool.info);
        pool.instances.add(inst);
        try {
          await inst.ready;
          return inst;
        } catch (err) {
          pool.instances.delete(inst);
          pool.waiters.shift()?.();
          throw err;
        }
      }
      await new Promise<void>((resolve) => pool.waiters.push(resolve));
    }
  }

  private release(pool: Pool, inst: Instance): void {
    if (inst.dead || !pool.instances.has(inst)) {
      pool.instances.delete(inst);
      inst.kill();
    } else {
      pool.idle.push(inst);
      const timer = setTimeout(() => {
        this.idleTimers.delete(inst);
        pool.idle = pool.idle.filter((i) => i !== inst);
        pool.instances.delete(inst);
        inst.kill();
      }, this.idleTimeoutMs);
      timer.unref();
      this.idleTimers.set(inst, timer);
    }
    pool.waiters.shift()?.();
  }

  private retire(pool: Pool): void {
    for (const inst of pool.idle) {
      clearTimeout(this.idleTimers.get(inst));
      this.idleTimers.delete(inst);
      inst.kill();
    }
    pool.idle = [];
    // Busy instances are no longer members, so release() kills them when they finish.
    pool.instances.clear();
    for (const wake of pool.waiters.splice(0)) wake();
  }

  private spawn(info: FunctionInfo): Instance {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '',
      ...this.opts.env,
      ...info.config.envVariables,
      TZ: this.opts.tz ?? 'UTC',
      // SCF markers: without them the SDK probes a metadata host on every call.
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      // Dummy keys: the SDK signs every request and rejects (unawaited) without them.
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      SCF_NAMESPACE: this.envId,
      TCB_ENV: this.envId,
      SCF_FUNCTIONNAME: info.name,
      SCF_FUNCTIONVERSION: '$LATEST',
      // WX_API_TOKEN is listed (and hidden from getWXContext by the SDK's blacklist) so the SDK
      // forwards it with every call, which is how the caller is known to nested services.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
      TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE,TRIGGER_SRC',
    };
    return new Instance({
      functionName: info.name,
      entry: info.entry,
      cwd: info.dir,
      env,
      clock: this.opts.clock.snapshot(),
      onLog: (stream, text) => this.log(info.name, stream, text),
    });
  }

  private invocationEnv(ctx: InvokeContext, token: string): Record<string, string | null> {
    const timer = ctx.source === 'timer';
    return {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.opts.adminUrl() }),
      WX_OPENID: ctx.openid ?? null,
      WX_UNIONID: ctx.unionid ?? null,
      WX_APPID: ctx.appid ?? this.appid,
      WX_CLIENTIP: ctx.clientIp ?? null,
      // The SDK reads the timer token only when TRIGGER_SRC says timer.
      WX_API_TOKEN: timer ? null : token,
      WX_TRIGGER_API_TOKEN_V0: timer ? token : null,
      TRIGGER_SRC: timer ? 'timer' : null,
      TCB_SOURCE: ctx.source === 'client' ? 'wx_client' : null,
    };
  }

  private scfContext(
    name: string,
    requestId: string,
    timeoutMs: number,
    env: Record<string, string | null>,
  ): ScfContext {
    const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== null));
    return {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environment: JSON.stringify(set),
    };
  }

  private log(functionName: string, stream: 'stdout' | 'stderr', text: string): void {
    if (this.opts.onLog) {
      this.opts.onLog({ functionName, stream, text });
      return;
    }
    const out = stream === 'stdout' ? process.stdout : process.stderr;
    out.write(text.replace(/^(?=.)/gm, `[${functionName}] `));
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A mini-program call's event carries userInfo, injected by the WeChat backend. */
function withUserInfo(event: unknown, ctx: InvokeContext): unknown {
  if (ctx.source !== 'client' || typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  return { ...event, userInfo: { appId: ctx.appid, ...(ctx.openid ? { openId: ctx.openid } : {}) } };
}
