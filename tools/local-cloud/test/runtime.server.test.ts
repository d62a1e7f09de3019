/**
 * The functions runtime, timers, cloud calls and storage wired into the real local-cloud server:
 * the HTTP routes tests and tools use, and the SDK's /admin calls made from inside functions.
 */
import { createLocalCloud, type LocalCloud } from '../src';
import { FIXTURE_FUNCTIONS } from './fixtures/harness';

// Cold starts spawn node + wx-server-sdk; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

let local: LocalCloud;
const logs: string[] = [];

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${local.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  return { status: res.status, json };
}

beforeAll(async () => {
  local = await createLocalCloud({
    dataDir: null,
    functionsDir: FIXTURE_FUNCTIONS,
    clock: { start: '2026-11-28T15:59:00+08:00', frozen: true },
    onLog: ({ functionName, text }) => logs.push(`[${functionName}] ${text}`),
  });
});
afterAll(() => local.close());

it('POST /functions/<name> runs the function as the given mini-program user', async () => {
  const { status, json } = await post('/functions/echo', { a: 1 }, { 'x-wx-openid': 'o-http' });
  expect(status).toBe(200);
  expect(json).toMatchObject({ wx: { OPENID: 'o-http', ENV: 'local-dev' }, event: { a: 1 } });
  expect(await post('/functions/ghost', {})).toMatchObject({ status: 404 });
});

it('POST /clock answers after the timers it made due have run', async () => {
  const before = local.timers.history().length;
  const { json } = await post('/clock', { advanceMs: 120_000 });
  expect(json).toMatchObject({ now: '2026-11-28T08:01:00.000Z' });
  expect(
    local.timers
      .history()
      .slice(before)
      .map((r) => [r.triggerName, r.time, r.outcome.ok]),
  ).toEqual([
    ['daily1600', '2026-11-28T08:00:00Z', true],
    ['every30min2026', '2026-11-28T08:00:00Z', true],
  ]);
});

it('POST /triggers/<name> fires a trigger now', async () => {
  const { status, json } = await post('/triggers/daily1600', {});
  expect(status).toBe(200);
  expect(json).toMatchObject([
    { functionName: 'ticker', triggerName: 'daily1600', manual: true, outcome: { ok: true } },
  ]);
  expect(await post('/triggers/none', {})).toMatchObject({ status: 404 });
});

it('cloud calls from a function reach the outbox, and injected failures apply', async () => {
  await post('/reset', {});
  await post('/openapi/fail', { sends: ['refused'] });
  const event = { op: 'send', templateId: 'TPL', data: { thing1: { value: '提醒' } } };
  const first = await post('/functions/notify', event, { 'x-wx-openid': 'o-n' });
  const second = await post('/functions/notify', event, { 'x-wx-openid': 'o-n' });
  expect(first.json).toMatchObject({ ok: false, errCode: 43101 });
  expect(second.json).toMatchObject({ ok: true });
  const outbox = (await (await fetch(`${local.url}/outbox`)).json()) as Array<{
    touser: string;
    result: { errcode: number };
  }>;
  expect(outbox.map((m) => [m.touser, m.result.errcode])).toEqual([
    ['o-n', 43101],
    ['o-n', 0],
  ]);
});

it('storage round-trips through the server, temp URL included', async () => {
  const up = await post('/functions/files', { op: 'upload', cloudPath: 'a/报告.txt', text: '内容' });
  const fileID = (up.json as { res: { fileID: string } }).res.fileID;
  const url = await post('/functions/files', { op: 'url', fileList: [fileID] });
  const tempFileURL =
    (url.json as { res: { fileList: Array<{ tempFileURL: string }> } }).res.fileList[0]?.tempFileURL ?? '';
  expect(await (await fetch(encodeURI(tempFileURL))).text()).toBe('内容');
  expect(await post('/functions/files', { op: 'download', fileID })).toMatchObject({
    json: { ok: true, res: { text: '内容' } },
  });
});

it('cloud.callFunction from a function goes through /admin and keeps the user', async () => {
  const { json } = await post('/functions/caller', { target: 'echo', data: { n: 2 } }, { 'x-wx-openid': 'o-nested' });
  expect(json).toMatchObject({ self: { OPENID: 'o-nested' }, callee: { wx: { OPENID: 'o-nested' }, event: { n: 2 } } });
});
