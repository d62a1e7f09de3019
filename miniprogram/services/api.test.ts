import { config, effectiveBackend } from '../config';
import type { AppConfig } from '../config';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR, call } from './api';

interface RequestOptions {
  url: string;
  method: string;
  data: object;
  header: Record<string, string>;
  success(res: { data: unknown; statusCode: number }): void;
  fail(err: { errMsg: string }): void;
}

const original: AppConfig = { ...config };
let callFunction: jest.Mock<Promise<{ result: unknown }>, [{ name: string; data: object }]>;
let request: jest.Mock<void, [RequestOptions]>;

function runAs(envVersion: 'develop' | 'trial' | 'release'): void {
  Object.assign(wx, {
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion, version: '' } }),
  });
}

beforeEach(() => {
  callFunction = jest.fn();
  request = jest.fn();
  Object.assign(wx, { cloud: { init: jest.fn(), callFunction }, request });
  runAs('develop');
});

afterEach(() => {
  Object.assign(config, original);
});

describe('call() through the cloud', () => {
  it('calls the named function with the action and params, and returns its answer', async () => {
    callFunction.mockResolvedValue({ result: { ok: true, data: { name: '李明' } } });
    const res = await call('org', 'bind', { inviteCode: 'HN-1' });
    expect(callFunction).toHaveBeenCalledWith({ name: 'org', data: { action: 'bind', inviteCode: 'HN-1' } });
    expect(res).toEqual({ ok: true, data: { name: '李明' } });
    expect(request).not.toHaveBeenCalled();
  });

  it("passes the server's refusal through", async () => {
    const refusal = { ok: false, error: { code: 'INVITE_INVALID', message: '邀请码无效或已过期' } };
    callFunction.mockResolvedValue({ result: refusal });
    expect(await call('org', 'bind', { inviteCode: 'X' })).toEqual(refusal);
  });

  it('turns a failed call into the NETWORK error', async () => {
    callFunction.mockRejectedValue(new Error('cloud.callFunction:fail timeout'));
    expect(await call('org', 'me', {})).toEqual({ ok: false, error: NETWORK_ERROR });
    expect(NETWORK_ERROR).toEqual({ code: 'NETWORK', message: '网络异常，请稍后重试' });
  });

  it('turns an answer that is no ApiResult into BAD_RESPONSE', async () => {
    for (const result of [
      undefined,
      'ok',
      { ok: 'yes' },
      { ok: false },
      { ok: false, error: { code: 1 } },
      { data: {} },
    ]) {
      callFunction.mockResolvedValue({ result });
      expect(await call('org', 'me', {})).toEqual({ ok: false, error: BAD_RESPONSE_ERROR });
    }
  });
});

describe('call() through the local cloud', () => {
  beforeEach(() => {
    Object.assign(config, { backend: 'local', localUrl: 'http://127.0.0.1:3999', localOpenid: 'oTEST' });
  });

  it('POSTs to /functions/<name> with the caller openid header', async () => {
    request.mockImplementation((options) =>
      options.success({ data: { ok: true, data: { items: [], unread: 0 } }, statusCode: 200 }),
    );
    const res = await call('notify', 'inbox', {});
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:3999/functions/notify',
        method: 'POST',
        data: { action: 'inbox' },
        header: expect.objectContaining({ 'x-wx-openid': 'oTEST' }),
      }),
    );
    expect(res).toEqual({ ok: true, data: { items: [], unread: 0 } });
    expect(callFunction).not.toHaveBeenCalled();
  });

  it('keeps an error answer sent with an error status', async () => {
    const refusal = { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定账号' } };
    request.mockImplementation((options) => options.success({ data: refusal, statusCode: 403 }));
    expect(await call('org', 'me', {})).toEqual(refusal);
  });

  it('turns an unreachable local cloud into the NETWORK error', async () => {
    request.mockImplementation((options) => options.fail({ errMsg: 'request:fail' }));
    expect(await call('org', 'me', {})).toEqual({ ok: false, error: NETWORK_ERROR });
  });

  it('is ignored outside the development build', async () => {
    runAs('release');
    callFunction.mockResolvedValue({ result: { ok: true, data: { items: [], unread: 0 } } });
    await call('notify', 'inbox', {});
    expect(callFunction).toHaveBeenCalledTimes(1);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('effectiveBackend', () => {
  it.each([
    ['cloud', 'develop', 'cloud'],
    ['local', 'develop', 'local'],
    ['local', 'trial', 'cloud'],
    ['local', 'release', 'cloud'],
  ] as const)('backend %s in %s runs against %s', (backend, envVersion, expected) => {
    expect(effectiveBackend({ ...original, backend }, envVersion)).toBe(expected);
  });
});
