/**
 * Keeps each account's security record in step with the account and its people, whoever changed them
 * (account registration, A/B changes, closures, a person deactivated or moved — in any function): the
 * security timer follows the hash-chained audit log from where it stopped, so a run reads only what
 * changed since the last one, and re-syncs the accounts those entries touch. On the first run it
 * enrols every existing account once, a page at a time. A sync that finds nothing new writes nothing,
 * so overlapping runs cannot double a change.
 */
import type { Account, AuditEntry } from '../../typings/org';
import type { AccountSecurity } from '../../typings/security';
import { enrolSecurity, namedPeople, syncSecurity, withSchedule } from '../../core/security/rotation';
import type { UnitTree } from '../../core/org/tree';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { command, type Doc } from '../store';
import { AUDIT_HEAD_ID, runWork, type AuditHead } from '../uow';
import { credentialPeople, loadPolicy, peopleById, securityContext, unitPathOf, type LoadedPolicy } from './context';

export const SYNC_ID = 'securitySync';
const PAGE = 100;

interface SyncCursor extends Doc {
  /** The last audit entry read. */
  seq: number;
  /** Every account existing before the tail started has a record. */
  enrolled: boolean;
  /** The last account id enrolled (enrolment walks accounts by id). */
  enrolAfter: string | null;
  rev: number;
}

export interface SyncReport {
  enrolled: number;
  auditEntries: number;
  synced: number;
  written: number;
  recomputed: number;
}

/** Creates or updates one account's record; returns whether anything was written. */
export async function syncAccount(
  ctx: HandlerContext,
  account: Account,
  tree: UnitTree,
  loaded: LoadedPolicy,
): Promise<boolean> {
  const current = await ctx.store.get<AccountSecurity>('accountSecurity', account._id);
  const people = await peopleById(namedPeople(account, current?.settings ?? null), ctx.store);
  const sctx = securityContext(ctx.now, loaded);
  const unitPath = unitPathOf(account.unitId, tree);
  const credentials = credentialPeople(account, current?.settings ?? null, people);
  if (current && !syncSecurity(current, account, unitPath, credentials, sctx)) return false;
  return runWork(ctx, null, async (work) => {
    const stored = await work.get<AccountSecurity>('accountSecurity', account._id);
    if (!stored) {
      await work.put('accountSecurity', { ...enrolSecurity(account, unitPath, credentials, sctx), rev: 1 });
      return true;
    }
    // Settings may have changed since the read above: their holders are what the record now names.
    const fresh =
      stored.settings === (current?.settings ?? null)
        ? credentials
        : credentialPeople(account, stored.settings, people);
    const next = syncSecurity(stored, account, unitPath, fresh, sctx);
    if (!next) return false;
    await work.put('accountSecurity', { ...next, rev: stored.rev + 1 });
    return true;
  });
}

async function loadCursor(ctx: HandlerContext): Promise<SyncCursor> {
  const found = await ctx.store.get<SyncCursor>('counters', SYNC_ID);
  if (found) return found;
  // The tail starts at the head as it stands before enrolment, so no change made meanwhile is missed.
  const head = await ctx.store.get<AuditHead>('counters', AUDIT_HEAD_ID);
  return { _id: SYNC_ID, seq: head?.seq ?? 0, enrolled: false, enrolAfter: null, rev: 0 };
}

async function saveCursor(ctx: HandlerContext, prior: SyncCursor, next: SyncCursor): Promise<boolean> {
  if (prior.rev === 0) {
    try {
      await ctx.store.insert('counters', { ...next, rev: 1 });
      return true;
    } catch {
      return false;
    }
  }
  return ctx.store.replaceIfRev('counters', next, prior.rev);
}

/** One run: enrolment pages, then the audit tail, then records left on an older policy. */
export async function runSync(ctx: HandlerContext, outOfTime: () => boolean): Promise<SyncReport> {
  const report: SyncReport = { enrolled: 0, auditEntries: 0, synced: 0, written: 0, recomputed: 0 };
  const tree = await loadTree(ctx.store);
  const loaded = await loadPolicy(ctx.store);
  let cursor = await loadCursor(ctx);

  while (!cursor.enrolled && !outOfTime()) {
    const filter = cursor.enrolAfter === null ? {} : { _id: command().gt(cursor.enrolAfter) };
    const accounts = await ctx.store.find<Account>('accounts', filter, { orderBy: [['_id', 'asc']], limit: PAGE });
    for (const account of accounts) {
      if (await syncAccount(ctx, account, tree, loaded)) report.enrolled++;
    }
    const next: SyncCursor = {
      ...cursor,
      enrolAfter: accounts[accounts.length - 1]?._id ?? cursor.enrolAfter,
      enrolled: accounts.length < PAGE,
    };
    if (!(await saveCursor(ctx, cursor, next))) return report;
    cursor = { ...next, rev: cursor.rev + 1 };
  }

  while (cursor.enrolled && !outOfTime()) {
    const entries = await ctx.store.find<AuditEntry & Doc>(
      'auditLog',
      { seq: command().gt(cursor.seq) },
      { orderBy: [['seq', 'asc']], limit: PAGE, fields: { seq: true, object: true } },
    );
    if (entries.length === 0) break;
    report.auditEntries += entries.length;
    const accountIds = new Set(entries.filter((e) => e.object.collection === 'accounts').map((e) => e.object.id));
    const personIds = [...new Set(entries.filter((e) => e.object.collection === 'people').map((e) => e.object.id))];
    for (const personId of personIds) {
      const touched = await ctx.store.find<AccountSecurity>(
        'accountSecurity',
        { watch: personId },
        { limit: PAGE, fields: { accountId: true } },
      );
      for (const s of touched) accountIds.add(s.accountId);
    }
    const ids = [...accountIds];
    for (let i = 0; i < ids.length; i += PAGE) {
      const slice = ids.slice(i, i + PAGE);
      const accounts = await ctx.store.find<Account>('accounts', { _id: command().in(slice) }, { limit: slice.length });
      for (const account of accounts) {
        report.synced++;
        if (await syncAccount(ctx, account, tree, loaded)) report.written++;
      }
    }
    const next: SyncCursor = { ...cursor, seq: entries[entries.length - 1]?.seq ?? cursor.seq };
    if (!(await saveCursor(ctx, cursor, next))) return report;
    cursor = { ...next, rev: cursor.rev + 1 };
    if (entries.length < PAGE) break;
  }

  // A new policy: recompute the records computed with an older one (index policyRev).
  while (loaded.rev > 0 && !outOfTime()) {
    const stale = await ctx.store.find<AccountSecurity>(
      'accountSecurity',
      { policyRev: command().lt(loaded.rev) },
      { limit: PAGE },
    );
    for (const s of stale) {
      const next = withSchedule(s, loaded.policy, loaded.rev);
      if (await ctx.store.replaceIfRev('accountSecurity', next, s.rev)) report.recomputed++;
    }
    if (stale.length < PAGE) break;
  }
  return report;
}
