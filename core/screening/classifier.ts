/**
 * 语义研判: a linear model over the characters of a post, one score per item of 第十七条 and 第十八、
 * 四十、四十一条, learned from the labelled corpus. The rules catch what a sentence says in words the
 * desk has written down; the classifier catches what it is about when the words are everyday ones
 * (docs/screening.md, "Eighth round"). It only ever adds a caution for a human to read: a hit raises the
 * level so that the article's approver sees the post (第十五、十七条), it never refuses one.
 *
 * Features are character 1-, 2- and 3-grams of the width- and case-folded text, hashed into 2^bits
 * buckets, counted (not deduplicated) so that a window's score is the sum of its sentences' scores.
 * Training reads text through `features`; read() inlines the same grams for speed, and a test holds
 * the two to the same figures, so the model reads text exactly as it was trained.
 */
import type {
  ClassifierModelData,
  DoubtfulReader,
  ScreeningCategoryId,
  ScreeningContext,
  SensitivityLevel,
} from '../../typings/screening';
import { mulberry32 } from '../random';
import { appliesTo, categoryOf } from './categories';
import { quotedMessage, unansweredMessage, type Span } from './quoted';
import { roles, type Role } from './roles';

const LANE_BITS = 17;
const LANE = [1, 2 ** LANE_BITS, 2 ** (2 * LANE_BITS)];

/** A window longer than the corpus's sentences reads as something the model never saw. */
export const WINDOW_CHARS = 160;
/**
 * Nor does a shorter one than its shortest posts: a caption of a dozen characters (新提示词下的一篇稿件。)
 * holds too little to weigh one word against another, and the lexicon and the rules still read it. 20
 * until the twenty-sixth round's stop: on the folds, 16 reads short captions and subtitle lines the model
 * had never been asked about (training 4, mostly captions: +57 positives, −50 false alarms, 语义复核 now
 * reaching them too; the eight folds +14 and +1), and 12 or fewer adds nothing more (docs/screening.md).
 */
export const MIN_UNITS = 16;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SEEDS = [0x2f1e4d5b, 0x6c3a9e17, 0x1b873593];

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Width- and case-folded code unit, or -1 for white space (skipped: it carries no meaning here). */
export function foldUnit(c: number): number {
  if (c <= 0x20 || c === 0x3000 || c === 0xa0) return -1;
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 0x41 && c <= 0x5a) c += 0x20;
  return c;
}

/**
 * The characters of links: read by the detectors (a shop link, a foreign site), not by the model. Its
 * Latin n-grams are few in the corpus and lean wherever its outlet names do (BBC, VOA: 境外媒体), so a
 * shop link read as 境外媒体 at 99%; read like white space, a link says nothing here.
 */
const LINK = /(?:https?:\/\/|www\.)[\x21-\x7e]+/gi;
/**
 * A run of seven digits or more is a number that names someone or something (a phone, an ID, a bank
 * card, an account), read by the detectors too: no figure a post gives runs that long (1200万, 412起).
 * Read, a lost card's number made its notice 统计数据 at 99%; with every digit read as one, a 派出所's
 * office phone made its post 商业推广 at 95% (docs/screening.md, twelfth round).
 */
const IDENTIFIER = /[0-9\uff10-\uff19]{7,}/g;

/**
 * 1 for a unit the model does not read (a link, an identifier's digits), or null when the text has none
 * (the usual case, kept cheap).
 */
export function unreadMask(text: string): Uint8Array | null {
  const link = /https?:|www\./i.test(text);
  const identifier = /[0-9\uff10-\uff19]{7}/.test(text);
  if (!link && !identifier) return null;
  const mask = new Uint8Array(text.length);
  if (link) for (const m of text.matchAll(LINK)) mask.fill(1, m.index, m.index + m[0].length);
  if (identifier) for (const m of text.matchAll(IDENTIFIER)) mask.fill(1, m.index, m.index + m[0].length);
  return mask;
}

/** How many units of `text` the model reads (white space, links and identifiers are not read). */
function unitsOf(text: string, unread: Uint8Array | null): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!unread?.[i] && foldUnit(text.charCodeAt(i)) >= 0) n++;
  return n;
}

const isSentenceEnd = (c: number): boolean =>
  c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0xff1b || c === 0x3b;

// a role is hashed as a unit no text has (its tag is above 0xFFFF): no gram is a role, though a role and a
// gram may share a bucket as any two grams may
const ROLE_TAGS: Record<Role, number> = {
  acts: 0x41435453,
  suffers: 0x53554646,
  stops: 0x53544f50,
  follows: 0x464f4c4c,
};

const roleBucket = (role: Role, shift: number): number => fmix(ROLE_TAGS[role] ^ SEEDS[0]) >>> shift;

/** roles() as buckets by offset, or null when the text names no officer's act (most texts). */
function roleBuckets(text: string, shift: number): Map<number, number[]> | null {
  const found = roles(text);
  if (found.length === 0) return null;
  const out = new Map<number, number[]>();
  for (const r of found) {
    const list = out.get(r.at) ?? [];
    list.push(roleBucket(r.role, shift));
    out.set(r.at, list);
  }
  return out;
}

/**
 * Calls `emit(bucket, at)` for every n-gram (n = 1..3) ending at each folded unit of `text`, `at` being
 * the unit's offset in the original text, and for every role (n = 0) where roles() puts it.
 */
export function features(text: string, bits: number, emit: (bucket: number, at: number, n: number) => void): void {
  const shift = 32 - bits;
  let a = -1;
  let b = -1;
  const unread = unreadMask(text);
  const byRole = roleBuckets(text, shift);
  for (let i = 0; i < text.length; i++) {
    const c = unread?.[i] ? -1 : foldUnit(text.charCodeAt(i));
    if (c < 0) continue;
    emit(fmix(c ^ SEEDS[0]) >>> shift, i, 1);
    if (b >= 0) {
      const pair = ((b << 16) | c) >>> 0;
      emit(fmix(pair ^ SEEDS[1]) >>> shift, i, 2);
      if (a >= 0) emit(fmix(Math.imul(a, 0x9e3779b1) ^ pair ^ SEEDS[2]) >>> shift, i, 3);
    }
    const role = byRole?.get(i);
    if (role) for (const bucket of role) emit(bucket, i, 0);
    a = b;
    b = c;
  }
}

/** The bucket that says which kind of account posts (第十八条 binds personal accounts only). */
export function kindBucket(context: ScreeningContext, bits: number): number {
  const tag = context.kind === 'post' && context.accountKind === 'personal' ? 0x5045 : 0x494e;
  return fmix(tag ^ 0x7f4a7c15) >>> (32 - bits);
}

export interface TrainingSample {
  text: string;
  context: ScreeningContext;
  /** Items the text is about. */
  positive: readonly ScreeningCategoryId[];
  /** Items a careful reviewer might also flag: neither taught as present nor as absent. */
  ignore: readonly ScreeningCategoryId[];
}

export interface TrainingOptions {
  bits: number;
  epochs: number;
  seed: number;
  /** Runs averaged, each from its own seed (seed, seed + 1, …). */
  runs: number;
  threshold: number;
}

export const TRAINING: TrainingOptions = { bits: 17, epochs: 15, seed: 17, runs: 4, threshold: 0.5 };

/**
 * One-vs-rest logistic regression by AdaGrad over the hashed counts, samples in a seeded order: the
 * same samples and options give the same model on every run.
 */
export function trainClassifier(
  samples: readonly TrainingSample[],
  classes: readonly ScreeningCategoryId[],
  options: TrainingOptions = TRAINING,
): { weights: Float32Array; bias: Float64Array } {
  // A linear model's average is one linear model: reading it costs what reading one run costs.
  const runs = Math.max(1, options.runs);
  const out = trainRun(samples, classes, options, options.seed);
  for (let r = 1; r < runs; r++) {
    const next = trainRun(samples, classes, options, options.seed + r);
    for (let i = 0; i < out.weights.length; i++) out.weights[i] += next.weights[i];
    for (let k = 0; k < out.bias.length; k++) out.bias[k] += next.bias[k];
  }
  for (let i = 0; i < out.weights.length; i++) out.weights[i] /= runs;
  for (let k = 0; k < out.bias.length; k++) out.bias[k] /= runs;
  return out;
}

function trainRun(
  samples: readonly TrainingSample[],
  classes: readonly ScreeningCategoryId[],
  options: TrainingOptions,
  seed: number,
): { weights: Float32Array; bias: Float64Array } {
  const K = classes.length;
  const D = 1 << options.bits;
  const index = new Map(classes.map((c, i) => [c, i]));
  const weights = new Float32Array(D * K);
  const squares = new Float32Array(D * K);
  const bias = new Float64Array(K);
  const prepared = samples.map((s) => {
    const buckets: number[] = [kindBucket(s.context, options.bits)];
    features(s.text, options.bits, (bucket) => buckets.push(bucket));
    // 1: present, 0: absent, -1: not taught
    const target = new Int8Array(K);
    for (const c of s.ignore) {
      const i = index.get(c);
      if (i !== undefined) target[i] = -1;
    }
    for (const c of s.positive) {
      const i = index.get(c);
      if (i !== undefined) target[i] = 1;
    }
    return { buckets, target };
  });
  // Each class starts from its prior odds: a text with little in it leans to "not this item".
  for (let k = 0; k < K; k++) {
    let present = 0;
    let absent = 0;
    for (const p of prepared) {
      if (p.target[k] === 1) present++;
      else if (p.target[k] === 0) absent++;
    }
    bias[k] = Math.log((present + 1) / (absent + 1));
  }
  const order = prepared.map((_, i) => i);
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const o of order) {
      const { buckets, target } = prepared[o];
      for (let k = 0; k < K; k++) {
        if (target[k] < 0) continue;
        let z = bias[k];
        for (const d of buckets) z += weights[d * K + k];
        const gradient = 1 / (1 + Math.exp(-z)) - target[k];
        bias[k] -= 0.1 * gradient;
        for (const d of buckets) {
          const w = d * K + k;
          const g = gradient + 1e-6 * weights[w];
          squares[w] += g * g;
          weights[w] -= (0.5 / Math.sqrt(squares[w] + 1e-8)) * g;
        }
      }
    }
  }
  return { weights, bias };
}

/** Per class, weights as signed bytes times the class's scale. */
export function quantise(
  trained: { weights: Float32Array; bias: Float64Array },
  classes: readonly ScreeningCategoryId[],
): { bytes: Int8Array; scale: number[]; bias: number[] } {
  const K = classes.length;
  const round = (v: number): number => Number(v.toPrecision(6));
  const scale = classes.map((_, k) => {
    let max = 0;
    for (let i = k; i < trained.weights.length; i += K) max = Math.max(max, Math.abs(trained.weights[i]));
    return round(max / 127 || 1);
  });
  const bytes = new Int8Array(trained.weights.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(trained.weights[i] / scale[i % K]);
  return { bytes, scale, bias: [...trained.bias].map(round) };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBytes(bytes: Int8Array): string {
  const u = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < u.length; i += 3) {
    const n = (u[i] << 16) | ((u[i + 1] ?? 0) << 8) | (u[i + 2] ?? 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63];
    out += i + 1 < u.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < u.length ? B64[n & 63] : '=';
  }
  return out;
}

export function decodeBytes(text: string): Int8Array {
  const value = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) value[B64.charCodeAt(i)] = i;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n =
      (value[text.charCodeAt(i)] << 18) |
      (value[text.charCodeAt(i + 1)] << 12) |
      (Math.max(0, value[text.charCodeAt(i + 2)]) << 6) |
      Math.max(0, value[text.charCodeAt(i + 3)]);
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return new Int8Array(out.buffer);
}

/** A span of the original text that pushed the score up most. */
export interface Evidence {
  start: number;
  end: number;
  matched: string;
}

/** What the classifier makes of a text: its findings, and how likely each item is where it reads best. */
export interface ClassifierReading {
  findings: ClassifierFinding[];
  /** The highest probability of the item in a window or in a sentence long enough to read alone. */
  probability(category: ScreeningCategoryId): number;
  /**
   * The netizen's message a 留言回复 quotes (quoted.ts), when its reply was read on its own: what is found only
   * there stands where the whole post reads its item at QUOTED_ASSENT.
   */
  quoted?: Span;
}

/**
 * How sure a reading of a whole 留言回复 must be for what it finds beside the unit's reply, in the message it
 * quotes, to stand. On held-out 40's question-and-answer column (364 posts), read by a model trained without it:
 * 347 of 364 found against 349, 33 false alarms against 62 (docs/screening.md, the quoted message).
 */
export const QUOTED_ASSENT = 0.99;

const doubtKey = (source: DoubtfulReader['source'], category: ScreeningCategoryId, key: string): string =>
  `${source}\u0000${category}\u0000${key}`;

/** What the classifier reads in a text: one finding per item over its threshold, best window first. */
export interface ClassifierFinding {
  category: ScreeningCategoryId;
  /** The model's probability that the window is about the item, 0..1. */
  confidence: number;
  start: number;
  end: number;
  evidence: Evidence[];
}

export class Classifier {
  readonly version: string;
  readonly classes: readonly ScreeningCategoryId[];
  private readonly bits: number;
  private readonly threshold: number;
  private readonly bytes: Int8Array;
  private readonly scale: Float64Array;
  private readonly bias: Float64Array;
  /** The bytes three to a double, each biased to 0..255 in a lane of LANE_BITS (see read()). */
  private readonly packed: Float64Array;
  private readonly lanes: number;
  private readonly index: ReadonlyMap<ScreeningCategoryId, number>;
  private readonly doubtful: ReadonlyMap<string, DoubtfulReader>;
  /** 语义复核: a doubtful reader's hit stands only where its item reads at this probability or more. */
  readonly assent: number;

  constructor(data: ClassifierModelData) {
    this.version = data.version;
    this.index = new Map(data.classes.map((c, k) => [c, k]));
    this.doubtful = new Map(data.doubtful.map((d) => [doubtKey(d.source, d.category, d.key), d]));
    this.assent = data.assent;
    this.classes = data.classes;
    this.bits = data.bits;
    this.threshold = data.threshold;
    this.bytes = decodeBytes(data.weights);
    this.scale = Float64Array.from(data.scale);
    this.bias = Float64Array.from(data.bias);
    if (this.bytes.length !== (1 << this.bits) * this.classes.length)
      throw new Error(`classifier ${data.version}: ${this.bytes.length} weights for ${this.classes.length} classes`);
    const K = this.classes.length;
    this.lanes = Math.ceil(K / 3);
    this.packed = new Float64Array((1 << this.bits) * this.lanes);
    for (let d = 0; d < 1 << this.bits; d++)
      for (let k = 0; k < K; k++)
        this.packed[d * this.lanes + Math.floor(k / 3)] += (this.bytes[d * K + k] + 128) * LANE[k % 3];
  }

  /**
   * Probabilities per class for the whole text read as one window, through features(): the reference
   * read()'s own loop is tested against.
   */
  probabilities(text: string, context: ScreeningContext): number[] {
    const K = this.classes.length;
    const sums = new Int32Array(K);
    const add = (bucket: number): void => {
      const base = bucket * K;
      for (let k = 0; k < K; k++) sums[k] += this.bytes[base + k];
    };
    add(kindBucket(context, this.bits));
    features(text, this.bits, add);
    return this.classes.map((_, k) => 1 / (1 + Math.exp(-(this.bias[k] + this.scale[k] * sums[k]))));
  }

  /**
   * Reads a post in consecutive windows of whole sentences of one paragraph, up to WINDOW_CHARS (a
   * sentence longer than that is cut; a window under MIN_UNITS is not read), and reports, for each
   * item that applies in the context, the window that scores it highest if that score reaches the
   * model's threshold. A short post with lines is read as one window too, and a repost's own comment
   * alone too (reading()).
   */
  read(text: string, context: ScreeningContext): ClassifierFinding[] {
    return this.reading(text, context)?.findings ?? [];
  }

  /**
   * read(), and how likely the model finds each item in the window that scores it highest; null when
   * no window was long enough to read (a caption under MIN_UNITS) or the text is not a post: then the
   * model has no view, and 语义复核 sets nothing aside.
   */
  reading(text: string, context: ScreeningContext): ClassifierReading | null {
    if (context.kind !== 'post') return null;
    const whole = this.readLaidOut(text, context);
    // A unit's reply to a netizen's message is read on its own, and the whole post as well, where only a sure
    // reading stands: the message carries the words of the complaint or the rumour it answers (听说有民警出警受伤了，
    // 是真的吗？), which a plain denial or a service guide answers.
    const quoted = whole === null ? null : quotedMessage(text);
    if (whole !== null && quoted !== null) {
      const read = (from: number, to: number): ClassifierReading | null => {
        const r = from < to ? this.readLaidOut(text.slice(from, to), context) : null;
        return r && shifted(r, from);
      };
      // a title before it (the post shell screens title and text as one) is the unit's own words too
      const reply = read(quoted.reply.start, quoted.reply.end);
      const title = read(0, Math.min(quoted.message.start, quoted.reply.start));
      const own = reply && title ? strongerOf(reply, title) : (reply ?? title);
      if (own) return answered(whole, own, quoted.message);
    }
    if (whole === null) return null;
    // A message published without a reply is the unit's own publication: read without its marker as well, which the
    // answered columns taught the model to read as someone else's words (docs/screening.md, the thirty-fifth round)
    const unanswered = unansweredMessage(text, quoted);
    const body = unanswered ? this.readLaidOut(text.slice(unanswered.start, unanswered.end), context) : null;
    const base = unanswered && body ? strongerOf(whole, shifted(body, unanswered.start)) : whole;
    // A repost (微博's 转发语 //@名字:) is read whole, and its own comment alone as well: what the account
    // says in its own words is what it answers for, and a short comment of stance reads as the post it
    // quotes once the two share a window (a personal account's 支队那帮人天天坐空调房，出通知都不看实际。
    // before a traffic notice). On held-out 28, reposts every one, read by a model trained without it:
    // 588 of 728 found against 580, for one false alarm more (docs/screening.md, held-out 35).
    const quote = text.indexOf('//@');
    if (quote <= 0) return base;
    const own = this.readLaidOut(text.slice(0, quote), context);
    return own ? strongerOf(base, own) : base;
  }

  /**
   * A text read by its paragraphs and, when it is short enough for one window and has lines, read as one
   * window as well: a photo caption's lines (图1：当事人身份证照片 / 图2：开房记录截图), each too short to
   * read alone, were read as nothing, and 语义复核 set aside the four rules that had found the privacy in
   * them. Both readings, for a line that says it alone reads so still (docs/screening.md, held-out 36).
   */
  private readLaidOut(text: string, context: ScreeningContext): ClassifierReading | null {
    const byParagraph = this.readWindows(text, context, true);
    if (!text.includes('\n') || unitsOf(text, unreadMask(text)) > WINDOW_CHARS) return byParagraph;
    const asOne = this.readWindows(text, context, false);
    return byParagraph && asOne ? strongerOf(byParagraph, asOne) : (byParagraph ?? asOne);
  }

  /**
   * One reading of a text: its windows, and its sentences long enough to read alone; with `paragraphs`, a
   * window never runs past a line break.
   */
  private readWindows(text: string, context: ScreeningContext, paragraphs: boolean): ClassifierReading | null {
    const K = this.classes.length;
    const bytes = this.bytes;
    const starts: number[] = [];
    const ends: number[] = [];
    const sums: Int32Array[] = [];
    // Three classes per double: 28 weights are 10 additions. A lane sums at most 3 × WINDOW_CHARS
    // bytes of 0..255 (122,400 < 2^17), and three lanes fit the 53 bits a double adds exactly.
    const L = this.lanes;
    const packed = this.packed;
    const current = new Float64Array(L);
    let grams = 0;
    let start = -1;
    let units = 0;
    let last = -1;
    // a window never runs past a paragraph: a post's paragraphs are what its writer kept apart
    const paragraphEnds: boolean[] = [];
    const sentenceUnits: number[] = [];
    const close = (paragraphEnd: boolean): void => {
      if (start < 0) return;
      starts.push(start);
      ends.push(last + 1);
      paragraphEnds.push(paragraphEnd);
      sentenceUnits.push(units);
      const sentence = new Int32Array(K);
      for (let l = 0; l < L; l++) {
        let x = current[l];
        for (let j = 0; j < 3 && 3 * l + j < K; j++) {
          const lane = x % LANE[1];
          sentence[3 * l + j] = lane - 128 * grams;
          x = (x - lane) / LANE[1];
        }
      }
      sums.push(sentence);
      current.fill(0);
      grams = 0;
      start = -1;
      units = 0;
    };
    const add = (bucket: number): void => {
      const base = bucket * L;
      for (let l = 0; l < L; l++) current[l] += packed[base + l];
      grams++;
    };
    // features() inlined (same grams, same buckets: the tests compare the two): one call per gram
    // through a shared callback cost three times the reading itself.
    const shift = 32 - this.bits;
    let ended = false;
    let a = -1;
    let b = -1;
    const unread = unreadMask(text);
    const byRole = roleBuckets(text, shift);
    for (let i = 0; i < text.length; i++) {
      const c = unread?.[i] ? -1 : foldUnit(text.charCodeAt(i));
      if (c < 0) continue;
      // a sentence closes at the next unit, once the 2- and 3-grams ending on its last unit are in
      const newline = paragraphs && start >= 0 && i > last + 1 && text.slice(last + 1, i).includes('\n');
      if (ended || newline) close(newline);
      if (start < 0) start = i;
      last = i;
      units++;
      ended = isSentenceEnd(c) || units >= WINDOW_CHARS;
      add(fmix(c ^ SEEDS[0]) >>> shift);
      if (b >= 0) {
        const pair = ((b << 16) | c) >>> 0;
        add(fmix(pair ^ SEEDS[1]) >>> shift);
        if (a >= 0) add(fmix(Math.imul(a, 0x9e3779b1) ^ pair ^ SEEDS[2]) >>> shift);
      }
      const role = byRole?.get(i);
      if (role) for (const bucket of role) add(bucket);
      a = b;
      b = c;
    }
    close(true);
    if (starts.length === 0) return null;

    const kind = kindBucket(context, this.bits) * K;
    const best = new Float64Array(K).fill(-Infinity);
    const bestAt = new Int32Array(K * 2);
    const window = new Int32Array(K);
    // Windows follow one another: a part of a window scored alone would be a text the model never saw
    // (the corpus teaches whole posts), and its best part would fire where the whole does not.
    for (let i = 0; i < starts.length; ) {
      window.fill(0);
      let j = i;
      let windowUnits = 0;
      for (; j < starts.length && (j === i || (ends[j] - starts[i] <= WINDOW_CHARS && !paragraphEnds[j - 1])); j++) {
        const s = sums[j];
        for (let k = 0; k < K; k++) window[k] += s[k];
        windowUnits += sentenceUnits[j];
      }
      if (windowUnits < MIN_UNITS) {
        i = j;
        continue;
      }
      for (let k = 0; k < K; k++) {
        const z = this.bias[k] + this.scale[k] * (window[k] + bytes[kind + k]);
        if (z > best[k]) {
          best[k] = z;
          bestAt[2 * k] = i;
          bestAt[2 * k + 1] = j - 1;
        }
      }
      i = j;
    }
    if (best[0] === -Infinity) return null;
    const logit = Math.log(this.threshold / (1 - this.threshold));
    const findings: ClassifierFinding[] = [];
    for (let k = 0; k < K; k++) {
      const category = this.classes[k];
      if (best[k] < logit || !appliesTo(categoryOf(category), context)) continue;
      const from = starts[bestAt[2 * k]];
      const to = ends[bestAt[2 * k + 1]];
      findings.push({
        category,
        confidence: 1 / (1 + Math.exp(-best[k])),
        start: from,
        end: to,
        evidence: this.evidence(text, from, to, k),
      });
    }
    findings.sort((x, y) => y.confidence - x.confidence || x.start - y.start);
    // 语义复核 asks whether the item is read anywhere: in a window, or in one sentence of it long enough
    // to read alone (民警殴打一名男子 followed by 民警被醉酒男子殴打 reads as neither beating in their
    // window). Worked out on the first question only: most posts have no doubtful hit.
    let heard: Float64Array | null = null;
    const heardIn = (): Float64Array => {
      const h = Float64Array.from(best);
      for (let j = 0; j < sums.length; j++) {
        if (sentenceUnits[j] < MIN_UNITS) continue;
        const s = sums[j];
        for (let k = 0; k < K; k++) h[k] = Math.max(h[k], this.bias[k] + this.scale[k] * (s[k] + bytes[kind + k]));
      }
      return h;
    };
    const index = this.index;
    return {
      findings,
      probability: (category) => {
        const k = index.get(category);
        if (k === undefined) return 0;
        heard ??= heardIn();
        return 1 / (1 + Math.exp(-heard[k]));
      },
    };
  }

  /**
   * 语义复核 (docs/screening.md, tenth and eleventh rounds): the record of a term, rule or cue detector
   * that misfired on text it was not written from, if it is one; `key` as DoubtfulReader.key says.
   */
  doubts(source: DoubtfulReader['source'], category: ScreeningCategoryId, key: string): DoubtfulReader | undefined {
    return this.doubtful.get(doubtKey(source, category, key));
  }

  /** Up to three phrases (bigrams, trigrams and roles, joined where they overlap) that weigh most for class k. */
  private evidence(text: string, from: number, to: number, k: number): Evidence[] {
    const K = this.classes.length;
    const grams: { start: number; end: number; weight: number }[] = [];
    const units: number[] = [];
    features(text.slice(from, to), this.bits, (bucket, at, n) => {
      if (n === 1) units.push(at);
      if (n <= 1) return;
      const weight = this.bytes[bucket * K + k];
      const start = from + units[units.length - n];
      // a phrase shown to the reviewer is words: grams with punctuation in them weigh, but are not shown
      if (weight > 0 && !PUNCTUATION.test(text.slice(start, from + at + 1)))
        grams.push({ start, end: from + at + 1, weight });
    });
    // a role weighs like a gram, and is shown as the words it was read from, the officer to his act
    // (一名辅警对摆摊老人连踹): where it weighs most, a reviewer shown only 视频 would not see why
    for (const r of roles(text.slice(from, to))) {
      const weight = this.bytes[roleBucket(r.role, 32 - this.bits) * K + k];
      if (weight > 0) grams.push({ start: from + r.start, end: from + r.at + 1, weight });
    }
    // The grams weighing at least half the heaviest, overlapping ones joined into phrases, the three
    // phrases of most weight kept: whole phrases read better than the top grams alone (忙转 of 帮忙转发).
    const heaviest = grams.reduce((m, g) => Math.max(m, g.weight), 0);
    const strong = grams.filter((g) => g.weight * 2 >= heaviest).sort((x, y) => x.start - y.start);
    const phrases: { start: number; end: number; weight: number }[] = [];
    for (const g of strong) {
      const last = phrases[phrases.length - 1];
      if (last && g.start < last.end) {
        last.end = Math.max(last.end, g.end);
        last.weight += g.weight;
      } else phrases.push({ ...g });
    }
    return phrases
      .sort((x, y) => y.weight - x.weight || x.start - y.start)
      .slice(0, 3)
      .sort((x, y) => x.start - y.start)
      .map((p) => ({ start: p.start, end: p.end, matched: text.slice(p.start, p.end) }));
  }
}

/**
 * Two readings of one text (the second of a part of it at the same offsets) as one: per item the more
 * confident finding, and the higher probability.
 */
function strongerOf(a: ClassifierReading, b: ClassifierReading): ClassifierReading {
  const findings = new Map(a.findings.map((f) => [f.category, f]));
  for (const f of b.findings) {
    const other = findings.get(f.category);
    if (!other || f.confidence > other.confidence) findings.set(f.category, f);
  }
  return {
    findings: [...findings.values()].sort((x, y) => y.confidence - x.confidence || x.start - y.start),
    probability: (category) => Math.max(a.probability(category), b.probability(category)),
  };
}

/** A reading of part of a text, its offsets moved to where the part starts. */
function shifted(r: ClassifierReading, by: number): ClassifierReading {
  const move = <T extends Span>(x: T): T => ({ ...x, start: x.start + by, end: x.end + by });
  return {
    findings: r.findings.map((f) => ({ ...move(f), evidence: f.evidence.map(move) })),
    probability: (category) => r.probability(category),
  };
}

/** The reply's reading, and the whole post's where it is sure (QUOTED_ASSENT). */
function answered(whole: ClassifierReading, reply: ClassifierReading, message: Span): ClassifierReading {
  const sure: ClassifierReading = {
    findings: whole.findings.filter((f) => f.confidence >= QUOTED_ASSENT),
    probability: (category) => {
      const p = whole.probability(category);
      return p >= QUOTED_ASSENT ? p : 0;
    },
  };
  return { ...strongerOf(reply, sure), quoted: message };
}

/** 第十七条（一）: forbidden content the model suspects goes to the highest approver, never refused by it. */
export function classifierLevel(category: ScreeningCategoryId): SensitivityLevel {
  const c = categoryOf(category);
  return c.effect === 'caution' ? c.levelFloor : 'especiallyMajor';
}
