/**
 * Scores one account's month from its facts and the scheme (第三十六条), adds the deductions the
 * scheme makes from records and those a desk entered (第三十七条), and the bonuses (第三十六条 表彰,
 * 第四十二条). Arithmetic is in integer hundredths of a point, so the same facts give the same bytes
 * on every machine.
 */
import type {
  AccountMonthFacts,
  AutoDeductionKey,
  EvaluationAdjustment,
  EvidenceRef,
  IndicatorDef,
  IndicatorResult,
  MonthString,
  ScoreLine,
  SchemeData,
} from '../../typings/evaluation';
import { EVIDENCE_LIMIT } from './facts';
import { gradeOf } from './scheme';

const centi = (points: number): number => Math.round(points * 100);
const points = (c: number): number => c / 100;
const fmt = (c: number): string =>
  points(c)
    .toFixed(2)
    .replace(/\.?0+$/, '');

interface Earned {
  applicable: boolean;
  earned: number;
  detail: string;
  evidence: EvidenceRef[];
  evidenceTotal: number;
}

const ratio = (weight: number, num: number, den: number): number => Math.round((weight * num) / den);

function earnedOf(ind: IndicatorDef, f: AccountMonthFacts): Earned {
  const w = centi(ind.weight);
  const na = (detail: string): Earned => ({ applicable: false, earned: 0, detail, evidence: [], evidenceTotal: 0 });
  if (w === 0) return na('本期未启用');
  switch (ind.key) {
    case 'cadence': {
      const c = f.cadence;
      if (!c.applicable) return na('不适用（个人账号或账号未在用）');
      const evidence = c.missedDays.map(
        (day): EvidenceRef => ({ collection: 'cadenceDays', id: `${f.accountId}:${day}`, note: `${day} 未发布` }),
      );
      if (c.rule === 'daily')
        return {
          applicable: true,
          earned: ratio(w, c.metDays, c.dutyDays),
          detail: `应发布 ${c.dutyDays} 天，达标 ${c.metDays} 天，共发布 ${c.published} 条`,
          evidence,
          evidenceTotal: c.dutyDays - c.metDays,
        };
      return {
        applicable: true,
        earned: ratio(w, Math.min(c.published, c.required), c.required),
        detail: `应发布 ${c.required} 次以上，实际 ${c.published} 次`,
        evidence: [],
        evidenceTotal: 0,
      };
    }
    case 'messagesAnswered': {
      const m = f.messages;
      if (m.received === 0) return na('本月无网民留言');
      return {
        applicable: true,
        earned: ratio(w, m.answered, m.received),
        detail: `收到留言 ${m.received} 条，月底前办结 ${m.answered} 条`,
        evidence: m.unanswered,
        evidenceTotal: m.received - m.answered,
      };
    }
    case 'referralsOnTime': {
      const r = f.referrals;
      if (r.due === 0) return na('本月无到期转办事项');
      const days = r.late.reduce((n, x) => n + x.overdueDays, 0);
      return {
        applicable: true,
        earned: ratio(w, r.onTime, r.due),
        detail: `到期转办 ${r.due} 件，按时反馈 ${r.onTime} 件，逾期 ${r.late.length} 件共 ${days} 天`,
        evidence: r.late.slice(0, EVIDENCE_LIMIT),
        evidenceTotal: r.late.length,
      };
    }
    case 'linkageResponses': {
      const l = f.linkage;
      if (l === null) return na('联动指令记录尚未接入');
      if (l.directives === 0) return na('本月无联动指令');
      const credit = ind.params.lateCredit ?? 0.5;
      // Late responses earn `credit` of a timely one: weight × (onTime + credit × late) / directives.
      const earned = Math.round((w * (l.onTime * 100 + Math.round(credit * 100) * l.late)) / (100 * l.directives));
      return {
        applicable: true,
        earned,
        detail: `联动指令 ${l.directives} 条，按时响应 ${l.onTime} 条，超时响应 ${l.late} 条，未响应 ${l.missed.length} 条`,
        evidence: l.missed.slice(0, EVIDENCE_LIMIT),
        evidenceTotal: l.missed.length,
      };
    }
    case 'reviewDiscipline': {
      const r = f.review;
      const off =
        r.refusedPublish.length * centi(ind.params.perRefusedAttempt ?? 0) +
        r.sentBack.length * centi(ind.params.perSentBack ?? 0);
      const evidence = [...r.refusedPublish, ...r.sentBack];
      return {
        applicable: true,
        earned: Math.max(0, w - off),
        detail: `未经审核试图发布 ${r.refusedPublish.length} 次，稿件被退回 ${r.sentBack.length} 次`,
        evidence: evidence.slice(0, EVIDENCE_LIMIT),
        evidenceTotal: evidence.length,
      };
    }
    case 'security': {
      const incidents = f.security.incidents;
      const late = f.security.lateRotations ?? [];
      const off =
        incidents.length * centi(ind.params.perIncident ?? 0) + late.length * centi(ind.params.perLateRotation ?? 0);
      const evidence = [...incidents, ...late];
      return {
        applicable: true,
        earned: Math.max(0, w - off),
        detail: `安全事故 ${incidents.length} 起，逾期更换密码 ${late.length} 次`,
        evidence: evidence.slice(0, EVIDENCE_LIMIT),
        evidenceTotal: evidence.length,
      };
    }
  }
}

/** The evidence each automatic rule makes lines from. */
function autoEvidence(rule: AutoDeductionKey, f: AccountMonthFacts): EvidenceRef[] {
  switch (rule) {
    case 'referralOverdue':
      return f.referrals.late.map(({ collection, id, note }) => ({ collection, id, note }));
    case 'publishRefused':
      return f.review.refusedPublish;
    case 'silence':
      return f.silentDuring;
    case 'securityIncident':
      return f.security.incidents;
    case 'linkageMissed':
      return f.linkage?.missed ?? [];
    case 'filingLate':
      return f.filings?.late ?? [];
  }
}

export interface ScoreInput {
  month: MonthString;
  facts: AccountMonthFacts;
  scheme: SchemeData;
  adjustments: readonly EvaluationAdjustment[];
  /** Line ids whose objection the desk upheld. */
  withdrawn: ReadonlySet<string>;
}

export interface ScoreOutput {
  indicators: IndicatorResult[];
  indicatorScore: number;
  lines: ScoreLine[];
  deducted: number;
  bonus: number;
  score: number;
  grade: string;
}

export const autoLineId = (month: MonthString, accountId: string, rule: AutoDeductionKey, evidenceId: string): string =>
  `${month}:${accountId}:${rule}:${evidenceId}`;

export function scoreAccount(input: ScoreInput): ScoreOutput {
  const { facts, scheme, month } = input;
  const indicators: IndicatorResult[] = [];
  let earnedSum = 0;
  let weightSum = 0;
  for (const ind of scheme.indicators) {
    const e = earnedOf(ind, facts);
    if (e.applicable) {
      earnedSum += e.earned;
      weightSum += centi(ind.weight);
    }
    indicators.push({
      key: ind.key,
      label: ind.label,
      article: ind.article,
      weight: ind.weight,
      applicable: e.applicable,
      earned: points(e.earned),
      detail: e.detail,
      evidence: e.evidence,
      evidenceTotal: e.evidenceTotal,
    });
  }
  // Out of 100 over the indicators that apply; nothing applicable leaves nothing to fault.
  const indicatorCenti = weightSum === 0 ? 10_000 : Math.round((earnedSum * 10_000) / weightSum);

  const lines: ScoreLine[] = [];
  for (const rule of scheme.autoDeductions) {
    const p = centi(rule.points);
    if (p === 0) continue;
    for (const ev of autoEvidence(rule.key, facts)) {
      const id = autoLineId(month, facts.accountId, rule.key, ev.id);
      lines.push({
        id,
        kind: 'deduction',
        source: 'auto',
        rule: rule.key,
        label: rule.label,
        article: rule.article,
        points: points(p),
        reason: ev.note,
        evidence: ev,
        withdrawn: input.withdrawn.has(id),
      });
    }
  }
  for (const a of [...input.adjustments].sort((x, y) => (x._id < y._id ? -1 : 1))) {
    lines.push({
      id: a._id,
      kind: a.kind,
      source: 'manual',
      rule: 'manual',
      label: a.kind === 'deduction' ? '人工扣分' : a.article === '第四十二条' ? '优秀民警个人新媒体' : '表彰加分',
      article: a.article,
      points: a.points,
      reason: a.reason,
      evidence: a.evidence,
      withdrawn: input.withdrawn.has(a._id),
    });
  }
  const counted = lines.filter((l) => !l.withdrawn);
  const deductedCenti = Math.min(
    centi(scheme.deductionCap),
    counted.filter((l) => l.kind === 'deduction').reduce((n, l) => n + centi(l.points), 0),
  );
  const bonusCenti = Math.min(
    centi(scheme.bonusCap),
    counted.filter((l) => l.kind === 'bonus').reduce((n, l) => n + centi(l.points), 0),
  );
  const scoreCenti = Math.max(0, Math.min(10_000, indicatorCenti - deductedCenti + bonusCenti));
  return {
    indicators,
    indicatorScore: points(indicatorCenti),
    lines,
    deducted: points(deductedCenti),
    bonus: points(bonusCenti),
    score: points(scoreCenti),
    grade: gradeOf(points(scoreCenti), scheme),
  };
}

export { fmt as formatPoints };
