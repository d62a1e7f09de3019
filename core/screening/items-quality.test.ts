/**
 * Screening quality per item of 第十七条 (both parts) and 第十八、四十、四十一条: the default lexicon,
 * rules and detectors screen every sample through screen(), as a post of its account's kind.
 *
 * The corpus (test/screening-corpus/items, listed in parts.ts) has parts written in this order, each
 * before the rules it first measured:
 *  - dev: what the default rules were written from;
 *  - held-out 1: written before any rule; first measurement recall ≥ 90% on 27 of 28 items,
 *    precision 89.4% — its errors were then used to improve the rules, so it became tuning data;
 *  - held-out 2: first measurement recall 53%, precision 79.7% on this fresh phrasing — tuning data
 *    since;
 *  - held-out 3: first measurement (363800a) recall 264/280 (94.3%), 22 of 28 items at ≥ 90%
 *    (sobStory 70%; reputation, privacy, hotIssue, publicAnxiety 80%), precision 88.9% (89.8% once
 *    the detectors ran in one scan). Its misses and false alarms, with the article and fresh sentences
 *    written outside the corpus (dev 2, below), were then used to rewrite the rules, so it is tuning
 *    data too: now 280/280, precision 93.6% against the labels written before measuring (no label
 *    was changed);
 *  - dev 2: about 300 fresh sentences the rule writer wrote after held-out 3, in eight batches, each
 *    measured before the rules were changed for it (first readings 80%, 70%, 71%, 72%, 80% recall,
 *    59% and 64% on two aimed at the weakest items, 61% on a last one sentence per item),
 *    mostly positives, so not counted for the corpus's balance;
 *  - held-out 4: written by a separate engineer who saw neither the rules nor the lexicon, from the
 *    regulation's words only; the default rules were frozen at 8b8d953 before it was opened. FIRST
 *    MEASUREMENT: recall 219/364 (60.2%), 2 of 28 items at ≥ 90% (stabilityPetition 100%, majorCase
 *    92.3%; lowest otherPoliceInfo and controversial 23.1%, reputation, privacy and personalImproper
 *    30.8%), precision 84.6% (219 correct, 40 false alarms): issue 17's target NOT met. Its misses
 *    showed the writer reading several items more widely than the rules (（二）7 as internal police
 *    affairs, （二）11 as notices open to misreading, （一）8 also as untrue information, 第四十条 also
 *    as vulnerability and leaks), so it then became tuning data: the rules were widened per item
 *    for the meaning (FIRST_MEASUREMENTS below keeps its first figures as a floor);
 *  - dev 3: half of batches 5a and 5b, written by two more engineers who saw no rule, split at random
 *    with held-out 5 before either was measured. First reading, with the rules widened after held-out
 *    4 (4231d9c): recall 218/364 (59.9%), precision 73.4% — then tuning data.
 *  - held-out 5: the other half of batches 5a and 5b, split at random with dev 3 before either was
 *    measured. The rules were frozen at e912a22 before the file was opened. FIRST MEASUREMENT:
 *    recall 225/364 (61.8%), 2 of 28 items at ≥ 90% (stabilityPetition 100%, massIncident 92.3%;
 *    lowest reputation 15.4%, publicAnxiety and controversial 23.1%, otherPoliceInfo and
 *    personalImproper 38.5%), precision 75.0% (225 correct, 75 false alarms): issue 17's target NOT
 *    met on kept-out text. Its misses and false alarms were then read one by one (each given a cause:
 *    a word missing from a group, a situation no rule modelled, or a label the rules read
 *    differently) and the rules widened by whole word families and new rule shapes, so it is tuning
 *    data too; FIRST_MEASUREMENTS below keeps its first figures as a floor.
 *
 *  - held-out 6: batches 6a and 6b whole, by two more engineers who saw neither the
 *    rules, the lexicon nor any other part (6a mostly institutional reports and notices, 6b mostly
 *    short social-media posts), 26 positives and 26 near misses per item. The rules were frozen at
 *    1547dc5 (188 rules, after held-out 5 became tuning data) before the file entered the repository;
 *    measured once. FIRST MEASUREMENT (the figure to report): recall 481/728 (66.1%), 2 of 28 items
 *    at ≥ 90% (foreignMedia 96.2%, stabilityPetition 92.3%; lowest controversial 11.5%,
 *    otherPoliceInfo 30.8%, reputation and personalImproper 34.6%, hotIssue 46.2%), precision 78.9%
 *    (481 correct, 129 false alarms, 42 of them the （二）7 hint on case news these writers treat as
 *    near misses). The rules as they stood before held-out 5 was read (2fc0260, 145 rules) read it at
 *    459/728 (63.0%), precision 77.8%. Issue 17's target is NOT met on kept-out text. Its misses and
 *    false alarms were then read one by one (causes in docs/screening.md) and the rules widened, so it
 *    is tuning data now; FIRST_MEASUREMENTS below keeps its first figures as a floor.
 *
 *  - held-out 7 (KEPT OUT): batches 7a and 7b whole, by two more engineers who saw neither the rules,
 *    the lexicon nor any other part (7a field reports from police branches, 7b a city publicity desk's
 *    headlines, captions and replies), 26 positives and 26 near misses per item; their brief gave the
 *    literal reading of （二）7 below before they wrote. The rules were frozen at 19d8a15 (207 rules,
 *    after held-out 6 became tuning data) before the file entered the repository; measured once. FIRST
 *    MEASUREMENT (the figure to report): recall 442/728 (60.7%), 2 of 28 items at ≥ 90%
 *    (foreignMedia and stabilityPetition 96.2%; lowest reputation and hotIssue 26.9%, controversial
 *    and personalImproper 30.8%), precision 82.3% (442 correct, 95 false alarms). The rules before
 *    held-out 6 was read (1145189, 188 rules) read it at 435/728 (59.8%), precision 82.7%. Issue 17's
 *    target is NOT met on kept-out text. 语义研判 (core/screening/classifier.ts, trained on the tuning
 *    parts only) was then added and the part measured with it: recall 540/728 (74.2%), 6 of 28
 *    items at ≥ 90% (lowest controversial 38.5%), precision 83.3% (540 correct, 108 false
 *    alarms); still NOT met. FIRST_WITH_CLASSIFIER holds that floor (and says why the part was read
 *    with a classifier three times); FIRST_MEASUREMENTS holds the rules alone to theirs.
 *
 *  - held-out 8 (KEPT OUT): batches 8a and 8b whole, by four more writers (two per batch) who saw neither
 *    the rules, the lexicon, the classifier nor any other part (8a a bureau's WeChat and Weibo editor, 8b
 *    short-video captions, live-stream lines and replies), 26 positives and 26 near misses per item, the
 *    same brief as held-out 7. Rules and classifier frozen at 05c575c before the file entered the
 *    repository; measured once each way. FIRST MEASUREMENT: the rules alone 452/728 (62.1%), 1 of
 *    28 items at ≥ 90%, precision 73.1% (166 false alarms); with 语义研判 513/728 (70.5%),
 *    5 of 28 items at ≥ 90% (lowest controversial 23.1%), precision 75.1% (170 false alarms).
 *    Issue 17's target is NOT met on kept-out text.
 *
 * 第十七条（二）7 is read literally (all police-work news that is not a service guide), as the older
 * parts mostly label it and the writers of dev 3, held-out 5 and held-out 6 did not: every institutional
 * near miss of every tuning part was read, and `otherPoliceInfo` was added to the `also` of 181 that are
 * such news under one criterion (test/screening-corpus/items/sample.ts, alsoOtherPoliceInfo; dev 17,
 * held-out 1 9, held-out 2 15, held-out 3 15, dev 2 11, held-out 4 12, dev 3 27, held-out 5 30, held-out
 * 6 45), chosen by reading the sentence, never by whether a rule fired. No other label changed.
 *
 * Everyday police posts (test/screening-corpus/everyday.ts) must screen as 一般 with nothing but
 * 第十七条（二）7's hint, since that is what a desk pastes most.
 *
 * Issue 17's target (recall ≥ 90% on every item, precision ≥ 95% overall) is asserted on the tuning
 * parts together (held-out 5 and 6 included), so any change to the default rules that loses ground fails;
 * each tuning part's table is printed. `npx tsx tools/screening-quality.ts --items --part h5 --details`
 * lists a part's misses and false alarms.
 */
import { formatItemReport } from '../../tools/screening-quality';
import { EVERYDAY_POSTS } from '../../test/screening-corpus/everyday';
import {
  ALL_SAMPLES,
  BALANCED_SAMPLES,
  KEPT_OUT_PARTS,
  LATEST_PART,
  PARTS,
  TRAINING_PARTS,
  TUNING_PARTS,
  type CorpusPart,
  USE_TITLE,
} from '../../test/screening-corpus/items/parts';
import type { ScreeningCategoryId } from '../../typings/screening';
import { CORPUS_ITEMS, PERSONAL_ITEMS, type ItemSample } from '../../test/screening-corpus/items/sample';
import { categoryOf } from './categories';
import { measureItems } from './quality';
import { ruleProblems } from './rules';
import { defaultClassifier, screen } from './screen';
import { STARTER_LEXICON } from './starter-lexicon';

const WRITTEN_TWICE: ReadonlySet<string> = new Set([
  '警方提醒：不信谣、不传谣，一切以官方发布为准。',
  '据新华社报道，公安部部署开展夏季治安打击整治行动。',
  '民警为行动不便的残疾人上门办理身份证。',
  '为保护当事人隐私，视频已作打码处理。',
  '八一建军节，致敬最可爱的人。',
  '“局长信箱”已开通，群众可在线反映问题和建议。',
  '世界杯期间，警方严厉打击网络赌球违法犯罪。',
  '醉驾入刑十余年，“喝酒不开车”已成共识。',
  '今天A股大涨，你的基金回本了吗？',
  '同事结婚，随了个份子钱，祝新人百年好合。',
  '感谢王老板的红包，你那事我已经跟交警队打过招呼了。',
]);

const RECALL_TARGET = 0.9;
const PRECISION_TARGET = 0.95;

const tuned = measureItems(
  TUNING_PARTS.flatMap((p) => p.samples),
  STARTER_LEXICON,
  CORPUS_ITEMS,
);

describe('per-item corpus', () => {
  it('has at least 20 samples per item and as many near misses, in parts that share no sentence', () => {
    for (const item of CORPUS_ITEMS) {
      const of = BALANCED_SAMPLES.filter((s) => s.item === item);
      const positives = of.filter((s) => s.positive).length;
      expect({ item, enough: positives >= 20 && of.length - positives >= positives }).toEqual({ item, enough: true });
      // The part written last was kept out of rule writing when it was written: ≥ 10 positives per item.
      expect(LATEST_PART.samples.filter((s) => s.item === item && s.positive).length).toBeGreaterThanOrEqual(10);
    }
    // Held-out 4's writer, who saw no other part, wrote two near misses that held-out 1 already had
    // word for word (stock official phrasing), dev 3's and held-out 5's writers one each that held-out 4
    // had, and held-out 5's two writers one stock greeting alike; held-out 6's writers four stock lines
    // that earlier parts had, held-out 7's two, held-out 17's one (a 份子钱 near miss held-out 6 had) and training
    // 9's one (a 红包 positive held-out 4 had); they stay as written, and no other sentence repeats.
    const texts = ALL_SAMPLES.map((s) => s.text).filter((text) => !WRITTEN_TWICE.has(text));
    expect(new Set(texts).size).toBe(texts.length);
    expect(ALL_SAMPLES.filter((s) => WRITTEN_TWICE.has(s.text)).map((s) => s.id)).toEqual([
      'h-unverifiedPolice-n05',
      'h-foreignMedia-n04',
      'h4-unverifiedPolice-n07',
      'h4-privacy-n06',
      'h4-hotIssue-n08',
      'h4-foreignMedia-n04',
      'h4-vulnerable-n04',
      'h4-personalPayment-p01',
      'd3-vulnerable-n05',
      'd3-controversial-n08',
      'h5-privacy-n12',
      'h5-leaderSpeech-n11',
      'h5-personalImproper-n02',
      'h5-personalImproper-n13',
      'h6-foreignMedia-n01',
      'h6-leaderSpeech-n08',
      'h6-unrelated-p03',
      'h6-unrelated-n11',
      'h6-controversial-n08',
      'h6-personalPayment-n06',
      'h7-foreignMedia-n04',
      'h7-unrelated-p22',
      'h17-personalPayment-n19',
      'tr9-personalPayment-p14',
    ]);
    expect(new Set(ALL_SAMPLES.map((s) => s.id)).size).toBe(ALL_SAMPLES.length);
  });

  it('writes the personal-account items as personal posts', () => {
    // training 20 alone writes 损害形象 on officers' own accounts as well (ids tr20p-…): a post there can harm
    // the force's image as much as a unit's (第十七条（一）1 with 第四十条), and the model had learned it from none
    const personalReputation = (s: ItemSample): boolean => s.id.startsWith('tr20p-') && s.item === 'reputation';
    for (const s of ALL_SAMPLES)
      expect({ id: s.id, kind: s.accountKind }).toEqual({
        id: s.id,
        kind: PERSONAL_ITEMS.has(s.item) || personalReputation(s) ? 'personal' : 'institutional',
      });
    expect(ALL_SAMPLES.filter(personalReputation).length).toBeGreaterThan(0);
  });
});

describe(`issue 17 targets on the tuning parts (${TUNING_PARTS.map((p) => p.title).join(', ')})`, () => {
  afterAll(() => {
    const lines = [formatItemReport(tuned, `${TUNING_PARTS.map((p) => p.id).join(' + ')} (tuning)`)];
    for (const part of TUNING_PARTS.slice(1))
      lines.push(formatItemReport(measureItems(part.samples, STARTER_LEXICON, CORPUS_ITEMS), `${part.title} (tuning)`));
    process.stdout.write(`\n${lines.map((l) => l.join('\n')).join('\n\n')}\n`);
  });

  it.each(CORPUS_ITEMS.map((item) => [item, categoryOf(item).title] as const))(
    `%s (%s): recall ≥ ${RECALL_TARGET * 100}%`,
    (item) => {
      const recall = tuned.items.find((i) => i.item === item)?.recall ?? 0;
      expect({ item, met: recall >= RECALL_TARGET, recall }).toMatchObject({ item, met: true });
    },
  );

  it(`precision ≥ ${PRECISION_TARGET * 100}% overall`, () => {
    expect(tuned.overall.precision).toBeGreaterThanOrEqual(PRECISION_TARGET);
  });
});

/**
 * First measurements of the parts written by engineers who saw no rule, each taken once before its
 * errors were used (held-out 4: rules frozen at 8b8d953; held-out 5: at e912a22): recall per item
 * (found of 13) and overall precision. A part's figures never fall below them.
 */
interface FirstMeasurement {
  found: Partial<Record<ScreeningCategoryId, number>>;
  precision: number;
}

const FIRST_MEASUREMENTS: Partial<Record<CorpusPart['id'], FirstMeasurement>> = {
  h4: {
    found: {
      reputation: 4,
      massIncident: 10,
      politicsEthnicReligion: 9,
      crimeDetail: 10,
      policyCriticism: 9,
      unverifiedPolice: 10,
      secret: 8,
      privacy: 4,
      sobStory: 6,
      hotIssue: 6,
      commercial: 10,
      foreignMedia: 10,
      stabilityPetition: 13,
      officialCrime: 10,
      majorCase: 12,
      vulnerable: 10,
      safetyStats: 9,
      publicAnxiety: 5,
      otherPoliceInfo: 3,
      leaderSpeech: 8,
      largeSecurity: 10,
      unrelated: 6,
      controversial: 3,
      personalSensitive: 7,
      personalMicroEvent: 9,
      personalImproper: 4,
      personalCriticism: 8,
      personalPayment: 6,
    },
    // 219 / 259 = 0.8456
    precision: 0.845,
  },
  // rules frozen at e912a22 before the file was opened; tuning data since
  h5: {
    found: {
      reputation: 2,
      massIncident: 12,
      politicsEthnicReligion: 8,
      crimeDetail: 8,
      policyCriticism: 6,
      unverifiedPolice: 6,
      secret: 8,
      privacy: 9,
      sobStory: 10,
      hotIssue: 8,
      commercial: 9,
      foreignMedia: 8,
      stabilityPetition: 13,
      officialCrime: 11,
      majorCase: 11,
      vulnerable: 9,
      safetyStats: 11,
      publicAnxiety: 3,
      otherPoliceInfo: 5,
      leaderSpeech: 8,
      largeSecurity: 7,
      unrelated: 7,
      controversial: 3,
      personalSensitive: 9,
      personalMicroEvent: 9,
      personalImproper: 5,
      personalCriticism: 10,
      personalPayment: 10,
    },
    // 225 / 300 = 0.75
    precision: 0.75,
  },
  // rules frozen at 1547dc5 before the file entered the repository; tuning data since
  h6: {
    found: {
      reputation: 9,
      massIncident: 22,
      politicsEthnicReligion: 19,
      crimeDetail: 19,
      policyCriticism: 16,
      unverifiedPolice: 19,
      secret: 14,
      privacy: 20,
      sobStory: 18,
      hotIssue: 12,
      commercial: 17,
      foreignMedia: 25,
      stabilityPetition: 24,
      officialCrime: 22,
      majorCase: 21,
      vulnerable: 22,
      safetyStats: 23,
      publicAnxiety: 16,
      otherPoliceInfo: 8,
      leaderSpeech: 20,
      largeSecurity: 20,
      unrelated: 14,
      controversial: 3,
      personalSensitive: 16,
      personalMicroEvent: 21,
      personalImproper: 9,
      personalCriticism: 17,
      personalPayment: 15,
    },
    // 481 / 610, rules frozen at 1547dc5
    precision: 481 / 610,
  },
  // rules frozen at 19d8a15 before the file entered the repository
  h7: {
    found: {
      reputation: 7,
      massIncident: 21,
      politicsEthnicReligion: 12,
      crimeDetail: 16,
      policyCriticism: 11,
      unverifiedPolice: 19,
      secret: 10,
      privacy: 13,
      sobStory: 13,
      hotIssue: 7,
      commercial: 15,
      foreignMedia: 25,
      stabilityPetition: 25,
      officialCrime: 23,
      majorCase: 22,
      vulnerable: 17,
      safetyStats: 21,
      publicAnxiety: 14,
      otherPoliceInfo: 12,
      leaderSpeech: 22,
      largeSecurity: 23,
      unrelated: 11,
      controversial: 8,
      personalSensitive: 18,
      personalMicroEvent: 19,
      personalImproper: 8,
      personalCriticism: 14,
      personalPayment: 16,
    },
    // 442 / 537, rules frozen at 19d8a15
    precision: 442 / 537,
  },
  h8: {
    found: {
      reputation: 6,
      massIncident: 22,
      politicsEthnicReligion: 19,
      crimeDetail: 16,
      policyCriticism: 16,
      unverifiedPolice: 15,
      secret: 12,
      privacy: 8,
      sobStory: 19,
      hotIssue: 15,
      commercial: 16,
      foreignMedia: 23,
      stabilityPetition: 25,
      officialCrime: 18,
      majorCase: 18,
      vulnerable: 18,
      safetyStats: 22,
      publicAnxiety: 13,
      otherPoliceInfo: 16,
      leaderSpeech: 16,
      largeSecurity: 20,
      unrelated: 18,
      controversial: 4,
      personalSensitive: 16,
      personalMicroEvent: 22,
      personalImproper: 12,
      personalCriticism: 11,
      personalPayment: 16,
    },
    // 452 / 618, rules frozen at 19d8a15 (05c575c)
    precision: 452 / 618,
  },
  h9: {
    found: {
      reputation: 12,
      massIncident: 22,
      politicsEthnicReligion: 21,
      crimeDetail: 22,
      policyCriticism: 15,
      unverifiedPolice: 16,
      secret: 19,
      privacy: 20,
      sobStory: 20,
      hotIssue: 11,
      commercial: 18,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 17,
      majorCase: 23,
      vulnerable: 15,
      safetyStats: 23,
      publicAnxiety: 11,
      otherPoliceInfo: 18,
      leaderSpeech: 25,
      largeSecurity: 24,
      unrelated: 15,
      controversial: 7,
      personalSensitive: 19,
      personalMicroEvent: 26,
      personalImproper: 9,
      personalCriticism: 13,
      personalPayment: 23,
    },
    // 516 / 863, rules frozen at 19d8a15 (baab0f1)
    precision: 516 / 863,
  },
  h10: {
    found: {
      reputation: 10,
      massIncident: 23,
      politicsEthnicReligion: 22,
      crimeDetail: 23,
      policyCriticism: 15,
      unverifiedPolice: 16,
      secret: 15,
      privacy: 14,
      sobStory: 16,
      hotIssue: 9,
      commercial: 16,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 21,
      majorCase: 23,
      vulnerable: 14,
      safetyStats: 22,
      publicAnxiety: 12,
      otherPoliceInfo: 14,
      leaderSpeech: 23,
      largeSecurity: 22,
      unrelated: 13,
      controversial: 5,
      personalSensitive: 16,
      personalMicroEvent: 25,
      personalImproper: 10,
      personalCriticism: 17,
      personalPayment: 14,
    },
    // 481 / 801, rules frozen at 19d8a15 (baab0f1)
    precision: 481 / 801,
  }, // measured once, rules and classifier frozen at c069d6b
  h11: {
    found: {
      reputation: 10,
      massIncident: 22,
      politicsEthnicReligion: 23,
      crimeDetail: 20,
      policyCriticism: 16,
      unverifiedPolice: 13,
      secret: 17,
      privacy: 14,
      sobStory: 18,
      hotIssue: 12,
      commercial: 19,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 20,
      majorCase: 22,
      vulnerable: 18,
      safetyStats: 25,
      publicAnxiety: 13,
      otherPoliceInfo: 18,
      leaderSpeech: 24,
      largeSecurity: 22,
      unrelated: 15,
      controversial: 8,
      personalSensitive: 21,
      personalMicroEvent: 26,
      personalImproper: 10,
      personalCriticism: 13,
      personalPayment: 24,
    },
    // 515 / 699, rules frozen at 19d8a15 (c069d6b)
    precision: 515 / 699,
  },
  // measured once with the rules and classifier frozen at c069d6b for held-out 11
  h12: {
    found: {
      reputation: 10,
      massIncident: 22,
      politicsEthnicReligion: 22,
      crimeDetail: 20,
      policyCriticism: 16,
      unverifiedPolice: 14,
      secret: 14,
      privacy: 13,
      sobStory: 17,
      hotIssue: 8,
      commercial: 19,
      foreignMedia: 24,
      stabilityPetition: 26,
      officialCrime: 26,
      majorCase: 18,
      vulnerable: 19,
      safetyStats: 25,
      publicAnxiety: 12,
      otherPoliceInfo: 14,
      leaderSpeech: 22,
      largeSecurity: 24,
      unrelated: 11,
      controversial: 2,
      personalSensitive: 20,
      personalMicroEvent: 25,
      personalImproper: 10,
      personalCriticism: 14,
      personalPayment: 23,
    },
    // 490 / 657, rules frozen at 19d8a15
    precision: 490 / 657,
  },
  // measured once with the rules and classifier frozen at a5989eb (eleventh round)
  h13: {
    found: {
      reputation: 5,
      massIncident: 18,
      politicsEthnicReligion: 18,
      crimeDetail: 17,
      policyCriticism: 17,
      unverifiedPolice: 13,
      secret: 11,
      privacy: 14,
      sobStory: 20,
      hotIssue: 11,
      commercial: 14,
      foreignMedia: 25,
      stabilityPetition: 22,
      officialCrime: 22,
      majorCase: 23,
      vulnerable: 20,
      safetyStats: 23,
      publicAnxiety: 15,
      otherPoliceInfo: 19,
      leaderSpeech: 22,
      largeSecurity: 26,
      unrelated: 16,
      controversial: 8,
      personalSensitive: 18,
      personalMicroEvent: 23,
      personalImproper: 14,
      personalCriticism: 13,
      personalPayment: 17,
    },
    // 484 / 698, rules frozen at 19d8a15
    precision: 484 / 698,
  },
  h14: {
    found: {
      reputation: 6,
      massIncident: 19,
      politicsEthnicReligion: 17,
      crimeDetail: 18,
      policyCriticism: 21,
      unverifiedPolice: 11,
      secret: 10,
      privacy: 12,
      sobStory: 16,
      hotIssue: 12,
      commercial: 16,
      foreignMedia: 23,
      stabilityPetition: 26,
      officialCrime: 21,
      majorCase: 21,
      vulnerable: 20,
      safetyStats: 20,
      publicAnxiety: 17,
      otherPoliceInfo: 18,
      leaderSpeech: 23,
      largeSecurity: 20,
      unrelated: 17,
      controversial: 9,
      personalSensitive: 14,
      personalMicroEvent: 24,
      personalImproper: 12,
      personalCriticism: 16,
      personalPayment: 16,
    },
    // 475 / 670, rules frozen at 19d8a15 (measured once, at b2e5269)
    precision: 475 / 670,
  },
  h15: {
    found: {
      reputation: 8,
      massIncident: 23,
      politicsEthnicReligion: 21,
      crimeDetail: 19,
      policyCriticism: 15,
      unverifiedPolice: 8,
      secret: 16,
      privacy: 15,
      sobStory: 17,
      hotIssue: 7,
      commercial: 21,
      foreignMedia: 23,
      stabilityPetition: 25,
      officialCrime: 21,
      majorCase: 21,
      vulnerable: 14,
      safetyStats: 23,
      publicAnxiety: 14,
      otherPoliceInfo: 17,
      leaderSpeech: 24,
      largeSecurity: 20,
      unrelated: 13,
      controversial: 8,
      personalSensitive: 19,
      personalMicroEvent: 25,
      personalImproper: 10,
      personalCriticism: 12,
      personalPayment: 21,
    },
    // 480 / 707, rules frozen at 19d8a15 (measured once, at 0fe416c)
    precision: 480 / 707,
  },
  h16: {
    found: {
      reputation: 8,
      massIncident: 21,
      politicsEthnicReligion: 16,
      crimeDetail: 17,
      policyCriticism: 18,
      unverifiedPolice: 15,
      secret: 14,
      privacy: 12,
      sobStory: 11,
      hotIssue: 11,
      commercial: 20,
      foreignMedia: 22,
      stabilityPetition: 26,
      officialCrime: 18,
      majorCase: 21,
      vulnerable: 14,
      safetyStats: 18,
      publicAnxiety: 12,
      otherPoliceInfo: 17,
      leaderSpeech: 18,
      largeSecurity: 21,
      unrelated: 9,
      controversial: 5,
      personalSensitive: 16,
      personalMicroEvent: 25,
      personalImproper: 11,
      personalCriticism: 16,
      personalPayment: 22,
    },
    // 454 / 631, rules frozen at 19d8a15 (measured once, at 8309f3f)
    precision: 454 / 631,
  },
  h17: {
    found: {
      reputation: 9,
      massIncident: 19,
      politicsEthnicReligion: 21,
      crimeDetail: 15,
      policyCriticism: 17,
      unverifiedPolice: 12,
      secret: 17,
      privacy: 14,
      sobStory: 23,
      hotIssue: 14,
      commercial: 20,
      foreignMedia: 24,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 21,
      vulnerable: 21,
      safetyStats: 23,
      publicAnxiety: 15,
      otherPoliceInfo: 20,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 20,
      controversial: 11,
      personalSensitive: 19,
      personalMicroEvent: 26,
      personalImproper: 10,
      personalCriticism: 11,
      personalPayment: 21,
    },
    // 523 / 736, rules frozen at 19d8a15 (measured once, at 6f7ce52)
    precision: 523 / 736,
  },
  h18: {
    found: {
      reputation: 6,
      massIncident: 21,
      politicsEthnicReligion: 20,
      crimeDetail: 17,
      policyCriticism: 19,
      unverifiedPolice: 13,
      secret: 14,
      privacy: 13,
      sobStory: 19,
      hotIssue: 5,
      commercial: 17,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 19,
      vulnerable: 17,
      safetyStats: 23,
      publicAnxiety: 13,
      otherPoliceInfo: 17,
      leaderSpeech: 24,
      largeSecurity: 22,
      unrelated: 15,
      controversial: 10,
      personalSensitive: 20,
      personalMicroEvent: 26,
      personalImproper: 10,
      personalCriticism: 14,
      personalPayment: 18,
    },
    // 487 / 734, rules frozen at 19d8a15 (measured once, at 5f8c825)
    precision: 487 / 734,
  },
  h19: {
    found: {
      reputation: 10,
      massIncident: 23,
      politicsEthnicReligion: 23,
      crimeDetail: 15,
      policyCriticism: 16,
      unverifiedPolice: 19,
      secret: 11,
      privacy: 15,
      sobStory: 23,
      hotIssue: 10,
      commercial: 21,
      foreignMedia: 23,
      stabilityPetition: 26,
      officialCrime: 18,
      majorCase: 20,
      vulnerable: 18,
      safetyStats: 21,
      publicAnxiety: 10,
      otherPoliceInfo: 18,
      leaderSpeech: 21,
      largeSecurity: 24,
      unrelated: 15,
      controversial: 7,
      personalSensitive: 17,
      personalMicroEvent: 26,
      personalImproper: 12,
      personalCriticism: 15,
      personalPayment: 21,
    },
    // 498 / 707, rules frozen at 19d8a15 (measured once, at 86b9fff)
    precision: 498 / 707,
  },
  h20: {
    found: {
      reputation: 13,
      massIncident: 25,
      politicsEthnicReligion: 21,
      crimeDetail: 19,
      policyCriticism: 19,
      unverifiedPolice: 13,
      secret: 14,
      privacy: 15,
      sobStory: 16,
      hotIssue: 6,
      commercial: 19,
      foreignMedia: 24,
      stabilityPetition: 26,
      officialCrime: 19,
      majorCase: 23,
      vulnerable: 20,
      safetyStats: 24,
      publicAnxiety: 10,
      otherPoliceInfo: 14,
      leaderSpeech: 25,
      largeSecurity: 21,
      unrelated: 14,
      controversial: 4,
      personalSensitive: 21,
      personalMicroEvent: 26,
      personalImproper: 10,
      personalCriticism: 16,
      personalPayment: 19,
    },
    // 496 / 674, rules frozen at 19d8a15 (measured once, at 5f08523)
    precision: 496 / 674,
  },
  h21: {
    found: {
      reputation: 9,
      massIncident: 24,
      politicsEthnicReligion: 22,
      crimeDetail: 14,
      policyCriticism: 14,
      unverifiedPolice: 15,
      secret: 14,
      privacy: 10,
      sobStory: 19,
      hotIssue: 14,
      commercial: 22,
      foreignMedia: 22,
      stabilityPetition: 25,
      officialCrime: 24,
      majorCase: 20,
      vulnerable: 17,
      safetyStats: 23,
      publicAnxiety: 11,
      otherPoliceInfo: 17,
      leaderSpeech: 24,
      largeSecurity: 23,
      unrelated: 15,
      controversial: 5,
      personalSensitive: 23,
      personalMicroEvent: 26,
      personalImproper: 11,
      personalCriticism: 18,
      personalPayment: 23,
    },
    // 504 / 714, rules frozen at 19d8a15 (measured once, at 35a51b0)
    precision: 504 / 714,
  },
  h22: {
    found: {
      reputation: 7,
      massIncident: 22,
      politicsEthnicReligion: 14,
      crimeDetail: 17,
      policyCriticism: 10,
      unverifiedPolice: 14,
      secret: 13,
      privacy: 12,
      sobStory: 17,
      hotIssue: 9,
      commercial: 14,
      foreignMedia: 24,
      stabilityPetition: 25,
      officialCrime: 18,
      majorCase: 22,
      vulnerable: 18,
      safetyStats: 22,
      publicAnxiety: 12,
      otherPoliceInfo: 13,
      leaderSpeech: 21,
      largeSecurity: 19,
      unrelated: 9,
      controversial: 3,
      personalSensitive: 19,
      personalMicroEvent: 26,
      personalImproper: 14,
      personalCriticism: 18,
      personalPayment: 23,
    },
    // 455 / 734, rules frozen at 19d8a15 (measured once, at 9b09065)
    precision: 455 / 734,
  },
  h23: {
    found: {
      reputation: 12,
      massIncident: 21,
      politicsEthnicReligion: 18,
      crimeDetail: 19,
      policyCriticism: 19,
      unverifiedPolice: 15,
      secret: 11,
      privacy: 9,
      sobStory: 20,
      hotIssue: 6,
      commercial: 18,
      foreignMedia: 22,
      stabilityPetition: 26,
      officialCrime: 20,
      majorCase: 18,
      vulnerable: 15,
      safetyStats: 21,
      publicAnxiety: 13,
      otherPoliceInfo: 15,
      leaderSpeech: 25,
      largeSecurity: 22,
      unrelated: 15,
      controversial: 3,
      personalSensitive: 20,
      personalMicroEvent: 26,
      personalImproper: 11,
      personalCriticism: 12,
      personalPayment: 15,
    },
    // 467 / 784, rules frozen at 19d8a15 (measured once, at 478766f)
    precision: 467 / 784,
  },
  h24: {
    found: {
      reputation: 5,
      massIncident: 21,
      politicsEthnicReligion: 22,
      crimeDetail: 16,
      policyCriticism: 14,
      unverifiedPolice: 15,
      secret: 13,
      privacy: 14,
      sobStory: 18,
      hotIssue: 9,
      commercial: 14,
      foreignMedia: 24,
      stabilityPetition: 26,
      officialCrime: 18,
      majorCase: 22,
      vulnerable: 12,
      safetyStats: 20,
      publicAnxiety: 16,
      otherPoliceInfo: 11,
      leaderSpeech: 23,
      largeSecurity: 18,
      unrelated: 10,
      controversial: 9,
      personalSensitive: 20,
      personalMicroEvent: 25,
      personalImproper: 10,
      personalCriticism: 16,
      personalPayment: 20,
    },
    // 461 / 639, rules frozen at 19d8a15 (measured once, at 52a2d1b)
    precision: 461 / 639,
  },
  h25: {
    found: {
      reputation: 8,
      massIncident: 20,
      politicsEthnicReligion: 17,
      crimeDetail: 19,
      policyCriticism: 18,
      unverifiedPolice: 16,
      secret: 15,
      privacy: 13,
      sobStory: 18,
      hotIssue: 10,
      commercial: 18,
      foreignMedia: 21,
      stabilityPetition: 26,
      officialCrime: 17,
      majorCase: 20,
      vulnerable: 18,
      safetyStats: 21,
      publicAnxiety: 12,
      otherPoliceInfo: 13,
      leaderSpeech: 21,
      largeSecurity: 21,
      unrelated: 9,
      controversial: 4,
      personalSensitive: 19,
      personalMicroEvent: 26,
      personalImproper: 8,
      personalCriticism: 16,
      personalPayment: 17,
    },
    // 461 / 641, rules frozen at 19d8a15 (measured once, at 32896f3)
    precision: 461 / 641,
  },
  h26: {
    found: {
      reputation: 3,
      massIncident: 19,
      politicsEthnicReligion: 18,
      crimeDetail: 15,
      policyCriticism: 12,
      unverifiedPolice: 18,
      secret: 10,
      privacy: 8,
      sobStory: 19,
      hotIssue: 5,
      commercial: 11,
      foreignMedia: 17,
      stabilityPetition: 23,
      officialCrime: 17,
      majorCase: 17,
      vulnerable: 15,
      safetyStats: 21,
      publicAnxiety: 12,
      otherPoliceInfo: 19,
      leaderSpeech: 21,
      largeSecurity: 22,
      unrelated: 4,
      controversial: 5,
      personalSensitive: 17,
      personalMicroEvent: 21,
      personalImproper: 11,
      personalCriticism: 18,
      personalPayment: 20,
    },
    // 418 / 631, rules frozen at 19d8a15 (measured once, at 060fbbf)
    precision: 418 / 631,
  },
  h27: {
    found: {
      reputation: 6,
      massIncident: 19,
      politicsEthnicReligion: 18,
      crimeDetail: 16,
      policyCriticism: 8,
      unverifiedPolice: 9,
      secret: 10,
      privacy: 15,
      sobStory: 12,
      hotIssue: 5,
      commercial: 13,
      foreignMedia: 19,
      stabilityPetition: 25,
      officialCrime: 16,
      majorCase: 19,
      vulnerable: 16,
      safetyStats: 18,
      publicAnxiety: 13,
      otherPoliceInfo: 18,
      leaderSpeech: 22,
      largeSecurity: 20,
      unrelated: 6,
      controversial: 5,
      personalSensitive: 19,
      personalMicroEvent: 26,
      personalImproper: 8,
      personalCriticism: 11,
      personalPayment: 19,
    },
    // 411 / 625, rules frozen at 19d8a15 (measured once, at 2897c54)
    precision: 411 / 625,
  },
  h28: {
    found: {
      reputation: 8,
      massIncident: 21,
      politicsEthnicReligion: 14,
      crimeDetail: 13,
      policyCriticism: 14,
      unverifiedPolice: 16,
      secret: 10,
      privacy: 10,
      sobStory: 16,
      hotIssue: 10,
      commercial: 19,
      foreignMedia: 21,
      stabilityPetition: 25,
      officialCrime: 19,
      majorCase: 19,
      vulnerable: 16,
      safetyStats: 16,
      publicAnxiety: 16,
      otherPoliceInfo: 19,
      leaderSpeech: 19,
      largeSecurity: 21,
      unrelated: 13,
      controversial: 6,
      personalSensitive: 17,
      personalMicroEvent: 25,
      personalImproper: 9,
      personalCriticism: 11,
      personalPayment: 15,
    },
    // 438 / 642, rules frozen at 19d8a15 (measured once, at 2897c54)
    precision: 438 / 642,
  },
  h29: {
    found: {
      reputation: 4,
      massIncident: 19,
      politicsEthnicReligion: 20,
      crimeDetail: 17,
      policyCriticism: 10,
      unverifiedPolice: 15,
      secret: 11,
      privacy: 6,
      sobStory: 12,
      hotIssue: 9,
      commercial: 16,
      foreignMedia: 17,
      stabilityPetition: 25,
      officialCrime: 15,
      majorCase: 19,
      vulnerable: 14,
      safetyStats: 17,
      publicAnxiety: 12,
      otherPoliceInfo: 16,
      leaderSpeech: 19,
      largeSecurity: 18,
      unrelated: 9,
      controversial: 3,
      personalSensitive: 20,
      personalMicroEvent: 24,
      personalImproper: 10,
      personalCriticism: 9,
      personalPayment: 18,
    },
    // 404 / 577, rules frozen at 19d8a15 (measured once, at f34b7a8)
    precision: 404 / 577,
  },
  h30: {
    found: {
      reputation: 6,
      massIncident: 19,
      politicsEthnicReligion: 22,
      crimeDetail: 14,
      policyCriticism: 16,
      unverifiedPolice: 15,
      secret: 12,
      privacy: 16,
      sobStory: 12,
      hotIssue: 10,
      commercial: 14,
      foreignMedia: 18,
      stabilityPetition: 25,
      officialCrime: 24,
      majorCase: 23,
      vulnerable: 19,
      safetyStats: 22,
      publicAnxiety: 17,
      otherPoliceInfo: 20,
      leaderSpeech: 19,
      largeSecurity: 25,
      unrelated: 13,
      controversial: 7,
      personalSensitive: 21,
      personalMicroEvent: 19,
      personalImproper: 11,
      personalCriticism: 11,
      personalPayment: 18,
    },
    // 468 / 570, rules frozen at 19d8a15 (measured once, at 0aea982)
    precision: 468 / 570,
  },
  h31: {
    found: {
      reputation: 5,
      massIncident: 20,
      politicsEthnicReligion: 22,
      crimeDetail: 13,
      policyCriticism: 12,
      unverifiedPolice: 15,
      secret: 11,
      privacy: 12,
      sobStory: 21,
      hotIssue: 8,
      commercial: 16,
      foreignMedia: 20,
      stabilityPetition: 26,
      officialCrime: 18,
      majorCase: 18,
      vulnerable: 12,
      safetyStats: 15,
      publicAnxiety: 10,
      otherPoliceInfo: 16,
      leaderSpeech: 19,
      largeSecurity: 20,
      unrelated: 12,
      controversial: 5,
      personalSensitive: 18,
      personalMicroEvent: 21,
      personalImproper: 8,
      personalCriticism: 18,
      personalPayment: 21,
    },
    // 432 / 650, rules frozen at 19d8a15 (measured once, at the twenty-seventh round's 64777da)
    precision: 432 / 650,
  },
  h32: {
    found: {
      reputation: 2,
      massIncident: 13,
      politicsEthnicReligion: 14,
      crimeDetail: 13,
      policyCriticism: 12,
      unverifiedPolice: 7,
      secret: 9,
      privacy: 8,
      sobStory: 17,
      hotIssue: 6,
      commercial: 9,
      foreignMedia: 20,
      stabilityPetition: 24,
      officialCrime: 18,
      majorCase: 18,
      vulnerable: 14,
      safetyStats: 16,
      publicAnxiety: 12,
      otherPoliceInfo: 6,
      leaderSpeech: 18,
      largeSecurity: 19,
      unrelated: 3,
      controversial: 5,
      personalSensitive: 16,
      personalMicroEvent: 20,
      personalImproper: 12,
      personalCriticism: 14,
      personalPayment: 20,
    },
    // 365 / 534, rules frozen at 19d8a15 (measured once, at 2041434)
    precision: 365 / 534,
  },
  h33: {
    found: {
      reputation: 10,
      massIncident: 20,
      politicsEthnicReligion: 14,
      crimeDetail: 14,
      policyCriticism: 14,
      unverifiedPolice: 14,
      secret: 14,
      privacy: 11,
      sobStory: 15,
      hotIssue: 8,
      commercial: 14,
      foreignMedia: 23,
      stabilityPetition: 25,
      officialCrime: 20,
      majorCase: 20,
      vulnerable: 16,
      safetyStats: 18,
      publicAnxiety: 11,
      otherPoliceInfo: 16,
      leaderSpeech: 21,
      largeSecurity: 24,
      unrelated: 9,
      controversial: 10,
      personalSensitive: 17,
      personalMicroEvent: 22,
      personalImproper: 11,
      personalCriticism: 14,
      personalPayment: 19,
    },
    // 444 / 684, rules frozen at 19d8a15 (measured once, at 751e646)
    precision: 444 / 684,
  },
  h34: {
    found: {
      reputation: 8,
      massIncident: 19,
      politicsEthnicReligion: 21,
      crimeDetail: 21,
      policyCriticism: 17,
      unverifiedPolice: 14,
      secret: 14,
      privacy: 14,
      sobStory: 21,
      hotIssue: 14,
      commercial: 19,
      foreignMedia: 22,
      stabilityPetition: 25,
      officialCrime: 17,
      majorCase: 20,
      vulnerable: 14,
      safetyStats: 19,
      publicAnxiety: 9,
      otherPoliceInfo: 17,
      leaderSpeech: 21,
      largeSecurity: 23,
      unrelated: 17,
      controversial: 6,
      personalSensitive: 18,
      personalMicroEvent: 21,
      personalImproper: 13,
      personalCriticism: 15,
      personalPayment: 18,
    },
    // 477 / 654, rules frozen at 19d8a15 (measured once, at d33f85e)
    precision: 477 / 654,
  },
  h35: {
    found: {
      reputation: 12,
      massIncident: 17,
      politicsEthnicReligion: 17,
      crimeDetail: 15,
      policyCriticism: 16,
      unverifiedPolice: 16,
      secret: 10,
      privacy: 8,
      sobStory: 15,
      hotIssue: 10,
      commercial: 18,
      foreignMedia: 20,
      stabilityPetition: 25,
      officialCrime: 20,
      majorCase: 21,
      vulnerable: 18,
      safetyStats: 20,
      publicAnxiety: 12,
      otherPoliceInfo: 18,
      leaderSpeech: 22,
      largeSecurity: 20,
      unrelated: 9,
      controversial: 7,
      personalSensitive: 18,
      personalMicroEvent: 19,
      personalImproper: 15,
      personalCriticism: 8,
      personalPayment: 14,
    },
    // 440 / 659, rules frozen at 19d8a15 (measured once, at 33c1d72)
    precision: 440 / 659,
  },
  h36: {
    found: {
      reputation: 14,
      massIncident: 20,
      politicsEthnicReligion: 19,
      crimeDetail: 16,
      policyCriticism: 14,
      unverifiedPolice: 20,
      secret: 14,
      privacy: 13,
      sobStory: 18,
      hotIssue: 13,
      commercial: 21,
      foreignMedia: 12,
      stabilityPetition: 24,
      officialCrime: 18,
      majorCase: 17,
      vulnerable: 13,
      safetyStats: 18,
      publicAnxiety: 10,
      otherPoliceInfo: 20,
      leaderSpeech: 21,
      largeSecurity: 22,
      unrelated: 13,
      controversial: 4,
      personalSensitive: 20,
      personalMicroEvent: 23,
      personalImproper: 9,
      personalCriticism: 15,
      personalPayment: 19,
    },
    // 460 / 671, rules frozen at 19d8a15 (measured once, at 692f41e)
    precision: 460 / 671,
  },
  h37: {
    found: {
      reputation: 8,
      massIncident: 19,
      politicsEthnicReligion: 16,
      crimeDetail: 18,
      policyCriticism: 15,
      unverifiedPolice: 15,
      secret: 12,
      privacy: 12,
      sobStory: 13,
      hotIssue: 14,
      commercial: 21,
      foreignMedia: 25,
      stabilityPetition: 25,
      officialCrime: 18,
      majorCase: 20,
      vulnerable: 20,
      safetyStats: 24,
      publicAnxiety: 8,
      otherPoliceInfo: 15,
      leaderSpeech: 21,
      largeSecurity: 21,
      unrelated: 12,
      controversial: 6,
      personalSensitive: 20,
      personalMicroEvent: 20,
      personalImproper: 10,
      personalCriticism: 12,
      personalPayment: 11,
    },
    // 451 / 656, rules frozen at 19d8a15 (measured once, at 901a4a3)
    precision: 451 / 656,
  },
  h38: {
    found: {
      reputation: 4,
      massIncident: 22,
      politicsEthnicReligion: 17,
      crimeDetail: 17,
      policyCriticism: 14,
      unverifiedPolice: 12,
      secret: 13,
      privacy: 11,
      sobStory: 22,
      hotIssue: 5,
      commercial: 16,
      foreignMedia: 21,
      stabilityPetition: 25,
      officialCrime: 22,
      majorCase: 19,
      vulnerable: 15,
      safetyStats: 19,
      publicAnxiety: 15,
      otherPoliceInfo: 19,
      leaderSpeech: 20,
      largeSecurity: 23,
      unrelated: 7,
      controversial: 8,
      personalSensitive: 18,
      personalMicroEvent: 26,
      personalImproper: 13,
      personalCriticism: 10,
      personalPayment: 21,
    },
    // 454 / 700, rules frozen at 19d8a15 (measured once, at 17c3f67)
    precision: 454 / 700,
  },
  h39: {
    found: {
      reputation: 5,
      massIncident: 18,
      politicsEthnicReligion: 18,
      crimeDetail: 13,
      policyCriticism: 11,
      unverifiedPolice: 13,
      secret: 11,
      privacy: 7,
      sobStory: 17,
      hotIssue: 9,
      commercial: 11,
      foreignMedia: 22,
      stabilityPetition: 24,
      officialCrime: 11,
      majorCase: 16,
      vulnerable: 8,
      safetyStats: 16,
      publicAnxiety: 10,
      otherPoliceInfo: 13,
      leaderSpeech: 18,
      largeSecurity: 23,
      unrelated: 7,
      controversial: 7,
      personalSensitive: 22,
      personalMicroEvent: 25,
      personalImproper: 9,
      personalCriticism: 9,
      personalPayment: 20,
    },
    // 393 / 594, rules frozen at 19d8a15 (measured once, at 4d0d56f)
    precision: 393 / 594,
  },
  h40: {
    found: {
      reputation: 8,
      massIncident: 17,
      politicsEthnicReligion: 16,
      crimeDetail: 17,
      policyCriticism: 10,
      unverifiedPolice: 9,
      secret: 14,
      privacy: 10,
      sobStory: 17,
      hotIssue: 8,
      commercial: 15,
      foreignMedia: 24,
      stabilityPetition: 24,
      officialCrime: 15,
      majorCase: 15,
      vulnerable: 10,
      safetyStats: 20,
      publicAnxiety: 6,
      otherPoliceInfo: 21,
      leaderSpeech: 21,
      largeSecurity: 21,
      unrelated: 10,
      controversial: 8,
      personalSensitive: 21,
      personalMicroEvent: 23,
      personalImproper: 10,
      personalCriticism: 13,
      personalPayment: 12,
    },
    // 415 / 667, rules frozen at 19d8a15 (measured once, at 909dcf8)
    precision: 415 / 667,
  },
};

/**
 * 语义研判 on the kept-out part: the rules as above with the classifier (classifier-ccaa0e3e, trained by
 * tools/screening-classifier.ts on the tuning parts and the everyday posts, never on held-out 7; its
 * settings chosen on folds of the tuning parts). Held-out 7 was read three times with a classifier,
 * each change made for a fault seen outside it: with classifier-c970914b (548/728, precision 81.7%),
 * withdrawn because it flagged captions of a few words (民警在巡逻。) on every item; with this model
 * (544/728, 83.4%); and with this model reading no window under MIN_UNITS, after a twelve-character
 * test draft got 境外媒体 at 97% (the figures below: 540/728, 83.3%). Held-out 8 was read once with
 * classifier-ccaa0e3e, held-out 9 and 10 once each with classifier-7ec56b36 (which learned from held-out
 * 7, 8 and training 1 as well), held-out 11 once with classifier-413c6ffa (2^15 buckets, learned from held-out
 * 9 and 10 too, and setting aside the doubtful terms and rules it does not read: 语义复核); held-out 12 once
 * with the same model, written after held-out 11 was measured; held-out 13 once with classifier-02b2d4c1 (2^17
 * buckets, learned from held-out 11 and 12 too, 语义复核 at a 95% bar from one misfire and on cue
 * detectors: the eleventh round); held-out 14 once with classifier-d2caa068 (learned from held-out 13 and
 * training 2 and 3 too, four runs averaged, an identifier's digits unread: the twelfth round); held-out 15
 * once with classifier-a94d480a (learned from held-out 14 and training 4 too: the thirteenth round); held-out 16
 * once with classifier-701eb023 (learned from held-out 15 and training 5 too: the fourteenth round); held-out
 * 17 once with classifier-da484073 (learned from held-out 16 and training 6 too: the fifteenth round); held-out
 * 18 once with classifier-94b96b8f (learned from held-out 17 and training 7 too: the sixteenth round); held-out
 * 19 once with classifier-3ad74b74 (learned from held-out 18 and training 8 too: the seventeenth round); held-out
 * 20 once with classifier-5a8d7855 (learned from held-out 19 and training 9 too: the eighteenth round); held-out
 * 21 once with classifier-c3041b55 (learned from held-out 20 and training 10 too: the nineteenth round); held-out
 * 22 once with classifier-a0d3ef64 (learned from held-out 21 and training 11 too: the twentieth round); held-out
 * 23 once with classifier-f6eb1e8b (learned from held-out 22 and training 12 too: the twenty-first round);
 * held-out 24 once with classifier-b7989be8 (learned from held-out 23 and training 13 too: the twenty-second round);
 * held-out 25 once with classifier-518952e2 (learned from held-out 24 and training 14 too: the twenty-third round);
 * held-out 26 once with classifier-c40783c4 (learned from held-out 25 and training 15 too: the twenty-fourth round);
 * held-out 27 once with classifier-c8db9e0c (learned from held-out 26 and training 16 too: the twenty-fifth round);
 * held-out 28 once with the same model (the twenty-sixth round's, twice trained, was not taken: docs/screening.md);
 * held-out 29 once with the same model reading lines from 16 characters (MIN_UNITS, chosen on the folds);
 * held-out 30, written short, once with the same (and, for comparison only, with MIN_UNITS at 20: docs/screening.md);
 * held-out 31 once with classifier-135a5d46 (learned from held-out 27 to 30 too: the twenty-seventh round);
 * held-out 32, 33 and 34 once each with the same model (the twenty-eighth and twenty-ninth rounds' were not taken:
 * docs/screening.md).
 * FIRST_MEASUREMENTS holds the rules alone (classifier null) to theirs; a part the classifier has since
 * learned from stays held to its first reading.
 */
const FIRST_WITH_CLASSIFIER: Partial<Record<CorpusPart['id'], FirstMeasurement>> = {
  h7: {
    found: {
      reputation: 15,
      massIncident: 23,
      politicsEthnicReligion: 15,
      crimeDetail: 19,
      policyCriticism: 15,
      unverifiedPolice: 24,
      secret: 14,
      privacy: 16,
      sobStory: 21,
      hotIssue: 13,
      commercial: 18,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 24,
      majorCase: 22,
      vulnerable: 22,
      safetyStats: 23,
      publicAnxiety: 20,
      otherPoliceInfo: 13,
      leaderSpeech: 22,
      largeSecurity: 25,
      unrelated: 13,
      controversial: 10,
      personalSensitive: 22,
      personalMicroEvent: 25,
      personalImproper: 11,
      personalCriticism: 22,
      personalPayment: 22,
    },
    // 540 / 648
    precision: 540 / 648,
  },
  h8: {
    found: {
      reputation: 10,
      massIncident: 24,
      politicsEthnicReligion: 21,
      crimeDetail: 19,
      policyCriticism: 19,
      unverifiedPolice: 18,
      secret: 15,
      privacy: 14,
      sobStory: 24,
      hotIssue: 17,
      commercial: 19,
      foreignMedia: 24,
      stabilityPetition: 25,
      officialCrime: 18,
      majorCase: 18,
      vulnerable: 18,
      safetyStats: 23,
      publicAnxiety: 14,
      otherPoliceInfo: 16,
      leaderSpeech: 18,
      largeSecurity: 21,
      unrelated: 19,
      controversial: 6,
      personalSensitive: 18,
      personalMicroEvent: 26,
      personalImproper: 13,
      personalCriticism: 15,
      personalPayment: 21,
    },
    // 513 / 683, classifier-ccaa0e3e and the rules frozen at 05c575c
    precision: 513 / 683,
  },
  // measured once: classifier-7ec56b36 (learned from held-out 7 and 8 and training 1 too) and the rules
  // frozen at baab0f1
  h9: {
    found: {
      reputation: 16,
      massIncident: 25,
      politicsEthnicReligion: 23,
      crimeDetail: 25,
      policyCriticism: 20,
      unverifiedPolice: 19,
      secret: 20,
      privacy: 21,
      sobStory: 25,
      hotIssue: 20,
      commercial: 22,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 22,
      majorCase: 25,
      vulnerable: 18,
      safetyStats: 25,
      publicAnxiety: 20,
      otherPoliceInfo: 19,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 16,
      controversial: 11,
      personalSensitive: 23,
      personalMicroEvent: 26,
      personalImproper: 14,
      personalCriticism: 19,
      personalPayment: 25,
    },
    // 602 / 968
    precision: 602 / 968,
  },
  // measured once: the same classifier and rules (baab0f1), after learning from this part had been tried
  // on the folds and not adopted
  h10: {
    found: {
      reputation: 15,
      massIncident: 24,
      politicsEthnicReligion: 23,
      crimeDetail: 26,
      policyCriticism: 18,
      unverifiedPolice: 19,
      secret: 17,
      privacy: 18,
      sobStory: 25,
      hotIssue: 16,
      commercial: 16,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 23,
      majorCase: 23,
      vulnerable: 17,
      safetyStats: 24,
      publicAnxiety: 17,
      otherPoliceInfo: 14,
      leaderSpeech: 24,
      largeSecurity: 25,
      unrelated: 14,
      controversial: 7,
      personalSensitive: 23,
      personalMicroEvent: 25,
      personalImproper: 19,
      personalCriticism: 22,
      personalPayment: 20,
    },
    // 565 / 913
    precision: 565 / 913,
  }, // measured once: classifier-413c6ffa with its 语义复核 record, rules 19d8a15, frozen at c069d6b
  h11: {
    found: {
      reputation: 16,
      massIncident: 26,
      politicsEthnicReligion: 24,
      crimeDetail: 25,
      policyCriticism: 22,
      unverifiedPolice: 21,
      secret: 23,
      privacy: 23,
      sobStory: 26,
      hotIssue: 19,
      commercial: 24,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 26,
      vulnerable: 23,
      safetyStats: 25,
      publicAnxiety: 20,
      otherPoliceInfo: 25,
      leaderSpeech: 25,
      largeSecurity: 25,
      unrelated: 19,
      controversial: 8,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 21,
      personalCriticism: 23,
      personalPayment: 26,
    },
    // 641 / 753
    precision: 641 / 753,
  },
  // measured once: the same classifier-413c6ffa and 语义复核 record as held-out 11
  h12: {
    found: {
      reputation: 16,
      massIncident: 23,
      politicsEthnicReligion: 23,
      crimeDetail: 25,
      policyCriticism: 21,
      unverifiedPolice: 20,
      secret: 18,
      privacy: 20,
      sobStory: 24,
      hotIssue: 19,
      commercial: 23,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 22,
      majorCase: 22,
      vulnerable: 25,
      safetyStats: 26,
      publicAnxiety: 22,
      otherPoliceInfo: 20,
      leaderSpeech: 26,
      largeSecurity: 26,
      unrelated: 22,
      controversial: 7,
      personalSensitive: 24,
      personalMicroEvent: 26,
      personalImproper: 16,
      personalCriticism: 24,
      personalPayment: 25,
    },
    // 616 / 715
    precision: 616 / 715,
  },
  // measured once: classifier-02b2d4c1 and its 语义复核 record, frozen at a5989eb (eleventh round)
  h13: {
    found: {
      reputation: 21,
      massIncident: 24,
      politicsEthnicReligion: 21,
      crimeDetail: 25,
      policyCriticism: 22,
      unverifiedPolice: 21,
      secret: 17,
      privacy: 19,
      sobStory: 24,
      hotIssue: 22,
      commercial: 24,
      foreignMedia: 25,
      stabilityPetition: 24,
      officialCrime: 26,
      majorCase: 21,
      vulnerable: 23,
      safetyStats: 25,
      publicAnxiety: 21,
      otherPoliceInfo: 21,
      leaderSpeech: 24,
      largeSecurity: 26,
      unrelated: 22,
      controversial: 18,
      personalSensitive: 22,
      personalMicroEvent: 25,
      personalImproper: 22,
      personalCriticism: 21,
      personalPayment: 24,
    },
    // 630 / 685
    precision: 630 / 685,
  },
  h14: {
    found: {
      reputation: 16,
      massIncident: 22,
      politicsEthnicReligion: 21,
      crimeDetail: 22,
      policyCriticism: 23,
      unverifiedPolice: 19,
      secret: 17,
      privacy: 17,
      sobStory: 18,
      hotIssue: 17,
      commercial: 23,
      foreignMedia: 24,
      stabilityPetition: 25,
      officialCrime: 25,
      majorCase: 25,
      vulnerable: 21,
      safetyStats: 22,
      publicAnxiety: 21,
      otherPoliceInfo: 22,
      leaderSpeech: 24,
      largeSecurity: 23,
      unrelated: 20,
      controversial: 11,
      personalSensitive: 23,
      personalMicroEvent: 25,
      personalImproper: 20,
      personalCriticism: 24,
      personalPayment: 22,
    },
    // 592 / 632, classifier-d2caa068 frozen at b2e5269 (measured once)
    precision: 592 / 632,
  },
  h15: {
    found: {
      reputation: 19,
      massIncident: 26,
      politicsEthnicReligion: 23,
      crimeDetail: 26,
      policyCriticism: 24,
      unverifiedPolice: 22,
      secret: 21,
      privacy: 23,
      sobStory: 26,
      hotIssue: 18,
      commercial: 24,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 24,
      majorCase: 26,
      vulnerable: 23,
      safetyStats: 24,
      publicAnxiety: 26,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 24,
      unrelated: 22,
      controversial: 17,
      personalSensitive: 24,
      personalMicroEvent: 26,
      personalImproper: 23,
      personalCriticism: 23,
      personalPayment: 24,
    },
    // 658 / 708, classifier-a94d480a frozen at 0fe416c (measured once)
    precision: 658 / 708,
  },
  h16: {
    found: {
      reputation: 17,
      massIncident: 26,
      politicsEthnicReligion: 20,
      crimeDetail: 24,
      policyCriticism: 23,
      unverifiedPolice: 25,
      secret: 22,
      privacy: 24,
      sobStory: 24,
      hotIssue: 21,
      commercial: 26,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 22,
      majorCase: 21,
      vulnerable: 23,
      safetyStats: 23,
      publicAnxiety: 19,
      otherPoliceInfo: 22,
      leaderSpeech: 24,
      largeSecurity: 24,
      unrelated: 14,
      controversial: 11,
      personalSensitive: 23,
      personalMicroEvent: 25,
      personalImproper: 19,
      personalCriticism: 25,
      personalPayment: 25,
    },
    // 624 / 675, classifier-701eb023 frozen at 8309f3f (measured once)
    precision: 624 / 675,
  },
  h17: {
    found: {
      reputation: 14,
      massIncident: 25,
      politicsEthnicReligion: 22,
      crimeDetail: 26,
      policyCriticism: 25,
      unverifiedPolice: 24,
      secret: 23,
      privacy: 22,
      sobStory: 25,
      hotIssue: 22,
      commercial: 25,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 26,
      vulnerable: 26,
      safetyStats: 26,
      publicAnxiety: 24,
      otherPoliceInfo: 26,
      leaderSpeech: 26,
      largeSecurity: 26,
      unrelated: 25,
      controversial: 14,
      personalSensitive: 23,
      personalMicroEvent: 26,
      personalImproper: 22,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 668 / 706, classifier-da484073 frozen at 6f7ce52 (measured once)
    precision: 668 / 706,
  },
  h18: {
    found: {
      reputation: 19,
      massIncident: 25,
      politicsEthnicReligion: 24,
      crimeDetail: 26,
      policyCriticism: 23,
      unverifiedPolice: 21,
      secret: 23,
      privacy: 24,
      sobStory: 25,
      hotIssue: 23,
      commercial: 24,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 26,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 25,
      publicAnxiety: 22,
      otherPoliceInfo: 23,
      leaderSpeech: 26,
      largeSecurity: 25,
      unrelated: 21,
      controversial: 18,
      personalSensitive: 26,
      personalMicroEvent: 26,
      personalImproper: 21,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 669 / 742, classifier-94b96b8f frozen at 5f8c825 (measured once)
    precision: 669 / 742,
  },
  h19: {
    found: {
      reputation: 20,
      massIncident: 25,
      politicsEthnicReligion: 24,
      crimeDetail: 22,
      policyCriticism: 23,
      unverifiedPolice: 24,
      secret: 23,
      privacy: 22,
      sobStory: 26,
      hotIssue: 24,
      commercial: 26,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 25,
      majorCase: 26,
      vulnerable: 26,
      safetyStats: 26,
      publicAnxiety: 24,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 23,
      controversial: 16,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 24,
      personalCriticism: 24,
      personalPayment: 25,
    },
    // 676 / 732, classifier-3ad74b74 frozen at 86b9fff (measured once)
    precision: 676 / 732,
  },
  h20: {
    found: {
      reputation: 19,
      massIncident: 26,
      politicsEthnicReligion: 25,
      crimeDetail: 25,
      policyCriticism: 25,
      unverifiedPolice: 23,
      secret: 22,
      privacy: 22,
      sobStory: 26,
      hotIssue: 24,
      commercial: 26,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 26,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 26,
      publicAnxiety: 26,
      otherPoliceInfo: 26,
      leaderSpeech: 26,
      largeSecurity: 26,
      unrelated: 21,
      controversial: 13,
      personalSensitive: 23,
      personalMicroEvent: 26,
      personalImproper: 23,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 677 / 712, classifier-5a8d7855 frozen at 5f08523 (measured once)
    precision: 677 / 712,
  },
  h21: {
    found: {
      reputation: 21,
      massIncident: 26,
      politicsEthnicReligion: 24,
      crimeDetail: 23,
      policyCriticism: 23,
      unverifiedPolice: 23,
      secret: 24,
      privacy: 20,
      sobStory: 25,
      hotIssue: 23,
      commercial: 26,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 25,
      majorCase: 25,
      vulnerable: 23,
      safetyStats: 25,
      publicAnxiety: 23,
      otherPoliceInfo: 20,
      leaderSpeech: 24,
      largeSecurity: 26,
      unrelated: 23,
      controversial: 13,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 23,
      personalCriticism: 24,
      personalPayment: 26,
    },
    // 661 / 687, classifier-c3041b55 frozen at 35a51b0 (measured once)
    precision: 661 / 687,
  },
  h22: {
    found: {
      reputation: 19,
      massIncident: 26,
      politicsEthnicReligion: 21,
      crimeDetail: 24,
      policyCriticism: 23,
      unverifiedPolice: 25,
      secret: 23,
      privacy: 23,
      sobStory: 25,
      hotIssue: 23,
      commercial: 23,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 24,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 24,
      publicAnxiety: 17,
      otherPoliceInfo: 23,
      leaderSpeech: 25,
      largeSecurity: 24,
      unrelated: 18,
      controversial: 13,
      personalSensitive: 26,
      personalMicroEvent: 26,
      personalImproper: 23,
      personalCriticism: 24,
      personalPayment: 26,
    },
    // 650 / 703, classifier-a0d3ef64 frozen at 9b09065 (measured once)
    precision: 650 / 703,
  },
  h23: {
    found: {
      reputation: 21,
      massIncident: 24,
      politicsEthnicReligion: 25,
      crimeDetail: 25,
      policyCriticism: 24,
      unverifiedPolice: 23,
      secret: 24,
      privacy: 21,
      sobStory: 25,
      hotIssue: 25,
      commercial: 22,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 24,
      vulnerable: 24,
      safetyStats: 26,
      publicAnxiety: 24,
      otherPoliceInfo: 25,
      leaderSpeech: 26,
      largeSecurity: 26,
      unrelated: 23,
      controversial: 13,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 23,
      personalCriticism: 25,
      personalPayment: 25,
    },
    // 669 / 727, classifier-f6eb1e8b frozen at 478766f (measured once)
    precision: 669 / 727,
  },
  h24: {
    found: {
      reputation: 23,
      massIncident: 26,
      politicsEthnicReligion: 24,
      crimeDetail: 26,
      policyCriticism: 25,
      unverifiedPolice: 25,
      secret: 26,
      privacy: 24,
      sobStory: 26,
      hotIssue: 22,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 24,
      majorCase: 26,
      vulnerable: 26,
      safetyStats: 25,
      publicAnxiety: 23,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 24,
      unrelated: 24,
      controversial: 16,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 21,
      personalCriticism: 26,
      personalPayment: 26,
    },
    // 684 / 727, classifier-b7989be8 frozen at 52a2d1b (measured once)
    precision: 684 / 727,
  },
  h25: {
    found: {
      reputation: 16,
      massIncident: 23,
      politicsEthnicReligion: 25,
      crimeDetail: 26,
      policyCriticism: 22,
      unverifiedPolice: 26,
      secret: 24,
      privacy: 23,
      sobStory: 26,
      hotIssue: 23,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 23,
      majorCase: 26,
      vulnerable: 26,
      safetyStats: 26,
      publicAnxiety: 22,
      otherPoliceInfo: 21,
      leaderSpeech: 26,
      largeSecurity: 25,
      unrelated: 22,
      controversial: 13,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 18,
      personalCriticism: 24,
      personalPayment: 24,
    },
    // 657 / 706, classifier-518952e2 frozen at 32896f3 (measured once)
    precision: 657 / 706,
  },
  h26: {
    found: {
      reputation: 12,
      massIncident: 25,
      politicsEthnicReligion: 24,
      crimeDetail: 25,
      policyCriticism: 20,
      unverifiedPolice: 23,
      secret: 20,
      privacy: 18,
      sobStory: 26,
      hotIssue: 20,
      commercial: 19,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 25,
      majorCase: 24,
      vulnerable: 24,
      safetyStats: 25,
      publicAnxiety: 23,
      otherPoliceInfo: 26,
      leaderSpeech: 23,
      largeSecurity: 26,
      unrelated: 13,
      controversial: 10,
      personalSensitive: 23,
      personalMicroEvent: 26,
      personalImproper: 21,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 623 / 678, classifier-c40783c4 frozen at 060fbbf (measured once)
    precision: 623 / 678,
  },
  h27: {
    found: {
      reputation: 22,
      massIncident: 26,
      politicsEthnicReligion: 24,
      crimeDetail: 23,
      policyCriticism: 20,
      unverifiedPolice: 24,
      secret: 22,
      privacy: 20,
      sobStory: 23,
      hotIssue: 19,
      commercial: 25,
      foreignMedia: 24,
      stabilityPetition: 22,
      officialCrime: 23,
      majorCase: 21,
      vulnerable: 23,
      safetyStats: 22,
      publicAnxiety: 21,
      otherPoliceInfo: 20,
      leaderSpeech: 26,
      largeSecurity: 25,
      unrelated: 15,
      controversial: 7,
      personalSensitive: 23,
      personalMicroEvent: 25,
      personalImproper: 19,
      personalCriticism: 20,
      personalPayment: 24,
    },
    // 608 / 662, classifier-c8db9e0c frozen at 2897c54 (measured once)
    precision: 608 / 662,
  },
  h28: {
    found: {
      reputation: 16,
      massIncident: 23,
      politicsEthnicReligion: 17,
      crimeDetail: 25,
      policyCriticism: 22,
      unverifiedPolice: 15,
      secret: 19,
      privacy: 16,
      sobStory: 22,
      hotIssue: 19,
      commercial: 22,
      foreignMedia: 26,
      stabilityPetition: 25,
      officialCrime: 21,
      majorCase: 21,
      vulnerable: 20,
      safetyStats: 20,
      publicAnxiety: 21,
      otherPoliceInfo: 19,
      leaderSpeech: 23,
      largeSecurity: 26,
      unrelated: 19,
      controversial: 16,
      personalSensitive: 22,
      personalMicroEvent: 25,
      personalImproper: 17,
      personalCriticism: 22,
      personalPayment: 24,
    },
    // 583 / 624, classifier-c8db9e0c frozen at 2897c54 (measured once)
    precision: 583 / 624,
  },
  h29: {
    found: {
      reputation: 9,
      massIncident: 23,
      politicsEthnicReligion: 20,
      crimeDetail: 24,
      policyCriticism: 18,
      unverifiedPolice: 25,
      secret: 21,
      privacy: 14,
      sobStory: 24,
      hotIssue: 17,
      commercial: 23,
      foreignMedia: 24,
      stabilityPetition: 23,
      officialCrime: 21,
      majorCase: 19,
      vulnerable: 21,
      safetyStats: 20,
      publicAnxiety: 18,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 23,
      unrelated: 16,
      controversial: 8,
      personalSensitive: 24,
      personalMicroEvent: 25,
      personalImproper: 22,
      personalCriticism: 21,
      personalPayment: 22,
    },
    // 574 / 645, classifier-c8db9e0c reading from 16 characters frozen at f34b7a8 (measured once)
    precision: 574 / 645,
  },
  h30: {
    found: {
      reputation: 14,
      massIncident: 26,
      politicsEthnicReligion: 24,
      crimeDetail: 24,
      policyCriticism: 22,
      unverifiedPolice: 25,
      secret: 21,
      privacy: 21,
      sobStory: 21,
      hotIssue: 19,
      commercial: 24,
      foreignMedia: 23,
      stabilityPetition: 24,
      officialCrime: 24,
      majorCase: 24,
      vulnerable: 25,
      safetyStats: 25,
      publicAnxiety: 25,
      otherPoliceInfo: 21,
      leaderSpeech: 23,
      largeSecurity: 26,
      unrelated: 19,
      controversial: 9,
      personalSensitive: 24,
      personalMicroEvent: 21,
      personalImproper: 18,
      personalCriticism: 23,
      personalPayment: 25,
    },
    // 620 / 640, classifier-c8db9e0c reading from 16 characters frozen at 0aea982 (measured once)
    precision: 620 / 640,
  },
  h31: {
    found: {
      reputation: 20,
      massIncident: 24,
      politicsEthnicReligion: 25,
      crimeDetail: 25,
      policyCriticism: 20,
      unverifiedPolice: 24,
      secret: 22,
      privacy: 19,
      sobStory: 24,
      hotIssue: 25,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 22,
      vulnerable: 22,
      safetyStats: 24,
      publicAnxiety: 21,
      otherPoliceInfo: 22,
      leaderSpeech: 24,
      largeSecurity: 26,
      unrelated: 19,
      controversial: 12,
      personalSensitive: 24,
      personalMicroEvent: 26,
      personalImproper: 19,
      personalCriticism: 26,
      personalPayment: 25,
    },
    // 640 / 681, classifier-135a5d46 frozen at 64777da (measured once)
    precision: 640 / 681,
  },
  h32: {
    found: {
      reputation: 17,
      massIncident: 23,
      politicsEthnicReligion: 25,
      crimeDetail: 24,
      policyCriticism: 22,
      unverifiedPolice: 23,
      secret: 16,
      privacy: 17,
      sobStory: 25,
      hotIssue: 24,
      commercial: 24,
      foreignMedia: 25,
      stabilityPetition: 24,
      officialCrime: 24,
      majorCase: 23,
      vulnerable: 22,
      safetyStats: 23,
      publicAnxiety: 22,
      otherPoliceInfo: 16,
      leaderSpeech: 23,
      largeSecurity: 24,
      unrelated: 13,
      controversial: 12,
      personalSensitive: 23,
      personalMicroEvent: 25,
      personalImproper: 22,
      personalCriticism: 22,
      personalPayment: 26,
    },
    // 609 / 671, classifier-135a5d46 frozen at 64777da, unchanged at 2041434 (measured once)
    precision: 609 / 671,
  },
  h33: {
    found: {
      reputation: 17,
      massIncident: 25,
      politicsEthnicReligion: 21,
      crimeDetail: 24,
      policyCriticism: 25,
      unverifiedPolice: 22,
      secret: 19,
      privacy: 22,
      sobStory: 22,
      hotIssue: 22,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 25,
      majorCase: 24,
      vulnerable: 25,
      safetyStats: 23,
      publicAnxiety: 22,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 16,
      controversial: 15,
      personalSensitive: 25,
      personalMicroEvent: 24,
      personalImproper: 23,
      personalCriticism: 24,
      personalPayment: 26,
    },
    // 643 / 686, classifier-135a5d46 frozen at 64777da, unchanged at 751e646 (measured once)
    precision: 643 / 686,
  },
  h34: {
    found: {
      reputation: 23,
      massIncident: 26,
      politicsEthnicReligion: 25,
      crimeDetail: 25,
      policyCriticism: 25,
      unverifiedPolice: 26,
      secret: 25,
      privacy: 23,
      sobStory: 25,
      hotIssue: 25,
      commercial: 26,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 24,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 24,
      publicAnxiety: 24,
      otherPoliceInfo: 24,
      leaderSpeech: 24,
      largeSecurity: 26,
      unrelated: 23,
      controversial: 16,
      personalSensitive: 26,
      personalMicroEvent: 26,
      personalImproper: 24,
      personalCriticism: 25,
      personalPayment: 25,
    },
    // 687 / 719, classifier-135a5d46 frozen at 64777da, unchanged at d33f85e (measured once)
    precision: 687 / 719,
  },
  h35: {
    found: {
      reputation: 21,
      massIncident: 25,
      politicsEthnicReligion: 24,
      crimeDetail: 26,
      policyCriticism: 25,
      unverifiedPolice: 26,
      secret: 21,
      privacy: 19,
      sobStory: 25,
      hotIssue: 22,
      commercial: 26,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 26,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 24,
      publicAnxiety: 23,
      otherPoliceInfo: 23,
      leaderSpeech: 25,
      largeSecurity: 25,
      unrelated: 21,
      controversial: 14,
      personalSensitive: 23,
      personalMicroEvent: 23,
      personalImproper: 19,
      personalCriticism: 16,
      personalPayment: 24,
    },
    // 648 / 707, classifier-135a5d46 frozen at 64777da, unchanged at 33c1d72 (measured once)
    precision: 648 / 707,
  },
  h36: {
    found: {
      reputation: 18,
      massIncident: 22,
      politicsEthnicReligion: 23,
      crimeDetail: 25,
      policyCriticism: 21,
      unverifiedPolice: 26,
      secret: 20,
      privacy: 17,
      sobStory: 26,
      hotIssue: 23,
      commercial: 24,
      foreignMedia: 25,
      stabilityPetition: 25,
      officialCrime: 25,
      majorCase: 22,
      vulnerable: 24,
      safetyStats: 25,
      publicAnxiety: 21,
      otherPoliceInfo: 26,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 25,
      controversial: 12,
      personalSensitive: 26,
      personalMicroEvent: 26,
      personalImproper: 21,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 650 / 703, classifier-135a5d46 frozen at 64777da, reposts read as at 692f41e (measured once)
    precision: 650 / 703,
  },
  h37: {
    found: {
      reputation: 19,
      massIncident: 24,
      politicsEthnicReligion: 23,
      crimeDetail: 26,
      policyCriticism: 22,
      unverifiedPolice: 25,
      secret: 23,
      privacy: 23,
      sobStory: 25,
      hotIssue: 21,
      commercial: 24,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 26,
      majorCase: 26,
      vulnerable: 24,
      safetyStats: 26,
      publicAnxiety: 19,
      otherPoliceInfo: 26,
      leaderSpeech: 26,
      largeSecurity: 26,
      unrelated: 23,
      controversial: 18,
      personalSensitive: 26,
      personalMicroEvent: 24,
      personalImproper: 22,
      personalCriticism: 26,
      personalPayment: 25,
    },
    // 670 / 723, classifier-135a5d46 frozen at 64777da, read as at 901a4a3 (measured once)
    precision: 670 / 723,
  },
  h38: {
    found: {
      reputation: 17,
      massIncident: 25,
      politicsEthnicReligion: 23,
      crimeDetail: 26,
      policyCriticism: 19,
      unverifiedPolice: 25,
      secret: 18,
      privacy: 23,
      sobStory: 26,
      hotIssue: 25,
      commercial: 26,
      foreignMedia: 25,
      stabilityPetition: 26,
      officialCrime: 23,
      majorCase: 25,
      vulnerable: 25,
      safetyStats: 24,
      publicAnxiety: 24,
      otherPoliceInfo: 25,
      leaderSpeech: 25,
      largeSecurity: 23,
      unrelated: 19,
      controversial: 22,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 24,
      personalCriticism: 24,
      personalPayment: 25,
    },
    // 663 / 720, classifier-135a5d46 frozen at 64777da, read as at 901a4a3, unchanged at 17c3f67 (measured once)
    precision: 663 / 720,
  },
  h39: {
    found: {
      reputation: 16,
      massIncident: 24,
      politicsEthnicReligion: 24,
      crimeDetail: 24,
      policyCriticism: 20,
      unverifiedPolice: 25,
      secret: 22,
      privacy: 22,
      sobStory: 26,
      hotIssue: 22,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 24,
      officialCrime: 21,
      majorCase: 21,
      vulnerable: 22,
      safetyStats: 22,
      publicAnxiety: 17,
      otherPoliceInfo: 20,
      leaderSpeech: 23,
      largeSecurity: 26,
      unrelated: 22,
      controversial: 17,
      personalSensitive: 25,
      personalMicroEvent: 26,
      personalImproper: 22,
      personalCriticism: 26,
      personalPayment: 25,
    },
    // 635 / 668, classifier-397542be frozen at 4d0d56f (measured once)
    precision: 635 / 668,
  },
  h40: {
    found: {
      reputation: 22,
      massIncident: 24,
      politicsEthnicReligion: 23,
      crimeDetail: 26,
      policyCriticism: 24,
      unverifiedPolice: 22,
      secret: 23,
      privacy: 23,
      sobStory: 25,
      hotIssue: 25,
      commercial: 25,
      foreignMedia: 26,
      stabilityPetition: 26,
      officialCrime: 25,
      majorCase: 20,
      vulnerable: 26,
      safetyStats: 25,
      publicAnxiety: 23,
      otherPoliceInfo: 24,
      leaderSpeech: 25,
      largeSecurity: 26,
      unrelated: 22,
      controversial: 20,
      personalSensitive: 26,
      personalMicroEvent: 26,
      personalImproper: 25,
      personalCriticism: 25,
      personalPayment: 26,
    },
    // 678 / 760, classifier-b7d2a009 frozen at 909dcf8 (measured once)
    precision: 678 / 760,
  },
};

describe.each(PARTS.filter((p) => FIRST_MEASUREMENTS[p.id]).map((p) => [p.title, p] as const))(
  '%s: printed, and never below its first measurement',
  (title, part) => {
    const first = FIRST_MEASUREMENTS[part.id];
    // the rules as they were measured: without the classifier
    const now = measureItems(part.samples, STARTER_LEXICON, CORPUS_ITEMS, null);
    afterAll(() => {
      process.stdout.write(`\n${formatItemReport(now, `${title} (${USE_TITLE[part.use]}), rules alone`).join('\n')}\n`);
    });

    it.each([...CORPUS_ITEMS])('%s holds its first-measured recall', (item) => {
      const q = now.items.find((i) => i.item === item);
      expect(q?.found ?? 0).toBeGreaterThanOrEqual(first?.found[item] ?? q?.positives ?? 0);
    });

    it('holds its first-measured precision', () => {
      expect(now.overall.precision).toBeGreaterThanOrEqual(first?.precision ?? 1);
    });
  },
);

/**
 * An item of a part once kept out found fewer times than at its first measurement, by a round taken for what it
 * did on the folds; the first measurement stays on record above, and this is the reading since, and why.
 */
const FOUND_LOWERED: Partial<Record<CorpusPart['id'], Partial<Record<ScreeningCategoryId, number>>>> = {
  // The thirty-first round's model reads 第十七条（二）4 at 2.8%, over the assent, in a repost whose quoted case
  // report returns a stolen necklace to 阿姨 (h37-otherPoliceInfo-p21), so the rule's hit there, set aside before,
  // stands, and a named item drops the residual （二）7 (docs/screening.md, the thirty-first round)
  h37: { otherPoliceInfo: 25 },
};

describe.each(
  PARTS.filter((p) => FIRST_WITH_CLASSIFIER[p.id] && p.use !== 'keptOut').map((p) => [p.title, p] as const),
)('%s, once kept out: with 语义研判, never below its first measurement', (title, part) => {
  // A part the classifier now learns from is held to what it read before it learned from it.
  const first = FIRST_WITH_CLASSIFIER[part.id];
  const now = measureItems(part.samples, STARTER_LEXICON, CORPUS_ITEMS, defaultClassifier());
  afterAll(() => {
    process.stdout.write(`\n${formatItemReport(now, `${title} (${USE_TITLE[part.use]}), with 语义研判`).join('\n')}\n`);
  });

  it.each([...CORPUS_ITEMS])('%s holds its first-measured recall', (item) => {
    const q = now.items.find((i) => i.item === item);
    const floor = Math.min(first?.found[item] ?? q?.positives ?? 0, FOUND_LOWERED[part.id]?.[item] ?? Infinity);
    expect(q?.found ?? 0).toBeGreaterThanOrEqual(floor);
  });

  it('holds its first-measured precision', () => {
    expect(now.overall.precision).toBeGreaterThanOrEqual(first?.precision ?? 1);
  });
});

/**
 * A kept-out part's precision floor with the classifier, lowered after its first measurement by a change of
 * method chosen on the folds, never on the part. The first measurement stays on record above; this is the
 * reading since, and why.
 */
const PRECISION_LOWERED: Partial<Record<CorpusPart['id'], number>> = {
  // (Held-out 28's was lowered to 584/627 by MIN_UNITS 20 → 16, docs/screening.md, twenty-sixth round's stop, until
  // the twenty-seventh round learned from it.)
  // A repost's own comment read on its own as well (692f41e), chosen on held-out 28 read by a model trained without
  // it (580 → 588 of 728, 40 → 41 false alarms): 18 positives more and 5 false alarms more here (docs/screening.md,
  // held-out 35)
  h35: 666 / 730,
  // A short post with lines read as one window as well, chosen on held-out 7 and 8 with their sentences broken into
  // lines and on held-out 10, each read by a model trained without it: 18 positives more and 5 false alarms more
  // here, no item below its first measurement (docs/screening.md, held-out 36)
  h36: 668 / 726,
};

/** Whether a first measurement met issue 17's target: every item ≥ 90% recall, precision ≥ 95%. */
function firstMetTarget(part: CorpusPart, first: FirstMeasurement | undefined): boolean {
  if (!first) return false;
  return (
    first.precision >= PRECISION_TARGET &&
    CORPUS_ITEMS.every((item) => {
      const positives = part.samples.filter((s) => s.item === item && s.positive).length;
      return positives === 0 || (first.found[item] ?? 0) / positives >= RECALL_TARGET;
    })
  );
}

if (KEPT_OUT_PARTS.length === 0) {
  describe('the part kept out of rule writing', () => {
    afterAll(() => {
      process.stdout.write(
        `\nno part is kept out of rule writing now: every part above is tuning or training data; the next independent part is added only after the rules are frozen\n`,
      );
    });

    it('is none until the next independent part is added: every part is tuning or training data', () => {
      expect(PARTS.filter((p) => p.use === 'keptOut')).toEqual([]);
      expect(TRAINING_PARTS).toHaveLength(PARTS.length);
    });
  });
}
for (const keptOut of KEPT_OUT_PARTS) {
  describe.each([
    ['the rules with the classifier (as screen() reads)', FIRST_WITH_CLASSIFIER, defaultClassifier()],
    ['the rules alone', FIRST_MEASUREMENTS, null],
  ] as const)(`the part kept out of rule writing (${keptOut.title}): %s`, (reader, records, classifier) => {
    // Issue 17's target is asserted on a kept-out part unless its first measurement is on record
    // and missed it; then that first measurement is the floor the part is held to.
    const first = records[keptOut.id];
    const met = first === undefined || firstMetTarget(keptOut, first);
    const now = measureItems(keptOut.samples, STARTER_LEXICON, CORPUS_ITEMS, classifier);
    afterAll(() => {
      process.stdout.write(
        `\n${formatItemReport(now, `${keptOut.title} (kept out), ${reader}`).join('\n')}\nissue 17's target on the kept-out part (${keptOut.title}), ${reader}: ${first === undefined ? 'first measurement not yet on record' : met ? 'MET at its first measurement' : 'NOT MET at its first measurement'}\n`,
      );
    });

    const floor = (item: ScreeningCategoryId): number => {
      if (met) return RECALL_TARGET;
      const positives = keptOut.samples.filter((s) => s.item === item && s.positive).length;
      return positives === 0 ? 1 : (first?.found[item] ?? positives) / positives;
    };

    it.each([...CORPUS_ITEMS])(
      `%s: recall ≥ ${RECALL_TARGET * 100}% unless a first measurement below it is on record, else ≥ that measurement`,
      (item) => {
        expect(now.items.find((i) => i.item === item)?.recall ?? 0).toBeGreaterThanOrEqual(floor(item) - 1e-9);
      },
    );

    it(`precision ≥ ${PRECISION_TARGET * 100}% unless a first measurement below it is on record, else ≥ that measurement`, () => {
      const lowered = classifier ? PRECISION_LOWERED[keptOut.id] : undefined;
      const floor = met ? PRECISION_TARGET : Math.min(first?.precision ?? 1, lowered ?? 1);
      expect(now.overall.precision).toBeGreaterThanOrEqual(floor - 1e-12);
    });
  });
}

describe('the default rules', () => {
  it('are valid data, each with its own id and name, as the rule editor would require', () => {
    const rules = STARTER_LEXICON.rules ?? [];
    expect(rules.flatMap((r) => ruleProblems(r).map((p) => `${r.id}: ${p.message}`))).toEqual([]);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });
});

describe('everyday police posts (test/screening-corpus/everyday.ts)', () => {
  it.each(EVERYDAY_POSTS.map((p) => [p.text.slice(0, 24), p] as const))(
    '%s… screens as 一般 with nothing but 第十七条（二）7 beyond its labels',
    (_, post) => {
      const r = screen({ text: post.text, context: { kind: 'post', accountKind: 'institutional' } }, STARTER_LEXICON);
      const beyond = [...new Set(r.hits.map((h) => h.category))].filter(
        (c) => c !== 'otherPoliceInfo' && !post.expected.includes(c),
      );
      expect({ beyond, blocked: r.blocked }).toEqual({ beyond: [], blocked: false });
      if (post.expected.length === 0) expect(r.level).toBe('ordinary');
    },
  );
});
