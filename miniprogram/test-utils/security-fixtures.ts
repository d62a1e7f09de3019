/** Security, training and archive answers as the functions give them, for the page tests. */
import type { ArchiveView } from '../../typings/archive';
import type { AccountSecurityView, AttestationView, IncidentView } from '../../typings/security';

export function securityView(over: Partial<AccountSecurityView> = {}): AccountSecurityView {
  return {
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    status: 'overdue',
    dueAt: '2026-11-20T23:59:59.999+08:00',
    dueReason: 'holdersChanged',
    daysLeft: -8,
    rotationDays: 90,
    ownPeriod: false,
    lastRotatedAt: '2026-08-01T10:00:00.000+08:00',
    settings: {
      boundPhone: 'unitPhone',
      boundPhoneHolderId: null,
      boundPhoneTail: '6688',
      twoStepVerification: true,
      loginProtection: false,
      adminWechatHolderId: 'p-cs-operator-a',
      boundPhoneHolderName: null,
      adminWechatHolderName: '王明',
    },
    holders: [
      { id: 'p-cs-operator-a', name: '王明' },
      { id: 'p-cs-operator-b', name: '李娜' },
    ],
    holderChange: {
      since: '2026-11-17T09:00:00.000+08:00',
      left: ['p-old'],
      joined: ['p-cs-operator-b'],
      dueAt: '2026-11-20T23:59:59.999+08:00',
      leftNames: ['赵旧'],
      joinedNames: ['李娜'],
    },
    postingHolds: [],
    canAttest: true,
    canSetPeriod: false,
    rev: 4,
    ...over,
  };
}

export function attestation(over: Partial<AttestationView> = {}): AttestationView {
  return {
    id: 'att-1',
    kind: 'passwordChanged',
    changedAt: '2026-08-01T10:00:00.000+08:00',
    recordedAt: '2026-08-01T10:05:00.000+08:00',
    recordedBy: { id: 'p-cs-operator-a', name: '王明' },
    settings: null,
    rotationDays: null,
    reason: 'routine',
    late: false,
    note: '',
    ...over,
  };
}

export function incidentView(over: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'inc-1',
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    kind: 'accountStolen',
    happenedAt: '2026-11-28T08:40:00.000+08:00',
    description: '发现账号被异地登录并发布了非本单位内容',
    reportedAt: '2026-11-28T08:45:00.000+08:00',
    reportedBy: { id: 'p-cs-reviewer', name: '张伟' },
    state: 'open',
    suspends: true,
    suspended: true,
    steps: [
      {
        kind: 'reported',
        at: '2026-11-28T08:45:00.000+08:00',
        recordedAt: '2026-11-28T08:45:00.000+08:00',
        by: 'p-cs-reviewer',
        byName: '张伟',
        note: '发现账号被异地登录并发布了非本单位内容',
      },
      {
        kind: 'platformContacted',
        at: '2026-11-28T09:00:00.000+08:00',
        recordedAt: '2026-11-28T09:02:00.000+08:00',
        by: 'p-cs-operator-a',
        byName: '王明',
        note: '',
        platformContact: '微博政务客服',
        ticket: 'WB-2026-1128-001',
      },
    ],
    closedAt: null,
    summary: null,
    can: { record: true, lift: false, close: false },
    missingForClose: ['secured'],
    rev: 2,
    ...over,
  };
}

export function archiveView(over: Partial<ArchiveView> = {}): ArchiveView {
  return {
    id: 'm-u-cs-2026-11',
    type: 'monthly',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    month: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    state: 'complete',
    records: { posts: 42, messages: 17, directives: 3, incidents: 1, attestations: 6 },
    files: [
      { name: 'posts.jsonl', bytes: 183_204, sha256: 'a'.repeat(64), records: 42 },
      { name: 'summary.xlsx', bytes: 7_210, sha256: 'b'.repeat(64), records: null },
    ],
    manifest: { name: 'manifest.json', bytes: 912, sha256: 'c'.repeat(64), records: null },
    chunks: 12,
    createdAt: '2026-12-01T00:01:00.000+08:00',
    completedAt: '2026-12-01T00:03:00.000+08:00',
    requestedByName: null,
    lastVerification: null,
    ...over,
  };
}
