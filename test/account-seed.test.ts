import type { AccountApplication } from '../typings/account';
import type { Account } from '../typings/org';
import { seedAccounts } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';

describe('the account demo scenario', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-03-03T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('makes its applications, filing and registration through the function', async () => {
    const summary = await seedAccounts(async (fn, body, openid) => {
      const answer = (await t.post(fn, body, openid)).body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(`${String(body['action'])}: ${answer.error?.message ?? ''}`);
      return answer;
    });
    expect(summary).toBe('账号申请2份（1份已同意待完成开设任务，1份待审批）、个人账号报备1个');
    const apps = t.cloud.db.find('accountApplications', {}, { sort: [['name', 1]] }) as unknown as AccountApplication[];
    expect(apps.map((a) => `${a.name}:${a.state}`)).toEqual(['浏阳警方:pending', '长沙警事:approved']);
    expect(t.cloud.db.find('filings', {})).toEqual([
      expect.objectContaining({ state: 'due', receiverDeskId: 'u-hn-xcc' }),
    ]);
    const personal = t.cloud.db.find('accounts', { platform: 'weibo', kind: 'personal' }) as unknown as Account[];
    expect(personal).toEqual([
      expect.objectContaining({ name: '交警林晓', mark: expect.objectContaining({ kind: 'support' }) }),
    ]);
  }, 30_000);
});
