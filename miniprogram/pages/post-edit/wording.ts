/**
 * 规范表述 in the editor: screen.check's suggestions (offsets into `title + '\n' + text`) as rows
 * naming the field they sit in, and the one-tap replacement of a row's span with the correct form.
 */
import type { WordingSuggestion } from '../../../typings/screening';

export interface SuggestionRow {
  key: string;
  field: 'title' | 'text';
  /** Offsets inside the field, UTF-16 units, end exclusive. */
  start: number;
  end: number;
  matched: string;
  correct: string;
  /** e.g. 标题中“…” */
  where: string;
  reason: string;
  source: string;
}

/** The suggestions of a check of `title + '\n' + text`, located in their field; a span across the line break is dropped. */
export function suggestionRows(title: string, suggestions: readonly WordingSuggestion[]): SuggestionRow[] {
  const textAt = title.length + 1;
  const rows: SuggestionRow[] = [];
  suggestions.forEach((s, i) => {
    const inTitle = s.end <= title.length;
    if (!inTitle && s.start < textAt) return;
    const at = inTitle ? 0 : textAt;
    rows.push({
      key: `w${i}-${s.start}`,
      field: inTitle ? 'title' : 'text',
      start: s.start - at,
      end: s.end - at,
      matched: s.matched,
      correct: s.correct,
      where: inTitle ? '标题' : '正文',
      reason: s.reason,
      source: s.source,
    });
  });
  return rows;
}

/**
 * The field's value with the row's span replaced, or null when the field no longer holds the
 * flagged words there (the author typed since the check).
 */
export function applySuggestion(value: string, row: SuggestionRow): string | null {
  if (value.slice(row.start, row.end) !== row.matched) return null;
  return `${value.slice(0, row.start)}${row.correct}${value.slice(row.end)}`;
}
