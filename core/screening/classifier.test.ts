import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mulberry32 } from '../random';
import { ASSENT, DOUBT_BELOW, MIN_WRONG } from '../../tools/screening-classifier';
import { KEPT_OUT_PARTS, TRAINING_PARTS } from '../../test/screening-corpus/items/parts';
import { CORPUS_ITEMS } from '../../test/screening-corpus/items/sample';
import { EVERYDAY_POSTS } from '../../test/screening-corpus/everyday';
import type {
  ClassifierModelData,
  CombinationRule,
  DoubtfulReader,
  LexiconData,
  ScreeningContext,
  ScreeningHit,
  SpanHit,
} from '../../typings/screening';
import {
  Classifier,
  decodeBytes,
  encodeBytes,
  features,
  MIN_UNITS,
  quantise,
  QUOTED_ASSENT,
  trainClassifier,
  unreadMask,
  WINDOW_CHARS,
  type TrainingSample,
} from './classifier';
import { appliesTo, categoryOf } from './categories';
import { quotedMessage } from './quoted';
import { actsUnanswered, roles } from './roles';
import { CLASSIFIER_MODEL } from './classifier-model';
import { STARTER_LEXICON } from './starter-lexicon';
import { ruleDoubtKey, ruleFingerprint } from './rules';
import { defaultClassifier, screen } from './screen';
import { detectorDoubtKey, MINOR_NAME, MINOR_SCHOOL } from './detectors/types';

const post: ScreeningContext = { kind: 'post', accountKind: 'institutional' };

describe('weights as text', () => {
  it('decode what they encode, for every length and byte', () => {
    const random = mulberry32(3);
    for (let n = 0; n < 40; n++) {
      const bytes = Int8Array.from({ length: n }, () => Math.floor(random() * 256) - 128);
      expect([...decodeBytes(encodeBytes(bytes))]).toEqual([...bytes]);
    }
  });
});

describe('features', () => {
  const grams = (text: string): [number, number, number][] => {
    const out: [number, number, number][] = [];
    features(text, 14, (bucket, at, n) => out.push([bucket, at, n]));
    return out;
  };

  it('are 1-, 2- and 3-grams at the offsets of the original text, white space skipped', () => {
    const g = grams('民 警Ａ');
    expect(g.map(([, at, n]) => [at, n])).toEqual([
      [0, 1],
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 2],
      [3, 3],
    ]);
  });

  it('read full-width and upper-case letters as their plain forms', () => {
    expect(grams('ＡＢｃ').map(([b, , n]) => [b, n])).toEqual(grams('abc').map(([b, , n]) => [b, n]));
  });

  it('skip a link as they skip white space: the detectors read links', () => {
    const plain = grams('点击购买 领取优惠券').map(([b, , n]) => [b, n]);
    for (const link of ['https://item.taobao.com/item.htm?id=6612', 'HTTP://BBC.CO.UK/a', 'www.voachinese.com/x?y=1'])
      expect(grams(`点击购买${link}领取优惠券`).map(([b, , n]) => [b, n])).toEqual(plain);
    // a URL's query mark ends no sentence, and Latin words outside links are still read
    expect(grams('据BBC报道').length).toBe(grams('据甲乙丙报道').length);
  });

  it("skip an identifier's digits (seven or more in a row) and read a figure's", () => {
    const g = (text: string): number[][] => grams(text).map(([b, , n]) => [b, n]);
    const plain = g('卡号 的主人请到派出所认领');
    for (const number of ['6217002860001234565', '13907312110', '４３０１０４１'])
      expect(g(`卡号${number}的主人请到派出所认领`)).toEqual(plain);
    // a figure, and the area code before a phone's hyphen, are read
    expect(g('本周接警412起')).not.toEqual(g('本周接警起'));
    expect(g('电话0731-84561234')).toEqual(g('电话0731-'));
    expect(g('电话0731-')).not.toEqual(g('电话-'));
  });
});

describe('roles: who did what, which n-grams cannot tell', () => {
  const of = (text: string): string[] => roles(text).map((r) => r.role);

  it('says the officer acts where he is the one who uses force or abuse, named first or after 被', () => {
    expect(of('昨晚一名民警在处置纠纷时殴打一名男子。')).toEqual(['acts']);
    expect(of('辅警对一名老人拳打脚踢')).toEqual(['acts']);
    expect(of('群众被民警推倒在地')).toEqual(['acts']);
  });

  it('says he suffers it where it is done to him, and that he stops it where he steps in', () => {
    expect(of('民警被醉酒男子殴打后依法处置。')).toEqual(['suffers']);
    expect(of('辅警遭到醉汉辱骂')).toEqual(['suffers']);
    expect(of('醉酒男子殴打民警，被依法刑拘')).toEqual(['suffers']);
    expect(of('民警及时制止了男子对老人的殴打')).toEqual(['stops']);
  });

  it('say which acts are told unanswered: nothing after the act says what was done about it', () => {
    const told = '我所一名民警在医院处置纠纷时推搡、掌掴患者家属黄某。';
    const spans = (text: string): string[] => actsUnanswered(text).map((a) => text.slice(a.start, a.end));
    expect(spans(told)).toEqual(['民警在医院处置纠纷时推搡', '民警在医院处置纠纷时推搡、掌掴']);
    expect(spans(`${told}经查，该民警已被停止执行职务，我所已向黄某道歉。`)).toEqual([]);
    // what was done, told before the act, is not about it; the officer hit, or carried into a clause, is not acting
    expect(spans('经督察调查，昨晚一名民警在处置纠纷时殴打一名男子。')).toEqual(['民警在处置纠纷时殴打']);
    expect(spans('醉酒男子殴打民警，已被依法拘留。')).toEqual([]);
    expect(spans('一个交警态度极差，还动手推搡群众！')).toEqual([]);
    expect(spans('民警赶到后迅速将打人者控制。')).toEqual([]);
  });

  it('carries the officer into the next clause of his sentence only, and says nothing without him', () => {
    expect(of('一个交警态度极差，还动手推搡群众！')).toEqual(['follows', 'follows']);
    expect(of('民警赶到现场。男子随后殴打路人')).toEqual([]);
    expect(of('两名男子在夜市发生推搡，随后动手')).toEqual([]);
    expect(of('今天民警在社区讲解防诈骗知识')).toEqual([]);
  });

  it('say which words they were read from: the officer to his act, or the act alone where he is not before it', () => {
    const spans = (text: string): string[] => roles(text).map((r) => text.slice(r.start, r.at + 1));
    expect(spans('昨晚一名民警在处置纠纷时殴打一名男子。')).toEqual(['民警在处置纠纷时殴打']);
    expect(spans('群众被民警推倒在地')).toEqual(['民警推倒']);
    expect(spans('醉酒男子殴打民警')).toEqual(['殴打民警']);
    expect(spans('一个交警态度极差，还动手推搡群众！')).toEqual(['动手', '推搡']);
  });

  it('are features (n = 0) at the act, so the same words the other way round read apart', () => {
    const at = (text: string): [number, number][] => {
      const out: [number, number][] = [];
      features(text, 14, (bucket, i, n) => {
        if (n === 0) out.push([bucket, i]);
      });
      return out;
    };
    const [acts] = at('民警殴打男子');
    const [suffers] = at('男子殴打民警');
    expect(acts).toEqual([expect.any(Number), 3]);
    expect(suffers).toEqual([expect.any(Number), 5]);
    expect(acts[0]).not.toBe(suffers[0]);
    expect(at('男子殴打路人')).toEqual([]);
  });
});

/** Two made-up items on a made-up corpus: a fight is reputation, a lost wallet is ordinary news. */
function tinySamples(): TrainingSample[] {
  const samples: TrainingSample[] = [];
  const random = mulberry32(11);
  const places = ['小区门口', '派出所里', '夜市摊前', '车站广场', '菜市场内', '学校附近'];
  for (let i = 0; i < 60; i++) {
    const place = places[Math.floor(random() * places.length)];
    samples.push({
      text: `${place}一名民警与群众发生推搡，随后动手。`,
      context: post,
      positive: ['reputation'],
      ignore: [],
    });
    samples.push({ text: `${place}一名民警帮群众找回了丢失的钱包。`, context: post, positive: [], ignore: [] });
  }
  return samples;
}

const TINY_CLASSES = ['reputation', 'otherPoliceInfo'] as const;
const TINY_TRAINING = { bits: 12, epochs: 5, seed: 1, runs: 1, threshold: 0.5 };

function tinyModel(): ClassifierModelData {
  const samples = tinySamples();
  const classes = TINY_CLASSES;
  const { bytes, scale, bias } = quantise(trainClassifier(samples, classes, TINY_TRAINING), classes);
  return {
    version: 'tiny',
    bits: 12,
    classes: [...classes],
    threshold: 0.5,
    bias,
    scale,
    weights: encodeBytes(bytes),
    trainedOn: { parts: [], samples: samples.length, everyday: 0 },
    doubtful: [],
    assent: 0.01,
  };
}

describe('a classifier trained on a small corpus', () => {
  const model = tinyModel();
  const classifier = new Classifier(model);

  it('is the same model every time it is trained from the same samples', () => {
    expect(tinyModel().weights).toBe(model.weights);
  });

  it('averages runs from successive seeds into one model of the same size', () => {
    const run = (seed: number, runs: number) =>
      trainClassifier(tinySamples(), TINY_CLASSES, { ...TINY_TRAINING, seed, runs });
    const [one, two, both] = [run(1, 1), run(2, 1), run(1, 2)];
    expect(both.weights).toHaveLength(one.weights.length);
    expect(one.weights).not.toEqual(two.weights);
    for (const i of [0, 7, 100, one.weights.length - 1].concat(
      [...one.weights.keys()].filter((i) => one.weights[i] !== 0).slice(0, 20),
    ))
      expect(both.weights[i]).toBeCloseTo((one.weights[i] + two.weights[i]) / 2, 5);
    both.bias.forEach((b, k) => expect(b).toBeCloseTo((one.bias[k] + two.bias[k]) / 2, 9));
  });

  it('finds the item in a sentence it did not see, and not in the innocent one', () => {
    expect(classifier.read('公园门口一名民警与群众发生推搡，随后动手。', post).map((f) => f.category)).toEqual([
      'reputation',
    ]);
    expect(classifier.read('公园门口一名民警帮群众找回了丢失的钱包。', post)).toEqual([]);
  });

  it('reports the window it read and evidence inside it, as spans of the original text', () => {
    const filler = '今天天气晴朗，民警帮群众找回了丢失的钱包。'.repeat(12);
    const text = `${filler.slice(0, -1)}\n公园门口 一名民警与群众发生推搡，随后动手。`;
    const [f] = classifier.read(text, post);
    expect(f.category).toBe('reputation');
    expect(f.start).toBeGreaterThan(filler.length - WINDOW_CHARS);
    expect(f.end).toBe(text.length);
    expect(f.evidence.length).toBeGreaterThan(0);
    for (const e of f.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(f.start);
      expect(e.end).toBeLessThanOrEqual(f.end);
      expect(text.slice(e.start, e.end)).toBe(e.matched);
    }
    expect(f.evidence.map((e) => e.matched).join('')).toMatch(/推|动手/);
  });

  it('reads a post with a link as it reads the post without it', () => {
    const shop = '辖区商户联合推出平安套餐，原价199元，现价99元，点击购买链接，还可领取优惠券！';
    const linked = shop.replace('链接', '链接https://item.taobao.com/item.htm?id=6612&from=bbc.com');
    const real = defaultClassifier();
    expect(real.probabilities(linked, post)).toEqual(real.probabilities(shop, post));
    expect(real.read(linked, post).map((f) => [f.category, f.confidence])).toEqual(
      real.read(shop, post).map((f) => [f.category, f.confidence]),
    );
  });

  it('reads posts only, not netizen messages', () => {
    expect(classifier.read('公园门口一名民警与群众发生推搡，随后动手。', { kind: 'message' })).toEqual([]);
  });

  it('tells how likely each item is in its best window, and has no view of a caption or a message', () => {
    const scuffle = classifier.reading('公园门口一名民警与群众发生推搡，随后动手。', post);
    const wallet = classifier.reading('公园门口一名民警帮群众找回了丢失的钱包。', post);
    expect(scuffle?.probability('reputation')).toBeGreaterThanOrEqual(0.5);
    expect(wallet?.probability('reputation')).toBeLessThan(0.5);
    expect(scuffle?.findings).toEqual(classifier.read('公园门口一名民警与群众发生推搡，随后动手。', post));
    expect(classifier.reading('民警与群众发生推搡。', post)).toBeNull();
    expect(classifier.reading('公园门口一名民警与群众发生推搡，随后动手。', { kind: 'message' })).toBeNull();
  });

  it('refuses weights that do not fit its classes', () => {
    expect(() => new Classifier({ ...model, classes: ['reputation'] })).toThrow(/weights/);
  });
});

describe('the shipped classifier (core/screening/classifier-model.ts)', () => {
  it('learned from the tuning and training parts and the everyday posts only, never from a kept-out part', () => {
    expect(CLASSIFIER_MODEL.trainedOn.parts).toEqual(TRAINING_PARTS.map((p) => p.id));
    for (const part of KEPT_OUT_PARTS) expect(CLASSIFIER_MODEL.trainedOn.parts).not.toContain(part.id);
    expect(CLASSIFIER_MODEL.trainedOn.samples).toBe(TRAINING_PARTS.reduce((n, p) => n + p.samples.length, 0));
    expect(CLASSIFIER_MODEL.trainedOn.everyday).toBe(EVERYDAY_POSTS.length);
    expect(CLASSIFIER_MODEL.classes).toEqual([...CORPUS_ITEMS]);
  });

  it('is what tools/screening-classifier.ts makes from them, 语义复核 record and all (rerun it after changing the corpus or the default rules)', () => {
    // Trained under tsx, as the tool is run: four runs under jest's module sandbox took ten minutes, and
    // the file's every byte is compared, not only its version. About seven minutes on 80,000 samples alone; twice
    // that while the other tests share the machine.
    const root = join(__dirname, '..', '..');
    const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['tools/screening-classifier.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`${CLASSIFIER_MODEL.version}: the shipped model is what the corpus and the code make`);
  }, 1_200_000);

  it('reads a window as features() and the weights say, the fast path giving the reference figures', () => {
    const classifier = defaultClassifier();
    for (const s of TRAINING_PARTS.flatMap((p) => p.samples).filter((_, i) => i % 37 === 0)) {
      const context: ScreeningContext = { kind: 'post', accountKind: s.accountKind };
      const reference = classifier.probabilities(s.text, context);
      const read = classifier.read(s.text, context);
      // one window: short enough, and one paragraph (a window never runs past one), of MIN_UNITS read (an
      // identifier's digits are not: 走失老人…身份证号 and a phone is a caption of 18), and no repost (its
      // own comment is read alone as well: tested below), and no 留言回复 (its reply is read alone: tested below)
      const mask = unreadMask(s.text);
      let units = 0;
      for (let i = 0; i < s.text.length; i++) if (!/\s/.test(s.text[i]) && !mask?.[i]) units++;
      if (s.text.length > WINDOW_CHARS || /\n|\/\/@/.test(s.text) || quotedMessage(s.text) || units < MIN_UNITS)
        continue;
      const want = CLASSIFIER_MODEL.classes.filter(
        (c, k) => reference[k] >= CLASSIFIER_MODEL.threshold && appliesTo(categoryOf(c), context),
      );
      expect(read.map((f) => f.category).sort()).toEqual([...want].sort());
      for (const f of read)
        expect(f.confidence).toBeCloseTo(reference[CLASSIFIER_MODEL.classes.indexOf(f.category)], 12);
    }
  });

  it('says nothing of a caption of a few everyday words', () => {
    const texts = [
      '冬季出行注意安全。',
      '今天天气不错',
      '民警',
      '好',
      '祝大家新年快乐！',
      '感谢热心群众！',
      '#平安中国#',
      '关注我们',
    ];
    const read = texts.map((t) => [
      t,
      defaultClassifier()
        .read(t, post)
        .map((f) => f.category),
    ]);
    expect(read).toEqual(texts.map((t) => [t, []]));
  });

  it('reads a short post with lines as one window as well as line by line, so a caption is read whole', () => {
    const caption = [
      '昨晚扫黄行动成果，这些人你认识吗？',
      '图1：房间里抱头蹲着的男女正脸照片',
      '图2：当事人的身份证照片',
      '图3：开房记录截图',
    ].join('\n');
    const model = defaultClassifier();
    // 第十七条（一）8: the caption read whole is the privacy, more surely than any line of it. (Line by line each
    // read under 50% until the thirty-first round's model, which learned from held-out 36's captions: it reads
    // 图1's line alone at 98%.)
    const privacy = model.reading(caption, post)?.findings.find((f) => f.category === 'privacy');
    expect(privacy?.confidence).toBeGreaterThan(0.9);
    expect(caption.slice(privacy?.start, privacy?.end)).toContain('\n');
    const lines = caption.split('\n').map((line) => model.reading(line, post)?.probability('privacy') ?? 0);
    expect(privacy?.confidence).toBeGreaterThan(Math.max(...lines));
    // the same layout over an everyday album reads nothing
    const album = ['周末所里组织了一次团建活动，大家都很开心', '图1：民警和辅警一起包饺子', '图2：拔河比赛现场'].join(
      '\n',
    );
    expect(model.read(album, post)).toEqual([]);
  });

  it('shows the officer and his act as its evidence where who did what weighs most', () => {
    const text = '城管执法现场，一名辅警对摆摊老人连踹两脚，视频在本地群里流传。';
    const found = defaultClassifier()
      .read(text, post)
      .find((f) => f.category === 'reputation');
    // the officer to his act as one phrase (一名辅警对摆摊老人连踹 in the thirty-first round's model, where 一名
    // weighed with him; 辅警对摆摊老人连踹 beside 一名 in the thirty-second's)
    expect(found?.evidence.map((e) => e.matched).some((m) => m.includes('辅警对摆摊老人连踹'))).toBe(true);
    for (const e of found?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.matched);
  });

  it("reads a repost's own comment on its own as well as with the post it quotes", () => {
    const personal: ScreeningContext = { kind: 'post', accountKind: 'personal' };
    const comment = '隔壁分局办案真是拖拖拉拉，换我们早就结案了。';
    const quoted = '平江区一起盗窃案告破，嫌疑人已被刑事拘留，警方提醒市民妥善保管财物。';
    const repost = `${comment}//@平江日报:${quoted}`;
    const model = defaultClassifier();
    const found = model.reading(repost, personal)?.findings.find((f) => f.category === 'personalCriticism');
    // 第四十一条: the officer's own words, read where they stand in the repost
    expect(found).toMatchObject({ start: 0, end: comment.length });
    expect(found?.confidence).toBeGreaterThan(0.9);
    expect(model.reading(repost, personal)?.probability('personalCriticism')).toBeGreaterThan(0.9);
    // the same words as one post, the quote not marked, read as one window: the notice outweighed them until the
    // thirty-third round's model, which finds them in that window too, less surely than on their own
    const joined = `${comment}平江日报：${quoted}`;
    const together = model.read(joined, personal).find((f) => f.category === 'personalCriticism');
    expect(together?.confidence ?? 0).toBeLessThan(found?.confidence ?? 0);
    // an officer's thanks reposted over the same notice is not criticism, read alone or whole
    const thanks = `为兄弟单位点赞，破案神速，辛苦了！//@平江日报:${quoted}`;
    expect(model.read(thanks, personal).map((f) => f.category)).not.toContain('personalCriticism');
  });
});

describe('a 留言回复 read with the shipped classifier', () => {
  // Written for this test, not from the corpus: a unit's answer to a netizen's question about a rumour
  const question = '【有问必答】网友问：听说有民警出警受伤了，是真的吗？';
  const qa = `${question}\n答：经核实，系网络谣言，请勿轻信转发。`;

  it('reads the reply on its own and says where the quoted message is', () => {
    const reading = defaultClassifier().reading(qa, post);
    expect(reading?.quoted).toEqual({ start: 0, end: question.length + 1 });
    expect(reading?.probability('unverifiedPolice') ?? 1).toBeLessThan(QUOTED_ASSENT);
  });

  it('sets aside what a rule finds only in the message, which the question alone as a post keeps', () => {
    const r = screen({ text: qa, context: post }, STARTER_LEXICON);
    expect(r.blocked).toBe(false);
    expect(r.hits.filter((h) => h.category === 'unverifiedPolice')).toEqual([]);
    const aside = (r.setAside ?? []).filter((h) => h.category === 'unverifiedPolice');
    expect(aside.length).toBeGreaterThan(0);
    for (const h of aside) expect(h.where === 'text' && h.end <= question.length).toBe(true);
    // 第十七条（一）6: the same words published as the unit's own
    const alone = screen({ text: question, context: post }, STARTER_LEXICON);
    expect(alone.blocked).toBe(true);
    expect(alone.hits.map((h) => h.category)).toContain('unverifiedPolice');
  });

  it('keeps personal data in the message: the unit publishes it all the same', () => {
    const text = '网友留言：我邻居老赵天天半夜吵，他电话13912345678，你们管不管？\n回复：您好，已转辖区民警上门处理。';
    const r = screen({ text, context: post }, STARTER_LEXICON);
    expect(r.blocked).toBe(true);
    expect(r.hits.find((h) => h.category === 'privacy')).toMatchObject({ source: 'mobile', matched: '139****5678' });
  });

  it("finds what the reply says: a victim brushed off in the unit's own words", () => {
    const text =
      '网友问：电动车被偷了三天，报案后一直没人联系，是不是不管了？\n回复：每天丢车的多了去了，一辆电动车而已，真要一辆辆查我们也忙不过来。';
    const r = screen({ text, context: post }, STARTER_LEXICON);
    expect(r.hits.map((h) => h.category)).toContain('reputation');
  });
});

describe('screen() with the classifier', () => {
  // Written for this test, not from the corpus: a hurt child's photo about to go out, in everyday words
  // that no term or rule names (第十七条（一）8).
  const text = '小区里那个哭着找妈妈的小女孩，脸上身上全是伤，据说是被继父打的，照片我们先发出来。';

  it('adds a caution the rules did not find, with confidence and evidence, and never blocks', () => {
    const withIt = screen({ text, context: post }, STARTER_LEXICON);
    const without = screen({ text, context: post }, STARTER_LEXICON, null);
    const added = withIt.hits.filter((h): h is SpanHit => h.source === 'classifier');
    expect(added.length).toBeGreaterThan(0);
    for (const h of added) {
      expect(without.hits.some((w) => w.category === h.category)).toBe(false);
      expect(h.effect).toBe('caution');
      expect(h.rule).toMatch(/^语义研判（把握 \d+%）$/);
      expect(h.confidence).toBeGreaterThanOrEqual(CLASSIFIER_MODEL.threshold);
      expect(text.slice(h.start, h.end)).toBe(h.matched);
      for (const e of h.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.matched);
    }
    // 据说's 未经核准 is read (100% from the twenty-first round's model on). The photo's 隐私 was read at 99% up to
    // the twentieth round and at 3% or less from the twenty-first on: many training positives tell a 继父 story
    // with no 隐私 in their labels, and this sentence's photo is the only thing that makes it one. A miss,
    // recorded in docs/screening.md.
    expect(added.map((h) => h.category)).toContain('unverifiedPolice');
    expect(withIt.blocked).toBe(without.blocked);
    expect(withIt.level).toBe('especiallyMajor');
  });

  it('keeps out of netizen messages', () => {
    const r = screen({ text, context: { kind: 'message' } }, STARTER_LEXICON);
    expect(r.hits.filter((h) => h.source === 'classifier')).toEqual([]);
  });
});

describe('语义复核: a doubtful term or rule stands only where 语义研判 reads its item', () => {
  const base = tinyModel();
  const rule: CombinationRule = {
    id: 'r-scuffle',
    name: '民警与群众推搡',
    category: 'reputation',
    effect: 'caution',
    levelFloor: 'major',
    groups: [['民警'], ['推搡']],
    exclude: [],
    within: { kind: 'sentence' },
    ordered: false,
    note: '',
  };
  let versions = 0;
  const lexicon = (rules: CombinationRule[]): LexiconData => ({
    version: `doubt-${++versions}`,
    terms: [{ term: '动手', category: 'reputation' }],
    allow: [],
    rules,
  });
  const doubting = (doubtful: DoubtfulReader[], assent = 0.5): Classifier =>
    new Classifier({ ...base, doubtful, assent });
  const term: DoubtfulReader = {
    category: 'reputation',
    source: 'lexicon',
    key: '动手',
    name: '动手',
    right: 1,
    wrong: 6,
  };
  const doubtedRule: DoubtfulReader = {
    category: 'reputation',
    source: 'rule',
    key: ruleDoubtKey(rule),
    name: rule.name,
    right: 2,
    wrong: 9,
  };
  // innocent: the model reads reputation under the assent here; the term and the rule both occur
  const innocent = '公园门口一名民警帮群众找回了丢失的钱包，没有推搡，也没有人动手。';
  const scuffle = '公园门口一名民警与群众发生推搡，随后动手。';
  const readers = (hits: readonly { source: string; rule: string }[] | undefined): string[] =>
    (hits ?? []).map((h) => `${h.source}:${h.rule}`).sort();

  it('sets both aside where the model does not read the item, so they neither raise the level nor count', () => {
    const classifier = doubting([term, doubtedRule]);
    expect(classifier.reading(innocent, post)?.probability('reputation')).toBeLessThan(0.5);
    const r = screen({ text: innocent, context: post }, lexicon([rule]), classifier);
    expect(r.hits.filter((h) => h.category === 'reputation')).toEqual([]);
    expect(readers(r.setAside)).toEqual(['lexicon:动手', 'rule:民警与群众推搡']);
    expect(r.level).toBe('ordinary');
    for (const h of r.setAside ?? []) expect(innocent.slice(h.start, h.end)).toBe(h.matched);
  });

  it('lets them stand where the model reads the item', () => {
    const classifier = doubting([term, doubtedRule]);
    expect(classifier.reading(scuffle, post)?.probability('reputation')).toBeGreaterThanOrEqual(0.5);
    const r = screen({ text: scuffle, context: post }, lexicon([rule]), classifier);
    expect(readers(r.hits.filter((h) => h.category === 'reputation'))).toEqual(['lexicon:动手', 'rule:民警与群众推搡']);
    expect(r.setAside).toBeUndefined();
  });

  it('lets a hit on an officer’s act stand where nothing says what was done about it, whatever the model reads', () => {
    // an assent above one: the model never reads the item surely enough, so only the act keeps a hit
    const classifier = doubting([term, doubtedRule], 1.01);
    const acts = '公园门口一名民警在争吵中推搡了一名老人。';
    const r = screen({ text: acts, context: post }, lexicon([rule]), classifier);
    expect(readers(r.hits.filter((h) => h.category === 'reputation'))).toEqual(['rule:民警与群众推搡']);
    expect(r.setAside).toBeUndefined();
    // reported as dealt with, or done to the officer, or a word only near the act (动手 in a clause of its own):
    // set aside as before
    const dealtWith = screen(
      { text: `${acts}经查，该民警已被停止执行职务。`, context: post },
      lexicon([rule]),
      classifier,
    );
    // (the tiny model's own finding is another reader's)
    expect(readers(dealtWith.hits.filter((h) => h.category === 'reputation' && h.source !== 'classifier'))).toEqual([]);
    expect(readers(dealtWith.setAside)).toEqual(['rule:民警与群众推搡']);
    const suffers = screen(
      { text: '公园门口一名老人在争吵中推搡了执勤民警。', context: post },
      lexicon([rule]),
      classifier,
    );
    expect(readers(suffers.setAside)).toEqual(['rule:民警与群众推搡']);
    const near = screen({ text: `${acts}随后双方动手。`, context: post }, lexicon([rule]), classifier);
    expect(readers(near.hits.filter((h) => h.category === 'reputation'))).toEqual(['rule:民警与群众推搡']);
    expect(readers(near.setAside)).toEqual(['lexicon:动手']);
  });

  it('trusts what it has no record of, a rule the desk has rewritten, and every reader when it cannot read', () => {
    const rewritten: CombinationRule = { ...rule, groups: [['民警', '辅警'], ['推搡']] };
    const classifier = doubting([doubtedRule]);
    const r = screen({ text: innocent, context: post }, lexicon([rewritten]), classifier);
    expect(readers(r.hits.filter((h) => h.category === 'reputation'))).toEqual(['lexicon:动手', 'rule:民警与群众推搡']);
    // renamed and re-noted, it is the same rule
    const renamed = screen(
      { text: innocent, context: post },
      lexicon([{ ...rule, name: '推搡', note: '改名' }]),
      classifier,
    );
    expect(readers(renamed.setAside)).toEqual(['rule:推搡']);
    // a caption too short to read, no model, a netizen message: everything found stands
    const short = '民警推搡，有人动手。';
    expect(
      readers(screen({ text: short, context: post }, lexicon([rule]), doubting([term, doubtedRule])).hits),
    ).toEqual(['lexicon:动手', 'rule:民警与群众推搡']);
    expect(screen({ text: innocent, context: post }, lexicon([rule]), null).setAside).toBeUndefined();
  });

  it('asks the shipped model about each sentence long enough to read, not only about its windows', () => {
    // The window holding both reads as neither beating, under the assent; the first sentence alone reads
    // as 第十七条（一）1 well over it.
    const text = '昨晚一名民警在处置纠纷时殴打一名男子，视频在网上流传。另一起事件中，民警被醉酒男子殴打后依法处置。';
    const reading = defaultClassifier().reading(text, post);
    expect(reading?.findings.map((f) => f.category)).not.toContain('reputation');
    const window = new Classifier({ ...CLASSIFIER_MODEL, threshold: 1e-9 })
      .reading(text, post)
      ?.findings.find((f) => f.category === 'reputation');
    // (absent at that threshold: the seventeenth round's model reads the window under one in a billion)
    expect(window?.confidence ?? 0).toBeLessThan(CLASSIFIER_MODEL.assent);
    // a hundredfold the assent until the twenty-third round's model; the twenty-fourth's reads the sentence at
    // 2.5%, the twenty-fifth's at 1.9%: still the reading that keeps the rule's hit (the twenty-sixth round's
    // model read 0.08%, and 0.0085% retrained with training 18; each set the rule aside and was not taken:
    // docs/screening.md; the twenty-seventh's, which learns from held-out 27 to 30 and not from training 17
    // and 18, reads 24%; the twenty-eighth's, learning from held-out 31 and 32 too, 0.78%, and was not taken; the
    // thirtieth's, from held-out 31 to 34, 0.17%, and 1.6% with training 19 too, not taken for the older corpus;
    // the thirty-first's, from held-out 31 to 38 and training 17 to 19 with who did what read, 1.07%; the
    // thirty-second's, from held-out 39 and training 20 (its personal items) and 21 too, 3.5%; the thirty-third's,
    // from held-out 40 and training 22 too, 0.52%, and 11.9% with training 23: an officer's own conduct told on a
    // unit's account, against near misses where he is the one hit; the thirty-fourth's, from held-out 41 to 43
    // too, 17.5%, and 7.3% with training 24, a unit's wrongs reported proudly)
    expect(reading?.probability('reputation')).toBeGreaterThan(10 * CLASSIFIER_MODEL.assent);
    const r = screen({ text, context: post }, STARTER_LEXICON);
    expect(r.blocked).toBe(true);
    expect(r.hits.filter((h) => h.category === 'reputation').map((h) => h.source)).toContain('rule');
    expect((r.setAside ?? []).filter((h) => h.category === 'reputation')).toEqual([]);
  });

  it('never sets personal data aside, and masks a number inside what it sets aside', () => {
    const withPhone = '公园门口一名民警帮失主找回了丢失的钱包，手机号13912345678，没有推搡，也没有人动手。';
    // a record naming the phone detector is ignored: a citizen's number is never doubted
    const phone: DoubtfulReader = {
      ...term,
      category: 'privacy',
      source: 'detector',
      key: 'mobile/手机号码',
      name: '手机号码',
    };
    expect(detectorDoubtKey('mobile', '手机号码')).toBeNull();
    const classifier = doubting([term, doubtedRule, phone]);
    expect(classifier.reading(withPhone, post)?.probability('reputation')).toBeLessThan(0.5);
    const r = screen({ text: withPhone, context: post }, lexicon([rule]), classifier);
    expect(r.hits.some((h) => h.source === 'mobile')).toBe(true);
    expect((r.setAside ?? []).map((h) => h.source).sort()).toEqual(['lexicon', 'rule']);
    const aside = r.setAside?.find((h) => h.source === 'rule');
    expect(aside?.matched).toMatch(/^民警帮失主找回了丢失的钱包，手机号139\*+5678，没有推搡$/);
    expect(aside?.matched).not.toContain('13912345678');
  });

  const spans = (hits: readonly ScreeningHit[] | undefined, source: string): string[] =>
    (hits ?? []).flatMap((h) => (h.where === 'text' && h.source === source ? [h.matched] : []));

  it('masks a number inside the window 语义研判 shows, and inside its phrases', () => {
    const text = '公园门口一名民警与群众发生推搡，群众手机号13912345678，随后动手。';
    const none: LexiconData = { version: `doubt-${++versions}`, terms: [], allow: [], rules: [] };
    const r = screen({ text, context: post }, none, doubting([]));
    expect(spans(r.hits, 'mobile')).toEqual(['139****5678']);
    expect(r.hits.find((h) => h.source === 'classifier')?.category).toBe('reputation');
    expect(spans(r.hits, 'classifier')[0]).toContain('139****5678');
    expect(JSON.stringify(r)).not.toContain('13912345678');
  });

  it('sets a doubted cue detector aside where the model does not read its item, never a child’s name', () => {
    const pupils = '公园门口一名民警帮失主找回了丢失的钱包，失主是城关第一小学的学生。另有林小雨同学在旁帮忙。';
    const school = detectorDoubtKey('minorIdentity', MINOR_SCHOOL);
    expect(school).toBe(`minorIdentity/${MINOR_SCHOOL}`);
    expect(detectorDoubtKey('minorIdentity', MINOR_NAME)).toBeNull();
    const record = (name: string): DoubtfulReader => ({
      category: 'vulnerable',
      source: 'detector',
      key: `minorIdentity/${name}`,
      name,
      right: 0,
      wrong: 9,
    });
    const bare = screen({ text: pupils, context: post }, lexicon([]), null);
    expect(spans(bare.hits, 'minorIdentity')).toEqual(['城关第一小学', '林小雨']);
    // the tiny model has no view of 第十七条（二）4: it reads it at 0; the school is set aside, the name
    // stands although a record names it
    const classifier = doubting([record(MINOR_SCHOOL), record(MINOR_NAME)]);
    const r = screen({ text: pupils, context: post }, lexicon([]), classifier);
    expect(spans(r.hits, 'minorIdentity')).toEqual(['林小雨']);
    expect(spans(r.setAside, 'minorIdentity')).toEqual(['城关第一小学']);
    // where the model assents (an assent of 0 is always met) both stand
    const assenting = screen({ text: pupils, context: post }, lexicon([]), doubting([record(MINOR_SCHOOL)], 0));
    expect(spans(assenting.hits, 'minorIdentity')).toEqual(['城关第一小学', '林小雨']);
    expect(assenting.setAside).toBeUndefined();
  });
});

describe('the shipped 语义复核 record', () => {
  it('names terms, rules and cue detectors of the default lexicon, each under the bar with its counts', () => {
    expect(CLASSIFIER_MODEL.doubtful.length).toBeGreaterThan(0);
    expect(CLASSIFIER_MODEL.assent).toBe(ASSENT);
    for (const d of CLASSIFIER_MODEL.doubtful) {
      expect(d.wrong).toBeGreaterThanOrEqual(MIN_WRONG);
      expect((d.right + 1) / (d.right + d.wrong + 2)).toBeLessThan(DOUBT_BELOW);
    }
    const rules = new Map((STARTER_LEXICON.rules ?? []).map((r) => [r.id, r]));
    for (const d of CLASSIFIER_MODEL.doubtful.filter((x) => x.source === 'rule')) {
      const [id, print] = d.key.split('@');
      const r = rules.get(id);
      expect(r && [r.name, ruleFingerprint(r)]).toEqual([d.name, print]);
    }
    for (const d of CLASSIFIER_MODEL.doubtful.filter((x) => x.source === 'lexicon'))
      expect(STARTER_LEXICON.terms.some((t) => t.term === d.key && t.category === d.category)).toBe(true);
    // a detector's record is keyed as screen() asks for it; personal data never has one
    for (const d of CLASSIFIER_MODEL.doubtful.filter((x) => x.source === 'detector')) {
      expect(d.key).toMatch(/^(?:minorIdentity|secretMark|price|purchaseCall|foreignOutlet)\//);
      expect(d.key.slice(d.key.indexOf('/') + 1)).toBe(d.name);
    }
  });
});
