/** Contract-shaped combination rules and pages for the rule pages' tests (issue 17). */
import type { RulePage, RuleTrace, RuleView, ScreenedText, ScreeningResult } from '../../typings/screening';

export function ruleView(over: Partial<RuleView> = {}): RuleView {
  return {
    id: 'r1',
    name: '民警打骂群众',
    category: 'reputation',
    effect: 'block',
    levelFloor: null,
    groups: [
      ['民警', '警察', '辅警', '协警'],
      ['殴打', '打人'],
    ],
    exclude: [['民警被', '袭警']],
    within: { kind: 'sentence' },
    ordered: false,
    note: '民警作为施暴一方',
    ref: '第十七条（一）1',
    categoryTitle: '有损党和国家声誉、公安机关和警察形象',
    effectLabel: '禁止发布',
    revision: 2,
    addedIn: 1,
    changedIn: 4,
    ...over,
  };
}

export function rulePage(over: Partial<RulePage> = {}): RulePage {
  return {
    version: 4,
    items: [ruleView()],
    nextOffset: null,
    categories: [
      {
        id: 'reputation',
        title: '有损党和国家声誉、公安机关和警察形象',
        ref: '第十七条（一）1',
        count: 1,
        effect: 'block',
        levelFloor: null,
      },
      {
        id: 'secret',
        title: '涉及国家秘密、警务工作秘密',
        ref: '第十七条（一）7',
        count: 0,
        effect: 'block',
        levelFloor: null,
      },
      {
        id: 'stabilityPetition',
        title: '涉及维稳、信访、拆迁、监管场所',
        ref: '第十七条（二）1',
        count: 0,
        effect: 'caution',
        levelFloor: 'major',
      },
      {
        id: 'controversial',
        title: '容易引起争议和错误解读',
        ref: '第十七条（二）11',
        count: 0,
        effect: 'caution',
        levelFloor: 'ordinary',
      },
    ],
    canEdit: true,
    ...over,
  };
}

export function trace(over: Partial<RuleTrace> = {}): RuleTrace {
  return {
    ruleId: 'r1',
    name: '民警打骂群众',
    ref: '第十七条（一）1',
    title: '有损党和国家声誉、公安机关和警察形象',
    effectLabel: '禁止发布',
    fired: false,
    reason: '第 2 组的词没有出现',
    hits: [],
    terms: [],
    ...over,
  };
}

export function screened(over: Partial<ScreeningResult> = {}): ScreeningResult {
  return {
    lexiconVersion: '4',
    context: { kind: 'post', accountKind: 'institutional' },
    hits: [],
    level: 'ordinary',
    blocked: false,
    triage: [],
    suggestions: [],
    ...over,
  };
}

export const checked = (over: Partial<ScreenedText> = {}): ScreenedText => ({
  ...screened(),
  msgSecCheck: { state: 'skipped' },
  ...over,
});
