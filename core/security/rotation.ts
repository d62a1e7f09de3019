/**
 * Password rotation (第三十三条 "定期更换密码及安全认证方式"), kept as attested facts: when the password was
 * last changed, who held the credentials then, and when the next change falls due — by the period (the
 * province's or the account's own), sooner when the people holding the credentials change (an A/B change,
 * someone leaving), and within a few days for an account the product has just come to know. Reminders
 * go to the operators before the due day and when overdue, then to the unit's responsible person
 * (第二十九条). Pure: the shell loads, calls one of these, and saves with a revision check.
 */
import type { Account, AccountState } from '../../typings/org';
import type {
  AccountSecurity,
  HolderChange,
  RotationReason,
  RotationStage,
  RotationStatus,
  SecurityPolicy,
  SecuritySettings,
} from '../../typings/security';
import type { IsoTime } from '../../typings/common';
import { parseIsoTime } from '../cadence/time';
import { addDays, beijingDay, beijingDayEnd, beijingDayStart, toBeijingIso } from '../time';
import type { DomainError } from '../errors';
import { securityError } from './errors';
import { ROTATION_DAYS_MAX, ROTATION_DAYS_MIN } from './policy';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Accounts that exist on their platform and so have credentials to guard. */
const TRACKED_STATES: readonly AccountState[] = ['active', 'suspended'];

export const isTracked = (account: Pick<Account, 'state'>): boolean => TRACKED_STATES.includes(account.state);

const ms = (iso: IsoTime): number => {
  const t = parseIsoTime(iso);
  if (t === null) throw new RangeError(`not an ISO time: ${iso}`);
  return t;
};

/** The end of the Beijing day `days` after the day of `from`: due dates are whole days. */
export function dayEndAfter(from: number, days: number): number {
  return beijingDayEnd(addDays(beijingDay(from), days));
}

/**
 * Who holds the account's credentials: its A and B operators, the owner of a personal account, the
 * person whose own phone is bound and the administrator WeChat's holder — those of them still active.
 */
export function credentialHolders(
  account: Pick<Account, 'operatorA' | 'operatorB' | 'ownerId' | 'kind'>,
  settings: SecuritySettings | null,
  isActive: (personId: string) => boolean,
): string[] {
  const ids = [
    account.operatorA,
    account.operatorB,
    account.kind === 'personal' ? account.ownerId : null,
    settings?.boundPhone === 'personalPhone' ? settings.boundPhoneHolderId : null,
    settings?.adminWechatHolderId ?? null,
  ];
  return [...new Set(ids.filter((id): id is string => id !== null && isActive(id)))].sort();
}

/** Everyone the account and its settings name, active or not. */
export function namedPeople(
  account: Pick<Account, 'operatorA' | 'operatorB' | 'ownerId' | 'kind'>,
  settings: SecuritySettings | null,
): string[] {
  return credentialHolders(account, settings, () => true);
}

/** Who holds the credentials now and who is named at all: what a sync compares and watches. */
export interface CredentialPeople {
  holders: string[];
  named: string[];
}

function watchOf(security: Pick<AccountSecurity, 'holders' | 'holderChange'>, people: CredentialPeople): string[] {
  return [
    ...new Set([...security.holders, ...(security.holderChange?.joined ?? []), ...people.holders, ...people.named]),
  ].sort();
}

/** Every person a settings declaration names, to be checked as existing and active. */
export function settingsPeople(settings: SecuritySettings): string[] {
  return [settings.boundPhone === 'personalPhone' ? settings.boundPhoneHolderId : null, settings.adminWechatHolderId]
    .filter((id): id is string => id !== null)
    .filter((id, i, all) => all.indexOf(id) === i);
}

export function periodOf(security: Pick<AccountSecurity, 'rotationDays'>, policy: SecurityPolicy): number {
  return security.rotationDays ?? policy.rotationDays;
}

/** When the current rotation falls due and why: the period, or a holder change's shorter deadline. */
export function computeDue(
  security: Pick<AccountSecurity, 'lastRotatedAt' | 'rotationDays' | 'holderChange' | 'createdAt'>,
  policy: SecurityPolicy,
): { dueAt: number; reason: RotationReason } {
  const base =
    security.lastRotatedAt === null
      ? { dueAt: dayEndAfter(ms(security.createdAt), policy.firstRecordDays), reason: 'firstRecord' as const }
      : { dueAt: dayEndAfter(ms(security.lastRotatedAt), periodOf(security, policy)), reason: 'routine' as const };
  if (security.holderChange) {
    const changeDue = ms(security.holderChange.dueAt);
    if (changeDue < base.dueAt) return { dueAt: changeDue, reason: 'holdersChanged' };
  }
  return base;
}

// ---- reminder stages -------------------------------------------------------------------------------

export interface StageAt {
  stage: RotationStage;
  at: number;
}

/**
 * The reminder instants of a due time, ascending: `dueSoon` the lead days before (operators), `overdue`
 * at the due time (operators), `escalated` some days after (operators and the responsible person,
 * 第二十九条), then `escalated` again every `repeatEveryDays` until attested. Returns the first stage
 * strictly after `after` (null = the very first).
 */
export function nextStage(dueAt: number, policy: SecurityPolicy, after: number | null): StageAt {
  const fixed: StageAt[] = [
    ...(policy.rotationLeadDays > 0
      ? [{ stage: 'dueSoon' as const, at: dueAt - policy.rotationLeadDays * DAY_MS }]
      : []),
    ...(policy.escalateAfterDays > 0 ? [{ stage: 'overdue' as const, at: dueAt }] : []),
  ];
  const first = fixed.find((s) => after === null || s.at > after);
  if (first) return first;
  const base = dueAt + policy.escalateAfterDays * DAY_MS;
  const repeat = policy.repeatEveryDays * DAY_MS;
  const k = after === null || after < base ? 0 : Math.floor((after - base) / repeat) + 1;
  return { stage: 'escalated', at: base + k * repeat };
}

/** The latest stage at or before `now` that is after `remindedThrough`; null when none is due. */
export function dueStage(
  dueAt: number,
  policy: SecurityPolicy,
  remindedThrough: number | null,
  now: number,
): StageAt | null {
  let candidate: StageAt | null = null;
  for (let s = nextStage(dueAt, policy, remindedThrough); s.at <= now; s = nextStage(dueAt, policy, s.at))
    candidate = s;
  return candidate;
}

/** Recomputes due time and next reminder after anything that moves them. */
export function withSchedule(security: AccountSecurity, policy: SecurityPolicy, policyRev: number): AccountSecurity {
  const { dueAt, reason } = computeDue(security, policy);
  const dueIso = toBeijingIso(dueAt);
  const moved = dueIso !== security.dueAt;
  const remindedThrough = moved ? null : security.remindedThrough;
  const next = nextStage(dueAt, policy, remindedThrough === null ? null : ms(remindedThrough));
  return {
    ...security,
    dueAt: dueIso,
    dueReason: reason,
    remindedThrough,
    remindAt: security.tracked ? toBeijingIso(next.at) : null,
    policyRev,
  };
}

export function rotationStatus(dueAt: IsoTime, policy: SecurityPolicy, now: number): RotationStatus {
  const due = ms(dueAt);
  if (now > due) return 'overdue';
  return now >= due - policy.rotationLeadDays * DAY_MS ? 'dueSoon' : 'ok';
}

/** Whole Beijing days from today to the due day (negative: days overdue). */
export function daysLeft(dueAt: IsoTime, now: number): number {
  return Math.round((beijingDayStart(beijingDay(ms(dueAt))) - beijingDayStart(beijingDay(now))) / DAY_MS);
}

// ---- events ----------------------------------------------------------------------------------------

export interface SecurityContext {
  now: number;
  policy: SecurityPolicy;
  policyRev: number;
}

/** The record of an account the product has just come to know: its first rotation is due within days. */
export function enrolSecurity(
  account: Pick<Account, '_id' | 'unitId' | 'state'>,
  unitPath: string[],
  people: CredentialPeople,
  ctx: SecurityContext,
): AccountSecurity {
  const at = toBeijingIso(ctx.now);
  const holders = people.holders;
  return withSchedule(
    {
      _id: account._id,
      accountId: account._id,
      unitId: account.unitId,
      unitPath,
      tracked: isTracked(account),
      rotationDays: null,
      settings: null,
      lastRotatedAt: null,
      lastAttestationId: null,
      holders,
      holderChange: null,
      watch: watchOf({ holders, holderChange: null }, people),
      dueAt: at,
      dueReason: 'firstRecord',
      remindAt: null,
      remindedThrough: null,
      postingHolds: [],
      policyRev: ctx.policyRev,
      createdAt: at,
      updatedAt: at,
      rev: 0,
    },
    ctx.policy,
    ctx.policyRev,
  );
}

/**
 * The people holding the credentials now against those at the last rotation: anyone gone or new since
 * means the password must be changed within `holderChangeDays` (第三十三条). A change is never undone
 * by a change back — whoever held the password meanwhile knows it — only by an attested rotation.
 */
export function applyHolders(
  security: AccountSecurity,
  holdersNow: readonly string[],
  now: number,
  policy: SecurityPolicy,
): HolderChange | null {
  const before = new Set(security.holders);
  const after = new Set(holdersNow);
  const left = security.holders.filter((id) => !after.has(id));
  const joined = holdersNow.filter((id) => !before.has(id));
  const prior = security.holderChange;
  if (!prior && left.length === 0 && joined.length === 0) return null;
  if (!prior) {
    return { since: toBeijingIso(now), left, joined, dueAt: toBeijingIso(dayEndAfter(now, policy.holderChangeDays)) };
  }
  const merge = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();
  return { ...prior, left: merge(prior.left, left), joined: merge(prior.joined, joined) };
}

/**
 * Keeps the record in step with its account: unit, open or closed, and who holds the credentials.
 * Returns null when nothing changed (so a sync that runs twice writes once).
 */
export function syncSecurity(
  security: AccountSecurity,
  account: Pick<Account, 'unitId' | 'state'>,
  unitPath: string[],
  people: CredentialPeople,
  ctx: SecurityContext,
): AccountSecurity | null {
  const holderChange = applyHolders(security, people.holders, ctx.now, ctx.policy);
  const watch = watchOf({ holders: security.holders, holderChange }, people);
  const next = withSchedule(
    { ...security, unitId: account.unitId, unitPath, tracked: isTracked(account), holderChange, watch },
    ctx.policy,
    ctx.policyRev,
  );
  const same =
    JSON.stringify({ ...next, updatedAt: '', rev: 0 }) === JSON.stringify({ ...security, updatedAt: '', rev: 0 });
  return same ? null : { ...next, updatedAt: toBeijingIso(ctx.now) };
}

/** Parses a client time and refuses one in the future. */
export function pastTime(iso: IsoTime, now: number): number | DomainError {
  const t = parseIsoTime(iso);
  if (t === null) return securityError('TIME_INVALID');
  if (t > now + CLOCK_SKEW_MS) return securityError('TIME_IN_FUTURE');
  return t;
}

export interface Attested {
  next: AccountSecurity;
  reason: RotationReason;
  dueAt: IsoTime;
  late: boolean;
  changedAt: IsoTime;
}

/**
 * An operator attests the password was changed at `changedAt`: the clock restarts from then, the
 * people holding the credentials now become the new baseline, and the reminders stop.
 */
export function attestRotation(
  security: AccountSecurity,
  changedAtIso: IsoTime,
  people: CredentialPeople,
  attestationId: string,
  ctx: SecurityContext,
): Attested | DomainError {
  const changedAt = pastTime(changedAtIso, ctx.now);
  if (typeof changedAt !== 'number') return changedAt;
  if (security.lastRotatedAt !== null && changedAt <= ms(security.lastRotatedAt)) {
    return securityError('CHANGE_BEFORE_LAST');
  }
  if (security.holderChange && changedAt < ms(security.holderChange.since)) {
    return securityError('CHANGE_BEFORE_HOLDER_CHANGE');
  }
  const changed = toBeijingIso(changedAt);
  const next = withSchedule(
    {
      ...security,
      lastRotatedAt: changed,
      lastAttestationId: attestationId,
      holders: people.holders,
      holderChange: null,
      watch: watchOf({ holders: people.holders, holderChange: null }, people),
      updatedAt: toBeijingIso(ctx.now),
    },
    ctx.policy,
    ctx.policyRev,
  );
  return {
    next,
    reason: security.dueReason,
    dueAt: security.dueAt,
    late: ctx.now > ms(security.dueAt),
    changedAt: changed,
  };
}

/** Checks a declaration of settings: facts only, each person named where the setting needs one. */
export function settingsProblem(settings: SecuritySettings): DomainError | null {
  const problems: string[] = [];
  if (settings.boundPhone === 'personalPhone' && settings.boundPhoneHolderId === null)
    problems.push('绑定个人手机时须选择手机所属人员');
  if (settings.boundPhone !== 'personalPhone' && settings.boundPhoneHolderId !== null)
    problems.push('仅绑定个人手机时填写手机所属人员');
  if (settings.boundPhone === 'none' && settings.boundPhoneTail !== null) problems.push('未绑定手机时不填写尾号');
  if (settings.boundPhoneTail !== null && !/^\d{4}$/.test(settings.boundPhoneTail))
    problems.push('手机尾号为 4 位数字');
  return problems.length > 0 ? securityError('SETTINGS_INVALID', `安全设置填写不完整：${problems.join('；')}`) : null;
}

/** New settings: the people they name may change who holds the credentials. */
export function declareSettings(
  security: AccountSecurity,
  settings: SecuritySettings,
  people: CredentialPeople,
  ctx: SecurityContext,
): AccountSecurity | DomainError {
  const problem = settingsProblem(settings);
  if (problem) return problem;
  const holderChange = applyHolders(security, people.holders, ctx.now, ctx.policy);
  const watch = watchOf({ holders: security.holders, holderChange }, people);
  return withSchedule(
    { ...security, settings, holderChange, watch, updatedAt: toBeijingIso(ctx.now) },
    ctx.policy,
    ctx.policyRev,
  );
}

export function setRotationDays(
  security: AccountSecurity,
  rotationDays: number | null,
  ctx: SecurityContext,
): AccountSecurity | DomainError {
  if (
    rotationDays !== null &&
    !(Number.isInteger(rotationDays) && rotationDays >= ROTATION_DAYS_MIN && rotationDays <= ROTATION_DAYS_MAX)
  ) {
    return securityError('ROTATION_DAYS_INVALID');
  }
  return withSchedule({ ...security, rotationDays, updatedAt: toBeijingIso(ctx.now) }, ctx.policy, ctx.policyRev);
}

/** After a reminder stage is sent: remember it and plan the next. */
export function afterReminder(security: AccountSecurity, stage: StageAt, policy: SecurityPolicy): AccountSecurity {
  const next = nextStage(ms(security.dueAt), policy, stage.at);
  return { ...security, remindedThrough: toBeijingIso(stage.at), remindAt: toBeijingIso(next.at) };
}
