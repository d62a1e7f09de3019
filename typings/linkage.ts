/**
 * Linkage directives (联动指令, 第三十四条): the province's propaganda desk — or a city desk for its own
 * matrix, when the province allows it — calls the accounts to respond to an important topic within one
 * hour; the desk watches who answered, reminders chase the silent, and each account's response time
 * is kept for the monthly evaluation (第三十六条). Type-only: the mini-program imports it with
 * `import type`, so nothing here may emit code.
 */
import type { ActionSpec, NoParams } from './api';
import type { IsoTime } from './common';
import type { AccountKind, Platform } from './org';

/** 第三十四条: 重大正面宣传 / 涉警舆情处置. */
export type DirectiveKind = 'publicity' | 'opinion';

/** What counts as a response: a repost, an original post (through the post chain), a comment. */
export type ResponseKind = 'repost' | 'original' | 'comment';

/**
 * Which accounts a directive calls. `filter`: the institutional accounts (the matrix, 第三十四条) of
 * the issuing desk's bureau, narrowed to the listed bureaus (cities for the province desk, counties for
 * a city desk) and platforms — an empty list narrows nothing, so both empty is "all accounts".
 * `accounts`: a hand-picked list (personal accounts may be picked too).
 */
export type DirectiveTargets =
  | { mode: 'filter'; unitIds: string[]; platforms: Platform[] }
  | { mode: 'accounts'; accountIds: string[] };

/** open: the clock runs (and after its window, late responses are still taken until it closes). */
export type DirectiveState = 'open' | 'closed' | 'withdrawn';

export interface DirectiveWithdrawal {
  reason: string;
  byId: string;
  byName: string;
  at: IsoTime;
}

/**
 * The fan-out of a directive (its targets, tallies and notices), done in steps that can be run again:
 * the issuing call does as much as fits in its time budget, the timer finishes what is left.
 * `issue`: tallies → targets → notices to every operator; `withdraw`: targets marked → notices.
 */
export type FanoutPurpose = 'issue' | 'withdraw';
export type FanoutPhase = 'tallies' | 'targets' | 'notices' | 'done';

export interface DirectiveFanout {
  purpose: FanoutPurpose;
  phase: FanoutPhase;
  /** Who is working on it until when; another worker takes over once the lease has lapsed. */
  leaseOwner: string | null;
  leaseUntil: IsoTime | null;
  startedAt: IsoTime;
  /** When the last notice was queued (the fan-out's end); null while it runs. */
  doneAt: IsoTime | null;
  /** Notices queued by the finished phase. */
  notices: number;
}

/** What the timer has done of the directive's clock. */
export interface DirectiveSteps {
  /** Reminder stages sent (each at `reminderAts[i]`). */
  reminders: number;
  /** The responsible leaders and desks were told which accounts are late (at `dueAt`). */
  lateReported: boolean;
}

/** One directive (collection `directives`). Its content never changes once issued. */
export interface Directive {
  _id: string;
  kind: DirectiveKind;
  title: string;
  /** What to repost or respond to. */
  content: string;
  link: string | null;
  /** 建议口径. */
  wording: string;
  responseKinds: ResponseKind[];
  targets: DirectiveTargets;
  /** The targets in words, e.g. 全部账号 · 微博. */
  targetsLabel: string;
  windowMinutes: number;
  /** After the window, late responses are still taken this long; then the directive closes. */
  graceMinutes: number;
  issuerId: string;
  issuerName: string;
  /** The issuing propaganda desk. */
  deskId: string;
  deskName: string;
  /** The bureau whose matrix is called: the province, or the city of a city desk. */
  scopeUnitId: string;
  scopeUnitName: string;
  /** The scope bureau and every bureau under it with a target: desks list the directives that reach them. */
  reach: string[];
  /** A correction is a new directive linked to the one it corrects. */
  correctionOf: string | null;
  correctionOfTitle: string | null;
  /** The moment of issue starts every target's clock. */
  issuedAt: IsoTime;
  /** issuedAt + window. */
  dueAt: IsoTime;
  /** dueAt + grace: the directive closes itself and its record is final. */
  closesAt: IsoTime;
  /** Reminders to operators who have not responded (+30 and +50 minutes for a 60-minute window). */
  reminderAts: IsoTime[];
  /** Beijing month of issue, YYYY-MM (the evaluation's month). */
  month: string;
  /** The frozen target list, in `linkagePlans` chunks `<planId>#<n>`. */
  planId: string;
  planChunks: number;
  targetCount: number;
  operatorCount: number;
  /** Accounts with at least one operator WeChat could reach at the moment of issue (bound, consent held). */
  reachableAccounts: number;
  reachableOperators: number;
  state: DirectiveState;
  /** Something is still to do for it (fan-out, reminders, closing): the timer's index. */
  open: boolean;
  nextStepAt: IsoTime | null;
  steps: DirectiveSteps;
  fanout: DirectiveFanout;
  withdrawal: DirectiveWithdrawal | null;
  closedAt: IsoTime | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

/** One account as frozen in the directive's plan at the moment of issue. */
export interface PlannedTarget {
  accountId: string;
  accountName: string;
  platform: Platform;
  kind: AccountKind;
  unitId: string;
  unitName: string;
  /** The account's unit path (province … unit): board filters and scope. */
  unitPath: string[];
  /** The tallies the account counts in (see DirectiveTally). */
  tallyIds: string[];
  /** A角, B角 (the owner of a personal account), as they were at issue. */
  operatorIds: string[];
  /** An operator could be reached by WeChat at issue. */
  reachable: boolean;
  reachableOperators: number;
}

/** A chunk of the frozen target list (collection `linkagePlans`, `_id` `<planId>#<n>`). */
export interface DirectivePlanChunk {
  _id: string;
  planId: string;
  directiveId: string;
  seq: number;
  targets: PlannedTarget[];
}

/**
 * pending: not yet responded (the clock runs); onTime / late: responded within / after the window;
 * none: the directive closed without a response; withdrawn: the directive was withdrawn first.
 */
export type TargetState = 'pending' | 'onTime' | 'late' | 'none' | 'withdrawn';

export interface LinkageResponse {
  kind: ResponseKind;
  /** The link of the repost, post or comment on the platform. */
  link: string;
  /** Cloud file id of the screenshot, if one was attached. */
  screenshot: string | null;
  note: string;
  /** An original post: the post that went through the chain (第十五条、第十六条). */
  postId: string | null;
  byId: string;
  byName: string;
  /** When it was made (an original post: when its publication was recorded). */
  at: IsoTime;
  recordedAt: IsoTime;
  /** at − the directive's issue time. */
  elapsedMs: number;
  late: boolean;
  /** Given after the directive closed: kept, counted late. */
  afterClose: boolean;
}

/**
 * One account's record for one directive (collection `directiveTargets`, `_id` `<directiveId>|<accountId>`):
 * the board's row, the operator's to-do, and the monthly evaluation's record (第三十六条), read by
 * month and account through the `month` index.
 */
export interface DirectiveTarget {
  _id: string;
  directiveId: string;
  directiveTitle: string;
  directiveKind: DirectiveKind;
  accountId: string;
  accountName: string;
  platform: Platform;
  unitId: string;
  unitName: string;
  unitPath: string[];
  /**
   * The bureaus under the directive's scope the account belongs to: one level down (a city for the
   * province) and two (its county); null where there is none. The board's scalar keys.
   */
  tier1Id: string | null;
  tier2Id: string | null;
  tallyIds: string[];
  operatorIds: string[];
  reachable: boolean;
  issuedAt: IsoTime;
  dueAt: IsoTime;
  /** YYYY-MM (Beijing) of issue. */
  month: string;
  state: TargetState;
  response: LinkageResponse | null;
  /** Response time, null while none. */
  elapsedMs: number | null;
  /** Sort key of the board, descending: the silent first (MAX_SAFE_INTEGER), then the slowest. */
  rank: number;
  updatedAt: IsoTime;
  rev: number;
}

/**
 * Live counts of one group of a directive's targets (collection `directiveTallies`, `_id`
 * `<directiveId>|<key>`): one per bureau under the directive's scope that has targets (its whole
 * subtree), and one `<scopeUnitId>#direct` for the scope bureau's own accounts. The scope's totals are
 * the sum of its child rows, so no one document is written by every response.
 */
export interface DirectiveTally {
  _id: string;
  directiveId: string;
  /** The bureau (or `<scope>#direct`). */
  key: string;
  unitId: string;
  unitName: string;
  /** The tally row this one sits under on the board: the scope bureau for its children. */
  parentId: string;
  targets: number;
  reachable: number;
  onTime: number;
  late: number;
  /** Of `late`: given after closing. */
  afterClose: number;
  /** Bureaus with targets sit under this one (a city's counties): the board can open it. */
  hasChildren: boolean;
}

/** The province desk's settings (collection `linkageSettings`, `_id` `settings`). */
export interface LinkageSettings {
  _id: string;
  /** 第三十四条 names the province desk; city desks issue for their own matrix only where allowed. */
  cityDesks: 'none' | 'all' | 'listed';
  /** With `listed`: the cities whose desk may issue. */
  cityIds: string[];
  defaultWindowMinutes: number;
  graceMinutes: number;
  updatedAt: IsoTime | null;
  updatedBy: string | null;
  rev: number;
}

// --- the linkage function's contract ---------------------------------------------------------------

export interface IssueParams {
  /** A key the issue page makes once per form: a double tap or a retry issues one directive. */
  clientKey: string;
  kind: DirectiveKind;
  title: string;
  content: string;
  link: string | null;
  wording: string;
  responseKinds: ResponseKind[];
  targets: DirectiveTargets;
  /** Default from the settings (60, the article's hour). */
  windowMinutes?: number;
  /** The directive this one corrects. */
  correctionOf?: string;
}

/**
 * What a directive would call, before it is issued. A filter's figures come from maintained counters
 * (issue 18): operator places count A角 and B角 per account (a person running two accounts counts
 * twice; the directive, once issued, sends each person one notice and shows its own operatorCount).
 */
export interface TargetPreview {
  targetCount: number;
  /** A角 and B角 places of those accounts. */
  operatorPlaces: number;
  reachableAccounts: number;
  /** Places held by an operator WeChat can reach now. */
  reachableOperators: number;
  targetsLabel: string;
  /** Per bureau under the scope. */
  units: { unitId: string; unitName: string; targets: number; reachable: number }[];
}

export interface FanoutView {
  phase: FanoutPhase;
  notices: number;
  doneAt: IsoTime | null;
}

/** A directive as lists and the detail show it. */
export interface DirectiveSummary {
  id: string;
  rev: number;
  kind: DirectiveKind;
  kindLabel: string;
  title: string;
  state: DirectiveState;
  stateLabel: string;
  issuerName: string;
  deskName: string;
  scopeUnitName: string;
  targetsLabel: string;
  issuedAt: IsoTime;
  dueAt: IsoTime;
  closesAt: IsoTime;
  windowMinutes: number;
  targetCount: number;
  reachableAccounts: number;
  correctionOf: string | null;
  correctionOfTitle: string | null;
  fanout: FanoutView;
}

export interface DirectiveDetail extends DirectiveSummary {
  content: string;
  link: string | null;
  wording: string;
  responseKinds: ResponseKind[];
  graceMinutes: number;
  reminderAts: IsoTime[];
  withdrawal: DirectiveWithdrawal | null;
  closedAt: IsoTime | null;
  /** Corrections issued for this directive, newest first. */
  corrections: { id: string; title: string; issuedAt: IsoTime }[];
}

export interface ResponseView {
  kind: ResponseKind;
  kindLabel: string;
  link: string;
  screenshot: string | null;
  note: string;
  postId: string | null;
  byName: string;
  at: IsoTime;
  elapsedMs: number;
  /** 用时 12 分 30 秒. */
  elapsedLabel: string;
  late: boolean;
  afterClose: boolean;
}

/** One account's row on the board or in the operator's list. */
export interface TargetRow {
  directiveId: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  platformLabel: string;
  unitName: string;
  state: TargetState;
  stateLabel: string;
  reachable: boolean;
  response: ResponseView | null;
}

export interface TallyRow {
  unitId: string;
  unitName: string;
  /** A bureau with rows under it (a city with counties): the board can open it. */
  drillable: boolean;
  targets: number;
  reachable: number;
  onTime: number;
  late: number;
  /** Not yet responded (open) / never responded (closed). */
  silent: number;
  afterClose: number;
}

export interface BoardParams {
  directiveId: string;
  /** The bureau whose accounts to show; default the scope (the province desk) or the caller's bureau. */
  unitId?: string;
  /** Only these accounts: not yet / late / on time. */
  status?: 'silent' | 'late' | 'onTime';
  offset?: number;
  /** 0–100 (0: the header only), default 20. */
  limit?: number;
}

export interface Board {
  directive: DirectiveSummary;
  /** Milliseconds left in the window at the moment of the answer (negative: past it). */
  remainingMs: number;
  /** The bureau shown. */
  unitId: string;
  unitName: string;
  /** Totals of the bureau shown (the sum of its rows). */
  total: TallyRow;
  /** Its bureaus one level down (cities; a city's counties), and its own accounts; silent-most first. */
  rows: TallyRow[];
  /** Its accounts, the silent first, then the slowest. */
  items: TargetRow[];
  nextOffset: number | null;
  /** The caller may withdraw it. */
  canWithdraw: boolean;
  /** Bureaus above the one shown that the caller may go back to. */
  path: { unitId: string; unitName: string }[];
}

export interface ListParams {
  offset?: number;
  /** 0–100 (0: the header only), default 20. */
  limit?: number;
}

export interface DirectiveList {
  items: DirectiveSummary[];
  nextOffset: number | null;
  /** The caller's desk may issue (province desk; a city desk where allowed). */
  canIssue: boolean;
  /** The caller may change the settings (the province desk). */
  canConfigure: boolean;
}

/** One directive in the operator's list, with the caller's accounts it calls. */
export interface MyDirective {
  directive: DirectiveSummary;
  /** Milliseconds left in the window at the moment of the answer (negative: late). */
  remainingMs: number;
  accounts: TargetRow[];
}

export interface MineParams {
  /** open: still to respond (default), the nearest deadline first; all: every directive that called the caller, newest first. */
  view?: 'open' | 'all';
  /** Counted in directives: a page holds whole directives, each with all of the caller's accounts it calls. */
  offset?: number;
  /** Directives per page, 0–100 (0: the header only), default 20. */
  limit?: number;
}

export interface MineList {
  items: MyDirective[];
  nextOffset: number | null;
  /** All of the caller's accounts still to respond, for the badge: at most 100 (shown "99+"). */
  openCount: number;
}

export interface DirectiveView {
  directive: DirectiveDetail;
  remainingMs: number;
  /** The caller's accounts among the targets, with their state (operators). */
  mine: TargetRow[];
  /** The caller may open the board (desks, leaders). */
  canBoard: boolean;
  canWithdraw: boolean;
}

export interface RespondParams {
  directiveId: string;
  accountId: string;
  kind: ResponseKind;
  /** The repost's or comment's link; for an original post the publication's link is taken from the post. */
  link?: string;
  screenshot?: string | null;
  note?: string;
  /** An original post that went through the chain and was published. */
  postId?: string;
}

export interface RespondResult {
  row: TargetRow;
}

export interface WithdrawParams {
  directiveId: string;
  expectedRev: number;
  reason: string;
}

export interface RecordsParams {
  /** YYYY-MM */
  month: string;
  accountId?: string;
  offset?: number;
  /** 0–100 (0: none), default 50. */
  limit?: number;
}

/** One account's record for one directive, as the evaluation reads it (第三十六条). */
export interface LinkageRecord {
  directiveId: string;
  directiveTitle: string;
  directiveKind: DirectiveKind;
  accountId: string;
  accountName: string;
  unitId: string;
  issuedAt: IsoTime;
  dueAt: IsoTime;
  state: TargetState;
  /** Response time in ms; null when none. */
  elapsedMs: number | null;
  respondedAt: IsoTime | null;
  /** The directive closed: the record no longer changes (except a response after closing, counted late). */
  final: boolean;
}

export interface RecordsPage {
  items: LinkageRecord[];
  nextOffset: number | null;
}

export interface TargetOptions {
  /** The bureau whose matrix the caller's desk calls. */
  scopeUnitId: string;
  scopeUnitName: string;
  /** Bureaus one level down to narrow to (cities, or a city's counties). */
  units: { id: string; name: string }[];
  platforms: { id: Platform; label: string }[];
  defaultWindowMinutes: number;
  graceMinutes: number;
}

export type SettingsFields = Pick<LinkageSettings, 'cityDesks' | 'cityIds' | 'defaultWindowMinutes' | 'graceMinutes'>;

export interface SettingsView extends SettingsFields {
  rev: number;
  cities: { id: string; name: string }[];
}

export interface LinkageApi {
  /** Issues a directive (province desk; a city desk for its own matrix where allowed): one per clientKey. */
  issue: ActionSpec<IssueParams, DirectiveView>;
  /** How many accounts the targets would call now, and how many WeChat could reach. */
  preview: ActionSpec<{ targets: DirectiveTargets }, TargetPreview>;
  /** What the caller's desk may call: its bureau, the bureaus under it, the platforms, the window. */
  targetOptions: ActionSpec<NoParams, TargetOptions>;
  /** Withdraws an open directive with a reason; the operators still to respond are told. */
  withdraw: ActionSpec<WithdrawParams, DirectiveView>;
  /** The directives reaching the caller's desk or bureau, newest first. */
  list: ActionSpec<ListParams, DirectiveList>;
  /** The live board: totals by bureau and the accounts, silent and slowest first. */
  board: ActionSpec<BoardParams, Board>;
  /** One directive, with the caller's accounts among its targets (the notification's link). */
  get: ActionSpec<{ directiveId: string }, DirectiveView>;
  /** The caller's directives (the accounts they operate), with the time left. */
  mine: ActionSpec<MineParams, MineList>;
  /** Records the response of one account the caller operates. */
  respond: ActionSpec<RespondParams, RespondResult>;
  /** The records of a month (and account), for the monthly evaluation (第三十六条). */
  records: ActionSpec<RecordsParams, RecordsPage>;
  /** The province desk's settings: which city desks may issue, default window, grace. */
  settings: ActionSpec<NoParams, SettingsView>;
  setSettings: ActionSpec<SettingsFields & { expectedRev: number }, SettingsView>;
}
