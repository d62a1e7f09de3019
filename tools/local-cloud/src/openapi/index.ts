/**
 * WeChat cloud calls (`cloud.openapi.*`) answered locally, in the wire format of `wx.openApi`:
 * a multipart request whose `requestData` is a protobuf CommApiData, and a protobuf CommOpenApiResp
 * answer carrying WeChat's JSON. Errors of the platform itself go back as JSON with the exact
 * content type the SDK tests for.
 *
 * - subscribeMessage.send appends every attempt to an inspectable outbox; failures can be injected
 *   (next N sends, or per recipient) to exercise retry and fallback paths.
 * - security.msgSecCheck passes by default; configured risky terms produce WeChat's risky answer.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { CallerInfo } from '../runtime';
import { parseMultipart } from './multipart';
import { API_TYPE_OPEN_API, decodeRequest, encodeResponse } from './proto';

export { parseMultipart } from './multipart';

export const SUBSCRIBE_SEND = 'subscribeMessage.send';
export const MSG_SEC_CHECK = 'security.msgSecCheck';

/** CommOpenApiResp.errorCode values wx-server-sdk knows (its ERR_CODE table). */
const WX_OPENAPI_NOT_FOUND = -604100;
const WX_OPENAPI_NO_PERMISSION = -604101;

export interface WxResult {
  errcode: number;
  errmsg: string;
  /** Set on a successful send. */
  msgid?: number;
}

/** refused: the user has no subscription left (43101); quota: the daily API quota (45009); busy: -1. */
export type Failure = 'refused' | 'quota' | 'busy' | WxResult;

const FAILURES: Record<Exclude<Failure, WxResult>, WxResult> = {
  refused: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  quota: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  busy: { errcode: -1, errmsg: 'system error' },
};

const toResult = (f: Failure): WxResult => (typeof f === 'string' ? FAILURES[f] : f);

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: unknown;
  miniprogram_state?: string;
  lang?: string;
  /** Local-cloud clock, ISO UTC. */
  time: string;
  result: WxResult;
  /** The function that sent it, when known. */
  caller?: string;
}

export type SecSuggest = 'pass' | 'review' | 'risky';

export interface RiskyTerm {
  term: string;
  /** WeChat label: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 21000 other. */
  label?: number;
  /** Default 'risky'. */
  suggest?: Exclude<SecSuggest, 'pass'>;
}

export interface SecCheckRecord {
  openid?: string;
  scene?: number;
  content: string;
  version: number;
  time: string;
  suggest: SecSuggest;
  label: number;
}

export interface SecCheckDetail {
  strategy: 'content_model' | 'keyword';
  errcode: number;
  suggest: SecSuggest;
  label: number;
  prob?: number;
  level?: number;
  keyword?: string;
}

/** security.msgSecCheck v2 answer (v1 answers only errcode/errmsg). */
export interface SecCheckAnswer extends WxResult {
  result?: { suggest: SecSuggest; label: number };
  detail?: SecCheckDetail[];
  trace_id?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface OpenApiOptions {
  clock: Clock;
  /** Maps the SDK's wxCloudApiToken to the calling invocation (runtime.callerOf). */
  callerOf?: (token: string) => CallerInfo | undefined;
  /**
   * Real cloud rejects a cloud call the function did not declare in config.json
   * permissions.openapi (-604101). Default true.
   */
  enforcePermissions?: boolean;
  /** Where developer warnings go; default console.warn. */
  warn?: (message: string) => void;
}

type Params = Record<string, unknown>;

/**
 * Length limits of subscribe-message data by keyword type (WeChat's published rules); a longer
 * value is rejected with 47003 in production, so it is here.
 */
const VALUE_LIMITS: Array<[RegExp, number]> = [
  [/^thing\d+$/, 20],
  [/^number\d+$/, 32],
  [/^letter\d+$/, 32],
  [/^symbol\d+$/, 5],
  [/^character_string\d+$/, 32],
  [/^phone_number\d+$/, 17],
  [/^car_number\d+$/, 8],
  [/^name\d+$/, 10],
  [/^phrase\d+$/, 5],
];

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export class OpenApi {
  private sent: SentMessage[] = [];
  private checks: SecCheckRecord[] = [];
  private sendQueue: Failure[] = [];
  private checkQueue: Failure[] = [];
  private readonly perUser = new Map<string, Failure>();
  private terms: RiskyTerm[] = [];
  private nextMsgId = 1;

  constructor(private readonly opts: OpenApiOptions) {}

  // ---- test controls -------------------------------------------------------------------------

  outbox(): SentMessage[] {
    return [...this.sent];
  }

  secChecks(): SecCheckRecord[] {
    return [...this.checks];
  }

  /** The next sends fail with these results, one each, in order. */
  failNextSends(...failures: Failure[]): void {
    this.sendQueue.push(...failures);
  }

  /** Every send to this user fails until cleared with `null`. */
  failSendsTo(touser: string, failure: Failure | null): void {
    if (failure === null) this.perUser.delete(touser);
    else this.perUser.set(touser, failure);
  }

  /** The next content checks fail (e.g. 'busy'), one each, in order. */
  failNextChecks(...failures: Failure[]): void {
    this.checkQueue.push(...failures);
  }

  setRiskyTerms(terms: RiskyTerm[]): void {
    this.terms = [...terms];
  }

  reset(): void {
    this.sent = [];
    this.checks = [];
    this.sendQueue = [];
    this.checkQueue = [];
    this.perUser.clear();
    this.terms = [];
  }

  // ---- wire ----------------------------------------------------------------------------------

  /** Answers a multipart `wx.openApi` request to /admin. */
  handle(body: Buffer, contentType: string): HttpAnswer {
    const fields = parseMultipart(body, contentType);
    const action = fields.get('action')?.toString();
    const apiName = fields.get('apiName')?.toString() ?? '';
    const requestData = fields.get('requestData');
    if (action !== 'wx.openApi') return this.jsonError('INVALID_ACTION', `本地云不支持的操作：${action ?? '(空)'}`);
    if (!requestData) return this.jsonError('INVALID_PARAM', '缺少 requestData');

    let params: Params;
    try {
      const req = decodeRequest(requestData);
      if (req.apiType !== API_TYPE_OPEN_API) return this.jsonError('INVALID_PARAM', `不支持的 apiType：${req.apiType}`);
      params = Object.fromEntries(req.pairs.map((p) => [p.key, JSON.parse(p.value.toString('utf8')) as unknown]));
    } catch (err) {
      return this.jsonError('INVALID_PARAM', `requestData 无法解析：${(err as Error).message}`);
    }

    const token = fields.get('wxCloudApiToken')?.toString();
    const caller = token ? this.opts.callerOf?.(token) : undefined;
    if (caller && this.opts.enforcePermissions !== false && !caller.openapi.includes(apiName)) {
      // Loud on purpose: the SDK only reports "error code: -604101".
      (this.opts.warn ?? console.warn)(
        `[local-cloud] 云函数 ${caller.functionName} 未在 config.json 的 permissions.openapi 中声明 ${apiName}`,
      );
      return this.pb({ errorCode: WX_OPENAPI_NO_PERMISSION });
    }

    switch (apiName) {
      case SUBSCRIBE_SEND:
        return this.pb({ wx: this.send(params, caller) });
      case MSG_SEC_CHECK:
        return this.pb({ wx: this.secCheck(params) });
      default:
        return this.pb({ errorCode: WX_OPENAPI_NOT_FOUND });
    }
  }

  // ---- APIs ----------------------------------------------------------------------------------

  private send(p: Params, caller: CallerInfo | undefined): WxResult {
    const str = (key: string): string | undefined => {
      const value = p[key];
      return typeof value === 'string' ? value : undefined;
    };
    const touser = str('touser') ?? '';
    const queued = this.sendQueue.shift();
    const perUser = this.perUser.get(touser);
    const verdict = queued ? toResult(queued) : perUser ? toResult(perUser) : validateSend(p);
    const result = verdict.errcode === 0 ? { ...verdict, msgid: this.nextMsgId++ } : verdict;
    this.sent.push({
      touser,
      template_id: str('template_id') ?? '',
      ...(str('page') !== undefined ? { page: str('page') } : {}),
      data: p['data'],
      ...(str('miniprogram_state') !== undefined ? { miniprogram_state: str('miniprogram_state') } : {}),
      ...(str('lang') !== undefined ? { lang: str('lang') } : {}),
      time: this.opts.clock.iso(),
      result,
      ...(caller ? { caller: caller.functionName } : {}),
    });
    return result;
  }

  private secCheck(p: Params): SecCheckAnswer {
    const queued = this.checkQueue.shift();
    if (queued) return toResult(queued);
    const version = typeof p['version'] === 'number' ? p['version'] : 1;
    const content = typeof p['content'] === 'string' ? p['content'] : '';
    const openid = typeof p['openid'] === 'string' ? p['openid'] : undefined;
    const scene = typeof p['scene'] === 'number' ? p['scene'] : undefined;
    if (version === 2) {
      if (!openid) return { errcode: 40003, errmsg: 'invalid openid' };
      if (scene === undefined || ![1, 2, 3, 4].includes(scene))
        return { errcode: 47001, errmsg: 'data format error: scene' };
    }
    if (!content) return { errcode: 47001, errmsg: 'data format error: content' };

    const text = ['content', 'title', 'nickname', 'signature']
      .map((k) => (typeof p[k] === 'string' ? p[k] : ''))
      .join('\n');
    const hit = this.terms.find((t) => t.term !== '' && text.includes(t.term));
    const suggest: SecSuggest = hit ? (hit.suggest ?? 'risky') : 'pass';
    const label = hit ? (hit.label ?? 20001) : 100;
    this.checks.push({
      ...(openid !== undefined ? { openid } : {}),
      ...(scene !== undefined ? { scene } : {}),
      content,
      version,
      time: this.opts.clock.iso(),
      suggest,
      label,
    });

    if (version !== 2) {
      // v1 has no verdict object: risky content is an error code.
      return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
    }
    const detail: SecCheckDetail[] = [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 }];
    if (hit) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.term });
    return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail, trace_id: randomUUID() };
  }

  // ---- encoding ------------------------------------------------------------------------------

  private pb(answer: { wx: WxResult } | { errorCode: number }): HttpAnswer {
    const body =
      'wx' in answer
        ? encodeResponse({ respData: json(answer.wx), contentType: 'application/json', errorCode: 0, httpCode: 200 })
        : encodeResponse({ respData: Buffer.alloc(0), contentType: '', errorCode: answer.errorCode, httpCode: 200 });
    return { status: 200, contentType: 'application/octet-stream', body };
  }

  private jsonError(code: string, message: string): HttpAnswer {
    // Exactly this content type: it is how the SDK tells a JSON error from a protobuf answer.
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: json({ code, message, requestId: randomUUID() }),
    };
  }
}

function validateSend(p: Params): WxResult {
  if (typeof p['touser'] !== 'string' || p['touser'] === '') return { errcode: 40003, errmsg: 'invalid openid' };
  if (typeof p['template_id'] !== 'string' || p['template_id'] === '')
    return { errcode: 40037, errmsg: 'invalid template_id' };
  const data = p['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { errcode: 47003, errmsg: 'argument invalid! data is empty' };
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['value'] : undefined;
    if (typeof value !== 'string' || value === '')
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` };
    const limit = VALUE_LIMITS.find(([pattern]) => pattern.test(key))?.[1];
    if (limit !== undefined && [...value].length > limit) {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value exceeds ${limit} characters` };
    }
  }
  return { errcode: 0, errmsg: 'ok' };
}
