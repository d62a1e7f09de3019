/**
 * 评估办法 (第三十六条 省厅制定评估办法): the scheme in force, every indicator and automatic deduction
 * with its article; the province desk edits the points for the next period only (the server refuses
 * an earlier month, and refuses a save over a version someone else saved first).
 */
import type { EvaluationScheme, SchemeData, SchemeView } from '../../../../../typings/evaluation';
import { call } from '../../../../services/api';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';

interface Row {
  key: string;
  label: string;
  article: string;
  weight?: string;
  points?: string;
}

interface SchemePageData {
  status: 'loading' | 'ready' | 'error';
  errorMessage: string;
  desk: boolean;
  version: number;
  fromMonth: string;
  nextMonth: string;
  nextVersion: number;
  indicators: Row[];
  deductions: Row[];
  deductionCap: number;
  bonusCap: number;
  objectionWorkingDays: number;
  saving: boolean;
}

interface SchemeCustom {
  scheme: EvaluationScheme | null;
  latest: number;
  load(): Promise<void>;
  show(view: SchemeView): void;
  onRetry(): void;
  onNumber(event: DatasetEvent<{ index: number; field: 'indicators' | 'deductions' }> & ValueEvent<string>): void;
  onSave(): Promise<void>;
}

Page<SchemePageData, SchemeCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    desk: false,
    version: 0,
    fromMonth: '',
    nextMonth: '',
    nextVersion: 1,
    indicators: [],
    deductions: [],
    deductionCap: 0,
    bonusCap: 0,
    objectionWorkingDays: 0,
    saving: false,
  },
  scheme: null,
  latest: 0,

  onLoad() {
    void this.load();
  },

  async load() {
    const res = await call('evaluation', 'scheme', {});
    if (!res.ok) {
      this.setData({ status: 'error', errorMessage: res.error.message });
      return;
    }
    this.show(res.data);
  },

  show(view) {
    const s = view.scheme;
    this.scheme = s;
    this.latest = view.versions[0]?.version ?? 0;
    this.setData({
      status: 'ready',
      desk: view.desk,
      version: s.version,
      fromMonth: s.fromMonth,
      nextMonth: view.nextEditableMonth,
      nextVersion: this.latest + 1,
      indicators: s.indicators.map((i) => ({
        key: i.key,
        label: i.label,
        article: i.article,
        weight: String(i.weight),
      })),
      deductions: s.autoDeductions.map((d) => ({
        key: d.key,
        label: d.label,
        article: d.article,
        points: String(d.points),
      })),
      deductionCap: s.deductionCap,
      bonusCap: s.bonusCap,
      objectionWorkingDays: s.objectionWorkingDays,
    });
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  onNumber(event) {
    const { index, field } = event.currentTarget.dataset;
    const key = field === 'indicators' ? 'weight' : 'points';
    this.setData({ [`${field}[${index}].${key}`]: event.detail });
  },

  async onSave() {
    const s = this.scheme;
    if (!s || this.data.saving) return;
    const data: SchemeData = {
      indicators: s.indicators.map((i, n) => ({ ...i, weight: Number(this.data.indicators[n]?.weight ?? i.weight) })),
      autoDeductions: s.autoDeductions.map((d, n) => ({
        ...d,
        points: Number(this.data.deductions[n]?.points ?? d.points),
      })),
      deductionCap: s.deductionCap,
      bonusCap: s.bonusCap,
      manualMaxPoints: s.manualMaxPoints,
      objectionWorkingDays: s.objectionWorkingDays,
      grades: s.grades,
      commendTop: s.commendTop,
      criticiseBelow: s.criticiseBelow,
      requirements: s.requirements,
    };
    this.setData({ saving: true });
    const res = await call('evaluation', 'schemeSave', {
      fromMonth: this.data.nextMonth,
      expectedVersion: this.latest,
      scheme: data,
    });
    this.setData({ saving: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    void wx.showToast({ title: '已保存', icon: 'success' });
    this.show(res.data);
  },
});
