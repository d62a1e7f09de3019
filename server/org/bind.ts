import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { BindingNotice, BindingRevocation, BindResult, Invite, Person } from '../../typings/org';
import { normalizeInviteCode, rebindingNotices, redeemInvite } from '../../core/org/invites';
import { orgError } from '../../core/org/errors';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree } from '../org';
import { store } from '../store';
import { runWork } from '../uow';

/** The revocation record of a WeChat that lost its binding: one per OPENID, found by id. */
export const revocationId = (openid: string): string =>
  `rv-${createHash('sha256').update(openid, 'utf8').digest('hex').slice(0, 32)}`;

/**
 * 第三十三条: who is told of a rebinding besides the person — the unit admins nearest the person's
 * unit (their own unit's, else the first unit above it that has one).
 */
async function unitAdminsOf(person: Person, tree: UnitTree): Promise<Person[]> {
  const path = tree.byId.get(person.unitId)?.path ?? [person.unitId];
  for (const unitId of [...path].reverse()) {
    const found = await store.find<Person>(
      'people',
      { 'roles.unitId': unitId, 'roles.role': 'unitAdmin', active: true },
      { limit: 20 },
    );
    // The two dotted conditions may be met by different grants: keep exact holders only.
    const admins = found.filter(
      (p) => p._id !== person._id && p.roles.some((g) => g.role === 'unitAdmin' && g.unitId === unitId),
    );
    if (admins.length > 0) return admins;
  }
  return [];
}

/** The person opens the mini-program, types the code an admin gave them, and is bound to their OPENID. */
export const bind = action({
  access: 'openid',
  input: v.strictObject({ inviteCode: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)) }),
  handle: async (params, ctx): Promise<BindResult> => {
    const openid = ctx.openid as string;
    const code = normalizeInviteCode(params.inviteCode);
    const [found] = await store.find<Invite>('invites', { code }, { limit: 1 });
    if (!found) throw orgError('INVITE_UNKNOWN');
    // Whoever else holds this WeChat loses it: one WeChat user is one person.
    const holders = await store.find<Person>('people', { openid }, { limit: 10 });
    const tree = await loadTree();
    const invited = await store.get<Person>('people', found.personId);
    const admins = invited?.openid && invited.openid !== openid ? await unitAdminsOf(invited, tree) : [];

    return runWork(ctx, null, async (work) => {
      const invite = await work.get<Invite>('invites', found._id);
      const person = invite ? await work.get<Person>('people', invite.personId) : null;
      const result = redeemInvite(invite, person, openid, ctx.now, tree);
      if (!result.ok) throw result.error;
      const bound = result.next.person;
      await work.put('invites', result.next.invite);
      await work.put('people', bound);
      for (const holder of holders) {
        if (holder._id === bound._id) continue;
        const current = await work.get<Person>('people', holder._id);
        if (current && current.openid === openid)
          await work.put('people', { ...current, openid: null, rev: current.rev + 1 });
      }
      work.setActor({ person: bound, grant: null });
      for (const effect of result.effects) {
        if (effect.kind === 'audit') work.audit(effect);
        if (effect.kind !== 'bindingRevoked') continue;
        // 第三十三条: a rebinding is told to the person and their unit admins, and the old phone
        // learns why it is bound to nobody (bindingNotice).
        const revocation: BindingRevocation = {
          _id: revocationId(effect.openid),
          openid: effect.openid,
          personId: effect.personId,
          at: bound.updatedAt,
        };
        await work.put('bindingRevocations', revocation);
        for (const draft of rebindingNotices(bound, admins, ctx.now)) work.notify(draft);
      }
      return { name: bound.name };
    });
  },
});

/**
 * 第三十三条: what the bind page of a WeChat bound to nobody shows — that its binding moved to another
 * WeChat, and when. Says nothing about any other WeChat, and nothing once this one is bound again.
 */
export const bindingNotice = action({
  access: 'openid',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<BindingNotice> => {
    const openid = ctx.openid as string;
    const revocation = await store.get<BindingRevocation>('bindingRevocations', revocationId(openid));
    if (!revocation) return { movedAt: null, message: null };
    const [holder] = await store.find<Person>('people', { openid }, { limit: 1 });
    if (holder) return { movedAt: null, message: null };
    const when = revocation.at.slice(0, 16).replace('T', ' ');
    return {
      movedAt: revocation.at,
      message: `本微信原绑定的身份已于 ${when} 绑定到另一台微信，本微信已解除绑定。如非本人操作，请立即联系单位管理员（第三十三条）。`,
    };
  },
});
