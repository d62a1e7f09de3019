/**
 * How the lexicon lives in the database, free of the SDK so the seed can write the same documents:
 * one `lexicon` document per term or allow phrase, one `screeningRules` document per combination
 * rule and one `wordingRules` document per standard-wording entry, all soft-removed so history stays
 * readable, and one head document (`counters/lexiconVersion`) that every change of any of them bumps
 * in the same transaction: terms, rules and wording share one version. A function instance reads
 * only the head per request and reloads when it moved.
 */
import { createHash } from 'node:crypto';
import type { IsoTime } from '../../typings/common';
import type {
  CombinationRule,
  LexiconData,
  LexiconEntryKind,
  LexiconTerm,
  ScreeningCategoryId,
  WordingRule,
} from '../../typings/screening';
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

/** Who added, changed and removed a stored rule or wording entry, and in which version. */
export interface Lifecycle {
  active: boolean;
  addedIn: number;
  addedAt: IsoTime;
  /** Person id; null for what shipped with the code. */
  addedBy: string | null;
  changedIn: number | null;
  changedAt: IsoTime | null;
  changedBy: string | null;
  removedIn: number | null;
  removedAt: IsoTime | null;
  removedBy: string | null;
}

/** A combination rule as stored; `revision` counts its edits (an edit names the one it read). */
export interface RuleDoc extends CombinationRule, Lifecycle {
  _id: string;
  revision: number;
}

export interface WordingDoc extends WordingRule, Lifecycle {
  _id: string;
}

export const bornIn = (version: number, at: IsoTime, by: string | null): Lifecycle => ({
  active: true,
  addedIn: version,
  addedAt: at,
  addedBy: by,
  changedIn: null,
  changedAt: null,
  changedBy: null,
  removedIn: null,
  removedAt: null,
  removedBy: null,
});

export const ruleDoc = (rule: CombinationRule, life: Lifecycle, revision = 1): RuleDoc => ({
  ...rule,
  _id: rule.id,
  ...life,
  revision,
});

export const wordingDoc = (entry: WordingRule, life: Lifecycle): WordingDoc => ({ ...entry, _id: entry.id, ...life });

/** The rule a stored document holds (without its lifecycle). */
export const ruleOf = (d: RuleDoc): CombinationRule => ({
  id: d._id,
  name: d.name,
  category: d.category,
  effect: d.effect,
  levelFloor: d.levelFloor,
  groups: d.groups,
  exclude: d.exclude,
  within: d.within,
  ordered: d.ordered,
  note: d.note,
});

export const wordingOf = (d: WordingDoc): WordingRule => ({
  id: d._id,
  wrong: d.wrong,
  correct: d.correct,
  reason: d.reason,
  source: d.source,
});

/** The default rules and wording as documents of `version` (0: read straight from the code). */
export function starterRuleDocs(version: 0 | 1, at: IsoTime): RuleDoc[] {
  return (STARTER_LEXICON.rules ?? []).map((r) => ruleDoc(r, bornIn(version, at, null)));
}

export function starterWordingDocs(version: 0 | 1, at: IsoTime): WordingDoc[] {
  return (STARTER_LEXICON.wording ?? []).map((w) => wordingDoc(w, bornIn(version, at, null)));
}

/** Matcher input from the active documents of one version. */
export function lexiconData(
  version: number,
  docs: readonly LexiconDoc[],
  rules: readonly RuleDoc[] = [],
  wording: readonly WordingDoc[] = [],
): LexiconData {
  const terms: LexiconTerm[] = [];
  const allow: string[] = [];
  for (const d of docs) {
    if (!d.active) continue;
    if (d.kind === 'allow') allow.push(d.term);
    else if (d.category !== null) terms.push({ term: d.term, category: d.category });
  }
  return {
    version: String(version),
    terms,
    allow,
    rules: rules.filter((r) => r.active).map(ruleOf),
    wording: wording.filter((w) => w.active).map(wordingOf),
  };
}
