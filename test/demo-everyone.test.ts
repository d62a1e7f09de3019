/**
 * Demo data for every identity (issue 16): after the demo scenarios, each identity start-up prints has
 * something waiting (or, for admins, their unit's records), seen through the same actions the pages call.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoOpenids, seedEveryone, seedPosts, seedReferrals, type DemoCall } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';
import { ok } from './support/answers';

jest.setTimeout(60_000);

describe('demo data for every identity (tools/seed.ts)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-30T09:00:00+08:00' });
    const call: DemoCall = async (fn, body, openid) => {
      const res = await t.post(fn, body, openid);
      const answer = res.body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(`${fn}.${String(body.action)} as ${openid}: ${answer.error?.message}`);
      return answer;
    };
    for (const scenario of [seedPosts, seedReferrals, seedEveryone]) await scenario(call);
  });
  afterAll(() => t.close());

  const pendingApprovals = async (openid: string): Promise<string[]> =>
    (await ok(t.call('post', 'approvals', {}, openid))).items.map((i) => i.title);

  it('gives every approver a post to decide', async () => {
    expect(await pendingApprovals('demo-county-reviewer')).toEqual(['浏阳交警节日出行提示']);
    expect(await pendingApprovals('demo-county-leader')).toEqual(['浏阳破获系列盗窃案']);
    expect(await pendingApprovals('demo-province-propaganda')).toEqual(['全省夏季治安打击整治行动长沙成果']);
    // demo-reviewer: the reader scenario's post waits for them (test/reader-seed.test.ts).
    expect((await pendingApprovals('demo-leader')).length).toBeGreaterThan(0);
    expect((await pendingApprovals('demo-city-propaganda')).length).toBeGreaterThan(0);
  });

  it('gives both department handlers a referral to sign', async () => {
    for (const openid of ['demo-handler-cyber', 'demo-handler-criminal']) {
      const me = await ok(t.call('org', 'me', {}, openid));
      expect([openid, me.pending.referrals]).toEqual([openid, true]);
    }
  });

  it('gives every operator, the personal account owner included, a post of their own', async () => {
    for (const openid of ['demo-operator-a', 'demo-operator-b', 'demo-county-operator', 'demo-personal']) {
      const mine = await ok(t.call('post', 'list', {}, openid));
      expect([openid, mine.items.length > 0]).toEqual([openid, true]);
    }
  });

  it('has a county admin, who sees 浏阳 only', async () => {
    expect(demoOpenids().map((d) => d.openid)).toContain('demo-county-admin');
    const people = await ok(t.call('org', 'listPeople', { unitId: 'u-ly' }, 'demo-county-admin'));
    expect(people.items.length).toBeGreaterThan(0);
    expect(people.unit.name).toContain('浏阳');
    const cs = await t.post('org', { action: 'listPeople', unitId: 'u-cs' }, 'demo-county-admin');
    expect((cs.body as { ok: boolean }).ok).toBe(false);
  });
});

describe('README', () => {
  it('lists every identity start-up prints in its demo table', () => {
    const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| OPENID'));
    const listed = new Set([...table.slice(0, table.indexOf('\n\n')).matchAll(/`(demo-[a-z-]+)`/g)].map((m) => m[1]));
    expect(demoOpenids().filter((d) => !listed.has(d.openid))).toEqual([]);
  });
});
