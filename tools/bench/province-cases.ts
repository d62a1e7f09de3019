/**
 * What the province bench measures (issue 18): every list action of every function as the roles that
 * use it, and every page's first load as the role that opens it — the actions the page calls in
 * onLoad/onShow/load/fetchPage (tools/bench/province-cases.test.ts checks this table against
 * miniprogram/app.json and the pages' own code, so a new page or a new list action cannot be left out).
 */
import type { ProvinceCallers } from '../province/generate';

/** Items of one page, as the list pages ask for them. */
export const PAGE = 20;
/** The kinds of waiting work org.me answers (typings/org.ts PendingWork), each read as one id at most. */
const BADGES = 8;

/** Ids the calls need, picked from the generated province (stable for a seed); null when the data has none. */
export interface ProvinceIds {
  rootUnit: string;
  /** The 14 cities' bureaus (a province directive's filter names the next level down). */
  cityUnits: string[];
  cityUnit: string;
  countyUnit: string;
  cityDepartment: string;
  cityAccount: string;
  cityOperatorId: string;
  month: string;
  /** A month the evaluation has run for (evaluation.ranking, .result refuse a month not run). */
  evaluatedMonth: string | null;
  year: number;
  postId: string | null;
  messageId: string | null;
  referralId: string | null;
  directiveId: string | null;
  incidentId: string | null;
  archiveId: string | null;
  sessionId: string | null;
  applicationId: string | null;
  filingId: string | null;
  setupAccountId: string | null;
  ruleId: string | null;
}

export type Role = keyof ProvinceCallers;
type Body = (ids: ProvinceIds) => Record<string, unknown>;

export interface Call {
  action: string;
  body: Body;
  /** Items the answer may hold (the reads bound is this plus READ_CONSTANT). */
  page: number;
  /**
   * What the answer counts as its items: `items` (default: data.items), the workbench badges, or the
   * cadence grid's cells (each account, and each of its days this month with something published), or
   * a linkage board's tally rows (one per bureau a level down) and its accounts, or the operator's
   * directives each with a row per account of theirs it called.
   */
  items?: 'items' | 'badges' | 'cadenceCells' | 'boardRows' | 'mineRows';
  /** The generated record the call needs; without it the call is not measured (and the bench says so). */
  needs?: keyof ProvinceIds;
}

export interface ActionCase extends Call {
  role: Role;
  roleLabel: string;
}

export const ROLE_LABELS: { [R in Role]: string } = {
  cityOperator: '市局运营民警',
  countyOperator: '县局运营民警',
  cityReviewer: '市局审核民警',
  cityLeader: '市局分管领导',
  cityAdmin: '市局单位管理员',
  cityDesk: '市局宣传干事',
  provinceDesk: '省厅宣传处',
  provinceLeader: '省厅分管领导',
  handler: '警种联络人',
  personalOwner: '个人账号民警',
};

const paged =
  (extra: Body = () => ({})): Body =>
  (ids) => ({ ...extra(ids), limit: PAGE });
const list = (action: string, body: Body = () => ({}), needs?: keyof ProvinceIds): Call => ({
  action,
  body: paged(body),
  page: PAGE,
  ...(needs ? { needs } : {}),
});
const one = (action: string, body: Body = () => ({}), needs?: keyof ProvinceIds): Call => ({
  action,
  body,
  page: 0,
  ...(needs ? { needs } : {}),
});
/** A directive's board: a row per bureau one level down (14 cities at most) above a page of accounts. */
const board = (): Call => ({
  action: 'linkage.board',
  body: (ids) => ({ directiveId: ids.directiveId, limit: PAGE }),
  page: PAGE + 14,
  items: 'boardRows',
  needs: 'directiveId',
});
/**
 * The operator's directives: a page of directives, each with a row for every account of theirs it
 * called. A page reads a page of targets per account (merged to find the page's directives), so its
 * size is a page per account the operator runs (A/B of a few accounts: four at most here).
 */
const mine = (view?: 'all'): Call => ({
  action: 'linkage.mine',
  body: () => ({ ...(view ? { view } : {}), limit: PAGE }),
  page: PAGE * 4,
  items: 'mineRows',
});
const me = (): Call => ({ action: 'org.me', body: () => ({}), page: BADGES, items: 'badges' });

const cases = (role: Role, calls: Call[]): ActionCase[] =>
  calls.map((c) => ({ ...c, role, roleLabel: ROLE_LABELS[role] }));

/** Every list action (an action that takes offset/limit/cursor/before), as each role that uses it. */
export const ACTION_CASES: ActionCase[] = [
  // the workbench: each role's badges
  ...cases('cityOperator', [me()]),
  ...cases('cityReviewer', [me()]),
  ...cases('provinceDesk', [me()]),
  ...cases('handler', [me()]),
  // posts
  ...cases('cityOperator', [
    list('post.list'),
    list('post.list', (ids) => ({ accountId: ids.cityAccount })),
    list('post.approvals', () => ({ box: 'submitted' })),
  ]),
  ...cases('countyOperator', [list('post.list')]),
  ...cases('cityReviewer', [
    list('post.approvals'),
    list('post.approvals', () => ({ box: 'decided' })),
    list('post.approvals', () => ({ box: 'copied' })),
  ]),
  ...cases('cityLeader', [list('post.approvals'), list('post.approvals', () => ({ box: 'decided' }))]),
  ...cases('provinceDesk', [list('post.approvals'), list('post.approvals', () => ({ box: 'copied' }))]),
  // notices
  ...cases('cityOperator', [list('notify.inbox')]),
  ...cases('handler', [list('notify.inbox')]),
  ...cases('provinceDesk', [list('notify.inbox')]),
  // messages and referrals
  ...cases('cityOperator', [
    list('referral.messages'),
    list('referral.messages', (ids) => ({ accountId: ids.cityAccount })),
    list('referral.list'),
    list('referral.list', () => ({ view: 'answered' })),
    list('referral.list', () => ({ view: 'closed' })),
  ]),
  ...cases('handler', [
    list('referral.list', (ids) => ({ unitId: ids.cityDepartment })),
    list('referral.list', (ids) => ({ unitId: ids.cityDepartment, view: 'closed' })),
  ]),
  // the organisation
  ...cases('cityAdmin', [
    list('org.listPeople', (ids) => ({ unitId: ids.cityUnit })),
    list('org.listPeople', (ids) => ({ unitId: ids.cityUnit, scope: 'unit' })),
    list('org.listAccounts', (ids) => ({ unitId: ids.cityUnit })),
    list('org.auditLog', (ids) => ({ unitId: ids.cityUnit })),
  ]),
  ...cases('provinceDesk', [
    list('org.listPeople', (ids) => ({ unitId: ids.rootUnit })),
    list('org.listAccounts', (ids) => ({ unitId: ids.rootUnit })),
  ]),
  // linkage directives (第三十四条)
  ...cases('provinceDesk', [list('linkage.list'), board(), list('linkage.records', (ids) => ({ month: ids.month }))]),
  ...cases('cityDesk', [list('linkage.list')]),
  ...cases('cityOperator', [mine(), mine('all')]),
  // accounts (第十条—第十四条, 第三十九条)
  ...cases('cityOperator', [list('account.applications', () => ({ box: 'mine' })), list('account.setups')]),
  ...cases('cityDesk', [
    list('account.applications', () => ({ box: 'toDecide' })),
    list('account.applications', () => ({ box: 'decided' })),
    list('account.filings', () => ({ box: 'received', state: 'filed' })),
    list('account.filings', () => ({ box: 'sent', state: 'due' })),
    list('account.matrix', (ids) => ({ unitId: ids.cityUnit, view: 'accounts' })),
    list('account.registry', (ids) => ({ unitId: ids.cityUnit })),
    list('account.marks', (ids) => ({ accountId: ids.cityAccount })),
  ]),
  ...cases('provinceDesk', [
    list('account.matrix', (ids) => ({ unitId: ids.rootUnit, view: 'units' })),
    list('account.matrix', (ids) => ({ unitId: ids.rootUnit, view: 'gaps' })),
    // phone: the opening form's unit picker over every unit the province's desk may apply for
    list('account.applicantUnits'),
  ]),
  ...cases('personalOwner', [list('account.personal')]),
  // security (第三十三条), training (第三十五条), archives (第三十二条)
  ...cases('cityOperator', [list('security.history', (ids) => ({ accountId: ids.cityAccount }))]),
  ...cases('cityDesk', [
    list('security.rotations', (ids) => ({ unitId: ids.cityUnit })),
    list('security.rotations', (ids) => ({ unitId: ids.cityUnit, filter: 'all' })),
    list('security.incidents', (ids) => ({ unitId: ids.cityUnit })),
  ]),
  ...cases('cityAdmin', [
    list('training.sessions', (ids) => ({ unitId: ids.cityUnit })),
    list('training.session', (ids) => ({ sessionId: ids.sessionId }), 'sessionId'),
    list('training.shortfall', (ids) => ({ unitId: ids.cityUnit })),
    list('archive.list', (ids) => ({ unitId: ids.cityUnit })),
  ]),
  // the monthly evaluation (issue 14)
  ...cases('provinceDesk', [
    list('evaluation.ranking', (ids) => ({ month: ids.evaluatedMonth }), 'evaluatedMonth'),
    list('evaluation.objections', (ids) => ({ month: ids.month })),
  ]),
  ...cases('cityDesk', [
    list('evaluation.ranking', (ids) => ({ month: ids.evaluatedMonth, unitId: ids.cityUnit }), 'evaluatedMonth'),
  ]),
  // screening and the reader (省厅政治部宣传处 keeps them; reviewers read them)
  ...cases('cityReviewer', [list('screen.lexiconList'), list('screen.ruleList'), list('screen.wordingList')]),
  ...cases('provinceDesk', [
    list('reader.promptVersions'),
    list('reader.calls', (ids) => ({ month: ids.month })),
    list('reader.usage', (ids) => ({ month: ids.month })),
  ]),
];

/** Actions that take a cursor but list nothing to a page: why each is not a list case. */
export const NOT_LISTS: { [action: string]: string } = {
  'account.adoptExisting': '一次性迁移任务：按游标分批处理已有账号，不是页面列表',
};

export type PageLoad =
  | {
      role: Role;
      calls: Call[];
      /** Actions the first load makes only in a case that writes, not measured here: why. */
      unmeasured?: { [action: string]: string };
    }
  | { none: string };

/**
 * Every page of miniprogram/app.json and what its first load calls, as the role that opens it (from
 * the workbench, with the ids it is opened with). Detail pages load one record.
 */
export const PAGES: { [page: string]: PageLoad } = {
  'pages/home/index': { role: 'cityOperator', calls: [me()] },
  'pages/inbox/index': { role: 'cityOperator', calls: [list('notify.inbox')] },
  'pages/me/index': { role: 'cityOperator', calls: [me()] },
  'pages/bind/index': { role: 'cityOperator', calls: [one('org.bindingNotice')] },
  'pages/drafts/index': { role: 'cityOperator', calls: [list('post.list')] },
  'pages/post-edit/index': {
    role: 'cityOperator',
    calls: [
      one('post.get', (ids) => ({ postId: ids.postId }), 'postId'),
      one('post.previewChain', (ids) => ({ accountId: ids.cityAccount, level: 'ordinary' })),
      one('linkage.get', (ids) => ({ directiveId: ids.directiveId }), 'directiveId'),
      // the draft's text screened again as it opens (the marks beside the editor)
      one('screen.check', () => ({ title: '反诈提醒', text: '警惕冒充客服的电话，不要向陌生人转账。' })),
    ],
    unmeasured: { 'post.draftSave': '写操作：打开时稿件的声明级别须提升才自动保存，不是读取' },
  },
  'pages/post-detail/index': {
    role: 'cityOperator',
    calls: [
      one('post.get', (ids) => ({ postId: ids.postId }), 'postId'),
      one('linkage.get', (ids) => ({ directiveId: ids.directiveId }), 'directiveId'),
    ],
  },
  'pages/approvals/index': { role: 'cityReviewer', calls: [list('post.approvals')] },
  'pages/cadence/index': {
    role: 'cityLeader',
    // 第十九条's grid: a bureau's accounts (about ten at most in the province) × this month's days
    calls: [
      { action: 'post.cadence', body: (ids) => ({ unitId: ids.cityUnit }), page: 10 * 31, items: 'cadenceCells' },
    ],
  },
  'pages/messages/index': { role: 'cityOperator', calls: [list('referral.messages')] },
  'pages/message-record/index': { none: '登记留言的表单：打开时不调用任何操作' },
  'pages/message-detail/index': {
    role: 'cityOperator',
    calls: [one('referral.message', (ids) => ({ messageId: ids.messageId }), 'messageId')],
  },
  'pages/referrals/index': {
    role: 'handler',
    calls: [list('referral.list', (ids) => ({ unitId: ids.cityDepartment }))],
  },
  'pages/referral-detail/index': {
    role: 'cityDesk',
    calls: [one('referral.get', (ids) => ({ referralId: ids.referralId }), 'referralId')],
  },
  'pages/calendar/index': {
    role: 'provinceDesk',
    calls: [one('referral.calendarOverrides', (ids) => ({ year: ids.year }))],
  },
  'pages/people/index': {
    role: 'cityAdmin',
    calls: [me(), list('org.listPeople', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'pages/person/index': {
    role: 'cityAdmin',
    calls: [list('org.listPeople', (ids) => ({ unitId: ids.cityUnit, personId: ids.cityOperatorId }))],
  },
  'pages/invite/index': { none: '生成邀请码的表单：打开时不调用任何操作' },
  'pages/unit/index': {
    role: 'cityAdmin',
    calls: [
      me(),
      one('org.listPeople', (ids) => ({ unitId: ids.cityUnit, limit: 0 })),
      { action: 'org.listPeople', body: (ids) => ({ unitId: ids.cityUnit, limit: 100 }), page: 100 },
    ],
  },
  'pages/accounts/index': {
    role: 'cityAdmin',
    calls: [me(), list('org.listAccounts', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'pages/account/index': {
    role: 'cityAdmin',
    calls: [
      one('org.listAccounts', (ids) => ({ unitId: ids.cityUnit, accountId: ids.cityAccount, limit: 1 })),
      { action: 'org.listPeople', body: (ids) => ({ unitId: ids.cityUnit, limit: 100 }), page: 100 },
    ],
  },
  'pages/audit/index': { role: 'cityAdmin', calls: [me(), list('org.auditLog', (ids) => ({ unitId: ids.cityUnit }))] },
  'pages/lexicon/index': { role: 'provinceDesk', calls: [list('screen.lexiconList')] },
  'pages/lexicon-import/index': { role: 'provinceDesk', calls: [list('screen.lexiconList')] },
  'packages/linkage/pages/mine/index': { role: 'cityOperator', calls: [mine()] },
  'packages/linkage/pages/directive/index': {
    role: 'cityOperator',
    calls: [one('linkage.get', (ids) => ({ directiveId: ids.directiveId }), 'directiveId')],
  },
  'packages/linkage/pages/respond/index': {
    role: 'cityOperator',
    calls: [one('linkage.get', (ids) => ({ directiveId: ids.directiveId }), 'directiveId')],
  },
  'packages/linkage/pages/directives/index': { role: 'provinceDesk', calls: [list('linkage.list')] },
  'packages/linkage/pages/board/index': {
    role: 'provinceDesk',
    calls: [board()],
  },
  'packages/linkage/pages/issue/index': {
    role: 'provinceDesk',
    calls: [
      one('linkage.targetOptions'),
      one('linkage.get', (ids) => ({ directiveId: ids.directiveId }), 'directiveId'),
      // how many accounts the form's first filter reaches: nothing chosen yet, the whole scope
      one('linkage.preview', () => ({ targets: { mode: 'filter', unitIds: [], platforms: [] } })),
    ],
  },
  'packages/linkage/pages/settings/index': { role: 'provinceDesk', calls: [one('linkage.settings')] },
  'packages/reader/pages/settings/index': {
    role: 'provinceDesk',
    calls: [
      one('reader.settings'),
      list('reader.usage', (ids) => ({ month: ids.month })),
      one('reader.stats', (ids) => ({ month: ids.month })),
    ],
  },
  'packages/reader/pages/prompt/index': {
    role: 'provinceDesk',
    calls: [one('reader.prompt'), list('reader.promptVersions')],
  },
  'packages/reader/pages/calls/index': {
    role: 'provinceDesk',
    calls: [list('reader.calls', (ids) => ({ month: ids.month }))],
  },
  'packages/security/pages/account/index': {
    role: 'cityOperator',
    calls: [
      one('security.status', (ids) => ({ accountId: ids.cityAccount })),
      list('security.history', (ids) => ({ accountId: ids.cityAccount })),
    ],
  },
  'packages/security/pages/report/index': { none: '报告安全事件的表单：打开时不调用任何操作' },
  'packages/security/pages/incident/index': {
    role: 'cityDesk',
    calls: [one('security.incident', (ids) => ({ incidentId: ids.incidentId }), 'incidentId')],
  },
  'packages/security/pages/rotations/index': {
    role: 'cityDesk',
    calls: [me(), list('security.rotations', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/security/pages/incidents/index': {
    role: 'cityDesk',
    calls: [me(), list('security.incidents', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/security/pages/archives/index': {
    role: 'cityAdmin',
    calls: [me(), list('archive.list', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/security/pages/archive/index': {
    role: 'cityAdmin',
    calls: [one('archive.get', (ids) => ({ archiveId: ids.archiveId }), 'archiveId')],
  },
  'packages/security/pages/sessions/index': {
    role: 'cityAdmin',
    calls: [me(), list('training.sessions', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/security/pages/session/index': {
    role: 'cityAdmin',
    calls: [list('training.session', (ids) => ({ sessionId: ids.sessionId }), 'sessionId')],
  },
  'packages/security/pages/shortfall/index': {
    role: 'cityAdmin',
    calls: [me(), list('training.shortfall', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/screening/pages/rules/index': { role: 'provinceDesk', calls: [list('screen.ruleList')] },
  'packages/screening/pages/rule/index': {
    role: 'provinceDesk',
    calls: [
      one('screen.ruleGet', (ids) => ({ id: ids.ruleId }), 'ruleId'),
      list('screen.ruleList'),
      // opened from a screening result, the sample text is tested at once
      one('screen.ruleTest', () => ({ text: '警惕冒充客服的电话，不要向陌生人转账。' })),
    ],
  },
  'packages/screening/pages/rule-import/index': { role: 'provinceDesk', calls: [list('screen.ruleList')] },
  'packages/screening/pages/wording/index': { role: 'provinceDesk', calls: [list('screen.wordingList')] },
  'packages/accounts/pages/applications/index': {
    role: 'cityDesk',
    calls: [list('account.applications', () => ({ box: 'toDecide' }))],
  },
  'packages/accounts/pages/application/index': {
    role: 'cityDesk',
    calls: [one('account.application', (ids) => ({ applicationId: ids.applicationId }), 'applicationId')],
  },
  'packages/accounts/pages/apply/index': {
    role: 'cityAdmin',
    calls: [
      me(),
      one('account.catalogue'),
      one('account.application', (ids) => ({ applicationId: ids.applicationId }), 'applicationId'),
      { action: 'org.listPeople', body: (ids) => ({ unitId: ids.cityUnit, limit: 100 }), page: 100 },
    ],
  },
  'packages/accounts/pages/close/index': {
    role: 'cityOperator',
    calls: [one('org.listAccounts', (ids) => ({ unitId: ids.cityUnit, accountId: ids.cityAccount, limit: 1 }))],
  },
  'packages/accounts/pages/setups/index': { role: 'cityOperator', calls: [list('account.setups')] },
  'packages/accounts/pages/setup/index': {
    role: 'cityOperator',
    calls: [one('account.setup', (ids) => ({ accountId: ids.setupAccountId }), 'setupAccountId')],
  },
  'packages/accounts/pages/filings/index': {
    role: 'cityDesk',
    calls: [list('account.filings', () => ({ box: 'received', state: 'filed' }))],
  },
  'packages/accounts/pages/filing/index': {
    role: 'cityDesk',
    calls: [one('account.filing', (ids) => ({ filingId: ids.filingId }), 'filingId')],
  },
  'packages/accounts/pages/matrix/index': {
    role: 'provinceDesk',
    calls: [me(), list('account.matrix', (ids) => ({ unitId: ids.rootUnit, view: 'units' }))],
  },
  'packages/accounts/pages/registry/index': {
    role: 'cityDesk',
    calls: [me(), list('account.registry', (ids) => ({ unitId: ids.cityUnit }))],
  },
  'packages/accounts/pages/personal/index': { role: 'personalOwner', calls: [list('account.personal')] },
  // phone: the opening form's unit picker (every unit in the caller's scope, searched, paged)
  'packages/accounts/pages/unit-pick/index': { role: 'provinceDesk', calls: [list('account.applicantUnits')] },
  'packages/evaluation/pages/month/index': {
    role: 'provinceDesk',
    calls: [
      one('evaluation.month', (ids) => ({ month: ids.month })),
      list('evaluation.ranking', (ids) => ({ month: ids.evaluatedMonth }), 'evaluatedMonth'),
    ],
  },
  'packages/evaluation/pages/result/index': {
    role: 'cityOperator',
    calls: [
      one('evaluation.result', (ids) => ({ month: ids.evaluatedMonth, accountId: ids.cityAccount }), 'evaluatedMonth'),
      one('evaluation.unitResult', (ids) => ({ month: ids.evaluatedMonth, unitId: ids.cityUnit }), 'evaluatedMonth'),
    ],
  },
  'packages/evaluation/pages/objections/index': {
    role: 'provinceDesk',
    calls: [list('evaluation.objections', (ids) => ({ month: ids.month }))],
  },
  'packages/evaluation/pages/year/index': {
    role: 'provinceDesk',
    calls: [one('evaluation.year', (ids) => ({ year: ids.year }))],
  },
  'packages/evaluation/pages/scheme/index': {
    role: 'provinceDesk',
    calls: [one('evaluation.scheme', (ids) => ({ month: ids.month }))],
  },
};
