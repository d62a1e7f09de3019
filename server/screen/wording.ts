/**
 * 规范表述 (standard wording) kept like the lexicon: listed for everyone who writes or reviews posts,
 * added and removed by 省厅政治部宣传处 (第七条), each change a new version of the one lexicon head,
 * audited. Screening answers a wrong form with its suggestion; it never refuses a post.
 */
import * as v from 'valibot';
import type { FieldChange } from '../../typings/org';
import type { WordingEditResult, WordingPage, WordingView } from '../../typings/screening';
import { authorize } from '../../core/auth/authorize';
import { DomainError } from '../../core/errors';
import { normaliseTerm } from '../../core/screening/normalize';
import {
  WORDING_REASON_MAX,
  WORDING_SOURCE_MAX,
  WORDING_TEXT_MAX,
  wordingProblems,
} from '../../core/screening/wording';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { pageParams } from '../schemas';
import { runWork } from '../uow';
import { bornIn, LEXICON_HEAD_ID, wordingDoc, type LexiconHead, type WordingDoc } from './docs';
import { editorOf } from './lexicon';
import { loadLexicon } from './service';
import { commitVersion, inLanes, materialiseStarter } from './write';

const wordingErrors = {
  invalid: (messages: string[]) => new DomainError('WORDING_INVALID', `规范表述不能保存：${messages.join('；')}`),
  missing: () => new DomainError('WORDING_NOT_FOUND', '该规范表述不存在或已被删除，请刷新后重试'),
} as const;

// Long enough to answer "too long" in Chinese rather than refuse the request's shape.
const text = (max: number) => v.pipe(v.string(), v.maxLength(max * 4));
const draftInput = v.strictObject({
  wrong: text(WORDING_TEXT_MAX),
  correct: text(WORDING_TEXT_MAX),
  reason: text(WORDING_REASON_MAX),
  source: text(WORDING_SOURCE_MAX),
});
const changeInput = v.variant('op', [
  v.strictObject({ op: v.literal('add'), entry: draftInput }),
  v.strictObject({ op: v.literal('remove'), id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
]);

const view = (d: WordingDoc): WordingView => ({
  id: d._id,
  wrong: d.wrong,
  correct: d.correct,
  reason: d.reason,
  source: d.source,
  addedIn: d.addedIn,
});

/** Two wrong forms screening cannot tell apart (手機 and 手机) are one entry. */
const keyOf = (wrong: string): string => normaliseTerm(wrong).key;

export const wordingList = action({
  access: 'person',
  input: v.strictObject({
    search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(WORDING_TEXT_MAX * 4))),
    ...pageParams,
  }),
  handle: async (params, ctx): Promise<WordingPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'screen.wordingList', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const canEdit = authorize(caller, 'screen.wordingEdit', { kind: 'none' }, tree).allowed;
    const raw = params.search ?? '';
    const needle = raw === '' ? '' : keyOf(raw);
    const chosen = [...lexicon.wording]
      .sort((a, b) => a.wrong.localeCompare(b.wrong, 'zh-Hans-CN'))
      .filter(
        (d) =>
          raw === '' ||
          d.wrong.includes(raw) ||
          d.correct.includes(raw) ||
          (needle !== '' && (keyOf(d.wrong).includes(needle) || keyOf(d.correct).includes(needle))),
      );
    const offset = params.offset ?? 0;
    const limit = params.limit ?? 50;
    const items = chosen.slice(offset, offset + limit).map(view);
    return {
      version: lexicon.version,
      items,
      nextOffset: offset + items.length < chosen.length ? offset + items.length : null,
      canEdit,
    };
  },
});

const label = (d: { wrong: string; correct: string }): string => `“${d.wrong}”→“${d.correct}”`;

export const wordingEdit = action({
  access: 'person',
  input: v.strictObject({ changes: v.pipe(v.array(changeInput), v.minLength(1), v.maxLength(50)) }),
  handle: async (params, ctx): Promise<WordingEditResult> => {
    const caller = requireCaller(ctx.caller);
    // What an entry may be, before any database work: every reason, nothing saved.
    const messages: string[] = [];
    params.changes.forEach((change, i) => {
      if (change.op !== 'add') return;
      const at = params.changes.length > 1 ? `第 ${i + 1} 项：` : '';
      for (const problem of wordingProblems(change.entry)) messages.push(`${at}${problem}`);
    });
    if (messages.length > 0) throw wordingErrors.invalid(messages);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'screen.wordingEdit', { kind: 'none' }, tree);
    const editor = editorOf(caller, grant, tree);
    await materialiseStarter(ctx, editor);
    const ids = params.changes.map(() => `wr-${ctx.newId()}`);

    return runWork(ctx, { person: caller, grant }, async (work) => {
      const head = await work.get<LexiconHead>('counters', LEXICON_HEAD_ID);
      const current = head?.value ?? 0;
      const version = current + 1;
      const at = toBeijingIso(ctx.now);
      // The entries as this version has them: the loaded copy is re-read when the head moved.
      const lexicon = await loadLexicon();
      const byKey = new Map(lexicon.wording.map((d) => [keyOf(d.wrong), d]));
      const writes = new Map<string, WordingDoc>();
      const changes: FieldChange[] = [];
      const labels: string[] = [];
      let added = 0;
      let removed = 0;
      let duplicates = 0;
      for (const [i, change] of params.changes.entries()) {
        if (change.op === 'add') {
          const entry = {
            wrong: change.entry.wrong.trim(),
            correct: change.entry.correct.trim(),
            reason: change.entry.reason.trim(),
            source: change.entry.source.trim(),
          };
          const key = keyOf(entry.wrong);
          const existing = byKey.get(key);
          if (existing) {
            duplicates++;
            continue;
          }
          const doc = wordingDoc({ ...entry, id: ids[i] ?? `wr-${i}` }, bornIn(version, at, caller._id));
          writes.set(doc._id, doc);
          byKey.set(key, doc);
          added++;
          changes.push({ field: `wording.${doc._id}`, from: null, to: label(entry) });
          labels.push(`新增规范表述${label(entry)}`);
        } else {
          const existing = writes.get(change.id) ?? (await work.get<WordingDoc>('wordingRules', change.id));
          if (!existing || !existing.active) throw wordingErrors.missing();
          writes.set(change.id, {
            ...existing,
            active: false,
            removedIn: version,
            removedAt: at,
            removedBy: caller._id,
          });
          byKey.delete(keyOf(existing.wrong));
          removed++;
          changes.push({ field: `wording.${existing._id}`, from: label(existing), to: null });
          labels.push(`删除规范表述${label(existing)}`);
        }
      }
      if (writes.size === 0) return { version: current, added, removed, duplicates };
      await inLanes([...writes.values()], (doc) => work.put('wordingRules', doc));
      await commitVersion(work, version, at, editor, {
        action: 'screen.wordingEdit',
        summary: `词库 v${version}：${labels.join('；')}`,
        added,
        removed,
        sample: labels.slice(0, 20),
        changes: [{ field: 'version', from: current, to: version }, ...changes],
      });
      return { version, added, removed, duplicates };
    });
  },
});
