/**
 * What a lexicon entry may be, and the CSV an import brings (RFC 4180: quoted fields, "" escapes,
 * CRLF or LF). No CSV library is installed; two columns need no more than this small parser.
 * Pure: no database, so the rules are tested on their own.
 */
import type { LexiconRowError, ScreeningCategoryId } from '../../typings/screening';
import { SCREENING_CATEGORIES } from '../../core/screening/categories';
import { normaliseTerm } from '../../core/screening/normalize';

/** Longer than any phrase worth matching; keeps the automaton and the page readable. */
export const TERM_MAX = 32;
// One import is one transaction: kept well inside what a transaction should carry (and a cold start).
export const IMPORT_MAX_ROWS = 500;

/**
 * Categories a term may feed. The platform's verdicts and a missing repost source are found by
 * detectors, not words, so a term cannot claim them.
 */
const NOT_FOR_TERMS: ReadonlySet<ScreeningCategoryId> = new Set(['platformRisky', 'platformReview', 'sourceMissing']);
export const TERM_CATEGORIES = SCREENING_CATEGORIES.filter((c) => !NOT_FOR_TERMS.has(c.id));

const byLabel = new Map<string, ScreeningCategoryId>();
for (const c of TERM_CATEGORIES) {
  byLabel.set(c.id.toLowerCase(), c.id);
  byLabel.set(c.title, c.id);
}

/** A category as written in a CSV: its id (privacy) or its Chinese title. */
export function categoryFromLabel(label: string): ScreeningCategoryId | null {
  return byLabel.get(label.trim()) ?? byLabel.get(label.trim().toLowerCase()) ?? null;
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Why a term or allow phrase cannot be stored, in Chinese; null when it can. */
export function phraseProblem(phrase: string, what: '词条' | '白名单短语'): string | null {
  if (phrase === '') return `${what}为空`;
  if (LINE_BREAK.test(phrase)) return `${what}不能包含换行`;
  if ([...phrase].length > TERM_MAX) return `${what}过长（最多 ${TERM_MAX} 个字）`;
  if (normaliseTerm(phrase).key === '') return `${what}只含符号或空白，无法匹配`;
  return null;
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** Parses CSV text into records; a quote left open is reported on the line it opened. */
export function parseCsv(text: string): { records: CsvRecord[]; error: LexiconRowError | null } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) return { records, error: { line: quoteLine, message: '引号未闭合' } };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, error: null };
}

const HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['term', 'category'],
  ['词条', '类别'],
];

export function isHeader(fields: readonly string[]): boolean {
  const cells = fields.map((f) => f.trim().toLowerCase());
  return HEADERS.some(([a, b]) => cells.length === 2 && cells[0] === a && cells[1] === b);
}

export interface ImportRow {
  line: number;
  term: string;
  category: ScreeningCategoryId;
}

export type RowCheck = { ok: true; rows: ImportRow[] } | { ok: false; errors: LexiconRowError[]; rows: number };

/** Every row's problems with its line number, or every row ready to add. The header is line 1. */
export function checkRows(records: readonly CsvRecord[]): RowCheck {
  const errors: LexiconRowError[] = [];
  const rows: ImportRow[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== 2) {
      errors.push({ line, message: `应为 2 列（词条,类别），实为 ${fields.length} 列` });
      continue;
    }
    const term = fields[0].trim();
    const label = fields[1].trim();
    const problems: string[] = [];
    const termProblem = phraseProblem(term, '词条');
    if (termProblem) problems.push(termProblem);
    const category = label === '' ? null : categoryFromLabel(label);
    if (label === '') problems.push('类别为空');
    else if (!category) problems.push(`类别“${label}”不存在`);
    if (problems.length > 0 || !category) errors.push({ line, message: problems.join('；') });
    else rows.push({ line, term, category });
  }
  return errors.length > 0 ? { ok: false, errors, rows: records.length } : { ok: true, rows };
}
