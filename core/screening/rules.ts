/**
 * Combination rules (第十七条 both parts, 第十八条, 第四十条, 第四十一条): what a rule may be, and
 * whether it fired, from the occurrences of its terms that the one automaton pass found.
 *
 * Semantics, stated once (the brute-force reference in reference.ts says the same in another way):
 * a rule fires in sentence S when no exclusion term occurs in S and one occurrence of every group
 * can be chosen such that
 *  - the earliest chosen part starts in S (the anchor);
 *  - `within: sentence` — every part lies in S; `within: window N` — the last part ends at most N
 *    characters (UTF-16 units of the original text) after the anchor starts;
 *  - `ordered` — each group's part starts at or after the previous group's part ends.
 * It fires at most once per sentence; the hit names the first such choice (earliest anchor, and for
 * ordered rules the earliest-ending part of each next group).
 */
import type {
  CombinationRule,
  RuleDraft,
  RuleProblem,
  ScreeningCategoryId,
  SensitivityLevel,
} from '../../typings/screening';
import { categoryOf, isCategoryId } from './categories';
import { fnv1a } from './fnv';
import { normaliseTerm } from './normalize';

/** Longer than any phrase worth matching (the lexicon's own limit). */
export const RULE_TERM_MAX = 32;
export const RULE_NAME_MAX = 40;
export const RULE_NOTE_MAX = 200;
export const RULE_GROUPS_MAX = 6;
export const RULE_EXCLUDE_MAX = 6;
export const RULE_GROUP_TERMS_MAX = 200;
export const RULE_TERMS_MAX = 400;
/** A window wider than a long paragraph is no longer a combination. */
export const RULE_WINDOW_MAX = 300;

/** Categories a rule cannot claim: the platform's verdicts and a missing source are not words. */
const NOT_FOR_RULES: ReadonlySet<ScreeningCategoryId> = new Set(['platformRisky', 'platformReview', 'sourceMissing']);

export function ruleCategoryAllowed(id: string): id is ScreeningCategoryId {
  return isCategoryId(id) && !NOT_FOR_RULES.has(id);
}

const LEVEL_LABEL: Readonly<Record<SensitivityLevel, string>> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感',
};

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Every reason a draft cannot be a rule, in the order the editor shows them; [] when it can. */
export function ruleProblems(draft: RuleDraft): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (code: RuleProblem['code'], field: string, message: string): void => {
    problems.push({ code, field, message });
  };
  const name = draft.name.trim();
  if (name === '') add('NAME', 'name', '规则名称为空');
  else if ([...name].length > RULE_NAME_MAX) add('NAME', 'name', `规则名称过长（最多 ${RULE_NAME_MAX} 个字）`);
  if ([...draft.note].length > RULE_NOTE_MAX) add('NOTE', 'note', `说明过长（最多 ${RULE_NOTE_MAX} 个字）`);

  if (!ruleCategoryAllowed(draft.category)) {
    add('CATEGORY', 'category', `类别“${String(draft.category)}”不存在或不能由规则命中`);
  } else {
    const category = categoryOf(draft.category);
    if (category.scope === 'message') {
      if (draft.effect !== 'triage' || draft.levelFloor !== null)
        add('EFFECT', 'effect', `“${category.title}”是留言处置类别，规则效果只能是“留言处置”`);
    } else if (draft.effect === 'triage') {
      add('EFFECT', 'effect', '“留言处置”只用于网民留言的类别');
    } else if (draft.effect === 'caution' && draft.levelFloor === null) {
      add('EFFECT', 'levelFloor', '“审慎发布”须指定最低敏感等级');
    } else if (draft.effect === 'block' && draft.levelFloor !== null) {
      add('EFFECT', 'levelFloor', '“禁止发布”不设最低敏感等级');
    }
  }

  if (draft.groups.length === 0) add('NO_GROUPS', 'groups', '至少需要一组词');
  if (draft.groups.length > RULE_GROUPS_MAX) add('TOO_LARGE', 'groups', `最多 ${RULE_GROUPS_MAX} 组`);
  if (draft.exclude.length > RULE_EXCLUDE_MAX) add('TOO_LARGE', 'exclude', `排除词最多 ${RULE_EXCLUDE_MAX} 组`);
  const total = [...draft.groups, ...draft.exclude].reduce((n, g) => n + g.length, 0);
  if (total > RULE_TERMS_MAX) add('TOO_LARGE', 'groups', `一条规则最多 ${RULE_TERMS_MAX} 个词`);

  /** Normalised key → where it was first written. */
  const seen = new Map<string, string>();
  const label = (kind: 'group' | 'exclude', g: number): string => `${kind === 'group' ? '' : '排除'}第 ${g + 1} 组`;
  const checkTerm = (kind: 'group' | 'exclude', g: number, t: number, raw: string): number => {
    const field = `${kind === 'group' ? 'groups' : 'exclude'}.${g}.${t}`;
    const term = raw.trim();
    const where = label(kind, g);
    if (term === '') {
      add('TERM', field, `${where}有空词`);
      return 0;
    }
    if (LINE_BREAK.test(term)) {
      add('TERM', field, `${where}的“${term}”含有换行`);
      return 0;
    }
    if ([...term].length > RULE_TERM_MAX) {
      add('TERM', field, `${where}的“${term.slice(0, 8)}…”过长（最多 ${RULE_TERM_MAX} 个字）`);
      return 0;
    }
    const { key, runs } = normaliseTerm(term);
    if (key === '') {
      add('TERM', field, `${where}的“${term}”只含符号或空白，无法匹配`);
      return 0;
    }
    // 第十七条's items are about what a sentence says; one character occurs almost everywhere, so a
    // group holding one would make the rule fire on nearly every text.
    // (聊聊 is one collapsed unit but needs two characters in the text, so it is not a single one.)
    const spelled = runs ? runs.reduce((a, b) => a + b, 0) : key.length;
    if (kind === 'group' && spelled < 2) {
      add('SINGLE_CHARACTER', field, `${where}的“${term}”只有一个字，几乎处处出现，规则会命中几乎所有文本`);
    }
    const before = seen.get(key);
    if (before !== undefined) {
      add(
        before.startsWith('排除') !== (kind === 'exclude') ? 'EXCLUDED_TERM' : 'DUPLICATE_TERM',
        field,
        before.startsWith('排除') !== (kind === 'exclude')
          ? `“${term}”既在${kind === 'exclude' ? before : where}又是排除词：遇到它规则永远不会命中`
          : `“${term}”在${before}和${where}重复出现`,
      );
    } else {
      seen.set(key, where);
    }
    return [...key].length;
  };
  const shortest: number[] = [];
  draft.groups.forEach((group, g) => {
    if (group.length === 0) {
      add('EMPTY_GROUP', `groups.${g}`, `第 ${g + 1} 组没有词：这条规则永远不会命中`);
      return;
    }
    if (group.length > RULE_GROUP_TERMS_MAX)
      add('TOO_LARGE', `groups.${g}`, `第 ${g + 1} 组最多 ${RULE_GROUP_TERMS_MAX} 个词`);
    let min = Infinity;
    group.forEach((term, t) => {
      const len = checkTerm('group', g, t, term);
      if (len > 0) min = Math.min(min, [...term.trim()].length);
    });
    if (Number.isFinite(min)) shortest.push(min);
  });
  draft.exclude.forEach((group, g) => {
    if (group.length === 0) {
      add('EMPTY_GROUP', `exclude.${g}`, `排除第 ${g + 1} 组没有词`);
      return;
    }
    if (group.length > RULE_GROUP_TERMS_MAX)
      add('TOO_LARGE', `exclude.${g}`, `排除第 ${g + 1} 组最多 ${RULE_GROUP_TERMS_MAX} 个词`);
    group.forEach((term, t) => checkTerm('exclude', g, t, term));
  });

  if (draft.within.kind === 'window') {
    const chars = draft.within.chars;
    if (!Number.isInteger(chars) || chars <= 0) {
      add('WINDOW', 'within.chars', `窗口为 ${String(chars)} 个字：这条规则永远不会命中`);
    } else if (chars > RULE_WINDOW_MAX) {
      add('WINDOW', 'within.chars', `窗口最多 ${RULE_WINDOW_MAX} 个字；更大的范围请用“同一句”`);
    } else if (shortest.length === draft.groups.length && shortest.length > 0) {
      // The parts must fit: side by side when ordered, the longest shortest term when not.
      const need = draft.ordered ? shortest.reduce((a, b) => a + b, 0) : Math.max(...shortest);
      if (chars < need)
        add('WINDOW', 'within.chars', `窗口 ${chars} 个字容不下各组最短的词（至少需要 ${need} 个字）：永远不会命中`);
    }
  }
  return problems;
}

/**
 * Chinese summary of a rule's effect as a reviewer says it: 禁止发布, 审慎发布, or 审慎发布（不低于重大敏感）
 * when the rule raises the post's level (第十七条（二）); 一般 is every post's floor, so it is not said.
 */
export function ruleEffectLabel(rule: Pick<CombinationRule, 'effect' | 'levelFloor'>): string {
  if (rule.effect === 'block') return '禁止发布';
  if (rule.effect === 'triage') return '留言处置';
  const floor = rule.levelFloor ?? 'ordinary';
  return floor === 'ordinary' ? '审慎发布' : `审慎发布（不低于${LEVEL_LABEL[floor]}）`;
}

/** The effect a rule takes by default: its category's. */
export function defaultEffect(category: ScreeningCategoryId): Pick<CombinationRule, 'effect' | 'levelFloor'> {
  const c = categoryOf(category);
  return c.effect === 'caution'
    ? { effect: 'caution', levelFloor: c.levelFloor }
    : { effect: c.effect, levelFloor: null };
}

/**
 * What makes a rule fire, as eight hex digits (FNV-1a): the same for a rule renamed or re-noted, another
 * once its item, groups, exclusions, range or order change. 语义复核 doubts a rule by id and fingerprint,
 * so a rule the desk has rewritten is trusted until it is measured again.
 */
export function ruleFingerprint(
  rule: Pick<CombinationRule, 'category' | 'groups' | 'exclude' | 'within' | 'ordered'>,
): string {
  return fnv1a(JSON.stringify([rule.category, rule.groups, rule.exclude, rule.within, rule.ordered]));
}

/** How 语义复核's record names a rule: its id and what makes it fire (DoubtfulReader.key). */
export function ruleDoubtKey(rule: CombinationRule): string {
  return `${rule.id}@${ruleFingerprint(rule)}`;
}

// ---- evaluation ----

/** One occurrence of a rule's term, found by the automaton and mapped back to the original. */
export interface RuleOccurrence {
  /** Index of the rule in the matcher's compiled list. */
  rule: number;
  /** ≥ 0: the group; < 0: exclusion group -1 - slot. */
  slot: number;
  /** The term as written. */
  term: string;
  start: number;
  end: number;
}

export interface RuleMatchPart {
  group: number;
  term: string;
  start: number;
  end: number;
}

export interface RuleMatch {
  /** Index of the rule in the matcher's compiled list. */
  rule: number;
  /** 0-based sentence the match starts in. */
  sentence: number;
  /** One per group, in group order. */
  parts: RuleMatchPart[];
}

/** How many sentence ends lie before `offset`: the 0-based sentence holding it. */
export function sentenceAt(ends: ArrayLike<number>, count: number, offset: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A group occurrence with the sentence it starts in. */
export interface Occ {
  group: number;
  term: string;
  start: number;
  end: number;
  sentence: number;
}

const byStart = (a: Occ, b: Occ): number => a.start - b.start || a.end - b.end;

/** First index in `list` (sorted by start) whose start is ≥ `start`. */
function firstFrom(list: readonly Occ[], start: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `list` (sorted by start, hence by sentence) in sentence `sentence` or later. */
function firstInSentence(list: readonly Occ[], sentence: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].sentence < sentence) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The earliest-ending occurrence with start ≥ from and end ≤ limit (and in `sentence` when ≥ 0). */
function earliestEnding(list: readonly Occ[], from: number, limit: number, sentence: number): Occ | null {
  let best: Occ | null = null;
  const begin =
    sentence >= 0 ? Math.max(firstFrom(list, from), firstInSentence(list, sentence)) : firstFrom(list, from);
  for (let i = begin; i < list.length; i++) {
    const o = list[i];
    if (o.start > limit || (sentence >= 0 && o.sentence > sentence)) break;
    if (o.end <= limit && (sentence < 0 || o.sentence === sentence) && (best === null || o.end < best.end)) best = o;
  }
  return best;
}

/** The first occurrence (by start) with start ≥ from and end ≤ limit. */
function firstFitting(list: readonly Occ[], from: number, limit: number): Occ | null {
  for (let i = firstFrom(list, from); i < list.length; i++) {
    const o = list[i];
    if (o.start > limit) return null;
    if (o.end <= limit) return o;
  }
  return null;
}

const part = (o: Occ): RuleMatchPart => ({ group: o.group, term: o.term, start: o.start, end: o.end });

/** An ordered chain starting with `first`: each next group's earliest-ending part after the previous. */
function chain(groups: readonly Occ[][], first: Occ, limit: number, sentence: number): RuleMatchPart[] | null {
  if (first.end > limit) return null;
  const parts = [part(first)];
  let end = first.end;
  for (let g = 1; g < groups.length; g++) {
    const next = earliestEnding(groups[g], end, limit, sentence);
    if (!next) return null;
    parts.push(part(next));
    end = next.end;
  }
  return parts;
}

/**
 * Whether one rule fires in each sentence its occurrences touch; `occ` sorted by start, `excluded`
 * the sentences holding an exclusion term.
 */
export function evaluateOne(
  rule: Pick<CombinationRule, 'groups' | 'within' | 'ordered'>,
  index: number,
  occ: readonly Occ[],
  excluded: ReadonlySet<number>,
): RuleMatch[] {
  const G = rule.groups.length;
  const groups: Occ[][] = [];
  for (let g = 0; g < G; g++) groups.push([]);
  for (const o of occ) groups[o.group].push(o);
  for (let g = 0; g < G; g++) if (groups[g].length === 0) return [];
  const matches: RuleMatch[] = [];
  const window = rule.within.kind === 'window' ? rule.within.chars : -1;
  let done = -1;
  for (const anchor of rule.ordered ? groups[0] : occ) {
    const s = anchor.sentence;
    if (s === done || excluded.has(s)) continue;
    let parts: RuleMatchPart[] | null = null;
    if (window < 0) {
      // Within the sentence: one occurrence of every group in it.
      if (rule.ordered) {
        const first = earliestEnding(groups[0], 0, Infinity, s);
        parts = first ? chain(groups, first, Infinity, s) : null;
      } else {
        const found: RuleMatchPart[] = [];
        for (let g = 0; g < G; g++) {
          const list = groups[g];
          const o = list[firstInSentence(list, s)];
          if (!o || o.sentence !== s) break;
          found.push(part(o));
        }
        if (found.length === G) parts = found;
      }
      // Sentence scope is decided by the sentence, not the anchor: one look per sentence.
      done = s;
    } else {
      const limit = anchor.start + window;
      if (rule.ordered) {
        parts = chain(groups, anchor, limit, -1);
      } else {
        const found: RuleMatchPart[] = [];
        for (let g = 0; g < G; g++) {
          const o = g === anchor.group ? anchor : firstFitting(groups[g], anchor.start, limit);
          if (!o || o.end > limit) break;
          found.push(part(o));
        }
        if (found.length === G) parts = found;
      }
    }
    if (parts) {
      matches.push({ rule: index, sentence: s, parts });
      done = s;
    }
  }
  return matches;
}

/**
 * Every rule match, from the occurrences the automaton found (already cleared of allow-listed
 * spans) and the sentence ends the normaliser recorded. Rules without an occurrence cost nothing.
 */
export function evaluateRules(
  rules: readonly Pick<CombinationRule, 'groups' | 'within' | 'ordered'>[],
  occurrences: readonly RuleOccurrence[],
  sentenceEnds: ArrayLike<number>,
  sentenceCount: number,
): RuleMatch[] {
  if (occurrences.length === 0) return [];
  const byRule = new Map<number, RuleOccurrence[]>();
  for (const o of occurrences) {
    const list = byRule.get(o.rule);
    if (list) list.push(o);
    else byRule.set(o.rule, [o]);
  }
  const matches: RuleMatch[] = [];
  for (const [index, list] of [...byRule].sort((a, b) => a[0] - b[0])) {
    const rule = rules[index];
    if (!rule) continue;
    const excluded = new Set<number>();
    const occ: Occ[] = [];
    for (const o of list) {
      const sentence = sentenceAt(sentenceEnds, sentenceCount, o.start);
      if (o.slot < 0) excluded.add(sentence);
      else occ.push({ group: o.slot, term: o.term, start: o.start, end: o.end, sentence });
    }
    occ.sort(byStart);
    matches.push(...evaluateOne(rule, index, occ, excluded));
  }
  return matches;
}

// ---- explanation (the editor's test bench) ----

export interface RuleExplanation {
  fired: boolean;
  /** Why not, in Chinese; null when it fired. */
  reason: string | null;
}

/** Why a rule did not fire on a text, from its occurrences (the test bench shows this). */
export function explainRule(
  rule: Pick<CombinationRule, 'groups' | 'within' | 'ordered'>,
  occurrences: readonly RuleOccurrence[],
  matched: boolean,
  sentenceEnds: ArrayLike<number>,
  sentenceCount: number,
): RuleExplanation {
  if (matched) return { fired: true, reason: null };
  const present = new Set(occurrences.filter((o) => o.slot >= 0).map((o) => o.slot));
  const missing = rule.groups.map((_, g) => g).filter((g) => !present.has(g));
  if (missing.length > 0) {
    const first = missing[0] ?? 0;
    const sample = (rule.groups[first] ?? []).slice(0, 3).join('、');
    return {
      fired: false,
      reason: `第 ${missing.map((g) => g + 1).join('、')} 组的词没有出现（如：${sample}${(rule.groups[first]?.length ?? 0) > 3 ? '…' : ''}）`,
    };
  }
  // Every group occurs: was a sentence holding all of them cancelled by an exclusion?
  const sentence = (o: RuleOccurrence): number => sentenceAt(sentenceEnds, sentenceCount, o.start);
  const exclusions = occurrences.filter((o) => o.slot < 0);
  const relaxed = evaluateRules(
    [{ groups: rule.groups, within: rule.within, ordered: rule.ordered }],
    occurrences.filter((o) => o.slot >= 0).map((o) => ({ ...o, rule: 0 })),
    sentenceEnds,
    sentenceCount,
  );
  for (const m of relaxed) {
    const hit = exclusions.find((e) => sentence(e) === m.sentence);
    if (hit) return { fired: false, reason: `排除词“${hit.term}”与各组的词在同一句中，规则不命中` };
  }
  const where = rule.within.kind === 'sentence' ? '没有出现在同一句中' : `相距超过 ${rule.within.chars} 个字`;
  return { fired: false, reason: `各组的词都出现了，但${where}${rule.ordered ? '或顺序不符' : ''}` };
}
