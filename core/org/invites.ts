import type { NotificationDraft } from '../../typings/notify';
import type { Invite, Person } from '../../typings/org';
import { dedupeKey, deepLink } from '../notify/message';
import { fail, orgError, type OrgEffect, type Transition } from './errors';
import { toBeijingIso } from '../time';
import type { UnitTree } from './tree';

/** Letters and digits that cannot be misread for one another: no 0/O, 1/I/L. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_VALIDITY_HOURS = 72;
const HOUR_MS = 3600 * 1000;

/** A source of uniformly random bytes (node:crypto randomBytes in production, a seeded one in tests). */
export type RandomBytes = (size: number) => Uint8Array;

/** Bytes at or above this would favour the first letters (256 is not a multiple of 31): drawn again. */
const UNBIASED_LIMIT = 256 - (256 % INVITE_ALPHABET.length);

export function generateInviteCode(random: RandomBytes): string {
  let code = '';
  while (code.length < INVITE_CODE_LENGTH) {
    for (const byte of random(INVITE_CODE_LENGTH)) {
      if (byte < UNBIASED_LIMIT && code.length < INVITE_CODE_LENGTH)
        code += INVITE_ALPHABET[byte % INVITE_ALPHABET.length];
    }
  }
  return code;
}

/** What the user typed, in the stored form: spaces and dashes dropped, upper case. */
export function normalizeInviteCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export interface CreateInviteContext {
  /** Person id of the admin making the code (authorize 'org.createInvite' first). */
  createdBy: string;
  /** Epoch ms. */
  now: number;
  random: RandomBytes;
  newId: () => string;
  tree: UnitTree;
  validityHours?: number;
  /** How many older unused codes the new one cancels (cancelOlderInvites), for the audit entry. */
  cancels?: number;
}

/** A code not yet redeemed, not cancelled and not expired: it could still bind the person. */
export function isOpenInvite(invite: Invite, now: number): boolean {
  return invite.usedAt === null && (invite.cancelledAt ?? null) === null && now < Date.parse(invite.expiresAt);
}

/**
 * 第三十三条: a new code for a person cancels every older unused one, so a code handed out earlier (or
 * overheard) cannot take the person over from another phone once a new one exists.
 */
export function cancelOlderInvites(older: readonly Invite[], keepId: string, now: number): Invite[] {
  const at = toBeijingIso(now);
  return older
    .filter((i) => i._id !== keepId && isOpenInvite(i, now))
    .map((i) => ({ ...i, cancelledAt: at, rev: i.rev + 1 }));
}

/**
 * A one-time code for `person`. The code is a credential: it goes back to the admin only and never into
 * the audit log. On a duplicate-code insert, call again (the unique index on `code` decides). Save the
 * codes `cancelOlderInvites` returns with it.
 */
export function createInvite(person: Person, ctx: CreateInviteContext): Transition<Invite> {
  if (!person.active) return fail(orgError('PERSON_INACTIVE'));
  const next: Invite = {
    _id: ctx.newId(),
    code: generateInviteCode(ctx.random),
    personId: person._id,
    unitId: person.unitId,
    createdBy: ctx.createdBy,
    createdAt: toBeijingIso(ctx.now),
    expiresAt: toBeijingIso(ctx.now + (ctx.validityHours ?? INVITE_VALIDITY_HOURS) * HOUR_MS),
    usedAt: null,
    cancelledAt: null,
    rev: 1,
  };
  return {
    ok: true,
    next,
    effects: [
      {
        kind: 'audit',
        action: 'org.createInvite',
        object: { collection: 'invites', id: next._id },
        summary: `为${person.name}生成邀请码，有效期至${next.expiresAt.slice(0, 16).replace('T', ' ')}${
          ctx.cancels ? `；此前未使用的 ${ctx.cancels} 个邀请码已作废（第三十三条）` : ''
        }`,
        changes: [],
        unitPath: ctx.tree.byId.get(person.unitId)?.path ?? [],
      },
    ],
  };
}

/**
 * Binds the caller's OPENID to the invited person and spends the code. A person has one binding: a new
 * phone replaces (revokes) the old one. Save both documents on their rev so a code redeemed twice at
 * once succeeds only once.
 */
export function redeemInvite(
  invite: Invite | null,
  person: Person | null,
  openid: string,
  now: number,
  tree: UnitTree,
): Transition<{ invite: Invite; person: Person }> {
  if (!openid) return fail(orgError('OPENID_REQUIRED'));
  if (!invite) return fail(orgError('INVITE_UNKNOWN'));
  if (invite.usedAt !== null) return fail(orgError('INVITE_USED'));
  if ((invite.cancelledAt ?? null) !== null) return fail(orgError('INVITE_CANCELLED'));
  if (now >= Date.parse(invite.expiresAt)) return fail(orgError('INVITE_EXPIRED'));
  if (!person || person._id !== invite.personId) return fail(orgError('PERSON_UNKNOWN'));
  // The person's own record names their one valid code, whatever a racing creation left uncancelled.
  if (person.latestInviteId !== undefined && person.latestInviteId !== invite._id)
    return fail(orgError('INVITE_CANCELLED'));
  if (!person.active) return fail(orgError('PERSON_INACTIVE'));
  const at = toBeijingIso(now);
  const previous = person.openid;
  const effects: OrgEffect[] = [
    {
      kind: 'audit',
      action: 'org.bind',
      object: { collection: 'people', id: person._id },
      summary: previous && previous !== openid ? `${person.name}更换绑定微信，原绑定已失效` : `${person.name}绑定微信`,
      changes: [{ field: 'openid', from: previous ? '（原绑定）' : null, to: '（新绑定）' }],
      unitPath: tree.byId.get(person.unitId)?.path ?? [],
    },
    { kind: 'releaseOpenid', openid, keepPersonId: person._id },
  ];
  if (previous && previous !== openid) effects.push({ kind: 'bindingRevoked', personId: person._id, openid: previous });
  return {
    ok: true,
    next: {
      invite: { ...invite, usedAt: at, rev: invite.rev + 1 },
      person: { ...person, openid, updatedAt: at, rev: person.rev + 1 },
    },
    effects,
  };
}

/**
 * 第三十三条: a person bound a second WeChat (their old one lost the binding). They and their unit's
 * admins are told in the inbox, so a takeover does not go unseen: whoever holds the new binding reads
 * it, the admins can act, and the old phone's bind page says so (BindingRevocation).
 */
export function rebindingNotices(
  person: Pick<Person, '_id' | 'name'>,
  admins: readonly Pick<Person, '_id'>[],
  now: number,
): NotificationDraft[] {
  const at = toBeijingIso(now);
  const when = at.slice(0, 16).replace('T', ' ');
  const subject = { collection: 'people', id: person._id };
  const occasion = `rebound-${now}`;
  const own: NotificationDraft = {
    kind: 'bindingChanged',
    recipientId: person._id,
    title: '您的身份已绑定到新的微信',
    text: `${when} 您的身份绑定到了这台微信，原来绑定的微信已解除。如非本人操作，请立即联系单位管理员（第三十三条）。`,
    link: '/pages/me/index',
    subject,
    values: { subject: '身份绑定变更', actor: person.name, status: '已更换', eventAt: at },
    dedupeKey: dedupeKey('bindingChanged', `people/${person._id}`, occasion, person._id),
    escalation: null,
  };
  const toAdmins = admins
    .filter((a) => a._id !== person._id)
    .map(
      (a): NotificationDraft => ({
        kind: 'bindingChanged',
        recipientId: a._id,
        title: `${person.name}更换了绑定的微信`,
        text: `${when} ${person.name}的身份绑定到了另一台微信，原绑定已失效。如非本人操作，请核实并重新生成邀请码（第三十三条）。`,
        link: deepLink('/pages/person/index', { id: person._id }),
        subject,
        values: { subject: '人员更换绑定微信', actor: person.name, status: '已更换', eventAt: at },
        dedupeKey: dedupeKey('bindingChanged', `people/${person._id}`, occasion, a._id),
        escalation: null,
      }),
    );
  return [own, ...toAdmins];
}
