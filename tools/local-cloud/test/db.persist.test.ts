/**
 * File mode: the data folder survives restarts and a killed process, one local cloud owns a folder
 * at a time, declared indexes follow the schema, and reset wipes only what the local cloud wrote.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { CollectionSpec } from '../../../core/schema';
import { type LocalCloud, LocalDatabase, createLocalCloud, wipeDataDir } from '../src';
import { type SdkDb, startCloud } from './db-sdk';

jest.setTimeout(60_000);

const clock = { now: (): number => Date.parse('2026-03-02T09:00:00+08:00') };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lc-data-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('restart through the SDK', () => {
  let dataDir: string;
  let local: LocalCloud;
  let db: SdkDb;

  beforeAll(async () => {
    dataDir = tempDir();
    ({ local, db } = await startCloud({ dataDir }));
  });
  afterAll(async () => {
    await local.close();
  });

  test('what was acknowledged before close is there after reopening, indexes included', async () => {
    await db.collection('people').add({ data: { _id: 'p1', badgeNo: 'B1', unitId: 'u1', when: new Date(5) } });
    await db.collection('people').add({ data: { _id: 'p2', badgeNo: 'B2', unitId: 'u2' } });
    await db
      .collection('people')
      .doc('p2')
      .update({ data: { unitId: 'u1' } });
    await db.collection('people').doc('p1').remove();
    await db.createCollection('addedAtRunTime');
    await db.collection('addedAtRunTime').add({ data: { _id: 'r', v: 1 } });
    const tx = await db.startTransaction();
    await tx.collection('counters').add({ data: { _id: 'c', n: 1 } });
    await tx.commit();
    await local.close();

    ({ local, db } = await startCloud({ dataDir }));
    local.resetStats();
    expect((await db.collection('people').where({ unitId: 'u1' }).get()).data).toEqual([
      { _id: 'p2', badgeNo: 'B2', unitId: 'u1' },
    ]);
    expect(local.stats().lastPlan).toBe('index:unitId');
    await expect(db.collection('people').doc('p1').get()).rejects.toThrow('does not exist');
    expect((await db.collection('addedAtRunTime').doc('r').get()).data).toEqual({ _id: 'r', v: 1 });
    expect((await db.collection('counters').doc('c').get()).data).toEqual({ _id: 'c', n: 1 });
    await expect(db.collection('people').add({ data: { badgeNo: 'B2' } })).rejects.toThrow(/E11000/);
  });

  test('transactions opened after a restart still detect conflicts on old documents', async () => {
    const a = await db.startTransaction();
    await a.collection('counters').doc('c').get();
    await db
      .collection('counters')
      .doc('c')
      .update({ data: { n: 2 } });
    await a
      .collection('counters')
      .doc('c')
      .update({ data: { n: 100 } });
    await expect(a.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await db.collection('counters').doc('c').get()).data['n']).toBe(2);
  });

  test('a second local cloud cannot open the same folder', async () => {
    await expect(createLocalCloud({ dataDir, port: 0, timers: false })).rejects.toThrow(
      '数据目录正被另一个本地云进程使用',
    );
  });
});

describe('a killed writer', () => {
  test('loses no acknowledged write and leaves a consistent store', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    const entry = join(work, 'writer.ts');
    writeFileSync(
      entry,
      `import { writeSync } from 'node:fs';
       import { LocalDatabase } from ${JSON.stringify(resolve(__dirname, '../src/db/engine'))};
       import { schema } from ${JSON.stringify(resolve(__dirname, '../../../core/schema'))};
       const db = new LocalDatabase({ file: process.argv[2] + '/db.sqlite', schema, clock: { now: () => Date.now() } });
       for (let i = 0; ; i++) {
         db.insert('messages', [{ _id: 'm' + i, accountId: 'a' + (i % 7), receivedAt: new Date(i), body: 'x'.repeat(200) }]);
         writeSync(1, i + '\\n');
       }`,
    );
    const bundle = join(work, 'writer.js');
    buildSync({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });

    const child = spawn(process.execPath, [bundle, dataDir], {
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    let buffer = '';
    await new Promise<void>((done, fail) => {
      child.on('error', fail);
      child.on('exit', () => done());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) acked = Number(line);
        if (acked >= 300) child.kill('SIGKILL');
      });
    });
    expect(acked).toBeGreaterThanOrEqual(300);

    const raw = new Database(join(dataDir, 'db.sqlite'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const db = new LocalDatabase({ file: join(dataDir, 'db.sqlite'), schema: schemaFor(), clock });
    const stored = db.count('messages', {});
    expect(stored).toBeGreaterThanOrEqual(acked + 1);
    for (let i = 0; i <= acked; i++) expect(db.get('messages', `m${i}`)).not.toBeNull();
    // The index agrees with the documents: every one is found through it.
    const viaIndex = Array.from({ length: 7 }, (_, a) => db.count('messages', { accountId: `a${a}` })).reduce(
      (x, y) => x + y,
      0,
    );
    expect(db.stats.lastPlan).toBe('index:account');
    expect(viaIndex).toBe(stored);
    db.close();
  });
});

function schemaFor(extra: CollectionSpec[] = []): CollectionSpec[] {
  return [{ name: 'messages', indexes: [{ name: 'account', keys: [{ field: 'accountId', direction: 1 }] }] }, ...extra];
}

describe('the schema decides the indexes', () => {
  test('an index added to the declaration is built from existing documents; a removed one is dropped', () => {
    const file = join(tempDir(), 'db.sqlite');
    const v1: CollectionSpec[] = [{ name: 'items', indexes: [] }];
    let db = new LocalDatabase({ file, schema: v1, clock });
    db.insert(
      'items',
      Array.from({ length: 50 }, (_, i) => ({ _id: `i${i}`, kind: i % 5 === 0 ? 'rare' : 'common' })),
    );
    db.close();

    const v2: CollectionSpec[] = [
      { name: 'items', indexes: [{ name: 'kind', keys: [{ field: 'kind', direction: 1 }] }] },
    ];
    db = new LocalDatabase({ file, schema: v2, clock });
    expect(db.find('items', { kind: 'rare' })).toHaveLength(10);
    expect(db.stats.lastPlan).toBe('index:kind');
    expect(db.stats.documentsRead).toBe(10);
    db.close();

    db = new LocalDatabase({ file, schema: v1, clock });
    expect(db.find('items', { kind: 'rare' })).toHaveLength(10);
    expect(db.stats.lastPlan).toBe('scan');
    db.close();
  });
});

describe('reset', () => {
  test('wipes a data folder the local cloud made, refuses one in use or holding other files', async () => {
    const dataDir = tempDir();
    const local = await createLocalCloud({ dataDir, port: 0, timers: false, functionsDir: tempDir() });
    local.db.insert('units', [{ _id: 'u1' }]);
    expect(() => wipeDataDir(dataDir)).toThrow('数据目录正被另一个本地云进程使用');
    await local.close();

    const foreign = tempDir();
    writeFileSync(join(foreign, 'notes.txt'), '别删我');
    expect(() => wipeDataDir(foreign)).toThrow('拒绝清空');

    wipeDataDir(dataDir);
    const again = await createLocalCloud({ dataDir, port: 0, timers: false, functionsDir: tempDir() });
    expect(again.db.count('units', {})).toBe(0);
    await again.close();
  });

  test('POST /reset empties every collection and keeps the declared ones', async () => {
    const local = await createLocalCloud({ dataDir: null, port: 0, timers: false, functionsDir: tempDir() });
    local.db.insert('units', [{ _id: 'u1' }]);
    local.db.addCollection('extra');
    const res = await fetch(`${local.url}/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(local.db.count('units', {})).toBe(0);
    expect(local.db.hasCollection('units')).toBe(true);
    expect(local.db.hasCollection('extra')).toBe(false);
    await local.close();
  });
});
