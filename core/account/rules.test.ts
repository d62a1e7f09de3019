import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import {
  DEFAULT_NAMING,
  DEFAULT_RULES,
  departmentShortName,
  nameExamples,
  nameKeyOf,
  namingProblem,
  namingSubject,
  placeName,
  rulesProblems,
} from './rules';

const tree = buildTree(demoOrg().units);
const subject = (unitId: string) => {
  const unit = tree.byId.get(unitId);
  if (!unit) throw new Error(unitId);
  return namingSubject(unit, tree);
};

describe('place and department names (第十二条 规范命名)', () => {
  it.each([
    ['湖南省公安厅', '湖南'],
    ['长沙市公安局', '长沙'],
    ['浏阳市公安局', '浏阳'],
    ['开福区公安分局', '开福'],
    ['湘西土家族苗族自治州公安局', '湘西'],
    ['江华瑶族自治县公安局', '江华'],
    ['宁乡县公安局', '宁乡'],
    ['张家界市公安局', '张家界'],
  ])('%s → %s', (bureau, place) => expect(placeName(bureau)).toBe(place));

  it.each([
    ['长沙市公安局交警支队', '长沙市公安局', '交警'],
    ['湖南省公安厅网安总队', '湖南省公安厅', '网安'],
    ['长沙市公安局纪检监察室', '长沙市公安局', '纪检监察'],
    ['浏阳市公安局刑侦大队', '浏阳市公安局', '刑侦'],
  ])('%s → %s', (dept, bureau, short) => expect(departmentShortName(dept, bureau)).toBe(short));

  it('takes a desk as its bureau and a department with its place', () => {
    expect(subject('u-cs-xcc')).toEqual({ as: 'bureau', place: '长沙', dept: '' });
    expect(subject('u-cs-jj')).toEqual({ as: 'department', place: '长沙', dept: '交警' });
    expect(subject('u-hn')).toEqual({ as: 'bureau', place: '湖南', dept: '' });
  });
});

describe('the naming rule as data', () => {
  it('accepts the province’s shapes and lists them as examples', () => {
    for (const name of ['长沙公安', '长沙警方', '长沙警事', '平安长沙', '长沙公安服务']) {
      expect([name, namingProblem(name, DEFAULT_NAMING, subject('u-cs'))]).toEqual([name, null]);
    }
    for (const name of ['长沙交警', '长沙公安交警', '长沙交警在线']) {
      expect([name, namingProblem(name, DEFAULT_NAMING, subject('u-cs-jj'))]).toEqual([name, null]);
    }
    expect(nameExamples(DEFAULT_NAMING, subject('u-ly'))).toEqual([
      '浏阳公安',
      '浏阳警方',
      '浏阳警事',
      '平安浏阳',
      '浏阳公安…',
    ]);
  });

  it('refuses another place, a department name on the bureau, spaces, length and forbidden words', () => {
    expect(namingProblem('株洲公安', DEFAULT_NAMING, subject('u-cs'))).toContain('不符合全省命名规范');
    expect(namingProblem('长沙刑侦', DEFAULT_NAMING, subject('u-cs-jj'))).toContain('长沙交警');
    expect(namingProblem('长沙 公安', DEFAULT_NAMING, subject('u-cs'))).toBe('账号名称不能含空格');
    expect(namingProblem('长沙公安官方认证', DEFAULT_NAMING, subject('u-cs'))).toBe('账号名称不能含“官方认证”');
    expect(namingProblem(`长沙公安${'服'.repeat(20)}`, DEFAULT_NAMING, subject('u-cs'))).toBe('账号名称不超过20个字');
    expect(namingProblem('', DEFAULT_NAMING, subject('u-cs'))).toBe('请填写账号名称');
  });

  it('follows whatever the province sets', () => {
    const rule = {
      ...DEFAULT_NAMING,
      patterns: [{ pattern: '{place}发布', for: 'bureau' as const, example: '长沙发布' }],
    };
    expect(namingProblem('长沙发布', rule, subject('u-cs'))).toBeNull();
    expect(namingProblem('长沙警事', rule, subject('u-cs'))).toContain('长沙发布');
  });

  it('checks rules a desk saves', () => {
    expect(rulesProblems(DEFAULT_RULES)).toEqual([]);
    const bad = {
      ...DEFAULT_RULES,
      naming: { ...DEFAULT_NAMING, patterns: [{ pattern: '{city}公安', for: 'department' as const, example: '' }] },
      filingWorkingDays: 0,
    };
    expect(rulesProblems(bad)).toEqual([
      '命名格式“{city}公安”须含地名 {place}',
      '警种账号的命名格式“{city}公安”须含 {dept}',
      '命名格式“{city}公安”含未知占位符 {city}',
      '备案期限应为 1–30 个工作日',
    ]);
  });

  it('compares names folded (第十条 duplicates)', () => {
    expect(nameKeyOf('长沙 警事')).toBe(nameKeyOf('长沙警事'));
    expect(nameKeyOf('ＣＳ警事')).toBe(nameKeyOf('cs警事'));
  });
});
