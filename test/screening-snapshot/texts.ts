/**
 * Seeded texts that stress what a faster screen() could get wrong: surrogate pairs (kept, folded,
 * lone), full-width forms, traditional characters, mixed scripts, long digit runs, numbers cut by
 * spaces, hyphens and line breaks, repeated characters, punctuation between the characters of a
 * term, and every kind of thing a detector looks for, packed close together.
 */
import type { LexiconData } from '../../typings/screening';
import { mulberry32 } from '../../core/random';

const PIECES = [
  '430104198511122315',
  '43010419851112231X',
  '4301 0419 8511 1223 15',
  '430104\n198511122315',
  '430104-19851112-2315',
  '４３０１０４１９８５１１１２２３１５',
  '430104851112231',
  '６２１７００２８６０００１２３４５６５',
  '6217002860001234565',
  '6217 0028 6000 1234 565',
  '13974125896',
  '１３９７４１２５８９６',
  '+86 139-7412-5896',
  '8613974125896',
  '139 7412\n5896',
  '1234567890123456789012345678901234567890',
  '湘A·8K762',
  '湘AB1234',
  '京Ａ１２３４５',
  '芙蓉中路二段168号5栋3单元702室',
  '幸福小区十二栋三单元',
  '住在人民路8号2单元',
  '家住桂花村3组5栋',
  '¥59.9',
  '￥99',
  '$ 12',
  '原价199元',
  '到手价 9.9元',
  '售价 88 元',
  '点击购买',
  '领券',
  '私信下单',
  'https://item.taobao.com/x?id=1',
  'ＷＷＷ．ＪＤ．ＣＯＭ',
  '￥Xn8d2aP0Lq9￥',
  '复制这条打开手机淘宝',
  '★秘密',
  '机密★1年',
  '【内部】',
  '（内部资料）',
  '〔警务工作秘密〕',
  '绝密',
  '请勿外传',
  '男孩王小明（12岁）',
  '砂子塘小学',
  '长沙市第一中学初二3班',
  '三年级2班',
  '名叫陈浩',
  '16岁',
  '女童李某某',
  '密码：Abc12345',
  '验证码是 482913',
  'WiFi密码为12345678',
  '不要告诉别人验证码 123456',
  'https://www.voachinese.com/a/1.html',
  'www.bbc.co.uk',
  'cnn.com',
  'CNNIC',
  'CNN报道',
  '据BBC消息',
  'a.b/c?d=1',
  '诈骗',
  '骗子',
  '民警',
  '警察',
  '孩子',
  '工作手机13807311234',
  '110',
  '1100',
  '2024年',
  '3.5万元',
  '被骗3800元',
  '😀',
  '👨‍👩‍👧',
  '𠀀',
  '𝐀𝐁𝐂',
  '\ud800',
  '\udc00',
  '\u200b',
  'ｗｅｉｂｏ',
  '發佈',
  '員警',
  '谢谢谢谢',
  '谢 谢',
  '测*试',
  'Ⅻ',
  '①②③',
  '㈱',
  'ﾃｽﾄ',
  '한국어',
  'русский',
  'Ǆ',
];
const FILL = '的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说民警派出所';
const PUNCT = [
  '，',
  '。',
  '！',
  '？',
  '；',
  '\n',
  '\r\n',
  ' ',
  '、',
  '：',
  ',',
  '.',
  ';',
  '!',
  '?',
  '\u2028',
  '…',
  '——',
];
const NOISE = [' ', '*', '·', '😀', '\u200b', '-', '，', '。', '\n'];

export function adversarialTexts(lexicon: LexiconData, count = 1500, seed = 17): string[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)];
  const words = [
    ...lexicon.terms.map((t) => t.term),
    ...lexicon.allow,
    ...(lexicon.rules ?? []).flatMap((r) => [...r.groups.flat(), ...r.exclude.flat()]),
    ...(lexicon.wording ?? []).map((w) => w.wrong),
  ];
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let j = 1 + Math.floor(rnd() * 14); j > 0; j--) {
      const r = rnd();
      if (r < 0.35) text += pick(PIECES);
      else if (r < 0.7) {
        const w = pick(words);
        // A third written with noise between the characters, some with a character doubled.
        if (rnd() < 0.33) text += [...w].join(pick(NOISE));
        else if (rnd() < 0.2) text += [...w].map((c) => (rnd() < 0.3 ? c + c : c)).join('');
        else text += w;
      }
      for (let k = Math.floor(rnd() * 6); k > 0; k--) text += pick(FILL);
      if (rnd() < 0.8) text += pick(PUNCT);
    }
    texts.push(text);
  }
  return texts;
}
