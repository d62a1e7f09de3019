/**
 * One account's records of one month, summarised into the facts the scheme scores. Plain records in
 * (what the shell read through the indexes), plain facts out: the same records always give the same
 * facts, whenever the run happens, because every window is the month itself (Beijing time).
 */
import type { DayString } from '../../typings/common';
import type { AccountMonthFacts, EvidenceRef, MonthString } from '../../typings/evaluation';
import type { Account } from '../../typings/org';
import { evaluateMonth } from '../cadence/cadence';
import { formatBeijing } from '../time';
import { monthEnd, monthStart } from './month';

/** Lists that are figures, not deduction lines, keep this many records (the count keeps them all). */
export const EVIDENCE_LIMIT = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MessageRecord {
  id: string;
  receivedAt: string;
  closedAt: string | null;
}

export interface ReferralRecord {
  id: string;
  departmentName: string;
  state: 'pending' | 'signed' | 'answered' | 'returned' | 'closed';
  dueAt: string;
  answeredAt: string | null;
}

export interface PostRecord {
  id: string;
  title: string;
  /** Decisions with their instants (sendBack counts, 第十五条—第十七条). */
  decisions: Array<{ kind: 'approve' | 'sendBack'; at: string; comment: string }>;
  publishedAt: string | null;
}

export interface RefusalRecord {
  id: string;
  postId: string;
  at: string;
  code: string;
}

export interface EventRecord {
  id: string;
  title: string;
  from: string;
  to: string;
}

/** A security incident reported on the account (issue 15's `incidents`, 第三十三条). */
export interface IncidentRecord {
  id: string;
  /** The kind in Chinese (账号被盗, 密码泄露 …). */
  kindLabel: string;
  happenedAt: string;
  reportedAt: string;
}

/** A password change attested after its due time (issue 15's `securityAttestations`, 第三十三条 定期更换密码). */
export interface LateRotationRecord {
  id: string;
  dueAt: string;
  /** When the password was changed, as attested. */
  changedAt: string;
  recordedAt: string;
}

/** A filing (备案) of an opening, closure or cancellation (issue 12's `filings`, 第十四条). */
export interface FilingRecord {
  id: string;
  event: 'open' | 'close' | 'cancel';
  dueAt: string;
  /** When the unit's desk filed it; null = not filed. */
  filedAt: string | null;
}

/** One account's record of one linkage directive (issue 13's `directiveTargets`, 第三十四条). */
export interface DirectiveRecord {
  id: string;
  title: string;
  /** Within the directive's window (第三十四条: 1小时内), after it, or none (still pending counts as none). */
  state: 'onTime' | 'late' | 'none';
  /** Minutes from issue to response; null = no response. */
  minutes: number | null;
}

export interface MonthRecords {
  account: Account;
  /** Published posts per Beijing day (cadenceDays). */
  dayCounts: ReadonlyMap<DayString, number>;
  messages: readonly MessageRecord[];
  /** Referrals whose deadline falls in the month. */
  referrals: readonly ReferralRecord[];
  /** Posts touched since the month began (decisions and publications are filtered to the month). */
  posts: readonly PostRecord[];
  refusals: readonly RefusalRecord[];
  /** Declared public-opinion events that concern the account (its unit or one above it). */
  events: readonly EventRecord[];
  /** Incidents reported in the month. */
  incidents: readonly IncidentRecord[];
  /** Password changes attested late in the month. */
  lateRotations: readonly LateRotationRecord[];
  /** Filings of the account whose deadline falls in the month (第十四条); absent = none read. */
  filings?: readonly FilingRecord[];
  /** The month's linkage directives to the account (第三十四条); null where none are recorded at all. */
  directives: readonly DirectiveRecord[] | null;
}

const inMonth = (iso: string, from: number, to: number): boolean => {
  const t = Date.parse(iso);
  return t >= from && t <= to;
};

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function monthFacts(month: MonthString, r: MonthRecords): AccountMonthFacts {
  const from = monthStart(month);
  const to = monthEnd(month);

  // 第十九条, seen from the first instant after the month: every day of it is over.
  const cadence = evaluateMonth(r.account, r.dayCounts, month, to + 1);
  const dutyDays = cadence.rule.kind === 'daily' ? cadence.required / cadence.rule.perDay : 0;
  const cadenceFacts = {
    applicable: cadence.rule.kind !== 'exempt' && cadence.required > 0,
    rule: cadence.rule.kind,
    required: cadence.required,
    published: cadence.published,
    dutyDays,
    metDays: dutyDays - cadence.missedDays.length,
    missedDays: cadence.missedDays.slice(0, EVIDENCE_LIMIT),
  };

  // 第二十三条、第二十六条: a message of the month is answered when its outcome is recorded by month end.
  const messages = r.messages.filter((m) => inMonth(m.receivedAt, from, to)).sort(byId);
  const unanswered = messages.filter((m) => m.closedAt === null || Date.parse(m.closedAt) > to);
  const messageFacts = {
    received: messages.length,
    answered: messages.length - unanswered.length,
    unanswered: unanswered.slice(0, EVIDENCE_LIMIT).map(
      (m): EvidenceRef => ({
        collection: 'messages',
        id: m.id,
        note: `${formatBeijing(Date.parse(m.receivedAt))} 收到，月底前未办结`,
      }),
    ),
  };

  // 第二十七条: referrals due this month; a returned one was never the department's to answer.
  const referrals = r.referrals.filter((x) => x.state !== 'returned' && inMonth(x.dueAt, from, to)).sort(byId);
  const late: AccountMonthFacts['referrals']['late'] = [];
  let onTime = 0;
  for (const x of referrals) {
    const due = Date.parse(x.dueAt);
    const answered = x.answeredAt === null ? null : Date.parse(x.answeredAt);
    if (answered !== null && answered <= due) {
      onTime += 1;
      continue;
    }
    // Overdue days inside the month's evaluation: up to the answer, or to the month's end.
    const until = Math.min(answered ?? to + 1, to + 1);
    // Days begun after the deadline (a deadline is the last millisecond of its day).
    const overdueDays = Math.max(1, Math.ceil((until - (due + 1)) / DAY_MS));
    late.push({
      collection: 'referrals',
      id: x.id,
      overdueDays,
      note:
        answered === null
          ? `转${x.departmentName}，${formatBeijing(due)} 到期，月底仍未反馈（逾期 ${overdueDays} 天）`
          : `转${x.departmentName}，${formatBeijing(due)} 到期，${formatBeijing(answered)} 反馈（逾期 ${overdueDays} 天）`,
    });
  }

  // 第十五条—第十七条: refused publications and posts sent back in the month.
  const refusedPublish = r.refusals
    .filter((x) => inMonth(x.at, from, to))
    .sort(byId)
    .map(
      (x): EvidenceRef => ({
        collection: 'publishRefusals',
        id: x.id,
        note: `${formatBeijing(Date.parse(x.at))} 试图发布未经审核通过的稿件（${x.code}）`,
      }),
    );
  const sentBack: EvidenceRef[] = [];
  for (const p of [...r.posts].sort(byId)) {
    for (const d of p.decisions) {
      if (d.kind !== 'sendBack' || !inMonth(d.at, from, to)) continue;
      sentBack.push({
        collection: 'posts',
        id: p.id,
        note: `《${p.title}》${formatBeijing(Date.parse(d.at))} 被退回${d.comment ? `：${d.comment}` : ''}`,
      });
    }
  }

  // 第三十六条 失声失语: nothing published while a declared event lasted (within this month).
  const silentDuring: EvidenceRef[] = [];
  for (const e of [...r.events].sort(byId)) {
    const start = Math.max(Date.parse(e.from), from);
    const end = Math.min(Date.parse(e.to), to);
    if (end < start) continue;
    const spoke = r.posts.some((p) => p.publishedAt !== null && inMonth(p.publishedAt, start, end));
    if (!spoke)
      silentDuring.push({
        collection: 'opinionEvents',
        id: e.id,
        note: `“${e.title}”（${formatBeijing(start)} 至 ${formatBeijing(end)}）期间未发布信息`,
      });
  }

  // 第三十三条: incidents reported in the month, and password changes that came after their due time.
  const incidents = r.incidents
    .filter((x) => inMonth(x.reportedAt, from, to))
    .sort(byId)
    .map(
      (x): EvidenceRef => ({
        collection: 'incidents',
        id: x.id,
        note: `${x.kindLabel}（${formatBeijing(Date.parse(x.happenedAt))} 发生，${formatBeijing(Date.parse(x.reportedAt))} 报告）`,
      }),
    );
  const lateRotations = r.lateRotations
    .filter((x) => inMonth(x.recordedAt, from, to))
    .sort(byId)
    .map(
      (x): EvidenceRef => ({
        collection: 'securityAttestations',
        id: x.id,
        note: `密码应于 ${formatBeijing(Date.parse(x.dueAt))} 前更换，${formatBeijing(Date.parse(x.changedAt))} 才更换`,
      }),
    );

  // 第十四条: a filing due in the month and filed after its deadline, or not filed by the month's end.
  const filingLabel = { open: '开设', close: '关闭', cancel: '注销' } as const;
  const lateFilings = (r.filings ?? [])
    .filter((x) => inMonth(x.dueAt, from, to))
    .filter((x) => x.filedAt === null || Date.parse(x.filedAt) > Date.parse(x.dueAt))
    .sort(byId)
    .map(
      (x): EvidenceRef => ({
        collection: 'filings',
        id: x.id,
        note: `${filingLabel[x.event]}备案 ${formatBeijing(Date.parse(x.dueAt))} 到期，${
          x.filedAt === null ? '月底前未报备' : `${formatBeijing(Date.parse(x.filedAt))} 才报备`
        }`,
      }),
    );

  let linkage: AccountMonthFacts['linkage'] = null;
  if (r.directives !== null) {
    const ds = [...r.directives].sort(byId);
    linkage = {
      directives: ds.length,
      onTime: ds.filter((d) => d.state === 'onTime').length,
      late: ds.filter((d) => d.state === 'late').length,
      missed: ds
        .filter((d) => d.state === 'none')
        .map((d): EvidenceRef => ({ collection: 'directiveTargets', id: d.id, note: `联动指令“${d.title}”未响应` })),
    };
  }

  return {
    accountId: r.account._id,
    cadence: cadenceFacts,
    messages: messageFacts,
    referrals: { due: referrals.length, onTime, late },
    linkage,
    review: { refusedPublish, sentBack },
    security: { incidents, lateRotations },
    filings: { late: lateFilings },
    silentDuring,
  };
}
