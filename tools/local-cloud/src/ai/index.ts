/**
 * The platform's large model (`cloud.ai()` in wx-server-sdk ≥ 4.0.1), answered locally on the wire the
 * SDK uses. The SDK (through @cloudbase/node-sdk and @cloudbase/ai) talks HTTPS to the environment's
 * gateway `<env>.api.tcloudbasegateway.com`:
 *
 *   POST /auth/v1/token/clientCredential          TC3-signed with the function's credentials → {access_token, token_type, expires_in}
 *   POST /v1/ai/<group>/chat/completions          Bearer token; {model, messages, stream, …} → an OpenAI-style
 *                                                 completion, or (stream: true) server-sent chunks ending `data: [DONE]`
 *
 * Errors come as a non-2xx status with `{code, message, requestId}`, which the SDK turns into an error
 * carrying that code (AI_MODEL_DISABLED, EXCEED_TOKEN_QUOTA_LIMIT, …, as CloudBase documents them).
 * route.ts sends the function instances' gateway connections here (plain HTTP on the local cloud's port).
 *
 * The model is scripted and makes no claim about quality: by default it finds nothing; tests queue
 * replies, or set rules (a reply whenever the post contains a phrase), delays (to pass a caller's
 * timeout), platform errors and malformed answers through the control routes, and read back every
 * request it received. Token usage is counted as one token per character unless a reply says otherwise.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { Clock } from '../clock';
import { GATEWAY_HOST } from './route';

export { GATEWAY_HOST };

export interface ScriptedReply {
  /** The assistant's message. Default: `{"findings":[]}`. */
  content?: string;
  /** Real milliseconds before the answer starts (a longer wait than the caller's timeout is a timeout). */
  delayMs?: number;
  /**
   * Answer with the gateway's error instead: `{code, message}` with this HTTP status (default 500), or
   * with 200, as some models report errors in the body.
   */
  error?: { status?: number; code: string; message?: string };
  /** Usage as the platform reports it; default: one token per character. */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface ScriptRule {
  /** Applies when the last user message contains this. */
  contains: string;
  reply: ScriptedReply;
}

export interface AiRequestRecord {
  at: string;
  group: string;
  model: string;
  stream: boolean;
  messages: Array<{ role: string; content: string }>;
  status: number;
  /** The gateway's error code when it refused. */
  code: string | null;
}

export interface AiAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** Real milliseconds to wait before answering. */
  delayMs: number;
  /** Server-sent events written one by one (stream: true). */
  events?: Buffer[];
}

const ReplySchema = v.strictObject({
  content: v.optional(v.string()),
  delayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120_000))),
  error: v.optional(
    v.strictObject({
      status: v.optional(v.union([v.literal(200), v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))])),
      code: v.pipe(v.string(), v.minLength(1)),
      message: v.optional(v.string()),
    }),
  ),
  usage: v.optional(
    v.strictObject({
      prompt_tokens: v.pipe(v.number(), v.integer(), v.minValue(0)),
      completion_tokens: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
});

/** `POST /ai/script`: what the scripted model answers next. */
export const ScriptRequest = v.strictObject({
  /** Replies for the next requests, one each, in order (before any rule). */
  replies: v.optional(v.array(ReplySchema)),
  /** Replies whenever the post contains a phrase (the first rule that matches). */
  rules: v.optional(v.array(v.strictObject({ contains: v.pipe(v.string(), v.minLength(1)), reply: ReplySchema }))),
  /** The environment's enabled models (`group/model`); null: every model is enabled. */
  models: v.optional(v.nullable(v.array(v.string()))),
  /** Forget queued replies, rules and the model list first. */
  clear: v.optional(v.boolean()),
});
export type ScriptInput = v.InferOutput<typeof ScriptRequest>;

const MessageSchema = v.object({ role: v.string(), content: v.string() });
const CompletionRequest = v.looseObject({
  model: v.optional(v.unknown()),
  messages: v.optional(v.unknown()),
  stream: v.optional(v.boolean()),
});

const DEFAULT_CONTENT = '{"findings":[]}';
const TOKEN_TTL_SECONDS = 7200;
const STREAM_PIECE = 16;

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const chars = (s: string): number => [...s].length;

export interface AiGatewayOptions {
  clock: Clock;
  envId: string;
}

export class AiGateway {
  private queue: ScriptedReply[] = [];
  private rules: ScriptRule[] = [];
  private models: string[] | null = null;
  private requests: AiRequestRecord[] = [];
  private readonly tokens = new Map<string, number>();

  constructor(private readonly opts: AiGatewayOptions) {}

  // ---- test controls -------------------------------------------------------------------------

  script(input: ScriptInput): void {
    if (input.clear) {
      this.queue = [];
      this.rules = [];
      this.models = null;
    }
    if (input.replies) this.queue.push(...input.replies);
    if (input.rules) this.rules.push(...input.rules);
    if (input.models !== undefined) this.models = input.models === null ? null : [...input.models];
  }

  received(): AiRequestRecord[] {
    return [...this.requests];
  }

  reset(): void {
    this.queue = [];
    this.rules = [];
    this.models = null;
    this.requests = [];
    this.tokens.clear();
  }

  // ---- wire ----------------------------------------------------------------------------------

  /** Whether a request is the gateway's (by its Host header and path), not one of the local cloud's routes. */
  static handles(host: string | undefined, path: string): boolean {
    return host !== undefined && GATEWAY_HOST.test(host) && (path.startsWith('/auth/') || path.startsWith('/v1/'));
  }

  handle(method: string, path: string, headers: { host?: string; authorization?: string }, raw: Buffer): AiAnswer {
    const env = GATEWAY_HOST.exec(headers.host ?? '')?.[1];
    if (env !== this.opts.envId) return this.error(404, 'INVALID_ENV', `环境 ${env ?? ''} 不存在`);
    if (method !== 'POST') return this.error(405, 'INVALID_REQUEST', `不支持 ${method}`);
    if (path === '/auth/v1/token/clientCredential') return this.credential(headers.authorization);
    const chat = /^\/v1\/ai\/([^/]+)\/chat\/completions$/.exec(path);
    if (chat) return this.completion(decodeURIComponent(chat[1] ?? ''), headers.authorization, raw);
    return this.error(404, 'NOT_FOUND', `没有这个接口：${path}`);
  }

  /** The function's own credentials buy a short-lived token (TC3-HMAC-SHA256 signed, as SCF signs). */
  private credential(authorization: string | undefined): AiAnswer {
    if (!authorization?.startsWith('TC3-HMAC-SHA256 Credential='))
      return this.error(401, 'INVALID_CREDENTIALS', '缺少腾讯云 API 签名');
    const token = `local-${randomUUID()}`;
    this.tokens.set(token, this.opts.clock.now() + TOKEN_TTL_SECONDS * 1000);
    return this.ok({ token_type: 'Bearer', access_token: token, expires_in: TOKEN_TTL_SECONDS });
  }

  private completion(group: string, authorization: string | undefined, raw: Buffer): AiAnswer {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expires = token === undefined ? undefined : this.tokens.get(token);
    if (expires === undefined || expires < this.opts.clock.now())
      return this.error(401, 'INVALID_ACCESS_TOKEN', 'access_token 无效或已过期');

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      return this.error(400, 'INVALID_PARAM', '请求体不是合法的 JSON');
    }
    const parsed = v.safeParse(CompletionRequest, body);
    if (!parsed.success) return this.error(400, 'INVALID_PARAM', '请求体应为对象');
    const { model, messages, stream = false } = parsed.output;
    const record = (status: number, code: string | null, msgs: AiRequestRecord['messages']): void => {
      this.requests.push({
        at: this.opts.clock.iso(),
        group,
        model: typeof model === 'string' ? model : '',
        stream,
        messages: msgs,
        status,
        code,
      });
    };

    if (typeof model !== 'string' || model === '') {
      record(400, 'AI_MODEL_NOT_SUPPORTED', []);
      return this.error(400, 'AI_MODEL_NOT_SUPPORTED', '不支持的模型，请检查请求体中是否正确传入 model 参数');
    }
    const msgs = v.safeParse(v.pipe(v.array(MessageSchema), v.minLength(1)), messages);
    if (!msgs.success) {
      record(400, 'AI_MODEL_PARAM_INVALID', []);
      return this.error(400, 'AI_MODEL_PARAM_INVALID', '调用模型的参数异常：messages');
    }
    if (this.models !== null && !this.models.includes(`${group}/${model}`)) {
      record(403, 'AI_MODEL_DISABLED', msgs.output);
      return this.error(403, 'AI_MODEL_DISABLED', '模型已停用，请在控制台上检查模型是否启用');
    }

    const reply = this.next(msgs.output);
    const delayMs = reply.delayMs ?? 0;
    if (reply.error) {
      const status = reply.error.status ?? 500;
      record(status, reply.error.code, msgs.output);
      return { ...this.error(status, reply.error.code, reply.error.message ?? reply.error.code), delayMs };
    }
    record(200, null, msgs.output);
    const content = reply.content ?? DEFAULT_CONTENT;
    const promptTokens = reply.usage?.prompt_tokens ?? msgs.output.reduce((n, m) => n + chars(m.content), 0);
    const completionTokens = reply.usage?.completion_tokens ?? chars(content);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const id = `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    const created = Math.floor(this.opts.clock.now() / 1000);
    if (!stream) {
      return {
        ...this.ok({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage,
        }),
        delayMs,
      };
    }
    const pieces = [...content];
    const events: Buffer[] = [];
    for (let i = 0; i < pieces.length || i === 0; i += STREAM_PIECE) {
      const last = i + STREAM_PIECE >= pieces.length;
      const delta = { ...(i === 0 ? { role: 'assistant' } : {}), content: pieces.slice(i, i + STREAM_PIECE).join('') };
      const chunk = {
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: last ? 'stop' : null }],
        ...(last ? { usage } : {}),
      };
      events.push(Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`));
    }
    events.push(Buffer.from('data: [DONE]\n\n'));
    return { status: 200, contentType: 'text/event-stream; charset=utf-8', body: Buffer.alloc(0), delayMs, events };
  }

  private next(messages: AiRequestRecord['messages']): ScriptedReply {
    const queued = this.queue.shift();
    if (queued) return queued;
    const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    return this.rules.find((rule) => user.includes(rule.contains))?.reply ?? {};
  }

  private ok(value: unknown): AiAnswer {
    return { status: 200, contentType: 'application/json; charset=utf-8', body: json(value), delayMs: 0 };
  }

  private error(status: number, code: string, message: string): AiAnswer {
    return {
      status,
      contentType: 'application/json; charset=utf-8',
      body: json({ code, message, requestId: randomUUID() }),
      delayMs: 0,
    };
  }
}
