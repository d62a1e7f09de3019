/**
 * 月度评估 (第三十六条): one month's state, figures, the cities' ranking (chart and list) and the ranked
 * accounts, with the province desk's steps — compute or re-compute, release the draft for objections,
 * handle objections, publish and print the circular — and everyone's download of the published circular.
 * The server decides who may see and do what; the page only shows it.
 */
import type { MonthView, RankingItem } from '../../../../../typings/evaluation';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { openPage } from '../../../../services/navigation';
import type { DatasetEvent } from '../../../../utils/events';
import { PLATFORM_LABELS } from '../../../../utils/org-labels';
import type { ChartSeries } from '../../components/chart/index';
import { MONTH_STATE_LABELS, monthOfTime, monthText, score, shiftMonth, timeText } from '../../lib/labels';

const PAGE_SIZE = 20;
/** A desk's run call computes for a bounded time; the page asks again until the month is done. */
const MAX_RUN_CALLS = 20;

type Kind = 'all' | 'institutional' | 'personal';
interface Query {
  kind: Kind;
}

interface RankRow {
  accountId: string;
  accountName: string;
  rank: number;
  label: string;
  scoreText: string;
  grade: string;
  gradeType: string;
}

interface CityRow {
  unitId: string;
  unitName: string;
  rank: number;
  accounts: number;
  scoreText: string;
}

interface MonthData extends ListData<RankRow, Query> {
  month: string;
  monthLabel: string;
  status: 'loading' | 'ready' | 'error';
  errorMessage: string;
  stateLabel: string;
  stateType: string;
  desk: boolean;
  summary: string;
  gradesText: string;
  deadlineText: string;
  progressText: string;
  canRun: boolean;
  runLabel: string;
  canRelease: boolean;
  canPublish: boolean;
  pendingObjections: number;
  published: boolean;
  ranked: boolean;
  cities: CityRow[];
  cityNames: string[];
  citySeries: ChartSeries[];
  cityHeight: number;
  busy: string;
  kinds: Array<{ name: Kind; title: string }>;
}

interface MonthCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  loadSeq: number;
  view: MonthView | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<RankRow, number>>;
  load(): Promise<void>;
  show(view: MonthView): void;
  onPrev(): void;
  onNext(): void;
  onRetry(): void;
  onRun(): Promise<void>;
  onRelease(): Promise<void>;
  onPublish(): Promise<void>;
  onObjections(): void;
  onDocx(): Promise<void>;
  onXlsx(): Promise<void>;
  download(which: 'docx' | 'xlsx'): Promise<void>;
  onYear(): void;
  onScheme(): void;
  onCityTap(event: DatasetEvent<{ id: string }>): void;
  onAccountTap(event: DatasetEvent<{ id: string }>): void;
  onKindTap(event: DatasetEvent<{ name: Kind }>): void;
}

const GRADE_TYPES: Record<string, string> = { 优秀: 'success', 良好: 'primary', 合格: 'warning', 不合格: 'danger' };

// No-break spaces: a narrow row must not leave 分 alone on the next line.
const deduction = (points: number): string => ` · 扣\u00a0${score(points)}\u00a0分`;

function toRow(item: RankingItem): RankRow {
  return {
    accountId: item.accountId,
    accountName: item.accountName,
    rank: item.rank,
    label: `${PLATFORM_LABELS[item.platform]} · ${item.kind === 'institutional' ? '机构账号' : '个人账号'}${item.deducted > 0 ? deduction(item.deducted) : ''}`,
    scoreText: score(item.score),
    grade: item.grade,
    gradeType: GRADE_TYPES[item.grade] ?? 'default',
  };
}

const toast = (title: string): void => void wx.showToast({ title, icon: 'none' });

function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, success: (res) => resolve(res.confirm), fail: () => resolve(false) });
  });
}

Page<MonthData, MonthCustom>({
  data: {
    ...listData<RankRow, Query>({ kind: 'all' }),
    month: '',
    monthLabel: '',
    status: 'loading',
    errorMessage: '',
    stateLabel: '',
    stateType: 'default',
    desk: false,
    summary: '',
    gradesText: '',
    deadlineText: '',
    progressText: '',
    canRun: false,
    runLabel: '开始计算',
    canRelease: false,
    canPublish: false,
    pendingObjections: 0,
    published: false,
    ranked: false,
    cities: [],
    cityNames: [],
    citySeries: [],
    cityHeight: 120,
    busy: '',
    kinds: [
      { name: 'all', title: '全部账号' },
      { name: 'institutional', title: '机构账号' },
      { name: 'personal', title: '个人账号' },
    ],
  },
  ...listBehaviour<RankRow, Query, number>({ key: (row) => row.accountId }),
  loadSeq: 0,
  view: null,

  onLoad(query: Record<string, string | undefined>) {
    // Default: last month, the one the timer evaluates after month end.
    const month =
      query.month && /^\d{4}-\d{2}$/.test(query.month) ? query.month : shiftMonth(monthOfTime(Date.now()), -1);
    this.setData({ month, monthLabel: monthText(month) });
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  async load() {
    const seq = ++this.loadSeq;
    const res = await call('evaluation', 'month', { month: this.data.month });
    if (seq !== this.loadSeq) return;
    if (!res.ok) {
      this.view = null;
      this.setData({ status: 'error', errorMessage: res.error.message });
      return;
    }
    this.show(res.data);
    if (this.data.ranked) await this.reloadList();
  },

  show(view: MonthView) {
    this.view = view;
    const s = view.standings;
    const state = view.state;
    const cities: CityRow[] = (s?.cities ?? []).map((c) => ({
      unitId: c.unitId,
      unitName: c.unitName,
      rank: c.rank,
      accounts: c.accounts,
      scoreText: score(c.score),
    }));
    const deadlinePassed = view.objectionDeadline !== null && Date.now() > Date.parse(view.objectionDeadline);
    this.setData({
      status: 'ready',
      errorMessage: '',
      stateLabel: MONTH_STATE_LABELS[state],
      stateType: state === 'published' ? 'success' : state === 'review' ? 'warning' : 'default',
      desk: view.desk,
      summary: s
        ? `${s.totals.accounts} 个账号，平均 ${score(s.totals.meanScore)} 分`
        : state === 'none'
          ? '本月尚未评估'
          : '',
      gradesText: s ? s.totals.grades.map((g) => `${g.label} ${g.count}`).join(' · ') : '',
      deadlineText: state === 'review' ? timeText(view.objectionDeadline) : '',
      progressText: state === 'running' ? `已计算 ${view.accountsDone} 个账号` : '',
      canRun: state !== 'published',
      runLabel: state === 'none' ? '开始计算' : '重新计算',
      canRelease: state === 'draft' && view.phase === 'done',
      canPublish: state === 'review' && deadlinePassed && view.pendingObjections === 0,
      pendingObjections: view.pendingObjections,
      published: state === 'published',
      ranked: s !== null,
      cities,
      cityNames: cities.map((c) => c.unitName),
      citySeries: [{ name: '平均得分', data: (s?.cities ?? []).map((c) => c.score) }],
      cityHeight: Math.max(120, cities.length * 28 + 40),
    });
  },

  async fetchPage(query, next) {
    const offset = next ?? 0;
    const res = await call('evaluation', 'ranking', {
      month: this.data.month,
      ...(query.kind === 'all' ? {} : { kind: query.kind }),
      offset,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({ rows: page.items.map(toRow), next: page.nextOffset }));
  },

  onPrev() {
    const month = shiftMonth(this.data.month, -1);
    this.setData({ month, monthLabel: monthText(month), status: 'loading' });
    void this.load();
  },

  onNext() {
    const month = shiftMonth(this.data.month, 1);
    this.setData({ month, monthLabel: monthText(month), status: 'loading' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async onRun() {
    const view = this.view;
    if (!view || this.data.busy) return;
    const again = view.state !== 'none';
    if (
      again &&
      !(await confirm('重新计算', '将按本月记录重新计算全部账号得分（已下发的异议与人工扣分保留），确定吗？'))
    )
      return;
    this.setData({ busy: 'run' });
    let restart = again || view.state === 'none';
    for (let i = 0; i < MAX_RUN_CALLS; i += 1) {
      const res = await call('evaluation', 'run', { month: this.data.month, restart });
      restart = false;
      if (!res.ok) {
        toast(res.error.message);
        break;
      }
      this.setData({ progressText: `已计算 ${res.data.accountsDone} 个账号` });
      if (res.data.phase === 'done') break;
    }
    this.setData({ busy: '' });
    await this.load();
  },

  async onRelease() {
    const view = this.view;
    if (!view || this.data.busy) return;
    if (!(await confirm('下发征求意见', '下发后各单位可查看本单位结果，并在异议期内对扣分提出异议。'))) return;
    this.setData({ busy: 'release' });
    const res = await call('evaluation', 'release', { month: this.data.month, expectedRev: view.rev });
    this.setData({ busy: '' });
    if (!res.ok) toast(res.error.message);
    await this.load();
  },

  async onPublish() {
    const view = this.view;
    if (!view || this.data.busy) return;
    if (!(await confirm('发布评估结果', '发布后本月结果不可再修改，并生成通报（Word）和评估明细（Excel）。'))) return;
    this.setData({ busy: 'publish' });
    const res = await call('evaluation', 'publish', { month: this.data.month, expectedRev: view.rev });
    this.setData({ busy: '' });
    if (!res.ok) toast(res.error.message);
    else toast(res.data.alreadyPublished ? '本月已发布' : '已发布，通报已生成');
    await this.load();
  },

  onObjections() {
    openPage(`/packages/evaluation/pages/objections/index?month=${this.data.month}`);
  },

  onDocx() {
    return this.download('docx');
  },

  onXlsx() {
    return this.download('xlsx');
  },

  async download(which) {
    if (this.data.busy) return;
    this.setData({ busy: which });
    const res = await call('evaluation', 'circular', { month: this.data.month });
    if (!res.ok) {
      this.setData({ busy: '' });
      toast(res.error.message);
      return;
    }
    const url = which === 'docx' ? res.data.docxUrl : res.data.xlsxUrl;
    wx.downloadFile({
      url,
      success: (file) => {
        wx.openDocument({
          filePath: file.tempFilePath,
          fileType: which,
          showMenu: true,
          fail: () => toast('无法打开文件'),
        });
      },
      fail: () => toast('下载失败，请重试'),
      complete: () => this.setData({ busy: '' }),
    });
  },

  onYear() {
    openPage(`/packages/evaluation/pages/year/index?year=${this.data.month.slice(0, 4)}`);
  },

  onScheme() {
    openPage('/packages/evaluation/pages/scheme/index');
  },

  onCityTap(event) {
    openPage(
      `/packages/evaluation/pages/result/index?month=${this.data.month}&unitId=${event.currentTarget.dataset.id}`,
    );
  },

  onAccountTap(event) {
    openPage(
      `/packages/evaluation/pages/result/index?month=${this.data.month}&accountId=${event.currentTarget.dataset.id}`,
    );
  },

  onKindTap(event) {
    void this.setQuery({ kind: event.currentTarget.dataset.name });
  },
});
