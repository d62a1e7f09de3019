/**
 * One question to the platform's large model through the pinned wx-server-sdk: `cloud.ai()` (≥ 4.0.1)
 * → `createModel(group)` → `generateText({ model, messages, temperature }, { timeout })`.
 *
 * What the SDK does that matters here (read in node_modules/@cloudbase/node-sdk and @cloudbase/ai,
 * and exercised by the local cloud's gateway, tools/local-cloud/src/ai):
 * - `options.timeout` reaches the HTTP request only for the groups whose model class passes it on
 *   (hunyuan, deepseek, …); hunyuan-exp and custom groups wait for cloud.init's timeout (15 s by
 *   default). So the deadline is also kept here, by a timer of our own.
 * - A non-2xx answer becomes an error whose `code` is the HTTP status ('403', '429', …): the adapter
 *   drops the gateway's JSON error body once it has been parsed. A 200 answer carrying `{code}` becomes
 *   an error whose message names the code (AI+ 请求出错，错误码：…). Network failures carry Node's codes.
 * - Usage is `{prompt_tokens, completion_tokens, total_tokens}`, summed over tool steps (none here).
 */
import { performance } from 'node:perf_hooks';
import type { ChatMessage } from '../../core/reader/prompt';
import { splitModel } from '../../core/reader/settings';
import { cloud } from '../cloud';

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

interface GenerateResult {
  text?: unknown;
  usage?: Usage;
  error?: unknown;
}

interface ChatModel {
  generateText(
    input: { model: string; messages: ChatMessage[]; temperature?: number },
    options?: { timeout?: number },
  ): Promise<GenerateResult>;
}

interface AiApi {
  createModel(group: string): ChatModel;
}

/** wx-server-sdk's typings do not declare `ai` yet (4.0.2); this is its shape as the SDK builds it. */
function ai(): AiApi {
  return (cloud as unknown as { ai(): AiApi }).ai();
}

export type ModelAnswer =
  | { ok: true; text: string; promptTokens: number | null; completionTokens: number | null; latencyMs: number }
  | { ok: false; outcome: 'timeout' | 'error'; code: string | null; latencyMs: number };

const TIMEOUT_CODES = new Set(['ESOCKETTIMEDOUT', 'ETIMEDOUT']);

/** The platform's code for a failure, as far as the SDK lets it through. */
export function errorCodeOf(err: unknown): string | null {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const inBody = /错误码：([A-Za-z0-9_]+)/.exec(message)?.[1];
  if (inBody) return inBody;
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (typeof code === 'number') return String(code);
  }
  return null;
}

const count = (n: number | undefined): number | null => (typeof n === 'number' && n >= 0 ? n : null);

/** Asks once; never throws. `timeoutMs` is the whole wait, token and answer included. */
export async function askModel(model: string, messages: ChatMessage[], timeoutMs: number): Promise<ModelAnswer> {
  const { group, name } = splitModel(model);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(1, timeoutMs));
  });
  try {
    const call = ai()
      .createModel(group)
      .generateText({ model: name, messages, temperature: 0 }, { timeout: timeoutMs });
    // A call that fails after the deadline has nobody waiting for it.
    call.catch(() => undefined);
    const res = await Promise.race([call, deadline]);
    if (res === 'timeout') return { ok: false, outcome: 'timeout', code: null, latencyMs: elapsed() };
    if (res.error !== undefined)
      return { ok: false, outcome: 'error', code: errorCodeOf(res.error), latencyMs: elapsed() };
    return {
      ok: true,
      text: typeof res.text === 'string' ? res.text : '',
      promptTokens: count(res.usage?.prompt_tokens),
      completionTokens: count(res.usage?.completion_tokens),
      latencyMs: elapsed(),
    };
  } catch (err) {
    const code = errorCodeOf(err);
    const outcome = code !== null && TIMEOUT_CODES.has(code) ? 'timeout' : 'error';
    return { ok: false, outcome, code: outcome === 'timeout' ? null : code, latencyMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}
