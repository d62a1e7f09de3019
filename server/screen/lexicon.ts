/**
 * The shared lexicon (第七条: 省厅政治部宣传处 keeps it for the whole province): listing for reviewers,
 * edits and CSV imports by the provincial propaganda office, each a new version that every warm
 * instance picks up on its next request.
 */
import * as v from 'valibot';
import type { FieldChange, Person, RoleGrant } from '../../typings/org';
import type {
  LexiconChange,
  LexiconEditResult,
  LexiconEntryKind,
  LexiconImportResult,
  LexiconPage,
  ScreeningCategoryId,
} from '../../typings/screening';
import { authorize } from '../../core/auth/authorize';
import type { UnitTree } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { categoryOf } from '../../core/screening/categories';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { pageParams } from '../schemas';
import { runWork } from '../uow';
import { entryId, LEXICON_HEAD_ID, newEntry, type LexiconDoc, type LexiconHead } from './docs';
import { screenErrors } from './errors';
import { checkRows, IMPORT_MAX_ROWS, isHeader, parseCsv, phraseProblem, TERM_CATEGORIES, TERM_MAX } from './rows';
import { loadLexicon } from './service';
import { listPage } from './views';
import { commitVersion, materialiseStarter, putEntries, type Editor } from './write';

const categoryId = v.picklist(TERM_CATEGORIES.map((c) => c.id) as [ScreeningCategoryId, ...ScreeningCategoryId[]]);
const entryIdInput = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
// Long enough to say "too long" in Chinese rather than refuse the request shape.
const phrase = v.pipe(v.string(), v.trim(), v.maxLength(TERM_MAX * 4));

export function editorOf(person: Person, grant: RoleGrant | null, tree: UnitTree): Editor {
  const unitId = grant?.unitId ?? person.unitId;
  return { person, grant, unitPath: tree.byId.get(unitId)?.path ?? [unitId] };
}

export const lexiconList = action({
  access: 'person',
  input: v.strictObject({
    kind: v.optional(v.picklist(['term', 'allow'] as const)),
    category: v.optional(categoryId),
    search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(TERM_MAX * 4))),
    ...pageParams,
  }),
  handle: async (params, ctx): Promise<LexiconPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'screen.lexiconList', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const canEdit = authorize(caller, 'screen.lexiconEdit', { kind: 'none' }, tree).allowed;
    return { version: lexicon.version, ...listPage(lexicon, params), canEdit };
  },
});

const changeSchema = v.variant('op', [
  v.strictObject({ op: v.literal('addTerm'), term: phrase, category: categoryId }),
  v.strictObject({ op: v.literal('removeTerm'), id: entryIdInput }),
  v.strictObject({ op: v.literal('addAllow'), phrase }),
  v.strictObject({ op: v.literal('removeAllow'), id: entryIdInput }),
]);

const kindOf = (change: LexiconChange): LexiconEntryKind =>
  change.op === 'addTerm' || change.op === 'removeTerm' ? 'term' : 'allow';

/** The audit's field: which list the entry belongs to. */
const fieldOf = (kind: LexiconEntryKind, category: ScreeningCategoryId | null): string =>
  kind === 'allow' || category === null ? 'allow' : `terms.${category}`;

const labelOf = (doc: Pick<LexiconDoc, 'kind' | 'term' | 'category'>): string =>
  doc.kind === 'allow' || doc.category === null
    ? `白名单“${doc.term}”`
    : `“${doc.term}”（${categoryOf(doc.category).title}）`;

export const lexiconEdit = action({
  access: 'person',
  input: v.strictObject({ changes: v.pipe(v.array(changeSchema), v.minLength(1), v.maxLength(50)) }),
  handle: async (params, ctx): Promise<LexiconEditResult> => {
    const caller = requireCaller(ctx.caller);
    // Sizes before any database work (issue 11).
    params.changes.forEach((change, i) => {
      if (change.op !== 'addTerm' && change.op !== 'addAllow') return;
      const problem = phraseProblem(
        change.op === 'addTerm' ? change.term : change.phrase,
        change.op === 'addTerm' ? '词条' : '白名单短语',
      );
      if (problem) throw screenErrors.invalidTerm(params.changes.length > 1 ? `第 ${i + 1} 项：${problem}` : problem);
    });
    const tree = await loadTree();
    const grant = requirePermission(caller, 'screen.lexiconEdit', { kind: 'none' }, tree);
    const editor = editorOf(caller, grant, tree);
    await materialiseStarter(ctx, editor);

    // Two edits at once: the database commits one; the SDK re-runs the other, which then reads the
    // new head and the entries as they are now, and becomes the next version.
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const head = await work.get<LexiconHead>('counters', LEXICON_HEAD_ID);
      const current = head?.value ?? 0;
      const version = current + 1;
      const at = toBeijingIso(ctx.now);
      const writes = new Map<string, LexiconDoc>();
      const changes: FieldChange[] = [];
      const labels: string[] = [];
      let added = 0;
      let removed = 0;
      let duplicates = 0;
      for (const change of params.changes) {
        const kind = kindOf(change);
        if (change.op === 'addTerm' || change.op === 'addAllow') {
          const term = change.op === 'addTerm' ? change.term : change.phrase;
          const category = change.op === 'addTerm' ? change.category : null;
          const id = entryId(kind, term, category);
          const existing = writes.get(id) ?? (await work.get<LexiconDoc>('lexicon', id));
          if (existing?.active) {
            duplicates++;
            continue;
          }
          const doc = newEntry(kind, term, category, version, at, caller._id);
          writes.set(id, doc);
          added++;
          changes.push({ field: fieldOf(kind, category), from: null, to: term });
          labels.push(`新增${labelOf(doc)}`);
        } else {
          const existing = writes.get(change.id) ?? (await work.get<LexiconDoc>('lexicon', change.id));
          if (!existing || !existing.active || existing.kind !== kind) throw screenErrors.entryMissing();
          writes.set(change.id, {
            ...existing,
            active: false,
            removedIn: version,
            removedAt: at,
            removedBy: caller._id,
          });
          removed++;
          changes.push({ field: fieldOf(kind, existing.category), from: existing.term, to: null });
          labels.push(`删除${labelOf(existing)}`);
        }
      }
      if (writes.size === 0) return { version: current, added, removed, duplicates };
      await putEntries(work, [...writes.values()]);
      await commitVersion(work, version, at, editor, {
        action: 'screen.lexiconEdit',
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

export const lexiconImport = action({
  access: 'person',
  input: v.strictObject({
    // IMPORT_MAX_ROWS rows of a short term and a category title, with room to spare.
    csv: v.pipe(v.string(), v.maxLength(100_000)),
    dryRun: v.optional(v.boolean()),
  }),
  handle: async (params, ctx): Promise<LexiconImportResult> => {
    const caller = requireCaller(ctx.caller);
    // The file's size and row count before any database work (issue 11).
    const parsed = parseCsv(params.csv);
    if (parsed.records.length - 1 > IMPORT_MAX_ROWS) throw screenErrors.csvTooLarge(IMPORT_MAX_ROWS);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'screen.lexiconImport', { kind: 'none' }, tree);
    if (parsed.error)
      return { applied: false, dryRun: false, rows: Math.max(parsed.records.length - 1, 0), errors: [parsed.error] };
    const [header, ...body] = parsed.records;
    if (!header || !isHeader(header.fields)) throw screenErrors.csvHeader();
    const checked = checkRows(body);
    if (!checked.ok) return { applied: false, dryRun: false, rows: checked.rows, errors: checked.errors };

    const lexicon = await loadLexicon();
    const present = new Set(lexicon.docs.map((d) => d._id));
    const fresh = new Map<string, { term: string; category: ScreeningCategoryId }>();
    let duplicates = 0;
    for (const row of checked.rows) {
      const id = entryId('term', row.term, row.category);
      if (present.has(id) || fresh.has(id)) duplicates++;
      else fresh.set(id, { term: row.term, category: row.category });
    }
    const rows = checked.rows.length;
    if (params.dryRun) return { applied: false, dryRun: true, rows, errors: [], added: fresh.size, duplicates };
    if (fresh.size === 0)
      return { applied: true, dryRun: false, rows, errors: [], added: 0, duplicates, version: lexicon.version };

    const editor = editorOf(caller, grant, tree);
    await materialiseStarter(ctx, editor);
    // Version 0 is the starter lexicon, which the first change writes as version 1 unchanged.
    const base = Math.max(lexicon.version, 1);
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const head = await work.get<LexiconHead>('counters', LEXICON_HEAD_ID);
      // Duplicates were counted against `base`; a change since then means counting again.
      if ((head?.value ?? 0) !== base) throw commonErrors.conflict();
      const version = base + 1;
      const at = toBeijingIso(ctx.now);
      const docs = [...fresh.values()].map((r) => newEntry('term', r.term, r.category, version, at, caller._id));
      await putEntries(work, docs);
      const sample = docs.slice(0, 20).map(labelOf);
      await commitVersion(work, version, at, editor, {
        action: 'screen.lexiconImport',
        summary: `词库 v${version}：CSV 导入新增 ${docs.length} 条${duplicates > 0 ? `，跳过重复 ${duplicates} 条` : ''}`,
        added: docs.length,
        removed: 0,
        sample,
        changes: [
          { field: 'version', from: base, to: version },
          { field: 'added', from: 0, to: docs.length },
          { field: 'duplicates', from: 0, to: duplicates },
        ],
      });
      return { applied: true, dryRun: false, rows, errors: [], added: docs.length, duplicates, version };
    });
  },
});
