/**
 * 大模型审读设置 (省厅政治部宣传处, 第七条; docs/reader.md): in this environment, whether the model reads
 * posts beside the rules, which of the environment's enabled models, how long a post waits for it,
 * the tokens each unit may spend a month, and whether a confident finding on a caution item raises a
 * post's level (default: advisory only). Below: this month's use per unit and approvers' judgements.
 */
import type {
  JudgementStats,
  ReaderSettings,
  ReaderSettingsInput,
  ReaderSettingsView,
  UnitUsageView,
  UsagePage,
} from '../../../../../typings/reader';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';

import { parseField, TIMEOUT, type NumberField } from './form';

interface UsageRow extends UnitUsageView {
  text: string;
  own: boolean;
}

interface StatsRow {
  key: string;
  title: string;
  lines: string[];
}

interface SettingsData extends LoadState {
  rev: number;
  models: string[];
  form: ReaderSettingsInput;
  /** The number fields as typed. */
  texts: Record<NumberField, string>;
  errors: Record<NumberField, string>;
  unitNames: Record<string, string>;
  budgets: Array<{ unitId: string; name: string; tokens: number }>;
  dirty: boolean;
  saving: boolean;
  saveError: string;
  probing: string;
  probes: Record<string, string>;
  month: string;
  usage: UsageRow[];
  usageNext: number | null;
  usageLoading: boolean;
  stats: StatsRow[];
  budgetUnit: { unitId: string; unitName: string } | null;
  budgetText: string;
  budgetError: string;
}

interface SettingsCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(view: ReaderSettingsView): void;
  loadUsage(offset: number): Promise<void>;
  loadStats(): Promise<void>;
  edit(patch: Partial<ReaderSettingsInput>): void;
  onRetry(): void;
  onEnabled(event: ValueEvent<boolean>): void;
  onModel(event: ValueEvent<string>): void;
  onProbe(event: DatasetEvent<{ model: string }>): Promise<void>;
  onTimeout(event: ValueEvent<number>): void;
  onNumber(event: ValueEvent<string> & { currentTarget: { dataset: { field: NumberField } } }): void;
  onRaise(event: ValueEvent<boolean>): void;
  onRemoveBudget(event: DatasetEvent<{ unit: string }>): void;
  onBudgetOpen(event: DatasetEvent<{ unit: string }>): void;
  onBudgetText(event: ValueEvent<string>): void;
  onBudgetConfirm(): void;
  onBudgetCancel(): void;
  onMoreUsage(): Promise<void>;
  onSave(): Promise<void>;
  onPrompt(): void;
  onCalls(): void;
}

const NO_ERRORS: Record<NumberField, string> = { chunkChars: '', monthlyTokens: '', raiseConfidence: '' };

function inputOf(s: ReaderSettings): ReaderSettingsInput {
  return {
    enabled: s.enabled,
    model: s.model,
    timeoutSeconds: s.timeoutSeconds,
    monthlyTokens: s.monthlyTokens,
    unitBudgets: s.unitBudgets.map((b) => ({ ...b })),
    raiseFloor: s.raiseFloor,
    raiseConfidence: s.raiseConfidence,
    chunkChars: s.chunkChars,
  };
}

function textsOf(form: ReaderSettingsInput): Record<NumberField, string> {
  return {
    chunkChars: String(form.chunkChars),
    monthlyTokens: String(form.monthlyTokens),
    raiseConfidence: String(form.raiseConfidence),
  };
}

function usageRow(u: UnitUsageView, own: boolean): UsageRow {
  return { ...u, own, text: `已用 ${u.tokens} / ${u.budget} tokens，${u.calls} 次调用` };
}

function statsRows(stats: JudgementStats): StatsRow[] {
  return stats.models.map((m) => ({
    key: `${m.model}|${m.promptVersion}`,
    title: `${m.model} · 提示词 v${m.promptVersion}：正确 ${m.right}，有误 ${m.wrong}`,
    lines: m.items.map((i) => `${i.ref} ${i.title}：正确 ${i.right}，有误 ${i.wrong}`),
  }));
}

Page<SettingsData, SettingsCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    rev: 0,
    models: [],
    form: {
      enabled: false,
      model: null,
      timeoutSeconds: 8,
      monthlyTokens: 0,
      unitBudgets: [],
      raiseFloor: false,
      raiseConfidence: 0.85,
      chunkChars: 3000,
    },
    texts: { chunkChars: '', monthlyTokens: '', raiseConfidence: '' },
    errors: NO_ERRORS,
    unitNames: {},
    budgets: [],
    dirty: false,
    saving: false,
    saveError: '',
    probing: '',
    probes: {},
    month: '',
    usage: [],
    usageNext: null,
    usageLoading: false,
    stats: [],
    budgetUnit: null,
    budgetText: '',
    budgetError: '',
  },
  loadSeq: 0,

  onLoad() {
    void this.load();
  },

  async onPullDownRefresh() {
    if (!this.data.dirty) await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view = await latestData(this, call('reader', 'settings', {}));
    if (!view) return;
    this.show(view);
    await Promise.all([this.loadUsage(0), this.loadStats()]);
  },

  show(view) {
    const form = inputOf(view.settings);
    this.setData({
      status: 'ready',
      rev: view.settings.rev,
      models: view.models,
      form,
      texts: textsOf(form),
      errors: NO_ERRORS,
      unitNames: view.unitNames,
      budgets: form.unitBudgets.map((b) => ({ ...b, name: view.unitNames[b.unitId] ?? b.unitId })),
      dirty: false,
      saveError: '',
    });
  },

  async loadUsage(offset) {
    this.setData({ usageLoading: true });
    const res = await call('reader', 'usage', { offset, limit: 20 });
    this.setData({ usageLoading: false });
    if (!res.ok) return;
    const page: UsagePage = res.data;
    const own = new Set(this.data.form.unitBudgets.map((b) => b.unitId));
    const rows = page.items.map((u) => usageRow(u, own.has(u.unitId)));
    this.setData({
      month: page.month,
      usage: offset === 0 ? rows : [...this.data.usage, ...rows],
      usageNext: page.nextOffset,
    });
  },

  async loadStats() {
    const res = await call('reader', 'stats', {});
    if (res.ok) this.setData({ stats: statsRows(res.data) });
  },

  edit(patch) {
    const form = { ...this.data.form, ...patch };
    this.setData({
      form,
      dirty: true,
      saveError: '',
      budgets: form.unitBudgets.map((b) => ({ ...b, name: this.data.unitNames[b.unitId] ?? b.unitId })),
    });
  },

  onEnabled(event) {
    this.edit({ enabled: event.detail });
  },

  onModel(event) {
    this.edit({ model: event.detail });
  },

  async onProbe(event) {
    const model = event.currentTarget.dataset.model;
    if (this.data.probing) return;
    this.setData({ probing: model });
    const res = await call('reader', 'probe', { model });
    const text = res.ok
      ? res.data.ok
        ? `已答复，用时 ${(res.data.latencyMs / 1000).toFixed(1)} 秒`
        : res.data.message
      : res.error.message;
    this.setData({ probing: '', probes: { ...this.data.probes, [model]: text } });
  },

  onTimeout(event) {
    const n = Math.round(Number(event.detail));
    if (n >= TIMEOUT.min && n <= TIMEOUT.max) this.edit({ timeoutSeconds: n });
  },

  onNumber(event) {
    const field = event.currentTarget.dataset.field;
    const text = event.detail;
    const parsed = parseField(field, text);
    this.setData({
      texts: { ...this.data.texts, [field]: text },
      errors: { ...this.data.errors, [field]: 'error' in parsed ? parsed.error : '' },
    });
    if ('value' in parsed) this.edit({ [field]: parsed.value });
    else this.setData({ dirty: true });
  },

  onRaise(event) {
    this.edit({ raiseFloor: event.detail });
  },

  onRemoveBudget(event) {
    const unit = event.currentTarget.dataset.unit;
    this.edit({ unitBudgets: this.data.form.unitBudgets.filter((b) => b.unitId !== unit) });
  },

  onBudgetOpen(event) {
    const unitId = event.currentTarget.dataset.unit;
    const row = this.data.usage.find((u) => u.unitId === unitId);
    const own = this.data.form.unitBudgets.find((b) => b.unitId === unitId);
    this.setData({
      budgetUnit: { unitId, unitName: row?.unitName ?? this.data.unitNames[unitId] ?? unitId },
      budgetText: String(own?.tokens ?? row?.budget ?? this.data.form.monthlyTokens),
      budgetError: '',
    });
  },

  onBudgetText(event) {
    this.setData({ budgetText: event.detail, budgetError: '' });
  },

  onBudgetConfirm() {
    const unit = this.data.budgetUnit;
    if (!unit) return;
    const parsed = parseField('monthlyTokens', this.data.budgetText);
    if ('error' in parsed) {
      this.setData({ budgetError: parsed.error });
      return;
    }
    const others = this.data.form.unitBudgets.filter((b) => b.unitId !== unit.unitId);
    this.setData({ unitNames: { ...this.data.unitNames, [unit.unitId]: unit.unitName }, budgetUnit: null });
    this.edit({ unitBudgets: [...others, { unitId: unit.unitId, tokens: parsed.value }] });
  },

  onBudgetCancel() {
    this.setData({ budgetUnit: null });
  },

  async onMoreUsage() {
    const next = this.data.usageNext;
    if (next === null || this.data.usageLoading) return;
    await this.loadUsage(next);
  },

  async onSave() {
    if (this.data.saving || !this.data.dirty) return;
    if (Object.values(this.data.errors).some(Boolean)) {
      this.setData({ saveError: '请先改正标红的项' });
      return;
    }
    this.setData({ saving: true, saveError: '' });
    const res = await call('reader', 'settingsSave', { settings: this.data.form, expectedRev: this.data.rev });
    this.setData({ saving: false });
    if (!res.ok) {
      this.setData({
        saveError: res.error.code === 'CONFLICT' ? '设置已被他人修改，请下拉刷新后重新设置' : res.error.message,
      });
      return;
    }
    this.show(res.data);
    void wx.showToast({ title: '已保存', icon: 'success' });
  },

  onPrompt() {
    openPage('/packages/reader/pages/prompt/index');
  },

  onCalls() {
    openPage('/packages/reader/pages/calls/index');
  },
});
