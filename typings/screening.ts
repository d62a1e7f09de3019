/**
 * Content screening (第十七条, 第十八条, 第二十一条, 第二十二至二十八条, 第四十条). Type-only.
 * The category table itself (which article, which effect, which level floor) is data in
 * core/screening/categories.ts.
 */
import type { ActionSpec } from './api';
import type { AccountKind } from './org';

/** 一般 / 重大敏感 / 特别重大敏感或涉及全省 (第十六条): decides the approval chain. */
export type SensitivityLevel = 'ordinary' | 'major' | 'especiallyMajor';

/** block: submission refused; caution: raises the minimum level; triage: a suggestion for a netizen message. */
export type ScreeningEffect = 'block' | 'caution' | 'triage';

export type ScreeningCategoryId =
  // 第十七条（一）1–12: never publish or forward
  | 'reputation'
  | 'massIncident'
  | 'politicsEthnicReligion'
  | 'crimeDetail'
  | 'policyCriticism'
  | 'unverifiedPolice'
  | 'secret'
  | 'privacy'
  | 'sobStory'
  | 'hotIssue'
  | 'commercial'
  | 'foreignMedia'
  // 第十七条（二）1–11: publish with caution
  | 'stabilityPetition'
  | 'officialCrime'
  | 'majorCase'
  | 'vulnerable'
  | 'safetyStats'
  | 'publicAnxiety'
  | 'otherPoliceInfo'
  | 'leaderSpeech'
  | 'largeSecurity'
  | 'unrelated'
  | 'controversial'
  // 第十八条 / 第四十条: personal accounts
  | 'personalSensitive'
  | 'personalMicroEvent'
  | 'personalImproper'
  // 第二十一条: a repost names its source
  | 'sourceMissing'
  // message triage (第二十二至二十八条)
  | 'policeReport'
  | 'abusive'
  | 'unlawful'
  | 'complaint'
  | 'helpRequest'
  | 'negativePolice'
  // WeChat security.msgSecCheck verdicts
  | 'platformRisky'
  | 'platformReview';

/** Where a category applies: every text, only posts of personal accounts, or only netizen messages. */
export type ScreeningScope = 'all' | 'personalPost' | 'message';

export interface ArticleRef {
  /** 17 for 第十七条. */
  article: number;
  /** 1 for （一）, 2 for （二）; null when the article has no numbered paragraphs. */
  clause: number | null;
  /** The numbered item inside the clause; null when none. */
  item: number | null;
}

interface CategoryBase {
  id: ScreeningCategoryId;
  ref: ArticleRef;
  /** Chinese title shown to the user. */
  title: string;
  scope: ScreeningScope;
}

export type ScreeningCategory =
  | (CategoryBase & { effect: 'block' | 'triage' })
  | (CategoryBase & { effect: 'caution'; levelFloor: SensitivityLevel });

/** Detectors that fire without a lexicon term. */
export type ScreeningDetectorId =
  | 'idNumber'
  | 'mobile'
  | 'bankCard'
  | 'plate'
  | 'address'
  | 'minorIdentity'
  | 'secretMark'
  | 'price'
  | 'purchaseCall'
  | 'shopLink'
  | 'foreignDomain'
  | 'foreignOutlet'
  | 'sourceMissing'
  | 'msgSecCheck';

export interface LexiconTerm {
  term: string;
  category: ScreeningCategoryId;
}

/** Plain lexicon data; a matcher is built once per `version`, so a version must name one content. */
export interface LexiconData {
  version: string;
  terms: LexiconTerm[];
  /** Phrases whose occurrences suppress hits lying fully inside them (known false positives). */
  allow: string[];
}

interface HitBase {
  category: ScreeningCategoryId;
  /** e.g. 第十七条（一）8 */
  ref: string;
  title: string;
  effect: ScreeningEffect;
  /** Set for caution hits. */
  levelFloor: SensitivityLevel | null;
  /** What fired: a lexicon term or a detector. */
  source: 'lexicon' | ScreeningDetectorId;
  /** The lexicon term as written, or the detector's Chinese name. */
  rule: string;
}

/** Offsets are UTF-16 code units into the original string, end exclusive. */
export interface SpanHit extends HitBase {
  where: 'text' | 'outlet' | 'link';
  start: number;
  end: number;
  /** The original text of the span; masked for personal data (never the full number). */
  matched: string;
}

/** A verdict about the whole text (WeChat content security). */
export interface PlatformHit extends HitBase {
  where: 'platform';
  label: number;
  labelName: string;
}

export type ScreeningHit = SpanHit | PlatformHit;

/** A post is screened for its account's kind; a netizen message is screened for triage. */
export type ScreeningContext = { kind: 'post'; accountKind: AccountKind } | { kind: 'message' };

/** 第二十一条: what a repost names as its source. */
export interface RepostSource {
  outlet: string;
  link: string;
}

export interface ScreeningInput {
  text: string;
  context: ScreeningContext;
  /** Present when the post forwards another outlet's content. */
  repostOf?: RepostSource;
}

export interface ScreeningResult {
  lexiconVersion: string;
  context: ScreeningContext;
  hits: ScreeningHit[];
  /** The minimum sensitivity level set by caution hits ('ordinary' when none). */
  level: SensitivityLevel;
  blocked: boolean;
  /** Distinct triage categories suggested, in table order. */
  triage: ScreeningCategoryId[];
}

/** WeChat security.msgSecCheck v2 result.suggest / result.label. */
export interface MsgSecCheckVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface LexiconProblem {
  code: 'TERM_EMPTY_AFTER_NORMALISATION' | 'UNKNOWN_CATEGORY' | 'DUPLICATE_TERM' | 'ALLOW_EMPTY_AFTER_NORMALISATION';
  message: string;
  /** The offending term or allow phrase as written. */
  value: string;
}

// ---- The screen function's contract ----

/** What WeChat's security.msgSecCheck (v2) said, or why it could not be asked. */
export type MsgSecCheckStatus =
  | { state: 'checked'; suggest: MsgSecCheckVerdict['suggest']; label: number }
  /** Not configured, refused, network or timeout: our own screening still answers. */
  | { state: 'unavailable'; note: string }
  /** No caller identity to ask with (a timer, a system task). */
  | { state: 'skipped' };

/** A screening answered by the service: the core's result with the platform check merged in. */
export interface ScreenedText extends ScreeningResult {
  msgSecCheck: MsgSecCheckStatus;
}

export interface CheckParams {
  text: string;
  /** When given, screened as `title + '\n' + text`: offsets count from the title's start. */
  title?: string;
  /** Default 'institutional'; 第十八条 / 第四十条 categories apply to personal accounts. */
  accountKind?: AccountKind;
  source?: RepostSource;
}

export type LexiconEntryKind = 'term' | 'allow';

export interface LexiconEntryView {
  id: string;
  kind: LexiconEntryKind;
  term: string;
  /** null for an allow phrase. */
  category: ScreeningCategoryId | null;
  /** Chinese title and article of the category; null for an allow phrase. */
  categoryTitle: string | null;
  ref: string | null;
  effect: ScreeningEffect | null;
  /** The lexicon version that added it (0: the starter lexicon shipped with the code). */
  addedIn: number;
}

export interface LexiconCategoryCount {
  id: ScreeningCategoryId;
  title: string;
  ref: string;
  effect: ScreeningEffect;
  count: number;
}

export interface LexiconListParams {
  kind?: LexiconEntryKind;
  category?: ScreeningCategoryId;
  /** Part of the term, matched after the same normalisation as screening (case, width, 繁简). */
  search?: string;
  offset?: number;
  /** 0–100 (the shared list bound, server/schemas.ts), default 50. */
  limit?: number;
}

export interface LexiconPage {
  version: number;
  items: LexiconEntryView[];
  /** Entries matching the filter. */
  total: number;
  /** Terms per category (every category of the table, zeros included), unfiltered. */
  categories: LexiconCategoryCount[];
  allowCount: number;
  /** Whether the caller may edit and import (省厅政治部宣传处). */
  canEdit: boolean;
}

export type LexiconChange =
  | { op: 'addTerm'; term: string; category: ScreeningCategoryId }
  | { op: 'removeTerm'; id: string }
  | { op: 'addAllow'; phrase: string }
  | { op: 'removeAllow'; id: string };

export interface LexiconEditParams {
  /** 1–50 changes, applied together as one version. */
  changes: LexiconChange[];
}

export interface LexiconEditResult {
  version: number;
  added: number;
  removed: number;
  /** Additions already present, left as they were. */
  duplicates: number;
}

export interface LexiconImportParams {
  /** `term,category` with a header line; category as its id (privacy) or its Chinese title. */
  csv: string;
  /** Validate and count only. */
  dryRun?: boolean;
}

export interface LexiconRowError {
  /** 1-based line of the CSV text (the header is line 1). */
  line: number;
  message: string;
}

export type LexiconImportResult =
  /** Row errors: nothing was imported. */
  | { applied: false; dryRun: false; rows: number; errors: LexiconRowError[] }
  /** A valid preview: what an import would add. */
  | { applied: false; dryRun: true; rows: number; errors: []; added: number; duplicates: number }
  | { applied: true; dryRun: false; rows: number; errors: []; added: number; duplicates: number; version: number };

export interface ScreenApi {
  /** Screens a draft for the editor's marks: every hit with its article, the minimum level, blocked or not. */
  check: ActionSpec<CheckParams, ScreenedText>;
  /** The lexicon of the current version, by kind and category, with search and counts. */
  lexiconList: ActionSpec<LexiconListParams, LexiconPage>;
  /** 省厅政治部宣传处 adds or removes terms and allow phrases; one new version per call, audited. */
  lexiconEdit: ActionSpec<LexiconEditParams, LexiconEditResult>;
  /** 省厅政治部宣传处 imports `term,category` CSV: all rows valid or nothing imported; one new version. */
  lexiconImport: ActionSpec<LexiconImportParams, LexiconImportResult>;
}
