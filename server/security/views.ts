/** What the security pages show, built from the stored records and the names they refer to. */
import type { Account, Person } from '../../typings/org';
import type {
  AccountSecurity,
  AttestationView,
  AccountSecurityView,
  Incident,
  IncidentItem,
  IncidentView,
  RotationItem,
  SecurityAttestation,
  SecurityPolicy,
  SecuritySettings,
  SecuritySettingsView,
} from '../../typings/security';
import { authorize } from '../../core/auth/authorize';
import type { UnitTree } from '../../core/org/tree';
import { daysLeft, periodOf, rotationStatus } from '../../core/security/rotation';
import { missingForClose } from '../../core/security/incidents';
import { nameOf } from './context';

export const unitNameOf = (unitId: string, tree: UnitTree): string => tree.byId.get(unitId)?.name ?? '（未知单位）';

type Names = ReadonlyMap<string, Pick<Person, 'name'>>;

export function settingsView(settings: SecuritySettings | null, people: Names): SecuritySettingsView | null {
  if (!settings) return null;
  return {
    ...settings,
    boundPhoneHolderName: settings.boundPhoneHolderId ? nameOf(people, settings.boundPhoneHolderId) : null,
    adminWechatHolderName: settings.adminWechatHolderId ? nameOf(people, settings.adminWechatHolderId) : null,
  };
}

/** Everyone a security view names. */
export function securityPeopleIds(security: AccountSecurity): string[] {
  return [
    ...security.holders,
    ...(security.holderChange ? [...security.holderChange.left, ...security.holderChange.joined] : []),
    ...(security.settings?.boundPhoneHolderId ? [security.settings.boundPhoneHolderId] : []),
    ...(security.settings?.adminWechatHolderId ? [security.settings.adminWechatHolderId] : []),
  ];
}

export function securityView(
  account: Account,
  security: AccountSecurity,
  tree: UnitTree,
  policy: SecurityPolicy,
  caller: Person,
  people: Names,
  now: number,
): AccountSecurityView {
  const target = { kind: 'account' as const, account };
  return {
    accountId: account._id,
    accountName: account.name,
    platform: account.platform,
    unitId: account.unitId,
    unitName: unitNameOf(account.unitId, tree),
    status: rotationStatus(security.dueAt, policy, now),
    dueAt: security.dueAt,
    dueReason: security.dueReason,
    daysLeft: daysLeft(security.dueAt, now),
    rotationDays: periodOf(security, policy),
    ownPeriod: security.rotationDays !== null,
    lastRotatedAt: security.lastRotatedAt,
    settings: settingsView(security.settings, people),
    holders: security.holders.map((id) => ({ id, name: nameOf(people, id) })),
    holderChange: security.holderChange
      ? {
          ...security.holderChange,
          leftNames: security.holderChange.left.map((id) => nameOf(people, id)),
          joinedNames: security.holderChange.joined.map((id) => nameOf(people, id)),
        }
      : null,
    postingHolds: security.postingHolds,
    canAttest: authorize(caller, 'security.attest', target, tree).allowed,
    canSetPeriod: authorize(caller, 'security.setRotationDays', target, tree).allowed,
    rev: security.rev,
  };
}

export function attestationView(a: SecurityAttestation, people: Names): AttestationView {
  return {
    id: a._id,
    kind: a.kind,
    changedAt: a.changedAt,
    recordedAt: a.recordedAt,
    recordedBy: { id: a.recordedBy, name: nameOf(people, a.recordedBy) },
    settings: settingsView(a.settings, people),
    rotationDays: a.rotationDays,
    reason: a.reason,
    late: a.late,
    note: a.note,
  };
}

export function rotationItem(
  security: AccountSecurity,
  account: Account | undefined,
  tree: UnitTree,
  policy: SecurityPolicy,
  now: number,
): RotationItem {
  return {
    accountId: security.accountId,
    accountName: account?.name ?? '（未知账号）',
    platform: account?.platform ?? 'other',
    unitName: unitNameOf(security.unitId, tree),
    status: rotationStatus(security.dueAt, policy, now),
    dueAt: security.dueAt,
    dueReason: security.dueReason,
    daysLeft: daysLeft(security.dueAt, now),
    lastRotatedAt: security.lastRotatedAt,
    suspended: security.postingHolds.length > 0,
  };
}

export function incidentView(
  incident: Incident,
  account: Account,
  tree: UnitTree,
  caller: Person,
  people: Names,
): IncidentView {
  const target = { kind: 'account' as const, account };
  const open = incident.state === 'open';
  return {
    id: incident._id,
    accountId: incident.accountId,
    accountName: incident.accountName,
    platform: incident.platform,
    unitId: incident.unitId,
    unitName: unitNameOf(incident.unitId, tree),
    kind: incident.kind,
    happenedAt: incident.happenedAt,
    description: incident.description,
    reportedAt: incident.reportedAt,
    reportedBy: { id: incident.reportedBy, name: nameOf(people, incident.reportedBy) },
    state: incident.state,
    suspends: incident.suspends,
    suspended: incident.suspended,
    steps: incident.steps.map((s) => ({ ...s, byName: nameOf(people, s.by) })),
    closedAt: incident.closedAt,
    summary: incident.summary,
    can: {
      record: open && authorize(caller, 'security.incidentStep', target, tree).allowed,
      lift: open && incident.suspended && authorize(caller, 'security.incidentLift', target, tree).allowed,
      close: open && authorize(caller, 'security.incidentClose', target, tree).allowed,
    },
    missingForClose: missingForClose(incident),
    rev: incident.rev,
  };
}

export function incidentItem(incident: Incident, tree: UnitTree): IncidentItem {
  return {
    id: incident._id,
    accountName: incident.accountName,
    platform: incident.platform,
    unitName: unitNameOf(incident.unitId, tree),
    kind: incident.kind,
    state: incident.state,
    suspended: incident.suspended,
    reportedAt: incident.reportedAt,
    closedAt: incident.closedAt,
  };
}
