import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import type { Invite, InviteIssued, Person } from '../../typings/org';
import { cancelOlderInvites, createInvite as createInviteFor } from '../../core/org/invites';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store } from '../store';
import { runWork } from '../uow';
import { applyEffects } from './effects';
import { id } from './input';
import { isDuplicateKey, retryWhile } from './retry';

/** A fresh code colliding with a stored one is about one in 10^11; a few draws settle it. */
const CODE_ATTEMPTS = 5;
/** More open codes than any admin makes for one person in a code's 72 hours. */
const OLDER_CODES_READ = 50;

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

    // 第三十三条: the person's codes not yet used (index person: personId, createdAt), re-read by id
    // inside the transaction, are cancelled with the new one's creation.
    const older = await store.find<Invite>(
      'invites',
      { personId: params.personId, usedAt: null, cancelledAt: null },
      { orderBy: [['createdAt', 'desc']], limit: OLDER_CODES_READ, fields: { _id: true } },
    );
    const attempt = (): Promise<InviteIssued> =>
      runWork(ctx, null, async (work) => {
        const person = await work.get<Person>('people', params.personId);
        if (!person) throw orgError('PERSON_UNKNOWN');
        const grant = requirePermission(caller, 'org.createInvite', { kind: 'person', person }, tree);
        work.setActor({ person: caller, grant });
        const existing = await work.get<Invite>('invites', inviteId);
        if (existing) return issued(existing, person);
        const current: Invite[] = [];
        for (const { _id } of older) {
          const found = await work.get<Invite>('invites', _id);
          if (found) current.push(found);
        }
        const cancelled = cancelOlderInvites(current, inviteId, ctx.now);
        const result = createInviteFor(person, {
          createdBy: caller._id,
          now: ctx.now,
          random: randomBytes,
          newId: () => inviteId,
          tree,
          cancels: cancelled.length,
        });
        if (!result.ok) throw result.error;
        await work.create('invites', result.next);
        for (const invite of cancelled) await work.put('invites', invite);
        // Only the newest code binds (core redeemInvite); writing the person also serialises two
        // admins making codes for one person at once. No rev bump: the person's details did not change.
        await work.put('people', { ...person, latestInviteId: result.next._id });
        applyEffects(work, result.effects);
        return issued(result.next, person);
      });
    // The unique index on `code` decides; a collision draws a new code.
    return retryWhile(attempt, (err) => isDuplicateKey(err, 'code'), CODE_ATTEMPTS);
  },
});
