import { startTestCloud, type TestCloud } from './support/cloud';

describe('system function through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00', seed: false });
  });
  afterAll(() => t.close());

  it('answers ping with the local cloud clock in Beijing time', async () => {
    const res = await t.call('system', 'ping', {});
    expect(res).toEqual({ ok: true, data: { now: expect.stringMatching(/^2026-11-28T09:00:\d{2}\.\d{3}\+08:00$/) } });
  });

  it('takes identity from the cloud context, never from the event', async () => {
    expect(await t.call('system', 'whoami', {}, 'demo-reviewer')).toEqual({
      ok: true,
      data: { openid: 'demo-reviewer' },
    });
    const forged = await t.post('system', { action: 'whoami', OPENID: 'demo-leader' }, 'demo-reviewer');
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.call('system', 'whoami', {})).toEqual({ ok: true, data: { openid: null } });
  });

  it('refuses unknown actions and malformed events with a stable code and a Chinese message', async () => {
    expect((await t.post('system', { action: 'dropTables' })).body).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ACTION', message: '未知的操作：dropTables' },
    });
    expect((await t.post('system', { nothing: true })).body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await t.post('system', ['ping'])).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
