/**
 * Account security (第三十三条): password rotation kept as attested facts — never the secret — the
 * security settings in use, security incidents with their timeline, and the posting suspension an open
 * compromising incident puts on its account. Type-only.
 */
import type { ActionSpec, NoParams } from './api';
import type { IsoTime } from './common';
import type { Platform } from './org';

// ---- policy (kept by the province desk, 第七条) ----

/** The province's security and training requirements, as data. */
export interface SecurityPolicy {
  /** 第三十三条 "定期更换密码": days between password changes, unless an account has its own period. */
  rotationDays: number;
  /** Operators are reminded this many days before a rotation falls due. */
  rotationLeadDays: number;
  /** 第二十九条: this many days after the due day the unit's responsible person is told too. */
  escalateAfterDays: number;
  /** An overdue rotation is reminded again every this many days until attested. */
  repeatEveryDays: number;
  /** A change of the people holding an account's credentials (A/B change, someone leaving): days to rotate. */
  holderChangeDays: number;
  /** An account first seen by the product: days to record its first rotation. */
  firstRecordDays: number;
  /** 第三十五条: training hours each operator and reviewer completes in a calendar year. */
  trainingHoursPerYear: number;
  /** Days of the year (MM-DD, Beijing) on which those short of the yearly hours are reminded. */
  trainingReminderDays: string[];
}

export interface SecurityPolicyView extends SecurityPolicy {
  rev: number;
  updatedAt: IsoTime | null;
  updatedByName: string | null;
}

// ---- security settings and rotation ----

/** Where the account's login phone sits: nobody's, a unit phone, or one person's own phone. */
export type BoundPhone = 'none' | 'unitPhone' | 'personalPhone';

/**
 * 第三十三条 "安全认证方式": the security settings in use on the platform, as facts. A phone is kept as who
 * holds it and its last four digits, so the desk can tell whose it is; never a password or a code.
 */
export interface SecuritySettings {
  boundPhone: BoundPhone;
  /** The person whose own phone is bound (personalPhone only). */
  boundPhoneHolderId: string | null;
  /** Last four digits of the bound phone, or null. */
  boundPhoneTail: string | null;
  /** 两步验证 / 二次验证 */
  twoStepVerification: boolean;
  /** 登录保护 (new-device or new-place login confirmation) */
  loginProtection: boolean;
  /** 管理员微信: the person whose WeChat administers the account; null = none set. */
  adminWechatHolderId: string | null;
}

/** Why the current rotation falls due when it does. */
export type RotationReason = 'firstRecord' | 'routine' | 'holdersChanged';

/** Where an account's rotation stands now. */
export type RotationStatus = 'ok' | 'dueSoon' | 'overdue';

/** A change of who holds the credentials since the last rotation (第三十三条 防止密码泄露). */
export interface HolderChange {
  since: IsoTime;
  /** People who held the credentials at the last rotation and no longer do (left, replaced, deactivated). */
  left: string[];
  /** People who came to hold them since. */
  joined: string[];
  /** The shorter deadline the change sets. */
  dueAt: IsoTime;
}

/** 第三十三条: a compromising incident open on the account; posting stays refused while any is held. */
export interface PostingHold {
  incidentId: string;
  kind: IncidentKind;
  since: IsoTime;
}

export type RotationStage = 'dueSoon' | 'overdue' | 'escalated';

/**
 * One document per account (`_id` = account id): its rotation facts, settings and suspension. Kept in
 * step with the account by the security timer, which follows the audit log.
 */
export interface AccountSecurity {
  _id: string;
  accountId: string;
  unitId: string;
  /** The account unit's path: listings for a unit and every desk above read one index range. */
  unitPath: string[];
  /** The account is open (not closed): only tracked accounts are reminded and listed. */
  tracked: boolean;
  /** The account's own period in days; null = the province's. */
  rotationDays: number | null;
  settings: SecuritySettings | null;
  /** When the password was last changed, as attested. */
  lastRotatedAt: IsoTime | null;
  lastAttestationId: string | null;
  /** The people who held the credentials at the last rotation (or when first seen). */
  holders: string[];
  holderChange: HolderChange | null;
  /**
   * Everyone whose change may change who holds the credentials (index `watch`): the holders, those who
   * joined since, and everyone the account and its settings name, active or not.
   */
  watch: string[];
  dueAt: IsoTime;
  dueReason: RotationReason;
  /** The next reminder instant (index `remind`); null when none is planned. */
  remindAt: IsoTime | null;
  /** The latest reminder stage instant already reminded for the current `dueAt`; null when none. */
  remindedThrough: IsoTime | null;
  postingHolds: PostingHold[];
  /** The policy revision `dueAt` was computed with. */
  policyRev: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

export type AttestationKind = 'passwordChanged' | 'settingsDeclared' | 'rotationPeriodSet';

/** One attested fact, never rewritten (history of 第三十三条 management; read by the monthly evaluation). */
export interface SecurityAttestation {
  _id: string;
  accountId: string;
  unitId: string;
  unitPath: string[];
  kind: AttestationKind;
  /** passwordChanged: when the operator says the password was changed. */
  changedAt: IsoTime | null;
  recordedAt: IsoTime;
  recordedBy: string;
  /** settingsDeclared: the settings as declared; passwordChanged: the settings in force. */
  settings: SecuritySettings | null;
  /** rotationPeriodSet: the account's own period (null = back to the province's). */
  rotationDays: number | null;
  /** What the rotation answered, and whether it came late. */
  reason: RotationReason | null;
  dueAt: IsoTime | null;
  late: boolean;
  note: string;
}

export interface PersonName {
  id: string;
  name: string;
}

export interface SecuritySettingsView extends SecuritySettings {
  boundPhoneHolderName: string | null;
  adminWechatHolderName: string | null;
}

export interface AccountSecurityView {
  accountId: string;
  accountName: string;
  platform: Platform;
  unitId: string;
  unitName: string;
  status: RotationStatus;
  dueAt: IsoTime;
  dueReason: RotationReason;
  /** Whole days until due (negative: overdue by). */
  daysLeft: number;
  rotationDays: number;
  /** The account has its own period (else the province's). */
  ownPeriod: boolean;
  lastRotatedAt: IsoTime | null;
  settings: SecuritySettingsView | null;
  holders: PersonName[];
  holderChange: (HolderChange & { leftNames: string[]; joinedNames: string[] }) | null;
  /** Posting refused while non-empty (第三十三条). */
  postingHolds: PostingHold[];
  /** The caller may attest and declare settings (an operator of the account). */
  canAttest: boolean;
  /** The caller may set the account's own period (unit admin or propaganda desk). */
  canSetPeriod: boolean;
  rev: number;
}

export interface AttestationView {
  id: string;
  kind: AttestationKind;
  changedAt: IsoTime | null;
  recordedAt: IsoTime;
  recordedBy: PersonName;
  settings: SecuritySettingsView | null;
  rotationDays: number | null;
  reason: RotationReason | null;
  late: boolean;
  note: string;
}

export interface AttestationPage {
  items: AttestationView[];
  nextOffset: number | null;
}

/** One line of a unit's rotation list. */
export interface RotationItem {
  accountId: string;
  accountName: string;
  platform: Platform;
  unitName: string;
  status: RotationStatus;
  dueAt: IsoTime;
  dueReason: RotationReason;
  daysLeft: number;
  lastRotatedAt: IsoTime | null;
  suspended: boolean;
}

export interface RotationPage {
  items: RotationItem[];
  nextOffset: number | null;
}

// ---- incidents ----

export type IncidentKind =
  | 'accountStolen' // 账号被盗
  | 'passwordLeaked' // 密码泄露
  | 'abnormalLogin' // 异常登录
  | 'dataLeak' // 信息泄露
  | 'wrongPost' // 误发布
  | 'other';

export type IncidentState = 'open' | 'closed';

export type IncidentStepKind =
  | 'reported'
  | 'platformContacted' // 联系运营商（平台）处置
  | 'secured' // 账号已恢复控制、改密
  | 'contentHandled' // 不当内容已删除、更正
  | 'note'
  | 'suspensionLifted'
  | 'closed';

export interface IncidentStep {
  kind: IncidentStepKind;
  /** When it happened, as the person recording it says (reported: the report time). */
  at: IsoTime;
  recordedAt: IsoTime;
  by: string;
  note: string;
  /** platformContacted: who was contacted at the platform (客服, 工单渠道). */
  platformContact?: string;
  /** platformContacted: the platform's ticket number. */
  ticket?: string;
}

export interface Incident {
  _id: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  unitId: string;
  unitPath: string[];
  kind: IncidentKind;
  /** When it happened (or was noticed). */
  happenedAt: IsoTime;
  description: string;
  reportedAt: IsoTime;
  reportedBy: string;
  state: IncidentState;
  /** The kind suspends posting (第三十三条): set at report; `suspended` says whether it still does. */
  suspends: boolean;
  suspended: boolean;
  steps: IncidentStep[];
  closedAt: IsoTime | null;
  summary: string | null;
  updatedAt: IsoTime;
  rev: number;
}

export interface IncidentView {
  id: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  unitId: string;
  unitName: string;
  kind: IncidentKind;
  happenedAt: IsoTime;
  description: string;
  reportedAt: IsoTime;
  reportedBy: PersonName;
  state: IncidentState;
  suspends: boolean;
  suspended: boolean;
  steps: (IncidentStep & { byName: string })[];
  closedAt: IsoTime | null;
  summary: string | null;
  /** What the caller may do now. */
  can: { record: boolean; lift: boolean; close: boolean };
  /** Steps still missing before it may be closed. */
  missingForClose: IncidentStepKind[];
  rev: number;
}

export interface IncidentItem {
  id: string;
  accountName: string;
  platform: Platform;
  unitName: string;
  kind: IncidentKind;
  state: IncidentState;
  suspended: boolean;
  reportedAt: IsoTime;
  closedAt: IsoTime | null;
}

export interface IncidentPage {
  items: IncidentItem[];
  nextOffset: number | null;
}

export type IncidentStepInput =
  | { kind: 'platformContacted'; at: IsoTime; platformContact: string; ticket: string; note: string }
  | { kind: 'secured'; at: IsoTime; note: string }
  | { kind: 'contentHandled'; at: IsoTime; note: string }
  | { kind: 'note'; at: IsoTime; note: string };

// ---- the security function's contract ----

export interface SecurityApi {
  /** An account's rotation status, settings, holders and posting suspension (第三十三条). */
  status: ActionSpec<{ accountId: string }, AccountSecurityView>;
  /** An operator attests the password was changed at `changedAt`; the same requestKey gives back the same record. */
  attest: ActionSpec<
    { accountId: string; expectedRev: number; requestKey: string; changedAt: IsoTime; note?: string },
    AccountSecurityView
  >;
  /** An operator declares the security settings in use (facts only: a field that looks like a password is refused). */
  declareSettings: ActionSpec<
    { accountId: string; expectedRev: number; settings: SecuritySettings; note?: string },
    AccountSecurityView
  >;
  /** The unit admin or desk sets the account's own rotation period in days (null: the province's). */
  setRotationDays: ActionSpec<
    { accountId: string; expectedRev: number; rotationDays: number | null },
    AccountSecurityView
  >;
  /** The account's attestations, newest first. */
  history: ActionSpec<{ accountId: string; offset?: number; limit?: number }, AttestationPage>;
  /** A unit's accounts by rotation due time (overdue first): `overdue` only those past due, `due` also those due soon. */
  rotations: ActionSpec<
    { unitId: string; filter?: 'overdue' | 'due' | 'all'; offset?: number; limit?: number },
    RotationPage
  >;
  /** Anyone on the account reports a security incident; the desk and the responsible leader are told at once. */
  incidentReport: ActionSpec<
    { accountId: string; requestKey: string; kind: IncidentKind; happenedAt: IsoTime; description: string },
    IncidentView
  >;
  /** Records one step of the incident's timeline (platform contacted, secured, content handled, a note). */
  incidentStep: ActionSpec<{ incidentId: string; expectedRev: number; step: IncidentStepInput }, IncidentView>;
  /** The propaganda desk lifts the posting suspension once the account is secured. */
  incidentLift: ActionSpec<{ incidentId: string; expectedRev: number; note: string }, IncidentView>;
  /** The propaganda desk closes the incident with a summary (lifting any suspension). */
  incidentClose: ActionSpec<{ incidentId: string; expectedRev: number; summary: string }, IncidentView>;
  /** One incident with its timeline. */
  incident: ActionSpec<{ incidentId: string }, IncidentView>;
  /** A unit's incidents (subtree), newest report first; `accountId` narrows to one account. */
  incidents: ActionSpec<
    { unitId: string; state?: IncidentState; accountId?: string; offset?: number; limit?: number },
    IncidentPage
  >;
  /** The province's security and training requirements. */
  policy: ActionSpec<NoParams, SecurityPolicyView>;
  /** 省厅政治部宣传处 sets them (第七条). */
  setPolicy: ActionSpec<{ expectedRev: number; policy: SecurityPolicy }, SecurityPolicyView>;
}
