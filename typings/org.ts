/**
 * Units, people, roles and accounts (第二条, 第七条, 第九条, 第十一条, 第十六条, 第二十九条, 第三十三条,
 * 第三十五条, 第三十九条). Type-only.
 */
import type { ActionSpec, NoParams } from './api';
import type { IsoTime } from './common';
import type { AccountAction, AccountLifecycle, AccountMarkSummary, ExportAction } from './account';

/** 省厅 → 市州公安局 → 县市区公安（分）局; internal units (内设机构/警种) hang under a bureau. */
export type UnitLevel = 'province' | 'city' | 'county';

export type UnitKind =
  | 'bureau' // 公安机关 (the province's 省厅 or a city/county bureau)
  | 'propagandaDesk' // 政工宣传部门; at province level this is 省厅政治部宣传处
  | 'department'; // 内设机构 / 警种 (刑侦, 交警, 网安, 治安, 督察, 纪检 …)

/** What a department does, where a rule needs to find one (第二十四条 网安, 第二十五条 纪检/督察, 第二十八条 舆情). */
export type DepartmentFunction =
  | 'criminal' // 刑侦
  | 'traffic' // 交警
  | 'cyberSecurity' // 网安
  | 'publicOrder' // 治安
  | 'inspection' // 督察
  | 'discipline' // 纪检
  | 'publicOpinion' // 舆情处置
  | 'commandCenter' // 指挥中心 / 110
  | 'other';

export interface Responsibility {
  /** 第二十九条: 责任领导, 责任部门, 责任人员 (person ids / unit id). */
  leaderId: string | null;
  departmentId: string | null;
  personId: string | null;
}

export interface Unit {
  _id: string;
  name: string;
  kind: UnitKind;
  /** The level of the bureau this unit belongs to (a department has its bureau's level). */
  level: UnitLevel;
  /** Parent unit: a bureau's superior bureau, or a department's / desk's own bureau. null for the province. */
  parentId: string | null;
  /** Ids from the province down to this unit, itself included: scope checks are prefix checks. */
  path: string[];
  departmentFunction?: DepartmentFunction;
  /** 第九条: 国保、行动技术、情报 — may hold no account. */
  specialWork: boolean;
  responsibility: Responsibility;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

export type Role =
  | 'operator' // 运营民警 (an account's A or B role)
  | 'reviewer' // 审核民警
  | 'leader' // 分管领导
  | 'propagandaStaff' // 宣传干事 (of that level's propaganda desk)
  | 'departmentHandler' // 警种联络人
  | 'unitAdmin'; // 单位管理员

export interface RoleGrant {
  role: Role;
  /** The unit in which the role is held. */
  unitId: string;
}

export interface TrainingRecord {
  /** 第三十五条 */
  course: string;
  /** YYYY-MM-DD */
  date: string;
  issuer: string;
  completed: boolean;
  /** Hours towards the yearly requirement (recorded through a training session; absent on older records). */
  hours?: number;
  /** The training session it was recorded from (typings/training.ts). */
  sessionId?: string;
}

export interface Person {
  _id: string;
  name: string;
  /** 警号, unique. */
  badgeNo: string;
  unitId: string;
  phone: string;
  /** 辅警 */
  auxiliary: boolean;
  /** 涉密岗位 (第三十九条) */
  classifiedPost: boolean;
  active: boolean;
  roles: RoleGrant[];
  trainings: TrainingRecord[];
  /** WeChat OPENID bound through an invite code; null until bound. */
  openid: string | null;
  /**
   * 第三十三条: the last sign-in code made for the person; only it can bind them (every older unused
   * code is cancelled by it). Absent until a code is made under this rule.
   */
  latestInviteId?: string;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

export type Platform = 'weibo' | 'wechatSubscription' | 'wechatService' | 'douyin' | 'kuaishou' | 'toutiao' | 'other';

/** institutional = 机构公安新媒体, personal = 个人公安新媒体 (第二条). */
export type AccountKind = 'institutional' | 'personal';

/**
 * approved = 经审批同意, naming and real-name tasks still open (第十二条); active = 正常运营; suspended =
 * paused by its unit; closed / cancelled = 关闭 / 注销 with the original approver's consent (第十三条).
 * Only `active` publishes.
 */
export type AccountState = 'approved' | 'active' | 'suspended' | 'closed' | 'cancelled';

export interface Account {
  _id: string;
  platform: Platform;
  name: string;
  /** The platform's own id of the account. Never a password: the product stores none (第三十三条). */
  platformId: string;
  unitId: string;
  kind: AccountKind;
  /** For a personal account: the one person it belongs to. */
  ownerId: string | null;
  realNameVerified: boolean;
  /** A角 and B角 operators (person ids). */
  operatorA: string | null;
  operatorB: string | null;
  /** 第十六条: at least one. */
  reviewerIds: string[];
  state: AccountState;
  /**
   * 第三十九条: the unit's approval for a classified-post person to hold the account ("如因工作需要开设应经
   * 本单位批准"). 第九条 grants no exception for special-work units: this field never admits those.
   */
  exceptionApproval: string | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
  // --- account lifecycle (第十条—第十四条; typings/account.ts). Optional: documents written before the
  // lifecycle existed lack them until brought in as pre-system accounts (account.adoptExisting).
  lifecycle?: AccountLifecycle;
  /** The account's unit path, for scope queries. */
  unitPath?: string[];
  /** `unitId|platform|kind|state` with `*` wildcards, for every unit of the path: one index serves every matrix filter. */
  facets?: string[];
  /** The name as compared for duplicates (第十条: one account per unit, platform and name). */
  nameKey?: string;
  /** 第四十二条: the unit's latest mark on a personal account; the history is in accountMarks. */
  mark?: AccountMarkSummary | null;
}

/** One-time sign-in code for one person; bound to the caller's OPENID when redeemed. */
export interface Invite {
  _id: string;
  /** 8 characters from an unambiguous alphabet; unique. */
  code: string;
  personId: string;
  /** The person's unit when the code was made, for scope-filtered listings. */
  unitId: string;
  /** Person id of the unit admin who made it. */
  createdBy: string;
  createdAt: IsoTime;
  expiresAt: IsoTime;
  /** Set once, when redeemed: a code works one time only. */
  usedAt: IsoTime | null;
  /**
   * 第三十三条: set when a newer code is made for the same person, so an older code handed out
   * earlier cannot take the person over from another phone. Absent on codes made before this rule.
   */
  cancelledAt?: IsoTime | null;
  rev: number;
}

/**
 * 第三十三条: a WeChat that lost its binding to a newer one (the person bound another phone), so
 * that phone can be told plainly what happened. `_id` is derived from the old OPENID.
 */
export interface BindingRevocation {
  _id: string;
  openid: string;
  personId: string;
  at: IsoTime;
}

/** What a phone whose binding moved to another WeChat is told (org.bindingNotice). */
export interface BindingNotice {
  /** When the person bound another WeChat; null when this WeChat never lost a binding. */
  movedAt: IsoTime | null;
  message: string | null;
}

// ---- The action catalogue: every action of every cloud function (authorization is decided per action) ----

export type OrgAction =
  | 'org.bindingNotice'
  | 'org.me'
  | 'org.bind'
  | 'org.createInvite'
  | 'org.listPeople'
  | 'org.upsertPerson'
  | 'org.setRoles'
  | 'org.addTraining'
  | 'org.listAccounts'
  | 'org.upsertAccount'
  | 'org.setOperators'
  | 'org.setResponsibility'
  | 'org.auditLog'
  | 'org.auditVerify';

export type NotifyAction = 'notify.inbox' | 'notify.markRead' | 'notify.reportConsent';

export type ScreenAction =
  | 'screen.check'
  | 'screen.lexiconList'
  | 'screen.lexiconEdit'
  | 'screen.lexiconImport'
  // screening: combination rules and standard wording (issue 17)
  | 'screen.ruleList'
  | 'screen.ruleTest'
  | 'screen.ruleSave'
  | 'screen.ruleRemove'
  | 'screen.ruleImport'
  | 'screen.wordingList'
  | 'screen.wordingEdit';

export type PostAction =
  | 'post.draftSave'
  | 'post.submit'
  | 'post.approve'
  | 'post.sendBack'
  | 'post.withdraw'
  | 'post.raiseLevel'
  | 'post.lowerLevel'
  | 'post.publish'
  | 'post.list'
  | 'post.approvals'
  | 'post.cadence'
  | 'post.get'
  | 'post.setPlannedTime'
  | 'post.previewChain'
  // approvals page (issue 16)
  | 'post.nudge'
  | 'post.comment'
  | 'post.copyRules'
  | 'post.setCopyRules';

export type ReferralAction =
  | 'referral.messageRecord'
  | 'referral.messageTriage'
  | 'referral.messageClose'
  | 'referral.refer'
  | 'referral.sign'
  | 'referral.return'
  | 'referral.requestExtension'
  | 'referral.decideExtension'
  | 'referral.answer'
  | 'referral.list'
  | 'referral.get'
  | 'referral.message'
  | 'referral.messages'
  | 'referral.reply'
  | 'referral.notice'
  | 'referral.cleanUp'
  | 'referral.defer'
  | 'referral.calendarOverrides'
  | 'referral.setCalendarOverrides';

/** The monthly evaluation and circular (issue 14, 第三十六条—第三十八条). */
export type EvaluationAction =
  | 'evaluation.scheme'
  | 'evaluation.schemeSave'
  | 'evaluation.run'
  | 'evaluation.month'
  | 'evaluation.ranking'
  | 'evaluation.result'
  | 'evaluation.unitResult'
  | 'evaluation.release'
  | 'evaluation.adjust'
  | 'evaluation.object'
  | 'evaluation.objections'
  | 'evaluation.decide'
  | 'evaluation.publish'
  | 'evaluation.circular'
  | 'evaluation.declareEvent'
  | 'evaluation.year'
  | 'evaluation.markExcellent';

// linkage directives (第三十四条)
export type LinkageAction =
  | 'linkage.issue'
  | 'linkage.preview'
  | 'linkage.targetOptions'
  | 'linkage.withdraw'
  | 'linkage.list'
  | 'linkage.board'
  | 'linkage.get'
  | 'linkage.mine'
  | 'linkage.respond'
  | 'linkage.records'
  | 'linkage.settings'
  | 'linkage.setSettings';

// The reader (大模型审读, typings/reader.ts).
export type ReaderAction =
  | 'reader.status'
  | 'reader.check'
  | 'reader.forPost'
  | 'reader.judge'
  | 'reader.settings'
  | 'reader.settingsSave'
  | 'reader.probe'
  | 'reader.prompt'
  | 'reader.promptSave'
  | 'reader.promptVersions'
  | 'reader.promptPreview'
  | 'reader.calls'
  | 'reader.usage'
  | 'reader.stats';

// security (issue 15)
export type SecurityAction =
  | 'security.status'
  | 'security.attest'
  | 'security.declareSettings'
  | 'security.setRotationDays'
  | 'security.history'
  | 'security.rotations'
  | 'security.incidentReport'
  | 'security.incidentStep'
  | 'security.incidentLift'
  | 'security.incidentClose'
  | 'security.incident'
  | 'security.incidents'
  | 'security.policy'
  | 'security.setPolicy';

export type TrainingAction =
  | 'training.sessionCreate'
  | 'training.sessions'
  | 'training.session'
  | 'training.recordAttendance'
  | 'training.history'
  | 'training.shortfall';

export type ArchiveAction = 'archive.list' | 'archive.get' | 'archive.links' | 'archive.verify' | 'archive.exportStart';

export type Action =
  | OrgAction
  | NotifyAction
  | ScreenAction
  | PostAction
  | ReferralAction
  | LinkageAction
  | EvaluationAction
  | AccountAction
  | ExportAction
  | ReaderAction
  | SecurityAction
  | TrainingAction
  | ArchiveAction;

// ---- Audit log: append-only, hash-chained ----

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface FieldChange {
  field: string;
  from: JsonValue;
  to: JsonValue;
}

export interface AuditActor {
  personId: string;
  /** The role the action was allowed under; null for actions open to every signed-in person. */
  role: Role | null;
  unitId: string;
}

export interface AuditObject {
  /** Collection name of the changed object (see core/schema.ts). */
  collection: string;
  id: string;
}

export interface AuditEntry {
  /** 1, 2, 3 … without gaps: a missing number is a removed entry. */
  seq: number;
  /** The previous entry's hash; 64 zeros for seq 1. */
  prevHash: string;
  /** sha256 (hex) of the canonical JSON of every other field of the entry (prevHash included). */
  hash: string;
  actor: AuditActor;
  action: Action;
  object: AuditObject;
  /** What changed, in Chinese, for the reader of the log. */
  summary: string;
  changes: FieldChange[];
  at: IsoTime;
  requestId: string;
  /** Path of the unit the object belongs to: listings filter by scope with it. */
  unitPath: string[];
}

// ---- The org function's contract ----

export interface RoleView {
  role: Role;
  unitId: string;
  unitName: string;
  /** The unit whose subtree the role reaches: the bureau for a role held in its propaganda desk (第七条). */
  scopeUnitId: string;
  scopeUnitName: string;
  /** The level of that unit: some work is the province's alone (第七条). */
  scopeLevel: UnitLevel;
}

export interface MePerson {
  id: string;
  name: string;
  badgeNo: string;
  unitId: string;
  unitName: string;
  roles: RoleView[];
  /** 第三十五条: new staff may take up the post only after training. */
  trained: boolean;
}

/** What waits for the caller, for the workbench badges. */
/**
 * Whether something waits for the person, per kind: the workbench shows a dot, not a number (issue 18:
 * each is one indexed read of at most one id, so the home page costs the same whatever the backlog; how
 * many is the list page's to show, a page at a time).
 */
export interface PendingWork {
  approvals: boolean;
  referrals: boolean;
  drafts: boolean;
  unreadNotifications: boolean;
  // --- accounts (第十条—第十四条)
  /** Applications waiting for the caller's desk (第十条, 第十三条, 第三十九条). */
  accountDecisions: boolean;
  /** Approved accounts whose setup tasks the caller still has to finish (第十二条). */
  accountSetups: boolean;
  /** Filings waiting for the caller's desk: to file, to answer, or to acknowledge (第十四条). */
  filings: boolean;
  /** 第三十四条: the caller's accounts still to respond to a linkage directive. */
  linkage: boolean;
}

export interface MeSummary {
  person: MePerson;
  pending: PendingWork;
}

export interface BindResult {
  name: string;
}

/** A unit as lists and pickers show it. */
export interface UnitSummary {
  id: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** 第九条 */
  specialWork: boolean;
}

/** 第二十九条, with the names the page shows. */
export interface ResponsibilityView extends Responsibility {
  leaderName: string | null;
  departmentName: string | null;
  personName: string | null;
}

export interface UnitView extends UnitSummary {
  parentId: string | null;
  /** The bureau the unit belongs to (itself for a bureau): responsibility is named within it. */
  bureauId: string;
  /** The units above it, from the province down, for the breadcrumb. */
  ancestors: UnitSummary[];
  responsibility: ResponsibilityView;
  rev: number;
}

/** A person as the admin pages show them. The OPENID itself is never shown, only whether one is bound. */
export interface PersonView {
  id: string;
  name: string;
  badgeNo: string;
  unitId: string;
  unitName: string;
  phone: string;
  auxiliary: boolean;
  classifiedPost: boolean;
  active: boolean;
  roles: RoleView[];
  trainings: TrainingRecord[];
  /** 第三十五条 */
  trained: boolean;
  bound: boolean;
  rev: number;
}

/** What an admin edits of a person (roles and trainings have their own actions). */
export type PersonFields = Pick<
  Person,
  'name' | 'badgeNo' | 'unitId' | 'phone' | 'auxiliary' | 'classifiedPost' | 'active'
>;

export interface PeoplePage {
  unit: UnitView;
  /** The unit's direct sub-units, to browse down. */
  children: UnitSummary[];
  items: PersonView[];
  /** Pass as `offset` for the next page; null on the last page. No total: counting reads every person. */
  nextOffset: number | null;
}

export interface PeopleQuery {
  unitId: string;
  /** `unit`: the unit's own people; `subtree` (default): with every unit under it. */
  scope?: 'unit' | 'subtree';
  /** Only people holding this role (anywhere). */
  role?: Role;
  /** Only this person, if they are in the listed units. */
  personId?: string;
  offset?: number;
  /** 0 lists no one: the unit and its sub-units only. Default 20, at most 100. */
  limit?: number;
}

export interface InviteIssued {
  inviteId: string;
  /** Shown to the admin only, once: the person types it to bind their WeChat. */
  code: string;
  personId: string;
  personName: string;
  expiresAt: IsoTime;
}

export interface PersonRef {
  id: string;
  name: string;
}

/** A rule an account's settings break, with its article (validateAccount). */
export interface AccountViolation {
  code: string;
  message: string;
  article: string;
  /** The person named on the account the rule is about; absent for rules about the account itself. */
  personId?: string;
}

export interface AccountView {
  id: string;
  platform: Platform;
  name: string;
  platformId: string;
  unitId: string;
  unitName: string;
  kind: AccountKind;
  owner: PersonRef | null;
  realNameVerified: boolean;
  operatorA: PersonRef | null;
  operatorB: PersonRef | null;
  reviewers: PersonRef[];
  state: AccountState;
  exceptionApproval: string | null;
  /** What the account breaks today (a person untrained or moved since): empty when it may operate. */
  violations: AccountViolation[];
  rev: number;
}

/** What an admin registers or edits of an account. Never a password (第三十三条). */
export type AccountFields = Omit<
  Account,
  '_id' | 'createdAt' | 'updatedAt' | 'rev' | 'lifecycle' | 'unitPath' | 'facets' | 'nameKey' | 'mark'
>;

export interface AccountsQuery {
  unitId: string;
  scope?: 'unit' | 'subtree';
  accountId?: string;
  offset?: number;
  /** Default 20, at most 100. */
  limit?: number;
}

export interface AccountsPage {
  items: AccountView[];
  /** No total: counting reads every account of the scope. */
  nextOffset: number | null;
  /**
   * The caller may register this unit's accounts from before the system (org.upsertAccount with id
   * null): only the propaganda desk that approves them, or one above (第十条).
   */
  canRegister: boolean;
}

export interface AuditItem {
  seq: number;
  at: IsoTime;
  action: Action;
  summary: string;
  changes: FieldChange[];
  actor: AuditActor & { name: string; unitName: string };
  object: AuditObject;
  requestId: string;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditItem[];
  /** Pass as `before` for older entries; null when there are none. */
  nextBefore: number | null;
}

export type AuditVerifyReport =
  | { ok: true; checked: number; headSeq: number }
  | { ok: false; checked: number; badSeq: number; reason: string; message: string };

export interface OrgApi {
  /** The caller: person, unit, roles, training status and pending counts. */
  me: ActionSpec<NoParams, MeSummary>;
  /** Binds the caller's WeChat to the person an invite code was made for (a new phone revokes the old binding; the person and their unit admin are told, 第三十三条). */
  bind: ActionSpec<{ inviteCode: string }, BindResult>;
  /** 第三十三条: for the bind page of a WeChat that is bound to nobody: whether its binding moved to another WeChat, and when. */
  bindingNotice: ActionSpec<NoParams, BindingNotice>;
  /** A one-time sign-in code for a person, for the admin to hand over; the same requestKey gives back the same code (a double tap makes one). A new code cancels every older unused one (第三十三条). */
  createInvite: ActionSpec<{ personId: string; requestKey: string }, InviteIssued>;
  /** The people of a unit in the caller's scope, by badge number, paged; with the unit and its sub-units. */
  listPeople: ActionSpec<PeopleQuery, PeoplePage>;
  /** Registers (id null, expectedRev 0) or edits a person; a badge number is unique, a move needs scope over both units. */
  upsertPerson: ActionSpec<{ id: string | null; expectedRev: number; person: PersonFields }, PersonView>;
  /** Replaces a person's roles, each within the admin's scope. */
  setRoles: ActionSpec<{ personId: string; expectedRev: number; roles: RoleGrant[] }, PersonView>;
  /** Records a training (第三十五条): a completed one lets the person run or review accounts. */
  addTraining: ActionSpec<{ personId: string; expectedRev: number; training: TrainingRecord }, PersonView>;
  /** The accounts of a unit in the caller's scope, with what each breaks today. */
  listAccounts: ActionSpec<AccountsQuery, AccountsPage>;
  /** Registers (id null, expectedRev 0) or edits an account; refused with every rule broken and its article. */
  upsertAccount: ActionSpec<{ id: string | null; expectedRev: number; account: AccountFields }, AccountView>;
  /** Sets an account's A角 and B角 operators (第十一条) on the rev the editor loaded. */
  setOperators: ActionSpec<
    { accountId: string; expectedRev: number; operatorA: string | null; operatorB: string | null },
    AccountView
  >;
  /** Names a unit's responsible leader, department and person (第二十九条). */
  setResponsibility: ActionSpec<{ unitId: string; expectedRev: number; responsibility: Responsibility }, UnitView>;
  /** The audit log of a unit's subtree, newest first, paged by seq. */
  auditLog: ActionSpec<{ unitId: string; before?: number; limit?: number }, AuditPage>;
  /** Walks the whole audit chain against the recorded head: ok, or the first seq that was altered or removed. */
  auditVerify: ActionSpec<NoParams, AuditVerifyReport>;
}
