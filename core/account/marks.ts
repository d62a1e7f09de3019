/**
 * 第四十二条: the unit marks a personal account for protection and support (优秀) or for a timely
 * reminder, with a note. Each mark is kept (accountMarks, by month for the evaluation); the account
 * carries the latest for the registry.
 */
import type { AccountMark, MarkKind } from '../../typings/account';
import type { Account } from '../../typings/org';
import { beijingParts, toBeijingIso } from '../time';
import type { ActorContext, AuditEffect } from './application';
import { MARK_LABELS } from './catalogue';
import { accountError } from './errors';
import type { DomainError } from '../errors';

export const monthOf = (ms: number): string => {
  const p = beijingParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
};

export function markAccount(
  account: Account,
  input: { id: string; kind: MarkKind; note: string },
  ctx: ActorContext,
): { ok: true; account: Account; mark: AccountMark; audit: AuditEffect } | { ok: false; error: DomainError } {
  if (account.kind !== 'personal') return { ok: false, error: accountError('NOT_PERSONAL') };
  const note = input.note.trim();
  if (note === '') return { ok: false, error: accountError('NOTE_REQUIRED', '请填写标记说明（第四十二条）') };
  const at = toBeijingIso(ctx.now);
  const unitPath = ctx.tree.byId.get(account.unitId)?.path ?? [];
  const mark: AccountMark = {
    _id: input.id,
    accountId: account._id,
    accountName: account.name,
    ownerId: account.ownerId,
    unitId: account.unitId,
    unitPath,
    kind: input.kind,
    note,
    byId: ctx.actor._id,
    byName: ctx.actor.name,
    at,
    month: monthOf(ctx.now),
  };
  const next: Account = {
    ...account,
    mark: { kind: input.kind, note, at, byName: ctx.actor.name },
    updatedAt: at,
    rev: account.rev + 1,
  };
  return {
    ok: true,
    account: next,
    mark,
    audit: {
      kind: 'audit',
      action: 'account.mark',
      object: { collection: 'accounts', id: account._id },
      summary: `标记个人账号“${account.name}”：${MARK_LABELS[input.kind]}——${note}`,
      changes: [{ field: 'mark', from: account.mark?.kind ?? null, to: input.kind }],
      unitPath,
    },
  };
}
