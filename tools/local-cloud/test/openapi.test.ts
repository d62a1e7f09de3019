import { Clock } from '../src/clock';
import { OpenApi, parseMultipart } from '../src/openapi';
import { decodeResponse, encodeRequest } from '../src/openapi/proto';
import type { InvokeOutcome } from '../src/runtime';
import { startHarness, type Harness } from './fixtures/harness';

// Cold starts spawn node + wx-server-sdk; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

type Settled = { ok: true; res: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string };

function settled(outcome: InvokeOutcome): Settled {
  if (!outcome.ok) throw new Error(`invocation failed: ${outcome.message}`);
  return outcome.result as Settled;
}

const message = { thing1: { value: '值班提醒' }, time2: { value: '2026-11-28 16:00' } };

describe('OpenAPI through the real wx-server-sdk', () => {
  let h: Harness;
  const send = async (extra: Record<string, unknown> = {}, openid = 'o-user'): Promise<Settled> =>
    settled(
      await h.runtime.invoke(
        'notify',
        { op: 'send', templateId: 'TPL-1', page: 'pages/duty/index', data: message, ...extra },
        { openid },
      ),
    );

  beforeAll(async () => {
    h = await startHarness({ clock: { start: '2026-11-28T16:00:00+08:00', frozen: true }, timers: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.openapi.reset());

  it('subscribeMessage.send lands in the outbox with the WeChat success answer', async () => {
    const r = await send();
    expect(r).toMatchObject({ ok: true, res: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' } });
    expect(r.ok && typeof r.res['msgid']).toBe('number');
    expect(h.openapi.outbox()).toEqual([
      {
        touser: 'o-user',
        template_id: 'TPL-1',
        page: 'pages/duty/index',
        data: message,
        miniprogram_state: 'developer',
        time: '2026-11-28T08:00:00.000Z',
        result: { errcode: 0, errmsg: 'ok', msgid: expect.any(Number) },
        caller: 'notify',
      },
    ]);
  });

  it('applies queued failures to the next sends, in order, then succeeds again', async () => {
    h.openapi.failNextSends('refused', 'busy', 'quota');
    const results = [await send(), await send(), await send(), await send()];
    expect(results.map((r) => (r.ok ? 0 : r.errCode))).toEqual([43101, -1, 45009, 0]);
    expect(h.openapi.outbox().map((m) => m.result.errcode)).toEqual([43101, -1, 45009, 0]);
  });

  it('fails every send to one user until cleared', async () => {
    h.openapi.failSendsTo('o-refuser', 'refused');
    expect(await send({ touser: 'o-refuser' })).toMatchObject({ ok: false, errCode: 43101 });
    expect(await send({ touser: 'o-other' })).toMatchObject({ ok: true });
    expect(await send({ touser: 'o-refuser' })).toMatchObject({ ok: false, errCode: 43101 });
    h.openapi.failSendsTo('o-refuser', null);
    expect(await send({ touser: 'o-refuser' })).toMatchObject({ ok: true });
  });

  it('rejects what WeChat rejects: a thing value over 20 characters, a missing template', async () => {
    const long = await send({ data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } });
    expect(long).toMatchObject({ ok: false, errCode: 47003 });
    expect(await send({ templateId: '' })).toMatchObject({ ok: false, errCode: 40037 });
  });

  it('security.msgSecCheck v2 passes by default, in the real answer shape', async () => {
    const r = settled(await h.runtime.invoke('notify', { op: 'check', content: '今日值班安排' }, { openid: 'o-user' }));
    expect(r).toMatchObject({
      ok: true,
      res: { errCode: 0, result: { suggest: 'pass', label: 100 }, traceId: expect.any(String) },
    });
    expect(h.openapi.secChecks()).toMatchObject([
      { openid: 'o-user', scene: 2, content: '今日值班安排', version: 2, suggest: 'pass' },
    ]);
  });

  it('security.msgSecCheck flags configured risky terms', async () => {
    h.openapi.setRiskyTerms([{ term: '敏感词' }, { term: '广告', label: 10001, suggest: 'review' }]);
    const risky = settled(
      await h.runtime.invoke('notify', { op: 'check', content: '含有敏感词的稿件' }, { openid: 'o-user' }),
    );
    expect(risky).toMatchObject({ ok: true, res: { result: { suggest: 'risky', label: 20001 } } });
    expect(risky.ok && risky.res['detail']).toContainEqual(
      expect.objectContaining({ strategy: 'keyword', keyword: '敏感词' }),
    );
    const review = settled(
      await h.runtime.invoke('notify', { op: 'check', content: '一条广告' }, { openid: 'o-user' }),
    );
    expect(review).toMatchObject({ ok: true, res: { result: { suggest: 'review', label: 10001 } } });
  });

  it('security.msgSecCheck can be made to fail transiently', async () => {
    h.openapi.failNextChecks('busy');
    const first = settled(await h.runtime.invoke('notify', { op: 'check', content: '稿件' }, { openid: 'o-user' }));
    expect(first).toMatchObject({ ok: false, errCode: -1 });
    const second = settled(await h.runtime.invoke('notify', { op: 'check', content: '稿件' }, { openid: 'o-user' }));
    expect(second).toMatchObject({ ok: true });
  });

  it('refuses a cloud call the function did not declare in config.json permissions', async () => {
    const r = settled(await h.runtime.invoke('notify', { op: 'undeclared' }, { openid: 'o-user' }));
    expect(r).toMatchObject({ ok: false, errCode: -604101 });
  });
});

describe('OpenAPI wire handling', () => {
  const clock = new Clock({ start: '2026-11-28T00:00:00Z', frozen: true });

  function multipart(fields: Record<string, Buffer | string>): { body: Buffer; contentType: string } {
    const boundary = '----------------------------123456789012345678901234';
    const parts = Object.entries(fields).map(([name, value]) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n`),
        Buffer.from(Buffer.isBuffer(value) ? 'Content-Type: application/octet-stream\r\n\r\n' : '\r\n'),
        Buffer.isBuffer(value) ? value : Buffer.from(value),
        Buffer.from('\r\n'),
      ]),
    );
    return {
      body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  }

  const pairs = (params: Record<string, unknown>): Array<{ key: string; value: Buffer }> =>
    Object.entries(params).map(([key, value]) => ({ key, value: Buffer.from(JSON.stringify(value)) }));

  it('parses binary parts byte for byte', () => {
    const binary = Buffer.from([0x08, 0x00, 0x12, 0x0d, 0x0a, 0xff, 0xe4, 0xb8]);
    const { body, contentType } = multipart({ action: 'wx.openApi', requestData: binary });
    const fields = parseMultipart(body, contentType);
    expect(fields.get('action')?.toString()).toBe('wx.openApi');
    expect(fields.get('requestData')?.equals(binary)).toBe(true);
  });

  it('answers v1 msgSecCheck with 87014 for risky content', () => {
    const api = new OpenApi({ clock });
    api.setRiskyTerms([{ term: '违规' }]);
    const requestData = encodeRequest({ apiType: 0, appid: '', pairs: pairs({ content: '违规内容' }) });
    const request = multipart({ action: 'wx.openApi', apiName: 'security.msgSecCheck', requestData });
    const answer = api.handle(request.body, request.contentType);
    expect(answer.contentType).toBe('application/octet-stream');
    const resp = decodeResponse(answer.body);
    expect(JSON.parse(resp.respData.toString())).toEqual({ errcode: 87014, errmsg: 'risky content' });
  });

  it('answers an unknown API with -604100 and a malformed request with a JSON error', () => {
    const api = new OpenApi({ clock });
    const requestData = encodeRequest({ apiType: 0, appid: '', pairs: [] });
    const unknown = multipart({ action: 'wx.openApi', apiName: 'wxacode.get', requestData });
    expect(decodeResponse(api.handle(unknown.body, unknown.contentType).body).errorCode).toBe(-604100);

    const broken = multipart({ action: 'wx.openApi', apiName: 'subscribeMessage.send' });
    const answer = api.handle(broken.body, broken.contentType);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
  });
});
