/**
 * Holds screening quality on the labelled corpus (test/screening-corpus) at the levels reached:
 * each floor is the measured value rounded down to two decimals. Raise a floor when the lexicon or
 * a detector gets better; a change that lowers one must say why. Print the figures with
 * `npx tsx tools/screening-quality.ts`.
 *
 * The combination rules (issue 17) lowered some precision floors here: they flag what this older
 * corpus did not label — a case report is also 其他警务信息 (第十七条（二）7), an armed robbery also a
 * major case. The per-item corpus (items-quality.test.ts) measures the rules themselves.
 */
import type { ScreeningCategoryId } from '../../typings/screening';
import { labelled, SCREENING_CORPUS } from '../../test/screening-corpus/corpus';
import { measureQuality } from './quality';
import { STARTER_LEXICON } from './starter-lexicon';

/** [precision, recall] floors per category. */
const FLOORS: Partial<Record<ScreeningCategoryId, [number, number]>> = {
  reputation: [1.0, 1.0],
  massIncident: [1.0, 1.0],
  politicsEthnicReligion: [1.0, 1.0],
  crimeDetail: [1.0, 1.0],
  policyCriticism: [1.0, 1.0],
  unverifiedPolice: [0.8, 1.0],
  secret: [1.0, 1.0],
  privacy: [1.0, 1.0],
  sobStory: [1.0, 1.0],
  // p43 (搭车被拒引发争议…评论区说说你的看法) is labelled 第十七条（二）11 only; the rule for a social
  // controversy retold (issue 17) flags it as a hot issue too. p59 (校园欺凌事件引发关注, labelled 第十七条
  // （二）4 only) is read by 语义研判 as one as well (since it learned from held-out 7, 8 and training 1).
  hotIssue: [0.5, 1.0],
  commercial: [1.0, 1.0],
  foreignMedia: [1.0, 1.0],
  stabilityPetition: [1.0, 1.0],
  officialCrime: [1.0, 0.75],
  majorCase: [0.57, 0.8],
  // 语义研判 (since held-out 7, 8 and training 1) reads c10, a warning to the elderly about 保健品 frauds,
  // as a case about them: a false alarm, left as measured rather than trained away.
  vulnerable: [0.75, 1.0],
  safetyStats: [1.0, 1.0],
  publicAnxiety: [1.0, 1.0],
  otherPoliceInfo: [0.2, 1.0],
  leaderSpeech: [1.0, 1.0],
  largeSecurity: [1.0, 1.0],
  unrelated: [1.0, 0.5],
  controversial: [1.0, 1.0],
  personalSensitive: [1.0, 1.0],
  personalMicroEvent: [1.0, 1.0],
  sourceMissing: [1.0, 1.0],
  personalImproper: [1.0, 0.5],
  policeReport: [1.0, 1.0],
  abusive: [1.0, 1.0],
  unlawful: [1.0, 0.66],
  complaint: [1.0, 0.8],
  helpRequest: [1.0, 1.0],
  negativePolice: [1.0, 1.0],
};

const report = measureQuality(SCREENING_CORPUS.map(labelled), STARTER_LEXICON);

describe('screening quality on the labelled corpus', () => {
  it('is a corpus of 80+ texts with clean ones and every kind of problem', () => {
    expect(SCREENING_CORPUS.length).toBeGreaterThanOrEqual(80);
    expect(SCREENING_CORPUS.filter((e) => e.expected.length === 0).length).toBeGreaterThanOrEqual(20);
    expect(new Set(SCREENING_CORPUS.map((e) => e.id)).size).toBe(SCREENING_CORPUS.length);
  });

  it('measures every category that has a floor, and has a floor for every category measured', () => {
    expect(report.perCategory.map((q) => q.category).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  it.each(Object.entries(FLOORS))('%s holds its precision and recall', (category, floors) => {
    const q = report.perCategory.find((c) => c.category === category);
    const [precision, recall] = floors ?? [1, 1];
    expect(q?.precision ?? 0).toBeGreaterThanOrEqual(precision);
    expect(q?.recall ?? 0).toBeGreaterThanOrEqual(recall);
  });

  it('holds overall precision and recall', () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.88);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.92);
  });
});
