/**
 * 规范表述: standard wording. A wrong or non-standard expression is matched like a lexicon term (same
 * normalisation, same automaton pass) and answered with the form to use, its reason and its source;
 * the editor applies it with one tap. Suggestions never refuse a post nor raise its level.
 */
import type { WordingDraft } from '../../typings/screening';
import { normaliseTerm } from './normalize';

export const WORDING_TEXT_MAX = 32;
export const WORDING_REASON_MAX = 200;
export const WORDING_SOURCE_MAX = 100;

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Why a draft cannot be a wording rule, in Chinese; [] when it can. */
export function wordingProblems(draft: WordingDraft): string[] {
  const problems: string[] = [];
  const wrong = draft.wrong.trim();
  const correct = draft.correct.trim();
  const field = (value: string, what: string, max: number, required: boolean): void => {
    if (value === '') {
      if (required) problems.push(`${what}为空`);
    } else if (LINE_BREAK.test(value)) problems.push(`${what}不能包含换行`);
    else if ([...value].length > max) problems.push(`${what}过长（最多 ${max} 个字）`);
  };
  field(wrong, '不规范表述', WORDING_TEXT_MAX, true);
  field(correct, '规范表述', WORDING_TEXT_MAX, true);
  field(draft.reason.trim(), '理由', WORDING_REASON_MAX, true);
  field(draft.source.trim(), '依据', WORDING_SOURCE_MAX, true);
  if (wrong !== '' && !LINE_BREAK.test(wrong)) {
    const { key: w, runs } = normaliseTerm(wrong);
    const c = normaliseTerm(correct).key;
    if (w === '') problems.push('不规范表述只含符号或空白，无法匹配');
    else if ((runs ? runs.reduce((a, b) => a + b, 0) : w.length) < 2)
      problems.push(`“${wrong}”只有一个字，几乎处处出现`);
    // Applying the suggestion must not produce the same flag again.
    else if (c.includes(w)) problems.push(`规范表述“${correct}”本身含有“${wrong}”，替换后仍会被提示`);
  }
  return problems;
}
