import { codePointLength, fit, formatText, formatTime } from './fields';

const at = (iso: string): number => Date.parse(iso);

describe('thing (≤ 20 characters)', () => {
  it('keeps a short text as is', () => {
    expect(formatText('thing', '关于春节安保的提示')).toBe('关于春节安保的提示');
  });

  it('keeps exactly 20 characters without an ellipsis', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(formatText('thing', twenty)).toBe(twenty);
  });

  it('cuts a long text to 19 characters and an ellipsis', () => {
    const out = formatText('thing', '湖南公安新媒体管理办法试行版本关于信息发布审核制度的说明');
    expect(out).toBe('湖南公安新媒体管理办法试行版本关于信息…');
    expect(codePointLength(out)).toBe(20);
  });

  it('never splits a surrogate-pair emoji at the cut', () => {
    // 18 characters, then emoji: a cut at UTF-16 unit 19 would leave half of the first one.
    const source = '一二三四五六七八九十一二三四五六七八😀😀后面还有';
    expect(source.slice(0, 19)).toMatch(/[\uD800-\uDBFF]$/u);
    const out = formatText('thing', source);
    expect(out).toBe('一二三四五六七八九十一二三四五六七八😀…');
    expect(codePointLength(out)).toBe(20);
  });

  it('drops a ZWJ emoji sequence whole rather than keeping part of it', () => {
    const family = '👨‍👩‍👧'; // 5 code points
    const out = formatText('thing', `一二三四五六七八九十一二三四五${family}尾巴`);
    expect(out).toBe('一二三四五六七八九十一二三四五…');
    expect(out).not.toContain('\u200D');
  });

  it('makes one line of a multi-line text', () => {
    expect(formatText('thing', '  第一行\n第二行\t结束 ')).toBe('第一行 第二行 结束');
  });

  it('puts a placeholder for an empty or missing value (empty is a 47003)', () => {
    expect(formatText('thing', '')).toBe('无');
    expect(formatText('thing', undefined)).toBe('无');
    expect(formatText('thing', ' \n ')).toBe('无');
  });
});

describe('phrase (≤ 5 Chinese characters only)', () => {
  it('keeps Chinese, drops everything else', () => {
    expect(formatText('phrase', '已通过✅')).toBe('已通过');
    expect(formatText('phrase', 'OK 已退回 (2)')).toBe('已退回');
  });

  it('cuts to five without an ellipsis', () => {
    expect(formatText('phrase', '审核已经全部通过')).toBe('审核已经全');
  });

  it('falls back when nothing Chinese is left', () => {
    expect(formatText('phrase', 'approved')).toBe('无');
  });
});

describe('number, letter, symbol, character_string', () => {
  it('number: digits and a decimal point, ≤ 32', () => {
    expect(formatText('number', 12)).toBe('12');
    expect(formatText('number', -3.5)).toBe('3.5');
    expect(formatText('number', '共 1,234 条，其中 5 条逾期')).toBe('1234');
    expect(formatText('number', 1e21)).toBe('1000000000000000000000');
    expect(formatText('number', '9'.repeat(40))).toHaveLength(32);
    expect(formatText('number', `${'1'.repeat(30)}.12345`)).toBe('1'.repeat(30));
    expect(formatText('number', '无')).toBe('0');
  });

  it('letter: ASCII letters only, ≤ 32', () => {
    expect(formatText('letter', 'Ab-1c')).toBe('Abc');
    expect(formatText('letter', 'x'.repeat(40))).toHaveLength(32);
  });

  it('symbol: ASCII symbols only, ≤ 5', () => {
    expect(formatText('symbol', 'a+b-c*d/e%f')).toBe('+-*/%');
  });

  it('character_string: visible ASCII only, ≤ 32, no ellipsis', () => {
    expect(formatText('character_string', 'XZ-2026-001号')).toBe('XZ-2026-001');
    const long = formatText('character_string', 'A'.repeat(50));
    expect(long).toBe('A'.repeat(32));
  });
});

describe('name (≤ 10 Chinese or ≤ 20 letters)', () => {
  it('keeps a Chinese name and a minority name with its dot', () => {
    expect(formatText('name', '张三')).toBe('张三');
    expect(formatText('name', '阿卜杜·热合曼')).toBe('阿卜杜·热合曼');
  });

  it('drops digits and emoji', () => {
    expect(formatText('name', '李四(警号012345)🚓')).toBe('李四警号');
  });

  it('allows 20 letters for a Latin name but only 10 for a mixed one', () => {
    expect(formatText('name', 'Alexander Hamiltonson Jr')).toBe('Alexander Hamiltonso');
    expect(formatText('name', '王Alexander')).toBe('王Alexander'.slice(0, 10));
  });
});

describe('amount, phone_number, car_number', () => {
  it('amount: a currency sign and at most ten digits', () => {
    expect(formatText('amount', 12.5)).toBe('¥12.50');
    expect(formatText('amount', 123456789)).toBe('¥123456789');
    expect(formatText('amount', 1e12)).toBe('¥9999999999');
  });

  it('phone_number: digits and +/- only, ≤ 17', () => {
    expect(formatText('phone_number', '+86 0731-8888 8888')).toBe('+860731-88888888');
    expect(formatText('phone_number', '1'.repeat(20))).toHaveLength(17);
  });

  it('car_number: Chinese only first and last, ≤ 8', () => {
    expect(formatText('car_number', '湘a·12345')).toBe('湘A12345');
    expect(formatText('car_number', '湘A1234警')).toBe('湘A1234警');
    expect(formatText('car_number', '湘A12中345')).toBe('湘A12345');
    expect(formatText('car_number', '湘A123456789挂')).toBe('湘A12345挂');
  });
});

describe('time and date, in Beijing time', () => {
  it('formats an instant as its Beijing wall clock', () => {
    // 08:00 UTC is 16:00 in Beijing.
    expect(formatTime('time', at('2026-11-28T08:00:00Z'))).toBe('2026年11月28日 16:00');
    expect(formatTime('date', at('2026-11-28T08:00:00Z'))).toBe('2026年11月28日');
  });

  it('puts an instant late in the UTC day on the next Beijing day', () => {
    expect(formatTime('date', at('2026-12-31T16:30:00Z'))).toBe('2027年1月1日');
    expect(formatTime('time', at('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
  });
});

describe('fit', () => {
  it('returns the text untouched when it fits', () => {
    expect(fit('短', 1, '…')).toBe('短');
  });
});
