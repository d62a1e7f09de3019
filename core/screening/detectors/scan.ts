/**
 * Every detector in one scan. The lexicon automaton already reads the whole text once: its pass also
 * finds the detectors' cue words (a minor, a classification word, a call to buy, a shop, a password,
 * a dwelling part) and the normaliser records where sentences end; one scan of the normalised text
 * then finds the runs of ASCII letters and digits (every number, plate, link and code lives in one).
 * Each detector checks only around those places, with the same patterns as the brute-force
 * detectors in this folder (which remain the reference the bench and the tests compare against), so
 * a text without digits, links or cue words costs the detectors nothing beyond that scan.
 */
import { detectorText, detectorUnit, globalOf, overlaps, scan, type DetectorHit } from './types';
import { credentialsIn } from './credentials';
import { PURCHASE_CALL, SCAM, SELLING, SHOP_LINK, SYMBOL_PRICE, TAOKOULING, YUAN_PRICE } from './commercial';
import type { Cue } from './cues';
import { details, MINOR_MARK } from './minors';
import {
  ADDRESS,
  CARD,
  digitsOf,
  DWELLING,
  ID15,
  ID18,
  isResidentId,
  luhnValid,
  maskAddress,
  maskBankCard,
  maskMobile,
  maskPlate,
  maskResidentId,
  MOBILE,
  PLATE,
  POLICE_CONTACT,
} from './personal-data';
import { MARKS } from './secrets';
import { isForeignHost, URL_IN_TEXT } from '../sources';
import { sentenceAt } from '../rules';

export interface Span {
  start: number;
  end: number;
}

/** Where the detectors look, from the one pass: cue words, ASCII runs and sentence ends. */
export interface DetectorScan {
  cues: readonly Cue[];
  /** Original spans of the runs of ASCII letters and digits (punctuation inside a run kept). */
  ascii: readonly Span[];
  sentenceEnds: ArrayLike<number>;
  sentenceCount: number;
}

/** An ASCII or full-width digit. */
const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

interface Candidate {
  start: number;
  end: number;
  value: string;
}

const byStart = (a: Candidate, b: Candidate): number => a.start - b.start || a.end - b.end;

/**
 * Candidates by start, each span once: two windows that overlap find the same match twice, with the
 * same value (the view of a span does not depend on the window).
 */
function distinct(list: Candidate[]): Candidate[] {
  if (list.length < 2) return list;
  // Mostly in order already (runs and cues come by position): sorted only when not.
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = byStart(list[i - 1], list[i]) <= 0;
  if (!sorted) list.sort(byStart);
  let n = 1;
  for (let i = 1; i < list.length; i++) {
    const c = list[i];
    const last = list[n - 1];
    if (c.start !== last.start || c.end !== last.end) list[n++] = c;
  }
  list.length = n;
  return list;
}

type Match = { start: number; end: number; value: string; groups: readonly (string | undefined)[] };

/** A window of the text and its detector view (built once, read by every pattern that needs it). */
interface Window {
  from: number;
  view: string;
}

function windowOf(text: string, from: number, to: number): Window {
  const a = Math.max(0, from);
  return { from: a, view: detectorText(text.slice(a, Math.min(text.length, to))) };
}

/**
 * Every match of `pattern` in the window overlapping `near`, added to `list` as a candidate in
 * original offsets: the same matches as matchesIn (scan's, an empty one skipped), without the two
 * lists and objects per match between.
 */
function collect(w: Window, pattern: RegExp, near: Span, list: Candidate[], yuan = false): void {
  const view = yuan && w.view.includes('￥') ? w.view.replace(/￥/g, '¥') : w.view;
  const re = globalOf(pattern);
  re.lastIndex = 0;
  for (let m = re.exec(view); m !== null; m = re.exec(view)) {
    const value = m[0];
    if (value === '') {
      re.lastIndex++;
      continue;
    }
    const start = w.from + m.index;
    const end = start + value.length;
    if (start < near.end && end > near.start) list.push({ start, end, value });
  }
}

/** Every match of `pattern` in the window, in original offsets, overlapping `near`. */
function matchesIn(w: Window, pattern: RegExp, near: Span, yuan = false): Match[] {
  const out: Match[] = [];
  // With `yuan`, the view with ￥ read as ¥ (the commercial patterns' form), made only for them.
  const view = yuan && w.view.includes('￥') ? w.view.replace(/￥/g, '¥') : w.view;
  for (const m of scan(pattern, view)) {
    const start = w.from + m.start;
    const end = w.from + m.end;
    if (start < near.end && end > near.start) out.push({ start, end, value: m.value, groups: m.groups });
  }
  return out;
}

/** Per code unit, which of these sets it belongs to (bits): one lookup instead of a Set per character. */
const CLASS = new Uint8Array(65536);
const PROVINCE = 1;
const CURRENCY = 2;
const NUMERAL = 4;
/** A sign a price follows (SYMBOL_PRICE reads ¥ and $, the view folding ￥ and ＄ into them). */
const PRICE_SIGN = 8;
for (const c of '¥$￥＄') CLASS[c.charCodeAt(0)] |= PRICE_SIGN;
for (const c of '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼') CLASS[c.charCodeAt(0)] |= PROVINCE;
// The full-width ＄ and ￥ too: the detectors' view folds them to $ and ¥.
for (const c of '¥$￥＄₤€¢₳₴') CLASS[c.charCodeAt(0)] |= CURRENCY;
for (const c of '0123456789０１２３４５６７８９一二三四五六七八九十') CLASS[c.charCodeAt(0)] |= NUMERAL;
/** The class bits of text[i], 0 outside the text. */
const classAt = (text: string, i: number): number => (i >= 0 && i < text.length ? CLASS[text.charCodeAt(i)] : 0);
const YUAN = '元'.charCodeAt(0);
const SUI = '岁'.charCodeAt(0);
const ZHOU = '周'.charCodeAt(0);

/** Sentence numbers ascending, each once. */
function sentencesIn(list: number[]): number[] {
  if (list.length < 2) return list;
  // Mostly in order already (runs and cues come by position): sorted only when not.
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1] <= list[i];
  if (!sorted && list.length <= 32) {
    // Insertion sort: short lists of two ascending parts (runs, then cues), no comparator calls.
    for (let i = 1; i < list.length; i++) {
      const v = list[i];
      let j = i - 1;
      while (j >= 0 && list[j] > v) {
        list[j + 1] = list[j];
        j--;
      }
      list[j + 1] = v;
    }
  } else if (!sorted) list.sort((a, b) => a - b);
  let n = 1;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i];
  list.length = n;
  return list;
}

/**
 * The sentences of a text as the reference detectors split them, from the ends the normaliser
 * recorded, each one's detector view built when first asked for.
 */
class Sentences {
  private views: Map<number, string> | null = null;

  constructor(
    private readonly text: string,
    private readonly ends: ArrayLike<number>,
    private readonly count: number,
  ) {}

  /** The sentence holding `offset`. */
  of(offset: number): number {
    return sentenceAt(this.ends, this.count, offset);
  }

  start(s: number): number {
    return s === 0 ? 0 : this.ends[s - 1] + 1;
  }

  view(s: number): string {
    this.views ??= new Map();
    let v = this.views.get(s);
    if (v === undefined) {
      const end = s < this.count ? this.ends[s] : this.text.length;
      v = detectorText(this.text.slice(this.start(s), end));
      this.views.set(s, v);
    }
    return v;
  }
}

function addPersonal(
  personal: DetectorHit[],
  c: Span,
  detector: DetectorHit['detector'],
  rule: string,
  matched: string,
): void {
  personal.push({ start: c.start, end: c.end, category: 'privacy', detector, rule, matched });
}

function sell(
  commercial: DetectorHit[],
  text: string,
  start: number,
  end: number,
  detector: DetectorHit['detector'],
  rule: string,
): void {
  commercial.push({ start, end, category: 'commercial', detector, rule, matched: text.slice(start, end) });
}

const MI = '密'.charCodeAt(0);
const OPENING = '【[〔(（';
const SPACE = /\s/;

/**
 * Whether a mark can lie over a secret cue. The bracketed one-character mark （密） makes every 密
 * a cue (brackets are dropped before matching): 密码, 密切, 亲密 — most of the secret cues in
 * ordinary text. A mark holding such a 密 either is （密） itself, with an opening bracket before it
 * (spaces between), or has the 密 inside a longer mark word (绝密, 机密, 秘密, 涉密, 密级, 保密期限,
 * 注意保密: every 密 of every mark pattern is), which is a cue of its own covering it. A lone 密 with
 * neither cannot be in any mark, so its window is not read.
 */
function markPossible(text: string, cue: Cue, secret: readonly Cue[]): boolean {
  if (cue.end - cue.start !== 1 || text.charCodeAt(cue.start) !== MI) return true;
  for (const c of secret) if (c.end - c.start > 1 && c.start <= cue.start && c.end >= cue.end) return true;
  // The characters as the detectors read them, one unit each (no view built for one character).
  const viewAt = (i: number): string => String.fromCharCode(detectorUnit(text.charCodeAt(i)));
  let i = cue.start - 1;
  while (i >= 0 && SPACE.test(viewAt(i))) i--;
  return i >= 0 && OPENING.includes(viewAt(i));
}

/**
 * What each mark pattern needs (secrets.ts MARKS), per code unit of the original text read as the
 * detectors read it (detectorUnit): `needs` bit i when the unit is one of MARKS[i].needs; `first`
 * and `second` bit j when it is the first or the second character of pair j (the pairs of every
 * pattern numbered in a row; `pairsOf[i]` the bits of MARKS[i]'s, 0 when it has none). A window holds
 * pair j exactly when one unit's `first` and the next one's `second` share bit j, so one loop over
 * the window's original units tells which patterns can match there, before any view is built.
 */
interface MarkTables {
  needs: Uint8Array;
  first: Uint32Array;
  second: Uint32Array;
  pairsOf: number[];
}
let markTables: MarkTables | null = null;

function marksNeeds(): MarkTables {
  if (markTables) return markTables;
  // Bits per view character, then spread over every unit that reads as it.
  const needsOf = new Map<number, number>();
  const firstOf = new Map<number, number>();
  const secondOf = new Map<number, number>();
  const add = (m: Map<number, number>, ch: string, bit: number): void => {
    const c = ch.charCodeAt(0);
    m.set(c, (m.get(c) ?? 0) | bit);
  };
  const pairsOf: number[] = [];
  let j = 0;
  MARKS.forEach(({ needs, pairs }, i) => {
    for (const ch of needs) add(needsOf, ch, 1 << i);
    let mask = 0;
    for (const pair of pairs ?? []) {
      add(firstOf, pair[0], 1 << j);
      add(secondOf, pair[1], 1 << j);
      mask |= 1 << j++;
    }
    pairsOf.push(mask);
  });
  if (j > 31 || MARKS.length > 8) throw new Error('mark tables: too many pairs or patterns for their bits');
  const t: MarkTables = {
    needs: new Uint8Array(65536),
    first: new Uint32Array(65536),
    second: new Uint32Array(65536),
    pairsOf,
  };
  for (let c = 0; c < 65536; c++) {
    const v = detectorUnit(c);
    t.needs[c] = needsOf.get(v) ?? 0;
    t.first[c] = firstOf.get(v) ?? 0;
    t.second[c] = secondOf.get(v) ?? 0;
  }
  markTables = t;
  return t;
}

/** Bit i set when MARKS[i] can match inside text[from, to) (its `needs` and `pairs` are there). */
function marksPossibleIn(text: string, from: number, to: number): number {
  const t = marksNeeds();
  let needs = 0;
  let pairs = 0;
  let prev = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    needs |= t.needs[c];
    pairs |= prev & t.second[c];
    prev = t.first[c];
  }
  let possible = 0;
  for (let i = 0; i < t.pairsOf.length; i++)
    if ((needs & (1 << i)) !== 0 && (t.pairsOf[i] === 0 || (pairs & t.pairsOf[i]) !== 0)) possible |= 1 << i;
  return possible;
}

/**
 * A number, the digits text[i, j) of an ASCII run: next to 元, ¥ or 岁 it makes its sentence worth a
 * look by the commercial or the minors detector.
 */
function numberAt(
  text: string,
  i: number,
  j: number,
  sentences: Sentences,
  commercialSentences: number[],
  minorSentences: number[],
): void {
  // Reads stay inside the text: a read past either end would send the compiled code back to the
  // interpreter the first time a number starts or ends a text (and again for every caller it is
  // inlined into), to be compiled once more.
  const a0 = j < text.length ? text.charCodeAt(j) : 0;
  const a1 = j + 1 < text.length ? text.charCodeAt(j + 1) : 0;
  if (((classAt(text, i - 1) | classAt(text, i - 2)) & PRICE_SIGN) !== 0) commercialSentences.push(sentences.of(i));
  if (a0 === YUAN || (a1 === YUAN && /\s/.test(text.charAt(j)))) commercialSentences.push(sentences.of(i));
  if (a0 === SUI || (a0 === ZHOU && a1 === SUI)) minorSentences.push(sentences.of(i));
}

/**
 * Where each detector looks, gathered from the ASCII runs and the cue words: candidates for the
 * personal-data patterns, links and codes, and the sentences worth a look (in any order and
 * repeated; sorted and made distinct when read).
 */
interface Leads {
  ids18: Candidate[];
  ids15: Candidate[];
  cards: Candidate[];
  mobiles: Candidate[];
  plates: Candidate[];
  addresses: Candidate[];
  shopLinks: Candidate[];
  codes: Candidate[];
  links: DetectorHit[];
  minorSentences: number[];
  commercialSentences: number[];
  credentialSentences: number[];
}

/**
 * Every detector around the places the one pass found. Each part is a function of its own: V8
 * compiles a function as a whole once it is hot, and one function holding every part took 0.4 s of
 * its compiler time (and took it again whenever any part met something new), which a freshly
 * started cloud function pays on its first texts.
 */
export function detectAll(text: string, where: DetectorScan): DetectorHit[] {
  const { cues, ascii, sentenceEnds, sentenceCount } = where;
  const hits: DetectorHit[] = [];
  if (cues.length === 0 && ascii.length === 0) return hits;
  const sentences = new Sentences(text, sentenceEnds, sentenceCount);
  const leads: Leads = {
    ids18: [],
    ids15: [],
    cards: [],
    mobiles: [],
    plates: [],
    addresses: [],
    shopLinks: [],
    codes: [],
    links: [],
    minorSentences: [],
    commercialSentences: [],
    credentialSentences: [],
  };
  leadsFromRuns(text, ascii, sentences, leads);
  leadsFromCues(text, cues, sentences, leads);
  personalData(text, leads, hits);
  minorIdentities(text, leads.minorSentences, sentences, hits);
  secretMarks(text, cues, hits);
  commercial(text, leads, sentences, hits);
  hits.push(...leads.links);
  // 第三十三条: passwords and codes.
  for (const s of sentencesIn(leads.credentialSentences))
    hits.push(...credentialsIn(text, sentences.view(s), sentences.start(s)));
  return hits;
}

/** Candidates from the ASCII runs: every number, plate, link and code lives in one. */
function leadsFromRuns(text: string, ascii: readonly Span[], sentences: Sentences, leads: Leads): void {
  const { ids18, ids15, cards, mobiles, plates, shopLinks, codes, links, commercialSentences, minorSentences } = leads;
  let seen: Set<number> | null = null;
  for (const run of ascii) {
    // What the run holds decides which patterns can match it at all.
    // The same loop reads each group of digits once it ends (numberAt: a price or an age beside it).
    let digits = 0;
    let letters = 0;
    let dot = false;
    let group = -1;
    for (let i = run.start; i < run.end; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        digits++;
        if (group < 0) group = i;
        continue;
      }
      if (group >= 0) {
        numberAt(text, group, i, sentences, commercialSentences, minorSentences);
        group = -1;
      }
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
      else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) letters++;
      else if (c === 0x2e || c === 0xff0e) dot = true;
    }
    if (group >= 0) numberAt(text, group, run.end, sentences, commercialSentences, minorSentences);
    // A currency sign before or after, or anywhere inside (¥ is dropped, so runs close over it).
    // Only read with letters in the run (a price code, a 淘口令): most runs are plain numbers.
    let currency = false;
    if (letters > 0)
      for (let i = Math.max(0, run.start - 2), to = Math.min(text.length, run.end + 2); i < to && !currency; i++)
        currency = (CLASS[text.charCodeAt(i)] & CURRENCY) !== 0;
    const province = ((classAt(text, run.start - 1) | classAt(text, run.start - 2)) & PROVINCE) !== 0;
    if (!(digits >= 11 || (letters > 0 && (dot || province || currency)))) continue;
    // Three characters each side: a currency sign, a province character, a lookbehind.
    const w = windowOf(text, run.start - 3, run.end + 3);
    if (digits >= 15) {
      collect(w, ID18, run, ids18);
      collect(w, ID15, run, ids15);
      collect(w, CARD, run, cards);
    }
    if (digits >= 11) collect(w, MOBILE, run, mobiles);
    if (province) collect(w, PLATE, run, plates);
    if (dot) {
      collect(w, SHOP_LINK, run, shopLinks);
      for (const m of matchesIn(w, URL_IN_TEXT, run)) {
        const host = m.groups[2] ?? '';
        const isUrl = m.groups[0] !== undefined || m.groups[1] !== undefined;
        const key = m.start * 65536 + (m.end - m.start);
        seen ??= new Set();
        if (seen.has(key) || !isForeignHost(host, isUrl)) continue;
        seen.add(key);
        links.push({
          start: m.start,
          end: m.end,
          category: 'foreignMedia',
          detector: 'foreignDomain',
          rule: '境外网站链接',
          matched: text.slice(m.start, m.end),
        });
      }
    }
    if (letters > 0 && currency) collect(w, TAOKOULING, run, codes, true);
  }
}

/** Candidates and sentences from the cue words the lexicon pass found. */
function leadsFromCues(text: string, cues: readonly Cue[], sentences: Sentences, leads: Leads): void {
  for (const cue of cues) {
    switch (cue.kind) {
      case 'minor':
        leads.minorSentences.push(sentences.of(cue.start));
        break;
      case 'purchase':
        leads.commercialSentences.push(sentences.of(cue.start));
        break;
      case 'credential':
        leads.credentialSentences.push(sentences.of(cue.start));
        break;
      case 'shop':
        collect(windowOf(text, cue.start - 40, cue.end + 2), TAOKOULING, cue, leads.codes, true);
        break;
      case 'address':
        // Every address names a dwelling by number: 5栋, 十二单元, 702室.
        if ((classAt(text, cue.start - 1) & NUMERAL) === 0) break;
        collect(windowOf(text, cue.start - 30, cue.end + 40), ADDRESS, cue, leads.addresses);
        break;
      case 'secret':
        break;
    }
  }
}

/** Personal data, in the reference detector's order and with its overlap rules. */
function personalData(text: string, leads: Leads, hits: DetectorHit[]): void {
  const personal: DetectorHit[] = [];
  for (const c of [...distinct(leads.ids18), ...distinct(leads.ids15)]) {
    const id = digitsOf(c.value);
    if (isResidentId(id) && !overlaps(c, personal))
      addPersonal(personal, c, 'idNumber', '居民身份证号码', maskResidentId(id));
  }
  for (const c of distinct(leads.cards)) {
    const card = digitsOf(c.value);
    if (luhnValid(card) && !overlaps(c, personal)) addPersonal(personal, c, 'bankCard', '银行卡号', maskBankCard(card));
  }
  for (const c of distinct(leads.mobiles)) {
    const mobile = digitsOf(c.value).replace(/^86(?=1\d{10}$)/, '');
    if (POLICE_CONTACT.test(detectorText(text.slice(Math.max(0, c.start - 12), c.start)))) continue;
    if (!overlaps(c, personal)) addPersonal(personal, c, 'mobile', '手机号码', maskMobile(mobile));
  }
  for (const c of distinct(leads.plates)) {
    if (/\d/.test(c.value))
      addPersonal(personal, c, 'plate', '机动车号牌', maskPlate(c.value.replace(/[·•・. -]/g, '')));
  }
  for (const c of distinct(leads.addresses)) {
    const lead = /^(?:家住|居住在|居住于|住在|住址|位于|住|在|于|是)*/.exec(c.value)?.[0].length ?? 0;
    const span = { start: c.start + lead, end: c.end, value: c.value };
    if (DWELLING.test(c.value) && !overlaps(span, personal))
      addPersonal(personal, span, 'address', '详细住址', maskAddress(c.value.slice(lead)));
  }
  hits.push(...personal);
}

/** Minors: the sentences that mark a minor, read for a name, a school or a class. */
function minorIdentities(text: string, minorSentences: number[], sentences: Sentences, hits: DetectorHit[]): void {
  for (const s of sentencesIn(minorSentences)) {
    const view = sentences.view(s);
    if (!MINOR_MARK.test(view)) continue;
    const start = sentences.start(s);
    for (const d of details(view, start)) {
      hits.push({
        start: d.start,
        end: d.end,
        category: 'vulnerable',
        detector: 'minorIdentity',
        rule: d.rule,
        matched: text.slice(d.start, d.end),
      });
    }
  }
}

/** Secret marks: around every classification word. */
function secretMarks(text: string, cues: readonly Cue[], hits: DetectorHit[]): void {
  const secret: Cue[] = [];
  for (const c of cues) if (c.kind === 'secret') secret.push(c);
  const secretCues = secret.filter((c) => markPossible(text, c, secret));
  if (secretCues.length === 0) return;
  const marks: DetectorHit[] = [];
  // Per cue, the patterns that can match in its window; the window's view is built only for those.
  const windows: (Window | null)[] = [];
  const possible: number[] = [];
  for (const cue of secretCues) {
    const from = Math.max(0, cue.start - 12);
    const bits = marksPossibleIn(text, from, Math.min(text.length, cue.end + 12));
    possible.push(bits);
    windows.push(bits === 0 ? null : windowOf(text, cue.start - 12, cue.end + 12));
  }
  for (let p = 0; p < MARKS.length; p++) {
    const { rule, pattern } = MARKS[p];
    const found: Candidate[] = [];
    for (let i = 0; i < secretCues.length; i++) {
      const w = windows[i];
      if (w && (possible[i] & (1 << p)) !== 0) collect(w, pattern, secretCues[i], found);
    }
    for (const m of distinct(found)) {
      if (marks.some((h) => h.start <= m.start && m.end <= h.end)) continue;
      marks.push({
        start: m.start,
        end: m.end,
        category: 'secret',
        detector: 'secretMark',
        rule,
        matched: text.slice(m.start, m.end),
      });
    }
  }
  hits.push(...marks);
}

/** Commercial: links and codes, then the sentences that sell. */
function commercial(text: string, leads: Leads, sentences: Sentences, hits: DetectorHit[]): void {
  const found: DetectorHit[] = [];
  for (const c of distinct(leads.shopLinks)) sell(found, text, c.start, c.end, 'shopLink', '电商链接');
  for (const c of distinct(leads.codes))
    if (!overlaps(c, found)) sell(found, text, c.start, c.end, 'shopLink', '淘口令');
  for (const s of sentencesIn(leads.commercialSentences)) {
    const sentence = sentences.view(s);
    const view = sentence.includes('￥') ? sentence.replace(/￥/g, '¥') : sentence;
    if (SCAM.test(view)) continue;
    const start = sentences.start(s);
    for (const m of scan(PURCHASE_CALL, view))
      sell(found, text, start + m.start, start + m.end, 'purchaseCall', '购买号召');
    // A price after a sign needs the sign (the view reads ￥ and ＄ as ¥ and $).
    if (view.includes('¥') || view.includes('$'))
      for (const m of scan(SYMBOL_PRICE, view)) {
        const at = { start: start + m.start, end: start + m.end };
        if (!overlaps(at, found)) sell(found, text, at.start, at.end, 'price', '商品价格');
      }
    // A price in 元 needs the character 元: no need to run the pattern (slow to start: a lookbehind) without it.
    if (!view.includes('元') || !SELLING.test(view)) continue;
    for (const m of scan(YUAN_PRICE, view)) {
      const at = { start: start + m.start, end: start + m.end };
      if (!overlaps(at, found)) sell(found, text, at.start, at.end, 'price', '商品价格');
    }
  }
  hits.push(...found);
}
