/**
 * One training session and its attendance (第三十五条). The organiser records attendance in bulk:
 * picks the people of the unit who attended and whether they completed it; a completed attendance is
 * a training record on the person, so a newcomer may then run or review accounts. Re-recording a
 * person corrects them.
 */
import type { PersonView } from '../../../../../typings/org';
import type { AttendanceItem } from '../../../../../typings/training';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import type { ValueEvent } from '../../../../utils/events';

const PAGE_SIZE = 50;
/** The function takes at most 100 attendees a call. */
const PICK_MAX = 100;

interface AttendanceRow {
  id: string;
  title: string;
  label: string;
  completed: boolean;
}

interface Candidate {
  id: string;
  name: string;
  label: string;
}

interface SessionData extends ListData<AttendanceRow, Record<string, never>> {
  id: string;
  unitId: string;
  head: { course: string; line: string; count: string } | null;
  canRecord: boolean;
  picking: boolean;
  candidates: Candidate[];
  picked: string[];
  completed: boolean;
  busy: boolean;
  refusal: string;
}

interface SessionCustom extends ListMethods<Record<string, never>> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Record<string, never>, next: number | null): Promise<ChunkResult<AttendanceRow, number>>;
  onPick(): Promise<void>;
  onPicked(event: ValueEvent<string[]>): void;
  onCompleted(event: ValueEvent<boolean>): void;
  onRecord(): Promise<void>;
}

function row(a: AttendanceItem): AttendanceRow {
  return { id: a.personId, title: a.name, label: `${a.badgeNo}｜${a.unitName}`, completed: a.completed };
}

function candidate(p: PersonView): Candidate {
  return { id: p.id, name: p.name, label: `${p.badgeNo} ${p.unitName}${p.trained ? '' : '（未培训）'}` };
}

Page<SessionData, SessionCustom>({
  data: {
    ...listData<AttendanceRow, Record<string, never>>({}),
    id: '',
    unitId: '',
    head: null,
    canRecord: false,
    picking: false,
    candidates: [],
    picked: [],
    completed: true,
    busy: false,
    refusal: '',
  },
  ...listBehaviour<AttendanceRow, Record<string, never>, number>({ key: (r) => r.id }),

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: decodeURIComponent(query.id ?? ''), unitId: decodeURIComponent(query.unitId ?? '') });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('training', 'session', { sessionId: this.data.id, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (detail) => {
      const s = detail.session;
      return {
        rows: detail.attendance.map(row),
        next: detail.nextOffset,
        extra: {
          head: {
            course: s.course,
            line: `${s.date}｜${s.issuer}｜${s.hours} 学时｜登记人 ${s.organiserName}`,
            count: `签到 ${s.attended} 人，合格 ${s.completed} 人`,
          },
          canRecord: detail.canRecord,
        },
      };
    });
  },

  async onPick() {
    if (this.data.picking) {
      this.setData({ picking: false });
      return;
    }
    const res = await call('org', 'listPeople', { unitId: this.data.unitId, limit: PICK_MAX });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    const already = new Set(this.data.list.items.map((r) => r.id));
    this.setData({
      picking: true,
      refusal: '',
      candidates: res.data.items.filter((p) => p.active).map(candidate),
      picked: res.data.items.filter((p) => already.has(p.id)).map((p) => p.id),
    });
  },

  onPicked(event) {
    this.setData({ picked: event.detail.slice(0, PICK_MAX) });
  },

  onCompleted(event) {
    this.setData({ completed: event.detail });
  },

  async onRecord() {
    if (this.data.busy || this.data.picked.length === 0) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('training', 'recordAttendance', {
      sessionId: this.data.id,
      entries: this.data.picked.map((personId) => ({ personId, completed: this.data.completed })),
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.setData({ picking: false, picked: [] });
    void wx.showToast({ title: `已登记 ${res.data.recorded} 人`, icon: 'success' });
    await this.refreshList();
  },
});
