/**
 * What the monthly circular (通报, 第三十六条、第三十七条) says, as plain data: title, period, overall
 * situation, rankings by city and by account kind, the commended, the criticised with their reasons
 * and articles, the problems found and the requirements. The shell writes it as .docx and .xlsx; the
 * tests read it back from both.
 */
import type {
  AccountResult,
  AutoDeductionKey,
  MonthString,
  SchemeData,
  ScoreLine,
  Standings,
} from '../../typings/evaluation';
import { platformLabels } from '../cadence/cadence';
import { monthLabel } from './month';

export interface CircularTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface CircularSection {
  heading: string;
  paragraphs: string[];
  tables: CircularTable[];
}

export interface CircularContent {
  title: string;
  period: string;
  /** 主送 */
  recipients: string;
  sections: CircularSection[];
  issuer: string;
  issuedOn: string;
}

/** The result fields the circular reads. */
export type CircularResult = Pick<
  AccountResult,
  'accountId' | 'accountName' | 'platform' | 'kind' | 'unitId' | 'cityId' | 'score' | 'grade' | 'lines' | 'deducted'
>;

/** Lines that put an account in the circular's 通报批评 whatever its score. */
const CRITICISED_RULES: ReadonlySet<ScoreLine['rule']> = new Set<AutoDeductionKey | 'manual'>([
  'publishRefused',
  'silence',
  'securityIncident',
  'manual',
]);
/** The circular names at most this many accounts per list; the workbook has them all. */
export const CIRCULAR_LIST_LIMIT = 30;

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface CircularInput {
  month: MonthString;
  standings: Standings;
  /** Every account result of the month, in any order. */
  results: readonly CircularResult[];
  scheme: Pick<SchemeData, 'commendTop' | 'criticiseBelow' | 'requirements' | 'grades'>;
  unitName(unitId: string): string;
  /** Beijing day of publication, YYYY-MM-DD. */
  issuedOn: string;
}

const kindLabel = (k: CircularResult['kind']): string => (k === 'institutional' ? '机构账号' : '个人账号');

export function circularContent(input: CircularInput): CircularContent {
  const { standings: s, scheme, month } = input;
  const t = s.totals;
  const sorted = [...input.results].sort(
    (a, b) => b.score - a.score || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  const kindRank = (id: string): number => s.ranks[id]?.[1] ?? 0;
  const accountLine = (r: CircularResult): string =>
    `${input.unitName(r.unitId)}“${r.accountName}”（${platformLabels[r.platform]}）`;

  const overall: CircularSection = {
    heading: '总体情况',
    paragraphs: [
      `${monthLabel(month)}，全省纳入评估的公安新媒体账号共 ${t.accounts} 个（机构账号 ${s.counts.institutional} 个、个人账号 ${s.counts.personal} 个），平均得分 ${t.meanScore.toFixed(2)} 分。`,
      `评定等次：${t.grades.map((g) => `${g.label} ${g.count} 个`).join('，')}。`,
      `本月收到网民留言 ${t.messagesReceived} 条，月底前未办结 ${t.messagesUnanswered} 条；到期转办事项 ${t.referralsDue} 件，逾期反馈 ${t.referralsLate} 件。`,
    ],
    tables: [],
  };

  const cityTable: CircularTable = {
    title: '各市州排名',
    columns: ['名次', '单位', '账号数', '平均得分'],
    rows: s.cities.map((c) => [c.rank, c.unitName, c.accounts, c.score.toFixed(2)]),
  };
  const kindTables: CircularTable[] = (['institutional', 'personal'] as const).map((kind) => ({
    title: `${kindLabel(kind)}排名（前 ${CIRCULAR_LIST_LIMIT} 名）`,
    columns: ['名次', '账号', '平台', '单位', '得分', '等次'],
    rows: sorted
      .filter((r) => r.kind === kind)
      .slice(0, CIRCULAR_LIST_LIMIT)
      .map((r) => [
        kindRank(r.accountId),
        r.accountName,
        platformLabels[r.platform],
        input.unitName(r.unitId),
        r.score.toFixed(2),
        r.grade,
      ]),
  }));
  const rankings: CircularSection = {
    heading: '排名情况',
    paragraphs: [
      s.cities.length > 0
        ? `各市州按所属账号平均得分排名，${s.cities[0]?.unitName ?? ''}位列第一。`
        : '本月无市州参与排名。',
    ],
    tables: [cityTable, ...kindTables],
  };

  const topGrade = [...scheme.grades].sort((a, b) => b.min - a.min)[0]?.label ?? '';
  const commendedList = sorted.filter((r) => r.grade === topGrade).slice(0, scheme.commendTop);
  const bonusList = sorted.filter((r) => r.lines.some((l) => l.kind === 'bonus' && !l.withdrawn));
  const commended: CircularSection = {
    heading: '通报表扬',
    paragraphs: [
      commendedList.length > 0
        ? `以下账号本月工作落实好、评估得分居前，予以通报表扬（第三十六条）：${commendedList.map((r) => `${accountLine(r)}（${r.score.toFixed(2)} 分）`).join('；')}。`
        : '本月无评为最高等次的账号。',
      ...bonusList.slice(0, CIRCULAR_LIST_LIMIT).map((r) => {
        const reasons = r.lines
          .filter((l) => l.kind === 'bonus' && !l.withdrawn)
          .map((l) => `${l.reason}（${l.article}）`);
        return `${accountLine(r)}：${reasons.join('；')}。`;
      }),
    ],
    tables: [],
  };

  const criticisedList = sorted
    .filter(
      (r) =>
        r.score < scheme.criticiseBelow ||
        r.lines.some((l) => l.kind === 'deduction' && !l.withdrawn && CRITICISED_RULES.has(l.rule)),
    )
    .reverse();
  const criticised: CircularSection = {
    heading: '通报批评',
    paragraphs:
      criticisedList.length === 0
        ? ['本月无通报批评的账号。']
        : [
            `以下账号存在违反《湖南公安新媒体管理办法（试行）》的情形，予以通报批评，并在本月评估中扣分（第三十七条）${criticisedList.length > CIRCULAR_LIST_LIMIT ? `，共 ${criticisedList.length} 个，此处列出 ${CIRCULAR_LIST_LIMIT} 个，其余见评估明细表` : ''}：`,
            ...criticisedList.slice(0, CIRCULAR_LIST_LIMIT).map((r, i) => {
              const lines = r.lines.filter((l) => l.kind === 'deduction' && !l.withdrawn);
              const byRule = new Map<string, { label: string; article: string; n: number; points: number }>();
              for (const l of lines) {
                const key = `${l.label}|${l.article}`;
                const e = byRule.get(key) ?? { label: l.label, article: l.article, n: 0, points: 0 };
                e.n += 1;
                e.points += Math.round(l.points * 100);
                byRule.set(key, e);
              }
              const reasons = [...byRule.values()].map(
                (e) => `${e.label} ${e.n} 次（违反${e.article}，扣 ${(e.points / 100).toFixed(2)} 分）`,
              );
              if (r.score < scheme.criticiseBelow)
                reasons.unshift(`评估得分 ${r.score.toFixed(2)} 分，低于 ${scheme.criticiseBelow} 分`);
              return `${i + 1}. ${accountLine(r)}：${reasons.join('；')}。`;
            }),
          ],
    tables: [],
  };

  const problems: string[] = [];
  if (t.missedDays > 0) problems.push(`更新不及时：共 ${t.missedDays} 个账号日未按第十九条要求发布信息。`);
  if (t.messagesUnanswered > 0)
    problems.push(`互动回应不及时：${t.messagesUnanswered} 条网民留言月底前未办结（第二十三条、第二十六条）。`);
  if (t.referralsLate > 0) problems.push(`转办反馈逾期：${t.referralsLate} 件转办事项未在时限内反馈（第二十七条）。`);
  if (t.refusedPublish > 0)
    problems.push(`审核制度落实不严：${t.refusedPublish} 次试图发布未经审核通过的信息，均被系统拦截（第十五条）。`);
  if (t.sentBack > 0) problems.push(`稿件质量有待提高：${t.sentBack} 次稿件被审核退回（第十七条）。`);
  if (t.silent > 0) problems.push(`舆情期间失声失语：${t.silent} 个账号次在舆情事件期间未发声（第三十六条）。`);
  if (t.incidents > 0) problems.push(`账号安全：发生安全事故 ${t.incidents} 起（第三十三条）。`);
  if (t.lateRotations > 0) problems.push(`密码管理不规范：${t.lateRotations} 次未按期更换账号密码（第三十三条）。`);
  if (t.filingsLate > 0)
    problems.push(
      `备案不及时：${t.filingsLate} 件开设、关闭、注销事项未按期报上一级公安机关宣传部门备案（第十四条）。`,
    );
  if (t.linkageMissed > 0) problems.push(`联动响应不到位：${t.linkageMissed} 次未响应联动指令（第三十四条）。`);
  if (problems.length === 0) problems.push('本月未发现突出问题。');

  const sections: CircularSection[] = [
    overall,
    rankings,
    commended,
    criticised,
    { heading: '存在问题', paragraphs: problems, tables: [] },
    { heading: '工作要求', paragraphs: scheme.requirements.map((r, i) => `${i + 1}. ${r}`), tables: [] },
  ].map((sec, i) => ({ ...sec, heading: `${CN_NUM[i] ?? String(i + 1)}、${sec.heading}` }));

  return {
    title: `关于${monthLabel(month)}全省公安新媒体工作评估情况的通报`,
    period: `评估期间：${monthLabel(month)}1日至${monthLabel(month)}末`,
    recipients: '各市州公安局，省厅各警种部门：',
    sections,
    issuer: '湖南省公安厅政治部宣传处',
    issuedOn: input.issuedOn,
  };
}
