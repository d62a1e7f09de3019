/**
 * How the rule pages write a combination rule's parts for people: groups as lines of terms, the
 * scope in words. Pure, shared by the list and the editor.
 */
import type { CombinationRule, RuleView } from '../../../typings/screening';
import { doubtNote } from '../../utils/labels';

/** Terms of one group are separated by 、 (also accepted: ， , | and spaces). */
const TERM_SEPARATORS = /[、，,|｜\s]+/;

/** One group per line, its terms joined by 、. */
export function formatGroups(groups: readonly (readonly string[])[]): string {
  return groups.map((g) => g.join('、')).join('\n');
}

/** The editor's text back into groups: one per non-blank line. */
export function parseGroups(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(TERM_SEPARATORS).filter((t) => t.length > 0))
    .filter((g) => g.length > 0);
}

/** 殴打、打伤等 + 民警、警察等: the first terms of each group. */
export function groupsSummary(groups: readonly (readonly string[])[], shown = 3): string {
  return groups
    .map((g) => (g.length > shown ? `${g.slice(0, shown).join('、')}等${g.length}个词` : g.join('、')))
    .join(' ＋ ');
}

export function scopeLabel(rule: Pick<CombinationRule, 'within' | 'ordered'>): string {
  const where = rule.within.kind === 'sentence' ? '同一句内' : `${rule.within.chars} 字以内`;
  return rule.ordered ? `${where}，按顺序` : where;
}

/** 语义复核 in words, for the list and the editor; '' for a rule trusted. */
export function doubtLabel(rule: Pick<RuleView, 'doubt'>): string {
  return rule.doubt ? `${doubtNote(rule.doubt)}；改写词组或排除词后不再受此限` : '';
}
