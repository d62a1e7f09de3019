/**
 * The reader at submission (第十五条: every post is reviewed before it goes out; the model is a second
 * reader beside the rules, never instead of them). The post shell asks once per submitted version;
 * the same content read before (in the editor, or an earlier submission) costs no call. Whatever the
 * model does — answer, time out, fail, or the unit's budget be spent — the submission goes on, and
 * the reading (or why there is none) is written with it.
 */
import type { Account } from '../../typings/org';
import type { Post, ReaderLift } from '../../typings/post';
import type { ReadingView } from '../../typings/reader';
import { liftSummary, noteFor, raisedLevel } from '../../core/reader/reading';
import { toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import type { Work } from '../uow';
import { postReadingId, type PostReadingDoc } from './docs';
import { emptyView, readText } from './read';

export interface SubmissionReading {
  view: ReadingView;
  lift: ReaderLift | null;
}

/** Reads the post's current content for its submission; never throws. */
export async function readForSubmission(ctx: HandlerContext, post: Post, account: Account): Promise<SubmissionReading> {
  try {
    const { view, settings } = await readText({
      unitId: post.unitId,
      accountId: account._id,
      accountKind: account.kind,
      title: post.content.title,
      text: post.content.text,
      purpose: 'submit',
      postId: post._id,
      version: post.version,
      now: ctx.now,
      newId: () => ctx.newId(),
    });
    if (view.state !== 'done') return { view, lift: null };
    const level = raisedLevel(view.findings, settings, post.declaredLevel);
    if (level === null) return { view, lift: null };
    return {
      view: { ...view, raisedTo: level },
      lift: { level, summary: liftSummary(level, view.findings, settings.raiseConfidence) },
    };
  } catch (err) {
    // The database, not the model: still no reason to hold the post back.
    console.error('[reader] reading at submission failed', err);
    return { view: emptyView('error', noteFor('error', { errorCode: 'INTERNAL' })), lift: null };
  }
}

/** The version's reading, written in the submission's transaction (a resubmission replaces it). */
export async function recordSubmissionReading(
  work: Work,
  ctx: HandlerContext,
  post: Post,
  reading: SubmissionReading,
): Promise<void> {
  const { view } = reading;
  const doc: PostReadingDoc = {
    _id: postReadingId(post._id, post.version),
    postId: post._id,
    version: post.version,
    unitId: post.unitId,
    accountId: post.accountId,
    state: view.state,
    note: view.note,
    model: view.model,
    promptVersion: view.promptVersion,
    findings: view.findings,
    dropped: view.dropped,
    raisedTo: view.raisedTo,
    tokens: view.tokens,
    latencyMs: view.latencyMs,
    cached: view.cached,
    at: view.at ?? toBeijingIso(ctx.now),
  };
  await work.put('postReadings', doc);
}
