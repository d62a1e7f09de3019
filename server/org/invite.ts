import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import type { Invite, InviteIssued, Person } from '../../typings/org';
import { createInvite as createInviteFor } from '../../core/org/invites';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { runWork } from '../uow';
import { applyEffects } from './effects';
import { id } from './input';
import { isDuplicateKey, retryWhile } from './retry';

/** A fresh code colliding with a stored one is about one in 10^11; a few draws settle it. */
const CODE_ATTEMPTS = 5;

const issued = (invite: Invite, person: Person): InviteIssued => ({
  inviteId: invite._id,
  code: invite.code,
  personId: person._id,
  personName: person.name,
  expiresAt: invite.expiresAt,
});

export const createInvite = action({
  access: 'person',
  input: v.strictObject({ personId: id, requestKey: v.pipe(v.string(), v.minLength(8), v.maxLength(64)) }),
  handle: async (params, ctx): Promise<InviteIssued> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    // One request key, one invite: a double tap (or a retried call) gets back the code already made.
    const inviteId = `inv-${createHash('sha256').update(`${caller._id}\n${params.personId}\n${params.requestKey}`).digest('hex').slice(0, 32)}`;

    const attempt = (): Promise<InviteIssued> =>
      runWork(ctx, null, async (work) => {
        const person = await work.get<Person>('people', params.personId);
        if (!person) throw orgError('PERSON_UNKNOWN');
        const grant = requirePermission(caller, 'org.createInvite', { kind: 'person', person }, tree);
        work.setActor({ person: caller, grant });
        const existing = await work.get<Invite>('invites', inviteId);
        if (existing) return issued(existing, person);
        const result = createInviteFor(person, {
          createdBy: caller._id,
          now: ctx.now,
          random: randomBytes,
          newId: () => inviteId,
          tree,
        });
        if (!result.ok) throw result.error;
        await work.create('invites', result.next);
        applyEffects(work, result.effects);
        return issued(result.next, person);
      });
    // The unique index on `code` decides; a collision draws a new code.
    return retryWhile(attempt, (err) => isDuplicateKey(err, 'code'), CODE_ATTEMPTS);
  },
});
