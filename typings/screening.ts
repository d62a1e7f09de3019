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
  // 第十八条 / 第四十条 / 第四十一条: personal accounts
  | 'personalSensitive'
  | 'personalMicroEvent'
  | 'personalImproper'
  | 'personalCriticism'
  | 'personalPayment'
  // 第三十三条: an account's password or a verification code written into a post
  | 'credential'
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

/**
 * Where a category applies: every text, only posts of personal accounts, only posts of institutional
 * accounts, or only netizen messages.
 */
export type ScreeningScope = 'all' | 'personalPost' | 'institutionalPost' | 'message';

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
  | 'credential'
  | 'msgSecCheck';

export interface LexiconTerm {
  term: string;
  category: ScreeningCategoryId;
}

/** Where the groups of a combination rule must all be found. */
export type RuleWithin =
  /** One sentence (ended by 。！？；, their ASCII forms or a line break). */
  | { kind: 'sentence' }
  /** Within `chars` characters of the original text, from the first part's start to the last part's end. */
  | { kind: 'window'; chars: number };

/**
 * A combination rule (第十七条 and the personal-account articles): terms of every group found
 * together, matched exactly with the lexicon's normalisation, unless an exclusion term stands in the
 * same sentence. A rule is data; the province desk edits it like the lexicon.
 */
export interface CombinationRule {
  /** Stable: edits, hits and the audit name the rule by it. */
  id: string;
  /** Chinese name shown in the editor and on every hit. */
  name: string;
  /** The item the rule serves (its article and title come from the category table). */
  category: ScreeningCategoryId;
  /** block or caution (with its level floor) for posts; triage for netizen messages. */
  effect: ScreeningEffect;
  /** Set for caution, null otherwise. */
  levelFloor: SensitivityLevel | null;
  /** One term of every group must be found; each group a set of terms. */
  groups: string[][];
  /** Any term of any exclusion group in the sentence where the match starts cancels it. */
  exclude: string[][];
  within: RuleWithin;
  /** The groups must follow one another in the order written, without overlapping. */
  ordered: boolean;
  /** Why the rule exists, for whoever edits it next. */
  note: string;
}

/** A rule as the editor sends it: everything but the id. */
export type RuleDraft = Omit<CombinationRule, 'id'>;

/**
 * 规范表述: a wrong or non-standard expression and the form to use, with why and on whose
 * authority. Flagged as a suggestion, never a refusal.
 */
export interface WordingRule {
  id: string;
  wrong: string;
  correct: string;
  reason: string;
  source: string;
}

export type WordingDraft = Omit<WordingRule, 'id'>;

/** Plain lexicon data; a matcher is built once per `version`, so a version must name one content. */
export interface LexiconData {
  version: string;
  terms: LexiconTerm[];
  /** Phrases whose occurrences suppress hits lying fully inside them (known false positives). */
  allow: string[];
  /** Combination rules, matched in the same automaton pass as the terms. */
  rules?: readonly CombinationRule[];
  /** Standard wording, matched in the same pass. */
  wording?: readonly WordingRule[];
}

/**
 * 语义研判: the classifier's weights as shipped (core/screening/classifier-model.ts, written by
 * tools/screening-classifier.ts from the corpus's tuning parts).
 */
export interface ClassifierModelData {
  version: string;
  /** Buckets are 2^bits. */
  bits: number;
  classes: ScreeningCategoryId[];
  /** A finding needs at least this probability. */
  threshold: number;
  bias: number[];
  /** Per class: a weight is its signed byte times this. */
  scale: number[];
  /** Base64 of the signed bytes, bucket-major: bucket * classes.length + class. */
  weights: string;
  /** What it learned from: corpus part ids, never the part kept out. */
  trainedOn: { parts: string[]; samples: number; everyday: number };
  /**
   * 语义复核: the lexicon terms and rules that fired wrongly too often on corpus parts no rule was written
   * from. Their hits stand only where the model reads their item at `assent` or more (docs/screening.md,
   * tenth round).
   */
  doubtful: DoubtfulReader[];
  /** The probability of its item under which a doubtful reader's hit is set aside. */
  assent: number;
}

/**
 * A term, rule or detector that misfired on text it was not written from. A rule is named by its id and
 * the fingerprint of what makes it fire: once the province desk edits it, it is trusted again until it is
 * measured again. A detector is named by its id and the name its hits carry (detectorDoubtKey).
 */
export interface DoubtfulReader {
  category: ScreeningCategoryId;
  source: 'lexicon' | 'rule' | 'detector';
  /** The term as written, `ruleId@fingerprint` (ruleFingerprint in core/screening/rules.ts), or `detectorId/name`. */
  key: string;
  /** The term, the rule's name or the detector's, as the desk knows it. */
  name: string;
  /** Firings on positives of its item, and firings the labels do not allow, on those parts. */
  right: number;
  wrong: number;
}

interface HitBase {
  category: ScreeningCategoryId;
  /** e.g. 第十七条（一）8 */
  ref: string;
  title: string;
  effect: ScreeningEffect;
  /** Set for caution hits. */
  levelFloor: SensitivityLevel | null;
  /** What fired: a lexicon term, a combination rule, a detector or the classifier (语义研判). */
  source: 'lexicon' | 'rule' | 'classifier' | ScreeningDetectorId;
  /** The lexicon term as written, the rule's name, the detector's Chinese name, or 语义研判 with its confidence. */
  rule: string;
}

/** One group's part of a combination rule hit. */
export interface RulePart {
  /** 0-based index of the group in the rule. */
  group: number;
  /** The group's term as written. */
  term: string;
  start: number;
  end: number;
  matched: string;
}

/** Offsets are UTF-16 code units into the original string, end exclusive. */
export interface SpanHit extends HitBase {
  where: 'text' | 'outlet' | 'link';
  /** A rule hit spans its first part's start to its last part's end. */
  start: number;
  end: number;
  /** The original text of the span; masked for personal data (never the full number). */
  matched: string;
  /** Set for a rule hit: the rule's id. */
  ruleId?: string;
  /** Set for a rule hit: one part per group, in group order. */
  parts?: RulePart[];
  /** Set for a classifier hit: the model's probability, 0..1. */
  confidence?: number;
  /** Set for a classifier hit: the phrases that weighed most, in text order. */
  evidence?: { start: number; end: number; matched: string }[];
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

/** A standard-wording finding: replace [start, end) with `correct` (one tap in the editor). */
export interface WordingSuggestion {
  ruleId: string;
  start: number;
  end: number;
  matched: string;
  wrong: string;
  correct: string;
  reason: string;
  source: string;
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
  /** 规范表述: suggestions only; they never block nor raise the level. */
  suggestions: WordingSuggestion[];
  /**
   * 语义复核: hits of doubtful terms, rules and cue detectors that 语义研判 did not read as their item, so
   * neither block nor raise the level; absent when there are none. Shown on the rule editor's test bench.
   */
  setAside?: SpanHit[];
}

/** WeChat security.msgSecCheck v2 result.suggest / result.label. */
export interface MsgSecCheckVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface LexiconProblem {
  code:
    | 'TERM_EMPTY_AFTER_NORMALISATION'
    | 'UNKNOWN_CATEGORY'
    | 'DUPLICATE_TERM'
    | 'ALLOW_EMPTY_AFTER_NORMALISATION'
    | 'RULE_INVALID'
    | 'WORDING_INVALID';
  message: string;
  /** The offending term, allow phrase, rule name or wrong form as written. */
  value: string;
}

/** Why a rule cannot be saved: a stable code, the field, and what the editor reads. */
export interface RuleProblem {
  code:
    | 'NAME'
    | 'CATEGORY'
    | 'EFFECT'
    | 'NO_GROUPS'
    | 'EMPTY_GROUP'
    | 'TERM'
    | 'SINGLE_CHARACTER'
    | 'DUPLICATE_TERM'
    | 'EXCLUDED_TERM'
    | 'WINDOW'
    | 'TOO_LARGE'
    | 'NOTE';
  /** e.g. groups.1.0 for the first term of the second group. */
  field: string;
  message: string;
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
  /** 语义复核: its record on text no rule was written from, when that made it doubtful (see RuleView.doubt). */
  doubt?: { right: number; wrong: number };
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

// ---- combination rules (issue 17) ----

/** A rule as listed: the rule, its category's article and title, and its history. */
export interface RuleView extends CombinationRule {
  ref: string;
  categoryTitle: string;
  /** e.g. 禁止发布, 审慎发布, 审慎发布（不低于重大敏感）. */
  effectLabel: string;
  /** Edits so far; an edit or removal names the revision it read. */
  revision: number;
  addedIn: number;
  changedIn: number | null;
  /**
   * 语义复核: how often it fired rightly and wrongly on text it was not written from, when that made it
   * doubtful (its hits then need 语义研判's assent); absent for a rule trusted, or rewritten since.
   */
  doubt?: { right: number; wrong: number };
}

export interface RuleCategoryCount {
  id: ScreeningCategoryId;
  title: string;
  ref: string;
  count: number;
  /**
   * The effect a new rule of this category takes unless the editor chooses otherwise, from its article:
   * 第十七条（一） → block, （二） → caution with the category's level floor, messages → triage.
   */
  effect: ScreeningEffect;
  /** The caution's level floor; null for block and triage. */
  levelFloor: SensitivityLevel | null;
}

export interface RuleListParams {
  category?: ScreeningCategoryId;
  /** Part of the name or of any term, matched after normalisation. */
  search?: string;
  offset?: number;
  /** 0–100, default 50. */
  limit?: number;
}

export interface RulePage {
  version: number;
  items: RuleView[];
  nextOffset: number | null;
  /** Rules per category, every category that rules may serve (zeros included). */
  categories: RuleCategoryCount[];
  /** Whether the caller may edit and import (省厅政治部宣传处). */
  canEdit: boolean;
}

export interface RuleGetParams {
  id: string;
}

export interface RuleGetResult {
  version: number;
  rule: RuleView;
  canEdit: boolean;
}

export interface RuleSaveParams {
  /** Absent for a new rule. */
  id?: string;
  /** Required with `id`: the revision the editor read (a rule changed since is refused, CONFLICT). */
  expectedRevision?: number;
  rule: RuleDraft;
}

export interface RuleSaveResult {
  version: number;
  rule: RuleView;
  created: boolean;
  /** Nothing differed from what is stored: no new version. */
  unchanged: boolean;
}

export interface RuleRemoveParams {
  id: string;
  expectedRevision: number;
}

export interface RuleRemoveResult {
  version: number;
}

/** An occurrence of one of a rule's terms in the tested text. */
export interface RuleTermSpan {
  /** 0-based group; -1 - n for exclusion group n. */
  slot: number;
  term: string;
  start: number;
  end: number;
  matched: string;
}

/** How one rule read the tested text: whether it fired, why not, and every term of it found. */
export interface RuleTrace {
  /** null for the draft under test when it is new. */
  ruleId: string | null;
  name: string;
  ref: string;
  title: string;
  effectLabel: string;
  fired: boolean;
  /** Set when it fired but 语义复核 set its hits aside (then `fired` is false and `reason` says why). */
  setAside?: boolean;
  /** Why not, in Chinese; null when it fired. */
  reason: string | null;
  /** The hits it produced, with one part per group. */
  hits: SpanHit[];
  terms: RuleTermSpan[];
}

export interface RuleTestParams {
  text: string;
  /** When given, tested as `title + '\n' + text` (offsets count from the title's start). */
  title?: string;
  /** Default 'institutional'. */
  accountKind?: AccountKind;
  /** The rule being edited, tested as if saved (replacing the stored rule `id`, if given). */
  rule?: RuleDraft;
  id?: string;
}

export interface RuleTestResult {
  /** The whole screening (lexicon, rules with the draft in place, detectors), without the platform check. */
  result: ScreeningResult;
  /** The draft's own reading, or why it cannot be saved; null when no draft was sent. */
  draft: { problems: RuleProblem[]; trace: RuleTrace | null } | null;
  /** Every rule of which some term occurs, the fired ones first. */
  rules: RuleTrace[];
}

export interface RuleImportParams {
  /**
   * A header line, then one rule per line: 名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明
   * (or name,category,effect,levelFloor,within,window,ordered,groups,exclude,note). Groups are
   * separated by ；or ; and the terms of a group by | or 、. A name already stored replaces that rule.
   */
  csv: string;
  dryRun?: boolean;
}

export interface RuleImportResult {
  /** Row errors, or a dry run: nothing was saved. */
  applied: boolean;
  dryRun: boolean;
  rows: number;
  errors: LexiconRowError[];
  added: number;
  changed: number;
  unchanged: number;
  /** The new version when applied and something changed; the current one otherwise. */
  version: number;
}

// ---- standard wording (规范表述) ----

export interface WordingView extends WordingRule {
  addedIn: number;
}

export interface WordingListParams {
  /** Part of the wrong or the correct form. */
  search?: string;
  offset?: number;
  limit?: number;
}

export interface WordingPage {
  version: number;
  items: WordingView[];
  nextOffset: number | null;
  canEdit: boolean;
}

export type WordingChange = { op: 'add'; entry: WordingDraft } | { op: 'remove'; id: string };

export interface WordingEditParams {
  /** 1–50 changes, applied together as one version. */
  changes: WordingChange[];
}

export interface WordingEditResult {
  version: number;
  added: number;
  removed: number;
  /** Additions of a wrong form already listed, left as they were. */
  duplicates: number;
}

export interface ScreenApi {
  /** Screens a draft for the editor's marks: every hit with its article, the minimum level, blocked or not. */
  check: ActionSpec<CheckParams, ScreenedText>;
  /** The lexicon of the current version, by kind and category, with search and counts. */
  lexiconList: ActionSpec<LexiconListParams, LexiconPage>;
  /** 省厅政治部宣传处 adds or removes terms and allow phrases; one new version per call, audited. */
  lexiconEdit: ActionSpec<LexiconEditParams, LexiconEditResult>;
  /** 省厅政治部宣传处 imports `term,category` CSV: all rows valid or nothing imported; one new version. */
  lexiconImport: ActionSpec<LexiconImportParams, LexiconImportResult>;
  /** The combination rules of the current version, by category, with search. */
  ruleList: ActionSpec<RuleListParams, RulePage>;
  ruleGet: ActionSpec<RuleGetParams, RuleGetResult>;
  /** 省厅政治部宣传处 adds or changes a rule: validated (RULE_INVALID with every reason), one new version, audited. */
  ruleSave: ActionSpec<RuleSaveParams, RuleSaveResult>;
  ruleRemove: ActionSpec<RuleRemoveParams, RuleRemoveResult>;
  /** The rule editor's test bench: screens a pasted text with a draft rule in place, saving nothing. */
  ruleTest: ActionSpec<RuleTestParams, RuleTestResult>;
  /** CSV import of rules: every line valid or nothing saved, with each bad line's number and reason. */
  ruleImport: ActionSpec<RuleImportParams, RuleImportResult>;
  /** 规范表述 of the current version. */
  wordingList: ActionSpec<WordingListParams, WordingPage>;
  /** 省厅政治部宣传处 adds or removes standard wording; one new version, audited. */
  wordingEdit: ActionSpec<WordingEditParams, WordingEditResult>;
}
