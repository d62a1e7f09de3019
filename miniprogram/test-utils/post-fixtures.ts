/** Answers of the post function for the post pages' tests. */
import type {
  ApprovalItem,
  ChainPreview,
  ChainStepView,
  Post,
  PostAccountView,
  PostDetail,
  PostSummary,
} from '../../typings/post';

export function accountView(over: Partial<PostAccountView> = {}): PostAccountView {
  return {
    id: 'acc-cs-weibo',
    name: '长沙警事',
    platform: 'weibo',
    platformLabel: '微博',
    kind: 'institutional',
    unitName: '长沙市公安局',
    ...over,
  };
}

export function summary(over: Partial<PostSummary> & Pick<PostSummary, 'id'>): PostSummary {
  return {
    rev: 1,
    title: '反诈提醒',
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platformLabel: '微博',
    state: 'draft',
    version: 1,
    level: 'ordinary',
    pendingStep: null,
    updatedAt: '2026-11-28T09:30:00.000+08:00',
    ...over,
  };
}

export function step(over: Partial<ChainStepView> & Pick<ChainStepView, 'key' | 'label'>): ChainStepView {
  return {
    unitName: '长沙市公安局',
    article: '第十六条',
    status: 'waiting',
    deciderName: null,
    comment: null,
    decidedAt: null,
    ...over,
  };
}

export function chain(steps: ChainStepView[], over: Partial<ChainPreview> = {}): ChainPreview {
  return {
    level: 'ordinary',
    levelLabel: '一般',
    logged: false,
    summary: `一般信息：${steps.map((s) => s.label).join(' → ')}`,
    steps,
    error: null,
    ...over,
  };
}

export function post(over: Partial<Post> = {}): Post {
  return {
    _id: 'p1',
    accountId: 'acc-cs-weibo',
    unitId: 'u-cs',
    authorId: 'p-a',
    contributorIds: ['p-a'],
    state: 'draft',
    version: 1,
    submittedVersion: null,
    rev: 3,
    content: { title: '反诈提醒', text: '请勿向陌生账户转账。', images: [], kind: 'original', source: null },
    contentHash: 'h1',
    nature: 'official',
    sourceVerified: false,
    declaredLevel: 'ordinary',
    floorLevel: 'ordinary',
    level: 'ordinary',
    levelChanges: [],
    screening: { blocked: false, minLevel: 'ordinary', hits: [] },
    chain: [],
    logged: false,
    stepIndex: null,
    pendingWith: [],
    round: 0,
    decisions: [],
    history: [],
    submittedAt: null,
    approvedVersion: null,
    approvedHash: null,
    approvedAt: null,
    plannedAt: null,
    publication: null,
    copiedFrom: null,
    createdAt: '2026-11-28T09:00:00.000+08:00',
    updatedAt: '2026-11-28T09:30:00.000+08:00',
    ...over,
  };
}

export const NO_ABILITIES = {
  edit: false,
  submit: false,
  withdraw: false,
  approve: false,
  sendBack: false,
  raiseLevel: false,
  lowerLevel: false,
  publish: false,
  nudge: false,
  comment: false,
};

export function detail(over: Partial<PostDetail> = {}): PostDetail {
  return {
    post: post(),
    account: accountView(),
    chain: chain([step({ key: 'reviewer', label: '审核民警审核' })]),
    versions: [],
    diff: null,
    people: [{ id: 'p-a', name: '王明' }],
    can: NO_ABILITIES,
    timeline: [],
    nudgeAvailableAt: null,
    now: '2026-11-28T12:00:00.000+08:00',
    levelFloor: null,
    lowerOptions: [],
    ...over,
  };
}

export function approvalItem(over: Partial<ApprovalItem> & Pick<ApprovalItem, 'postId'>): ApprovalItem {
  return {
    title: '反诈提醒',
    accountName: '长沙警事',
    platformLabel: '微博',
    level: 'ordinary',
    stepLabel: '审核民警审核',
    authorName: '王明',
    version: 1,
    rev: 2,
    state: 'inReview',
    submittedAt: '2026-11-28T09:30:00.000+08:00',
    waitingSince: '2026-11-28T09:30:00.000+08:00',
    plannedAt: null,
    decidedAt: null,
    decision: null,
    deciderName: null,
    comment: null,
    marks: [],
    setAside: 0,
    ...over,
  };
}
