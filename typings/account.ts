/**
 * The account lifecycle (第九条—第十四条, 第三十四条, 第三十九条—第四十二条): applications to open, close or
 * cancel an account and their decisions, the setup tasks after approval, filings (备案) with the desk one
 * level up, the province's and each city's matrix, and the registry of officers' personal accounts with
 * the unit's marks. Type-only.
 */
import type { ActionSpec, NoParams } from './api';
import type { IsoTime } from './common';
import type { AccountKind, AccountState, AccountView, Platform, PersonRef, UnitLevel } from './org';

// ---- The platform catalogue (data: core/account/catalogue.ts) ----

/** 第九条 asks every bureau for a Weibo and a WeChat public platform; the family says which a kind counts for. */
export type PlatformFamily = 'weibo' | 'wechat' | 'video' | 'news' | 'other';

export interface PlatformEntry {
  platform: Platform;
  /** 微博, 微信订阅号 … */
  label: string;
  family: PlatformFamily;
  /** What the family means to 第九条: the gap it fills, if any. */
  requiredFamily: 'weibo' | 'wechat' | null;
}

// ---- Rules the province sets (data, versioned; defaults in core/account/rules.ts) ----

/**
 * One accepted shape of a standard name (第十二条). Placeholders: `{place}` the bureau's place name
 * (长沙, 浏阳, 湖南), `{dept}` the department's short name (交警, 刑侦), `{any}` 1–8 free characters.
 */
export interface NamingPattern {
  pattern: string;
  /** Which units it is for: the account's unit kind (a desk counts as its bureau). */
  for: 'bureau' | 'department' | 'personal';
  /** A worked example, shown to the operator. */
  example: string;
}

export interface NamingRule {
  patterns: NamingPattern[];
  /** Characters, counted as the user sees them. */
  maxLength: number;
  /** Words a standard name never contains (官方 claims, commercial words: 第八条). */
  forbiddenWords: string[];
}

export interface AccountRules {
  naming: NamingRule;
  /** 第十四条: an opening, closure or cancellation is filed within this many working days of approval. */
  filingWorkingDays: number;
  /** The receiving desk is reminded of a filing left unacknowledged this many working days after it arrived. */
  acknowledgeWorkingDays: number;
  rev: number;
  updatedAt: IsoTime | null;
  updatedBy: string | null;
}

export type AccountRulesInput = Omit<AccountRules, 'rev' | 'updatedAt' | 'updatedBy'>;

// ---- The account's lifecycle record (on Account.lifecycle) ----

/** application = opened through an approved application; preSystem = filed before the system; registered = 第三十九条 报备. */
export type AccountOrigin = 'application' | 'preSystem' | 'registered';

/** 第十二条: what an approved account must do before it operates. */
export type SetupTaskKey = 'standardName' | 'realName' | 'avatar' | 'background' | 'columnPlan';

export interface SetupTask {
  key: SetupTaskKey;
  done: boolean;
  /** The standard name entered, or the storage file id of the image. */
  value: string | null;
  doneAt: IsoTime | null;
  doneBy: string | null;
}

export interface AccountLifecycle {
  origin: AccountOrigin;
  /** The application that opened (or registered) it; null for a pre-system account. */
  applicationId: string | null;
  /** 第十三条: the desk whose consent closes it — the one that approved it, or would have. */
  approvingDeskId: string;
  approvedAt: IsoTime | null;
  /** 第十二条 setup tasks; empty when none are required (a pre-system or registered account). */
  tasks: SetupTask[];
  activatedAt: IsoTime | null;
  closedAt: IsoTime | null;
  /** When the state last changed (indexed for the monthly evaluation through accountEvents). */
  stateChangedAt: IsoTime;
  /** The person who applied (or registered): they see its setup tasks and hear of its decisions. */
  applicantId: string | null;
}

/** 第四十二条 */
export type MarkKind = 'support' | 'reminder';

export interface AccountMarkSummary {
  kind: MarkKind;
  note: string;
  at: IsoTime;
  byName: string;
}

// ---- Applications ----

/** open = 开设 (第十条); close = 关闭, cancel = 注销 (第十三条); register = a classified-post officer's 报备 awaiting the unit (第三十九条). */
export type ApplicationType = 'open' | 'close' | 'cancel' | 'register';

export type ApplicationState = 'pending' | 'returned' | 'approved' | 'refused' | 'withdrawn';

export type Decision = 'approve' | 'refuse' | 'return';

/** 第十一条 (二)(三): equipment, premises and funding, each attested by the applicant with what there is. */
export interface Attestation {
  attested: boolean;
  note: string;
}

/** 第十一条: who edits and reviews, who supports, and what the unit provides. */
export interface OpeningConditions {
  /** 内容编辑 as the A and B roles (市州 institutional accounts: two 民警). */
  operatorA: string | null;
  operatorB: string | null;
  /** 审核人员 (第十六条: at least one 民警). */
  reviewerIds: string[];
  /** 技术保障人员: names, or the firm engaged (第十一条 (一) 聘请专业技术人员). */
  technicalSupport: string;
  equipment: Attestation;
  premises: Attestation;
  funding: Attestation;
  /** 第三十九条: the unit's approval for a classified-post person named above (文号 or note); null when none is named. */
  exceptionApproval: string | null;
}

export interface OpeningFields {
  unitId: string;
  platform: Platform;
  /** The proposed name (checked against the naming rule again as a setup task). */
  name: string;
  /** 开设目的与定位 */
  purpose: string;
  /** 栏目内容规划 */
  columnPlan: string;
  conditions: OpeningConditions;
}

/** A classified-post officer's personal account awaiting the unit's approval (第三十九条). */
export interface RegistrationFields {
  platform: Platform;
  name: string;
  /** The platform's own id (handle) of the account. Never a password (第三十三条). */
  platformId: string;
  realNameVerified: boolean;
}

export interface ApplicationStep {
  step: 'submit' | 'resubmit' | 'approve' | 'refuse' | 'return' | 'withdraw';
  article: string;
  at: IsoTime;
  personId: string;
  personName: string;
  note: string | null;
}

export interface AccountApplication {
  _id: string;
  type: ApplicationType;
  state: ApplicationState;
  unitId: string;
  unitPath: string[];
  kind: AccountKind;
  platform: Platform;
  name: string;
  nameKey: string;
  /** open */
  opening: Omit<OpeningFields, 'unitId' | 'platform' | 'name'> | null;
  /** register */
  registration: Omit<RegistrationFields, 'platform' | 'name'> | null;
  /** close / cancel: the reason given. */
  reason: string | null;
  /** The account concerned: the one to close, or the one opened on approval. */
  accountId: string | null;
  ownerId: string | null;
  /** The desk that decides (第十条, 第十三条, 第三十九条) and the article that names it. */
  deciderId: string;
  deciderArticle: string;
  applicantId: string;
  applicantName: string;
  /** The client's key for this submission: a double tap or a retry finds the same application. */
  clientKey: string;
  log: ApplicationStep[];
  submittedAt: IsoTime;
  /** The last decision's time while not pending; null while pending (the deciders' "decided" list). */
  decidedAt: IsoTime | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

// ---- Filings (第十四条) ----

export type FilingEvent = 'open' | 'close' | 'cancel';

/** due = to be filed by the unit's desk; filed = with the desk above; queried = sent back with a question. */
export type FilingState = 'due' | 'filed' | 'queried' | 'acknowledged';

export interface FilingStep {
  step: 'created' | 'file' | 'acknowledge' | 'query';
  at: IsoTime;
  personId: string | null;
  personName: string;
  note: string | null;
}

export interface Filing {
  _id: string;
  event: FilingEvent;
  state: FilingState;
  accountId: string;
  accountName: string;
  platform: Platform;
  unitId: string;
  unitPath: string[];
  applicationId: string;
  /** The propaganda desk of the account's bureau: it files. */
  filerDeskId: string;
  /** The propaganda desk one level up: it receives and acknowledges. */
  receiverDeskId: string;
  approvedAt: IsoTime;
  /** Filing deadline: `filingWorkingDays` after approval (end of that working day). */
  dueAt: IsoTime;
  filedAt: IsoTime | null;
  /** When the receiving desk is reminded if it has not acknowledged; null unless filed. */
  acknowledgeDueAt: IsoTime | null;
  acknowledgedAt: IsoTime | null;
  note: string | null;
  /** Storage file ids of the documents filed (approval form, screenshots). */
  documents: string[];
  log: FilingStep[];
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

// ---- Records for the monthly evaluation (issue 14) ----

/** One state change of one account (accountEvents): indexed by month and by account. */
export interface AccountEvent {
  _id: string;
  accountId: string;
  accountName: string;
  unitId: string;
  unitPath: string[];
  kind: AccountKind;
  platform: Platform;
  from: AccountState | null;
  to: AccountState;
  article: string;
  applicationId: string | null;
  personId: string | null;
  at: IsoTime;
  /** YYYY-MM, Beijing. */
  month: string;
}

/** One 第四十二条 mark (accountMarks): kept, never rewritten; the account holds the latest. */
export interface AccountMark {
  _id: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  unitId: string;
  unitPath: string[];
  kind: MarkKind;
  note: string;
  byId: string;
  byName: string;
  at: IsoTime;
  month: string;
}

// ---- The matrix's maintained totals (matrixTotals, one document per unit) ----

/** `platform|kind|state` → number of accounts in the unit's subtree. */
export type TotalsCounts = Record<string, number>;

export interface MatrixTotals {
  /** The unit id. */
  _id: string;
  unitPath: string[];
  level: UnitLevel;
  /** A city or county bureau: 第九条 applies to it. */
  bureau: boolean;
  subtree: TotalsCounts;
  /** Bureaus only: `platform|state` of the institutional accounts of the bureau itself or its desk. */
  own: TotalsCounts;
  /** 第九条: the families the bureau lacks (no approved, active or suspended account of that family). */
  gaps: Array<'weibo' | 'wechat'>;
  gap: boolean;
  /** Bureaus with a gap in the subtree, itself included. */
  gapBureaus: number;
  /** When the bureau's current gap opened (the weekly reminder reads it); null without a gap. */
  gapSince: IsoTime | null;
  updatedAt: IsoTime;
}

// ---- The account function's contract ----

export interface CatalogueView {
  platforms: PlatformEntry[];
  rules: AccountRules;
}

export interface ApplicationSummary {
  id: string;
  type: ApplicationType;
  typeLabel: string;
  state: ApplicationState;
  stateLabel: string;
  unitId: string;
  unitName: string;
  kind: AccountKind;
  platform: Platform;
  platformLabel: string;
  name: string;
  applicantName: string;
  deciderName: string;
  submittedAt: IsoTime;
  decidedAt: IsoTime | null;
  accountId: string | null;
  rev: number;
}

export interface LogStepView extends ApplicationStep {
  label: string;
}

/** An open item of an account being closed, to hand over (第十三条). */
export interface OpenItem {
  collection: 'messages' | 'referrals';
  id: string;
  summary: string;
  at: IsoTime;
}

export interface OpenItems {
  /** At most 20 of them; `total` counts all. */
  items: OpenItem[];
  total: number;
}

export interface ApplicationDetail extends ApplicationSummary {
  deciderId: string;
  deciderArticle: string;
  opening: AccountApplication['opening'];
  registration: AccountApplication['registration'];
  reason: string | null;
  owner: PersonRef | null;
  /** The people named in the conditions, by name. */
  staff: { operatorA: PersonRef | null; operatorB: PersonRef | null; reviewers: PersonRef[] };
  log: LogStepView[];
  /** Close / cancel: what is still open on the account (must be handed over before approval). */
  openItems: OpenItems | null;
  /** What the caller may do with it now. */
  can: { decide: boolean; withdraw: boolean; amend: boolean };
  /** Advisory: the proposed name against the naming rule (checked for real as a setup task). */
  namingAdvice: string | null;
}

export interface ApplicationsPage {
  items: ApplicationSummary[];
  nextOffset: number | null;
}

export type ApplicationBox = 'mine' | 'toDecide' | 'decided';

export interface SetupView {
  account: AccountView;
  tasks: Array<SetupTask & { label: string; article: string }>;
  /** Names the rule accepts for this account, as examples. */
  nameExamples: string[];
  /** Temporary links of the images uploaded, by task key. */
  imageUrls: Partial<Record<SetupTaskKey, string>>;
  approvingDeskName: string;
}

export type TaskInput =
  | { key: 'standardName'; name: string }
  | { key: 'realName'; platformId: string }
  | { key: 'avatar' | 'background' | 'columnPlan'; fileID: string };

export interface SetupsPage {
  items: Array<{
    accountId: string;
    name: string;
    platformLabel: string;
    unitName: string;
    open: number;
    total: number;
  }>;
  nextOffset: number | null;
}

export interface FilingView {
  id: string;
  event: FilingEvent;
  eventLabel: string;
  state: FilingState;
  stateLabel: string;
  accountId: string;
  accountName: string;
  platformLabel: string;
  unitName: string;
  filerDeskName: string;
  receiverDeskName: string;
  approvedAt: IsoTime;
  dueAt: IsoTime;
  /** Past its filing deadline and not filed. */
  overdue: boolean;
  filedAt: IsoTime | null;
  acknowledgedAt: IsoTime | null;
  note: string | null;
  documents: string[];
  log: FilingStep[];
  can: { file: boolean; acknowledge: boolean; query: boolean };
  rev: number;
}

export type FilingBox = 'received' | 'sent';

export interface FilingsPage {
  items: FilingView[];
  nextOffset: number | null;
}

export type MatrixView = 'units' | 'gaps' | 'accounts';

export interface MatrixCount {
  platform: Platform;
  platformLabel: string;
  /** Accounts by state, for the platform. */
  byState: Partial<Record<AccountState, number>>;
  total: number;
}

export interface MatrixRow {
  unitId: string;
  unitName: string;
  level: UnitLevel;
  hasChildren: boolean;
  /** Open (approved, active or suspended) accounts in its subtree. */
  open: number;
  byFamily: Partial<Record<PlatformFamily, number>>;
  gaps: Array<'weibo' | 'wechat'>;
}

export interface GapRow {
  unitId: string;
  unitName: string;
  level: UnitLevel;
  /** 缺微博 / 缺微信公众号 */
  missing: Array<'weibo' | 'wechat'>;
  missingLabel: string;
}

export interface MatrixAccountRow {
  id: string;
  name: string;
  unitName: string;
  platformLabel: string;
  kind: AccountKind;
  state: AccountState;
  stateLabel: string;
}

export interface MatrixPage {
  unit: { id: string; name: string; level: UnitLevel; parentId: string | null };
  /** From the unit's maintained totals. */
  summary: {
    total: number;
    open: number;
    byPlatform: MatrixCount[];
    byKind: Partial<Record<AccountKind, number>>;
    gapBureaus: number;
  };
  view: MatrixView;
  units: MatrixRow[];
  gaps: GapRow[];
  accounts: MatrixAccountRow[];
  nextOffset: number | null;
}

export interface MatrixQuery {
  unitId: string;
  view: MatrixView;
  platform?: Platform;
  kind?: AccountKind;
  state?: AccountState;
  offset?: number;
  limit?: number;
}

export interface ExportResult {
  fileID: string;
  /** Temporary download link (wx.downloadFile → wx.openDocument). */
  url: string;
  expiresAt: IsoTime;
  accounts: number;
  units: number;
}

export interface RegistryItem {
  accountId: string;
  name: string;
  platformLabel: string;
  platformId: string;
  owner: PersonRef | null;
  /** 辅警 (第三十九条 last sentence). */
  ownerAuxiliary: boolean;
  ownerClassified: boolean;
  unitName: string;
  realNameVerified: boolean;
  state: AccountState;
  stateLabel: string;
  origin: AccountOrigin;
  exceptionApproval: string | null;
  mark: AccountMarkSummary | null;
  rev: number;
}

export interface RegistryPage {
  items: RegistryItem[];
  nextOffset: number | null;
  /** Registrations waiting for the unit's approval (classified-post officers). */
  awaiting: number;
}

export interface RegisterResult {
  /** Registered at once (not a classified post). */
  account: RegistryItem | null;
  /** Waiting for the unit's approval (第三十九条). */
  application: ApplicationSummary | null;
}

export interface MarksPage {
  items: Array<Omit<AccountMark, '_id' | 'unitPath'> & { id: string }>;
  nextOffset: number | null;
}

export interface HandoverResult {
  moved: number;
  remaining: number;
}

export interface AdoptResult {
  adopted: number;
  scanned: number;
  /** Pass back for the next batch; null when every account has been seen. */
  nextCursor: string | null;
  /** Set on the last batch: the matrix totals rebuilt from every account. */
  totals: { units: number; accounts: number } | null;
}

export interface Paged {
  offset?: number;
  /** Default 20, at most 50. */
  limit?: number;
}

/** A unit the caller may apply for, as the opening form's picker lists it. */
export interface ApplicantUnit {
  id: string;
  name: string;
  /** Tells apart units of the same name (every county has its 交警大队). */
  parentName: string | null;
}

export interface ApplicantUnitsPage {
  items: ApplicantUnit[];
  nextOffset: number | null;
}

export interface AccountApi {
  /** The platform catalogue and the province's rules (naming, filing periods). */
  catalogue: ActionSpec<NoParams, CatalogueView>;
  /** 省厅政治部宣传处 sets the naming rule and filing periods (on the rev it loaded). */
  setRules: ActionSpec<{ expectedRev: number; rules: AccountRulesInput }, AccountRules>;
  /** 第十条, 第十一条: applies to open an institutional account; the same clientKey gives back the same application. */
  apply: ActionSpec<OpeningFields & { clientKey: string }, ApplicationDetail>;
  /** The units the caller may apply for (第十条), in tree order, searched by name, paged: the form's unit picker. */
  applicantUnits: ActionSpec<Paged & { search?: string }, ApplicantUnitsPage>;
  /** Resubmits an application sent back for changes. */
  amend: ActionSpec<OpeningFields & { applicationId: string; expectedRev: number }, ApplicationDetail>;
  /** The applicant takes back a pending or returned application. */
  withdraw: ActionSpec<{ applicationId: string; expectedRev: number; reason?: string }, ApplicationDetail>;
  /** 第十三条: applies to close or cancel an account, to the desk that approved it. */
  applyClose: ActionSpec<
    { accountId: string; type: 'close' | 'cancel'; reason: string; clientKey: string },
    ApplicationDetail
  >;
  /** 第三十九条: an officer (or 辅警) registers a personal account with their unit; a classified post waits for approval. */
  register: ActionSpec<RegistrationFields & { clientKey: string }, RegisterResult>;
  /** The deciding desk approves, refuses with a reason, or sends back for changes. */
  decide: ActionSpec<
    { applicationId: string; expectedRev: number; decision: Decision; reason?: string },
    ApplicationDetail
  >;
  /** mine: the caller's applications; toDecide / decided: the caller's desks'. Paged. */
  applications: ActionSpec<Paged & { box: ApplicationBox }, ApplicationsPage>;
  application: ActionSpec<{ applicationId: string }, ApplicationDetail>;
  /** Approved accounts whose setup tasks the caller still has (第十二条). */
  setups: ActionSpec<Paged, SetupsPage>;
  setup: ActionSpec<{ accountId: string }, SetupView>;
  /** Completes one setup task; the last one makes the account active. */
  completeTask: ActionSpec<{ accountId: string; expectedRev: number; task: TaskInput }, SetupView>;
  /** Moves up to 20 open messages and referrals of an account to another active account of its unit (第十三条). */
  handover: ActionSpec<{ accountId: string; toAccountId: string }, HandoverResult>;
  /** received: the caller's desks' filing inbox; sent: what the caller's desks file. One state per page. */
  filings: ActionSpec<Paged & { box: FilingBox; state: FilingState }, FilingsPage>;
  filing: ActionSpec<{ filingId: string }, FilingView>;
  /** 第十四条: the unit's desk files (or answers a query) with a note and documents. */
  submitFiling: ActionSpec<{ filingId: string; expectedRev: number; note: string; documents: string[] }, FilingView>;
  acknowledgeFiling: ActionSpec<{ filingId: string; expectedRev: number; note?: string }, FilingView>;
  queryFiling: ActionSpec<{ filingId: string; expectedRev: number; question: string }, FilingView>;
  /** The matrix below a unit (第九条, 第三十四条): counts from maintained totals, a page of rows. */
  matrix: ActionSpec<MatrixQuery, MatrixPage>;
  /** 第九条: reminds each bureau under the unit that lacks a Weibo or WeChat account. */
  remindGaps: ActionSpec<{ unitId: string }, { reminded: number }>;
  /** The personal accounts registered with a unit (第三十九条), with the unit's marks (第四十二条). */
  registry: ActionSpec<Paged & { unitId: string; state?: AccountState }, RegistryPage>;
  /** The caller's own personal accounts. */
  personal: ActionSpec<Paged, RegistryPage>;
  /** 第四十二条: marks a personal account for support (优秀) or for a reminder, with a note. */
  mark: ActionSpec<{ accountId: string; expectedRev: number; kind: MarkKind; note: string }, RegistryItem>;
  marks: ActionSpec<Paged & { accountId: string }, MarksPage>;
  /** Brings the accounts that predate the lifecycle in as pre-system accounts, a batch per call. */
  adoptExisting: ActionSpec<{ cursor?: string }, AdoptResult>;
}

export type AccountAction = `account.${keyof AccountApi}`;

/**
 * The spreadsheets the desks download, built in their own function so that exceljs (about 1 MB bundled)
 * loads only where a workbook is made. Later exports (archives, the evaluation) add their actions here.
 */
export interface ExportApi {
  /** The matrix below a unit as an .xlsx workbook in storage, with a temporary download link. */
  matrix: ActionSpec<{ unitId: string }, ExportResult>;
}

export type ExportAction = `export.${keyof ExportApi}`;
