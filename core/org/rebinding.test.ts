/**
 * Issue 11, 第三十三条: a new sign-in code cancels every older unused one, and a rebinding is told to
 * the person and their unit admins.
 */
import type { Invite, Person } from '../../typings/org';
import { demoOrg } from './demo';
import { cancelOlderInvites, createInvite, isOpenInvite, rebindingNotices, redeemInvite } from './invites';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3600_000;
const org = demoOrg();
const tree = buildTree(org.units);
const operator = org.people.find((p) => p._id === 'p-cs-operator-a') as Person;

let n = 0;
function invite(over: Partial<Invite> = {}): Invite {
  const made = createInvite(operator, {
    createdBy: 'p-cs-admin',
    now: NOW,
    random: (size) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + n) % 31),
    newId: () => `inv-${++n}`,
    tree,
  });
  if (!made.ok) throw made.error;
  return { ...made.next, ...over };
}

describe('a new code cancels the older unused ones', () => {
  it('cancels open codes only, never the new one, used or expired ones', () => {
    const open = invite();
    const used = invite({ usedAt: '2026-03-02T09:00:00.000+08:00' });
    const expired = invite({ expiresAt: '2026-03-02T09:00:00.000+08:00' });
    const fresh = invite();
    const cancelled = cancelOlderInvites([open, used, expired, fresh], fresh._id, NOW + HOUR);
    expect(cancelled.map((i) => i._id)).toEqual([open._id]);
    expect(cancelled[0]).toMatchObject({ cancelledAt: '2026-03-02T11:00:00.000+08:00', rev: open.rev + 1 });
    expect(isOpenInvite(cancelled[0], NOW + HOUR)).toBe(false);
  });

  it('refuses a cancelled code, and any code but the person’s latest, naming 第三十三条', () => {
    const old = invite({ cancelledAt: '2026-03-02T10:30:00.000+08:00' });
    const refused = redeemInvite(old, operator, 'x-phone', NOW + HOUR, tree);
    expect(refused.ok ? null : refused.error.code).toBe('INVITE_CANCELLED');
    // A code whose cancellation a race missed is still refused: the person names their latest code.
    const missed = invite();
    const latest = invite();
    const person = { ...operator, latestInviteId: latest._id };
    const race = redeemInvite(missed, person, 'x-phone', NOW + HOUR, tree);
    expect(race.ok ? null : race.error.message).toContain('第三十三条');
    expect(redeemInvite(latest, person, 'x-phone', NOW + HOUR, tree).ok).toBe(true);
  });

  it('counts the cancelled codes in the new code’s audit entry', () => {
    const made = createInvite(operator, {
      createdBy: 'p-cs-admin',
      now: NOW,
      random: () => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      newId: () => 'inv-x',
      tree,
      cancels: 2,
    });
    if (!made.ok) throw made.error;
    expect(made.effects[0]).toMatchObject({
      summary: expect.stringContaining('此前未使用的 2 个邀请码已作废（第三十三条）'),
    });
  });
});

describe('a rebinding is told', () => {
  it('to the person (who holds the new binding) and to each admin, with links to act on', () => {
    const drafts = rebindingNotices(operator, [{ _id: 'p-cs-admin' }, { _id: operator._id }], NOW);
    expect(drafts.map((d) => [d.recipientId, d.kind, d.link])).toEqual([
      ['p-cs-operator-a', 'bindingChanged', '/pages/me/index'],
      ['p-cs-admin', 'bindingChanged', '/pages/person/index?id=p-cs-operator-a'],
    ]);
    expect(drafts[0].text).toBe(
      '2026-03-02 10:00 您的身份绑定到了这台微信，原来绑定的微信已解除。如非本人操作，请立即联系单位管理员（第三十三条）。',
    );
    expect(drafts[1].title).toBe('王明更换了绑定的微信');
    expect(new Set(drafts.map((d) => d.dedupeKey)).size).toBe(2);
  });
});
