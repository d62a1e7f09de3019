import { seedReferrals } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';

describe('the referral demo scenario', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-03-03T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('creates its messages and referrals through the function', async () => {
    const summary = await seedReferrals(async (fn, body, openid) => {
      const answer = (await t.post(fn, body, openid)).body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(`${String(body['action'])}: ${answer.error?.message ?? ''}`);
      return answer;
    });
    expect(summary).toBe('4条网民留言（1条待分类，2条已办结，1条流转待签收）');
    const messages = t.cloud.db.find('messages', {}) as unknown as { state: string }[];
    expect(messages.map((m) => m.state).sort()).toEqual(['closed', 'closed', 'received', 'triaged']);
    const referrals = t.cloud.db.find('referrals', {}) as unknown as { state: string }[];
    expect(referrals.map((r) => r.state).sort()).toEqual(['closed', 'pending']);
  }, 30_000);
});
