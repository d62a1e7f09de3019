/**
 * Writing a new lexicon version: the changed entries, the version record, the head and the audit
 * entry in one transaction, so a reader sees a version whole or not at all and no two edits ever
 * share (or skip) a number. A fresh database first gets the starter lexicon written as version 1,
 * so an edit builds on what screening used until then.
 */
import type { Action, FieldChange, Person, RoleGrant } from '../../typings/org';
import type { CollectionName } from '../../core/schema';
import { toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import { store } from '../store';
import { runWork, type Work } from '../uow';
import {
  LEXICON_HEAD_ID,
  starterDocs,
  starterRuleDocs,
  starterWordingDocs,
  versionDocId,
  type LexiconDoc,
  type LexiconHead,
  type LexiconVersionDoc,
} from './docs';

export interface Editor {
  person: Person;
  grant: RoleGrant | null;
  unitPath: string[];
}

const WRITE_LANES = 16;

/** Runs `write` over items, a few at a time: the SDK sends each as its own request. */
export async function inLanes<T>(items: readonly T[], write: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await write(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_LANES, items.length) }, lane));
}

/** An insert that leaves an existing entry alone: a concurrent first edit may already have changed it. */
async function insertOnce<T extends { _id: string }>(collection: CollectionName, doc: T): Promise<void> {
  try {
    await store.insert(collection, doc);
  } catch (err) {
    if (!/duplicate/i.test(err instanceof Error ? err.message : String(err))) throw err;
  }
}

/**
 * Version 0 lives in the code; before the first change it becomes version 1 in the database. The
 * entries are written before the head (ids are deterministic, so a concurrent first edit writes the
 * same documents, and never over one it already changed); they count only once the head names
 * version 1.
 */
export async function materialiseStarter(ctx: HandlerContext, editor: Editor): Promise<void> {
  if (await store.get<LexiconHead>('counters', LEXICON_HEAD_ID)) return;
  const at = toBeijingIso(ctx.now);
  const docs = starterDocs(1, at);
  const rules = starterRuleDocs(1, at);
  const wording = starterWordingDocs(1, at);
  await inLanes(docs, (doc) => insertOnce('lexicon', doc));
  await inLanes(rules, (doc) => insertOnce('screeningRules', doc));
  await inLanes(wording, (doc) => insertOnce('wordingRules', doc));
  await runWork(ctx, { person: editor.person, grant: editor.grant }, async (work) => {
    if (await work.get<LexiconHead>('counters', LEXICON_HEAD_ID)) return;
    await commitVersion(work, 1, at, editor, {
      action: 'screen.lexiconEdit',
      summary: `词库 v1：写入随系统提供的初始词库（${docs.length} 条）、组合规则 ${rules.length} 条、规范表述 ${wording.length} 条`,
      added: docs.length + rules.length + wording.length,
      removed: 0,
      sample: [],
      changes: [{ field: 'version', from: 0, to: 1 }],
    });
  });
}

export interface VersionNote {
  action: Action;
  summary: string;
  added: number;
  removed: number;
  sample: string[];
  changes: FieldChange[];
}

/** The head, the version record and the audit entry of version `version` (inside the work). */
export async function commitVersion(
  work: Work,
  version: number,
  at: string,
  editor: Editor,
  note: VersionNote,
): Promise<void> {
  const record: LexiconVersionDoc = {
    _id: versionDocId(version),
    version,
    at,
    by: editor.person._id,
    summary: note.summary,
    added: note.added,
    removed: note.removed,
    sample: note.sample,
  };
  // A plain write, not a create-if-absent: a head read before another edit committed is caught by
  // the commit, which the SDK then re-runs with the new head; a create would refuse it instead.
  await work.put('lexiconVersions', record);
  await work.put<LexiconHead>('counters', { _id: LEXICON_HEAD_ID, value: version, updatedAt: at });
  work.audit({
    action: note.action,
    object: { collection: 'lexiconVersions', id: record._id },
    summary: note.summary,
    changes: note.changes,
    unitPath: editor.unitPath,
  });
}

/** Puts the entries of a version inside the work, a few requests at a time. */
export async function putEntries(work: Work, docs: readonly LexiconDoc[]): Promise<void> {
  await inLanes(docs, (doc) => work.put('lexicon', doc));
}
