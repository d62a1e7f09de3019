/**
 * One account's or one unit's month (第三十六条): score, grade and rank, the trend over the months,
 * every indicator with the records behind it, and (an account) every deduction and bonus with its
 * article and evidence; within the objection period the unit objects to a deduction (第三十七条).
 */
import type {
  AccountResultView,
  IndicatorResult,
  ScoreLine,
  TrendPoint,
  UnitResultView,
} from '../../../../../typings/evaluation';
import { call } from '../../../../services/api';
import type { DatasetEvent } from '../../../../utils/events';
import type { ChartSeries } from '../../components/chart/index';
import { MONTH_STATE_LABELS, OBJECTION_STATE_LABELS, monthText, score } from '../../lib/labels';

const EVIDENCE_SHOWN = 5;
const GRADE_TYPES: Record<string, string> = { 优秀: 'success', 良好: 'primary', 合格: 'warning', 不合格: 'danger' };

interface IndicatorRow {
  key: string;
  title: string;
  article: string;
  valueText: string;
  detail: string;
  evidence: Array<{ id: string; note: string }>;
  more: number;
}

interface LineRow {
  id: string;
  title: string;
  pointsText: string;
  reason: string;
  evidenceText: string;
  withdrawn: boolean;
  objection: string;
  canObject: boolean;
}

interface ResultData {
  status: 'loading' | 'ready' | 'error';
  errorMessage: string;
  month: string;
  monthLabel: string;
  isAccount: boolean;
  name: string;
  stateLabel: string;
  scoreText: string;
  grade: string;
  gradeType: string;
  rankText: string;
  trendMonths: string[];
  trendSeries: ChartSeries[];
  indicators: IndicatorRow[];
  lines: LineRow[];
  deductedText: string;
  objectHint: string;
}

interface ResultCustom {
  accountId: string;
  unitId: string;
  loadSeq: number;
  load(): Promise<void>;
  showAccount(view: AccountResultView): void;
  showUnit(view: UnitResultView): void;
  onRetry(): void;
  onObject(event: DatasetEvent<{ id: string }>): Promise<void>;
}

function trend(points: TrendPoint[]): { trendMonths: string[]; trendSeries: ChartSeries[] } {
  return {
    trendMonths: points.map((p) => `${Number(p.month.slice(5))}月`),
    trendSeries: [{ name: '得分', data: points.map((p) => p.score) }],
  };
}

function indicatorRow(i: IndicatorResult): IndicatorRow {
  return {
    key: i.key,
    title: i.label,
    article: i.article,
    valueText: i.applicable ? `${score(i.earned)} / ${i.weight}` : '不适用',
    detail: i.detail,
    evidence: i.evidence.slice(0, EVIDENCE_SHOWN).map((e) => ({ id: `${e.collection}/${e.id}`, note: e.note })),
    more: Math.max(0, i.evidenceTotal - EVIDENCE_SHOWN),
  };
}

const askReason = (): Promise<string | null> =>
  new Promise((resolve) => {
    wx.showModal({
      title: '提出异议',
      editable: true,
      placeholderText: '请写明异议理由（如：已按时反馈，附办理记录）',
      success: (res) => resolve(res.confirm ? (res.content ?? '').trim() : null),
      fail: () => resolve(null),
    });
  });

Page<ResultData, ResultCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    month: '',
    monthLabel: '',
    isAccount: true,
    name: '',
    stateLabel: '',
    scoreText: '',
    grade: '',
    gradeType: 'default',
    rankText: '',
    trendMonths: [],
    trendSeries: [],
    indicators: [],
    lines: [],
    deductedText: '',
    objectHint: '',
  },
  accountId: '',
  unitId: '',
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.accountId = query.accountId ?? '';
    this.unitId = query.unitId ?? '';
    const month = query.month ?? '';
    this.setData({ month, monthLabel: monthText(month), isAccount: this.accountId !== '' });
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  async load() {
    const seq = ++this.loadSeq;
    if (this.accountId) {
      const res = await call('evaluation', 'result', { month: this.data.month, accountId: this.accountId });
      if (seq !== this.loadSeq) return;
      if (res.ok) this.showAccount(res.data);
      else this.setData({ status: 'error', errorMessage: res.error.message });
      return;
    }
    const res = await call('evaluation', 'unitResult', { month: this.data.month, unitId: this.unitId });
    if (seq !== this.loadSeq) return;
    if (res.ok) this.showUnit(res.data);
    else this.setData({ status: 'error', errorMessage: res.error.message });
  },

  showAccount(view: AccountResultView) {
    const r = view.result;
    const byLine = new Map(view.objections.map((o) => [o.lineId, o]));
    const line = (l: ScoreLine): LineRow => {
      const objection = byLine.get(l.id);
      return {
        id: l.id,
        title: `${l.label}（${l.article}）`,
        pointsText: `${l.kind === 'deduction' ? '−' : '+'}${score(l.points)}`,
        reason: l.reason,
        evidenceText: `${l.evidence.collection}/${l.evidence.id}`,
        withdrawn: l.withdrawn,
        objection: objection
          ? `${OBJECTION_STATE_LABELS[objection.state]}${objection.decisionReason ? `：${objection.decisionReason}` : ''}`
          : '',
        canObject: view.canObject && l.kind === 'deduction' && !l.withdrawn && !objection,
      };
    };
    this.setData({
      status: 'ready',
      name: r.accountName,
      stateLabel: MONTH_STATE_LABELS[view.state],
      scoreText: score(r.score),
      grade: r.grade,
      gradeType: GRADE_TYPES[r.grade] ?? 'default',
      rankText:
        view.rank === null
          ? ''
          : `全省第 ${view.rank} 名 / 共 ${view.of} 个 · ${r.kind === 'institutional' ? '机构' : '个人'}账号第 ${view.kindRank ?? '-'} 名`,
      ...trend(view.trend),
      indicators: r.indicators.map(indicatorRow),
      lines: r.lines.map(line),
      deductedText: `扣 ${score(r.deducted)} 分，加 ${score(r.bonus)} 分`,
      objectHint: view.canObject ? '异议期内可对扣分提出异议，由省厅逐条处理并说明理由（第三十七条）' : '',
    });
  },

  showUnit(view: UnitResultView) {
    const r = view.result;
    this.setData({
      status: 'ready',
      name: r.unitName,
      stateLabel: MONTH_STATE_LABELS[view.state],
      scoreText: score(r.score),
      grade: '',
      rankText: `${r.accounts} 个账号平均${r.cityRank ? ` · 市州第 ${r.cityRank} 名` : ''}`,
      ...trend(view.trend),
      indicators: r.indicators.map((i) => ({
        key: i.key,
        title: i.label,
        article: '',
        valueText: i.applicable > 0 ? `${score(i.earned)} / ${i.weight}` : '不适用',
        detail: i.applicable > 0 ? `${i.applicable} 个账号适用，平均得分` : '所属账号均不适用',
        evidence: [],
        more: 0,
      })),
      lines: [],
    });
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async onObject(event) {
    const lineId = event.currentTarget.dataset.id;
    const reason = await askReason();
    if (reason === null) return;
    if (!reason) {
      void wx.showToast({ title: '请填写异议理由', icon: 'none' });
      return;
    }
    const res = await call('evaluation', 'object', {
      month: this.data.month,
      accountId: this.accountId,
      lineId,
      reason,
    });
    void wx.showToast({ title: res.ok ? '异议已提交' : res.error.message, icon: res.ok ? 'success' : 'none' });
    await this.load();
  },
});
