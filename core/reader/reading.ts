/**
 * A reading as a whole: the parts' answers combined into findings, the level a confident caution
 * finding may lift the post to (only when the desk allows it), the tokens to reserve before asking,
 * and the Chinese note that says why a post went on the rules alone.
 */
import type { ReaderFinding, ReaderSettings, ReadingState } from '../../typings/reader';
import type { SensitivityLevel } from '../../typings/screening';
import { higherLevel } from '../screening/categories';
import { beijingParts } from '../time';
import type { LocatedFinding } from './answer';
import type { ChatMessage } from './prompt';

export function findingViews(located: readonly LocatedFinding[]): ReaderFinding[] {
  return located.map((f, i) => ({
    id: `f${i + 1}`,
    item: f.item.code,
    ref: f.item.ref,
    title: f.item.title,
    kind: f.item.kind,
    levelFloor: f.item.levelFloor,
    category: f.item.category,
    start: f.start,
    end: f.end,
    quote: f.quote,
    reason: f.reason,
    confidence: f.confidence,
  }));
}

/**
 * The level a reading lifts a post to, or null. Only caution items with a floor, only from the
 * desk's confidence up, only when the desk's setting says so, and only above `current` (the level
 * the post already runs on). Prohibited items never act on their own: the model never blocks.
 */
export function raisedLevel(
  findings: readonly ReaderFinding[],
  settings: Pick<ReaderSettings, 'raiseFloor' | 'raiseConfidence'>,
  current: SensitivityLevel,
): SensitivityLevel | null {
  if (!settings.raiseFloor) return null;
  let level = current;
  for (const f of findings) {
    if (f.kind === 'caution' && f.levelFloor !== null && f.confidence >= settings.raiseConfidence)
      level = higherLevel(level, f.levelFloor);
  }
  return level === current ? null : level;
}

/** What one call's answer may cost at most, for the completion: a full findings list is a few hundred tokens. */
export const COMPLETION_ALLOWANCE = 1024;

/**
 * Tokens reserved before a call: every character of the messages as a token (Chinese runs close to
 * one token a character or less), plus the answer's allowance. The real usage replaces it after.
 */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + [...m.content].length, 0) + COMPLETION_ALLOWANCE;
}

/** The Beijing month of an instant, `YYYY-MM`: budgets and records are kept per month. */
export function monthOf(ms: number): string {
  const p = beijingParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const LEVEL_WORDS: Record<SensitivityLevel, string> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感或涉及全省',
};

export interface NoteFacts {
  timeoutSeconds?: number;
  errorCode?: string | null;
  used?: number;
  budget?: number;
  dropped?: number;
}

/**
 * What a platform code means to an officer. The SDK lets through the HTTP status of a refused call
 * (server/reader/model.ts), the gateway's code when it answers 200 with one, or Node's network code;
 * the code itself stays in the note for the province desk.
 */
const CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/^(403|AI_MODEL_DISABLED|MODEL_NOT_ENABLED|PERMISSION_DENIED)$/, '本环境未开通该模型或无权调用'],
  [/^(429|EXCEED_TOKEN_QUOTA_LIMIT|EXCEED_.*|RATE_LIMIT.*|RESOURCE_EXHAUSTED)$/, '平台调用频率或额度已达上限'],
  [/^(401|INVALID_ACCESS_TOKEN|INVALID_CREDENTIALS)$/, '云环境身份校验未通过'],
  [/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|ENETUNREACH)$/, '连接大模型服务失败'],
  [/^5\d\d$/, '大模型服务出错'],
  [/^INTERNAL$/, '审读记录未能写入'],
];

function causeOf(code: string): string | null {
  return CAUSES.find(([pattern]) => pattern.test(code))?.[1] ?? null;
}

/** `（平台调用频率或额度已达上限，429）`, `（SOME_CODE）`, or nothing when the platform said nothing. */
function errorDetail(code: string | null): string {
  if (code === null || code === '') return '';
  const cause = causeOf(code);
  return cause ? `（${cause}，${code}）` : `（${code}）`;
}

/** Why the post went on the rules alone, as the operator and approvers read it beside the marks. */
export function noteFor(state: ReadingState, facts: NoteFacts = {}): string | null {
  switch (state) {
    case 'done':
      return facts.dropped ? `大模型答复中有 ${facts.dropped} 条不符合格式或引文与原文不符，已丢弃` : null;
    case 'off':
      return null;
    case 'timeout':
      return `大模型审读超时（${facts.timeoutSeconds ?? '?'} 秒内未答复），本版本仅按规则筛查`;
    case 'overBudget':
      return `本单位本月大模型审读额度已用完（已用 ${facts.used ?? 0} / ${facts.budget ?? 0} tokens），本版本仅按规则筛查`;
    case 'error':
      return facts.errorCode === 'MALFORMED'
        ? '大模型答复无法识别（不是约定的格式），已丢弃，本版本仅按规则筛查'
        : `大模型审读暂不可用${errorDetail(facts.errorCode ?? null)}，本版本仅按规则筛查`;
  }
}

/** The history line of a lift, naming what the model found. */
export function liftSummary(
  level: SensitivityLevel,
  findings: readonly ReaderFinding[],
  minConfidence: number,
): string {
  const basis = findings
    .filter((f) => f.kind === 'caution' && f.levelFloor === level && f.confidence >= minConfidence)
    .map((f) => `${f.ref}（置信度 ${f.confidence.toFixed(2)}）`);
  return `大模型审读认为涉及${basis.join('、')}，按省厅设置提高至“${LEVEL_WORDS[level]}”`;
}
