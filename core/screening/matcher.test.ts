import type { LexiconData, LexiconTerm, ScreeningCategoryId } from '../../typings/screening';
import { buildMatcher, dropAllowed, getMatcher, type TermHit } from './matcher';

const lexicon = (
  terms: (string | [string, ScreeningCategoryId])[],
  allow: string[] = [],
  version = 'v1',
): LexiconData => ({
  version,
  terms: terms.map(
    (t): LexiconTerm => (typeof t === 'string' ? { term: t, category: 'reputation' } : { term: t[0], category: t[1] }),
  ),
  allow,
});

/** [matched original text, start, end, term] of every hit, in text order. */
function run(lex: LexiconData, text: string): [string, number, number, string][] {
  return buildMatcher(lex)
    .match(text)
    .hits.sort((a, b) => a.start - b.start || a.end - b.end || a.term.localeCompare(b.term))
    .map((h: TermHit) => [text.slice(h.start, h.end), h.start, h.end, h.term]);
}

describe('exact matching', () => {
  it('finds a term that ends inside a longer term’s prefix (mint-filter misses it)', () => {
    expect(run(lexicon(['公安局长', '安局']), '公安局门')).toEqual([['安局', 1, 3, '安局']]);
  });

  it('reports every overlapping and nested occurrence', () => {
    expect(run(lexicon(['甲乙', '乙丙', '甲乙丙', '丙', '乙丙丁']), '甲乙丙丁')).toEqual([
      ['甲乙', 0, 2, '甲乙'],
      ['甲乙丙', 0, 3, '甲乙丙'],
      ['乙丙', 1, 3, '乙丙'],
      ['乙丙丁', 1, 4, '乙丙丁'],
      ['丙', 2, 3, '丙'],
    ]);
  });

  it('reports a term once per category it is listed under', () => {
    const m = buildMatcher(
      lexicon([
        ['疫情', 'safetyStats'],
        ['疫情', 'personalSensitive'],
      ]),
    );
    expect(
      m
        .match('疫情通报')
        .hits.map((h) => h.category)
        .sort(),
    ).toEqual(['personalSensitive', 'safetyStats']);
  });

  it('finds repeated occurrences', () => {
    expect(run(lexicon(['黑警']), '黑警，又是黑警')).toEqual([
      ['黑警', 0, 2, '黑警'],
      ['黑警', 5, 7, '黑警'],
    ]);
  });
});

describe('normalised matching maps back to the original text', () => {
  const lex = lexicon(['测试', 'abc', '谢谢', '110']);

  it.each([
    ['测*试', [['测*试', 0, 3, '测试']]],
    ['测 试', [['测 试', 0, 3, '测试']]],
    ['说：测\u200b试。', [['测\u200b试', 2, 5, '测试']]],
    ['測試', [['測試', 0, 2, '测试']]],
    ['测😀试', [['测😀试', 0, 4, '测试']]],
    ['甲ＡＢＣ乙', [['ＡＢＣ', 1, 4, 'abc']]],
    ['A-b-C', [['A-b-C', 0, 5, 'abc']]],
    ['测测试试', [['测试', 1, 3, '测试']]],
    ['测测 测 试', [['测 试', 3, 6, '测试']]],
  ])('%s', (text, expected) => {
    expect(run(lex, text)).toEqual(expected);
  });

  it('needs a doubled term character twice in the text, and forgives only extra repeats', () => {
    expect(run(lex, '谢谢你')).toEqual([['谢谢', 0, 2, '谢谢']]);
    expect(run(lex, '谢 谢')).toEqual([['谢 谢', 0, 3, '谢谢']]);
    expect(run(lex, '谢谢谢')).toEqual([['谢谢', 0, 2, '谢谢']]);
    expect(run(lex, '感谢你')).toEqual([]);
    expect(run(lex, '打10')).toEqual([]);
    expect(run(lex, '打 1110')).toEqual([]);
  });

  it('does not join words across sentence punctuation', () => {
    expect(run(lexicon(['黑警']), '被拉黑。警方提醒')).toEqual([]);
    expect(run(lexicon(['黑警']), '被拉黑·警方提醒')).toEqual([['黑·警', 2, 5, '黑警']]);
    expect(run(lexicon(['谢谢']), '谢。谢')).toEqual([]);
    expect(run(lexicon(['谢谢']), '谢。谢谢')).toEqual([['谢谢', 2, 4, '谢谢']]);
    expect(run(lexicon(['黑警']), '黑！黑警')).toEqual([['黑警', 2, 4, '黑警']]);
  });

  it('spans a surrogate pair whole at the end of a hit', () => {
    expect(run(lexicon(['a𠀀']), '甲a𠀀y')).toEqual([['a𠀀', 1, 4, 'a𠀀']]);
    expect(run(lexicon(['ab']), 'a𝐁')).toEqual([['a𝐁', 0, 3, 'ab']]);
  });
});

describe('Latin letters and digits match on word boundaries; CJK stays exact substrings', () => {
  it('does not find a Latin term inside a longer Latin word', () => {
    const lex = lexicon([['据cnn', 'foreignMedia'], 'cnm', ['bbc', 'foreignMedia']]);
    expect(run(lex, '据CNNIC统计，网民规模达10亿')).toEqual([]);
    expect(run(lex, '据CNN报道')).toEqual([['据CNN', 0, 4, '据cnn']]);
    expect(run(lex, 'acnmx，cnm！')).toEqual([['cnm', 6, 9, 'cnm']]);
    expect(run(lex, 'BBCode 与 BBC')).toEqual([['BBC', 9, 12, 'bbc']]);
    expect(run(lex, '来源：ｂｂｃ中文')).toEqual([['ｂｂｃ', 3, 6, 'bbc']]);
  });

  it('keeps a spaced-out or symbol-broken Latin term, bounded by what stands outside it', () => {
    const lex = lexicon(['cnm']);
    expect(run(lex, '你 c n m')).toEqual([['c n m', 2, 7, 'cnm']]);
    expect(run(lex, 'xc-n-m')).toEqual([]);
  });

  it('treats digits as a word of their own: a number term never fires inside a longer number', () => {
    const lex = lexicon(['110', 'qq']);
    expect(run(lex, '拨打110报警')).toEqual([['110', 2, 5, '110']]);
    expect(run(lex, '电话13811012345')).toEqual([]);
    expect(run(lex, '加QQ12345')).toEqual([['QQ', 1, 3, 'qq']]);
    expect(run(lex, 'QQQ')).toEqual([]);
  });

  it('still finds a CJK term anywhere inside a longer CJK word', () => {
    expect(run(lexicon(['民警']), '派出所民警们')).toEqual([['民警', 3, 5, '民警']]);
  });
});

describe('allow-list', () => {
  const lex = lexicon(['国家秘密', '秘密'], ['保守国家秘密']);

  it('drops a hit lying fully inside an allowed phrase', () => {
    expect(run(lex, '要保守国家秘密')).toEqual([]);
  });

  it('keeps hits outside or only partly inside an allowed phrase', () => {
    expect(run(lex, '泄露国家秘密')).toEqual([
      ['国家秘密', 2, 6, '国家秘密'],
      ['秘密', 4, 6, '秘密'],
    ]);
    expect(run(lexicon(['密文'], ['保守国家秘密']), '保守国家秘密文件')).toEqual([['密文', 5, 7, '密文']]);
  });

  it('matches allowed phrases through the same normalisation', () => {
    expect(run(lex, '保 守 國 家 秘 密')).toEqual([]);
    expect(buildMatcher(lex).match('保守国家秘密').allowSpans).toEqual([{ start: 0, end: 6 }]);
  });

  it('dropAllowed keeps spans that stick out on either side', () => {
    const allow = [{ start: 2, end: 6 }];
    const spans = [
      { start: 2, end: 6 },
      { start: 3, end: 5 },
      { start: 1, end: 4 },
      { start: 5, end: 7 },
    ];
    expect(dropAllowed(spans, allow)).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 7 },
    ]);
  });
});

describe('lexicon problems', () => {
  it('reports empty, unknown-category and duplicate terms and skips them', () => {
    const m = buildMatcher({
      version: 'p',
      terms: [
        { term: '★★', category: 'reputation' },
        { term: '黑警', category: 'nonsense' as ScreeningCategoryId },
        { term: '黑警', category: 'reputation' },
        { term: '黑警', category: 'reputation' },
      ],
      allow: [' '],
    });
    expect(m.problems.map((p) => p.code)).toEqual([
      'TERM_EMPTY_AFTER_NORMALISATION',
      'UNKNOWN_CATEGORY',
      'DUPLICATE_TERM',
      'ALLOW_EMPTY_AFTER_NORMALISATION',
    ]);
    expect(m.ruleCount).toBe(1);
    expect(m.match('黑警').hits).toHaveLength(1);
  });
});

describe('getMatcher', () => {
  it('builds once per version', () => {
    const a = lexicon(['甲'], [], 'cache-1');
    expect(getMatcher(a)).toBe(getMatcher({ ...a, terms: [...a.terms] }));
    expect(getMatcher(lexicon(['乙'], [], 'cache-2'))).not.toBe(getMatcher(a));
  });

  it('rebuilds when a version is reused for a lexicon of another size', () => {
    const a = lexicon(['甲'], [], 'cache-3');
    const first = getMatcher(a);
    const edited = lexicon(['甲', '乙'], [], 'cache-3');
    const second = getMatcher(edited);
    expect(second).not.toBe(first);
    expect(second.match('乙').hits).toHaveLength(1);
  });
});
