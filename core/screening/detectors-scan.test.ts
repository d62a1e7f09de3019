/**
 * The one-scan detectors (detectors/scan.ts, fed by the matcher's single pass) against the
 * brute-force detectors (one regex pass each over the whole text): the same hits, span for span,
 * on every corpus text and on generated texts dense with numbers, links, marks and cue words.
 */
import { detectorText, type DetectorHit } from './detectors/types';
import { credentialsIn, detectCredentials } from './detectors/credentials';
import { detectAll } from './detectors/scan';
import { detectMinorIdentity } from './detectors/minors';
import { getMatcher } from './matcher';
import { referenceDetect, screen } from './screen';
import { STARTER_LEXICON } from './starter-lexicon';
import { SCREENING_CORPUS } from '../../test/screening-corpus/corpus';
import { DEV } from '../../test/screening-corpus/items/dev';
import { HELD_OUT } from '../../test/screening-corpus/items/held-out';
import { HELD_OUT_2 } from '../../test/screening-corpus/items/held-out-2';
import { HELD_OUT_3 } from '../../test/screening-corpus/items/held-out-3';
import { mulberry32 } from '../random';

const key = (h: DetectorHit): string => `${h.detector}:${h.start}:${h.end}:${h.matched}`;
const matcher = getMatcher(STARTER_LEXICON);

function oneScan(text: string): DetectorHit[] {
  const m = matcher.match(text);
  return detectAll(text, {
    cues: m.cues,
    ascii: m.ascii,
    sentenceEnds: m.sentenceEnds,
    sentenceCount: m.sentenceEnds.length,
  });
}

const PIECES = [
  '430104198511122315',
  '4301 0419 8511 1223 15',
  '６２１７００２８６０００１２３４５６５',
  '13974125896',
  '+86 139-7412-5896',
  '湘A·8K762',
  '湘AB1234',
  '芙蓉中路二段168号5栋3单元702室',
  '幸福小区十二栋三单元',
  '住在人民路8号2单元',
  '¥59.9',
  '￥99',
  '＄49',
  '＄ 12.5',
  '＄Xn8d2aP0Lq9＄',
  '原价199元',
  '到手价 9.9元',
  '点击购买',
  '领券',
  'https://item.taobao.com/x?id=1',
  '￥Xn8d2aP0Lq9￥',
  '复制这条打开手机淘宝',
  '★秘密',
  '机密★1年',
  '【内部】',
  '（内部资料）',
  '（密）',
  '(密)',
  '【密】',
  // A lone 密 is read only inside a longer mark word or after an opening bracket (scan.ts markPossible).
  '（ 密 ）',
  '〔密〕',
  '[密]',
  '亲密',
  '密切配合',
  '秘密级',
  '警务工作秘密',
  '国家秘密',
  '保密期限',
  '注意保密',
  '涉密',
  '机密文件',
  // A word mark's pattern reads a window only when the window holds one of its pairs (secrets.ts).
  '机密级',
  '内部文件',
  '内部传阅',
  '仅限内部',
  '内部使用',
  '不得外传',
  '严禁外传',
  '别外传',
  '內部資料',
  '國家秘密',
  '絕密',
  '機密文件',
  '商业机密',
  '内部装修',
  '秘密 级',
  '内部通报会',
  '内部通报',
  '绝密',
  '请勿外传',
  '男孩王小明（12岁）',
  '砂子塘小学',
  '三年级2班',
  '名叫陈浩',
  '16岁',
  '密码：Abc12345',
  '验证码是 482913',
  '不要告诉别人验证码 123456',
  'https://www.voachinese.com/a/1.html',
  'www.bbc.co.uk',
  'cnn.com',
  '诈骗',
  '骗子',
  '民警',
  '工作手机13807311234',
  '110',
  '2024年',
  '3.5万元',
  '被骗3800元',
];
const FILL = '的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说';
const PUNCT = ['，', '。', '！', '？', '；', '\n', ' ', '、', '：'];

describe('the one-scan detectors equal the brute-force detectors', () => {
  it('on every corpus text', () => {
    const texts = [
      ...SCREENING_CORPUS.map((e) => e.text),
      ...[...DEV, ...HELD_OUT, ...HELD_OUT_2, ...HELD_OUT_3].map((s) => s.text),
    ];
    texts.push(texts.join('\n'));
    let compared = 0;
    for (const text of texts) {
      const want = referenceDetect(text).map(key).sort();
      expect({ text: text.slice(0, 60), hits: oneScan(text).map(key).sort() }).toEqual({
        text: text.slice(0, 60),
        hits: want,
      });
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('on 2,000 generated texts dense with numbers, links, marks and cue words', () => {
    const rnd = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let j = 1 + Math.floor(rnd() * 12); j > 0; j--) {
        if (rnd() < 0.5) text += pick(PIECES);
        for (let k = Math.floor(rnd() * 6); k > 0; k--) text += pick([...FILL]);
        text += pick(PUNCT);
      }
      const want = referenceDetect(text).map(key).sort();
      expect({ text, hits: oneScan(text).map(key).sort() }).toEqual({ text, hits: want });
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});

describe('the detector view of a short text (a window, a sentence)', () => {
  it('is the view of the same units in a long text, a cut or lone surrogate included', () => {
    // detectorText builds short texts itself and long ones through the decoder (which reads a
    // lone surrogate as U+FFFD): the windows must read the same either way.
    const rnd = mulberry32(11);
    const units = ['（', '）', '１', 'Ａ', '國', '內', '密', '的', 'a', '5', ' ', '😀', '\ud83d', '\ude00', '￥', '，'];
    const pad = '的'.repeat(300);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let k = Math.floor(rnd() * 40); k > 0; k--) text += units[Math.floor(rnd() * units.length)];
      const cut = text.slice(0, Math.max(0, text.length - Math.floor(rnd() * 3)));
      expect({ cut, view: detectorText(cut) }).toEqual({
        cut,
        view: detectorText(cut + '的' + pad).slice(0, cut.length),
      });
    }
    expect(detectorText('（\ud83d')).toBe('(\ufffd');
    expect(detectorText('（😀１')).toBe('(😀1');
  });
});

describe('a price written with the full-width dollar sign ＄', () => {
  it('is a price like $, in one scan as in the brute force', () => {
    for (const text of [
      '限时特惠，到手仅需＄49，点击购买。',
      '新款警用手电，售价＄ 12.5。',
      '复制＄Xn8d2aP0Lq9＄打开淘宝',
    ]) {
      const want = referenceDetect(text).map(key).sort();
      expect(want.some((k) => k.startsWith('price:') || k.startsWith('shopLink:'))).toBe(true);
      expect(oneScan(text).map(key).sort()).toEqual(want);
    }
    const r = screen(
      { text: '新款警用手电，到手价＄49。', context: { kind: 'post', accountKind: 'institutional' } },
      STARTER_LEXICON,
    );
    expect(r.hits.find((h) => h.source === 'price')).toMatchObject({ category: 'commercial', matched: '＄49' });
  });
});

describe('第三十三条: a password or a verification code in a post', () => {
  const institutional = { kind: 'post', accountKind: 'institutional' } as const;
  const credentialHits = (text: string) =>
    screen({ text, context: institutional }, STARTER_LEXICON).hits.filter((h) => h.category === 'credential');

  it('is refused with its article, and the value is never shown', () => {
    const text = '各位同事，后台账号是 hnga_admin，密码：Abc@2024，请勿外泄。';
    const r = screen({ text, context: institutional }, STARTER_LEXICON);
    const hit = r.hits.find((h) => h.category === 'credential');
    expect(hit).toMatchObject({ ref: '第三十三条', effect: 'block', source: 'credential' });
    expect(r.blocked).toBe(true);
    expect(JSON.stringify(r)).not.toContain('Abc@2024');
  });

  it('catches verification codes and passwords written several ways', () => {
    expect(credentialHits('登录验证码是 482913，五分钟内有效。')).toHaveLength(1);
    expect(credentialHits('wifi密码为12345678，欢迎群众使用')).toHaveLength(1);
    expect(credentialHits('初始密码：Police2024')).toHaveLength(1);
  });

  it('does not fire on warnings, on a password without a value, or on a scam being told', () => {
    expect(credentialHits('民警提醒：验证码、银行卡密码切勿告诉他人。')).toEqual([]);
    expect(credentialHits('不要使用123456这类简单密码。')).toEqual([]);
    expect(credentialHits('骗子索要验证码123456后转走了存款。')).toEqual([]);
    expect(credentialHits('初始密码为身份证号后六位。')).toEqual([]);
    expect(credentialHits('请定期修改密码。')).toEqual([]);
  });

  it('agrees with its sentence-by-sentence form', () => {
    const text = '密码：Abc12345。验证码是 482913！';
    expect(detectCredentials(text).map(key)).toEqual(
      [...credentialsIn(text, '密码：Abc12345', 0), ...credentialsIn(text, '验证码是 482913', 12)].map(key),
    );
  });
});

describe('the minors detector names schools, not the words before 学校', () => {
  it('does not read a school name out of an ordinary phrase', () => {
    expect(detectMinorIdentity('部分学生家长因不满学校合并，集体堵在教育局门口。')).toEqual([]);
    expect(detectMinorIdentity('不要随意在网上晒孩子的照片和学校信息。')).toEqual([]);
    expect(detectMinorIdentity('孩子幼儿园毕业典礼，全班只有他的座位空着。')).toEqual([]);
  });

  it('still names a school and a class', () => {
    expect(detectMinorIdentity('女孩就读于长沙市第一中学初二3班。').map((h) => h.matched)).toEqual([
      '长沙市第一中学',
      '初二3班',
    ]);
  });
});
