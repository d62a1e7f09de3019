import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvokeOutcome } from '../src/runtime';
import { FIXTURE_FUNCTIONS, startHarness, type Harness } from './fixtures/harness';

// Cold starts spawn node + wx-server-sdk; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

interface EchoResult {
  event: Record<string, unknown>;
  wx: Record<string, unknown>;
  now: number;
  nowFromNew: number;
  hourText: string;
  tz: string;
  requestId: string;
  timeLimit: number;
  pid: number;
  calls: number;
  loadedAt: number;
}

function okResult<T>(outcome: InvokeOutcome): T {
  if (!outcome.ok) throw new Error(`invocation failed: ${outcome.kind} ${outcome.message}`);
  return outcome.result as T;
}

describe('functions runtime (real wx-server-sdk)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock: { start: '2026-11-28T09:00:00+08:00' } });
  });
  afterAll(() => h.close());

  it('discovers functions that have package.json and a built index.js', () => {
    expect(h.runtime.list()).toEqual(['caller', 'echo', 'files', 'model', 'notify', 'slow', 'ticker']);
  });

  it('gives the function the context of a real instance', async () => {
    const r = okResult<EchoResult>(await h.runtime.invoke('echo', { a: 1 }, { openid: 'o-alice', unionid: 'u-alice' }));
    expect(r.wx).toEqual({
      OPENID: 'o-alice',
      UNIONID: 'u-alice',
      APPID: 'wx0000000000local',
      ENV: 'local-dev',
      SOURCE: 'wx_client',
    });
    expect(r.tz).toBe('UTC');
    expect(r.hourText).toContain('GMT+0000');
    expect(r.timeLimit).toBe(3000);
    // A mini-program call's event carries userInfo injected by the platform.
    expect(r.event).toEqual({ a: 1, userInfo: { appId: 'wx0000000000local', openId: 'o-alice' } });
  });

  it('an anonymous call has no OPENID, even on an instance that served a user before', async () => {
    await h.runtime.invoke('echo', {}, { openid: 'o-bob' });
    const r = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
    expect(r.wx['OPENID']).toBeUndefined();
    expect(r.wx['APPID']).toBe('wx0000000000local');
  });

  it('keeps module scope between calls on a warm instance', async () => {
    const first = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
    const second = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
    expect(second.pid).toBe(first.pid);
    expect(second.calls).toBe(first.calls + 1);
    expect(second.loadedAt).toBe(first.loadedAt);
  });

  it('isolates concurrent invocations in separate instances', async () => {
    const [a, b] = await Promise.all([
      h.runtime.invoke('echo', { delayMs: 200 }, { openid: 'o-concurrent-a' }),
      h.runtime.invoke('echo', { delayMs: 200 }, { openid: 'o-concurrent-b' }),
    ]);
    const ra = okResult<EchoResult>(a);
    const rb = okResult<EchoResult>(b);
    expect(ra.wx['OPENID']).toBe('o-concurrent-a');
    expect(rb.wx['OPENID']).toBe('o-concurrent-b');
    expect(ra.pid).not.toBe(rb.pid);
    expect(h.runtime.instanceCount('echo')).toBeGreaterThanOrEqual(2);
  });

  it('sees the local-cloud clock, including a move during the invocation', async () => {
    h.clock.set('2030-02-03T04:05:06+08:00');
    const set = Date.UTC(2030, 1, 2, 20, 5, 6);
    const r = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
    expect(r.now).toBeGreaterThanOrEqual(set);
    expect(r.now).toBeLessThan(set + 1000);
    expect(Math.abs(r.nowFromNew - r.now)).toBeLessThan(50);

    const pending = h.runtime.invoke('echo', { delayMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.clock.advance(86_400_000);
    const moved = okResult<EchoResult>(await pending);
    expect(moved.now).toBeGreaterThanOrEqual(set + 86_400_000);
    expect(moved.now).toBeLessThan(set + 86_400_000 + 2000);
  });

  it('reports an exception thrown by the function', async () => {
    const outcome = await h.runtime.invoke('echo', { fail: '故意失败' });
    expect(outcome).toMatchObject({ ok: false, kind: 'error', message: 'Error: 故意失败' });
  });

  it('reports a function that does not exist', async () => {
    expect(await h.runtime.invoke('nope', {})).toMatchObject({ ok: false, kind: 'notFound' });
    expect(await h.runtime.invoke('../echo', {})).toMatchObject({ ok: false, kind: 'notFound' });
  });

  it('enforces the config.json timeout and replaces the killed instance', async () => {
    const fast = okResult<{ pid: number; calls: number }>(await h.runtime.invoke('slow', { ms: 10 }));
    const started = Date.now();
    const outcome = await h.runtime.invoke('slow', { ms: 5000 });
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(2500);
    const after = okResult<{ pid: number; calls: number }>(await h.runtime.invoke('slow', { ms: 10 }));
    expect(after.pid).not.toBe(fast.pid);
    expect(after.calls).toBe(1);
  });

  it('passes the caller context through cloud.callFunction', async () => {
    const r = okResult<{ self: Record<string, unknown>; callee: EchoResult }>(
      await h.runtime.invoke('caller', { target: 'echo', data: { x: 1 } }, { openid: 'o-carol' }),
    );
    expect(r.self['OPENID']).toBe('o-carol');
    expect(r.callee.wx['OPENID']).toBe('o-carol');
    expect(r.callee.event).toEqual({ x: 1 });
  });

  it('surfaces callee failures and timeouts to the caller as SDK errors', async () => {
    const failed = okResult<{ error: { errMsg: string } }>(
      await h.runtime.invoke('caller', { target: 'echo', data: { fail: 'inner' } }),
    );
    expect(failed.error.errMsg).toContain('Error: inner');
    const missing = okResult<{ error: { errMsg: string } }>(
      await h.runtime.invoke('caller', { target: 'ghost', data: {} }),
    );
    expect(missing.error.errMsg).toContain('未找到云函数：ghost');
    const slow = okResult<{ error: { errMsg: string } }>(
      await h.runtime.invoke('caller', { target: 'slow', data: { ms: 5000 } }),
    );
    expect(slow.error.errMsg).toContain('执行超时');
  });

  it('answers a warm no-op call within a few milliseconds', async () => {
    await h.runtime.invoke('echo', {});
    const n = 50;
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await h.runtime.invoke('echo', {});
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / n;
    expect(perCallMs).toBeLessThan(10);
  });
});

describe('functions runtime options and redeploys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lc-runtime-'));
    cpSync(join(FIXTURE_FUNCTIONS, 'echo'), join(dir, 'echo'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs instances in the configured time zone', async () => {
    const h = await startHarness({ functionsDir: dir, runtime: { tz: 'Asia/Shanghai' } });
    try {
      const r = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
      expect(r.tz).toBe('Asia/Shanghai');
      expect(r.hourText).toContain('GMT+0800');
    } finally {
      await h.close();
    }
  });

  it('queues calls beyond the instance cap instead of starting more instances', async () => {
    const h = await startHarness({ functionsDir: dir, runtime: { maxInstances: 1 } });
    try {
      const started = Date.now();
      const [a, b] = await Promise.all([
        h.runtime.invoke('echo', { delayMs: 200 }, { openid: 'o-1' }),
        h.runtime.invoke('echo', { delayMs: 200 }, { openid: 'o-2' }),
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(okResult<EchoResult>(a).pid).toBe(okResult<EchoResult>(b).pid);
      expect(okResult<EchoResult>(b).wx['OPENID']).toBe('o-2');
      expect(h.runtime.instanceCount('echo')).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('stops an instance left idle past the idle timeout', async () => {
    const h = await startHarness({ functionsDir: dir, runtime: { idleTimeoutMs: 200 } });
    try {
      const first = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
      expect(h.runtime.instanceCount('echo')).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(h.runtime.instanceCount('echo')).toBe(0);
      const second = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
      expect(second.pid).not.toBe(first.pid);
    } finally {
      await h.close();
    }
  });

  it('treats a rebuilt index.js as a redeploy: fresh instance, fresh module scope', async () => {
    const h = await startHarness({ functionsDir: dir });
    try {
      const before = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
      const entry = join(dir, 'echo', 'index.js');
      utimesSync(entry, new Date(), new Date(Date.now() + 5000));
      const after = okResult<EchoResult>(await h.runtime.invoke('echo', {}));
      expect(after.pid).not.toBe(before.pid);
      expect(after.calls).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('reports an invalid config.json clearly', async () => {
    writeFileSync(join(dir, 'echo', 'config.json'), JSON.stringify({ timeout: 0 }));
    const h = await startHarness({ functionsDir: dir, timers: false });
    try {
      const outcome = await h.runtime.invoke('echo', {});
      expect(outcome).toMatchObject({ ok: false, kind: 'error' });
      expect(!outcome.ok && outcome.message).toContain('config.json 无效');
    } finally {
      await h.close();
    }
  });

  it('reports a function whose module fails to load', async () => {
    writeFileSync(join(dir, 'echo', 'index.js'), 'throw new Error("bad build");');
    const h = await startHarness({ functionsDir: dir });
    try {
      const outcome = await h.runtime.invoke('echo', {});
      expect(outcome).toMatchObject({ ok: false, kind: 'error' });
      expect(!outcome.ok && outcome.message).toContain('bad build');
    } finally {
      await h.close();
    }
  });
});
