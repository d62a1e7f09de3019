/**
 * The reader (大模型审读): the platform's large model reads a post against the measures' own words as a
 * second reader beside the rules (第十七条, and for personal accounts 第十八条、第四十条、第四十一条).
 * Its findings are advisory marks labelled as the model's; it never blocks a post on its own.
 * Type-only: the mini-program imports it with `import type`.
 */
import type { ActionSpec } from './api';
import type { IsoTime } from './common';
import type { AccountKind } from './org';
import type { ScreeningCategoryId, ScreeningScope, SensitivityLevel } from './screening';

/**
 * One item of the measures the model is asked about, e.g. `17.1.9` for 第十七条（一）9. Prohibited
 * items are the 严禁 lists (第十七条（一）, 第十八条 activities, 第四十条, 第四十一条); caution items are
 * the 慎重 list (第十七条（二）) and 第十八条's sensitive information, each with the level floor the
 * rules give the same item.
 */
export interface ReaderItem {
  code: string;
  /** e.g. 第十七条（一）9 */
  ref: string;
  /** The measure's own words. */
  words: string;
  /** A short Chinese title for the mark. */
  title: string;
  /**
   * The same scope as the rules' category for the item: 'personalPost' only of personal accounts'
   * posts (第十八条、第四十条、第四十一条), 'institutionalPost' only of institutional accounts' posts.
   */
  scope: Exclude<ScreeningScope, 'message'>;
  kind: 'prohibited' | 'caution';
  /** The rules' floor for the same item (caution items); null for prohibited items. */
  levelFloor: SensitivityLevel | null;
  /** The rules' screening category for the same item, when there is one. */
  category: ScreeningCategoryId | null;
}

/** One thing the model pointed at, with its evidence located exactly in the original text. */
export interface ReaderFinding {
  /** Stable within its reading (`f1`, `f2`, …): judgements refer to it. */
  id: string;
  item: string;
  ref: string;
  title: string;
  kind: ReaderItem['kind'];
  levelFloor: SensitivityLevel | null;
  category: ScreeningCategoryId | null;
  /** UTF-16 offsets into `title + '\n' + text`, as the rules' hits, end exclusive. */
  start: number;
  end: number;
  /** The evidence exactly as it stands in the post. */
  quote: string;
  /** The model's reason, in Chinese (at most 200 characters). */
  reason: string;
  /** 0–1, as the model stated it. */
  confidence: number;
}

/**
 * How a reading ended. Every state but `done` means the post went on the rules alone, and `note`
 * says why in Chinese (shown beside the marks).
 */
export type ReadingState =
  /** The model answered every part; its findings are advisory. */
  | 'done'
  /** The province desk has not switched the reader on in this environment (no note shown). */
  | 'off'
  /** The model did not answer within the desk's time limit. */
  | 'timeout'
  /** The platform refused or failed (model disabled, quota, network), or every answer was unusable. */
  | 'error'
  /** The unit's token budget for the month is spent. */
  | 'overBudget';

export interface ReadingView {
  state: ReadingState;
  note: string | null;
  /** `<group>/<model>` as the desk picked it, e.g. `hunyuan-exp/hunyuan-turbos-latest`. */
  model: string | null;
  promptVersion: number | null;
  findings: ReaderFinding[];
  /** Answers or findings discarded by the strict parser (malformed, unknown item, quote not in the post). */
  dropped: number;
  /** The level the reading lifted the post to (only when the desk's setting allows it); null otherwise. */
  raisedTo: SensitivityLevel | null;
  tokens: number;
  latencyMs: number;
  /** true: the same content was read before (same prompt version and model); no new call was made. */
  cached: boolean;
  at: IsoTime | null;
}

export type JudgementVerdict = 'right' | 'wrong';

/** What an approver said about one finding. */
export interface JudgementView {
  findingId: string;
  verdict: JudgementVerdict;
  personId: string;
  personName: string;
  at: IsoTime;
}

export interface PostReadingView {
  postId: string;
  /** The version the reading belongs to (the submitted one); null when the post has never been submitted. */
  version: number | null;
  reading: ReadingView | null;
  judgements: JudgementView[];
  /** The caller's own judgements (what their 判断正确 / 判断有误 buttons show). */
  mine: Array<{ findingId: string; verdict: JudgementVerdict }>;
  /** Whether the caller may mark findings right or wrong (an approver of the post, not one of its writers). */
  canJudge: boolean;
}

/** Whether the editor offers a reading on demand: the reader is switched on in this environment. */
export interface ReaderStatus {
  enabled: boolean;
  /** The desk's time limit: how long a reading (in the editor or at submission) may keep the operator waiting. */
  timeoutSeconds: number;
}

// ---- settings (province desk, per environment) ----

export interface UnitBudget {
  unitId: string;
  /** Tokens per month for this unit. */
  tokens: number;
}

export interface ReaderSettings {
  enabled: boolean;
  /** `<group>/<model>`, one of the environment's enabled models; null until the desk picks one. */
  model: string | null;
  /** After this the post proceeds on the rules alone (1–12 s). */
  timeoutSeconds: number;
  /** Tokens per unit per month, unless the unit has its own entry. */
  monthlyTokens: number;
  unitBudgets: UnitBudget[];
  /** Whether a confident finding on a caution item raises the post's level (default: advisory only). */
  raiseFloor: boolean;
  /** The confidence from which a caution finding raises the level (0.5–1). */
  raiseConfidence: number;
  /** The model's input limit per call, in characters of the post; longer posts are split on sentence boundaries. */
  chunkChars: number;
  rev: number;
  updatedAt: IsoTime | null;
  updatedBy: string | null;
}

export interface ReaderSettingsView {
  settings: ReaderSettings;
  /** The environment's enabled models, as deployed (config.json READER_MODELS). */
  models: string[];
  /** Names of the units with their own budget. */
  unitNames: Record<string, string>;
}

export type ReaderSettingsInput = Omit<ReaderSettings, 'rev' | 'updatedAt' | 'updatedBy'>;

export interface SettingsSaveParams {
  settings: ReaderSettingsInput;
  /** The rev the page loaded: a stale one is refused with CONFLICT. */
  expectedRev: number;
}

// ---- the prompt (stored in the database, versioned and audited) ----

export interface ReaderPromptView {
  /** 0: the prompt shipped with the code, before any edit. */
  version: number;
  /** The system instructions, editable by the province desk. */
  instructions: string;
  /** The items, in the measures' own words, each with the desk's optional hint. */
  items: Array<ReaderItem & { hint: string }>;
  /** The answer format the parser expects (fixed by the code, appended to every prompt). */
  format: string;
  at: IsoTime | null;
  byName: string | null;
}

export interface PromptSaveParams {
  /** The version the editor loaded: an edit on an older one is refused with CONFLICT. */
  expectedVersion: number;
  instructions: string;
  /** Item code → hint (补充说明); an empty string removes the hint. */
  hints: Record<string, string>;
}

export interface PromptVersionLine {
  version: number;
  at: IsoTime;
  byName: string;
  summary: string;
}

export interface PromptVersionsPage {
  items: PromptVersionLine[];
  nextOffset: number | null;
}

/** The whole system prompt as it is sent for one account kind (for the editor's preview). */
export interface PromptPreviewParams {
  accountKind: AccountKind;
}

// ---- records ----

export type CallOutcome = 'ok' | 'timeout' | 'error' | 'malformed';

/** One call to the model: what it cost and how it ended. */
export interface ReaderCallView {
  id: string;
  at: IsoTime;
  unitId: string;
  unitName: string;
  postId: string | null;
  version: number | null;
  purpose: 'submit' | 'check' | 'probe';
  model: string;
  promptVersion: number;
  /** 1-based part of a split post, and the number of parts. */
  part: number;
  parts: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  latencyMs: number;
  outcome: CallOutcome;
  /** The platform's error code (e.g. AI_MODEL_DISABLED), when it gave one. */
  errorCode: string | null;
  findings: number;
  dropped: number;
}

export interface MonthParams {
  /** YYYY-MM (Beijing); absent: this month. */
  month?: string;
  offset?: number;
  /** 0–100 (0: the header only), default 20. */
  limit?: number;
}

export interface ReaderCallsPage {
  month: string;
  items: ReaderCallView[];
  nextOffset: number | null;
}

export interface UnitUsageView {
  unitId: string;
  unitName: string;
  tokens: number;
  calls: number;
  budget: number;
}

export interface UsagePage {
  month: string;
  items: UnitUsageView[];
  nextOffset: number | null;
}

/** Approvers' judgements of one item's findings, for one model and prompt version. */
export interface ItemJudgements {
  item: string;
  ref: string;
  title: string;
  right: number;
  wrong: number;
}

export interface ModelJudgements {
  model: string;
  promptVersion: number;
  items: ItemJudgements[];
  right: number;
  wrong: number;
}

export interface JudgementStats {
  month: string;
  models: ModelJudgements[];
}

export interface ProbeResult {
  model: string;
  ok: boolean;
  latencyMs: number;
  /** What the platform said when it refused (e.g. AI_MODEL_DISABLED), in Chinese. */
  message: string;
}

// ---- the reader function's contract ----

export interface CheckParams {
  /** The account the draft is for: its kind decides the items, its unit pays the tokens. */
  accountId: string;
  title: string;
  text: string;
}

export interface JudgeParams {
  postId: string;
  version: number;
  findingId: string;
  verdict: JudgementVerdict;
}

export interface ReaderApi {
  /** Whether the reader is on in this environment (the editor shows its button only then). */
  status: ActionSpec<Record<string, never>, ReaderStatus>;
  /** The editor's on-demand reading of a draft; the same content at submission reuses it (no second call). */
  check: ActionSpec<CheckParams, ReadingView>;
  /** The model's reading of a post's submitted version, with approvers' judgements, for its operators and approvers. */
  forPost: ActionSpec<{ postId: string }, PostReadingView>;
  /** An approver marks one finding right or wrong; changing one's mind replaces the earlier judgement. */
  judge: ActionSpec<JudgeParams, PostReadingView>;
  /** The province desk's settings for this environment, with the environment's enabled models. */
  settings: ActionSpec<Record<string, never>, ReaderSettingsView>;
  /** 省厅政治部宣传处 switches the reader on or off, picks the model, the limits and the budget; audited. */
  settingsSave: ActionSpec<SettingsSaveParams, ReaderSettingsView>;
  /** Sends a one-line question to a model, to see that the environment answers with it. */
  probe: ActionSpec<{ model: string }, ProbeResult>;
  /** The current prompt: instructions, the items in the measures' words with hints, and the answer format. */
  prompt: ActionSpec<Record<string, never>, ReaderPromptView>;
  /** A new prompt version from the desk's instructions and hints; audited. */
  promptSave: ActionSpec<PromptSaveParams, ReaderPromptView>;
  /** Earlier prompt versions, newest first. */
  promptVersions: ActionSpec<{ offset?: number; limit?: number }, PromptVersionsPage>;
  /** The system prompt as the model receives it for one account kind. */
  promptPreview: ActionSpec<PromptPreviewParams, { system: string }>;
  /** The month's calls: model, tokens, latency and outcome of each, newest first. */
  calls: ActionSpec<MonthParams, ReaderCallsPage>;
  /** The month's token use per unit against its budget. */
  usage: ActionSpec<MonthParams, UsagePage>;
  /** The month's judgements per model, prompt version and item. */
  stats: ActionSpec<{ month?: string }, JudgementStats>;
}
