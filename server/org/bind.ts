import * as v from 'valibot';
import type { BindResult, Invite, Person } from '../../typings/org';
import { normalizeInviteCode, redeemInvite } from '../../core/org/invites';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import { loadTree } from '../org';
import { store } from '../store';
import { runWork } from '../uow';

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
      for (const effect of result.effects) if (effect.kind === 'audit') work.audit(effect);
      return { name: bound.name };
    });
  },
});
