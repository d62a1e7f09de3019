import type { WordingSuggestion } from '../../../typings/screening';
import { applySuggestion, suggestionRows } from './wording';

const s = (start: number, wrong: string): WordingSuggestion => ({
  ruleId: 'dw',
  start,
  end: start + wrong.length,
  matched: wrong,
  wrong,
  correct: '台湾地区领导人',
  reason: '涉台称谓',
  source: '新华社',
});

describe('规范表述 in the editor', () => {
  it('locates a suggestion in the title or the text, and drops one across the line break', () => {
    // "台湾总统\n台湾总统": the text starts at 5.
    const rows = suggestionRows('台湾总统', [s(0, '台湾总统'), s(5, '台湾总统'), s(2, '总统\n台湾')]);
    expect(rows.map((r) => [r.field, r.start, r.end])).toEqual([
      ['title', 0, 4],
      ['text', 0, 4],
    ]);
  });

  it('replaces only when the field still holds the flagged words there', () => {
    const [row] = suggestionRows('', [s(3, '台湾总统')]);
    if (!row) throw new Error('no row');
    expect(applySuggestion('会见台湾总统时', row)).toBe('会见台湾地区领导人时');
    expect(applySuggestion('会见了台湾总统时', row)).toBeNull();
  });
});
