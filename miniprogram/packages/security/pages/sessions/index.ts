/**
 * Training (第三十五条): the sessions a unit and the units under it held, newest first, and recording
 * a held session (course, date, issuer, hours) before taking its attendance. The unit admin and the
 * propaganda desk record; leaders read.
 */
import type { TrainingSessionItem } from '../../../../../typings/training';
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
import { homeUnitFor } from '../../../../services/scope';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { PAGES, beijingPickers, newRequestKey } from '../../utils/security';

const PAGE_SIZE = 20;

interface SessionRow {
  id: string;
  title: string;
  label: string;
  count: string;
}

interface SessionsData extends ListData<SessionRow, Record<string, never>> {
  unitId: string;
  formOpen: boolean;
  course: string;
  date: string;
  issuer: string;
  hours: string;
  formError: string;
  busy: boolean;
}

interface SessionsCustom extends ListMethods<Record<string, never>> {
  listSeq: number;
  listNext: number | null;
  requestKey: string;
  fetchPage(query: Record<string, never>, next: number | null): Promise<ChunkResult<SessionRow, number>>;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onToggleForm(): void;
  onShortfall(): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: string } } }): void;
  onDate(event: { detail: { value: string } }): void;
  onCreate(): Promise<void>;
}

function row(s: TrainingSessionItem): SessionRow {
  return {
    id: s.id,
    title: s.course,
    label: `${s.date}｜${s.issuer}｜${s.hours} 学时｜${s.unitName}`,
    count: `${s.completed}/${s.attended} 人合格`,
  };
}

Page<SessionsData, SessionsCustom>({
  data: {
    ...listData<SessionRow, Record<string, never>>({}),
    unitId: '',
    formOpen: false,
    course: '',
    date: '',
    issuer: '',
    hours: '',
    formError: '',
    busy: false,
  },
  ...listBehaviour<SessionRow, Record<string, never>, number>({ key: (r) => r.id }),
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    this.requestKey = newRequestKey();
    this.setData({ unitId: decodeURIComponent(query.unitId ?? ''), date: beijingPickers(Date.now()).date });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    if (!this.data.unitId) {
      const unit = await homeUnitFor(['unitAdmin', 'propagandaStaff', 'leader']);
      if (!unit.ok) return unit;
      this.setData({ unitId: unit.data });
    }
    const res = await call('training', 'sessions', { unitId: this.data.unitId, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({ rows: page.items.map(row), next: page.nextOffset }));
  },

  onItemTap(event) {
    const id = encodeURIComponent(event.currentTarget.dataset.id);
    openPage(`${PAGES.session}?id=${id}&unitId=${encodeURIComponent(this.data.unitId)}`);
  },

  onShortfall() {
    openPage(`${PAGES.shortfall}?unitId=${encodeURIComponent(this.data.unitId)}`);
  },

  onToggleForm() {
    this.setData({ formOpen: !this.data.formOpen, formError: '' });
  },

  onField(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail, formError: '' });
  },

  onDate(event) {
    this.setData({ date: event.detail.value });
  },

  async onCreate() {
    if (this.data.busy) return;
    const hours = Number(this.data.hours);
    if (!this.data.course.trim() || !this.data.issuer.trim() || !(hours > 0)) {
      this.setData({ formError: '请填写课程、组织单位和学时' });
      return;
    }
    this.setData({ busy: true, formError: '' });
    const res = await call('training', 'sessionCreate', {
      unitId: this.data.unitId,
      requestKey: this.requestKey,
      course: this.data.course.trim(),
      date: this.data.date,
      issuer: this.data.issuer.trim(),
      hours,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ formError: res.error.message });
      return;
    }
    this.requestKey = newRequestKey();
    this.setData({ formOpen: false, course: '', issuer: '', hours: '' });
    openPage(`${PAGES.session}?id=${encodeURIComponent(res.data.id)}&unitId=${encodeURIComponent(this.data.unitId)}`);
  },
});
