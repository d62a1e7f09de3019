import { Automaton } from './automaton';
import type { CombinationRule, LexiconData, RuleDraft, SpanHit } from '../../typings/screening';
import { buildMatcher } from './matcher';
import { defaultEffect, explainRule, ruleEffectLabel, ruleProblems } from './rules';
import { screen } from './screen';

const draft = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  name: '民警打人',
  category: 'reputation',
  effect: 'block',
  levelFloor: null,
  groups: [
    ['民警', '警察', '辅警'],
    ['殴打', '打人'],
  ],
  exclude: [['民警被', '冒充']],
  within: { kind: 'sentence' },
  ordered: false,
  note: '',
  ...over,
});

const rule = (over: Partial<CombinationRule> = {}): CombinationRule => ({ id: 'r1', ...draft(), ...over });
const lexicon = (rules: CombinationRule[], version = `rules-${Math.random()}`): LexiconData => ({
  version,
  terms: [],
  allow: ['警察叔叔'],
  rules,
});
const institutional = { kind: 'post', accountKind: 'institutional' } as const;
const ruleHits = (text: string, rules: CombinationRule[]): SpanHit[] =>
  screen({ text, context: institutional }, lexicon(rules)).hits.filter((h): h is SpanHit => h.source === 'rule');

describe('what a rule may be (bad input is refused with its reason)', () => {
  const codes = (d: RuleDraft): string[] => ruleProblems(d).map((p) => p.code);

  it('accepts a well-formed rule', () => {
    expect(ruleProblems(draft())).toEqual([]);
  });

  it('refuses a rule that can never fire: an empty group, a window of 0, a window too narrow', () => {
    expect(ruleProblems(draft({ groups: [['民警'], []] }))).toEqual([
      { code: 'EMPTY_GROUP', field: 'groups.1', message: '第 2 组没有词：这条规则永远不会命中' },
    ]);
    expect(codes(draft({ groups: [] }))).toEqual(['NO_GROUPS']);
    expect(ruleProblems(draft({ within: { kind: 'window', chars: 0 } }))[0]).toMatchObject({
      code: 'WINDOW',
      message: '窗口为 0 个字：这条规则永远不会命中',
    });
    expect(ruleProblems(draft({ within: { kind: 'window', chars: 3 }, ordered: true }))[0]?.message).toContain(
      '至少需要 4 个字',
    );
  });

  it('refuses a rule that matches nearly everything: a one-character group term', () => {
    expect(ruleProblems(draft({ groups: [['民警'], ['打']] }))).toEqual([
      {
        code: 'SINGLE_CHARACTER',
        field: 'groups.1.0',
        message: '第 2 组的“打”只有一个字，几乎处处出现，规则会命中几乎所有文本',
      },
    ]);
    // A doubled character spells two (聊聊), and an exclusion may be one character (被).
    expect(ruleProblems(draft({ groups: [['民警'], ['聊聊']], exclude: [['被']] }))).toEqual([]);
  });

  it('refuses a term twice, a term that is also an exclusion, and terms only of symbols', () => {
    expect(codes(draft({ groups: [['民警'], ['民 警']] }))).toEqual(['DUPLICATE_TERM']);
    expect(codes(draft({ exclude: [['殴打']] }))).toEqual(['EXCLUDED_TERM']);
    expect(codes(draft({ groups: [['民警'], ['★★']] }))).toEqual(['TERM']);
  });

  it('keeps the effect consistent with the category', () => {
    expect(codes(draft({ effect: 'caution', levelFloor: null }))).toEqual(['EFFECT']);
    expect(codes(draft({ effect: 'block', levelFloor: 'major' }))).toEqual(['EFFECT']);
    expect(codes(draft({ effect: 'triage' }))).toEqual(['EFFECT']);
    expect(codes(draft({ category: 'abusive', effect: 'block' }))).toEqual(['EFFECT']);
    expect(codes(draft({ category: 'abusive', effect: 'triage' }))).toEqual([]);
    expect(codes(draft({ category: 'platformRisky' }))).toEqual(['CATEGORY']);
    expect(codes(draft({ name: ' ' }))).toEqual(['NAME']);
  });

  it('does not run a stored rule that no longer validates, and says so', () => {
    const m = buildMatcher(lexicon([rule({ groups: [['民警'], []] })]));
    expect(m.rules).toEqual([]);
    expect(m.problems.map((p) => p.code)).toEqual(['RULE_INVALID']);
  });
});

describe('how a rule fires', () => {
  it('fires when every group occurs in one sentence, and reports each group’s part in the original', () => {
    const text = '网传视频：一名民 警在路口殴打外卖员。';
    const [hit] = ruleHits(text, [rule()]);
    expect(hit).toMatchObject({
      category: 'reputation',
      ref: '第十七条（一）1',
      effect: 'block',
      source: 'rule',
      rule: '民警打人',
      ruleId: 'r1',
      start: text.indexOf('民 警'),
      end: text.indexOf('殴打') + 2,
    });
    expect(hit?.parts).toEqual([
      { group: 0, term: '民警', start: 7, end: 10, matched: '民 警' },
      { group: 1, term: '殴打', start: 13, end: 15, matched: '殴打' },
    ]);
  });

  it('matches traditional and full-width writing through the lexicon’s normalisation', () => {
    expect(ruleHits('網傳民警毆打路人', [rule()])).toHaveLength(1);
  });

  it('does not fire across sentences, and fires once per sentence', () => {
    expect(ruleHits('民警到场。男子殴打他人后逃跑', [rule()])).toEqual([]);
    expect(ruleHits('民警殴打民警？民警又殴打群众！', [rule({ exclude: [] })]).map((h) => h.start)).toEqual([0, 7]);
  });

  it('is cancelled by an exclusion term in the same sentence: the officer as victim, an impostor', () => {
    expect(ruleHits('值班民警被醉汉殴打', [rule()])).toEqual([]);
    expect(ruleHits('男子冒充民警殴打他人', [rule()])).toEqual([]);
    // … but not by one in another sentence.
    expect(ruleHits('民警被表扬。民警殴打群众', [rule()])).toHaveLength(1);
  });

  it('within a window: the parts fit in N characters from the first part’s start, even across sentences', () => {
    const windowed = rule({ within: { kind: 'window', chars: 8 } });
    expect(ruleHits('民警在门口殴打他人', [windowed])).toHaveLength(1);
    expect(ruleHits('民警在那天晚上的小区门口殴打他人', [windowed])).toEqual([]);
    expect(ruleHits('民警到了。殴打', [windowed])).toHaveLength(1);
  });

  it('in order: each group after the previous one', () => {
    const ordered = rule({ ordered: true, exclude: [] });
    expect(ruleHits('民警殴打男子', [ordered])).toHaveLength(1);
    expect(ruleHits('男子殴打民警', [ordered])).toEqual([]);
    expect(ruleHits('男子殴打民警', [rule({ exclude: [] })])).toHaveLength(1);
  });

  it('takes its effect and level floor from the rule, its article from the category', () => {
    const [hit] = ruleHits('民警殴打群众', [rule({ effect: 'caution', levelFloor: 'especiallyMajor' })]);
    expect(hit).toMatchObject({ ref: '第十七条（一）1', effect: 'caution', levelFloor: 'especiallyMajor' });
    const r = screen(
      { text: '民警殴打群众', context: institutional },
      lexicon([rule({ effect: 'caution', levelFloor: 'major' })]),
    );
    expect(r.blocked).toBe(false);
    expect(r.level).toBe('major');
  });

  it('ignores a part inside an allow-listed phrase', () => {
    expect(ruleHits('警察叔叔殴打坏人的动画片', [rule({ groups: [['警察'], ['殴打']], exclude: [] })])).toEqual([]);
  });

  it('applies the personal-account articles to personal posts only, and no post rule to a message', () => {
    const personal = rule({ category: 'personalCriticism', groups: [['市局'], ['瞎指挥']], exclude: [] });
    const text = '市局又在瞎指挥';
    expect(ruleHits(text, [personal])).toEqual([]);
    const asPersonal = screen({ text, context: { kind: 'post', accountKind: 'personal' } }, lexicon([personal])).hits;
    expect(asPersonal.map((h) => h.ref)).toEqual(['第四十一条']);
    expect(screen({ text: '民警殴打群众', context: { kind: 'message' } }, lexicon([rule()])).hits).toEqual([]);
  });
});

describe('why a rule did not fire (the test bench)', () => {
  const explain = (text: string, r: CombinationRule) => {
    const m = buildMatcher(lexicon([r]));
    const d = m.matchDetailed(text);
    return explainRule(r, d.occurrences, d.rules.length > 0, d.sentenceEnds, d.sentenceEnds.length);
  };

  it('names the group that is missing, the exclusion that cancelled it, or the scope', () => {
    expect(explain('民警到场', rule())).toEqual({ fired: false, reason: '第 2 组的词没有出现（如：殴打、打人）' });
    expect(explain('民警被殴打', rule())).toEqual({
      fired: false,
      reason: '排除词“民警被”与各组的词在同一句中，规则不命中',
    });
    expect(explain('民警到场。殴打', rule())).toEqual({
      fired: false,
      reason: '各组的词都出现了，但没有出现在同一句中',
    });
    expect(explain('民警殴打群众', rule())).toEqual({ fired: true, reason: null });
  });
});

describe('one pass', () => {
  it('reads the text with the automaton once per screening, however many rules and detectors', () => {
    const many = Array.from({ length: 40 }, (_, i) => rule({ id: `r${i}`, name: `规则${i}` }));
    const lex = lexicon(many);
    buildMatcher(lex);
    const spy = jest.spyOn(Automaton.prototype, 'scan');
    try {
      const r = screen({ text: '民警殴打群众，电话13974125896，★秘密', context: institutional }, lex);
      expect(r.hits.map((h) => h.source)).toEqual(expect.arrayContaining(['rule', 'mobile', 'secretMark']));
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a rule’s effect as reviewers read it, and its default from the category’s article', () => {
  it('says 禁止发布, 审慎发布, or the raised level as 不低于…', () => {
    expect(ruleEffectLabel({ effect: 'block', levelFloor: null })).toBe('禁止发布');
    expect(ruleEffectLabel({ effect: 'caution', levelFloor: 'ordinary' })).toBe('审慎发布');
    expect(ruleEffectLabel({ effect: 'caution', levelFloor: 'major' })).toBe('审慎发布（不低于重大敏感）');
    expect(ruleEffectLabel({ effect: 'caution', levelFloor: 'especiallyMajor' })).toBe(
      '审慎发布（不低于特别重大敏感）',
    );
    expect(ruleEffectLabel({ effect: 'triage', levelFloor: null })).toBe('留言处置');
  });

  it('defaults 第十七条（一） to 禁止发布 and （二） to 审慎发布 at the category’s level', () => {
    expect(defaultEffect('secret')).toEqual({ effect: 'block', levelFloor: null });
    expect(defaultEffect('reputation')).toEqual({ effect: 'block', levelFloor: null });
    expect(defaultEffect('stabilityPetition')).toEqual({ effect: 'caution', levelFloor: 'major' });
    expect(defaultEffect('officialCrime')).toEqual({ effect: 'caution', levelFloor: 'especiallyMajor' });
    expect(defaultEffect('controversial')).toEqual({ effect: 'caution', levelFloor: 'ordinary' });
  });
});
