/** The security demo scenario (tools/seed-security.ts) through the functions and their timers. */
import type { Archive } from '../typings/archive';
import type { Incident } from '../typings/security';
import type { DemoCall, DemoClock } from '../tools/seed';
import { seedSecurity } from '../tools/seed-security';
import { toBeijingIso } from '../core/time';
import { startTestCloud, type TestCloud } from './support/cloud';

jest.setTimeout(120_000);

describe('the security demo scenario', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-03-10T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('leaves an attestation, an open and a closed incident, a session, and complete archives', async () => {
    const call: DemoCall = async (fn, body, openid) => {
      const answer = (await t.post(fn, body, openid)).body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(`${fn}.${String(body['action'])}: ${answer.error?.message ?? ''}`);
      return answer;
    };
    const clock: DemoClock = {
      now: () => t.cloud.clock.now(),
      set: (ms) => t.cloud.clock.set(toBeijingIso(ms)),
      fireTimer: async () => void (await t.cloud.timers.fire('timer')),
      fireTrigger: async (name) => void (await t.cloud.timers.fire(name)),
    };
    expect(await seedSecurity(call, clock)).toContain('2起安全事件');
    const incidents = t.cloud.db.find('incidents', {}) as unknown as Incident[];
    expect(incidents.map((i) => [i.kind, i.state, i.suspended]).sort()).toEqual([
      ['dataLeak', 'open', false],
      ['wrongPost', 'closed', false],
    ]);
    expect(t.cloud.db.find('securityAttestations', { accountId: 'acc-cs-weibo' })).toHaveLength(2);
    const archives = t.cloud.db.find('archives', {}) as unknown as Archive[];
    expect(archives.some((a) => a.type === 'export')).toBe(true);
    expect(archives.some((a) => a._id === 'm-u-cs-2026-02')).toBe(true);
    expect(archives.every((a) => a.state === 'complete')).toBe(true);
    // The export covers the demo day: the attestations and the closed incident are in it.
    const x = archives.find((a) => a.type === 'export');
    expect(x?.partLists.find((p) => p.kind === 'attestations')?.records).toBe(2);
    expect(x?.partLists.find((p) => p.kind === 'incidents')?.records).toBe(1);
    expect(Math.abs(t.cloud.clock.now() - Date.parse('2026-03-10T09:00:00+08:00'))).toBeLessThan(60_000);
  });
});
