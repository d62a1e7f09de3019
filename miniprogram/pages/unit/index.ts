import type { Role, UnitView } from '../../../typings/org';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import { homeUnitFor } from '../../services/scope';
import type { DatasetEvent, ValueEvent } from '../../utils/events';

/** Who names responsibility (org.setResponsibility). */
const EDITORS: readonly Role[] = ['unitAdmin'];
const CANDIDATES_MAX = 100;

type Slot = 'leader' | 'department' | 'person';

interface Choice {
  name: string;
  value: string;
}

interface Picked {
  id: string | null;
  name: string;
}

interface UnitData extends LoadState {
  unitId: string;
  unitName: string;
  trail: string;
  rev: number;
  leader: Picked;
  department: Picked;
  person: Picked;
  choices: Record<Slot, Choice[]>;
  sheetSlot: Slot | '';
  sheetActions: Choice[];
  saving: boolean;
  saveError: string;
}

interface UnitCustom {
  loadSeq: number;
  requestedUnitId: string;
  load(): Promise<void>;
  apply(unit: UnitView): void;
  onRetry(): void;
  onPick(event: DatasetEvent<{ slot: Slot }>): void;
  onSheetSelect(event: ValueEvent<Choice>): void;
  onSheetClose(): void;
  onSave(): Promise<void>;
}

const NOBODY = '未指定';
const NONE_CHOICE: Choice = { name: NOBODY, value: '' };
const picked = (id: string | null, name: string | null): Picked => ({ id, name: id === null ? NOBODY : (name ?? id) });

Page<UnitData, UnitCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    unitId: '',
    unitName: '',
    trail: '',
    rev: 0,
    leader: picked(null, null),
    department: picked(null, null),
    person: picked(null, null),
    choices: { leader: [], department: [], person: [] },
    sheetSlot: '',
    sheetActions: [],
    saving: false,
    saveError: '',
  },
  loadSeq: 0,
  requestedUnitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.requestedUnitId = query.unitId ?? '';
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const unitId = this.requestedUnitId || (await latestData(this, homeUnitFor(EDITORS)));
    if (!unitId) return;
    const own = await latestData(this, call('org', 'listPeople', { unitId, limit: 0 }));
    if (!own) return;
    // 第二十九条 names them within the unit's own bureau: its internal units and their people.
    const bureau = await latestData(
      this,
      call('org', 'listPeople', { unitId: own.unit.bureauId, limit: CANDIDATES_MAX }),
    );
    if (!bureau) return;
    const internal = [bureau.unit, ...bureau.children].filter((u) => u.id === bureau.unit.id || u.kind !== 'bureau');
    const internalIds = new Set(internal.map((u) => u.id));
    const people = bureau.items.filter((p) => p.active && internalIds.has(p.unitId));
    const asChoice = (p: { id: string; name: string; unitName: string }): Choice => ({
      name: `${p.name}（${p.unitName}）`,
      value: p.id,
    });
    this.setData({
      status: 'ready',
      choices: {
        leader: [NONE_CHOICE, ...people.filter((p) => p.roles.some((r) => r.role === 'leader')).map(asChoice)],
        department: [
          NONE_CHOICE,
          ...internal.filter((u) => u.kind !== 'bureau').map((u) => ({ name: u.name, value: u.id })),
        ],
        person: [NONE_CHOICE, ...people.map(asChoice)],
      },
    });
    this.apply(own.unit);
  },

  apply(unit) {
    const r = unit.responsibility;
    this.setData({
      unitId: unit.id,
      unitName: unit.name,
      trail: unit.ancestors.map((u) => u.name).join(' / '),
      rev: unit.rev,
      leader: picked(r.leaderId, r.leaderName),
      department: picked(r.departmentId, r.departmentName),
      person: picked(r.personId, r.personName),
    });
  },

  onPick(event) {
    const { slot } = event.currentTarget.dataset;
    this.setData({ sheetSlot: slot, sheetActions: this.data.choices[slot] });
  },

  onSheetSelect(event) {
    const slot = this.data.sheetSlot;
    if (slot) {
      const { name, value } = event.detail;
      // A person's choice reads "name（unit）"; the page shows the name.
      this.setData({
        [slot]: value ? { id: value, name: name.replace(/（.*）$/, '') } : picked(null, null),
        saveError: '',
      });
    }
    this.setData({ sheetSlot: '' });
  },

  onSheetClose() {
    this.setData({ sheetSlot: '' });
  },

  async onSave() {
    if (this.data.saving) return;
    this.setData({ saving: true, saveError: '' });
    const { unitId, rev, leader, department, person } = this.data;
    const res = await call('org', 'setResponsibility', {
      unitId,
      expectedRev: rev,
      responsibility: { leaderId: leader.id, departmentId: department.id, personId: person.id },
    });
    this.setData({ saving: false });
    if (!res.ok) {
      this.setData({ saveError: res.error.message });
      return;
    }
    this.apply(res.data);
    void wx.showToast({ title: '已保存', icon: 'success' });
  },
});
