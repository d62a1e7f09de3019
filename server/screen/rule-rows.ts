/**
 * A combination rule written as one CSV line (issue 17's import), and the reasons a line cannot be
 * a rule. Pure: no database, so the rules of the format are tested on their own.
 *
 *   名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明
 *   民警打人,reputation,,,同一句,,否,民警|辅警；殴打|打人,民警被|冒充,民警作为施暴一方
 *
 * Groups are separated by ；or ;, the terms of a group by | or 、. An empty 效果 or 最低等级 takes the
 * category's own; an empty 范围 means the sentence.
 */
import type {
  LexiconRowError,
  RuleDraft,
  RuleWithin,
  ScreeningEffect,
  SensitivityLevel,
} from '../../typings/screening';
import { defaultEffect, ruleProblems } from '../../core/screening/rules';
import type { CsvRecord } from './rows';
import { categoryFromLabel } from './rows';

/** One import is one transaction: kept well inside what a transaction should carry. */
export const RULE_IMPORT_MAX_ROWS = 200;

const HEADERS: ReadonlyArray<readonly string[]> = [
  ['名称', '类别', '效果', '最低等级', '范围', '窗口字数', '有序', '词组', '排除词组', '说明'],
  ['name', 'category', 'effect', 'levelfloor', 'within', 'window', 'ordered', 'groups', 'exclude', 'note'],
];

export function isRuleHeader(fields: readonly string[]): boolean {
  const cells = fields.map((f) => f.trim().toLowerCase());
  return HEADERS.some((h) => h.length === cells.length && h.every((name, i) => cells[i] === name));
}

const EFFECTS: Readonly<Record<string, ScreeningEffect>> = {
  block: 'block',
  禁止发布: 'block',
  caution: 'caution',
  审慎发布: 'caution',
  triage: 'triage',
  留言处置: 'triage',
};

const LEVELS: Readonly<Record<string, SensitivityLevel>> = {
  ordinary: 'ordinary',
  一般: 'ordinary',
  major: 'major',
  重大敏感: 'major',
  especiallymajor: 'especiallyMajor',
  特别重大敏感: 'especiallyMajor',
};

const YES = new Set(['是', 'true', '1', 'yes', 'y']);
const NO = new Set(['', '否', 'false', '0', 'no', 'n']);

/** Groups as written in a cell: ；/; between groups, |/、 between terms; an empty group stays empty. */
export function groupsOf(cell: string): string[][] {
  if (cell.trim() === '') return [];
  return cell.split(/[；;]/).map((group) =>
    group
      .split(/[|、]/)
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  );
}

/** The cell form of groups, as an export or the editor's text box writes it. */
export function groupsText(groups: readonly (readonly string[])[]): string {
  return groups.map((g) => g.join('|')).join('；');
}

export interface RuleRow {
  line: number;
  draft: RuleDraft;
}

export type RuleRowsCheck = { ok: true; rows: RuleRow[] } | { ok: false; errors: LexiconRowError[]; rows: number };

/** One line's draft, or why it cannot be one. */
function draftOf(fields: readonly string[]): { draft: RuleDraft } | { problems: string[] } {
  const problems: string[] = [];
  const [name = '', label = '', effectCell = '', levelCell = '', withinCell = '', windowCell = '', orderedCell = ''] =
    fields.map((f) => f.trim());
  const groupsCell = fields[7] ?? '';
  const excludeCell = fields[8] ?? '';
  const note = (fields[9] ?? '').trim();
  const category = label === '' ? null : categoryFromLabel(label);
  if (label === '') problems.push('类别为空');
  else if (!category) problems.push(`类别“${label.slice(0, 20)}”不存在`);

  const base = category ? defaultEffect(category) : { effect: 'block' as const, levelFloor: null };
  const effect = effectCell === '' ? base.effect : EFFECTS[effectCell.toLowerCase()];
  if (!effect) problems.push(`效果“${effectCell.slice(0, 10)}”应为 禁止发布、审慎发布 或 留言处置`);
  let levelFloor: SensitivityLevel | null = null;
  if (effect === 'caution') {
    const fallback = base.effect === 'caution' ? base.levelFloor : 'ordinary';
    levelFloor = levelCell === '' ? fallback : (LEVELS[levelCell.toLowerCase()] ?? null);
    if (!levelFloor) problems.push(`最低等级“${levelCell.slice(0, 10)}”应为 一般、重大敏感 或 特别重大敏感`);
  } else if (levelCell !== '') {
    problems.push('只有“审慎发布”的规则填写最低等级');
  }

  let within: RuleWithin = { kind: 'sentence' };
  if (['window', '窗口'].includes(withinCell.toLowerCase())) {
    const chars = Number(windowCell);
    within = { kind: 'window', chars: windowCell === '' ? 0 : chars };
    if (windowCell !== '' && !Number.isInteger(chars)) problems.push(`窗口字数“${windowCell.slice(0, 10)}”应为整数`);
  } else if (!['', 'sentence', '同一句', '同句'].includes(withinCell.toLowerCase())) {
    problems.push(`范围“${withinCell.slice(0, 10)}”应为 同一句 或 窗口`);
  } else if (windowCell !== '') {
    problems.push('范围为同一句时不填窗口字数');
  }
  const ordered = YES.has(orderedCell.toLowerCase());
  if (!ordered && !NO.has(orderedCell.toLowerCase())) problems.push(`有序“${orderedCell.slice(0, 10)}”应为 是 或 否`);

  if (problems.length > 0) return { problems };
  const draft: RuleDraft = {
    name,
    category: category ?? 'reputation',
    effect: effect ?? 'block',
    levelFloor,
    groups: groupsOf(groupsCell),
    exclude: groupsOf(excludeCell),
    within,
    ordered,
    note,
  };
  const bad = ruleProblems(draft);
  return bad.length > 0 ? { problems: bad.map((p) => p.message) } : { draft };
}

/** Every line's problems with its line number, or every line ready to save. The header is line 1. */
export function checkRuleRows(records: readonly CsvRecord[]): RuleRowsCheck {
  const errors: LexiconRowError[] = [];
  const rows: RuleRow[] = [];
  const names = new Map<string, number>();
  for (const { line, fields } of records) {
    if (fields.length < 8 || fields.length > 10) {
      errors.push({
        line,
        message: `应为 8 至 10 列（名称,类别,效果,最低等级,范围,窗口字数,有序,词组[,排除词组,说明]），实为 ${fields.length} 列`,
      });
      continue;
    }
    const result = draftOf(fields);
    if ('problems' in result) {
      errors.push({ line, message: result.problems.join('；') });
      continue;
    }
    const name = result.draft.name.trim();
    const first = names.get(name);
    if (first !== undefined) {
      errors.push({ line, message: `规则名称“${name.slice(0, 20)}”与第 ${first} 行重复` });
      continue;
    }
    names.set(name, line);
    rows.push({ line, draft: { ...result.draft, name } });
  }
  return errors.length > 0 ? { ok: false, errors, rows: records.length } : { ok: true, rows };
}
