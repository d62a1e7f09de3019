import type { AuditEntry, Invite, Person } from '../typings/org';
import { verifyChain } from '../core/audit/chain';
import { startTestCloud, type TestCloud } from './support/cloud';

const invite = (over: Partial<Invite>): Invite => ({
  _id: 'inv-1',
  code: 'ABCD2345',
  personId: 'p-cs-reviewer',
  unitId: 'u-cs-xcc',
  createdBy: 'p-cs-admin',
  createdAt: '2026-11-28T08:00:00.000+08:00',
  expiresAt: '2026-12-01T08:00:00.000+08:00',
  usedAt: null,
  rev: 1,
  ...over,
});

describe('org.me and org.bind through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
    t.cloud.db.insert('invites', [
      invite({}) as never,
      invite({ _id: 'inv-2', code: 'EXPD2345', expiresAt: '2026-11-28T08:30:00.000+08:00' }) as never,
    ]);
  });
  afterAll(() => t.close());

  it('shows the caller with roles in Chinese unit names and training status', async () => {
    const res = await t.call('org', 'me', {}, 'demo-reviewer');
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.person).toMatchObject({
      name: '张伟',
      trained: true,
      roles: [{ role: 'reviewer', unitId: 'u-cs' }],
    });
    expect(res.data.person.roles[0]?.unitName).toContain('长沙');
    expect(res.data.person.roles[0]?.scopeLevel).toBe('city');
    expect(res.data.pending).toEqual({
      approvals: false,
      referrals: false,
      drafts: false,
      unreadNotifications: false,
      accountDecisions: false,
      accountSetups: false,
      filings: false,
      linkage: false,
    });
  });

  it('refuses an unbound caller everything but binding', async () => {
    expect(await t.call('org', 'me', {}, 'stranger')).toMatchObject({ ok: false, error: { code: 'NOT_BOUND' } });
    expect(await t.call('org', 'bind', { inviteCode: 'ABCD2345' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_BOUND' },
    });
  });

  it('binds a new phone with a one-time code, revoking the old binding, and audits it', async () => {
    expect(await t.call('org', 'bind', { inviteCode: 'nope' }, 'new-phone')).toMatchObject({
      ok: false,
      error: { code: 'INVITE_UNKNOWN' },
    });
    expect(await t.call('org', 'bind', { inviteCode: 'expd-2345' }, 'new-phone')).toMatchObject({
      ok: false,
      error: { code: 'INVITE_EXPIRED' },
    });
    expect(await t.call('org', 'bind', { inviteCode: 'abcd 2345' }, 'new-phone')).toEqual({
      ok: true,
      data: { name: '张伟' },
    });
    expect(await t.call('org', 'me', {}, 'demo-reviewer')).toMatchObject({ ok: false, error: { code: 'NOT_BOUND' } });
    expect(await t.call('org', 'me', {}, 'new-phone')).toMatchObject({ ok: true, data: { person: { name: '张伟' } } });
    expect(await t.call('org', 'bind', { inviteCode: 'ABCD2345' }, 'third-phone')).toMatchObject({
      ok: false,
      error: { code: 'INVITE_USED' },
    });
    const person = t.cloud.db.get('people', 'p-cs-reviewer') as unknown as Person;
    expect(person.openid).toBe('new-phone');
    const log = t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
    expect(log.map((e) => e.action)).toEqual(['org.bind']);
    expect(verifyChain(log)).toMatchObject({ ok: true, count: 1 });
  });

  it('lets one of two simultaneous redemptions of a fresh code win', async () => {
    t.cloud.db.insert('invites', [invite({ _id: 'inv-3', code: 'RACE2345', personId: 'p-cs-leader' }) as never]);
    const answers = await Promise.all(
      ['phone-a', 'phone-b', 'phone-c'].map((openid) => t.call('org', 'bind', { inviteCode: 'RACE2345' }, openid)),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const person = t.cloud.db.get('people', 'p-cs-leader') as unknown as Person;
    const winner = ['phone-a', 'phone-b', 'phone-c'][answers.findIndex((a) => a.ok)];
    expect(person.openid).toBe(winner);
    const log = t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
    expect(verifyChain(log)).toMatchObject({ ok: true, count: 2 });
  });
});
