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
import { measureQuality, measureReaders, type ItemLabelled, type ReaderQuality } from './quality';
import { defaultClassifier } from './screen';
import { formatReaders } from '../../tools/screening-quality';
import { STARTER_LEXICON } from './starter-lexicon';

/** [precision, recall] floors per category. */
const FLOORS: Partial<Record<ScreeningCategoryId, [number, number]>> = {
  // p01 (an officer's own post: 这种黑警真是给我们警察丢脸) loses its 损害形象 in the twenty-fifth round: the model
  // reads the item in it at 0.09%, under the assent, so 语义复核 sets the five rules that fired aside; the
  // twenty-seventh's reads it again; the thirty-first's reads it at 0.002% and the post screens with nothing (on an
  // officer's own account the model has learned 损害形象 from no post: training 20, written to teach it, was not
  // taken, docs/screening.md)
  reputation: [1.0, 0.5],
  massIncident: [1.0, 1.0],
  // c17 (姐弟团聚 after a long search), 语义研判's false alarm since the tenth round, is gone in the twelfth
  politicsEthnicReligion: [1.0, 1.0],
  crimeDetail: [1.0, 1.0],
  policyCriticism: [1.0, 1.0],
  // p02 (有网友爆料称某派出所民警酒后驾车撞伤路人…) loses its 未经核准 in the twenty-third round: the model no
  // longer reads the item in it, so 语义复核 sets the 网友爆料 term and the hearsay rule aside (its 损害形象 and
  // officer's crime stand); the twenty-fourth's reads it again, the twenty-seventh's does not, the thirty-first's does
  unverifiedPolice: [1.0, 0.75],
  // p56 (據說…內部消息，別外傳) has lost its 涉密 since the fourteenth round: the model reads no secret in it
  // (0.004% in the fifteenth), so 语义复核 sets the secret mark and both rules aside; its 未经核准 still stands
  secret: [1.0, 0.8],
  // the thirteenth to seventeenth rounds' models read p34 (a 12-year-old robbery victim named with his school
  // and class, labelled 第十七条（二）4 only) as 隐私 too: a false alarm by this corpus's labels, if not by
  // 第十七条（一）8; the eighteenth's does not, those from the nineteenth on do again
  privacy: [0.88, 1.0],
  sobStory: [1.0, 1.0],
  // p43 (搭车被拒引发争议…评论区说说你的看法) is labelled 第十七条（二）11 only; the rule for a social
  // controversy retold (issue 17) flags it as a hot issue too (p59's reading as one is gone since the
  // eleventh round; read again in the thirteenth, from the nineteenth to the twenty-fifth and in the thirty-first:
  // 校园欺凌事件引发关注 beside the vulnerable child it is about)
  hotIssue: [0.5, 1.0],
  // c23 (a 派出所's office phone and address, 欢迎群众来访: labelled clean) was read as commercial in the
  // thirty-second round, at 0.75 precision: a contact line read as an advertisement; not from the thirty-third on
  commercial: [1.0, 1.0],
  foreignMedia: [1.0, 1.0],
  stabilityPetition: [1.0, 1.0],
  // p30 (一辅警冒充民警招摇撞骗，已被依法刑事拘留) was missed as an official's crime until the twentieth round and
  // is again in the twenty-third; found again in the twenty-fourth
  officialCrime: [1.0, 1.0],
  // p12's 命案 (a rumour of an arrest) was set aside by 语义复核 in the twelfth round, read as a major case in
  // the thirteenth and fourteenth, and is set aside again in the fifteenth; p52's false alarm (a 机密★ 侦查方案
  // read as a major case) is gone since the twelfth round. p25 and p26 are foreign cases reposted: also major,
  // unlabelled. p45 (an officer's own post: 城南发生一起重大恶性案件，死了两个人) loses its major case in the
  // twenty-fifth round (the model reads none; 语义复核 sets the 恶性案件 term aside), its 第十八条 stands
  majorCase: [0.5, 0.4],
  // c10 (a warning to the elderly about 保健品 frauds) was 语义研判's false alarm in the eleventh round and the
  // fourteenth; it is gone in the fifteenth, read again in the thirty-second and gone in the thirty-third
  vulnerable: [1.0, 1.0],
  // p46 (an officer's own post: 今年我们所辖区的发案数比去年少了三成，统计数据说明一切) loses its 统计数据 in the
  // thirty-first round, as in the thirtieth, which was not taken: on an officer's own account the model reads
  // figures as 第十八条's (统计数据 at 0.02% here), so 语义复核 sets the term and the statistics rule aside. Its
  // 第十八条 stands: the post still needs the desk's consent. It has its 统计数据 back in the thirty-second round and
  // loses it again in the thirty-third
  safetyStats: [1.0, 0.66],
  // the twentieth round's model reads p35 (a 七旬老人 defrauded of 30万元 of savings, labelled 第十七条（二）4
  // only) as threatening the public's sense of safety too: a false alarm by this corpus's labels; the
  // twenty-first's and twenty-second's do not, the twenty-third's and twenty-fourth's do, the twenty-fifth's
  // does not
  publicAnxiety: [0.5, 1.0],
  otherPoliceInfo: [0.2, 1.0],
  leaderSpeech: [1.0, 1.0],
  largeSecurity: [1.0, 1.0],
  unrelated: [1.0, 0.5],
  // p22 (某明星偷税事件…网友吵翻了，你怎么看？) is a hot issue; its 网友吵翻 is set aside by the twelfth round's
  // 语义复核 (the term misfires on the training parts and the model reads no controversy of its own in it). In
  // the fifteenth, p43 (搭车被拒引发争议…评论区说说你的看法) loses its controversy the same way: neither is found,
  // and nothing else is read as controversial here (precision unmeasured). The sixteenth round's model reads
  // p43's controversy again (语义复核 keeps it) and the seventeenth's too; p22's is still set aside. The
  // eighteenth's reads neither, those from the nineteenth on p43's again. The per-item corpus holds the item.
  controversial: [1.0, 0.5],
  // p12 (a personal post: 听说…十年前的命案逃犯) lost its 第十八条 in the eleventh round (the 命案 term and the
  // rule for a personal account's case news doubted), had it in the fourteenth, lost it again in the
  // fifteenth and sixteenth, had it back in the seventeenth, and loses it in the eighteenth (the model reads
  // no 第十八条 in a rumour told as 听说…具体还不清楚); the nineteenth's does not either, the twentieth's and
  // twenty-first's do, the twenty-second's does not, the twenty-third's does, the twenty-fourth's does not,
  // the twenty-fifth's does
  personalSensitive: [1.0, 1.0],
  // the twelfth round's model reads p44 (今晚8点我将在抖音开启微直播，和大家聊聊当警察的那些事儿, labelled
  // clean: a 微直播 about police work) as 第十八条's 微直播 beyond police work: a false alarm until the
  // eighteenth round; the nineteenth's model does not, the twentieth's to twenty-third's do again
  personalMicroEvent: [0.5, 1.0],
  sourceMissing: [1.0, 1.0],
  // p01 (an officer's post calling a traffic officer who shoved people 黑警…给我们警察丢脸) keeps its 损害形象 until
  // the twenty-fifth round (see reputation: that round's model finds nothing in it) but loses its 第四十条 from the
  // sixteenth round on; the sixteenth, seventeenth and nineteenth rounds' models read
  // it as 第四十一条 instead (an officer publicly blaming another unit's officer), the eighteenth's and those
  // from the twentieth on do not (nothing is read as 第四十一条 here then, so it has no floor)
  // p14 (a 专案组 meeting's arrest plan, screenshot shared) is read as 第四十条 beside the secret it is (leaking
  // one, in the article's words) from the eleventh round to the thirteenth, in the nineteenth, twenty-first and
  // twenty-second; not in the twenty-third, and again in the twenty-seventh (a false alarm by this corpus's
  // labels, one of three readings); not in the thirty-first
  personalImproper: [0.66, 0.5],
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
    // 0.88 and 0.92 before the tenth round's model and 语义复核, 0.87 after (the floors above say which
    // texts moved); 0.90 since the eleventh round's; 0.92 and 0.90 since the twelfth's (p22 loses its
    // controversy and p12 its major case to 语义复核; c10, c17 and p52 are no longer false alarms); 0.90 since
    // the thirteenth's (p34 read as 隐私 and p59 as a hot issue besides the vulnerable victims they are) and the
    // fourteenth's; 0.92 and 0.88 since the fifteenth's (p12 loses its major case and 第十八条 and p43 its
    // controversy to 语义复核; c10, p01 and p59 are no longer false alarms); 0.91 and 0.89 since the sixteenth's
    // (p43 has its controversy back; p01 is read as 第四十一条 rather than 第四十条); recall 0.90 since the
    // seventeenth's (p12 has its 第十八条 back); 0.93 and 0.88 since the eighteenth's (p01 and p34 are no
    // longer false alarms; p12 loses its 第十八条 and p43 its controversy again); 0.90 and 0.89 since the
    // nineteenth's (p01, p14, p34 and p59 read as an item more than their labels; p43 has its controversy back);
    // recall 0.91 since the twentieth's (p12 has its 第十八条 back, p30 its official's crime; p35 and p44 are
    // read as an item more than their labels, p01 and p14 no longer) and the twenty-first's (p14 as 第四十条
    // again, p35 no longer); 0.90 since the twenty-second's (p12 loses its 第十八条 again); 0.89 since the
    // twenty-third's (p02 loses its 未经核准 and p30 its official's crime; p12 has its 第十八条 back); 0.90 since
    // the twenty-fourth's (p02 and p30 have theirs back; p12 loses its 第十八条 again); 0.91 and 0.89 since the
    // twenty-fifth's (p01 loses its 损害形象 and p45 its major case; p12 has its 第十八条 back, p35 is no longer a
    // false alarm); recall 0.88 since the thirty-first's (p01 loses its 损害形象 again and p46 its 统计数据, p02 has
    // its 未经核准 back; p59 is read as a hot issue, p14 no longer as 第四十条); 0.90 and 0.89 since the
    // thirty-second's (p46 has its 统计数据 back; c10 and c23 are false alarms, a warning to the elderly read as
    // 第十七条（二）4 and a contact line as commercial: docs/screening.md); 0.92 and 0.88 since the thirty-third's
    // (p46 loses its 统计数据 again; c10 and c23 are no longer false alarms)
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.92);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.88);
  });
});

describe('measureReaders: how often each term, rule and detector fired rightly', () => {
  const text = '据路透社报道，某国发生一起枪击案，造成多人死亡。';
  const sample = (over: Partial<ItemLabelled>): ItemLabelled => ({
    id: 'x',
    item: 'foreignMedia',
    positive: true,
    accountKind: 'institutional',
    text,
    also: [],
    ...over,
  });
  const find = (readers: ReaderQuality[], category: string, name: string) =>
    readers.find((r) => r.category === category && r.name === name);

  it('counts a firing right on a positive of its item, wrong where no label allows it, and neither where `also` does', () => {
    const readers = measureReaders(
      [sample({}), sample({ id: 'y', item: 'majorCase', positive: false }), sample({ id: 'z', also: ['majorCase'] })],
      STARTER_LEXICON,
    );
    // two readers name the outlet: each right twice (x, z), wrong once (y), and neither finds it alone
    expect(find(readers, 'foreignMedia', '据路透社')).toMatchObject({
      source: 'lexicon',
      right: 2,
      wrong: 1,
      alone: 0,
    });
    expect(find(readers, 'foreignMedia', '引用境外媒体网站')).toMatchObject({ source: 'rule', right: 2, wrong: 1 });
    // the shooting's major-case rule: wrong on x and y, allowed on z
    const major = readers.filter((r) => r.category === 'majorCase');
    expect(major.length).toBeGreaterThan(0);
    for (const r of major) expect(r).toMatchObject({ right: 0, wrong: 2 });
    // worst first
    expect(readers[0]?.wrong - readers[0]?.right).toBe(Math.max(...readers.map((r) => r.wrong - r.right)));
  });

  it('names 语义研判 once, whatever its confidence, and counts a positive found by one reader alone', () => {
    // the demo draft no term or rule names (docs/screens/pages-post-edit--classifier.png)
    const draft = '小区里那个哭着找妈妈的小女孩，脸上身上全是伤，据说是被继父打的，照片我们先发出来，大家帮忙转发。';
    const readers = measureReaders(
      [
        sample({ text: draft, item: 'privacy' }),
        sample({ id: 'y', text: draft, item: 'privacy', also: ['unverifiedPolice'] }),
      ],
      STARTER_LEXICON,
      defaultClassifier(),
    );
    expect(readers.map((r) => [r.source, r.name, r.category, r.right, r.wrong, r.alone])).toEqual([
      ['classifier', '语义研判', 'unverifiedPolice', 0, 1, 0],
      ['classifier', '语义研判', 'privacy', 2, 0, 2],
    ]);
  });

  it('prints the readers that fired wrongly, worst first (tools/screening-quality.ts --by-rule)', () => {
    const readers = measureReaders([sample({ item: 'majorCase', positive: false })], STARTER_LEXICON);
    const lines = formatReaders(readers, 'one near miss');
    expect(lines[0]).toBe(
      `terms, rules and detectors on one near miss, worst first (${readers.length} of ${readers.length} fired wrongly at least once)`,
    );
    expect(lines).toHaveLength(2 + readers.length);
    expect(lines.some((l) => /^\s+0\s+1\s+0\s+foreignMedia\s+lexicon\s+据路透社$/.test(l))).toBe(true);
  });
});
