/**
 * The reader where posts are written and reviewed: the editor's on-demand reading of a draft, the
 * reading of a post's submitted version for its operators and approvers, and approvers' judgements
 * of each finding (kept, with counts per model, prompt version and item, to evaluate the model).
 */
import * as v from 'valibot';
import type { Person } from '../../typings/org';
import type { Post } from '../../typings/post';
import type { JudgementVerdict, PostReadingView, ReaderStatus, ReadingView } from '../../typings/reader';
import { authorize } from '../../core/auth/authorize';
import type { UnitTree } from '../../core/org/tree';
import { monthOf } from '../../core/reader/reading';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { loadAccount, loadPost, namesOf } from '../post/context';
import { ruleText } from '../schemas';
import { store } from '../store';
import { runWork } from '../uow';
import { judgementId, postReadingId, statsId, type JudgementDoc, type PostReadingDoc, type StatsDoc } from './docs';
import { loadSettings } from './config';
import { readerErrors } from './errors';
import { readText } from './read';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** The post's own limits (core/post): a title of 64 characters, a text of 20,000. */
const TEXT_MAX = 20_000;
const JUDGEMENTS_MAX = 500;

export const status = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<ReaderStatus> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'reader.status', { kind: 'none' }, await loadTree());
    const settings = await loadSettings();
    return { enabled: settings.enabled && settings.model !== null, timeoutSeconds: settings.timeoutSeconds };
  },
});

export const check = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    title: v.pipe(v.string(), v.maxLength(200)),
    text: ruleText(TEXT_MAX, () => readerErrors.tooLong(TEXT_MAX)),
  }),
  handle: async (params, ctx): Promise<ReadingView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    requirePermission(caller, 'reader.check', { kind: 'account', account }, tree);
    if (`${params.title}${params.text}`.trim() === '') throw readerErrors.empty();
    const { view } = await readText({
      unitId: account.unitId,
      accountId: account._id,
      accountKind: account.kind,
      title: params.title,
      text: params.text,
      purpose: 'check',
      postId: null,
      version: null,
      now: ctx.now,
      newId: () => ctx.newId(),
    });
    return view;
  },
});

function readingView(doc: PostReadingDoc): ReadingView {
  return {
    state: doc.state,
    note: doc.note,
    model: doc.model,
    promptVersion: doc.promptVersion,
    findings: doc.findings,
    dropped: doc.dropped,
    raisedTo: doc.raisedTo,
    tokens: doc.tokens,
    latencyMs: doc.latencyMs,
    cached: doc.cached,
    at: doc.at,
  };
}

async function postReadingView(caller: Person, post: Post, tree: UnitTree): Promise<PostReadingView> {
  const account = await loadAccount(post.accountId);
  const version = post.submittedVersion;
  if (version === null)
    return { postId: post._id, version: null, reading: null, judgements: [], mine: [], canJudge: false };
  const doc = await store.get<PostReadingDoc>('postReadings', postReadingId(post._id, version));
  const judgements = doc
    ? await store.find<JudgementDoc>(
        'readerJudgements',
        { postId: post._id, version },
        { orderBy: [['at', 'asc']], limit: JUDGEMENTS_MAX },
      )
    : [];
  const names = await namesOf(judgements.map((j) => j.personId));
  const canJudge =
    doc !== null &&
    doc.state === 'done' &&
    doc.findings.length > 0 &&
    authorize(caller, 'reader.judge', { kind: 'post', account, post }, tree).allowed;
  return {
    postId: post._id,
    version,
    reading: doc ? readingView(doc) : null,
    judgements: judgements.map((j) => ({
      findingId: j.findingId,
      verdict: j.verdict,
      personId: j.personId,
      personName: names.get(j.personId) ?? '',
      at: j.at,
    })),
    mine: judgements
      .filter((j) => j.personId === caller._id)
      .map((j) => ({ findingId: j.findingId, verdict: j.verdict })),
    canJudge,
  };
}

export const forPost = action({
  access: 'person',
  input: v.strictObject({ postId: id }),
  handle: async (params, ctx): Promise<PostReadingView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const post = await loadPost(params.postId);
    const account = await loadAccount(post.accountId);
    requirePermission(caller, 'reader.forPost', { kind: 'post', account, post }, tree);
    return postReadingView(caller, post, tree);
  },
});

/** Moves one count of `item` from `from` (if any) to `to` in a month's statistics. */
function counted(stats: StatsDoc, item: string, from: JudgementVerdict | null, to: JudgementVerdict): StatsDoc {
  const items = stats.items.some((i) => i.item === item)
    ? stats.items.map((i) => ({ ...i }))
    : [...stats.items.map((i) => ({ ...i })), { item, right: 0, wrong: 0 }];
  const entry = items.find((i) => i.item === item);
  if (entry) {
    if (from) entry[from] = Math.max(0, entry[from] - 1);
    entry[to] += 1;
  }
  return { ...stats, items };
}

export const judge = action({
  access: 'person',
  input: v.strictObject({
    postId: id,
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    findingId: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
    verdict: v.picklist(['right', 'wrong'] as const),
  }),
  handle: async (params, ctx): Promise<PostReadingView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const post = await loadPost(params.postId);
    const account = await loadAccount(post.accountId);
    const grant = requirePermission(caller, 'reader.judge', { kind: 'post', account, post }, tree);
    const reading = await store.get<PostReadingDoc>('postReadings', postReadingId(post._id, params.version));
    if (!reading) throw readerErrors.notSubmitted();
    const finding = reading.findings.find((f) => f.id === params.findingId);
    if (!finding || reading.model === null || reading.promptVersion === null) throw readerErrors.findingMissing();
    const { model, promptVersion } = reading;

    // One judgement per finding and person, and the month's counts, change together.
    await runWork(ctx, { person: caller, grant }, async (work) => {
      const jid = judgementId(post._id, params.version, finding.id, caller._id);
      const previous = await work.get<JudgementDoc>('readerJudgements', jid);
      if (previous?.verdict === params.verdict) return;
      const month = previous?.month ?? monthOf(ctx.now);
      const sid = statsId(month, model, promptVersion);
      const stats = (await work.get<StatsDoc>('readerStats', sid)) ?? {
        _id: sid,
        month,
        model,
        promptVersion,
        items: [],
      };
      await work.put('readerStats', counted(stats, finding.item, previous?.verdict ?? null, params.verdict));
      await work.put<JudgementDoc>('readerJudgements', {
        _id: jid,
        postId: post._id,
        version: params.version,
        findingId: finding.id,
        item: finding.item,
        model,
        promptVersion,
        verdict: params.verdict,
        personId: caller._id,
        unitId: post.unitId,
        month,
        at: toBeijingIso(ctx.now),
      });
    });
    return postReadingView(caller, await loadPost(post._id), tree);
  },
});
