/**
 * Password rotation actions (第三十三条): status, attest, declare settings, the account's own period,
 * history and a unit's list by due time. Each change: load → apply one core event → save in one
 * transaction with the revision the page showed, the attestation record and the audit entry.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { Account, Person, RoleGrant } from '../../typings/org';
import type {
  AccountSecurity,
  AccountSecurityView,
  AttestationKind,
  AttestationPage,
  RotationPage,
  SecurityAttestation,
} from '../../typings/security';
import {
  attestRotation,
  declareSettings as declareSettingsOf,
  isTracked,
  namedPeople,
  setRotationDays as setRotationDaysOf,
  settingsPeople,
} from '../../core/security/rotation';
import { securityError } from '../../core/security/errors';
import { commonErrors, isDomainError } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { runWork, type Work } from '../uow';
import {
  credentialPeople,
  loadAccount,
  loadPolicy,
  loadPolicyIn,
  peopleById,
  securityContext,
  securityIn,
  securityOrNew,
  type LoadedPolicy,
} from './context';
import { id, isoTime, limit, nextOffsetOf, offset, page, requestKey, rev, settings, text } from './input';
import { attestationView, rotationItem, securityPeopleIds, securityView } from './views';

const DAY_MS = 24 * 60 * 60 * 1000;

export const stableId = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 24)}`;

/** The view of an account's record as stored now, with every name it shows. */
async function viewOf(
  account: Account,
  security: AccountSecurity,
  tree: UnitTree,
  loaded: LoadedPolicy,
  caller: Person,
  now: number,
): Promise<AccountSecurityView> {
  const people = await peopleById(securityPeopleIds(security));
  return securityView(account, security, tree, loaded.policy, caller, people, now);
}

/** The people an account and a settings declaration name, read inside the transaction. */
async function peopleIn(work: Work, ids: readonly string[]): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (const personId of new Set(ids)) {
    const person = await work.get<Person>('people', personId);
    if (person) out.set(personId, person);
  }
  return out;
}

interface Change {
  caller: Person;
  grant: RoleGrant | null;
  tree: UnitTree;
  account: Account;
}

/**
 * One change to an account's security record: re-read inside the transaction (account, policy, record,
 * people), refused on a stale revision, saved with its attestation and audit entry.
 */
type RotationAction = 'security.attest' | 'security.declareSettings' | 'security.setRotationDays';

async function change(
  ctx: HandlerContext,
  c: Change,
  act: RotationAction,
  expectedRev: number,
  apply: (
    security: AccountSecurity,
    account: Account,
    loaded: LoadedPolicy,
    work: Work,
  ) => Promise<{ next: AccountSecurity; attestation: SecurityAttestation | null; summary: string }>,
): Promise<AccountSecurityView> {
  const saved = await runWork(ctx, { person: c.caller, grant: c.grant }, async (work) => {
    const account = (await work.get<Account>('accounts', c.account._id)) ?? c.account;
    const loaded = await loadPolicyIn(work);
    const current = await work.get<AccountSecurity>('accountSecurity', account._id);
    const people = current ? new Map<string, Person>() : await peopleIn(work, namedPeople(account, null));
    const security = current ?? (await securityIn(work, account, c.tree, loaded, people, ctx.now));
    if (security.rev !== expectedRev) throw commonErrors.conflict();
    const { next, attestation, summary } = await apply(security, account, loaded, work);
    const stored: AccountSecurity = { ...next, rev: security.rev + 1 };
    await work.put('accountSecurity', stored);
    if (attestation) await work.create('securityAttestations', attestation);
    work.audit({
      action: act,
      object: { collection: 'accountSecurity', id: account._id },
      summary,
      unitPath: stored.unitPath,
    });
    return { account, stored, loaded };
  });
  return viewOf(saved.account, saved.stored, c.tree, saved.loaded, c.caller, ctx.now);
}

function attestationOf(
  kind: AttestationKind,
  attId: string,
  security: AccountSecurity,
  by: string,
  now: number,
  extra: Partial<SecurityAttestation>,
): SecurityAttestation {
  return {
    _id: attId,
    accountId: security.accountId,
    unitId: security.unitId,
    unitPath: security.unitPath,
    kind,
    changedAt: null,
    recordedAt: toBeijingIso(now),
    recordedBy: by,
    settings: security.settings,
    rotationDays: security.rotationDays,
    reason: null,
    dueAt: null,
    late: false,
    note: '',
    ...extra,
  };
}

async function prepare(ctx: HandlerContext, accountId: string, act: RotationAction): Promise<Change> {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const account = await loadAccount(accountId);
  const grant = requirePermission(caller, act, { kind: 'account', account }, tree);
  if (!isTracked(account)) throw securityError('ACCOUNT_CLOSED');
  return { caller, grant, tree, account };
}

export const status = action({
  access: 'person',
  input: v.strictObject({ accountId: id }),
  handle: async (params, ctx): Promise<AccountSecurityView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    requirePermission(caller, 'security.status', { kind: 'account', account }, tree);
    const loaded = await loadPolicy();
    const security = await securityOrNew(account, tree, loaded, ctx.now);
    return viewOf(account, security, tree, loaded, caller, ctx.now);
  },
});

export const attest = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    expectedRev: rev,
    requestKey,
    changedAt: isoTime,
    note: v.optional(text(200)),
  }),
  handle: async (params, ctx): Promise<AccountSecurityView> => {
    const c = await prepare(ctx, params.accountId, 'security.attest');
    const attId = stableId('att', c.account._id, c.caller._id, params.requestKey);
    // The same tap again (a retry, a double tap): the record it made, nothing new.
    if (await store.get<SecurityAttestation>('securityAttestations', attId)) {
      const loaded = await loadPolicy();
      return viewOf(
        c.account,
        await securityOrNew(c.account, c.tree, loaded, ctx.now),
        c.tree,
        loaded,
        c.caller,
        ctx.now,
      );
    }
    return change(ctx, c, 'security.attest', params.expectedRev, async (security, account, loaded, work) => {
      const people = await peopleIn(work, namedPeople(account, security.settings));
      const result = attestRotation(
        security,
        params.changedAt,
        credentialPeople(account, security.settings, people),
        attId,
        securityContext(ctx.now, loaded),
      );
      if (isDomainError(result)) throw result;
      return {
        next: result.next,
        attestation: attestationOf('passwordChanged', attId, result.next, c.caller._id, ctx.now, {
          changedAt: result.changedAt,
          reason: result.reason,
          dueAt: result.dueAt,
          late: result.late,
          note: params.note ?? '',
        }),
        summary: `登记${account.name}密码已于 ${result.changedAt.slice(0, 16).replace('T', ' ')} 更换${result.late ? '（逾期）' : ''}`,
      };
    });
  },
});

export const declareSettings = action({
  access: 'person',
  input: v.strictObject({ accountId: id, expectedRev: rev, settings, note: v.optional(text(200)) }),
  handle: async (params, ctx): Promise<AccountSecurityView> => {
    const c = await prepare(ctx, params.accountId, 'security.declareSettings');
    const named = settingsPeople(params.settings);
    const found = await peopleById(named);
    if (named.some((p) => found.get(p)?.active !== true)) {
      throw securityError('PERSON_UNKNOWN', '安全设置中所选人员不存在或已停用');
    }
    return change(ctx, c, 'security.declareSettings', params.expectedRev, async (security, account, loaded, work) => {
      const people = await peopleIn(work, namedPeople(account, params.settings));
      const next = declareSettingsOf(
        security,
        params.settings,
        credentialPeople(account, params.settings, people),
        securityContext(ctx.now, loaded),
      );
      if (isDomainError(next)) throw next;
      return {
        next,
        attestation: attestationOf('settingsDeclared', ctx.newId(), next, c.caller._id, ctx.now, {
          settings: params.settings,
          note: params.note ?? '',
        }),
        summary: `登记${account.name}安全设置`,
      };
    });
  },
});

export const setRotationDays = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    expectedRev: rev,
    rotationDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  }),
  handle: async (params, ctx): Promise<AccountSecurityView> => {
    const c = await prepare(ctx, params.accountId, 'security.setRotationDays');
    return change(ctx, c, 'security.setRotationDays', params.expectedRev, async (security, account, loaded) => {
      const next = setRotationDaysOf(security, params.rotationDays, securityContext(ctx.now, loaded));
      if (isDomainError(next)) throw next;
      return {
        next,
        attestation: attestationOf('rotationPeriodSet', ctx.newId(), next, c.caller._id, ctx.now, {
          rotationDays: params.rotationDays,
        }),
        summary:
          params.rotationDays === null
            ? `${account.name}密码更换周期恢复为全省统一周期`
            : `${account.name}密码更换周期设为 ${params.rotationDays} 天`,
      };
    });
  },
});

export const history = action({
  access: 'person',
  input: v.strictObject({ accountId: id, offset, limit }),
  handle: async (params, ctx): Promise<AttestationPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    requirePermission(caller, 'security.history', { kind: 'account', account }, tree);
    const { from, size } = page(params);
    const rows = await store.find<SecurityAttestation>(
      'securityAttestations',
      { accountId: account._id },
      {
        orderBy: [
          ['recordedAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: from,
        limit: size + 1,
      },
    );
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    const people = await peopleById(
      items
        .flatMap((a) => [a.recordedBy, a.settings?.boundPhoneHolderId ?? '', a.settings?.adminWechatHolderId ?? ''])
        .filter((x) => x !== ''),
    );
    return { items: items.map((a) => attestationView(a, people)), nextOffset };
  },
});

export const rotations = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    filter: v.optional(v.picklist(['overdue', 'due', 'all'] as const)),
    offset,
    limit,
  }),
  handle: async (params, ctx): Promise<RotationPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw securityError('UNIT_UNKNOWN');
    requirePermission(caller, 'security.rotations', { kind: 'unit', unitId: params.unitId }, tree);
    const { policy } = await loadPolicy();
    const { from, size } = page(params);
    const which = params.filter ?? 'due';
    // Served by the unitDue index (unitPath, tracked, dueAt): overdue first.
    const filter: Filter = { unitPath: params.unitId, tracked: true };
    if (which === 'overdue') filter.dueAt = command().lt(toBeijingIso(ctx.now));
    if (which === 'due') filter.dueAt = command().lte(toBeijingIso(ctx.now + policy.rotationLeadDays * DAY_MS));
    const rows = await store.find<AccountSecurity>('accountSecurity', filter, {
      orderBy: [
        ['dueAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: from,
      limit: size + 1,
    });
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    const ids = items.map((s) => s.accountId);
    const accounts =
      ids.length > 0 ? await store.find<Account>('accounts', { _id: command().in(ids) }, { limit: ids.length }) : [];
    const byId = new Map(accounts.map((a) => [a._id, a]));
    return { items: items.map((s) => rotationItem(s, byId.get(s.accountId), tree, policy, ctx.now)), nextOffset };
  },
});
