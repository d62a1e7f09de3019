/** Answers of the org function for the admin pages' tests, in the real contract's shapes. */
import type { AccountView, AuditItem, PeoplePage, PersonView, UnitSummary, UnitView } from '../../typings/org';

export function unitSummary(overrides: Partial<UnitSummary> & Pick<UnitSummary, 'id' | 'name'>): UnitSummary {
  return { kind: 'department', level: 'city', specialWork: false, ...overrides };
}

export function unitView(overrides: Partial<UnitView> = {}): UnitView {
  return {
    id: 'u-cs',
    name: '长沙市公安局',
    kind: 'bureau',
    level: 'city',
    specialWork: false,
    parentId: 'u-hn',
    bureauId: 'u-cs',
    ancestors: [unitSummary({ id: 'u-hn', name: '湖南省公安厅', kind: 'bureau', level: 'province' })],
    responsibility: {
      leaderId: 'p-leader',
      leaderName: '刘强',
      departmentId: 'u-cs-xcc',
      departmentName: '长沙市公安局政治部宣传处',
      personId: 'p-staff',
      personName: '陈静',
    },
    rev: 3,
    ...overrides,
  };
}

export function personView(overrides: Partial<PersonView> & Pick<PersonView, 'id'>): PersonView {
  return {
    name: '王明',
    badgeNo: '430004',
    unitId: 'u-cs-xcc',
    unitName: '长沙市公安局政治部宣传处',
    phone: '13900000004',
    auxiliary: false,
    classifiedPost: false,
    active: true,
    roles: [],
    trainings: [],
    trained: true,
    bound: true,
    rev: 2,
    ...overrides,
  };
}

export function peoplePage(overrides: Partial<PeoplePage> = {}): PeoplePage {
  const items = overrides.items ?? [personView({ id: 'p-1' })];
  return { unit: unitView(), children: [], items, nextOffset: null, ...overrides };
}

export function accountView(overrides: Partial<AccountView> & Pick<AccountView, 'id'>): AccountView {
  return {
    platform: 'weibo',
    name: '长沙警事',
    platformId: 'csjs',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    kind: 'institutional',
    owner: null,
    realNameVerified: true,
    operatorA: { id: 'p-a', name: '王明' },
    operatorB: { id: 'p-b', name: '李娜' },
    reviewers: [{ id: 'p-r', name: '张伟' }],
    state: 'active',
    exceptionApproval: null,
    violations: [],
    rev: 1,
    ...overrides,
  };
}

export function auditItem(overrides: Partial<AuditItem> & Pick<AuditItem, 'seq'>): AuditItem {
  return {
    at: '2026-11-28T09:30:00.000+08:00',
    action: 'org.setRoles',
    summary: '调整王明的角色',
    changes: [],
    actor: { personId: 'p-admin', role: 'unitAdmin', unitId: 'u-cs', name: '吴刚', unitName: '长沙市公安局' },
    object: { collection: 'people', id: 'p-1' },
    requestId: 'req-1',
    ...overrides,
  };
}
