import type { Person } from '../../typings/org';
import { authorize } from '../auth/authorize';
import { demoOrg } from './demo';
import {
  createInvite,
  generateInviteCode,
  INVITE_ALPHABET,
  normalizeInviteCode,
  redeemInvite,
  type RandomBytes,
} from './invites';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T23:30:00+08:00');
const HOUR = 3600 * 1000;

/** Deterministic bytes: a simple LCG, enough to exercise the code path. */
function seeded(seed: number): RandomBytes {
  let state = seed >>> 0;
  return (size) =>
    Uint8Array.from({ length: size }, () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state >>> 24;
    });
}

/** Replays the given bytes, then zeros. */
function scripted(bytes: number[]): RandomBytes {
  const queue = [...bytes];
  return (size) => Uint8Array.from({ length: size }, () => queue.shift() ?? 0);
}

const org = demoOrg();
const tree = buildTree(org.units);
function person(id: string): Person {
  const found = org.people.find((p) => p._id === id);
  if (!found) throw new Error(`no demo person ${id}`);
  return found;
}
const newcomer: Person = { ...person('p-ly-operator'), _id: 'p-new', openid: null };

function invite(random: RandomBytes = seeded(7)) {
  const result = createInvite(newcomer, { createdBy: 'p-cs-admin', now: NOW, random, newId: () => 'inv-1', tree });
  if (!result.ok) throw result.error;
  return result;
}

describe('invite codes', () => {
  it('are 8 characters from the unambiguous alphabet', () => {
    const random = seeded(1);
    const codes = Array.from({ length: 500 }, () => generateInviteCode(random));
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(codes.join('')).not.toMatch(/[01OIL]/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(INVITE_ALPHABET).toHaveLength(31);
  });

  it('depend only on the injected random source', () => {
    expect(generateInviteCode(seeded(42))).toBe(generateInviteCode(seeded(42)));
    expect(generateInviteCode(seeded(42))).not.toBe(generateInviteCode(seeded(43)));
  });

  it('skip bytes that would bias the first letters', () => {
    // 248 = 8 × 31: bytes 248..255 would make A–H more likely than the rest, so they are drawn again.
    expect(generateInviteCode(scripted([255, 248, 0, 1, 30, 31, 247, 2, 3, 4]))).toBe('AB9A9CDE');
  });

  it('are read back whatever the case, spaces or dashes the user typed', () => {
    expect(normalizeInviteCode(' ab3d-ef7h ')).toBe('AB3DEF7H');
  });
});

describe('createInvite', () => {
  it('expires 72 hours later, written in Beijing time', () => {
    const { next } = invite();
    expect(next).toMatchObject({
      _id: 'inv-1',
      personId: 'p-new',
      unitId: 'u-ly-xc',
      createdBy: 'p-cs-admin',
      createdAt: '2026-03-02T23:30:00.000+08:00',
      expiresAt: '2026-03-05T23:30:00.000+08:00',
      usedAt: null,
      rev: 1,
    });
  });

  it('takes another validity when asked', () => {
    const result = createInvite(newcomer, {
      createdBy: 'p-cs-admin',
      now: NOW,
      random: seeded(1),
      newId: () => 'i',
      tree,
      validityHours: 1,
    });
    expect(result.ok && result.next.expiresAt).toBe('2026-03-03T00:30:00.000+08:00');
  });

  it('keeps the code out of the audit log', () => {
    const { next, effects } = invite();
    expect(effects).toHaveLength(1);
    expect(JSON.stringify(effects)).not.toContain(next.code);
    expect(effects[0]).toMatchObject({
      kind: 'audit',
      action: 'org.createInvite',
      unitPath: ['u-hn', 'u-cs', 'u-ly', 'u-ly-xc'],
    });
  });

  it('refuses an inactive person', () => {
    const result = createInvite(
      { ...newcomer, active: false },
      { createdBy: 'p-cs-admin', now: NOW, random: seeded(1), newId: () => 'i', tree },
    );
    expect(!result.ok && result.error.code).toBe('PERSON_INACTIVE');
  });
});

describe('redeemInvite', () => {
  it('binds the OPENID and spends the code', () => {
    const { next } = invite();
    const result = redeemInvite(next, newcomer, 'wx-openid-1', NOW + HOUR, tree);
    if (!result.ok) throw result.error;
    expect(result.next.person).toMatchObject({ openid: 'wx-openid-1', rev: newcomer.rev + 1 });
    expect(result.next.invite).toMatchObject({ usedAt: '2026-03-03T00:30:00.000+08:00', rev: 2 });
    expect(result.effects).toEqual([
      expect.objectContaining({ kind: 'audit', action: 'org.bind', summary: '郑洁绑定微信' }),
      { kind: 'releaseOpenid', openid: 'wx-openid-1', keepPersonId: 'p-new' },
    ]);
  });

  it('works once only', () => {
    const { next } = invite();
    const first = redeemInvite(next, newcomer, 'wx-openid-1', NOW, tree);
    if (!first.ok) throw first.error;
    const again = redeemInvite(first.next.invite, first.next.person, 'wx-openid-2', NOW, tree);
    expect(!again.ok && [again.error.code, again.error.message]).toEqual([
      'INVITE_USED',
      '邀请码已被使用，请联系单位管理员重新生成',
    ]);
  });

  it('expires at the stated instant, not a millisecond later', () => {
    const { next } = invite();
    const expiry = Date.parse(next.expiresAt);
    expect(redeemInvite(next, newcomer, 'wx', expiry - 1, tree).ok).toBe(true);
    const late = redeemInvite(next, newcomer, 'wx', expiry, tree);
    expect(!late.ok && late.error.code).toBe('INVITE_EXPIRED');
  });

  it('refuses an unknown code, an unknown or inactive person, and a missing OPENID', () => {
    const { next } = invite();
    const code = (r: ReturnType<typeof redeemInvite>): string => (r.ok ? 'OK' : r.error.code);
    expect(code(redeemInvite(null, newcomer, 'wx', NOW, tree))).toBe('INVITE_UNKNOWN');
    expect(code(redeemInvite(next, null, 'wx', NOW, tree))).toBe('PERSON_UNKNOWN');
    expect(code(redeemInvite(next, person('p-ly-reviewer'), 'wx', NOW, tree))).toBe('PERSON_UNKNOWN');
    expect(code(redeemInvite(next, { ...newcomer, active: false }, 'wx', NOW, tree))).toBe('PERSON_INACTIVE');
    expect(code(redeemInvite(next, newcomer, '', NOW, tree))).toBe('OPENID_REQUIRED');
  });

  it('rebinding from a new phone revokes the old binding', () => {
    const { next } = invite();
    const bound = { ...newcomer, openid: 'old-phone' };
    const result = redeemInvite(next, bound, 'new-phone', NOW, tree);
    if (!result.ok) throw result.error;
    expect(result.next.person.openid).toBe('new-phone');
    expect(result.effects).toContainEqual({ kind: 'bindingRevoked', personId: 'p-new', openid: 'old-phone' });
    expect(result.effects[0]).toMatchObject({ summary: '郑洁更换绑定微信，原绑定已失效' });
    expect(JSON.stringify(result.effects[0])).not.toContain('phone');
  });

  it('an unbound caller can only bind; once bound, the person is who the caller is', () => {
    expect(authorize(null, 'org.bind', { kind: 'none' }, tree)).toEqual({ allowed: true, grant: null });
    expect(authorize(null, 'org.me', { kind: 'none' }, tree)).toMatchObject({ allowed: false, code: 'NOT_BOUND' });
    expect(authorize(null, 'notify.inbox', { kind: 'none' }, tree)).toMatchObject({
      allowed: false,
      code: 'NOT_BOUND',
    });
    const result = redeemInvite(invite().next, newcomer, 'wx-openid-1', NOW, tree);
    if (!result.ok) throw result.error;
    expect(authorize(result.next.person, 'org.me', { kind: 'none' }, tree)).toEqual({ allowed: true, grant: null });
  });
});
