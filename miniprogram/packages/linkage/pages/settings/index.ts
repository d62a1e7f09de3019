/**
 * 省厅政治部宣传处's linkage settings (第三十四条): which city desks may call their own matrix, the
 * default response window (the article's hour) and the grace after which a directive closes.
 */
import type { LinkageSettings } from '../../../../../typings/linkage';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { ValueEvent } from '../../../../utils/events';

interface SettingsData extends LoadState {
  rev: number;
  cityDesks: LinkageSettings['cityDesks'];
  cityIds: string[];
  cities: { id: string; name: string }[];
  defaultWindowMinutes: number;
  graceMinutes: number;
  busy: boolean;
  refusal: string;
}

interface SettingsCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onCityDesks(event: ValueEvent<LinkageSettings['cityDesks']>): void;
  onCities(event: ValueEvent<string[]>): void;
  onWindow(event: ValueEvent<number>): void;
  onGrace(event: ValueEvent<number>): void;
  onSave(): Promise<void>;
}

Page<SettingsData, SettingsCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    rev: 0,
    cityDesks: 'none',
    cityIds: [],
    cities: [],
    defaultWindowMinutes: 60,
    graceMinutes: 30,
    busy: false,
    refusal: '',
  },
  loadSeq: 0,

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const s = await latestData(this, call('linkage', 'settings', {}));
    if (!s) return;
    this.setData({ status: 'ready', ...s, refusal: '' });
  },

  onCityDesks(event) {
    this.setData({ cityDesks: event.detail });
  },
  onCities(event) {
    this.setData({ cityIds: event.detail });
  },
  onWindow(event) {
    this.setData({ defaultWindowMinutes: Number(event.detail) });
  },
  onGrace(event) {
    this.setData({ graceMinutes: Number(event.detail) });
  },

  async onSave() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('linkage', 'setSettings', {
      expectedRev: this.data.rev,
      cityDesks: this.data.cityDesks,
      cityIds: this.data.cityIds,
      defaultWindowMinutes: this.data.defaultWindowMinutes,
      graceMinutes: this.data.graceMinutes,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.setData({ ...res.data });
    void wx.showToast({ title: '已保存', icon: 'success' });
  },
});
