import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../src/clock';
import type { InvokeOutcome } from '../src/runtime';
import { Storage, StorageError } from '../src/storage';
import { startHarness, type Harness } from './fixtures/harness';

// Cold starts spawn node + wx-server-sdk; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

type Settled = { ok: true; res: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string };
interface FileEntry {
  fileID: string;
  status: number;
  tempFileURL?: string;
  maxAge?: number;
}

function settled(outcome: InvokeOutcome): Settled {
  if (!outcome.ok) throw new Error(`invocation failed: ${outcome.message}`);
  return outcome.result as Settled;
}

function files(r: Settled): FileEntry[] {
  if (!r.ok) throw new Error(`call failed: ${r.errCode} ${r.errMsg}`);
  return r.res['fileList'] as FileEntry[];
}

describe('storage through the real wx-server-sdk', () => {
  let h: Harness;
  let dir: string;
  const call = async (event: Record<string, unknown>): Promise<Settled> =>
    settled(await h.runtime.invoke('files', event));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lc-storage-'));
    h = await startHarness({
      clock: { start: '2026-11-28T09:00:00+08:00', frozen: true },
      storageDir: dir,
      timers: false,
    });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a file: upload, temp URL, download, delete', async () => {
    const uploaded = await call({ op: 'upload', cloudPath: 'drafts/2026/稿件.txt', text: '警情通报：内容' });
    expect(uploaded).toMatchObject({
      ok: true,
      res: { fileID: 'cloud://local-dev.6c6f-local-dev-1300000000/drafts/2026/稿件.txt' },
    });
    const fileID = uploaded.ok ? String(uploaded.res['fileID']) : '';
    // Kept on disk under the data folder.
    expect(readFileSync(join(dir, 'drafts/2026/稿件.txt'), 'utf8')).toBe('警情通报：内容');

    const [entry] = files(await call({ op: 'url', fileList: [{ fileID, maxAge: 120 }] }));
    expect(entry).toMatchObject({ fileID, status: 0, maxAge: 120 });
    const response = await fetch(encodeURI(entry?.tempFileURL ?? ''));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('警情通报：内容');

    expect(await call({ op: 'download', fileID })).toEqual({ ok: true, res: { text: '警情通报：内容' } });

    expect(files(await call({ op: 'delete', fileList: [fileID] }))).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect(existsSync(join(dir, 'drafts/2026/稿件.txt'))).toBe(false);
    const [again] = files(await call({ op: 'delete', fileList: [fileID] }));
    expect(again?.status).not.toBe(0);
  });

  it('reports a missing file per entry and fails its download', async () => {
    const missing = 'cloud://local-dev.6c6f-local-dev-1300000000/nothing/here.png';
    const [entry] = files(await call({ op: 'url', fileList: [missing] }));
    expect(entry).toMatchObject({ fileID: missing, tempFileURL: '' });
    expect(entry?.status).not.toBe(0);
    expect(await call({ op: 'download', fileID: missing })).toMatchObject({ ok: false });
  });

  it('temp URLs expire on the local-cloud clock', async () => {
    const fileID = h.storage.put('photos/a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const [entry] = files(await call({ op: 'url', fileList: [{ fileID, maxAge: 60 }] }));
    const url = entry?.tempFileURL ?? '';
    const fresh = await fetch(url);
    expect(fresh.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fresh.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    h.clock.advance(61_000);
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a cloud path that would escape the folder', async () => {
    expect(await call({ op: 'upload', cloudPath: '../outside.txt', text: 'x' })).toMatchObject({ ok: false });
    expect(existsSync(join(dir, '..', 'outside.txt'))).toBe(false);
  });

  it('an upload URL works once', async () => {
    const meta = h.storage.handleAdmin('storage.getUploadMetadata', { path: 'once.txt' });
    const url = 'data' in meta ? String((meta.data as { url: string }).url) : '';
    expect((await fetch(url, { method: 'PUT', body: 'one' })).status).toBe(200);
    expect((await fetch(url, { method: 'PUT', body: 'two' })).status).toBe(403);
    expect(h.storage.get(h.storage.fileIdOf('once.txt'))?.toString()).toBe('one');
  });
});

describe('in-memory storage', () => {
  const storage = new Storage({ envId: 'local-dev', baseUrl: () => 'http://127.0.0.1:1', clock: new Clock() });

  it('keeps files without a data folder', () => {
    const fileID = storage.put('a/b.txt', Buffer.from('hi'));
    expect(storage.get(fileID)?.toString()).toBe('hi');
    expect(storage.remove(fileID)).toBe(true);
    expect(storage.get(fileID)).toBeUndefined();
    expect(storage.remove(fileID)).toBe(false);
  });

  it('does not resolve file IDs of another environment', () => {
    storage.put('x.txt', Buffer.from('x'));
    expect(storage.get('cloud://other-env.6f74-other-env-1300000000/x.txt')).toBeUndefined();
  });

  it('rejects invalid cloud paths', () => {
    for (const bad of ['', '/abs.txt', 'a//b.txt', 'a/../b.txt', 'q?.txt', '100%.txt']) {
      expect(() => storage.put(bad, Buffer.from('x'))).toThrow(StorageError);
    }
  });
});
