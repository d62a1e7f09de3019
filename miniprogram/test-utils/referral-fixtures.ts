/** Server answers of the referral function, as the message and referral page tests need them. */
import { flush, type PageHarness } from './simulate';
import type {
  Message,
  MessageDetail,
  MessageSummary,
  Referral,
  ReferralDetail,
  ReferralSummary,
  TriageRuleView,
} from '../../typings/referral';

export const NOW = '2026-03-10T20:00:00.000+08:00';

export function referralSummary(overrides: Partial<ReferralSummary> & Pick<ReferralSummary, 'id'>): ReferralSummary {
  return {
    messageId: 'm1',
    unitId: 'u-cs',
    departmentId: 'u-cs-xz',
    departmentName: '长沙市公安局刑侦支队',
    deadlineClass: 'complex',
    question: '请核实无犯罪记录证明办理时限',
    state: 'signed',
    handlerId: 'p-h',
    dueAt: '2026-03-12T23:59:59.999+08:00',
    urgency: 'normal',
    overdueMs: 0,
    extensionPending: false,
    rev: 2,
    ...overrides,
  };
}

export function messageSummary(overrides: Partial<MessageSummary> & Pick<MessageSummary, 'id'>): MessageSummary {
  return {
    accountId: 'acc-1',
    accountName: '长沙警事',
    platform: 'weibo',
    senderNickname: '热心市民',
    excerpt: '派出所几点上班？',
    receivedAt: '2026-03-10T09:00:00.000+08:00',
    suggestedTriage: 'consultation',
    triage: null,
    state: 'received',
    outcome: null,
    replyTargetAt: null,
    rev: 1,
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    _id: 'm1',
    accountId: 'acc-1',
    unitId: 'u-cs',
    platform: 'weibo',
    senderNickname: '热心市民',
    text: '请问办理无犯罪记录证明要多久？',
    receivedAt: '2026-03-10T09:00:00.000+08:00',
    link: null,
    suggestedTriage: 'consultation',
    triage: null,
    raisesProblem: false,
    state: 'received',
    replies: [],
    notices: [],
    cleanedUpAt: null,
    replyTargetAt: null,
    outcome: null,
    closedAt: null,
    closedBy: null,
    recordedBy: 'p-op',
    createdAt: '2026-03-10T09:05:00.000+08:00',
    updatedAt: '2026-03-10T09:05:00.000+08:00',
    rev: 1,
    ...overrides,
  };
}

export const CONSULTATION_RULE: TriageRuleView = {
  triage: 'consultation',
  label: '咨询求助（职权范围内）',
  article: '第二十六条、第二十七条',
  reply: 'allowed',
  replyTemplate: null,
  noticeLabel: null,
  cleanUp: 'no',
  referable: true,
  deferrable: false,
  followUp: false,
  outcomes: [
    { outcome: 'answered', label: '已答复' },
    { outcome: 'answeredAfterReferral', label: '经流转办理后答复' },
  ],
};

export const POLICE_REPORT_RULE: TriageRuleView = {
  triage: 'policeReport',
  label: '报警求助',
  article: '第二十二条',
  reply: 'allowed',
  replyTemplate: '您好！公安新媒体不受理报警。如遇警情，请立即拨打110报警电话。',
  noticeLabel: '通报有关部门（第二十二条）',
  cleanUp: 'no',
  referable: false,
  deferrable: false,
  followUp: false,
  outcomes: [{ outcome: 'guidedTo110', label: '已引导拨打110并通报' }],
};

export function messageDetail(overrides: Partial<MessageDetail> = {}): MessageDetail {
  return {
    message: message(),
    accountName: '长沙警事',
    rule: null,
    triageOptions: [POLICE_REPORT_RULE, CONSULTATION_RULE],
    referrals: [],
    departments: [
      { id: 'u-cs-xz', name: '长沙市公安局刑侦支队', departmentFunction: 'criminal' },
      { id: 'u-cs-wa', name: '长沙市公安局网安支队', departmentFunction: 'cyberSecurity' },
    ],
    steps: ['triage'],
    names: { 'p-op': '王明' },
    warnings: [],
    ...overrides,
  };
}

export function referral(overrides: Partial<Referral> = {}): Referral {
  return {
    _id: 'r1',
    messageId: 'm1',
    accountId: 'acc-1',
    unitId: 'u-cs',
    deskId: 'u-cs-xcc',
    departmentId: 'u-cs-xz',
    departmentName: '长沙市公安局刑侦支队',
    deadlineClass: 'complex',
    question: '请核实办理时限并提供回复口径',
    state: 'pending',
    open: true,
    handlerId: null,
    signedAt: null,
    returnReason: null,
    dueAt: '2026-03-12T23:59:59.999+08:00',
    originalDueAt: '2026-03-12T23:59:59.999+08:00',
    dueSoonAt: '2026-03-12T00:00:00.000+08:00',
    extensions: [],
    answer: null,
    overdueMs: null,
    calendarWarnings: [],
    log: [{ action: 'create', at: '2026-03-05T10:00:00.000+08:00', by: 'p-op', note: null }],
    createdBy: 'p-op',
    createdAt: '2026-03-05T10:00:00.000+08:00',
    updatedAt: '2026-03-05T10:00:00.000+08:00',
    rev: 1,
    ...overrides,
  };
}

export function referralDetail(overrides: Partial<ReferralDetail> = {}): ReferralDetail {
  return {
    referral: referral(),
    now: NOW,
    message: {
      _id: 'm1',
      text: '请问办理无犯罪记录证明要多久？',
      senderNickname: '热心市民',
      platform: 'weibo',
      receivedAt: '2026-03-05T09:00:00.000+08:00',
      link: null,
      accountName: '长沙警事',
    },
    urgency: 'normal',
    steps: ['sign', 'return'],
    messageVisible: false,
    names: { 'p-op': '王明', 'p-h': '孙杰' },
    warnings: [],
    ...overrides,
  };
}

/** Types into a van-field's own input or textarea (its id is the field's name), as a user does. */
export async function typeInto<D>(
  page: PageHarness<D>,
  fieldSelector: string,
  name: string,
  value: string,
): Promise<void> {
  const input = page.root.querySelector(fieldSelector)?.querySelector(`#${name}`);
  if (!input) throw new Error(`field ${fieldSelector} not rendered`);
  input.dispatchEvent('input', { detail: { value } });
  await flush();
}
