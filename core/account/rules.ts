/**
 * What the province sets as data (第七条: 省厅政治部宣传处 guides the whole province): the naming rule of
 * 第十二条 and the filing periods of 第十四条. The defaults ship here; the desk's edits live in the
 * database (accountRules) and replace them whole.
 */
import type { AccountRules, AccountRulesInput, NamingPattern, NamingRule } from '../../typings/account';
import type { Unit } from '../../typings/org';
import { DomainError } from '../errors';
import { bureauOf, type UnitTree } from '../org/tree';

export const DEFAULT_NAMING: NamingRule = {
  patterns: [
    { pattern: '{place}公安', for: 'bureau', example: '长沙公安' },
    { pattern: '{place}警方', for: 'bureau', example: '浏阳警方' },
    { pattern: '{place}警事', for: 'bureau', example: '长沙警事' },
    { pattern: '平安{place}', for: 'bureau', example: '平安浏阳' },
    { pattern: '{place}公安{any}', for: 'bureau', example: '长沙公安服务' },
    { pattern: '{place}{dept}', for: 'department', example: '长沙交警' },
    { pattern: '{place}公安{dept}', for: 'department', example: '长沙公安刑侦' },
    { pattern: '{place}{dept}{any}', for: 'department', example: '长沙交警在线' },
  ],
  maxLength: 20,
  // 第八条: no commercial activity; no claim a platform's own verification makes for the account.
  forbiddenWords: ['官方认证', '唯一', '商城', '代购', '广告', '优惠'],
};

export const DEFAULT_RULES: AccountRules = {
  naming: DEFAULT_NAMING,
  filingWorkingDays: 5,
  acknowledgeWorkingDays: 3,
  rev: 0,
  updatedAt: null,
  updatedBy: null,
};

const PLACEHOLDER = /\{(place|dept|any)\}/g;

/** What is wrong with rules a desk wants to save (empty when they may be saved). */
export function rulesProblems(rules: AccountRulesInput): string[] {
  const problems: string[] = [];
  if (rules.naming.patterns.length === 0) problems.push('至少需要一条命名格式');
  for (const p of rules.naming.patterns) {
    if (!p.pattern.includes('{place}')) problems.push(`命名格式“${p.pattern}”须含地名 {place}`);
    if (p.for === 'department' && !p.pattern.includes('{dept}'))
      problems.push(`警种账号的命名格式“${p.pattern}”须含 {dept}`);
    const unknown = p.pattern.replace(PLACEHOLDER, '').match(/\{[^}]*\}/);
    if (unknown) problems.push(`命名格式“${p.pattern}”含未知占位符 ${unknown[0]}`);
  }
  if (rules.filingWorkingDays < 1 || rules.filingWorkingDays > 30) problems.push('备案期限应为 1–30 个工作日');
  if (rules.acknowledgeWorkingDays < 1 || rules.acknowledgeWorkingDays > 30)
    problems.push('备案确认提醒应为 1–30 个工作日');
  return problems;
}

export function checkRules(rules: AccountRulesInput): DomainError | null {
  const problems = rulesProblems(rules);
  return problems.length > 0 ? new DomainError('RULES_INVALID', `规则设置有误：${problems.join('；')}`) : null;
}

// ---- Naming (第十二条) ----

/** 湖南省公安厅 → 湖南, 长沙市公安局 → 长沙, 湘西土家族苗族自治州公安局 → 湘西, 开福区公安分局 → 开福. */
export function placeName(bureauName: string): string {
  const m = /^(.{2,}?)((?:[\u4e00-\u9fa5]{1,3}族)*自治[州县]|特区|新区|市|县|区|省)?(公安分局|公安局|公安厅)$/u.exec(
    bureauName,
  );
  return m?.[1] ?? bureauName;
}

/** 长沙市公安局交警支队 → 交警, 湖南省公安厅网安总队 → 网安, 长沙市公安局纪检监察室 → 纪检监察. */
export function departmentShortName(departmentName: string, bureauName: string): string {
  const rest = departmentName.startsWith(bureauName) ? departmentName.slice(bureauName.length) : departmentName;
  return rest.replace(/(支队|大队|总队|中队|中心|处|科|室|所)$/u, '') || rest;
}

export interface NamingSubject {
  /** 'bureau' for the bureau itself or its propaganda desk; 'department' for an internal unit. */
  as: 'bureau' | 'department';
  place: string;
  dept: string;
}

export function namingSubject(unit: Unit, tree: UnitTree): NamingSubject {
  const bureau = bureauOf(unit._id, tree) ?? unit;
  const as = unit.kind === 'department' ? 'department' : 'bureau';
  return {
    as,
    place: placeName(bureau.name),
    dept: as === 'department' ? departmentShortName(unit.name, bureau.name) : '',
  };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternRegex(pattern: NamingPattern, subject: NamingSubject): RegExp {
  const body = pattern.pattern
    .split(PLACEHOLDER)
    .map((part, i) => {
      // split with a capture group alternates literal text and placeholder names.
      if (i % 2 === 0) return escape(part);
      if (part === 'place') return escape(subject.place);
      if (part === 'dept') return escape(subject.dept);
      return '.{1,8}';
    })
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

function expand(pattern: NamingPattern, subject: NamingSubject): string {
  return pattern.pattern.replace(PLACEHOLDER, (_m, name: string) =>
    name === 'place' ? subject.place : name === 'dept' ? subject.dept : '…',
  );
}

export const applicablePatterns = (rule: NamingRule, subject: NamingSubject): NamingPattern[] =>
  rule.patterns.filter((p) => p.for === subject.as);

/** The names the rule accepts for this unit, as the operator reads them (长沙公安, 长沙公安…). */
export function nameExamples(rule: NamingRule, subject: NamingSubject): string[] {
  return [...new Set(applicablePatterns(rule, subject).map((p) => expand(p, subject)))];
}

const chars = (s: string): number => Array.from(s).length;

/** Why a name is not standard under the rule (null when it is): 第十二条 规范命名. */
export function namingProblem(name: string, rule: NamingRule, subject: NamingSubject): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return '请填写账号名称';
  if (/\s/u.test(trimmed)) return '账号名称不能含空格';
  if (chars(trimmed) > rule.maxLength) return `账号名称不超过${rule.maxLength}个字`;
  const word = rule.forbiddenWords.find((w) => trimmed.includes(w));
  if (word) return `账号名称不能含“${word}”`;
  const patterns = applicablePatterns(rule, subject);
  if (patterns.length > 0 && !patterns.some((p) => patternRegex(p, subject).test(trimmed))) {
    return `账号名称不符合全省命名规范，可用：${nameExamples(rule, subject).join('、')}`;
  }
  return null;
}

/** The name as compared for duplicates: width-folded, case-folded, without spaces. */
export function nameKeyOf(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
