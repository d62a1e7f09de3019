/**
 * 年度评估 (第三十八条): the year's published months, the cities ranked by their mean, and the desk's
 * 年度优秀 marks (对年度工作评估优秀的，省厅将予以通报表扬).
 */
import type { YearView } from '../../../../../typings/evaluation';
import { call } from '../../../../services/api';
import type { DatasetEvent } from '../../../../utils/events';
import type { ChartSeries } from '../../components/chart/index';
import { score } from '../../lib/labels';

interface CityRow {
  unitId: string;
  unitName: string;
  rank: number;
  months: number;
  scoreText: string;
  marked: boolean;
}

interface YearData {
  year: number;
  status: 'loading' | 'ready' | 'error';
  errorMessage: string;
  desk: boolean;
  rev: number;
  monthNames: string[];
  monthSeries: ChartSeries[];
  cities: CityRow[];
  excellent: Array<{ targetId: string; name: string; reason: string }>;
}

interface YearCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(view: YearView): void;
  onPrev(): void;
  onNext(): void;
  onRetry(): void;
  onMark(event: DatasetEvent<{ id: string; name: string }>): Promise<void>;
}

Page<YearData, YearCustom>({
  data: {
    year: 0,
    status: 'loading',
    errorMessage: '',
    desk: false,
    rev: 0,
    monthNames: [],
    monthSeries: [],
    cities: [],
    excellent: [],
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    const year = Number(query.year) || new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    this.setData({ year });
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  async load() {
    const seq = ++this.loadSeq;
    const res = await call('evaluation', 'year', { year: this.data.year });
    if (seq !== this.loadSeq) return;
    if (res.ok) this.show(res.data);
    else this.setData({ status: 'error', errorMessage: res.error.message });
  },

  show(view: YearView) {
    const marked = new Set(view.excellent.filter((m) => m.targetKind === 'unit').map((m) => m.targetId));
    this.setData({
      status: 'ready',
      desk: view.desk,
      rev: view.rev,
      monthNames: view.months.map((m) => `${Number(m.month.slice(5))}月`),
      monthSeries: [{ name: '平均分', data: view.months.map((m) => m.meanScore) }],
      cities: view.cities.map((c) => ({
        unitId: c.unitId,
        unitName: c.unitName,
        rank: c.rank,
        months: c.months,
        scoreText: score(c.meanScore),
        marked: marked.has(c.unitId),
      })),
      excellent: view.excellent.map((m) => ({ targetId: m.targetId, name: m.name, reason: m.reason })),
    });
  },

  onPrev() {
    this.setData({ year: this.data.year - 1, status: 'loading' });
    void this.load();
  },

  onNext() {
    this.setData({ year: this.data.year + 1, status: 'loading' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async onMark(event) {
    const { id, name } = event.currentTarget.dataset;
    const reason = await new Promise<string | null>((resolve) => {
      wx.showModal({
        title: `评为年度优秀：${name}`,
        editable: true,
        placeholderText: '请写明表彰理由',
        success: (res) => resolve(res.confirm ? (res.content ?? '').trim() : null),
        fail: () => resolve(null),
      });
    });
    if (!reason) return;
    const res = await call('evaluation', 'markExcellent', {
      year: this.data.year,
      targetKind: 'unit',
      targetId: id,
      reason,
      expectedRev: this.data.rev,
    });
    if (res.ok) this.show(res.data);
    else void wx.showToast({ title: res.error.message, icon: 'none' });
  },
});
