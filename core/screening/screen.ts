/**
 * Screening a draft or a netizen message: lexicon hits and detector hits, each explained by its
 * article, with the level, block and triage that follow. Used before a post is submitted
 * (第十五条, 第十七条) and to triage messages (第二十二至二十八条).
 */
import type {
  CombinationRule,
  DoubtfulReader,
  LexiconData,
  ScreeningCategoryId,
  ScreeningContext,
  ScreeningHit,
  ScreeningInput,
  ScreeningResult,
  SpanHit,
  WordingSuggestion,
} from '../../typings/screening';
import {
  appliesTo,
  categoryOf,
  coveredBySpecific,
  dropResidual,
  effectWeight,
  namesItem,
  preferSpecific,
  ruleHit,
  SCREENING_CATEGORIES,
  spanHit,
} from './categories';
import { Classifier, classifierLevel, QUOTED_ASSENT, type ClassifierReading } from './classifier';
import { CLASSIFIER_MODEL } from './classifier-model';
import { detectCommercial } from './detectors/commercial';
import { detectCredentials } from './detectors/credentials';
import { detectAll } from './detectors/scan';
import { detectMinorIdentity } from './detectors/minors';
import { detectPersonalData } from './detectors/personal-data';
import { detectSecretMarks } from './detectors/secrets';
import { detectorDoubtKey, detectorText, type DetectorHit } from './detectors/types';
import { dropAllowed, getMatcher, type Matcher, type RuleFilter } from './matcher';
import { summarise } from './result';
import { actsUnanswered } from './roles';
import { ruleDoubtKey } from './rules';
import { checkSource, detectForeignLinks } from './sources';

/**
 * The brute-force detectors: each one regex pass over one shared view of the whole text (width- and
 * 繁简-folded, same offsets). screen() runs them all in one scan instead (detectors/scan.ts); these
 * stay as the reference the tests and the bench compare it with.
 */
export const DETECTORS: readonly ((original: string, view: string) => DetectorHit[])[] = [
  detectPersonalData,
  detectMinorIdentity,
  detectSecretMarks,
  detectCommercial,
  detectForeignLinks,
  detectCredentials,
];

/** The reference detectors over a whole text, allow-list applied as screen() applies it. */
export function referenceDetect(
  text: string,
  allowSpans: readonly { start: number; end: number }[] = [],
): DetectorHit[] {
  const view = detectorText(text);
  return dropAllowed(
    DETECTORS.flatMap((detect) => detect(text, view)),
    allowSpans,
  );
}

/** The kind of context, as a literal: no string is built per call. */
const contextKey = (context: ScreeningContext): string =>
  context.kind === 'message' ? 'message' : context.accountKind === 'personal' ? 'post:personal' : 'post:institutional';

/** Which categories are screened in a context, worked out once per kind of context. */
const applying = new Map<string, (id: ScreeningCategoryId) => boolean>();
function appliesIn(context: ScreeningContext): (id: ScreeningCategoryId) => boolean {
  const key = contextKey(context);
  let f = applying.get(key);
  if (!f) {
    const yes = new Set(SCREENING_CATEGORIES.filter((c) => appliesTo(c, context)).map((c) => c.id));
    f = (id) => yes.has(id);
    applying.set(key, f);
  }
  return f;
}

/**
 * Which combination rules are decided in a context, one function per kind of context (the matcher
 * keeps the rules it selects per function): those whose category applies there — 第十七条's rules
 * and 第十八、四十、四十一条's enforce what accounts may publish; a netizen's message is only
 * triaged, by the rules written for triage. The others are never looked at in the pass.
 */
const ruleFilters = new Map<string, RuleFilter>();
function rulesIn(context: ScreeningContext): RuleFilter {
  const key = contextKey(context);
  let f = ruleFilters.get(key);
  if (!f) {
    const applies = appliesIn(context);
    const message = context.kind === 'message';
    f = (rule) => applies(rule.category) && (!message || categoryOf(rule.category).scope === 'message');
    ruleFilters.set(key, f);
  }
  return f;
}

/**
 * A term or rule hit showing a span that a detector masked (a rule's span often runs across a phone
 * or an ID number): the masked characters are shown masked there too, never the number.
 */
function masking(start: number, end: number, masked: readonly DetectorHit[], text: string): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const d = masked.find((m) => m.start <= i && i < m.end);
    out += d === undefined ? text[i] : d.matched.length === d.end - d.start ? d.matched[i - d.start] : '*';
  }
  return out;
}

const touches = (s: number, e: number, masked: readonly DetectorHit[]): boolean =>
  masked.some((m) => m.start < e && s < m.end);

function maskSpan(h: SpanHit, masked: readonly DetectorHit[], text: string): void {
  if (!touches(h.start, h.end, masked)) return;
  if (masked.some((m) => m.start === h.start && m.end === h.end && m.matched === h.matched)) return;
  h.matched = masking(h.start, h.end, masked, text);
}

function maskRuleHit(h: SpanHit, masked: readonly DetectorHit[], text: string): void {
  if (!touches(h.start, h.end, masked)) return;
  h.matched = masking(h.start, h.end, masked, text);
  for (const p of h.parts ?? []) if (touches(p.start, p.end, masked)) p.matched = masking(p.start, p.end, masked, text);
}

/** 语义研判's window and the phrases that weighed most can hold a number or a password: masked alike. */
function maskClassifierHit(h: SpanHit, masked: readonly DetectorHit[], text: string): void {
  if (!touches(h.start, h.end, masked)) return;
  h.matched = masking(h.start, h.end, masked, text);
  for (const e of h.evidence ?? [])
    if (touches(e.start, e.end, masked)) e.matched = masking(e.start, e.end, masked, text);
}

const WHERE_ORDER = { text: 0, outlet: 1, link: 2, platform: 3 } as const;
const CATEGORY_ORDER = new Map(SCREENING_CATEGORIES.map((c, i) => [c.id, i]));

function order(a: ScreeningHit, b: ScreeningHit): number {
  if (a.where !== b.where) return WHERE_ORDER[a.where] - WHERE_ORDER[b.where];
  if (a.where !== 'platform' && b.where !== 'platform' && (a.start !== b.start || a.end !== b.end)) {
    return a.start - b.start || a.end - b.end;
  }
  return (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0);
}

/**
 * `hits` sorted by `order`, stably, in place. A text's few dozen hits are sorted by insertion here,
 * where the compiler inlines `order`: Array.prototype.sort calls a comparator from the engine's
 * built-in, one call per comparison, which cost more than the comparisons. Long lists take the
 * built-in (stable as well, so the order is the same either way).
 */
function sortHits<T extends ScreeningHit>(hits: T[]): T[] {
  if (hits.length > 48) return hits.sort(order);
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i];
    let j = i - 1;
    while (j >= 0 && order(hits[j], h) > 0) {
      hits[j + 1] = hits[j];
      j--;
    }
    hits[j + 1] = h;
  }
  return hits;
}

/**
 * One span, one article: the strongest hit alone where several of one category cover exactly the
 * same characters. Terms and rules written for one item often meet on the same words — 女童…殴打 is
 * both the minors' and the vulnerable's rule under （二）4, 血肉模糊 a term and two rules — and the
 * reviewer would read the span once per rule, with the same article and title each time. A block is
 * kept over a caution, then the higher level floor, then the first in order (a term before a rule),
 * so the level and the block do not change. `hits` is in `order`, so such hits stand side by side.
 */
function oncePerSpan(hits: ScreeningHit[]): ScreeningHit[] {
  let n = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const last = n > 0 ? hits[n - 1] : undefined;
    if (
      last !== undefined &&
      h.where === 'text' &&
      last.where === 'text' &&
      last.start === h.start &&
      last.end === h.end &&
      last.category === h.category
    ) {
      if (effectWeight(h.effect, h.levelFloor) > effectWeight(last.effect, last.levelFloor)) hits[n - 1] = h;
      continue;
    }
    hits[n++] = h;
  }
  hits.length = n;
  return hits;
}

let shipped: Classifier | null = null;

/** The classifier as shipped (core/screening/classifier-model.ts), decoded once per process. */
export function defaultClassifier(): Classifier {
  shipped ??= new Classifier(CLASSIFIER_MODEL);
  return shipped;
}

/**
 * `classifier` null screens with the lexicon, the rules and the detectors only (what issue 17's speed
 * target measures; the bench prints both).
 */
export function screen(
  input: ScreeningInput,
  lexicon: LexiconData,
  classifier: Classifier | null = defaultClassifier(),
): ScreeningResult {
  return screenWith(input, lexicon.version, getMatcher(lexicon), classifier);
}

/**
 * A netizen's message, for its triage (第二十二至二十八条). 语义研判 reads posts only (Classifier.reading),
 * so a message is screened without the model: the referral function neither decodes it on its first
 * message nor carries it in its bundle (nothing here names it, so the bundler leaves it out).
 */
export function screenMessage(text: string, lexicon: LexiconData): ScreeningResult {
  return screenWith({ text, context: { kind: 'message' } }, lexicon.version, getMatcher(lexicon), null);
}

/**
 * 语义研判 adds an item the lexicon, the rules and the detectors did not: a caution that sends the post
 * to the item's approver (第十五、十七条), with the window it read and the phrases that weighed most.
 * The residual (二)7 only where no named item was found, and no general item of 第十七条 where a personal
 * article found already says it (preferSpecific).
 */
function classifierHits(text: string, reading: ClassifierReading, found: ScreeningHit[]): SpanHit[] {
  const out: SpanHit[] = [];
  const named = namesItem(found);
  for (const f of reading.findings) {
    if (
      found.some((h) => h.category === f.category) ||
      (named && f.category === 'otherPoliceInfo') ||
      coveredBySpecific(f.category, found)
    )
      continue;
    const hit = spanHit(f.category, 'classifier', `语义研判（把握 ${Math.floor(f.confidence * 100)}%）`, 'text', {
      start: f.start,
      end: f.end,
      matched: text.slice(f.start, f.end),
    });
    hit.effect = 'caution';
    hit.levelFloor = classifierLevel(f.category);
    hit.confidence = f.confidence;
    hit.evidence = f.evidence;
    out.push(hit);
  }
  return out;
}

/**
 * Screening with a matcher already built: the rule editor's test bench screens with a draft rule in a
 * matcher of its own, never cached, so a test does not push the version in use out of the cache.
 */
export function screenWith(
  input: ScreeningInput,
  version: string,
  matcher: Matcher,
  classifier: Classifier | null,
): ScreeningResult {
  const { text, context } = input;
  const match = matcher.matchRules(text, rulesIn(context));
  const { hits: termHits, rules: fired, wording } = match;
  const applies = appliesIn(context);
  const reading = classifier ? classifier.reading(text, context) : null;
  const found: ScreeningHit[] = [];
  const setAside: SpanHit[] = [];
  // 语义复核: a term, rule or cue detector that misfired on text it was not written from stands only where
  // 语义研判 reads its item too (at the model's assent); with no reading (no model, a caption too short)
  // all stand.
  const doubted = (source: DoubtfulReader['source'], category: ScreeningCategoryId, key: string | null): boolean =>
    key !== null &&
    reading !== null &&
    classifier !== null &&
    classifier.doubts(source, category, key) !== undefined &&
    reading.probability(category) < classifier.assent;
  // An officer's own act of force or abuse, told without what was done about it (actsUnanswered), is what 第十七条（一）1's
  // readers were written for: their record of misfiring is on the officer hit, stopping a fight, or his act reported
  // as dealt with, so a hit on that act stands whatever the model reads of the sentence around it (an officer
  // beating a man, told in a line, read under the assent: docs/screening.md, thirty-fifth round).
  let acts: { start: number; end: number }[] | undefined;
  const onAct = (category: ScreeningCategoryId, h: SpanHit): boolean => {
    if (category !== 'reputation') return false;
    acts ??= actsUnanswered(text);
    return acts.some((a) => a.start < h.end && h.start < a.end);
  };
  // In a 留言回复, what a term or a rule finds only in the netizen's message stands where the whole post reads its
  // item surely (QUOTED_ASSENT); a detector's finding there (an ID number, a secrecy mark) is published all the same.
  const quoted = reading?.quoted;
  const onlyQuoted = (h: SpanHit): boolean =>
    quoted !== undefined &&
    reading !== null &&
    h.start >= quoted.start &&
    h.end <= quoted.end &&
    reading.probability(h.category) < QUOTED_ASSENT;
  for (const h of termHits) {
    if (!applies(h.category)) continue;
    const hit = spanHit(h.category, 'lexicon', h.term, 'text', {
      start: h.start,
      end: h.end,
      matched: text.slice(h.start, h.end),
    });
    ((doubted('lexicon', h.category, h.term) && !onAct(h.category, hit)) || onlyQuoted(hit) ? setAside : found).push(
      hit,
    );
  }
  // Only the rules that apply in the context were decided (rulesIn).
  for (const m of fired) {
    const rule = matcher.rules[m.rule];
    if (!rule) continue;
    const hit = ruleHit(rule, m.parts, text);
    ((doubted('rule', rule.category, doubtKeyOf(rule)) && !onAct(rule.category, hit)) || onlyQuoted(hit)
      ? setAside
      : found
    ).push(hit);
  }
  const detected = dropAllowed(
    detectAll(text, {
      cues: match.cues,
      ascii: match.ascii,
      sentenceEnds: match.sentenceEnds,
      sentenceCount: match.sentenceEnds.length,
    }),
    match.allowSpans,
  );
  for (const d of detected) {
    if (!applies(d.category)) continue;
    const hit = spanHit(d.category, d.detector, d.rule, 'text', d);
    // the key is worked out only where there is a reading to consult
    const aside = reading !== null && doubted('detector', d.category, detectorDoubtKey(d.detector, d.rule));
    (aside ? setAside : found).push(hit);
  }
  const masked = detected.filter((d) => d.matched !== text.slice(d.start, d.end));
  // set-aside hits are shown on the bench: masked like the rest
  if (masked.length > 0)
    for (const h of [...found, ...setAside]) {
      if (h.where !== 'text') continue;
      if (h.source === 'rule') maskRuleHit(h, masked, text);
      else maskSpan(h, masked, text);
    }
  if (input.repostOf) for (const h of checkSource(input.repostOf)) if (applies(h.category)) found.push(h);

  const kept = dropResidual(preferSpecific(found));
  // After those two passes: a suspicion neither removes what the rules found nor stands for it.
  if (reading)
    for (const h of classifierHits(text, reading, kept)) {
      if (masked.length > 0) maskClassifierHit(h, masked, text);
      kept.push(h);
    }
  const hits = oncePerSpan(sortHits(kept));
  const suggestions =
    wording.length === 0
      ? []
      : wording.flatMap((w): WordingSuggestion[] => {
          const rule = matcher.wording[w.wording];
          return rule
            ? [
                {
                  ruleId: rule.id,
                  start: w.start,
                  end: w.end,
                  matched: text.slice(w.start, w.end),
                  wrong: rule.wrong,
                  correct: rule.correct,
                  reason: rule.reason,
                  source: rule.source,
                },
              ]
            : [];
        });
  const result = summarise(version, context, hits, suggestions);
  if (setAside.length > 0) result.setAside = sortHits(setAside);
  return result;
}

const doubtKeys = new WeakMap<CombinationRule, string>();
/** A rule's 语义复核 key, once per rule object (a matcher keeps its rules for its lexicon version). */
function doubtKeyOf(rule: CombinationRule): string {
  let key = doubtKeys.get(rule);
  if (key === undefined) {
    key = ruleDoubtKey(rule);
    doubtKeys.set(rule, key);
  }
  return key;
}
