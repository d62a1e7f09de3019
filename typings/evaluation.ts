/**
 * The monthly evaluation and its circular (第三十六条 评估通报, 第三十七条 扣分, 第三十八条 年度优秀).
 * Type-only: the mini-program imports it with `import type`, so nothing here may emit code.
 */
import type { ActionSpec } from './api';
import type { DayString, IsoTime } from './common';
import type { AccountKind, Platform } from './org';

/** A Beijing calendar month, YYYY-MM. */
export type MonthString = string;

// ---------------------------------------------------------------------------------------------
// The scheme (评估办法): data the province desk sets, one version per period
// ---------------------------------------------------------------------------------------------

/** What an indicator measures; each is computed from records by core/evaluation/facts.ts. */
export type IndicatorKey =
  | 'cadence' // 第十九条 更新频次
  | 'messagesAnswered' // 第二十三条、第二十六条 网民留言回应
  | 'referralsOnTime' // 第二十七条 转办按时反馈
  | 'linkageResponses' // 第三十四条 联动响应
  | 'reviewDiscipline' // 第十五条至第十七条 审核纪律
  | 'security'; // 第三十三条 账号安全

export interface IndicatorDef {
  key: IndicatorKey;
  label: string;
  /** The article the indicator enforces, e.g. 第十九条. */
  article: string;
  /** Points the indicator is worth (0 switches it off). */
  weight: number;
  /**
   * Parameters of the formula (core/evaluation/score.ts):
   * - perRefusedAttempt / perSentBack (reviewDiscipline), perIncident / perLateRotation (security): points
   *   off per event;
   * - lateCredit (linkageResponses): the share of a timely response a late one earns.
   */
  params: { [name: string]: number };
}

/** Deductions the run adds by itself from records (第三十七条), each line with its evidence. */
export type AutoDeductionKey =
  | 'referralOverdue' // 第二十七条: a referral answered late or still open past its deadline
  | 'publishRefused' // 第十五条: an attempt to publish what was not approved
  | 'silence' // 第三十六条: 失声失语 during a public-opinion event the desk declared
  | 'securityIncident' // 第三十三条
  | 'linkageMissed' // 第三十四条: a linkage directive without a response
  | 'filingLate'; // 第十四条: an opening, closure or cancellation filed late or not at all

export interface AutoDeductionDef {
  key: AutoDeductionKey;
  label: string;
  article: string;
  /** Points per line; 0 switches the rule off. */
  points: number;
}

export interface GradeDef {
  label: string;
  /** Lowest score (inclusive) of the grade. */
  min: number;
}

export interface SchemeData {
  indicators: IndicatorDef[];
  autoDeductions: AutoDeductionDef[];
  /** At most this many points are deducted in a month, whatever the lines add up to. */
  deductionCap: number;
  /** At most this many bonus points in a month (第三十六条 表彰, 第四十二条). */
  bonusCap: number;
  /** Largest single manual deduction or bonus. */
  manualMaxPoints: number;
  /** Units may object to a deduction within this many working days of the draft's release. */
  objectionWorkingDays: number;
  /** Highest first. */
  grades: GradeDef[];
  /** The circular: how many accounts it commends, and the score below which it criticises. */
  commendTop: number;
  criticiseBelow: number;
  /** 工作要求 paragraphs printed at the end of the circular. */
  requirements: string[];
}

/** One version of the scheme (collection `evaluationSchemes`, `_id` `scheme-v<version>`). */
export interface EvaluationScheme extends SchemeData {
  _id: string;
  version: number;
  /** First month the version applies to; it applies until a later version starts. */
  fromMonth: MonthString;
  createdBy: string | null;
  createdAt: IsoTime;
}

// ---------------------------------------------------------------------------------------------
// Records, summarised per account and month (what the pure scoring core takes)
// ---------------------------------------------------------------------------------------------

/** A pointer to the record behind a figure or a deduction. */
export interface EvidenceRef {
  /** A collection of core/schema.ts (posts, messages, referrals, publishRefusals, opinionEvents …). */
  collection: string;
  id: string;
  /** What the record says, in Chinese (the day missed, the referral's delay …). */
  note: string;
}

export interface CadenceFacts {
  /** false: the account owes no cadence (personal, or not active). */
  applicable: boolean;
  rule: 'daily' | 'monthly' | 'exempt';
  required: number;
  published: number;
  /** Daily rule: duty days and those met. */
  dutyDays: number;
  metDays: number;
  missedDays: DayString[];
}

export interface AccountMonthFacts {
  accountId: string;
  cadence: CadenceFacts;
  messages: { received: number; answered: number; unanswered: EvidenceRef[] };
  referrals: { due: number; onTime: number; late: Array<EvidenceRef & { overdueDays: number }> };
  /** null until linkage directives exist in the product (第三十四条). */
  linkage: { directives: number; onTime: number; late: number; missed: EvidenceRef[] } | null;
  review: { refusedPublish: EvidenceRef[]; sentBack: EvidenceRef[] };
  /** 第三十三条: incidents reported, password changes attested late (absent in facts stored before issue 15). */
  security: { incidents: EvidenceRef[]; lateRotations?: EvidenceRef[] };
  /** 第十四条: filings due in the month and late (absent in facts stored before issue 12). */
  filings?: { late: EvidenceRef[] };
  /** Declared public-opinion events during which the account published nothing. */
  silentDuring: EvidenceRef[];
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export interface IndicatorResult {
  key: IndicatorKey;
  label: string;
  article: string;
  weight: number;
  applicable: boolean;
  /** Points earned, 2 decimals. */
  earned: number;
  /** The figures in words, e.g. 应发布 31 天，达标 29 天. */
  detail: string;
  /** Records behind the figure (at most EVIDENCE_LIMIT; `evidenceTotal` counts all). */
  evidence: EvidenceRef[];
  evidenceTotal: number;
}

export type AdjustmentKind = 'deduction' | 'bonus';

/** One deduction or bonus line. `source` auto = the run made it from records; manual = a desk added it. */
export interface ScoreLine {
  /** Stable: `<month>:<accountId>:<rule>:<evidence id>` (auto) or the adjustment's id (manual). */
  id: string;
  kind: AdjustmentKind;
  source: 'auto' | 'manual';
  rule: AutoDeductionKey | 'manual';
  label: string;
  article: string;
  points: number;
  reason: string;
  evidence: EvidenceRef;
  /** An upheld objection withdrew the line (it stays listed, not counted). */
  withdrawn: boolean;
}

/** One account's month (collection `evaluationResults`, `_id` `<month>:<accountId>`). */
export interface AccountResult {
  _id: string;
  month: MonthString;
  /** The run that wrote it: a re-run's documents replace the older ones. */
  runId: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  kind: AccountKind;
  unitId: string;
  /** The account's unit and every unit above it: roll-ups and scope reads. */
  unitPath: string[];
  /** The city bureau the account belongs to (null for the province's own accounts). */
  cityId: string | null;
  /** The record summary the scores were computed from (a manual line or a decision re-scores from it). */
  facts: AccountMonthFacts;
  indicators: IndicatorResult[];
  /** Σ earned / Σ applicable weights × 100. */
  indicatorScore: number;
  lines: ScoreLine[];
  deducted: number;
  bonus: number;
  score: number;
  grade: string;
}

/** A unit's month, its accounts rolled up (collection `evaluationUnitResults`, `_id` `<month>:<unitId>`). */
export interface UnitResult {
  _id: string;
  month: MonthString;
  runId: string;
  unitId: string;
  unitName: string;
  level: 'province' | 'city' | 'county';
  accounts: number;
  /** Mean of the accounts' scores. */
  score: number;
  deducted: number;
  /** Mean earned per indicator, over the accounts it applies to (`applicable` of them; 0 = none). */
  indicators: Array<{ key: IndicatorKey; label: string; earned: number; weight: number; applicable: number }>;
  /** Rank among the cities (cities only). */
  cityRank: number | null;
}

export type MonthState = 'running' | 'draft' | 'review' | 'published';

/** One month's run and its life (collection `evaluationMonths`, `_id` `month-YYYY-MM`). */
export interface EvaluationMonth {
  _id: string;
  month: MonthString;
  state: MonthState;
  schemeVersion: number;
  runId: string;
  /** Runs of this month so far (1 for the first). */
  runNo: number;
  phase: 'accounts' | 'finish' | 'done';
  /** Last account id scored by the run (accounts are taken in _id order). */
  cursor: string | null;
  accountsDone: number;
  chunks: number;
  /** Time spent by this run's chunks so far, and the longest one (ms): against the function time limit. */
  runMs: number;
  longestChunkMs: number;
  /** sha256 of every result of the run, in _id order: the same records give the same digest. */
  digest: string | null;
  startedAt: IsoTime;
  computedAt: IsoTime | null;
  releasedAt: IsoTime | null;
  releasedBy: string | null;
  /** End of the objection period (working days on the project's calendar). */
  objectionDeadline: IsoTime | null;
  publishedAt: IsoTime | null;
  publishedBy: string | null;
  circular: CircularFiles | null;
  rev: number;
}

export interface CircularFiles {
  docx: string;
  xlsx: string;
  generatedAt: IsoTime;
}

/** Rankings of a computed month (collection `evaluationStandings`, `_id` = month): one read for every rank. */
export interface Standings {
  _id: string;
  month: MonthString;
  runId: string;
  /** accountId → [rank in the province, rank among the accounts of its kind]. */
  ranks: { [accountId: string]: [number, number] };
  counts: { all: number; institutional: number; personal: number };
  cities: Array<{ unitId: string; unitName: string; score: number; rank: number; accounts: number }>;
  /** Totals for the circular's 总体情况 and 存在问题. */
  totals: MonthTotals;
}

export interface MonthTotals {
  accounts: number;
  meanScore: number;
  grades: Array<{ label: string; count: number }>;
  missedDays: number;
  messagesReceived: number;
  messagesUnanswered: number;
  referralsDue: number;
  referralsLate: number;
  refusedPublish: number;
  sentBack: number;
  silent: number;
  incidents: number;
  /** Password changes attested after their due time (第三十三条). */
  lateRotations: number;
  /** Filings due in the month and late (第十四条). */
  filingsLate: number;
  linkageMissed: number;
  deductionLines: number;
}

/** A manual deduction or bonus by the desk (collection `evaluationAdjustments`). */
export interface EvaluationAdjustment {
  _id: string;
  month: MonthString;
  accountId: string;
  kind: AdjustmentKind;
  article: string;
  points: number;
  reason: string;
  evidence: EvidenceRef;
  by: string;
  at: IsoTime;
}

export type ObjectionState = 'pending' | 'upheld' | 'rejected';

/** A unit's objection to one deduction (collection `evaluationObjections`, `_id` `obj-<lineId>`). */
export interface Objection {
  _id: string;
  month: MonthString;
  lineId: string;
  accountId: string;
  unitId: string;
  /** The line as it stood when objected to. */
  line: ScoreLine;
  reason: string;
  raisedBy: string;
  raisedAt: IsoTime;
  state: ObjectionState;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: IsoTime | null;
  rev: number;
}

/** 失声失语 (第三十六条): a public-opinion event the desk declared; accounts under `unitId` must speak. */
export interface OpinionEvent {
  _id: string;
  title: string;
  unitId: string;
  from: IsoTime;
  to: IsoTime;
  /** The month of `from` (the run reads a month's events by it). */
  month: MonthString;
  declaredBy: string;
  declaredAt: IsoTime;
}

/** 第十五条: an attempt to publish what was not approved, refused and recorded (collection `publishRefusals`). */
export interface PublishRefusal {
  _id: string;
  accountId: string;
  postId: string;
  personId: string;
  code: string;
  at: IsoTime;
}

/** 第三十八条 年度优秀 marks of a year (collection `evaluationYears`, `_id` `year-YYYY`). */
export interface EvaluationYear {
  _id: string;
  year: number;
  excellent: ExcellentMark[];
  rev: number;
}

export interface ExcellentMark {
  targetKind: 'unit' | 'account';
  targetId: string;
  name: string;
  reason: string;
  by: string;
  at: IsoTime;
}

// ---------------------------------------------------------------------------------------------
// The evaluation function's contract
// ---------------------------------------------------------------------------------------------

export interface SchemeView {
  scheme: EvaluationScheme;
  /** Every version, newest first (version, fromMonth). */
  versions: Array<{ version: number; fromMonth: MonthString }>;
  /** The first month a new version may start (the next month: a running or past period never changes). */
  nextEditableMonth: MonthString;
  /** The caller is the province desk (may save a new version). */
  desk: boolean;
}

export interface MonthProgress {
  month: MonthString;
  state: MonthState | 'none';
  phase: EvaluationMonth['phase'] | null;
  accountsDone: number;
  chunks: number;
  runNo: number;
  runMs: number;
  longestChunkMs: number;
  rev: number;
  digest: string | null;
}

export interface MonthView extends MonthProgress {
  schemeVersion: number | null;
  releasedAt: IsoTime | null;
  objectionDeadline: IsoTime | null;
  publishedAt: IsoTime | null;
  /** The caller is the province desk (may run, release, adjust, decide, publish). */
  desk: boolean;
  standings: Standings | null;
  pendingObjections: number;
  circular: boolean;
}

export interface RankingItem {
  accountId: string;
  accountName: string;
  platform: Platform;
  kind: AccountKind;
  unitId: string;
  score: number;
  grade: string;
  rank: number;
  deducted: number;
}

export interface RankingPage {
  items: RankingItem[];
  nextOffset: number | null;
}

export interface TrendPoint {
  month: MonthString;
  score: number;
  rank: number | null;
}

export interface AccountResultView {
  result: AccountResult;
  rank: number | null;
  kindRank: number | null;
  of: number;
  state: MonthState;
  /** Objections raised on this account's lines this month. */
  objections: Objection[];
  /** The objection period is open: the caller may object. */
  canObject: boolean;
  trend: TrendPoint[];
}

export interface UnitResultView {
  result: UnitResult;
  state: MonthState;
  trend: TrendPoint[];
}

export interface ObjectionPage {
  items: Objection[];
  nextOffset: number | null;
}

export interface CircularLinks {
  docxUrl: string;
  xlsxUrl: string;
  docxFileId: string;
  xlsxFileId: string;
}

export interface PublishResult extends MonthProgress {
  /** The month was already published by an earlier call: nothing changed. */
  alreadyPublished: boolean;
  circular: CircularLinks | null;
}

export interface YearView {
  year: number;
  /** Months of the year that are published, with the province mean. */
  months: Array<{ month: MonthString; meanScore: number }>;
  /** Cities by their mean over the published months, best first. */
  cities: Array<{ unitId: string; unitName: string; meanScore: number; months: number; rank: number }>;
  /** The caller's target (a unit or account) month by month, best month first. */
  target: { kind: 'unit' | 'account'; id: string; months: TrendPoint[] } | null;
  excellent: ExcellentMark[];
  rev: number;
  desk: boolean;
}

export interface EvaluationApi {
  /** The scheme in force for a month (default: next month), with every version. */
  scheme: ActionSpec<{ month?: MonthString }, SchemeView>;
  /** The province desk sets the scheme from a future month on; a running or past period never changes. */
  schemeSave: ActionSpec<{ fromMonth: MonthString; expectedVersion: number; scheme: SchemeData }, SchemeView>;
  /** Starts (or re-starts) a month's run, or continues it, for a bounded time; the timer does the same after month end. */
  run: ActionSpec<{ month: MonthString; restart: boolean }, MonthProgress>;
  /** A month's state and rankings (the draft only to the province desk). */
  month: ActionSpec<{ month: MonthString }, MonthView>;
  /** The ranked accounts of a month, paged; optionally one kind or one unit's subtree. */
  ranking: ActionSpec<
    { month: MonthString; kind?: AccountKind; unitId?: string; offset?: number; limit?: number },
    RankingPage
  >;
  /** One account's month: score, rank, indicators with their records, lines, objections, trend. */
  result: ActionSpec<{ month: MonthString; accountId: string }, AccountResultView>;
  /** One unit's month, its accounts rolled up, with its trend. */
  unitResult: ActionSpec<{ month: MonthString; unitId: string }, UnitResultView>;
  /** The desk shows the draft to the units: the objection period starts. */
  release: ActionSpec<{ month: MonthString; expectedRev: number }, MonthProgress>;
  /** A manual deduction or bonus with its article and evidence (desk, before publishing). */
  adjust: ActionSpec<
    {
      month: MonthString;
      accountId: string;
      kind: AdjustmentKind;
      article: string;
      points: number;
      reason: string;
      evidence: { collection: string; id: string };
      requestKey: string;
    },
    { adjustmentId: string }
  >;
  /** A unit objects to one deduction, within the objection period. */
  object: ActionSpec<{ month: MonthString; accountId: string; lineId: string; reason: string }, Objection>;
  /** A month's objections, pending first. */
  objections: ActionSpec<{ month: MonthString; offset?: number; limit?: number }, ObjectionPage>;
  /** The desk decides an objection with a reason: upheld withdraws the deduction. */
  decide: ActionSpec<{ objectionId: string; expectedRev: number; upheld: boolean; reason: string }, Objection>;
  /** Publishes the month (frozen from then on) and generates the circular (.docx and .xlsx). */
  publish: ActionSpec<{ month: MonthString; expectedRev: number }, PublishResult>;
  /** Temporary download links of a published month's circular. */
  circular: ActionSpec<{ month: MonthString }, CircularLinks>;
  /** 失声失语: the desk declares a public-opinion event during which the accounts under a unit must speak. */
  declareEvent: ActionSpec<
    { title: string; unitId: string; from: IsoTime; to: IsoTime; requestKey: string },
    OpinionEvent
  >;
  /** A year's published months, the cities ranked by their mean, a unit's or account's months ranked. */
  year: ActionSpec<{ year: number; unitId?: string; accountId?: string }, YearView>;
  /** 第三十八条: the desk marks a unit or account 年度优秀. */
  markExcellent: ActionSpec<
    { year: number; targetKind: 'unit' | 'account'; targetId: string; reason: string; expectedRev: number },
    YearView
  >;
}
