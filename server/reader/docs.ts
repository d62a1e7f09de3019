/**
 * How the reader lives in the database (core/schema.ts, "reader"): the desk's settings, the prompt's
 * versions, the readings cached by content, the reading of each submitted version, one record per
 * call to the model, the tokens per unit and month, and the approvers' judgements with their counts.
 */
import { createHash } from 'node:crypto';
import type { IsoTime } from '../../typings/common';
import type { AccountKind } from '../../typings/org';
import type { CallOutcome, JudgementVerdict, ReaderFinding, ReaderSettings, ReadingState } from '../../typings/reader';
import type { SensitivityLevel } from '../../typings/screening';
import type { PromptItem } from '../../core/reader/prompt';

export const SETTINGS_ID = 'settings';
export const PROMPT_HEAD_ID = 'readerPromptVersion';

export interface SettingsDoc extends ReaderSettings {
  _id: typeof SETTINGS_ID;
}

export interface PromptHead {
  _id: typeof PROMPT_HEAD_ID;
  /** 1, 2, 3 …; no head: version 0, the prompt shipped with the code. */
  value: number;
  updatedAt: IsoTime;
}

export interface PromptDoc {
  _id: string;
  version: number;
  instructions: string;
  /** The items' words as this version sent them, with the desk's hints. */
  items: PromptItem[];
  at: IsoTime;
  by: string;
  summary: string;
}

export const promptDocId = (version: number): string => `rp-${String(version).padStart(9, '0')}`;

/** A completed reading, by what was read and how: a second reading of the same makes no call. */
export interface ReadingDoc {
  _id: string;
  model: string;
  promptVersion: number;
  accountKind: AccountKind;
  findings: ReaderFinding[];
  dropped: number;
  tokens: number;
  latencyMs: number;
  parts: number;
  at: IsoTime;
}

export function readingKey(
  promptVersion: number,
  model: string,
  accountKind: AccountKind,
  chunkChars: number,
  text: string,
): string {
  return createHash('sha256')
    .update(`${promptVersion}\n${model}\n${accountKind}\n${chunkChars}\n${text}`, 'utf8')
    .digest('hex');
}

/** What the reader said about one submitted version (written with the submission). */
export interface PostReadingDoc {
  _id: string;
  postId: string;
  version: number;
  unitId: string;
  accountId: string;
  state: ReadingState;
  note: string | null;
  model: string | null;
  promptVersion: number | null;
  findings: ReaderFinding[];
  dropped: number;
  raisedTo: SensitivityLevel | null;
  tokens: number;
  latencyMs: number;
  cached: boolean;
  at: IsoTime;
}

export const postReadingId = (postId: string, version: number): string => `${postId}#${version}`;

export interface CallDoc {
  _id: string;
  at: IsoTime;
  month: string;
  unitId: string;
  accountId: string | null;
  postId: string | null;
  version: number | null;
  purpose: 'submit' | 'check' | 'probe';
  model: string;
  promptVersion: number;
  part: number;
  parts: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  latencyMs: number;
  outcome: CallOutcome;
  errorCode: string | null;
  findings: number;
  dropped: number;
  /** Why findings were dropped (the first few), for whoever reads the record. */
  drops: string[];
}

export interface UsageDoc {
  _id: string;
  unitId: string;
  month: string;
  tokens: number;
  calls: number;
}

export const usageId = (unitId: string, month: string): string => `${unitId}:${month}`;

export interface JudgementDoc {
  _id: string;
  postId: string;
  version: number;
  findingId: string;
  item: string;
  model: string;
  promptVersion: number;
  verdict: JudgementVerdict;
  personId: string;
  unitId: string;
  /** The month of the first judgement: its counts stay in that month's statistics. */
  month: string;
  at: IsoTime;
}

export const judgementId = (postId: string, version: number, findingId: string, personId: string): string =>
  `${postId}#${version}#${findingId}#${personId}`;

export interface StatsDoc {
  _id: string;
  month: string;
  model: string;
  promptVersion: number;
  /** Counts per item code (an array: item codes hold dots, which field names must not). */
  items: Array<{ item: string; right: number; wrong: number }>;
}

export const statsId = (month: string, model: string, promptVersion: number): string =>
  `${month}|${model}|${promptVersion}`;
