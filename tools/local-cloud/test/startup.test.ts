/**
 * The local cloud's own edges (issue 11): a body nested 100,000 deep is a malformed request (4xx), a
 * port in use is said in Chinese, /health is ready only after start-up, and a clock moved forward
 * survives a restart — or the restart says plainly that it went back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../src/db/store';
import { type LocalCloud, LocalCloudStartError, MAX_BODY_DEPTH, createLocalCloud } from '../src';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const fnsDir = (): string => mkdtempSync(join(tmpdir(), 'lc-fns-'));
const dataDir = (): string => mkdtempSync(join(tmpdir(), 'lc-data-'));

async function start(options: Parameters<typeof createLocalCloud>[0] = {}): Promise<LocalCloud> {
  return createLocalCloud({ port: 0, dataDir: null, timers: false, functionsDir: fnsDir(), ...options });
}

describe('a body nested too deep', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await start();
  });
  afterAll(() => cloud.close());

  const deep = (n: number): string => `{"action":"ping","x":${'['.repeat(n)}${']'.repeat(n)}}`;

  it('answers 400 with a clear message on /functions, not 500', async () => {
    const res = await fetch(`${cloud.url}/functions/system`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep(100_000),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'INVALID_PARAM', message: `事件嵌套过深：最多 ${MAX_BODY_DEPTH} 层` });
  });

  it('answers the SDK’s way (HTTP 200, INVALID_PARAM) on /admin, and any route stays up', async () => {
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"action":"database.getDocument","query":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('嵌套过深') });
    const clock = await fetch(`${cloud.url}/clock`, { method: 'POST', body: deep(MAX_BODY_DEPTH + 1) });
    expect(clock.status).toBe(400);
    expect((await fetch(`${cloud.url}/clock`)).status).toBe(200);
  });

  it('still takes an ordinary nested body', async () => {
    const res = await fetch(`${cloud.url}/clock`, { method: 'POST', body: '{"frozen":true}' });
    expect(res.status).toBe(200);
  });
});

describe('a port already in use', () => {
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

  it('is refused with a clear Chinese message and a stable code', async () => {
    const err = await start({ port }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LocalCloudStartError);
    expect(err).toMatchObject({ code: 'PORT_IN_USE' });
    expect((err as Error).message).toBe(
      `端口 ${port} 已被占用：可能已有一个本地云（npm start）或其他程序在使用它。请先停止它，或换一个端口，例如 PORT=${port + 1} npm start`,
    );
  });

  it('the command line prints that message, not a raw EADDRINUSE, and exits 1', () => {
    const cli = resolve(__dirname, '..', 'src', 'cli.ts');
    const tsx = resolve(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, [cli, 'start', '--port', String(port), '--memory', '--no-timers'], {
      encoding: 'utf8',
      // tsx compiles the CLI first: slow on a busy machine.
      timeout: 100_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`端口 ${port} 已被占用`);
    expect(run.stderr).not.toContain('EADDRINUSE');
  }, 120_000);
});

describe('/health', () => {
  it('reports ready only once start-up says it has finished', async () => {
    const cloud = await start({ ready: false });
    try {
      const before = await fetch(`${cloud.url}/health`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({
        ok: false,
        ready: false,
        message: '本地云正在启动（写入演示数据），请稍候',
      });
      cloud.markReady();
      const after = await fetch(`${cloud.url}/health`);
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ ok: true, ready: true, warnings: [] });
    } finally {
      await cloud.close();
    }
  });

  it('is ready at once by default (tests and tools that seed nothing)', async () => {
    const cloud = await start();
    try {
      expect((await fetch(`${cloud.url}/health`)).status).toBe(200);
    } finally {
      await cloud.close();
    }
  });
});

describe('the clock across restarts', () => {
  it('keeps a clock moved forward by a day', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await fetch(`${first.url}/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: DAY }) });
    await first.close();

    const second = await start({ dataDir: dir });
    try {
      expect(Math.abs(second.clock.now() - (Date.now() + DAY))).toBeLessThan(5_000);
      expect(second.warnings).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('keeps a frozen instant exactly', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await fetch(`${first.url}/clock`, {
      method: 'POST',
      body: JSON.stringify({ now: '2027-02-01T09:00:00+08:00', frozen: true }),
    });
    await first.close();
    const second = await start({ dataDir: dir });
    try {
      expect(new Date(second.clock.now()).toISOString()).toBe('2027-02-01T01:00:00.000Z');
      expect(second.clock.frozen).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('says plainly when the clock reads earlier than the last run saw', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await first.close();
    // The machine's clock went back ten days since: the saved run had seen ten days further.
    const store = new Store({ file: join(dir, 'db.sqlite') });
    const saved = JSON.parse(store.getMeta('clock') ?? '{}') as { lastSeen: number };
    store.setMeta('clock', JSON.stringify({ ...saved, offsetMs: 0, frozen: false, lastSeen: Date.now() + 10 * DAY }));
    store.close();

    const second = await start({ dataDir: dir });
    try {
      expect(second.warnings).toHaveLength(1);
      expect(second.warnings[0]).toMatch(/^本地云时钟比上次运行时倒退了 (9\.9|10\.0) 天/);
      const health = (await (await fetch(`${second.url}/health`)).json()) as { warnings: string[] };
      expect(health.warnings).toEqual(second.warnings);
    } finally {
      await second.close();
    }
    // Said once: the run that warned has now seen this clock, and a deliberate move back is not warned of.
    const third = await start({ dataDir: dir });
    try {
      expect(third.warnings).toEqual([]);
    } finally {
      await third.close();
    }
  });

  it('a clock started at an explicit earlier time on the same data says so too', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir, clock: { start: '2030-01-01T00:00:00+08:00' } });
    await first.close();
    const second = await start({ dataDir: dir, clock: { start: '2029-12-31T00:00:00+08:00' } });
    try {
      expect(second.warnings[0]).toContain('倒退了 1.0 天');
    } finally {
      await second.close();
    }
  });
});
