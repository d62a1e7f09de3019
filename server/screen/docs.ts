/**
 * How the lexicon lives in the database, free of the SDK so the seed can write the same documents:
 * one `lexicon` document per term or allow phrase, soft-removed so history stays readable, and one
 * head document (`counters/lexiconVersion`) that every change bumps in the same transaction. A
 * function instance reads only the head per request and reloads the terms when it moved.
 */
import { createHash } from 'node:crypto';
import type { IsoTime } from '../../typings/common';
import type { LexiconData, LexiconEntryKind, LexiconTerm, ScreeningCategoryId } from '../../typings/screening';
import { normaliseTerm } from '../../core/screening/normalize';
import { STARTER_LEXICON } from '../../core/screening/starter-lexicon';

export const LEXICON_HEAD_ID = 'lexiconVersion';

export interface LexiconHead {
  _id: typeof LEXICON_HEAD_ID;
  /** 1, 2, 3 …; 0 (no head yet) is the starter lexicon shipped with the code. */
  value: number;
  updatedAt: IsoTime;
}

export interface LexiconDoc {
  _id: string;
  kind: LexiconEntryKind;
  /** The term or allow phrase as written. */
  term: string;
  /** null for an allow phrase. */
  category: ScreeningCategoryId | null;
  active: boolean;
  addedIn: number;
  addedAt: IsoTime;
  /** Person id; null for the shipped starter lexicon. */
  addedBy: string | null;
  removedIn: number | null;
  removedAt: IsoTime | null;
  removedBy: string | null;
}

/** One record per version: what changed, for the history and the audit's reader. */
export interface LexiconVersionDoc {
  _id: string;
  version: number;
  at: IsoTime;
  by: string | null;
  summary: string;
  added: number;
  removed: number;
  /** The first changes, as written (a large import keeps only a sample here; the audit has the count). */
  sample: string[];
}

export const versionDocId = (version: number): string => `lexv-${String(version).padStart(9, '0')}`;

/**
 * Identity of an entry: its category and its normalised form (fold + runs), so 测 试 and 测试 in one
 * category are one rule, while 谢谢 and 谢 stay two.
 */
export function entryId(kind: LexiconEntryKind, term: string, category: ScreeningCategoryId | null): string {
  const { key, runs } = normaliseTerm(term);
  const ident = `${kind}\u0000${category ?? ''}\u0000${key}\u0000${runs ? runs.join(',') : ''}`;
  return `${kind === 'term' ? 'lx' : 'la'}-${createHash('sha256').update(ident, 'utf8').digest('hex').slice(0, 24)}`;
}

export function newEntry(
  kind: LexiconEntryKind,
  term: string,
  category: ScreeningCategoryId | null,
  version: number,
  at: IsoTime,
  by: string | null,
): LexiconDoc {
  return {
    _id: entryId(kind, term, category),
    kind,
    term,
    category,
    active: true,
    addedIn: version,
    addedAt: at,
    addedBy: by,
    removedIn: null,
    removedAt: null,
    removedBy: null,
  };
}

/**
 * The starter lexicon as documents: version 0 when no head exists yet (read straight from the code),
 * version 1 once written (the seed, or the first edit of a fresh database).
 */
export function starterDocs(version: 0 | 1, at: IsoTime): LexiconDoc[] {
  const byId = new Map<string, LexiconDoc>();
  for (const t of STARTER_LEXICON.terms) {
    const doc = newEntry('term', t.term, t.category, version, at, null);
    if (!byId.has(doc._id)) byId.set(doc._id, doc);
  }
  for (const phrase of STARTER_LEXICON.allow) {
    const doc = newEntry('allow', phrase, null, version, at, null);
    if (!byId.has(doc._id)) byId.set(doc._id, doc);
  }
  return [...byId.values()];
}

/** Matcher input from the active documents of one version. */
export function lexiconData(version: number, docs: readonly LexiconDoc[]): LexiconData {
  const terms: LexiconTerm[] = [];
  const allow: string[] = [];
  for (const d of docs) {
    if (!d.active) continue;
    if (d.kind === 'allow') allow.push(d.term);
    else if (d.category !== null) terms.push({ term: d.term, category: d.category });
  }
  return { version: String(version), terms, allow };
}
