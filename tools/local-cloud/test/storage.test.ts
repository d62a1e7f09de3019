import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalCloud, type LocalCloud } from '../src';
import { Clock } from '../src/clock';
import type { InvokeOutcome } from '../src/runtime';
import { Storage, StorageError } from '../src/storage';
import { FIXTURE_FUNCTIONS, startHarness, type Harness } from './fixtures/harness';

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

describe("the mini-program's uploads over HTTP (DevTools against the local cloud)", () => {
  let local: LocalCloud;
  // A PNG signature: CR LF and a NUL inside, so a text-decoding parser would corrupt it.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);

  beforeAll(async () => {
    local = await createLocalCloud({
      port: 0,
      dataDir: null,
      functionsDir: FIXTURE_FUNCTIONS,
      timers: false,
      clock: { start: '2026-11-28T09:00:00+08:00', frozen: true },
      onLog: () => undefined,
    });
  });
  afterAll(() => local.close());

  // As wx.uploadFile sends it: the file under `name`, the other fields from `formData`.
  async function upload(cloudPath: string | undefined, content?: Buffer): Promise<Response> {
    const form = new FormData();
    if (cloudPath !== undefined) form.append('cloudPath', cloudPath);
    if (content !== undefined) form.append('file', new Blob([content], { type: 'image/png' }), 'tmp_abc.png');
    return fetch(`${local.url}/storage/upload`, { method: 'POST', body: form });
  }

  async function tempUrls(
    body: unknown,
  ): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }> {
    const res = await fetch(`${local.url}/storage/temp-urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { fileList: { fileID: string; tempFileURL: string; status: number }[] };
  }

  it('stores the bytes and answers the file ID the functions resolve', async () => {
    const res = await upload('posts/夜巡-1.png', png);
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toBe('cloud://local-dev.6c6f-local-dev-1300000000/posts/夜巡-1.png');
    expect(local.storage.get(fileID)).toEqual(png);

    // The functions' wx-server-sdk understands the id: temp URL and download.
    const [entry] = files(settled(await local.runtime.invoke('files', { op: 'url', fileList: [fileID] })));
    expect(entry).toMatchObject({ fileID, status: 0 });
    const served = await fetch(encodeURI(entry?.tempFileURL ?? ''));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    const downloaded = settled(await local.runtime.invoke('files', { op: 'download', fileID }));
    expect(downloaded).toEqual({ ok: true, res: { text: png.toString('utf8') } });
  });

  it('refuses an upload without a file or with a path that would escape the folder', async () => {
    const noFile = await upload('posts/x.png');
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ code: 'INVALID_PARAM' });
    const escaping = await upload('../outside.png', png);
    expect(escaping.status).toBe(400);
    expect(await escaping.json()).toMatchObject({ code: 'STORAGE_INVALID_PATH' });
    const noPath = await upload(undefined, png);
    expect(noPath.status).toBe(400);
    const json = await fetch(`${local.url}/storage/upload`, { method: 'POST', body: '{}' });
    expect(json.status).toBe(400);
  });

  it('issues temp URLs for thumbnails, on the local-cloud clock, and none for a missing file', async () => {
    const fileID = local.storage.put('posts/thumb.png', png);
    const missing = local.storage.fileIdOf('posts/none.png');
    const { fileList } = await tempUrls({ fileList: [fileID, missing], maxAge: 60 });
    expect(fileList).toEqual([
      { fileID, tempFileURL: expect.stringContaining('/storage/files/posts/thumb.png?t=') as unknown, status: 0 },
      { fileID: missing, tempFileURL: '', status: 1 },
    ]);
    const url = fileList[0]?.tempFileURL ?? '';
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(png);
    local.clock.advance(61_000);
    expect((await fetch(url)).status).toBe(403);

    const bad = await fetch(`${local.url}/storage/temp-urls`, { method: 'POST', body: '{"fileList":"x"}' });
    expect(bad.status).toBe(400);
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
