import type { Account, Action, Person, Role } from '../../typings/org';
import type { Post } from '../../typings/post';

/** The parts of an account that decide who may act on it. */
export type AccountRef = Pick<
  Account,
  '_id' | 'unitId' | 'kind' | 'ownerId' | 'operatorA' | 'operatorB' | 'reviewerIds'
> & {
  /** Who applied for it (accounts lifecycle: Account.lifecycle.applicantId); absent when not known. */
  applicantId?: string | null;
};

/** The parts of a post that decide who may act on it (第十五条, 第十六条). */
export type PostRef = Pick<Post, 'authorId' | 'contributorIds' | 'chain' | 'stepIndex'>;

/** The object an action is performed on. Which kind each action takes is fixed by its rule. */
export type Target =
  /** Nothing in particular: self-service, catalogue-wide or province-wide actions. */
  | { kind: 'none' }
  /** Something that belongs to one person (a notification). */
  | { kind: 'own'; ownerId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'person'; person: Pick<Person, '_id' | 'unitId'> }
  | { kind: 'account'; account: AccountRef }
  | { kind: 'post'; account: AccountRef; post: PostRef }
  /** A referral (or a message about to be referred) from an account to a department (第二十六条). */
  | { kind: 'referral'; account: AccountRef; departmentId: string };

export type TargetKind = Target['kind'];

/**
 * How far a role reaches: `subtree` — the target's unit lies under the unit the role is held in (a
 * propaganda desk reaches its whole bureau); `tree` — the role is held at the province, which sees
 * all; `any` — holding the role anywhere is enough (the target has no unit).
 */
export type Scope = 'subtree' | 'tree' | 'any';

/** The object's own rules, beyond role and scope. */
export type ObjectCheck =
  | 'accountOperator' // A角 or B角 of THIS account (its owner, for a personal one)
  | 'contributor' // 第十五条: wrote, edited, submitted or resubmitted THIS post
  | 'notContributor' // wrote no part of THIS post (第十五条: no one reviews their own)
  | 'currentApprover' // 第十六条: holds the step THIS post waits at (审核民警, 分管领导 or a desk up to 省厅宣传处)
  | 'departmentHandler' // role held in THIS referral's department
  | 'owner' // the object belongs to the actor
  // --- accounts lifecycle
  | 'accountOwner' // owns THIS personal account (第三十九条)
  | 'accountSetup' // applied for THIS account or runs it as A角/B角 (第十二条 setup tasks)
  // security (issue 15)
  | 'accountStaff' // on THIS account: its A角, B角, owner or one of its reviewers
  | 'self'; // THIS person is the actor

export interface Permit {
  /** `signedIn`: any bound, active person, whatever their roles. */
  role: Role | 'signedIn';
  scope: Scope;
  checks?: readonly ObjectCheck[];
}

export interface Rule {
  target: TargetKind;
  /** Open to anyone, even a caller no person is bound to yet (only binding itself). */
  public?: true;
  /** Allowed when any permit is met by any of the actor's grants. */
  permits: readonly Permit[];
  /** 第三十五条: operator and reviewer work needs a completed training. */
  training: boolean;
}

const signedIn: Permit = { role: 'signedIn', scope: 'any' };
const inUnit = (...roles: Role[]): Permit[] => roles.map((role) => ({ role, scope: 'subtree' }));
const operatorOfAccount: Permit = { role: 'operator', scope: 'subtree', checks: ['accountOperator'] };
/** 第七条: 省厅政治部宣传处 (the propaganda desk's staff at the province) guides the whole province. */
const provinceDesk: Permit = { role: 'propagandaStaff', scope: 'tree' };
/** Anyone working on THIS account: its A角, B角 or owner, or one of its reviewers (security, issue 15). */
const onAccount: Permit[] = (['operator', 'reviewer'] as const).map((role) => ({
  role,
  scope: 'subtree',
  checks: ['accountStaff'],
}));
const handlerOfDepartment: Permit = { role: 'departmentHandler', scope: 'any', checks: ['departmentHandler'] };
/** 第十六条: whoever holds the post's current approval step decides it — never one of its writers. */
const reviewStages: Permit[] = (['reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({
  role,
  scope: 'any',
  checks: ['currentApprover', 'notContributor'],
}));

/** 第十二条: the applicant (who holds a unit role) or an A/B operator of THIS account does its setup tasks. */
const setupPeople: Permit[] = (['operator', 'unitAdmin', 'leader', 'propagandaStaff'] as const).map((role) => ({
  role,
  scope: 'any',
  checks: ['accountSetup'],
}));

/** Who may do what: one rule per action. Read by `authorize`, walked by the tests. */
export const RULES = {
  'org.me': { target: 'none', permits: [signedIn], training: false },
  'org.bind': { target: 'none', public: true, permits: [], training: false },
  // 第三十三条: a WeChat bound to nobody learns whether its binding moved to another (about itself only).
  'org.bindingNotice': { target: 'none', public: true, permits: [], training: false },
  'org.createInvite': { target: 'person', permits: inUnit('unitAdmin'), training: false },
  'org.listPeople': { target: 'unit', permits: inUnit('unitAdmin', 'leader', 'propagandaStaff'), training: false },
  'org.upsertPerson': { target: 'unit', permits: inUnit('unitAdmin'), training: false },
  'org.setRoles': { target: 'person', permits: inUnit('unitAdmin'), training: false },
  // 第三十五条: training is organised by the admin or the propaganda desk.
  'org.addTraining': { target: 'person', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'org.listAccounts': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'),
    training: false,
  },
  // 第十条: opening an account is approved by the propaganda desk.
  'org.upsertAccount': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'org.setOperators': { target: 'account', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'org.setResponsibility': { target: 'unit', permits: inUnit('unitAdmin'), training: false },
  'org.auditLog': { target: 'unit', permits: inUnit('unitAdmin', 'leader', 'propagandaStaff'), training: false },
  'org.auditVerify': {
    target: 'none',
    permits: [
      { role: 'unitAdmin', scope: 'tree' },
      { role: 'propagandaStaff', scope: 'tree' },
    ],
    training: false,
  },

  'notify.inbox': { target: 'none', permits: [signedIn], training: false },
  'notify.markRead': {
    target: 'own',
    permits: [{ role: 'signedIn', scope: 'any', checks: ['owner'] }],
    training: false,
  },
  'notify.reportConsent': { target: 'none', permits: [signedIn], training: false },

  // 第三十五条: screening shows which words the lexicon holds, so only the trained may probe it.
  'screen.check': {
    target: 'none',
    permits: (['operator', 'reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({ role, scope: 'any' })),
    training: true,
  },
  'screen.lexiconList': {
    target: 'none',
    permits: (['reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({ role, scope: 'any' })),
    training: false,
  },
  // 第七条: 省厅政治部宣传处 guides the whole province, so the shared lexicon is theirs to keep.
  'screen.lexiconEdit': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'screen.lexiconImport': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  // screening: combination rules and standard wording (issue 17) — read like the lexicon, kept by
  // 省厅政治部宣传处 (第七条). Operators see the standard wording they are asked to follow.
  'screen.ruleList': {
    target: 'none',
    permits: (['reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({ role, scope: 'any' })),
    training: false,
  },
  'screen.ruleTest': {
    target: 'none',
    permits: (['reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({ role, scope: 'any' })),
    training: false,
  },
  'screen.ruleSave': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'screen.ruleRemove': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'screen.ruleImport': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'screen.wordingList': {
    target: 'none',
    permits: (['operator', 'reviewer', 'leader', 'propagandaStaff'] as const).map((role) => ({ role, scope: 'any' })),
    training: false,
  },
  'screen.wordingEdit': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },

  'post.draftSave': { target: 'account', permits: [operatorOfAccount], training: true },
  'post.submit': { target: 'post', permits: [operatorOfAccount], training: true },
  'post.approve': { target: 'post', permits: reviewStages, training: true },
  'post.sendBack': { target: 'post', permits: reviewStages, training: true },
  'post.withdraw': {
    target: 'post',
    permits: [{ role: 'operator', scope: 'subtree', checks: ['accountOperator', 'contributor'] }],
    training: true,
  },
  'post.raiseLevel': { target: 'post', permits: reviewStages, training: true },
  // 第十六条: who may lower a raised level (at or above the raising step) is core/post's rule.
  'post.lowerLevel': { target: 'post', permits: reviewStages, training: true },
  // 第三十三条: only the A/B operator of THIS account presses publish.
  'post.publish': { target: 'post', permits: [operatorOfAccount], training: true },
  'post.list': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff'),
    training: false,
  },
  // The approvals page's boxes are the caller's own: what waits for them, what they decided, what they
  // submitted, what was copied to them (issue 16) — open to every bound person.
  'post.approvals': { target: 'none', permits: [signedIn], training: false },
  // 第十九条 cadence is watched by the unit and by the desks above it.
  'post.cadence': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'),
    training: false,
  },
  // Reading one post: its account's operators, the reviewers, leaders and desks of its unit and above,
  // and whoever holds the step it waits at (a notification's deep link opens it).
  'post.get': {
    target: 'post',
    permits: [
      operatorOfAccount,
      ...inUnit('reviewer', 'leader', 'propagandaStaff'),
      ...(['reviewer', 'leader', 'propagandaStaff'] as const).map(
        (role): Permit => ({ role, scope: 'any', checks: ['currentApprover'] }),
      ),
    ],
    training: false,
  },
  // Moving the planned time of an approved post changes no content, so it needs no new approval.
  'post.setPlannedTime': { target: 'post', permits: [operatorOfAccount], training: true },
  // The chain shown in the editor before a post exists (第十六条).
  'post.previewChain': { target: 'account', permits: [operatorOfAccount], training: false },
  // --- approvals page (issue 16) ---
  // 催办: whoever submitted the post (its contributors; the once-an-hour rule is the post core's).
  'post.nudge': {
    target: 'post',
    permits: [{ role: 'operator', scope: 'subtree', checks: ['accountOperator', 'contributor'] }],
    training: false,
  },
  // 意见: whoever is involved with THIS post (author, approver, copied); the shell checks the involvement.
  'post.comment': { target: 'none', permits: [signedIn], training: false },
  // A bureau's 抄送 rules (第二十九条): read by its admin, desk and leaders, kept by its admin.
  'post.copyRules': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'post.setCopyRules': { target: 'unit', permits: inUnit('unitAdmin'), training: false },

  'referral.messageRecord': { target: 'account', permits: [operatorOfAccount], training: true },
  'referral.messageTriage': { target: 'account', permits: [operatorOfAccount], training: true },
  'referral.messageClose': { target: 'account', permits: [operatorOfAccount], training: true },
  // 第二十二条至第二十八条: a message is handled by the operators of the account it came in on (the
  // desk supervises through the log); 第二十六条: they pass what they cannot answer to the department.
  'referral.refer': { target: 'referral', permits: [operatorOfAccount], training: true },
  // 第二十七条: the department concerned signs, answers or asks for more time.
  'referral.sign': { target: 'referral', permits: [handlerOfDepartment], training: false },
  'referral.return': { target: 'referral', permits: [handlerOfDepartment], training: false },
  'referral.requestExtension': { target: 'referral', permits: [handlerOfDepartment], training: false },
  // Issue 8 / 第二十七条: an extension is approved by the propaganda desk, not by the department's leader.
  'referral.decideExtension': { target: 'referral', permits: inUnit('propagandaStaff'), training: false },
  'referral.answer': { target: 'referral', permits: [handlerOfDepartment], training: false },
  'referral.list': {
    target: 'unit',
    permits: inUnit('departmentHandler', 'operator', 'propagandaStaff', 'leader'),
    training: false,
  },
  // Whoever works the referral reads it: the account's operators, the desk and leaders above, the department.
  'referral.get': {
    target: 'referral',
    permits: [operatorOfAccount, ...inUnit('propagandaStaff', 'leader'), handlerOfDepartment],
    training: false,
  },
  'referral.message': {
    target: 'account',
    permits: [operatorOfAccount, ...inUnit('propagandaStaff', 'leader')],
    training: false,
  },
  'referral.messages': { target: 'unit', permits: inUnit('operator', 'propagandaStaff', 'leader'), training: false },
  // 第二十二条至第二十八条: the handling steps of a message are the operators' work, like triage.
  'referral.reply': { target: 'account', permits: [operatorOfAccount], training: true },
  'referral.notice': { target: 'account', permits: [operatorOfAccount], training: true },
  'referral.cleanUp': { target: 'account', permits: [operatorOfAccount], training: true },
  'referral.defer': { target: 'account', permits: [operatorOfAccount], training: true },
  // 第七条: the province's 政治部宣传处 guides the whole province; the working-day calendar is one for all.
  'referral.calendarOverrides': {
    target: 'none',
    permits: [{ role: 'propagandaStaff', scope: 'tree' }],
    training: false,
  },
  'referral.setCalendarOverrides': {
    target: 'none',
    permits: [{ role: 'propagandaStaff', scope: 'tree' }],
    training: false,
  },
  // --- evaluation (issue 14) ---
  // 第三十六条: 省厅制定评估办法，每月评估通报 — the province's 政治部宣传处 runs it (第七条).
  'evaluation.scheme': { target: 'none', permits: [signedIn], training: false },
  'evaluation.schemeSave': { target: 'none', permits: [provinceDesk], training: false },
  'evaluation.run': { target: 'none', permits: [provinceDesk], training: false },
  // The month's standings: the draft is the desk's alone (checked by the handler), the released month everyone's.
  'evaluation.month': { target: 'none', permits: [signedIn], training: false },
  'evaluation.ranking': { target: 'none', permits: [signedIn], training: false },
  // Each account and unit sees its own month; the desks and leaders above them see theirs too.
  'evaluation.result': {
    target: 'account',
    permits: [operatorOfAccount, ...inUnit('reviewer', 'leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  'evaluation.unitResult': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'),
    training: false,
  },
  'evaluation.release': { target: 'none', permits: [provinceDesk], training: false },
  // 第三十七条: deductions by hand are the desk's, with article and evidence.
  'evaluation.adjust': { target: 'none', permits: [provinceDesk], training: false },
  // A unit objects to a deduction of its own account: its leaders, desk and admin, or the account's operators.
  'evaluation.object': {
    target: 'account',
    permits: [operatorOfAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  'evaluation.objections': { target: 'none', permits: [provinceDesk], training: false },
  'evaluation.decide': { target: 'none', permits: [provinceDesk], training: false },
  'evaluation.publish': { target: 'none', permits: [provinceDesk], training: false },
  // The circular goes to every unit (主送各市州公安局): whoever leads or runs new-media work there.
  'evaluation.circular': {
    target: 'none',
    permits: (['leader', 'propagandaStaff', 'unitAdmin', 'operator', 'reviewer'] as const).map((role) => ({
      role,
      scope: 'any',
    })),
    training: false,
  },
  'evaluation.declareEvent': { target: 'none', permits: [provinceDesk], training: false },
  'evaluation.year': { target: 'none', permits: [signedIn], training: false },
  // 第三十八条: 年度工作评估优秀的，省厅予以通报表扬.
  'evaluation.markExcellent': { target: 'none', permits: [provinceDesk], training: false },

  // --- security (issue 15) ---
  // 第三十三条: the rotation facts of an account are read by everyone on it and the desks above.
  'security.status': {
    target: 'account',
    permits: [...onAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  // 第三十三条: the A/B operators change the password and the settings, and attest it. Security is never
  // held back by training (第三十五条 governs publishing work, not guarding the account).
  'security.attest': { target: 'account', permits: [operatorOfAccount], training: false },
  'security.declareSettings': { target: 'account', permits: [operatorOfAccount], training: false },
  'security.setRotationDays': { target: 'account', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'security.history': {
    target: 'account',
    permits: [...onAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  'security.rotations': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'),
    training: false,
  },
  // 第三十三条 "应立即报告": anyone on the account reports, whatever their role or training.
  'security.incidentReport': {
    target: 'account',
    permits: [...onAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  'security.incidentStep': {
    target: 'account',
    permits: [...onAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  // 第七条、第三十三条: the propaganda desk over the account lifts the suspension and closes the incident.
  'security.incidentLift': { target: 'account', permits: inUnit('propagandaStaff'), training: false },
  'security.incidentClose': { target: 'account', permits: inUnit('propagandaStaff'), training: false },
  'security.incident': {
    target: 'account',
    permits: [...onAccount, ...inUnit('leader', 'propagandaStaff', 'unitAdmin')],
    training: false,
  },
  'security.incidents': {
    target: 'unit',
    permits: inUnit('operator', 'reviewer', 'leader', 'propagandaStaff', 'unitAdmin'),
    training: false,
  },
  'security.policy': { target: 'none', permits: [signedIn], training: false },
  // 第七条: 省厅政治部宣传处 sets the province's requirements.
  'security.setPolicy': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },

  // 第三十五条: training is organised by the unit admin or the propaganda desk.
  'training.sessionCreate': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'training.sessions': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'training.session': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  // Each attendee must lie within the organiser's reach.
  'training.recordAttendance': { target: 'person', permits: inUnit('unitAdmin', 'propagandaStaff'), training: false },
  'training.history': {
    target: 'person',
    permits: [
      { role: 'signedIn', scope: 'any', checks: ['self'] },
      ...inUnit('unitAdmin', 'propagandaStaff', 'leader'),
    ],
    training: false,
  },
  'training.shortfall': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },

  // 第三十二条: a unit's archives are read by its admin, leaders and desk, and by every desk above.
  'archive.list': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'archive.get': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'archive.links': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'archive.verify': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  'archive.exportStart': { target: 'unit', permits: inUnit('unitAdmin', 'propagandaStaff', 'leader'), training: false },
  // --- linkage directives (第三十四条) ---
  // 第三十四条: 省厅政治部宣传处 issues for the province; a city desk for its own matrix only where the
  // province allows it (core/linkage decides that from the settings). The unit is the bureau called.
  'linkage.issue': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  'linkage.preview': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  'linkage.targetOptions': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  'linkage.withdraw': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  // The desks watch the directives reaching their bureau; 第二十九条 the responsible leaders are told of
  // late accounts and open the board of their own bureau.
  'linkage.list': { target: 'unit', permits: inUnit('propagandaStaff', 'leader'), training: false },
  'linkage.board': { target: 'unit', permits: inUnit('propagandaStaff', 'leader'), training: false },
  // Anyone signed in may ask; the directive is shown only to whoever `linkage.board` or
  // `linkage.respond` allows for one of its bureaus or accounts.
  'linkage.get': { target: 'none', permits: [signedIn], training: false },
  'linkage.mine': { target: 'none', permits: [{ role: 'operator', scope: 'any' }], training: false },
  // 第三十四条 / 第三十三条: the A/B operator of THIS account responds for it (第三十五条: trained).
  'linkage.respond': { target: 'account', permits: [operatorOfAccount], training: true },
  // 第三十六条: the records the monthly evaluation reads; all accounts' are the province desk's.
  'linkage.records': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  'linkage.settings': {
    target: 'none',
    permits: [{ role: 'propagandaStaff', scope: 'any' }],
    training: false,
  },
  'linkage.setSettings': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  // --- accounts lifecycle (第九条—第十四条, 第三十九条—第四十二条). Decisions and filings are the named
  // desk's alone: the rule admits propaganda staff anywhere and core/account checks the exact desk.
  'account.catalogue': { target: 'none', permits: [signedIn], training: false },
  'account.setRules': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  // 第十条: the unit applies — its admin, its leader or the desk acting for it.
  'account.apply': { target: 'unit', permits: inUnit('unitAdmin', 'leader', 'propagandaStaff'), training: false },
  // The opening form's unit picker: anyone may ask; the answer holds only the units account.apply allows them.
  'account.applicantUnits': { target: 'none', permits: [signedIn], training: false },
  'account.amend': { target: 'none', permits: [signedIn], training: false },
  'account.withdraw': { target: 'none', permits: [signedIn], training: false },
  'account.applyClose': {
    target: 'account',
    permits: [
      ...inUnit('unitAdmin', 'leader', 'propagandaStaff'),
      { role: 'signedIn', scope: 'any', checks: ['accountOwner'] },
    ],
    training: false,
  },
  // 第三十九条: every officer and 辅警 registers their own personal accounts.
  'account.register': { target: 'none', permits: [signedIn], training: false },
  'account.decide': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'any' }], training: false },
  'account.applications': { target: 'none', permits: [signedIn], training: false },
  'account.application': {
    target: 'unit',
    permits: inUnit('unitAdmin', 'leader', 'propagandaStaff'),
    training: false,
  },
  'account.setups': { target: 'none', permits: [signedIn], training: false },
  'account.setup': {
    target: 'account',
    permits: [...setupPeople, ...inUnit('unitAdmin', 'leader', 'propagandaStaff')],
    training: false,
  },
  'account.completeTask': { target: 'account', permits: setupPeople, training: false },
  // 第十三条: the open items of an account being closed go to another account of its unit.
  'account.handover': {
    target: 'account',
    permits: [operatorOfAccount, ...inUnit('unitAdmin', 'propagandaStaff')],
    training: false,
  },
  'account.filings': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'any' }], training: false },
  'account.filing': { target: 'unit', permits: inUnit('propagandaStaff', 'leader'), training: false },
  'account.submitFiling': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'any' }], training: false },
  'account.acknowledgeFiling': {
    target: 'none',
    permits: [{ role: 'propagandaStaff', scope: 'any' }],
    training: false,
  },
  'account.queryFiling': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'any' }], training: false },
  // 第九条, 第三十四条: each desk sees the matrix below it.
  'account.matrix': { target: 'unit', permits: inUnit('propagandaStaff', 'leader', 'unitAdmin'), training: false },
  'account.remindGaps': { target: 'unit', permits: inUnit('propagandaStaff'), training: false },
  // 第三十九条, 第四十二条: the unit keeps its officers' personal accounts and marks them.
  'account.registry': { target: 'unit', permits: inUnit('propagandaStaff', 'leader', 'unitAdmin'), training: false },
  'account.personal': { target: 'none', permits: [signedIn], training: false },
  'account.mark': { target: 'account', permits: inUnit('propagandaStaff', 'leader'), training: false },
  'account.marks': {
    target: 'account',
    permits: [
      ...inUnit('propagandaStaff', 'leader', 'unitAdmin'),
      { role: 'signedIn', scope: 'any', checks: ['accountOwner'] },
    ],
    training: false,
  },
  'account.adoptExisting': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  // The spreadsheets (cloudfunctions/export): the matrix workbook is the desk's and its leaders'.
  'export.matrix': { target: 'unit', permits: inUnit('propagandaStaff', 'leader'), training: false },
  // --- reader (大模型审读, issue 19) ---
  // Whether the reader is on: the editor shows its button only then.
  'reader.status': { target: 'none', permits: [signedIn], training: false },
  // The editor's on-demand reading is the operator's, like saving the draft; its tokens are the unit's.
  'reader.check': { target: 'account', permits: [operatorOfAccount], training: true },
  // The model's marks are shown to whoever reads the post (its operators and its approvers).
  'reader.forPost': {
    target: 'post',
    permits: [
      operatorOfAccount,
      ...inUnit('reviewer', 'leader', 'propagandaStaff'),
      ...(['reviewer', 'leader', 'propagandaStaff'] as const).map(
        (role): Permit => ({ role, scope: 'any', checks: ['currentApprover'] }),
      ),
    ],
    training: false,
  },
  // 第十五条: approvers judge the model's findings; none of the post's writers judges them.
  'reader.judge': {
    target: 'post',
    permits: [
      ...(['reviewer', 'leader', 'propagandaStaff'] as const).map(
        (role): Permit => ({ role, scope: 'subtree', checks: ['notContributor'] }),
      ),
      ...reviewStages,
    ],
    training: true,
  },
  // 第七条: the province's 政治部宣传处 runs the reader for the whole province.
  'reader.settings': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.settingsSave': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.probe': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.prompt': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.promptSave': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.promptVersions': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.promptPreview': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.calls': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.usage': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
  'reader.stats': { target: 'none', permits: [{ role: 'propagandaStaff', scope: 'tree' }], training: false },
} as const satisfies { readonly [A in Action]: Rule };

/** The target an action takes, from its rule: `authorize('post.approve', …)` needs a post. */
export type TargetFor<A extends Action> = Extract<Target, { kind: (typeof RULES)[A]['target'] }>;
