import type { AccountResult, EvaluationMonth, EvaluationScheme, SchemeData } from '../../typings/evaluation';
import type { Account } from '../../typings/org';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import { DEFAULT_SCHEME_DATA, defaultScheme } from './default-scheme';
import { monthFacts, type MonthRecords } from './facts';
import {
  addMonths,
  evaluatedIn,
  monthEnd,
  monthStart,
  requireObjectable,
  requirePoints,
  requirePublishable,
  requireRunnable,
} from './month';
import { rollUp } from './rollup';
import { nextEditableMonth, requireEditableFrom, schemeFor, validateScheme } from './scheme';
import { scoreAccount } from './score';
import { circularContent } from './circular';

const MONTH = '2026-03';
const account = (over: Partial<Account> = {}): Account => ({
  ...(demoOrg().accounts.find((a) => a._id === 'acc-cs-weibo') as Account),
  ...over,
});

function records(over: Partial<MonthRecords> = {}): MonthRecords {
  const dayCounts = new Map<string, number>();
  for (let d = 1; d <= 31; d += 1) dayCounts.set(`${MONTH}-${String(d).padStart(2, '0')}`, 1);
  return {
    account: account(),
    dayCounts,
    messages: [],
    referrals: [],
    posts: [],
    refusals: [],
    events: [],
    incidents: [],
    lateRotations: [],
    directives: null,
    ...over,
  };
}

const scheme = (): SchemeData => structuredClone(DEFAULT_SCHEME_DATA);

describe('months (Beijing time)', () => {
  it('runs from the first to the last millisecond of the month in Beijing', () => {
    expect(new Date(monthStart('2026-03')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(new Date(monthEnd('2026-03')).toISOString()).toBe('2026-03-31T15:59:59.999Z');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});

describe('which accounts a month evaluates (account states, issue 12)', () => {
  const open = { state: 'active' as const, createdAt: '2026-01-05T09:00:00.000+08:00' };
  const closed = { ...open, state: 'closed' as const };
  const at = (s: string): string => `${s}+08:00`;
  it('takes an account open at any instant of the month, and no other', () => {
    expect(evaluatedIn(MONTH, open, [])).toBe(true);
    // closed on the 20th: open until then
    expect(evaluatedIn(MONTH, closed, [{ from: 'active', to: 'closed', at: at('2026-03-20T10:00:00.000') }])).toBe(
      true,
    );
    // closed last month, nothing since
    expect(evaluatedIn(MONTH, closed, [{ from: 'active', to: 'closed', at: at('2026-02-20T10:00:00.000') }])).toBe(
      false,
    );
    // closed next month: open all this month
    expect(evaluatedIn(MONTH, closed, [{ from: 'active', to: 'closed', at: at('2026-04-02T10:00:00.000') }])).toBe(
      true,
    );
    // approved, opened on the 25th
    expect(
      evaluatedIn(MONTH, { ...open, state: 'active', createdAt: at('2026-03-01T10:00:00.000') }, [
        { from: null, to: 'approved', at: at('2026-03-01T10:00:00.000') },
        { from: 'approved', to: 'active', at: at('2026-03-25T10:00:00.000') },
      ]),
    ).toBe(true);
    // approved but not opened before the month ended
    expect(
      evaluatedIn(MONTH, { ...open, state: 'active', createdAt: at('2026-03-01T10:00:00.000') }, [
        { from: null, to: 'approved', at: at('2026-03-01T10:00:00.000') },
        { from: 'approved', to: 'active', at: at('2026-04-03T10:00:00.000') },
      ]),
    ).toBe(false);
    // created after the month
    expect(evaluatedIn(MONTH, { ...open, createdAt: at('2026-04-01T00:00:00.000') }, [])).toBe(false);
  });
});

describe('facts from records', () => {
  it('counts the cadence of a daily account: every day of the month is a duty day', () => {
    const counts = new Map(records().dayCounts);
    counts.delete('2026-03-05');
    counts.delete('2026-03-20');
    const f = monthFacts(MONTH, records({ dayCounts: counts }));
    expect(f.cadence).toMatchObject({ applicable: true, rule: 'daily', dutyDays: 31, metDays: 29, published: 29 });
    expect(f.cadence.missedDays).toEqual(['2026-03-05', '2026-03-20']);
  });

  it('takes only the month: messages of other months and referrals due elsewhere do not count', () => {
    const f = monthFacts(
      MONTH,
      records({
        messages: [
          { id: 'm1', receivedAt: '2026-03-01T00:00:00.000+08:00', closedAt: '2026-03-01T09:00:00.000+08:00' },
          { id: 'm2', receivedAt: '2026-03-31T23:00:00.000+08:00', closedAt: '2026-04-01T09:00:00.000+08:00' },
          { id: 'm0', receivedAt: '2026-02-28T23:59:59.999+08:00', closedAt: null },
        ],
        referrals: [
          {
            id: 'r1',
            departmentName: '刑侦支队',
            state: 'closed',
            dueAt: '2026-03-10T23:59:59.999+08:00',
            answeredAt: '2026-03-10T10:00:00.000+08:00',
          },
          {
            id: 'r2',
            departmentName: '交警支队',
            state: 'answered',
            dueAt: '2026-03-10T23:59:59.999+08:00',
            answeredAt: '2026-03-12T10:00:00.000+08:00',
          },
          {
            id: 'r3',
            departmentName: '治安支队',
            state: 'signed',
            dueAt: '2026-03-29T23:59:59.999+08:00',
            answeredAt: null,
          },
          {
            id: 'r4',
            departmentName: '网安支队',
            state: 'returned',
            dueAt: '2026-03-29T23:59:59.999+08:00',
            answeredAt: null,
          },
          {
            id: 'r5',
            departmentName: '网安支队',
            state: 'signed',
            dueAt: '2026-04-02T23:59:59.999+08:00',
            answeredAt: null,
          },
        ],
      }),
    );
    expect(f.messages).toMatchObject({ received: 2, answered: 1 });
    expect(f.messages.unanswered.map((e) => e.id)).toEqual(['m2']);
    expect(f.referrals.due).toBe(3);
    expect(f.referrals.onTime).toBe(1);
    expect(f.referrals.late.map((l) => [l.id, l.overdueDays])).toEqual([
      ['r2', 2],
      ['r3', 2],
    ]);
  });

  it('finds sent-back posts, refused publications and silence during a declared event', () => {
    const f = monthFacts(
      MONTH,
      records({
        posts: [
          {
            id: 'p1',
            title: '反诈提醒',
            decisions: [
              { kind: 'sendBack', at: '2026-03-03T10:00:00.000+08:00', comment: '数据需核实' },
              { kind: 'sendBack', at: '2026-02-27T10:00:00.000+08:00', comment: '' },
              { kind: 'approve', at: '2026-03-04T10:00:00.000+08:00', comment: '' },
            ],
            publishedAt: '2026-03-04T12:00:00.000+08:00',
          },
        ],
        refusals: [{ id: 'x1', postId: 'p2', at: '2026-03-06T10:00:00.000+08:00', code: 'NOT_APPROVED' }],
        events: [
          {
            id: 'e1',
            title: '某地涉警舆情',
            from: '2026-03-04T08:00:00.000+08:00',
            to: '2026-03-04T20:00:00.000+08:00',
          },
          { id: 'e2', title: '另一舆情', from: '2026-03-10T08:00:00.000+08:00', to: '2026-03-11T08:00:00.000+08:00' },
        ],
      }),
    );
    expect(f.review.sentBack.map((e) => e.id)).toEqual(['p1']);
    expect(f.review.refusedPublish.map((e) => e.id)).toEqual(['x1']);
    expect(f.silentDuring.map((e) => e.id)).toEqual(['e2']);
  });

  it('exempts a personal account from cadence', () => {
    const personal = demoOrg().accounts.find((a) => a.kind === 'personal') as Account;
    const f = monthFacts(MONTH, records({ account: personal }));
    expect(f.cadence.applicable).toBe(false);
  });
});

describe('scoring', () => {
  it('gives a perfect month 100 and grades it', () => {
    const out = scoreAccount({
      month: MONTH,
      facts: monthFacts(MONTH, records()),
      scheme: scheme(),
      adjustments: [],
      withdrawn: new Set(),
    });
    expect(out.score).toBe(100);
    expect(out.grade).toBe('优秀');
    // Messages, referrals and linkage do not apply: the score is out of the indicators that do.
    expect(out.indicators.filter((i) => i.applicable).map((i) => i.key)).toEqual([
      'cadence',
      'reviewDiscipline',
      'security',
    ]);
  });

  it('scores each indicator from its facts and makes one deduction line per record, with article and evidence', () => {
    const counts = new Map(records().dayCounts);
    for (const d of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']) counts.delete(`${MONTH}-${d}`);
    const facts = monthFacts(
      MONTH,
      records({
        dayCounts: counts,
        messages: [
          { id: 'm1', receivedAt: '2026-03-02T10:00:00.000+08:00', closedAt: '2026-03-02T11:00:00.000+08:00' },
          { id: 'm2', receivedAt: '2026-03-02T10:00:00.000+08:00', closedAt: null },
        ],
        referrals: [
          {
            id: 'r1',
            departmentName: '刑侦支队',
            state: 'signed',
            dueAt: '2026-03-30T23:59:59.999+08:00',
            answeredAt: null,
          },
        ],
        refusals: [{ id: 'x1', postId: 'p2', at: '2026-03-06T10:00:00.000+08:00', code: 'NOT_APPROVED' }],
      }),
    );
    const out = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [], withdrawn: new Set() });
    const earned = Object.fromEntries(out.indicators.map((i) => [i.key, i.earned]));
    expect(earned).toMatchObject({
      cadence: 16.94,
      messagesAnswered: 7.5,
      referralsOnTime: 0,
      reviewDiscipline: 10,
      security: 10,
    });
    // (16.94 + 7.5 + 0 + 10 + 10) / (25 + 15 + 15 + 15 + 10) × 100
    expect(out.indicatorScore).toBe(55.55);
    expect(out.lines.map((l) => [l.rule, l.article, l.points, l.evidence.collection, l.evidence.id])).toEqual([
      ['referralOverdue', '第二十七条', 1, 'referrals', 'r1'],
      ['publishRefused', '第十五条', 2, 'publishRefusals', 'x1'],
    ]);
    expect(out.deducted).toBe(3);
    expect(out.score).toBe(52.55);
    expect(out.grade).toBe('不合格');
  });

  it('withdraws a line whose objection was upheld, caps deductions and bonuses, adds manual lines', () => {
    const facts = monthFacts(
      MONTH,
      records({
        refusals: Array.from({ length: 20 }, (_, i) => ({
          id: `x${String(i).padStart(2, '0')}`,
          postId: 'p',
          at: '2026-03-06T10:00:00.000+08:00',
          code: 'NOT_APPROVED',
        })),
      }),
    );
    const first = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [], withdrawn: new Set() });
    expect(first.deducted).toBe(30); // 20 × 2, capped at 30
    const bonus = {
      _id: 'adj-1',
      month: MONTH,
      accountId: facts.accountId,
      kind: 'bonus' as const,
      article: '第三十六条',
      points: 8,
      reason: '获公安部表彰',
      evidence: { collection: 'posts', id: 'p9', note: '表彰文件' },
      by: 'p',
      at: '2026-04-02T10:00:00.000+08:00',
    };
    const ids = new Set(first.lines.slice(0, 6).map((l) => l.id));
    const second = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [bonus], withdrawn: ids });
    expect(second.lines.filter((l) => l.withdrawn)).toHaveLength(6);
    expect(second.deducted).toBe(28);
    expect(second.bonus).toBe(5);
    expect(second.lines.at(-1)).toMatchObject({ source: 'manual', kind: 'bonus', article: '第三十六条' });
  });

  it('gives the same bytes for the same facts', () => {
    const a = scoreAccount({
      month: MONTH,
      facts: monthFacts(MONTH, records()),
      scheme: scheme(),
      adjustments: [],
      withdrawn: new Set(),
    });
    const b = scoreAccount({
      month: MONTH,
      facts: monthFacts(MONTH, records()),
      scheme: scheme(),
      adjustments: [],
      withdrawn: new Set(),
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('credits late linkage responses by the scheme and lists the missed ones', () => {
    const facts = monthFacts(
      MONTH,
      records({
        directives: [
          { id: 'd1', title: '转发反诈', state: 'onTime', minutes: 30 },
          { id: 'd2', title: '转发寻人', state: 'late', minutes: 90 },
          { id: 'd3', title: '辟谣', state: 'none', minutes: null },
        ],
      }),
    );
    const out = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [], withdrawn: new Set() });
    expect(out.indicators.find((i) => i.key === 'linkageResponses')?.earned).toBe(10);
    expect(out.lines.filter((l) => l.rule === 'linkageMissed').map((l) => l.evidence.id)).toEqual(['d3']);
  });

  it('makes a line for each filing due in the month and filed late or not at all (第十四条)', () => {
    const facts = monthFacts(
      MONTH,
      records({
        filings: [
          { id: 'f1', event: 'open', dueAt: '2026-03-05T23:59:59.999+08:00', filedAt: '2026-03-09T10:00:00.000+08:00' },
          { id: 'f2', event: 'close', dueAt: '2026-03-10T23:59:59.999+08:00', filedAt: null },
          {
            id: 'f3',
            event: 'cancel',
            dueAt: '2026-03-12T23:59:59.999+08:00',
            filedAt: '2026-03-11T10:00:00.000+08:00',
          },
          { id: 'f4', event: 'open', dueAt: '2026-04-02T23:59:59.999+08:00', filedAt: null },
        ],
      }),
    );
    expect(facts.filings?.late.map((e) => [e.id, e.note])).toEqual([
      ['f1', '开设备案 2026-03-05 23:59 到期，2026-03-09 10:00 才报备'],
      ['f2', '关闭备案 2026-03-10 23:59 到期，月底前未报备'],
    ]);
    const out = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [], withdrawn: new Set() });
    expect(out.lines.filter((l) => l.rule === 'filingLate').map((l) => [l.evidence.id, l.article, l.points])).toEqual([
      ['f1', '第十四条', 1],
      ['f2', '第十四条', 1],
    ]);
  });

  it('takes the month’s security incidents and late password changes (第三十三条), each with its record', () => {
    const facts = monthFacts(
      MONTH,
      records({
        incidents: [
          {
            id: 'i1',
            kindLabel: '账号被盗',
            happenedAt: '2026-03-09T22:00:00.000+08:00',
            reportedAt: '2026-03-09T23:10:00.000+08:00',
          },
          // reported last month: that month's
          {
            id: 'i0',
            kindLabel: '误发布',
            happenedAt: '2026-02-28T10:00:00.000+08:00',
            reportedAt: '2026-02-28T11:00:00.000+08:00',
          },
        ],
        lateRotations: [
          {
            id: 'a1',
            dueAt: '2026-03-01T23:59:59.999+08:00',
            changedAt: '2026-03-05T10:00:00.000+08:00',
            recordedAt: '2026-03-05T10:05:00.000+08:00',
          },
        ],
      }),
    );
    expect(facts.security.incidents).toEqual([
      {
        collection: 'incidents',
        id: 'i1',
        note: '账号被盗（2026-03-09 22:00 发生，2026-03-09 23:10 报告）',
      },
    ]);
    expect(facts.security.lateRotations?.map((e) => [e.collection, e.id])).toEqual([['securityAttestations', 'a1']]);
    const out = scoreAccount({ month: MONTH, facts, scheme: scheme(), adjustments: [], withdrawn: new Set() });
    const security = out.indicators.find((i) => i.key === 'security');
    // weight 10 − 10 per incident − 2 per late change, not below 0
    expect(security?.earned).toBe(0);
    expect(security?.detail).toBe('安全事故 1 起，逾期更换密码 1 次');
    expect(security?.evidence.map((e) => e.id)).toEqual(['i1', 'a1']);
    const lines = out.lines.filter((l) => l.rule === 'securityIncident');
    expect(lines.map((l) => [l.evidence.collection, l.evidence.id, l.article, l.points])).toEqual([
      ['incidents', 'i1', '第三十三条', 5],
    ]);

    const onlyLate = monthFacts(
      MONTH,
      records({
        lateRotations: [
          {
            id: 'a1',
            dueAt: '2026-03-01T23:59:59.999+08:00',
            changedAt: '2026-03-05T10:00:00.000+08:00',
            recordedAt: '2026-03-05T10:05:00.000+08:00',
          },
        ],
      }),
    );
    const late = scoreAccount({
      month: MONTH,
      facts: onlyLate,
      scheme: scheme(),
      adjustments: [],
      withdrawn: new Set(),
    });
    expect(late.indicators.find((i) => i.key === 'security')?.earned).toBe(8);
    expect(late.lines.filter((l) => l.rule === 'securityIncident')).toEqual([]);
  });
});

describe('the scheme as versioned data', () => {
  const v = (version: number, fromMonth: string): EvaluationScheme => ({
    ...defaultScheme(),
    _id: `scheme-v${version}`,
    version,
    fromMonth,
  });

  it('applies the latest version that has started', () => {
    const versions = [v(1, '2026-02'), v(2, '2026-05')];
    expect(schemeFor('2026-01', versions).version).toBe(0);
    expect(schemeFor('2026-04', versions).version).toBe(1);
    expect(schemeFor('2026-05', versions).version).toBe(2);
  });

  it('is edited for the next period only', () => {
    const now = Date.parse('2026-04-15T10:00:00.000+08:00');
    expect(nextEditableMonth(now)).toBe('2026-05');
    expect(() => requireEditableFrom('2026-04', now)).toThrow('评估办法只能从下一周期起修改');
    expect(() => requireEditableFrom('2026-05', now)).not.toThrow();
  });

  it('refuses a scheme with unknown indicators, bad points or articles', () => {
    const bad = (mut: (s: SchemeData) => void): unknown => {
      const s = scheme();
      mut(s);
      try {
        validateScheme(s);
        return null;
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(bad(() => undefined)).toBeNull();
    expect(bad((s) => (s.indicators[0].weight = -1))).toBe('SCHEME_INVALID');
    expect(bad((s) => (s.indicators[0].weight = 1.234))).toBe('SCHEME_INVALID');
    expect(bad((s) => (s.indicators[0].article = '十九'))).toBe('ARTICLE_INVALID');
    expect(bad((s) => s.indicators.push({ ...s.indicators[0] }))).toBe('SCHEME_INVALID');
    expect(bad((s) => (s.indicators[4].params = { perSomething: 1 }))).toBe('SCHEME_INVALID');
    expect(bad((s) => (s.grades = [{ label: '好', min: 50 }]))).toBe('SCHEME_INVALID');
    expect(bad((s) => s.indicators.forEach((i) => (i.weight = 0)))).toBe('SCHEME_INVALID');
  });
});

describe('the month lifecycle', () => {
  const doc = (over: Partial<EvaluationMonth>): EvaluationMonth => ({
    _id: `month-${MONTH}`,
    month: MONTH,
    state: 'draft',
    schemeVersion: 0,
    runId: 'r1',
    runNo: 1,
    phase: 'done',
    cursor: null,
    accountsDone: 0,
    chunks: 0,
    runMs: 0,
    longestChunkMs: 0,
    digest: null,
    startedAt: '2026-04-01T02:00:00.000+08:00',
    computedAt: null,
    releasedAt: null,
    releasedBy: null,
    objectionDeadline: null,
    publishedAt: null,
    publishedBy: null,
    circular: null,
    rev: 1,
    ...over,
  });
  const code = (fn: () => unknown): string | null => {
    try {
      fn();
      return null;
    } catch (err) {
      return (err as { code: string }).code;
    }
  };
  const line = {
    id: 'l1',
    kind: 'deduction' as const,
    source: 'auto' as const,
    rule: 'publishRefused' as const,
    label: '',
    article: '第十五条',
    points: 2,
    reason: '',
    evidence: { collection: 'publishRefusals', id: 'x', note: '' },
    withdrawn: false,
  };

  it('runs a month only once it is over, and never once published', () => {
    expect(code(() => requireRunnable(null, MONTH, Date.parse('2026-03-31T23:00:00.000+08:00')))).toBe(
      'MONTH_NOT_OVER',
    );
    expect(code(() => requireRunnable(null, MONTH, Date.parse('2026-04-01T00:00:00.000+08:00')))).toBeNull();
    expect(
      code(() => requireRunnable(doc({ state: 'published' }), MONTH, Date.parse('2026-05-01T00:00:00.000+08:00'))),
    ).toBe('MONTH_PUBLISHED');
  });

  it('takes objections on deductions within the period only', () => {
    const review = doc({ state: 'review', objectionDeadline: '2026-04-08T23:59:59.999+08:00' });
    const before = Date.parse('2026-04-08T20:00:00.000+08:00');
    const after = Date.parse('2026-04-09T00:00:00.000+08:00');
    expect(code(() => requireObjectable(doc({}), MONTH, line, null, before))).toBe('NOT_RELEASED');
    expect(code(() => requireObjectable(review, MONTH, line, null, before))).toBeNull();
    expect(code(() => requireObjectable(review, MONTH, line, null, after))).toBe('OBJECTION_CLOSED');
    expect(code(() => requireObjectable(review, MONTH, { ...line, kind: 'bonus' }, null, before))).toBe(
      'NOT_A_DEDUCTION',
    );
    expect(code(() => requireObjectable(review, MONTH, undefined, null, before))).toBe('LINE_NOT_FOUND');
  });

  it('publishes after the period with every objection decided', () => {
    const review = doc({ state: 'review', objectionDeadline: '2026-04-08T23:59:59.999+08:00' });
    const after = Date.parse('2026-04-09T09:00:00.000+08:00');
    expect(code(() => requirePublishable(review, MONTH, 0, Date.parse('2026-04-08T09:00:00.000+08:00')))).toBe(
      'OBJECTION_WINDOW_OPEN',
    );
    expect(code(() => requirePublishable(review, MONTH, 2, after))).toBe('OBJECTIONS_PENDING');
    expect(code(() => requirePublishable(review, MONTH, 0, after))).toBeNull();
    expect(code(() => requirePublishable(doc({}), MONTH, 0, after))).toBe('NOT_RELEASED');
  });

  it('takes points with two decimals within the bound', () => {
    expect(requirePoints(2.5, 10)).toBe(2.5);
    expect(code(() => requirePoints(0, 10))).toBe('POINTS_INVALID');
    expect(code(() => requirePoints(10.5, 10))).toBe('POINTS_INVALID');
    expect(code(() => requirePoints(1.005, 10))).toBe('POINTS_INVALID');
  });
});

describe('roll-up and circular', () => {
  const tree = buildTree(demoOrg().units);
  const result = (
    accountId: string,
    unitId: string,
    score: number,
    kind: Account['kind'] = 'institutional',
  ): AccountResult => {
    const facts = monthFacts(MONTH, records({ account: account({ _id: accountId, unitId, kind }) }));
    return {
      _id: `${MONTH}:${accountId}`,
      month: MONTH,
      runId: 'r',
      accountId,
      accountName: accountId,
      platform: 'weibo',
      kind,
      unitId,
      unitPath: tree.byId.get(unitId)?.path ?? [],
      cityId: 'u-cs',
      facts,
      indicators: [],
      indicatorScore: score,
      lines: [],
      deducted: 0,
      bonus: 0,
      score,
      grade: score >= 90 ? '优秀' : score >= 60 ? '合格' : '不合格',
    };
  };

  it('ranks with ties, by kind, and rolls accounts up every bureau above them', () => {
    const results = [
      result('a1', 'u-cs', 90),
      result('a2', 'u-ly', 95),
      result('a3', 'u-ly', 90),
      result('a4', 'u-cs-jj', 50, 'personal'),
    ];
    const { standings, units } = rollUp(MONTH, 'r', results, tree, DEFAULT_SCHEME_DATA);
    expect(standings.ranks).toEqual({ a2: [1, 1], a1: [2, 2], a3: [2, 2], a4: [4, 1] });
    const byId = Object.fromEntries(units.map((u) => [u.unitId, u]));
    expect(byId['u-ly']).toMatchObject({ accounts: 2, score: 92.5 });
    expect(byId['u-cs']).toMatchObject({ accounts: 4, score: 81.25, cityRank: 1 });
    expect(byId['u-hn']).toMatchObject({ accounts: 4, level: 'province' });
    expect(standings.cities).toEqual([
      { unitId: 'u-cs', unitName: '长沙市公安局', score: 81.25, rank: 1, accounts: 4 },
    ]);
  });

  it('criticises with reasons and articles, and commends the best', () => {
    const low = result('a4', 'u-cs-jj', 50, 'personal');
    low.lines = [
      {
        id: 'l',
        kind: 'deduction',
        source: 'auto',
        rule: 'silence',
        label: '重大舆情期间失声失语',
        article: '第三十六条',
        points: 5,
        reason: '',
        evidence: { collection: 'opinionEvents', id: 'e', note: '' },
        withdrawn: false,
      },
    ];
    const results = [result('a1', 'u-cs', 96), low];
    const { standings } = rollUp(MONTH, 'r', results, tree, DEFAULT_SCHEME_DATA);
    const c = circularContent({
      month: MONTH,
      standings,
      results,
      scheme: DEFAULT_SCHEME_DATA,
      unitName: (id) => tree.byId.get(id)?.name ?? id,
      issuedOn: '2026-04-10',
    });
    expect(c.title).toBe('关于2026年3月全省公安新媒体工作评估情况的通报');
    expect(c.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、排名情况',
      '三、通报表扬',
      '四、通报批评',
      '五、存在问题',
      '六、工作要求',
    ]);
    const text = c.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain('长沙市公安局“a1”');
    expect(text).toMatch(
      /长沙市公安局交警支队“a4”（微博）：评估得分 50\.00 分，低于 60 分；重大舆情期间失声失语 1 次（违反第三十六条，扣 5\.00 分）/,
    );
    expect(c.sections[1].tables[0].rows).toEqual([[1, '长沙市公安局', 2, '73.00']]);
  });
});
