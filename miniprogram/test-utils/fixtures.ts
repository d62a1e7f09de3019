import type { InboxItem, MePerson, MeSummary, PendingWork, RoleView } from '../services/contract';

/** A role as a test names it: the role and where; the ids follow from the unit name unless given. */
export type RoleFixture = Pick<RoleView, 'role' | 'unitName'> & Partial<RoleView>;

export function roleView({ role, unitName, ...rest }: RoleFixture): RoleView {
  const unitId = rest.unitId ?? `u-${unitName}`;
  return { role, unitName, unitId, scopeUnitId: unitId, scopeUnitName: unitName, scopeLevel: 'city', ...rest };
}

export type PersonFixture = Partial<Omit<MePerson, 'roles'>> & { roles?: RoleFixture[] };

export function person({ roles, ...overrides }: PersonFixture = {}): MePerson {
  return {
    id: 'p-li-ming',
    name: '李明',
    badgeNo: '430101',
    unitId: 'u-cs-kf',
    unitName: '长沙市公安局开福分局',
    roles: (roles ?? [{ role: 'operator', unitName: '长沙市公安局开福分局', unitId: 'u-cs-kf' }]).map(roleView),
    trained: true,
    ...overrides,
  };
}

export const NOTHING_PENDING: PendingWork = {
  approvals: false,
  referrals: false,
  drafts: false,
  unreadNotifications: false,
  accountDecisions: false,
  accountSetups: false,
  filings: false,
  linkage: false,
};

export function me(personOverrides: PersonFixture = {}, pending: Partial<PendingWork> = {}): MeSummary {
  return { person: person(personOverrides), pending: { ...NOTHING_PENDING, ...pending } };
}

export function message(overrides: Partial<InboxItem> & Pick<InboxItem, '_id'>): InboxItem {
  return {
    kind: 'postApproved',
    title: '审核结果通知',
    text: '您提交的稿件已通过审核。',
    createdAt: '2026-11-28T09:30:00.000+08:00',
    read: false,
    link: '/pages/drafts/detail?id=d1',
    ...overrides,
  };
}
