/** Evaluation answers as the pages receive them (typings/evaluation.ts), for the UI tests. */
import type {
  AccountResult,
  AccountResultView,
  MonthView,
  Objection,
  RankingItem,
  ScoreLine,
  Standings,
} from '../../typings/evaluation';

export function standings(over: Partial<Standings> = {}): Standings {
  return {
    _id: '2026-03',
    month: '2026-03',
    runId: 'r1',
    ranks: { 'acc-cs-weibo': [2, 2] },
    counts: { all: 5, institutional: 4, personal: 1 },
    cities: [
      { unitId: 'u-cs', unitName: '长沙市公安局', score: 86.5, rank: 1, accounts: 4 },
      { unitId: 'u-zz', unitName: '株洲市公安局', score: 80.25, rank: 2, accounts: 1 },
    ],
    totals: {
      accounts: 5,
      meanScore: 84.1,
      grades: [
        { label: '优秀', count: 2 },
        { label: '良好', count: 2 },
        { label: '合格', count: 1 },
        { label: '不合格', count: 0 },
      ],
      missedDays: 2,
      messagesReceived: 3,
      messagesUnanswered: 1,
      referralsDue: 2,
      referralsLate: 1,
      refusedPublish: 1,
      sentBack: 0,
      silent: 0,
      incidents: 0,
      lateRotations: 0,
      filingsLate: 0,
      linkageMissed: 0,
      deductionLines: 2,
    },
    ...over,
  };
}

export function monthView(over: Partial<MonthView> = {}): MonthView {
  return {
    month: '2026-03',
    state: 'draft',
    phase: 'done',
    accountsDone: 5,
    chunks: 2,
    runNo: 1,
    runMs: 120,
    longestChunkMs: 80,
    rev: 4,
    digest: 'a'.repeat(64),
    schemeVersion: 0,
    releasedAt: null,
    objectionDeadline: null,
    publishedAt: null,
    desk: true,
    standings: standings(),
    pendingObjections: 0,
    circular: false,
    ...over,
  };
}

export function rankingItem(over: Partial<RankingItem> = {}): RankingItem {
  return {
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    kind: 'institutional',
    unitId: 'u-cs',
    score: 92.35,
    grade: '优秀',
    rank: 1,
    deducted: 3,
    ...over,
  };
}

export function line(over: Partial<ScoreLine> = {}): ScoreLine {
  return {
    id: '2026-03:acc-cs-weibo:publishRefused:refusal-1',
    kind: 'deduction',
    source: 'auto',
    rule: 'publishRefused',
    label: '未经审核试图发布',
    article: '第十五条',
    points: 2,
    reason: '2026-03-10 09:00 试图发布未经审核通过的稿件（NOT_APPROVED）',
    evidence: { collection: 'publishRefusals', id: 'refusal-1', note: '' },
    withdrawn: false,
    ...over,
  };
}

export function accountResult(over: Partial<AccountResult> = {}): AccountResult {
  return {
    _id: '2026-03:acc-cs-weibo',
    month: '2026-03',
    runId: 'r1',
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    kind: 'institutional',
    unitId: 'u-cs',
    unitPath: ['u-hn', 'u-cs'],
    cityId: 'u-cs',
    facts: {
      accountId: 'acc-cs-weibo',
      cadence: {
        applicable: true,
        rule: 'daily',
        required: 31,
        published: 29,
        dutyDays: 31,
        metDays: 29,
        missedDays: ['2026-03-02', '2026-03-03'],
      },
      messages: { received: 2, answered: 1, unanswered: [] },
      referrals: { due: 2, onTime: 1, late: [] },
      linkage: { directives: 0, onTime: 0, late: 0, missed: [] },
      review: { refusedPublish: [], sentBack: [] },
      security: { incidents: [], lateRotations: [] },
      silentDuring: [],
    },
    indicators: [
      {
        key: 'cadence',
        label: '更新频次',
        article: '第十九条',
        weight: 25,
        applicable: true,
        earned: 23.39,
        detail: '应发布 31 天，达标 29 天，共发布 29 条',
        evidence: [
          { collection: 'cadenceDays', id: 'acc-cs-weibo:2026-03-02', note: '2026-03-02 未发布' },
          { collection: 'cadenceDays', id: 'acc-cs-weibo:2026-03-03', note: '2026-03-03 未发布' },
        ],
        evidenceTotal: 2,
      },
      {
        key: 'linkageResponses',
        label: '联动指令响应',
        article: '第三十四条',
        weight: 20,
        applicable: false,
        earned: 0,
        detail: '本月无联动指令',
        evidence: [],
        evidenceTotal: 0,
      },
    ],
    indicatorScore: 95.35,
    lines: [line()],
    deducted: 2,
    bonus: 0,
    score: 93.35,
    grade: '优秀',
    ...over,
  };
}

export function resultView(over: Partial<AccountResultView> = {}): AccountResultView {
  return {
    result: accountResult(),
    rank: 2,
    kindRank: 2,
    of: 5,
    state: 'review',
    objections: [],
    canObject: true,
    trend: [
      { month: '2026-02', score: 88, rank: 3 },
      { month: '2026-03', score: 93.35, rank: 2 },
    ],
    ...over,
  };
}

export function objection(over: Partial<Objection> = {}): Objection {
  return {
    _id: 'obj-1',
    month: '2026-03',
    lineId: line().id,
    accountId: 'acc-cs-weibo',
    unitId: 'u-cs',
    line: line(),
    reason: '误操作，未实际发布',
    raisedBy: 'p-cs-propaganda',
    raisedAt: '2026-04-02T10:00:00.000+08:00',
    state: 'pending',
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    rev: 1,
    ...over,
  };
}
