import type { InboxItem, MePerson, MeSummary, PendingCounts } from '../services/contract';

export function person(overrides: Partial<MePerson> = {}): MePerson {
  return {
    name: '李明',
    badgeNo: '430101',
    unitName: '长沙市公安局开福分局',
    roles: [{ role: 'operator', unitName: '长沙市公安局开福分局' }],
    trained: true,
    ...overrides,
  };
}

export const NOTHING_PENDING: PendingCounts = { approvals: 0, referrals: 0, drafts: 0, unreadNotifications: 0 };

export function me(personOverrides: Partial<MePerson> = {}, pending: Partial<PendingCounts> = {}): MeSummary {
  return { person: person(personOverrides), pending: { ...NOTHING_PENDING, ...pending } };
}

export function message(overrides: Partial<InboxItem> & Pick<InboxItem, '_id'>): InboxItem {
  return {
    title: '审核结果通知',
    text: '您提交的稿件已通过审核。',
    createdAt: '2026-11-28T09:30:00.000+08:00',
    read: false,
    link: '/pages/drafts/detail?id=d1',
    ...overrides,
  };
}
