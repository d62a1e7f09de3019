/**
 * The platform's large model through the real, unmodified wx-server-sdk: a fixture function calls
 * `cloud.ai().createModel(group).generateText / streamText`, the SDK signs for a token and posts to the
 * environment's gateway, and the function instance's connection lands on the local cloud's scripted
 * model. Everything the tests control goes through the control routes, as OpenAPI failures do.
 */
import { request } from 'node:http';
import { createLocalCloud, type LocalCloud } from '../src';
import type { InvokeOutcome } from '../src/runtime';
import { FIXTURE_FUNCTIONS } from './fixtures/harness';

jest.setTimeout(30_000);

type Answer = { ok: true; text: string; usage: Record<string, number> } | { ok: false; code: string; message: string };

function answer(outcome: InvokeOutcome): Answer {
  if (!outcome.ok) throw new Error(`invocation failed: ${outcome.message}`);
  return outcome.result as Answer;
}

describe('cloud.ai() on the local cloud', () => {
  let cloud: LocalCloud;
  const ask = async (content: string, extra: Record<string, unknown> = {}): Promise<Answer> =>
    answer(
      await cloud.runtime.invoke('model', {
        group: 'hunyuan-exp',
        model: 'hunyuan-turbos-latest',
        messages: [
          { role: 'system', content: '审读说明' },
          { role: 'user', content },
        ],
        ...extra,
      }),
    );
  const control = async (path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${cloud.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    cloud = await createLocalCloud({
      port: 0,
      dataDir: null,
      timers: false,
      functionsDir: FIXTURE_FUNCTIONS,
      onLog: () => undefined,
    });
  });
  afterAll(() => cloud.close());
  beforeEach(() => cloud.reset());

  it('answers generateText as an OpenAI-style completion, with usage counted per character by default', async () => {
    const r = await ask('稿件正文');
    expect(r).toEqual({
      ok: true,
      text: '{"findings":[]}',
      usage: { prompt_tokens: 4 + 4, completion_tokens: 15, total_tokens: 23 },
    });
    expect(cloud.ai.received()).toEqual([
      {
        at: expect.any(String),
        group: 'hunyuan-exp',
        model: 'hunyuan-turbos-latest',
        stream: false,
        messages: [
          { role: 'system', content: '审读说明' },
          { role: 'user', content: '稿件正文' },
        ],
        status: 200,
        code: null,
      },
    ]);
  });

  it('answers queued replies in order, then rules by what the post contains, then the default', async () => {
    const scripted = await control('/ai/script', {
      replies: [{ content: '第一', usage: { prompt_tokens: 100, completion_tokens: 7 } }, { content: '第二' }],
      rules: [{ contains: '卖惨', reply: { content: '规则' } }],
    });
    expect(scripted).toEqual({ status: 200, body: { ok: true } });
    const results = [await ask('x'), await ask('卖惨'), await ask('卖惨'), await ask('别的')];
    expect(results.map((r) => (r.ok ? r.text : r.code))).toEqual(['第一', '第二', '规则', '{"findings":[]}']);
    expect(results[0]).toMatchObject({ usage: { prompt_tokens: 100, completion_tokens: 7, total_tokens: 107 } });
  });

  it('streams the same answer as server-sent chunks for streamText', async () => {
    const long = `{"findings":[{"item":"17.1.9","quote":"${'长'.repeat(40)}","reason":"理由","confidence":0.9}]}`;
    await control('/ai/script', { replies: [{ content: long }] });
    const r = await ask('正文', { stream: true });
    expect(r).toEqual({
      ok: true,
      text: long,
      usage: { prompt_tokens: 6, completion_tokens: [...long].length, total_tokens: 6 + [...long].length },
    });
    expect(cloud.ai.received()[0]?.stream).toBe(true);
  });

  // The pinned SDK's request adapter reads a JSON error body only when it arrives unparsed; the body of
  // a non-2xx answer arrives parsed, so the caller sees the HTTP status as the code (the gateway's own
  // code stays in the local record). Code written for this SDK must classify errors by status.
  it('refuses a model the environment has not enabled (the SDK reports the status)', async () => {
    await control('/ai/script', { models: ['deepseek/deepseek-v3.2'] });
    const r = await ask('正文');
    expect(r).toEqual({ ok: false, code: '403', message: 'Request failed with status code 403' });
    expect(cloud.ai.received()[0]).toMatchObject({ status: 403, code: 'AI_MODEL_DISABLED' });
    await control('/ai/script', { models: ['hunyuan-exp/hunyuan-turbos-latest'] });
    expect(await ask('正文')).toMatchObject({ ok: true });
  });

  it('answers scripted platform errors as the SDK reports them: a status, or a code in a 200 body', async () => {
    await control('/ai/script', {
      replies: [
        { error: { status: 429, code: 'EXCEED_TOKEN_QUOTA_LIMIT', message: '大模型 Token 用量已超出配额' } },
        { error: { status: 200, code: 'AI_MODEL_REQUEST_FAILED', message: '请求模型失败' } },
      ],
    });
    expect(await ask('a')).toEqual({ ok: false, code: '429', message: 'Request failed with status code 429' });
    const inBody = await ask('b');
    expect(inBody).toMatchObject({ ok: false });
    expect(!inBody.ok && inBody.message).toContain('错误码：AI_MODEL_REQUEST_FAILED');
    expect(cloud.ai.received().map((r) => [r.status, r.code])).toEqual([
      [429, 'EXCEED_TOKEN_QUOTA_LIMIT'],
      [200, 'AI_MODEL_REQUEST_FAILED'],
    ]);
  });

  // generateText's options.timeout reaches the request only for the groups whose model class passes
  // it on (deepseek, hunyuan, …); hunyuan-exp and custom groups wait for cloud.init's timeout (15 s).
  it('lets a scripted delay pass the caller’s timeout: the SDK gives up with its timeout error', async () => {
    await control('/ai/script', { replies: [{ delayMs: 1500 }, { delayMs: 600 }] });
    const started = Date.now();
    const r = await ask('正文', { group: 'deepseek', model: 'deepseek-v3.2', timeout: 300 });
    expect(r).toMatchObject({ ok: false, code: 'ESOCKETTIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(1400);
    const ignored = await ask('正文', { timeout: 300 });
    expect(ignored).toMatchObject({ ok: true });
  });

  it('holds the gateway to its wire: a token from signed credentials, the environment in the host', async () => {
    const gateway = `${cloud.envId}.api.tcloudbasegateway.com`;
    const post = (path: string, headers: Record<string, string>, body = '{}', host = gateway) =>
      new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        const req = request(`${cloud.url}${path}`, { method: 'POST', headers: { host, ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            }),
          );
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post('/auth/v1/token/clientCredential', {})).toMatchObject({
      status: 401,
      body: { code: 'INVALID_CREDENTIALS' },
    });
    const token = await post('/auth/v1/token/clientCredential', { authorization: 'TC3-HMAC-SHA256 Credential=x/y' });
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
    const chat = '/v1/ai/hunyuan-exp/chat/completions';
    expect((await post(chat, { authorization: 'Bearer nope' })).body).toMatchObject({ code: 'INVALID_ACCESS_TOKEN' });
    const bearer = { authorization: `Bearer ${String(token.body['access_token'])}` };
    expect((await post(chat, bearer, '{"messages":[]}')).body).toMatchObject({ code: 'AI_MODEL_NOT_SUPPORTED' });
    expect((await post(chat, bearer, '{"model":"m","messages":"x"}')).body).toMatchObject({
      code: 'AI_MODEL_PARAM_INVALID',
    });
    expect((await post(chat, bearer, 'not json')).status).toBe(400);
    // Tokens expire on the local cloud's clock.
    cloud.clock.advance(7201_000);
    expect((await post(chat, bearer, '{"model":"m","messages":[{"role":"user","content":"x"}]}')).status).toBe(401);
    const other = await post('/auth/v1/token/clientCredential', {}, '{}', 'someone-else.api.tcloudbasegateway.com');
    expect(other).toMatchObject({ status: 404, body: { code: 'INVALID_ENV' } });
  });

  it('validates the control route and forgets everything on reset', async () => {
    expect((await control('/ai/script', { replies: [{ delayMs: -1 }] })).status).toBe(400);
    expect((await control('/ai/script', { unknown: true })).status).toBe(400);
    await control('/ai/script', { replies: [{ content: '排队' }], models: ['a/b'] });
    await control('/reset', {});
    expect(await ask('x')).toMatchObject({ ok: true, text: '{"findings":[]}' });
    expect((await control('/ai/requests')).body).toHaveLength(1);
  });
});
