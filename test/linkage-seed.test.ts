/** The linkage demo scenario (tools/seed-linkage.ts) through the function and the timer, on its own past timeline. */
import type { DemoCall, DemoClock } from '../tools/seed';
import { seedLinkage } from '../tools/seed-linkage';
import { toBeijingIso } from '../core/time';
import { startTestCloud, type TestCloud } from './support/cloud';
import { directives, targetsOf } from './linkage-helpers';

describe('the linkage demo scenario', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-03-10T09:00:00+08:00' });
  }, 60_000);
  afterAll(() => t.close());

  it('leaves one directive closed, one withdrawn with its correction closed, one running — and the clock where it was', async () => {
    const call: DemoCall = async (fn, body, openid) => {
      const answer = (await t.post(fn, body, openid)).body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(`${fn}.${String(body['action'])}: ${answer.error?.message ?? ''}`);
      return answer;
    };
    const clock: DemoClock = {
      now: () => t.cloud.clock.now(),
      set: (ms) => t.cloud.clock.set(toBeijingIso(ms)),
      fireTimer: async () => void (await t.cloud.timers.fire('timer')),
    };
    const before = t.cloud.clock.now();
    expect(await seedLinkage(call, clock)).toBe('4条联动指令（1条已结束，1条已撤回及其更正，1条进行中）');
    expect(Math.abs(t.cloud.clock.now() - before)).toBeLessThan(60_000);

    const byTitle = new Map(directives(t).map((d) => [d.title, d]));
    const closed = byTitle.get('转发全省禁毒宣传月启动仪式');
    expect(closed).toMatchObject({ state: 'closed', steps: { reminders: 2, lateReported: true } });
    expect(
      targetsOf(t, closed?._id ?? '')
        .map((x) => [x.accountId, x.state, x.elapsedMs === null ? null : Math.round(x.elapsedMs / 60_000)])
        .sort(),
    ).toEqual([
      ['acc-cs-wechat-service', 'none', null],
      ['acc-cs-wechat-sub', 'onTime', 14],
      ['acc-cs-weibo', 'onTime', 8],
      ['acc-ly-weibo', 'late', 68],
    ]);
    expect(byTitle.get('澄清网传“某地发生恶性案件”不实信息')?.state).toBe('withdrawn');
    expect(byTitle.get('澄清网传不实信息（更正）')).toMatchObject({ state: 'closed' });
    const running = byTitle.get('转发“110宣传日”系列海报');
    expect(running).toMatchObject({ state: 'open', windowMinutes: 240 });
    expect(Date.parse(running?.dueAt ?? '') - t.cloud.clock.now()).toBeGreaterThan(3 * 60 * 60_000);
    // Only the running one still waits for anyone: every stage ran after its moment.
    const pending = directives(t).flatMap((d) =>
      targetsOf(t, d._id)
        .filter((x) => x.state === 'pending')
        .map(() => d.title),
    );
    expect(new Set(pending)).toEqual(new Set(['转发“110宣传日”系列海报']));
  }, 120_000);
});
