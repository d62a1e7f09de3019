/**
 * Units, people, roles and accounts (第二条, 第七条, 第九条, 第十一条, 第十六条, 第二十九条, 第三十三条,
 * 第三十五条, 第三十九条). Type-only.
 */
import type { IsoTime } from './common';

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
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

export type Platform = 'weibo' | 'wechatSubscription' | 'wechatService' | 'douyin' | 'kuaishou' | 'toutiao' | 'other';

/** institutional = 机构公安新媒体, personal = 个人公安新媒体 (第二条). */
export type AccountKind = 'institutional' | 'personal';

export type AccountState = 'active' | 'suspended' | 'closed';

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
  rev: number;
}

// ---- The action catalogue: every action of every cloud function (authorization is decided per action) ----

export type OrgAction =
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

export type ScreenAction = 'screen.check' | 'screen.lexiconList' | 'screen.lexiconEdit' | 'screen.lexiconImport';

export type PostAction =
  | 'post.draftSave'
  | 'post.submit'
  | 'post.approve'
  | 'post.sendBack'
  | 'post.withdraw'
  | 'post.raiseLevel'
  | 'post.publish'
  | 'post.list'
  | 'post.approvals'
  | 'post.cadence';

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
  | 'referral.list';

export type Action = OrgAction | NotifyAction | ScreenAction | PostAction | ReferralAction;

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
export interface PendingCounts {
  approvals: number;
  referrals: number;
  drafts: number;
  unreadNotifications: number;
}

export interface MeSummary {
  person: MePerson;
  pending: PendingCounts;
}

export interface BindResult {
  name: string;
}

export interface OrgApi {
  /** The caller: person, unit, roles, training status and pending counts. */
  me: import('./api').ActionSpec<import('./api').NoParams, MeSummary>;
  /** Binds the caller's WeChat to the person an invite code was made for (a new phone revokes the old binding). */
  bind: import('./api').ActionSpec<{ inviteCode: string }, BindResult>;
}
