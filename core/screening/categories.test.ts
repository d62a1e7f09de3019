import type { ScreeningCategoryId } from '../../typings/screening';
import {
  appliesTo,
  categoryOf,
  coveredBySpecific,
  formatRef,
  higherLevel,
  preferSpecific,
  SCREENING_CATEGORIES,
} from './categories';
import { buildMatcher } from './matcher';
import { STARTER_LEXICON } from './starter-lexicon';

const ofClause = (clause: number) =>
  SCREENING_CATEGORIES.filter((c) => c.ref.article === 17 && c.ref.clause === clause).sort(
    (a, b) => (a.ref.item ?? 0) - (b.ref.item ?? 0),
  );

describe('category table', () => {
  it('has every item of 第十七条（一）1–12 exactly once, each a block', () => {
    const forbidden = ofClause(1);
    expect(forbidden.map((c) => c.ref.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(forbidden.every((c) => c.effect === 'block' && c.scope === 'all')).toBe(true);
  });

  it('has every item of 第十七条（二）1–11 exactly once, each a caution with a level floor', () => {
    const caution = ofClause(2);
    expect(caution.map((c) => c.ref.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const c of caution) {
      expect(c.effect).toBe('caution');
      if (c.effect === 'caution') expect(['ordinary', 'major', 'especiallyMajor']).toContain(c.levelFloor);
    }
  });

  it('binds 第十八条 and 第四十条 to personal accounts and has 第二十一条', () => {
    const byArticle = (n: number) => SCREENING_CATEGORIES.filter((c) => c.ref.article === n);
    expect(byArticle(18).map((c) => c.scope)).toEqual(['personalPost', 'personalPost']);
    expect(byArticle(40).map((c) => c.scope)).toEqual(['personalPost']);
    expect(byArticle(21).map((c) => c.id)).toEqual(['sourceMissing']);
  });

  it('has the message-triage categories for 第二十二、二十三、二十四、二十五、二十八条', () => {
    const triage = SCREENING_CATEGORIES.filter((c) => c.effect === 'triage');
    expect(triage.map((c) => c.ref.article)).toEqual(expect.arrayContaining([22, 23, 24, 25, 28]));
    expect(triage.every((c) => c.scope === 'message')).toBe(true);
  });

  it('has unique ids and Chinese titles', () => {
    const ids = SCREENING_CATEGORIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SCREENING_CATEGORIES) expect(c.title).toMatch(/[\u4e00-\u9fa5]/);
    expect(() => categoryOf('nope' as never)).toThrow();
  });

  it('formats article references as the regulation writes them', () => {
    expect(formatRef(categoryOf('privacy').ref)).toBe('第十七条（一）8');
    expect(formatRef(categoryOf('foreignMedia').ref)).toBe('第十七条（一）12');
    expect(formatRef(categoryOf('controversial').ref)).toBe('第十七条（二）11');
    expect(formatRef(categoryOf('personalSensitive').ref)).toBe('第十八条');
    expect(formatRef(categoryOf('sourceMissing').ref)).toBe('第二十一条');
    expect(formatRef(categoryOf('personalImproper').ref)).toBe('第四十条');
  });
});

describe('scope and level helpers', () => {
  it('applies personal-only categories to personal posts and triage to messages', () => {
    const personal = { kind: 'post', accountKind: 'personal' } as const;
    const institutional = { kind: 'post', accountKind: 'institutional' } as const;
    const message = { kind: 'message' } as const;
    expect([personal, institutional, message].map((c) => appliesTo(categoryOf('personalImproper'), c))).toEqual([
      true,
      false,
      false,
    ]);
    expect([personal, institutional, message].map((c) => appliesTo(categoryOf('abusive'), c))).toEqual([
      false,
      false,
      true,
    ]);
    expect([personal, institutional, message].map((c) => appliesTo(categoryOf('privacy'), c))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('orders levels', () => {
    expect(higherLevel('ordinary', 'major')).toBe('major');
    expect(higherLevel('especiallyMajor', 'major')).toBe('especiallyMajor');
    expect(higherLevel('ordinary', 'ordinary')).toBe('ordinary');
  });
});

describe('starter lexicon', () => {
  it('builds without problems', () => {
    const m = buildMatcher(STARTER_LEXICON);
    expect(m.problems).toEqual([]);
    expect(m.ruleCount).toBe(STARTER_LEXICON.terms.length);
  });

  it('has terms or default rules for every category a detector or the platform does not cover alone', () => {
    const covered = new Set([
      ...STARTER_LEXICON.terms.map((t) => t.category),
      ...(STARTER_LEXICON.rules ?? []).map((r) => r.category),
    ]);
    const byDetectorOnly = new Set(['sourceMissing', 'platformRisky', 'platformReview', 'credential']);
    for (const c of SCREENING_CATEGORIES)
      if (!byDetectorOnly.has(c.id))
        expect({ id: c.id, covered: covered.has(c.id) }).toEqual({ id: c.id, covered: true });
  });
});

describe('the personal articles over 第十七条 on a personal post (preferSpecific)', () => {
  const hits = (...ids: ScreeningCategoryId[]) => ids.map((category) => ({ category }));
  const kept = (...ids: ScreeningCategoryId[]) => preferSpecific(hits(...ids)).map((h) => h.category);

  it('drops the general item the specific article repeats', () => {
    // 第十八条 names 伤害未成年人案件、群体性事件 for personal accounts; 第十七条（二）4/1 only repeat it
    expect(kept('personalSensitive', 'vulnerable', 'stabilityPetition')).toEqual(['personalSensitive']);
    // 第四十一条 is an officer's criticism of police organs; 第十七条（一）1 repeats it
    expect(kept('reputation', 'personalCriticism')).toEqual(['personalCriticism']);
    // 第十八条's micro-events unrelated to police work are （二）10's topic
    expect(kept('personalMicroEvent', 'unrelated')).toEqual(['personalMicroEvent']);
  });

  it('never lowers what the post must go through', () => {
    // safetyStats asks 特别重大 (especiallyMajor), 第十八条 only 重大: both stay
    expect(kept('personalSensitive', 'safetyStats')).toEqual(['personalSensitive', 'safetyStats']);
    // a block is never dropped for a caution
    expect(kept('personalSensitive', 'reputation')).toEqual(['personalSensitive', 'reputation']);
  });

  it('leaves posts without a personal article alone', () => {
    expect(kept('majorCase', 'vulnerable', 'reputation')).toEqual(['majorCase', 'vulnerable', 'reputation']);
  });
});

describe('coveredBySpecific (语义研判 adds no general item a personal article already says)', () => {
  it('is true where a specific article found lists the item and asks at least as much of the post', () => {
    expect(coveredBySpecific('vulnerable', [{ category: 'personalSensitive' }])).toBe(true);
    expect(coveredBySpecific('unrelated', [{ category: 'personalMicroEvent' }])).toBe(true);
  });

  it('is false for an item no specific article found covers', () => {
    expect(coveredBySpecific('vulnerable', [{ category: 'reputation' }])).toBe(false);
    expect(coveredBySpecific('majorCase', [{ category: 'personalSensitive' }])).toBe(false);
    expect(coveredBySpecific('vulnerable', [])).toBe(false);
  });
});
