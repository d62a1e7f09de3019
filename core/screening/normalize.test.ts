import {
  codePointEnd,
  foldCodePoint,
  isBoundary,
  normalise,
  normaliseTerm,
  spansBoundary,
  toSimplified,
} from './normalize';

const cp = (s: string): number => s.codePointAt(0) ?? -1;
const fold = (s: string): string | null => {
  const f = foldCodePoint(cp(s));
  return f === null ? null : String.fromCodePoint(f);
};

describe('per-character fold', () => {
  it('folds full-width to half-width and upper to lower case', () => {
    expect(fold('Ａ')).toBe('a');
    expect(fold('ｂ')).toBe('b');
    expect(fold('９')).toBe('9');
    expect(fold('Q')).toBe('q');
  });

  it('folds traditional to simplified with the character table', () => {
    expect(fold('測')).toBe('测');
    expect(fold('試')).toBe('试');
    expect(fold('發')).toBe('发');
    expect(fold('髮')).toBe('发');
    expect(fold('测')).toBe('测');
  });

  it('folds compatibility forms (Kangxi radical, circled digit, math bold)', () => {
    expect(fold('⼀')).toBe('一');
    expect(fold('①')).toBe('1');
    expect(fold('𝐀')).toBe('a');
  });

  it('drops spaces, symbols, emoji and zero-width characters', () => {
    for (const c of [' ', '*', '★', '·', '😀', '\u200b', '\ufeff', '\u3000', '-', '_', '“']) expect(fold(c)).toBeNull();
  });

  it('keeps CJK extension characters as they are', () => {
    expect(fold('𠀀')).toBe('𠀀');
  });
});

describe('normalise', () => {
  it('maps every kept unit back to the original', () => {
    const n = normalise('Ａb，測 *試😀x');
    expect(n.text).toBe('ab测试x');
    // origin lists the original offset of each kept unit.
    expect(Array.from(n.origin)).toEqual([0, 1, 3, 6, 9]);
    expect(Array.from(n.runFirst)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('collapses runs and keeps their extent', () => {
    const n = normalise('测测 测试试');
    expect(n.text).toBe('测试');
    expect(Array.from(n.origin)).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(n.runFirst)).toEqual([0, 3, 5]);
  });

  it('drops sentence punctuation but lets it end a run', () => {
    expect(normalise('拉黑。警方').text).toBe('拉黑警方');
    // 谢。谢 stays two runs of one, so it can never pass for 谢谢.
    const n = normalise('谢。谢');
    expect(n.text).toBe('谢谢');
    expect(Array.from(n.runFirst)).toEqual([0, 1, 2]);
    expect(normalise('谢*谢').text).toBe('谢');
  });

  it('knows sentence punctuation', () => {
    expect(spansBoundary('拉黑。警方', 2, 3)).toBe(true);
    expect(spansBoundary('拉黑·警方', 0, 5)).toBe(false);
    expect(['。', '，', '！', '?', '\n'].every((c) => isBoundary(c.charCodeAt(0)))).toBe(true);
    expect(isBoundary('·'.charCodeAt(0))).toBe(false);
  });

  it('keeps a surrogate pair as two units pointing at their own offsets', () => {
    const n = normalise('a𠀀b');
    expect(n.text).toBe('a𠀀b');
    expect(Array.from(n.origin)).toEqual([0, 1, 2, 3]);
  });

  it('drops lone surrogates', () => {
    expect(normalise('a\ud800b\udc00c').text).toBe('abc');
  });

  it('returns independent copies on each call', () => {
    const a = normalise('甲乙');
    normalise('丙丁戊己');
    expect(a.text).toBe('甲乙');
    expect(Array.from(a.origin)).toEqual([0, 1]);
  });
});

describe('normaliseTerm', () => {
  it('records the runs a term needs', () => {
    expect(normaliseTerm('谢谢')).toEqual({ key: '谢', runs: Int32Array.from([2]) });
    expect(normaliseTerm('110')).toEqual({ key: '10', runs: Int32Array.from([2, 1]) });
    expect(normaliseTerm('測試')).toEqual({ key: '测试', runs: null });
    expect(normaliseTerm('★ ·')).toEqual({ key: '', runs: null });
  });
});

describe('toSimplified', () => {
  it('converts character for character and keeps the length', () => {
    const t = '內部消息，別外傳。乾隆';
    const s = toSimplified(t);
    expect(s).toBe('内部消息，别外传。干隆');
    expect(s.length).toBe(t.length);
  });
});

describe('codePointEnd', () => {
  it('spans a surrogate pair', () => {
    expect(codePointEnd('a😀', 1)).toBe(3);
    expect(codePointEnd('ab', 1)).toBe(2);
  });
});
