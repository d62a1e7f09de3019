/**
 * The province desk's settings for the reader in one environment (第七条: 省厅政治部宣传处 guides the
 * whole province's new media): on or off, which of the environment's enabled models, how long a post
 * waits for it, the token budget per unit and month, and whether a confident finding on a caution
 * item may raise a post's level (default: advisory only).
 */
import type { ReaderSettings, ReaderSettingsInput } from '../../typings/reader';

export const TIMEOUT_MIN_SECONDS = 1;
/**
 * The post function runs 20 s (config.json); WeChat's content check may take 3 s of it, the
 * transaction and the answer need the rest.
 */
export const TIMEOUT_MAX_SECONDS = 12;
export const MONTHLY_TOKENS_MAX = 100_000_000;
export const UNIT_BUDGETS_MAX = 500;
export const CHUNK_MIN = 500;
export const CHUNK_MAX = 20_000;

export const DEFAULT_SETTINGS: ReaderSettings = {
  enabled: false,
  model: null,
  timeoutSeconds: 8,
  monthlyTokens: 300_000,
  unitBudgets: [],
  raiseFloor: false,
  raiseConfidence: 0.85,
  chunkChars: 3000,
  rev: 0,
  updatedAt: null,
  updatedBy: null,
};

/** `group/model`: the createModel group (hunyuan-exp, deepseek, …) and the model the environment enabled. */
export const MODEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\/[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function splitModel(model: string): { group: string; name: string } {
  const slash = model.indexOf('/');
  return { group: model.slice(0, slash), name: model.slice(slash + 1) };
}

/** The environment's enabled models as deployed (config.json envVariables READER_MODELS, comma-separated). */
export function enabledModels(declared: string | undefined): string[] {
  const models = (declared ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => MODEL_PATTERN.test(m));
  return [...new Set(models)];
}

/** What is wrong with the desk's input, in Chinese; empty when it can be saved. */
export function settingsProblems(input: ReaderSettingsInput, models: readonly string[], unitIds: ReadonlySet<string>) {
  const problems: string[] = [];
  if (input.model !== null && !models.includes(input.model))
    problems.push(`模型 ${input.model} 不在本环境已开通的模型中`);
  if (input.enabled && input.model === null) problems.push('启用大模型审读须先选择模型');
  const seen = new Set<string>();
  for (const budget of input.unitBudgets) {
    if (!unitIds.has(budget.unitId)) problems.push(`单位 ${budget.unitId} 不存在`);
    if (seen.has(budget.unitId)) problems.push(`单位 ${budget.unitId} 的额度重复设置`);
    seen.add(budget.unitId);
  }
  return problems;
}

/** The unit's tokens for a month: its own entry, else the province-wide figure. */
export function budgetOf(settings: Pick<ReaderSettings, 'monthlyTokens' | 'unitBudgets'>, unitId: string): number {
  return settings.unitBudgets.find((b) => b.unitId === unitId)?.tokens ?? settings.monthlyTokens;
}
