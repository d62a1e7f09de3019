/**
 * Screening as every function uses it (第十七条, 第十八条, 第二十一条, 第二十二至二十八条, 第四十条): the
 * lexicon of the current version from the database, the core's matcher and detectors, and WeChat's
 * own content check (security.msgSecCheck v2) merged in. A function that calls this must list
 * "security.msgSecCheck" in its config.json permissions.openapi; without it (or on any platform
 * failure) screening still answers, with the platform check marked unavailable.
 *
 * Each request costs one document read (the lexicon head); the terms are read again, and the
 * matcher rebuilt, only when the head moved — so an edit reaches warm instances without a redeploy.
 */
import * as v from 'valibot';
import type { CollectionName } from '../../core/schema';
import type { AccountKind } from '../../typings/org';
import type {
  LexiconData,
  MsgSecCheckStatus,
  RepostSource,
  ScreenedText,
  ScreeningContext,
  ScreeningResult,
} from '../../typings/screening';
import { mergeMsgSecCheck, msgSecChunks } from '../../core/screening/msgsec';
import { screen, screenMessage } from '../../core/screening/screen';
import { cloud } from '../cloud';
import { command, store, type Store } from '../store';
import {
  LEXICON_HEAD_ID,
  lexiconData,
  starterDocs,
  starterRuleDocs,
  starterWordingDocs,
  type LexiconDoc,
  type LexiconHead,
  type RuleDoc,
  type WordingDoc,
} from './docs';
import { screenErrors } from './errors';

export interface LoadedLexicon {
  version: number;
  /** Active entries only. */
  docs: readonly LexiconDoc[];
  /** Active combination rules and standard wording, of the same version. */
  rules: readonly RuleDoc[];
  wording: readonly WordingDoc[];
  data: LexiconData;
}

const PAGE = 1000;
/** Reloads when an edit lands mid-read; more in a row means the lexicon is being rewritten. */
const LOAD_ATTEMPTS = 4;

let cached: LoadedLexicon | null = null;
let loading: { version: number; promise: Promise<LoadedLexicon> } | null = null;

async function headVersion(db: Store): Promise<number> {
  const head = await db.get<LexiconHead>('counters', LEXICON_HEAD_ID);
  return head?.value ?? 0;
}

async function readActive<T extends { _id: string }>(db: Store, collection: CollectionName): Promise<T[]> {
  const docs: T[] = [];
  let after = '';
  // Keyset paging on _id: each page is one indexed range, however large the lexicon grows.
  for (;;) {
    const page = await db.find<T>(
      collection,
      { _id: command().gt(after), active: true },
      { orderBy: [['_id', 'asc']], limit: PAGE },
    );
    docs.push(...page);
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) return docs;
    after = last._id;
  }
}

function loaded(
  version: number,
  docs: readonly LexiconDoc[],
  rules: readonly RuleDoc[],
  wording: readonly WordingDoc[],
): LoadedLexicon {
  return { version, docs, rules, wording, data: lexiconData(version, docs, rules, wording) };
}

async function reload(db: Store, seen: number): Promise<LoadedLexicon> {
  let version = seen;
  for (let attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
    // No head yet: a fresh database screens with the starter lexicon shipped with the code.
    if (version === 0) return loaded(0, starterDocs(0, ''), starterRuleDocs(0, ''), starterWordingDocs(0, ''));
    const [docs, rules, wording] = await Promise.all([
      readActive<LexiconDoc>(db, 'lexicon'),
      readActive<RuleDoc>(db, 'screeningRules'),
      readActive<WordingDoc>(db, 'wordingRules'),
    ]);
    // Every change writes its entries and the head in one transaction, so an unchanged head
    // around the read means the pages all belong to `version`.
    const after = await headVersion(db);
    if (after === version) return loaded(version, docs, rules, wording);
    version = after;
  }
  throw screenErrors.lexiconBusy();
}

/** The lexicon of the current version; one head read when this instance already holds it. */
export async function loadLexicon(db: Store = store): Promise<LoadedLexicon> {
  const version = await headVersion(db);
  if (cached && cached.version === version) return cached;
  // Concurrent requests of one instance share a single reload.
  if (loading && loading.version === version) return loading.promise;
  const promise = reload(db, version);
  loading = { version, promise };
  try {
    const lexicon = await promise;
    // A slower load of an older version never replaces a newer one.
    if (!cached || lexicon.version >= cached.version) cached = lexicon;
    return lexicon;
  } finally {
    if (loading?.promise === promise) loading = null;
  }
}

// ---- WeChat content security ----

/** msgSecCheck v2 scenes: 2 评论 for netizen messages, 3 论坛 for public posts. */
type Scene = 2 | 3;

interface SecCheckRequest {
  openid: string;
  scene: Scene;
  version: 2;
  content: string;
  title?: string;
}

interface SecurityApi {
  security: { msgSecCheck(request: SecCheckRequest): Promise<unknown> };
}

/** The SDK answers in camelCase; only the verdict matters here. */
const answerSchema = v.object({
  result: v.object({ suggest: v.picklist(['pass', 'review', 'risky']), label: v.number() }),
});

const TIMEOUT_MS = 3000;
const SEVERITY = { pass: 0, review: 1, risky: 2 } as const;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'errCode' in err && typeof err.errCode === 'number') {
    return `错误码 ${err.errCode}`;
  }
  return err instanceof Error && /timeout/.test(err.message) ? '请求超时' : '调用失败';
}

async function askMsgSecCheck(
  openid: string | null,
  scene: Scene,
  text: string,
  title: string | undefined,
): Promise<MsgSecCheckStatus> {
  if (!openid) return { state: 'skipped' };
  if (text.trim() === '' && !title?.trim()) return { state: 'checked', suggest: 'pass', label: 100 };
  const api = cloud.openapi as unknown as SecurityApi;
  try {
    const parts = msgSecChunks(text.trim() === '' ? (title ?? '') : text);
    const answers = await withTimeout(
      Promise.all(
        parts.map((content, i) =>
          api.security.msgSecCheck({ openid, scene, version: 2, content, ...(i === 0 && title ? { title } : {}) }),
        ),
      ),
      TIMEOUT_MS,
    );
    let worst: { suggest: 'pass' | 'review' | 'risky'; label: number } = { suggest: 'pass', label: 100 };
    for (const answer of answers) {
      const parsed = v.safeParse(answerSchema, answer);
      if (!parsed.success) return { state: 'unavailable', note: '微信内容安全检测不可用（应答格式无法识别）' };
      if (SEVERITY[parsed.output.result.suggest] > SEVERITY[worst.suggest]) worst = parsed.output.result;
    }
    return { state: 'checked', ...worst };
  } catch (err) {
    // Not configured, refused, quota or network: our own screening still stands.
    return { state: 'unavailable', note: `微信内容安全检测不可用（${describe(err)}），仅按本地词库与规则筛查` };
  }
}

function withPlatform(result: ScreeningResult, platform: MsgSecCheckStatus): ScreenedText {
  const merged =
    platform.state === 'checked' && platform.suggest !== 'pass'
      ? mergeMsgSecCheck(result, { suggest: platform.suggest, label: platform.label })
      : result;
  return { ...merged, msgSecCheck: platform };
}

// ---- entry points ----

export interface ScreenTextInput {
  text: string;
  /** When given, screened as `title + '\n' + text`: hit offsets count from the title's start. */
  title?: string;
  accountKind: AccountKind;
  /** A repost's named source (第二十一条); null or absent for original content. */
  source?: RepostSource | null;
  /** The caller's OPENID, which msgSecCheck v2 requires; null skips the platform check. */
  openid: string | null;
}

/** A post's title and text for its account's kind (第十七条, 第十八条, 第二十一条, 第四十条). */
export async function screenText(input: ScreenTextInput): Promise<ScreenedText> {
  const context: ScreeningContext = { kind: 'post', accountKind: input.accountKind };
  const full = input.title === undefined ? input.text : `${input.title}\n${input.text}`;
  const [lexicon, platform] = await Promise.all([
    loadLexicon(),
    askMsgSecCheck(input.openid, 3, input.text, input.title),
  ]);
  const result = screen({ text: full, context, ...(input.source ? { repostOf: input.source } : {}) }, lexicon.data);
  return withPlatform(result, platform);
}

/** A netizen message, for its triage suggestion (第二十二至二十八条). */
export async function screenMessageText(input: { text: string; openid: string | null }): Promise<ScreenedText> {
  const [lexicon, platform] = await Promise.all([
    loadLexicon(),
    askMsgSecCheck(input.openid, 2, input.text, undefined),
  ]);
  return withPlatform(screenMessage(input.text, lexicon.data), platform);
}
