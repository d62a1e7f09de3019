/**
 * The working-day calendar's override table (第二十七条 counts deadlines in working days). chinese-days
 * knows the State Council's arrangement up to 2026; a later year's, published each winter, is entered
 * here by 省厅政治部宣传处 (第七条), who alone may change it.
 */
import type { CalendarOverride, CalendarYear } from '../../../typings/referral';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import type { DatasetEvent, ValueEvent } from '../../utils/events';

type Kind = CalendarOverride['kind'];
type Field = 'newDay' | 'newName';

const KIND_LABELS: Readonly<Record<Kind, string>> = { holiday: '放假', working: '调休上班' };
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
/** The server's limit on an override's name. */
const NAME_MAX = 20;

interface DayView extends CalendarOverride {
  weekday: string;
  kindLabel: string;
}

interface CalendarData extends LoadState {
  years: number[];
  year: number;
  official: boolean;
  warnings: string[];
  days: DayView[];
  /** The list differs from what the server holds. */
  dirty: boolean;
  /** The revision the list was loaded at; the save names it. */
  rev: number;
  kinds: { key: Kind; label: string }[];
  newDay: string;
  newKind: Kind;
  newName: string;
  dayError: string;
  nameError: string;
  saving: boolean;
  saveError: string;
}

interface CalendarCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(calendar: CalendarYear): void;
  onRetry(): void;
  onYear(event: DatasetEvent<{ year: number }>): void;
  onRevert(): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: Field } } }): void;
  onKind(event: DatasetEvent<{ kind: Kind }>): void;
  onAdd(): void;
  onRemove(event: DatasetEvent<{ day: string }>): void;
  onSave(): Promise<void>;
}

/** The Beijing calendar year of an instant, whatever the phone's time zone (no DST in China). */
function beijingYear(ms: number): number {
  return new Date(ms + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** A real calendar day written YYYY-MM-DD (2027-02-30 is not). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

function toView(d: CalendarOverride): DayView {
  return {
    day: d.day,
    kind: d.kind,
    name: d.name,
    // The day's own calendar weekday: a YYYY-MM-DD read at UTC midnight has no zone to shift it.
    weekday: WEEKDAYS[new Date(`${d.day}T00:00:00Z`).getUTCDay()] ?? '',
    kindLabel: KIND_LABELS[d.kind],
  };
}

const byDay = (a: DayView, b: DayView): number => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

const EMPTY_FORM = { newDay: '', newName: '', dayError: '', nameError: '' } as const;

Page<CalendarData, CalendarCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    years: [],
    year: 0,
    official: true,
    warnings: [],
    days: [],
    dirty: false,
    rev: 0,
    kinds: (['holiday', 'working'] as const).map((key) => ({ key, label: KIND_LABELS[key] })),
    newDay: '',
    newKind: 'holiday',
    newName: '',
    dayError: '',
    nameError: '',
    saving: false,
    saveError: '',
  },
  loadSeq: 0,

  onLoad() {
    // The current year and the next: the next year's arrangement is the one usually missing.
    const year = beijingYear(Date.now());
    this.setData({ years: [year, year + 1], year });
    void this.load();
  },

  async onPullDownRefresh() {
    // A refresh would drop the unsaved list; 还原 does that on purpose.
    if (!this.data.dirty) await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const calendar = await latestData(this, call('referral', 'calendarOverrides', { year: this.data.year }));
    if (calendar) this.show(calendar);
  },

  show(calendar) {
    this.setData({
      status: 'ready',
      official: calendar.official,
      warnings: calendar.warnings,
      days: calendar.overrides.map(toView).sort(byDay),
      dirty: false,
      rev: calendar.rev,
      saveError: '',
      ...EMPTY_FORM,
    });
  },

  onYear(event) {
    const year = Number(event.currentTarget.dataset.year);
    if (year === this.data.year || this.data.dirty) return;
    this.setData({ year, status: 'loading' });
    void this.load();
  },

  onRevert() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  onField(event) {
    const { field } = event.currentTarget.dataset;
    this.setData({ [field]: event.detail, [field === 'newDay' ? 'dayError' : 'nameError']: '' });
  },

  onKind(event) {
    this.setData({ newKind: event.currentTarget.dataset.kind });
  },

  onAdd() {
    const day = this.data.newDay.trim();
    const name = this.data.newName.trim();
    const { year, days } = this.data;
    let dayError = '';
    if (!isDay(day)) dayError = `日期格式为 ${year}-01-01`;
    else if (!day.startsWith(`${year}-`)) dayError = `日期须在${year}年内`;
    else if (days.some((d) => d.day === day)) dayError = '该日期已在列表中';
    const nameError = !name ? '请填写名称，如“春节”' : name.length > NAME_MAX ? `名称不超过${NAME_MAX}字` : '';
    if (dayError || nameError) {
      this.setData({ dayError, nameError });
      return;
    }
    this.setData({
      days: [...days, toView({ day, kind: this.data.newKind, name })].sort(byDay),
      dirty: true,
      saveError: '',
      ...EMPTY_FORM,
    });
  },

  onRemove(event) {
    const { day } = event.currentTarget.dataset;
    this.setData({ days: this.data.days.filter((d) => d.day !== day), dirty: true, saveError: '' });
  },

  async onSave() {
    if (this.data.saving || !this.data.dirty) return;
    this.setData({ saving: true, saveError: '' });
    const days: CalendarOverride[] = this.data.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name }));
    // The server replaces the year's list as a whole (an empty list removes every override).
    const res = await call('referral', 'setCalendarOverrides', {
      year: this.data.year,
      days,
      expectedRev: this.data.rev,
    });
    this.setData({ saving: false });
    if (!res.ok) {
      const saveError =
        res.error.code === 'CONFLICT'
          ? '其他管理员刚刚修改了该年安排，请放弃修改并重新加载后再编辑'
          : res.error.message;
      this.setData({ saveError });
      return;
    }
    this.show(res.data);
    void wx.showToast({ title: '已保存', icon: 'success' });
  },
});
