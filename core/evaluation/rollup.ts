/**
 * A month's standings from its account results: ranks in the province and within each account kind,
 * each bureau's accounts rolled up the unit tree (mean score, deductions, indicators), the cities
 * ranked, and the totals the circular reports. Equal scores share a rank (1, 2, 2, 4).
 */
import type {
  AccountResult,
  MonthString,
  MonthTotals,
  SchemeData,
  Standings,
  UnitResult,
} from '../../typings/evaluation';
import type { UnitTree } from '../org/tree';

/** What the roll-up reads of each result (the finish step reads these fields only). */
export type ResultSummary = Pick<
  AccountResult,
  '_id' | 'accountId' | 'kind' | 'unitPath' | 'score' | 'deducted' | 'grade' | 'indicators' | 'facts' | 'lines'
>;

const centi = (p: number): number => Math.round(p * 100);

/** Competition ranking over items sorted best first. */
function ranksOf<T>(sorted: readonly T[], score: (t: T) => number): number[] {
  const out: number[] = [];
  sorted.forEach((t, i) => {
    const prev = sorted[i - 1];
    out.push(i > 0 && prev !== undefined && score(prev) === score(t) ? (out[i - 1] ?? i + 1) : i + 1);
  });
  return out;
}

export const bestFirst = <T extends { score: number; accountId: string }>(a: T, b: T): number =>
  b.score - a.score || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);

export interface RollUp {
  standings: Standings;
  units: UnitResult[];
}

export function rollUp(
  month: MonthString,
  runId: string,
  results: readonly ResultSummary[],
  tree: UnitTree,
  scheme: Pick<SchemeData, 'grades' | 'indicators'>,
): RollUp {
  const sorted = [...results].sort(bestFirst);
  const ranks: Standings['ranks'] = {};
  const all = ranksOf(sorted, (r) => r.score);
  const byKind = {
    institutional: sorted.filter((r) => r.kind === 'institutional'),
    personal: sorted.filter((r) => r.kind === 'personal'),
  };
  const kindRank = new Map<string, number>();
  for (const list of Object.values(byKind)) {
    const rk = ranksOf(list, (r) => r.score);
    list.forEach((r, i) => kindRank.set(r.accountId, rk[i] ?? i + 1));
  }
  sorted.forEach((r, i) => {
    ranks[r.accountId] = [all[i] ?? i + 1, kindRank.get(r.accountId) ?? 0];
  });

  // Every bureau above an account counts it (a county's accounts are also its city's and the province's).
  interface Acc {
    n: number;
    score: number;
    deducted: number;
    earned: Map<string, number>;
    applicable: Map<string, number>;
  }
  const acc = new Map<string, Acc>();
  for (const r of results) {
    for (const unitId of r.unitPath) {
      const unit = tree.byId.get(unitId);
      if (!unit || unit.kind !== 'bureau') continue;
      const a = acc.get(unitId) ?? { n: 0, score: 0, deducted: 0, earned: new Map(), applicable: new Map() };
      a.n += 1;
      a.score += centi(r.score);
      a.deducted += centi(r.deducted);
      for (const ind of r.indicators) {
        if (!ind.applicable) continue;
        a.earned.set(ind.key, (a.earned.get(ind.key) ?? 0) + centi(ind.earned));
        a.applicable.set(ind.key, (a.applicable.get(ind.key) ?? 0) + 1);
      }
      acc.set(unitId, a);
    }
  }
  const units: UnitResult[] = [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([unitId, a]) => {
      const unit = tree.byId.get(unitId);
      return {
        _id: `${month}:${unitId}`,
        month,
        runId,
        unitId,
        unitName: unit?.name ?? unitId,
        level: unit?.level ?? 'county',
        accounts: a.n,
        score: Math.round(a.score / a.n) / 100,
        deducted: Math.round(a.deducted / a.n) / 100,
        indicators: scheme.indicators.map((ind) => {
          const n = a.applicable.get(ind.key) ?? 0;
          return {
            key: ind.key,
            label: ind.label,
            earned: n === 0 ? 0 : Math.round((a.earned.get(ind.key) ?? 0) / n) / 100,
            weight: ind.weight,
            applicable: n,
          };
        }),
        cityRank: null,
      };
    });
  const cities = units
    .filter((u) => u.level === 'city')
    .sort((a, b) => b.score - a.score || (a.unitId < b.unitId ? -1 : 1));
  const cityRanks = ranksOf(cities, (u) => u.score);
  cities.forEach((u, i) => {
    u.cityRank = cityRanks[i] ?? i + 1;
  });

  return {
    standings: {
      _id: month,
      month,
      runId,
      ranks,
      counts: { all: sorted.length, institutional: byKind.institutional.length, personal: byKind.personal.length },
      cities: cities.map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        score: u.score,
        rank: u.cityRank ?? 0,
        accounts: u.accounts,
      })),
      totals: totalsOf(results, scheme),
    },
    units,
  };
}

function totalsOf(results: readonly ResultSummary[], scheme: Pick<SchemeData, 'grades'>): MonthTotals {
  const t: MonthTotals = {
    accounts: results.length,
    meanScore:
      results.length === 0 ? 0 : Math.round(results.reduce((n, r) => n + centi(r.score), 0) / results.length) / 100,
    grades: scheme.grades.map((g) => ({ label: g.label, count: results.filter((r) => r.grade === g.label).length })),
    missedDays: 0,
    messagesReceived: 0,
    messagesUnanswered: 0,
    referralsDue: 0,
    referralsLate: 0,
    refusedPublish: 0,
    sentBack: 0,
    silent: 0,
    incidents: 0,
    lateRotations: 0,
    filingsLate: 0,
    linkageMissed: 0,
    deductionLines: 0,
  };
  for (const r of results) {
    const f = r.facts;
    t.missedDays += f.cadence.dutyDays - f.cadence.metDays;
    t.messagesReceived += f.messages.received;
    t.messagesUnanswered += f.messages.received - f.messages.answered;
    t.referralsDue += f.referrals.due;
    t.referralsLate += f.referrals.late.length;
    t.refusedPublish += f.review.refusedPublish.length;
    t.sentBack += f.review.sentBack.length;
    t.silent += f.silentDuring.length;
    t.incidents += f.security.incidents.length;
    t.lateRotations += f.security.lateRotations?.length ?? 0;
    t.filingsLate += f.filings?.late.length ?? 0;
    t.linkageMissed += f.linkage?.missed.length ?? 0;
    t.deductionLines += r.lines.filter((l) => l.kind === 'deduction' && !l.withdrawn).length;
  }
  return t;
}
