import type { Action, Person, Role, Unit } from '../../typings/org';
import type { ChainStep } from '../../typings/post';
import { DomainError } from '../errors';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import { ACTIONS } from './actions';
import { authorize, requireAllowed } from './authorize';
import { RULES, type AccountRef, type PostRef, type Target, type TargetKind } from './catalogue';

// ---- fixture: the demo tree plus a second city (株洲), which 长沙's people must not reach ----

const org = demoOrg();
const zhuzhou: Unit[] = [
  ['u-zz', '株洲市公安局', 'bureau', 'u-hn'],
  ['u-zz-xcc', '株洲市公安局政治部宣传处', 'propagandaDesk', 'u-zz'],
  ['u-zz-wa', '株洲市公安局网安支队', 'department', 'u-zz'],
].map(([_id, name, kind, parentId]) => ({
  ...org.units[0],
  _id,
  name,
  kind: kind as Unit['kind'],
  level: 'city',
  parentId,
  path: parentId === 'u-hn' ? ['u-hn', _id] : ['u-hn', 'u-zz', _id],
}));
const tree = buildTree([...org.units, ...zhuzhou]);

const ROLES: readonly Role[] = ['operator', 'reviewer', 'leader', 'propagandaStaff', 'departmentHandler', 'unitAdmin'];

/** Where an actor's one grant is held: the province (sees all), 长沙 (owns the targets), 株洲 (outside). */
type Placement = 'province' | 'city' | 'otherCity';
const PLACEMENTS: readonly Placement[] = ['province', 'city', 'otherCity'];
const PLACES: Record<Placement, { bureau: string; desk: string; department: string }> = {
  province: { bureau: 'u-hn', desk: 'u-hn-xcc', department: 'u-hn-wa' },
  city: { bureau: 'u-cs', desk: 'u-cs-xcc', department: 'u-cs-wa' },
  otherCity: { bureau: 'u-zz', desk: 'u-zz-xcc', department: 'u-zz-wa' },
};
const grantUnit = (role: Role, place: Placement): string =>
  role === 'propagandaStaff'
    ? PLACES[place].desk
    : role === 'departmentHandler'
      ? PLACES[place].department
      : PLACES[place].bureau;

const TRAINED = [{ course: '公安新媒体业务培训', date: '2025-12-20', issuer: '省厅政治部宣传处', completed: true }];

function actor(role: Role | null, place: Placement, trained = true): Person {
  const unitId = role ? grantUnit(role, place) : PLACES[place].bureau;
  return {
    ...org.people[0],
    _id: `x-${role ?? 'none'}-${place}`,
    unitId,
    roles: role ? [{ role, unitId }] : [],
    trainings: trained ? TRAINED : [],
    openid: `wx-${role ?? 'none'}-${place}`,
  };
}

/**
 * The targets all belong to 长沙. The actor is given the relation its role has to the object: an
 * operator is this account's A角 and this post's author, a reviewer is this account's reviewer and the
 * post waits at its review step.
 */
function targetFor(kind: TargetKind, who: Person, role: Role | null): Target {
  const account: AccountRef = {
    _id: 'acc-t',
    unitId: 'u-cs',
    kind: 'institutional',
    ownerId: null,
    operatorA: role === 'operator' ? who._id : 'p-other-a',
    operatorB: 'p-other-b',
    reviewerIds: [role === 'reviewer' ? who._id : 'p-other-r'],
  };
  const reviewStep: ChainStep = {
    key: 'reviewer',
    kind: 'reviewer',
    holders: [{ role: 'reviewer', unitId: 'u-cs', personIds: account.reviewerIds }],
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    label: '审核民警审核',
    article: '第十六条',
  };
  const authorId = account.operatorA ?? 'p-other-a';
  const post: PostRef = { authorId, contributorIds: [authorId], chain: [reviewStep], stepIndex: 0 };
  const targets: Record<TargetKind, Target> = {
    none: { kind: 'none' },
    own: { kind: 'own', ownerId: who._id },
    unit: { kind: 'unit', unitId: 'u-cs-wa' },
    person: { kind: 'person', person: { _id: 'p-target', unitId: 'u-cs-wa' } },
    account: { kind: 'account', account },
    post: { kind: 'post', account, post },
    referral: { kind: 'referral', account, departmentId: 'u-cs-wa' },
  };
  return targets[kind];
}

// ---- the expected matrix: written out by hand, one row per action ----

const ALL = PLACEMENTS;
const LOCAL: readonly Placement[] = ['province', 'city'];
const PROVINCE: readonly Placement[] = ['province'];
const CITY: readonly Placement[] = ['city'];

type Reach = Partial<Record<Role | 'everyone', readonly Placement[]>>;
interface Row {
  reach: Reach;
  /** 第三十五条: refused to the untrained. */
  trained?: true;
}
const to = (roles: Role[], where: readonly Placement[]): Reach => Object.fromEntries(roles.map((r) => [r, where]));
const everyone: Row = { reach: { everyone: ALL } };

const EXPECTED: Partial<Record<Action, Row>> = {
  'org.me': everyone,
  'org.bind': everyone,
  'org.bindingNotice': everyone,
  'org.createInvite': { reach: to(['unitAdmin'], LOCAL) },
  'org.listPeople': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'org.upsertPerson': { reach: to(['unitAdmin'], LOCAL) },
  'org.setRoles': { reach: to(['unitAdmin'], LOCAL) },
  'org.addTraining': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'org.listAccounts': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'org.upsertAccount': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'org.setOperators': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'org.setResponsibility': { reach: to(['unitAdmin'], LOCAL) },
  'org.auditLog': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'org.auditVerify': { reach: to(['unitAdmin', 'propagandaStaff'], PROVINCE) },
  'notify.inbox': everyone,
  'notify.markRead': everyone,
  'notify.reportConsent': everyone,
  'screen.check': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff'], ALL), trained: true },
  'screen.lexiconList': { reach: to(['reviewer', 'leader', 'propagandaStaff'], ALL) },
  'screen.lexiconEdit': { reach: to(['propagandaStaff'], PROVINCE) },
  'screen.lexiconImport': { reach: to(['propagandaStaff'], PROVINCE) },
  'screen.ruleList': { reach: to(['reviewer', 'leader', 'propagandaStaff'], ALL) },
  'screen.ruleTest': { reach: to(['reviewer', 'leader', 'propagandaStaff'], ALL) },
  'screen.ruleSave': { reach: to(['propagandaStaff'], PROVINCE) },
  'screen.ruleRemove': { reach: to(['propagandaStaff'], PROVINCE) },
  'screen.ruleImport': { reach: to(['propagandaStaff'], PROVINCE) },
  'screen.wordingList': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff'], ALL) },
  'screen.wordingEdit': { reach: to(['propagandaStaff'], PROVINCE) },
  'post.draftSave': { reach: to(['operator'], LOCAL), trained: true },
  'post.submit': { reach: to(['operator'], LOCAL), trained: true },
  'post.approve': { reach: to(['reviewer'], CITY), trained: true },
  'post.sendBack': { reach: to(['reviewer'], CITY), trained: true },
  'post.withdraw': { reach: to(['operator'], LOCAL), trained: true },
  'post.raiseLevel': { reach: to(['reviewer'], CITY), trained: true },
  'post.lowerLevel': { reach: to(['reviewer'], CITY), trained: true },
  'post.publish': { reach: to(['operator'], LOCAL), trained: true },
  'post.list': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff'], LOCAL) },
  // approvals page (issue 16): the boxes are the caller's own; nudges by the submitter; 抄送 rules per bureau
  'post.approvals': everyone,
  'post.nudge': { reach: to(['operator'], LOCAL) },
  'post.comment': everyone,
  'post.copyRules': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'post.setCopyRules': { reach: to(['unitAdmin'], LOCAL) },
  'post.cadence': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'post.get': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff'], LOCAL) },
  'post.previewChain': { reach: to(['operator'], LOCAL) },
  'post.setPlannedTime': { reach: to(['operator'], LOCAL), trained: true },
  'referral.messageRecord': { reach: to(['operator'], LOCAL), trained: true },
  'referral.messageTriage': { reach: to(['operator'], LOCAL), trained: true },
  'referral.messageClose': { reach: to(['operator'], LOCAL), trained: true },
  'referral.refer': { reach: to(['operator'], LOCAL), trained: true },
  'referral.sign': { reach: to(['departmentHandler'], CITY) },
  'referral.return': { reach: to(['departmentHandler'], CITY) },
  'referral.requestExtension': { reach: to(['departmentHandler'], CITY) },
  'referral.decideExtension': { reach: to(['propagandaStaff'], LOCAL) },
  'referral.answer': { reach: to(['departmentHandler'], CITY) },
  'referral.list': { reach: { ...to(['operator', 'propagandaStaff', 'leader'], LOCAL), departmentHandler: CITY } },
  'referral.get': { reach: { ...to(['operator', 'propagandaStaff', 'leader'], LOCAL), departmentHandler: CITY } },
  'referral.message': { reach: to(['operator', 'propagandaStaff', 'leader'], LOCAL) },
  'referral.messages': { reach: to(['operator', 'propagandaStaff', 'leader'], LOCAL) },
  'referral.reply': { reach: to(['operator'], LOCAL), trained: true },
  'referral.notice': { reach: to(['operator'], LOCAL), trained: true },
  'referral.cleanUp': { reach: to(['operator'], LOCAL), trained: true },
  'referral.defer': { reach: to(['operator'], LOCAL), trained: true },
  'referral.calendarOverrides': { reach: to(['propagandaStaff'], PROVINCE) },
  'referral.setCalendarOverrides': { reach: to(['propagandaStaff'], PROVINCE) },
  // evaluation (issue 14): the province desk runs it; each account and unit reads its own month.
  'evaluation.scheme': everyone,
  'evaluation.schemeSave': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.run': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.month': everyone,
  'evaluation.ranking': everyone,
  'evaluation.result': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'evaluation.unitResult': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'evaluation.release': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.adjust': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.object': { reach: to(['operator', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'evaluation.objections': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.decide': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.publish': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.circular': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], ALL) },
  'evaluation.declareEvent': { reach: to(['propagandaStaff'], PROVINCE) },
  'evaluation.year': everyone,
  'evaluation.markExcellent': { reach: to(['propagandaStaff'], PROVINCE) },
  // security (issue 15)
  'security.status': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.attest': { reach: to(['operator'], LOCAL) },
  'security.declareSettings': { reach: to(['operator'], LOCAL) },
  'security.setRotationDays': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'security.history': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.rotations': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.incidentReport': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.incidentStep': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.incidentLift': { reach: to(['propagandaStaff'], LOCAL) },
  'security.incidentClose': { reach: to(['propagandaStaff'], LOCAL) },
  'security.incident': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.incidents': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'], LOCAL) },
  'security.policy': everyone,
  'security.setPolicy': { reach: to(['propagandaStaff'], PROVINCE) },
  'training.sessionCreate': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'training.sessions': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'training.session': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'training.recordAttendance': { reach: to(['unitAdmin', 'propagandaStaff'], LOCAL) },
  'training.history': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'training.shortfall': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'archive.list': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'archive.get': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'archive.links': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'archive.verify': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  'archive.exportStart': { reach: to(['unitAdmin', 'propagandaStaff', 'leader'], LOCAL) },
  // linkage directives (第三十四条); whether a city desk may issue is core/linkage's (settings)
  'linkage.issue': { reach: to(['propagandaStaff'], LOCAL) },
  'linkage.preview': { reach: to(['propagandaStaff'], LOCAL) },
  'linkage.targetOptions': { reach: to(['propagandaStaff'], LOCAL) },
  'linkage.withdraw': { reach: to(['propagandaStaff'], LOCAL) },
  'linkage.list': { reach: to(['propagandaStaff', 'leader'], LOCAL) },
  'linkage.board': { reach: to(['propagandaStaff', 'leader'], LOCAL) },
  'linkage.get': everyone,
  'linkage.mine': { reach: to(['operator'], ALL) },
  'linkage.respond': { reach: to(['operator'], LOCAL), trained: true },
  'linkage.records': { reach: to(['propagandaStaff'], LOCAL) },
  'linkage.settings': { reach: to(['propagandaStaff'], ALL) },
  'linkage.setSettings': { reach: to(['propagandaStaff'], PROVINCE) },
  // accounts lifecycle: decisions and filings admit any propaganda staff here; core/account checks the desk.
  'account.catalogue': everyone,
  'account.setRules': { reach: to(['propagandaStaff'], PROVINCE) },
  'account.apply': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'account.applicantUnits': everyone,
  'account.amend': everyone,
  'account.withdraw': everyone,
  'account.applyClose': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'account.register': everyone,
  'account.decide': { reach: to(['propagandaStaff'], ALL) },
  'account.applications': everyone,
  'account.application': { reach: to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL) },
  'account.setups': everyone,
  // The operator is the account's A角 in this fixture: it does the tasks wherever its grant is held.
  'account.setup': { reach: { ...to(['unitAdmin', 'leader', 'propagandaStaff'], LOCAL), operator: ALL } },
  'account.completeTask': { reach: to(['operator'], ALL) },
  'account.handover': { reach: to(['operator', 'unitAdmin', 'propagandaStaff'], LOCAL) },
  'account.filings': { reach: to(['propagandaStaff'], ALL) },
  'account.filing': { reach: to(['propagandaStaff', 'leader'], LOCAL) },
  'account.submitFiling': { reach: to(['propagandaStaff'], ALL) },
  'account.acknowledgeFiling': { reach: to(['propagandaStaff'], ALL) },
  'account.queryFiling': { reach: to(['propagandaStaff'], ALL) },
  'account.matrix': { reach: to(['propagandaStaff', 'leader', 'unitAdmin'], LOCAL) },
  'account.remindGaps': { reach: to(['propagandaStaff'], LOCAL) },
  'account.registry': { reach: to(['propagandaStaff', 'leader', 'unitAdmin'], LOCAL) },
  'account.personal': everyone,
  'account.mark': { reach: to(['propagandaStaff', 'leader'], LOCAL) },
  'account.marks': { reach: to(['propagandaStaff', 'leader', 'unitAdmin'], LOCAL) },
  'account.adoptExisting': { reach: to(['propagandaStaff'], PROVINCE) },
  'export.matrix': { reach: to(['propagandaStaff', 'leader'], LOCAL) },
  // reader (issue 19)
  'reader.status': everyone,
  'reader.check': { reach: to(['operator'], LOCAL), trained: true },
  'reader.forPost': { reach: to(['operator', 'reviewer', 'leader', 'propagandaStaff'], LOCAL) },
  'reader.judge': { reach: to(['reviewer', 'leader', 'propagandaStaff'], LOCAL), trained: true },
  'reader.settings': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.settingsSave': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.probe': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.prompt': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.promptSave': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.promptVersions': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.promptPreview': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.calls': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.usage': { reach: to(['propagandaStaff'], PROVINCE) },
  'reader.stats': { reach: to(['propagandaStaff'], PROVINCE) },
};

const DENIAL_CODES = [
  'ROLE_REQUIRED',
  'OUT_OF_SCOPE',
  'NOT_ACCOUNT_OPERATOR',
  'AUTHOR_CANNOT_REVIEW',
  'NOT_AUTHOR',
  'NOT_CURRENT_APPROVER',
  'NOT_DEPARTMENT_HANDLER',
  'NOT_ACCOUNT_SETUP',
  'NOT_ON_ACCOUNT',
  'NOT_SELF',
];

describe('the action catalogue', () => {
  it('has exactly one rule per action', () => {
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    expect(Object.keys(RULES).sort()).toEqual([...ACTIONS].sort());
  });

  it('covers every function planned', () => {
    const namespaces = new Set(ACTIONS.map((a) => a.split('.')[0]));
    expect([...namespaces].sort()).toEqual([
      'account',
      'archive',
      'evaluation',
      'export',
      'linkage',
      'notify',
      'org',
      'post',
      'reader',
      'referral',
      'screen',
      'security',
      'training',
    ]);
  });

  it('never asks for a unit scope on a target without a unit', () => {
    for (const action of ACTIONS) {
      const rule = RULES[action];
      if (rule.target === 'none' || rule.target === 'own') {
        expect([action, rule.permits.filter((p) => p.scope === 'subtree')]).toEqual([action, []]);
      }
    }
  });
});

describe('the authorization matrix: every action × every role × inside and outside scope', () => {
  it.each([...ACTIONS])('%s', (action) => {
    const row = EXPECTED[action];
    expect(row).toBeDefined();
    if (!row) return;
    const kind = RULES[action].target;
    const actual: Record<string, boolean> = {};
    const expected: Record<string, boolean> = {};
    for (const role of ROLES) {
      for (const place of PLACEMENTS) {
        const who = actor(role, place);
        const decision = authorize(who, action, targetFor(kind, who, role), tree);
        if (!decision.allowed) expect(DENIAL_CODES).toContain(decision.code);
        actual[`${role}@${place}`] = decision.allowed;
        expected[`${role}@${place}`] = Boolean(row.reach.everyone?.includes(place) || row.reach[role]?.includes(place));
      }
    }
    for (const place of PLACEMENTS) {
      const nobody = actor(null, place);
      const decision = authorize(nobody, action, targetFor(kind, nobody, null), tree);
      actual[`noRole@${place}`] = decision.allowed;
      expected[`noRole@${place}`] = Boolean(row.reach.everyone?.includes(place));
      // A person's own records are open to them whatever their roles (training.history): NOT_SELF here.
      if (!decision.allowed) expect(['ROLE_REQUIRED', 'NOT_SELF']).toContain(decision.code);
    }
    expect(actual).toEqual(expected);
  });

  it.each([...ACTIONS])('%s: training (第三十五条)', (action) => {
    const row = EXPECTED[action];
    if (!row) throw new Error(`no expected row for ${action}`);
    const kind = RULES[action].target;
    for (const role of ROLES.filter((r) => row.reach[r]?.includes('city'))) {
      const untrained = actor(role, 'city', false);
      const decision = authorize(untrained, action, targetFor(kind, untrained, role), tree);
      expect([role, decision]).toEqual([
        role,
        row.trained
          ? {
              allowed: false,
              code: 'TRAINING_REQUIRED',
              message: '未完成新媒体业务培训，暂不能进行运营或审核操作（第三十五条）',
            }
          : { allowed: true, grant: untrained.roles[0] },
      ]);
    }
  });

  const PUBLIC: readonly string[] = ['org.bind', 'org.bindingNotice'];
  it.each([...ACTIONS])('%s: unbound and inactive callers', (action) => {
    const kind = RULES[action].target;
    const unbound = authorize(null, action, targetFor(kind, actor(null, 'city'), null), tree);
    expect(unbound.allowed).toBe(PUBLIC.includes(action));
    if (!unbound.allowed) expect(unbound.code).toBe('NOT_BOUND');
    const gone = { ...actor('unitAdmin', 'province'), active: false };
    const inactive = authorize(gone, action, targetFor(kind, gone, 'unitAdmin'), tree);
    expect(inactive.allowed).toBe(PUBLIC.includes(action));
    if (!inactive.allowed) expect(inactive.code).toBe('PERSON_INACTIVE');
  });
});

// ---- the object rules, one by one, on the demo organisation ----

function demoPerson(id: string): Person {
  const found = org.people.find((p) => p._id === id);
  if (!found) throw new Error(`no demo person ${id}`);
  return found;
}
function demoAccount(id: string): AccountRef {
  const found = org.accounts.find((a) => a._id === id);
  if (!found) throw new Error(`no demo account ${id}`);
  return found;
}
const step = (kind: ChainStep['kind'], holders: ChainStep['holders']): ChainStep => ({
  key: kind,
  kind,
  holders,
  unitId: holders[0].unitId,
  unitName: '',
  label: '',
  article: '第十六条',
});
const cityReview = step('reviewer', [{ role: 'reviewer', unitId: 'u-cs', personIds: ['p-cs-reviewer'] }]);
const cityLeader = step('leader', [
  { role: 'leader', unitId: 'u-cs', personIds: null },
  { role: 'leader', unitId: 'u-cs-xcc', personIds: null },
]);
const provinceDesk = step('propagandaDesk', [{ role: 'propagandaStaff', unitId: 'u-hn-xcc', personIds: null }]);
const cityDesk = step('propagandaDesk', [{ role: 'propagandaStaff', unitId: 'u-cs-xcc', personIds: null }]);

function cityPost(
  at: number | null,
  authorId = 'p-cs-operator-a',
  contributorIds = [authorId],
): Extract<Target, { kind: 'post' }> {
  return {
    kind: 'post',
    account: demoAccount('acc-cs-weibo'),
    post: { authorId, contributorIds, chain: [cityReview, cityLeader, cityDesk, provinceDesk], stepIndex: at },
  };
}
const denial = (d: ReturnType<typeof authorize>): string => (d.allowed ? 'ALLOWED' : d.code);

describe('object rules', () => {
  it('lets only the holder of the step the post waits at decide it (第十六条)', () => {
    const reviewer = demoPerson('p-cs-reviewer');
    const leader = demoPerson('p-cs-leader');
    const cityStaff = demoPerson('p-cs-propaganda');
    const provinceStaff = demoPerson('p-hn-propaganda');
    expect(denial(authorize(reviewer, 'post.approve', cityPost(0), tree))).toBe('ALLOWED');
    expect(denial(authorize(leader, 'post.approve', cityPost(0), tree))).toBe('NOT_CURRENT_APPROVER');
    expect(denial(authorize(leader, 'post.approve', cityPost(1), tree))).toBe('ALLOWED');
    expect(denial(authorize(reviewer, 'post.approve', cityPost(1), tree))).toBe('NOT_CURRENT_APPROVER');
    expect(denial(authorize(cityStaff, 'post.sendBack', cityPost(2), tree))).toBe('ALLOWED');
    expect(denial(authorize(provinceStaff, 'post.approve', cityPost(2), tree))).toBe('NOT_CURRENT_APPROVER');
    expect(denial(authorize(provinceStaff, 'post.approve', cityPost(3), tree))).toBe('ALLOWED');
    expect(denial(authorize(cityStaff, 'post.raiseLevel', cityPost(3), tree))).toBe('NOT_CURRENT_APPROVER');
    expect(denial(authorize(reviewer, 'post.approve', cityPost(null), tree))).toBe('NOT_CURRENT_APPROVER');
  });

  it('names a listed reviewer only: the role in the unit is not enough', () => {
    const other: Person = { ...demoPerson('p-cs-reviewer'), _id: 'p-cs-reviewer-2' };
    expect(denial(authorize(other, 'post.approve', cityPost(0), tree))).toBe('NOT_CURRENT_APPROVER');
  });

  it('never lets a writer of the post review it (第十五条)', () => {
    const reviewer = demoPerson('p-cs-reviewer');
    const leader = demoPerson('p-cs-leader');
    expect(authorize(reviewer, 'post.approve', cityPost(0, 'p-cs-reviewer'), tree)).toEqual({
      allowed: false,
      code: 'AUTHOR_CANNOT_REVIEW',
      message: '不能审核本人撰写、修改或提交的信息（第十五条）',
    });
    expect(
      denial(
        authorize(leader, 'post.approve', cityPost(1, 'p-cs-operator-a', ['p-cs-operator-a', 'p-cs-leader']), tree),
      ),
    ).toBe('AUTHOR_CANNOT_REVIEW');
  });

  it('lets only the operators of THIS account write and publish on it', () => {
    const cityOperator = demoPerson('p-cs-operator-b');
    const county = { kind: 'account', account: demoAccount('acc-ly-weibo') } as const;
    const city = { kind: 'account', account: demoAccount('acc-cs-weibo') } as const;
    expect(denial(authorize(cityOperator, 'post.draftSave', city, tree))).toBe('ALLOWED');
    // 浏阳 is in 长沙's reach, but B is not an operator of 浏阳公安.
    expect(denial(authorize(cityOperator, 'post.draftSave', county, tree))).toBe('NOT_ACCOUNT_OPERATOR');
    expect(denial(authorize(demoPerson('p-ly-operator'), 'post.draftSave', city, tree))).toBe('OUT_OF_SCOPE');
    expect(denial(authorize(demoPerson('p-ly-operator'), 'post.draftSave', county, tree))).toBe('ALLOWED');
  });

  it('keeps a personal account to its owner (第三十三条)', () => {
    const personal = { kind: 'account', account: demoAccount('acc-cs-personal') } as const;
    expect(denial(authorize(demoPerson('p-cs-personal'), 'post.draftSave', personal, tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-operator-a'), 'post.draftSave', personal, tree))).toBe(
      'NOT_ACCOUNT_OPERATOR',
    );
  });

  it('shows a post to its operators, the reviewers, leaders and desks above it, and its current approver', () => {
    const countyPost: Extract<Target, { kind: 'post' }> = {
      kind: 'post',
      account: demoAccount('acc-ly-weibo'),
      post: { authorId: 'p-ly-operator', contributorIds: ['p-ly-operator'], chain: [], stepIndex: null },
    };
    expect(denial(authorize(demoPerson('p-ly-operator'), 'post.get', countyPost, tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-reviewer'), 'post.get', countyPost, tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-propaganda'), 'post.get', countyPost, tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-operator-a'), 'post.get', countyPost, tree))).toBe('NOT_ACCOUNT_OPERATOR');
    // A county reviewer does not read the city's posts, unless one waits at their step.
    const countyReviewer = demoPerson('p-ly-reviewer');
    expect(denial(authorize(countyReviewer, 'post.get', cityPost(0), tree))).toBe('NOT_CURRENT_APPROVER');
    const waitingForCounty = cityPost(0);
    waitingForCounty.post.chain = [
      step('reviewer', [{ role: 'reviewer', unitId: 'u-ly', personIds: ['p-ly-reviewer'] }]),
    ];
    expect(denial(authorize(countyReviewer, 'post.get', waitingForCounty, tree))).toBe('ALLOWED');
  });

  it('lets only the author withdraw', () => {
    expect(denial(authorize(demoPerson('p-cs-operator-a'), 'post.withdraw', cityPost(0), tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-operator-b'), 'post.withdraw', cityPost(0), tree))).toBe('NOT_AUTHOR');
  });

  it('lets only the handler of THIS department work a referral', () => {
    const referral = (departmentId: string) =>
      ({ kind: 'referral', account: demoAccount('acc-ly-weibo'), departmentId }) as const;
    expect(denial(authorize(demoPerson('p-cs-handler-cyber'), 'referral.sign', referral('u-cs-wa'), tree))).toBe(
      'ALLOWED',
    );
    expect(denial(authorize(demoPerson('p-cs-handler-cyber'), 'referral.answer', referral('u-cs-xz'), tree))).toBe(
      'NOT_DEPARTMENT_HANDLER',
    );
    expect(denial(authorize(demoPerson('p-cs-handler-criminal'), 'referral.answer', referral('u-cs-xz'), tree))).toBe(
      'ALLOWED',
    );
    expect(denial(authorize(demoPerson('p-cs-leader'), 'referral.answer', referral('u-cs-xz'), tree))).toBe(
      'ROLE_REQUIRED',
    );
  });

  it("keeps one person's notifications from another", () => {
    const mine = { kind: 'own', ownerId: 'p-cs-leader' } as const;
    expect(denial(authorize(demoPerson('p-cs-leader'), 'notify.markRead', mine, tree))).toBe('ALLOWED');
    expect(denial(authorize(demoPerson('p-cs-reviewer'), 'notify.markRead', mine, tree))).toBe('NOT_OWNER');
  });
});

describe('scope', () => {
  const personIn = (unitId: string) => ({ kind: 'person', person: { _id: 'p-x', unitId } }) as const;

  it('own unit; a city sees its counties; the province sees all', () => {
    const cityAdmin = demoPerson('p-cs-admin');
    const countyAdmin: Person = { ...cityAdmin, _id: 'p-ly-admin', roles: [{ role: 'unitAdmin', unitId: 'u-ly' }] };
    const provinceAdmin = demoPerson('p-hn-admin');
    expect(denial(authorize(cityAdmin, 'org.createInvite', personIn('u-cs-wa'), tree))).toBe('ALLOWED');
    expect(denial(authorize(cityAdmin, 'org.createInvite', personIn('u-ly-za'), tree))).toBe('ALLOWED');
    expect(denial(authorize(cityAdmin, 'org.createInvite', personIn('u-zz'), tree))).toBe('OUT_OF_SCOPE');
    expect(denial(authorize(cityAdmin, 'org.createInvite', personIn('u-hn-wa'), tree))).toBe('OUT_OF_SCOPE');
    expect(denial(authorize(countyAdmin, 'org.createInvite', personIn('u-ly-za'), tree))).toBe('ALLOWED');
    expect(denial(authorize(countyAdmin, 'org.createInvite', personIn('u-cs'), tree))).toBe('OUT_OF_SCOPE');
    expect(denial(authorize(provinceAdmin, 'org.createInvite', personIn('u-zz-wa'), tree))).toBe('ALLOWED');
  });

  it('names training (第三十五条) for an untrained person in the role and scope, before the object’s rules (issue 11)', () => {
    const untrained = demoPerson('p-cs-untrained');
    const county = { kind: 'account', account: demoAccount('acc-ly-weibo') } as const;
    const zz = {
      kind: 'account',
      account: { ...demoAccount('acc-ly-weibo'), unitId: 'u-zz', operatorA: 'p-cs-untrained' },
    } as const;
    // Not this account's operator either, but what stops an untrained person is 第三十五条, not 第三十三条.
    expect(authorize(untrained, 'post.draftSave', county, tree)).toEqual({
      allowed: false,
      code: 'TRAINING_REQUIRED',
      message: '未完成新媒体业务培训，暂不能进行运营或审核操作（第三十五条）',
    });
    expect(denial(authorize(untrained, 'post.draftSave', zz, tree))).toBe('OUT_OF_SCOPE');
    expect(denial(authorize(untrained, 'org.listAccounts', { kind: 'unit', unitId: 'u-cs' }, tree))).toBe('ALLOWED');
  });
});

describe('decisions', () => {
  it('return the grant the action rests on, for the audit entry', () => {
    const both: Person = {
      ...demoPerson('p-cs-leader'),
      roles: [
        { role: 'leader', unitId: 'u-ly' },
        { role: 'leader', unitId: 'u-cs' },
      ],
    };
    expect(authorize(both, 'org.auditLog', { kind: 'unit', unitId: 'u-cs-wa' }, tree)).toEqual({
      allowed: true,
      grant: { role: 'leader', unitId: 'u-cs' },
    });
  });

  it('refuse a target of the wrong kind', () => {
    // As a caller that lost the static types (plain JS, a decoded request) would send it.
    const widen = (a: Action): Action => a;
    expect(denial(authorize(demoPerson('p-cs-reviewer'), widen('post.approve'), { kind: 'none' }, tree))).toBe(
      'BAD_TARGET',
    );
  });

  it('turn into a thrown DomainError on refusal', () => {
    expect(requireAllowed({ allowed: true, grant: null })).toBeNull();
    const refusal = (): unknown => requireAllowed(authorize(null, 'org.me', { kind: 'none' }, tree));
    expect(refusal).toThrow(DomainError);
    expect(refusal).toThrow('尚未绑定身份');
  });
});
