import type { ApiResult } from '../../../typings/common';
import type { PersonFields, PersonView, Role, RoleGrant, TrainingRecord } from '../../../typings/org';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { ROLE_LABELS } from '../../utils/labels';

type TextField = 'name' | 'badgeNo' | 'phone';
type FlagField = 'auxiliary' | 'classifiedPost' | 'active';
type TrainingText = 'course' | 'date' | 'issuer';
type SheetKey = '' | 'unit' | 'role' | 'roleUnit';

interface Choice {
  name: string;
  value: string;
}

interface Form extends PersonFields {
  unitName: string;
}

interface RoleRow extends RoleGrant {
  key: string;
  label: string;
}

interface PersonData extends LoadState {
  isNew: boolean;
  personId: string;
  rev: number;
  form: Form;
  formError: string;
  saving: boolean;
  trained: boolean;
  bound: boolean;
  roles: RoleRow[];
  roleError: string;
  newRole: { role: Role | ''; unitId: string; roleName: string; unitName: string };
  trainings: (TrainingRecord & { key: string })[];
  newTraining: TrainingRecord;
  trainingError: string;
  /** The units a person or a role can be placed in here: the listed unit and the units right under it. */
  units: Choice[];
  sheetKey: SheetKey;
  sheetTitle: string;
  sheetActions: Choice[];
}

interface PersonCustom {
  loadSeq: number;
  unitId: string;
  load(): Promise<void>;
  apply(person: PersonView): void;
  afterWrite(res: ApiResult<PersonView>, errorField: 'formError' | 'roleError' | 'trainingError'): boolean;
  onRetry(): void;
  onTextChange(event: DatasetEvent<{ field: TextField }> & ValueEvent<string>): void;
  onFlagChange(event: DatasetEvent<{ field: FlagField }> & ValueEvent<boolean>): void;
  onTrainingText(event: DatasetEvent<{ field: TrainingText }> & ValueEvent<string>): void;
  onTrainingDone(event: ValueEvent<boolean>): void;
  openSheet(event: DatasetEvent<{ key: SheetKey }>): void;
  onSheetSelect(event: ValueEvent<Choice>): void;
  onSheetClose(): void;
  onSave(): Promise<void>;
  onAddRole(): Promise<void>;
  onRemoveRole(event: DatasetEvent<{ key: string }>): Promise<void>;
  onAddTraining(): Promise<void>;
  onInviteTap(): void;
}

const ROLE_CHOICES: Choice[] = (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({
  name: ROLE_LABELS[role],
  value: role,
}));
const BLANK_TRAINING: TrainingRecord = { course: '公安新媒体业务培训', date: '', issuer: '', completed: true };
const SHEET_TITLES: Record<SheetKey, string> = { '': '', unit: '所在单位', role: '角色', roleUnit: '角色所在单位' };

const grantKey = (g: RoleGrant): string => `${g.role}@${g.unitId}`;

Page<PersonData, PersonCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    isNew: true,
    personId: '',
    rev: 0,
    form: {
      name: '',
      badgeNo: '',
      phone: '',
      unitId: '',
      unitName: '',
      auxiliary: false,
      classifiedPost: false,
      active: true,
    },
    formError: '',
    saving: false,
    trained: false,
    bound: false,
    roles: [],
    roleError: '',
    newRole: { role: '', unitId: '', roleName: '', unitName: '' },
    trainings: [],
    newTraining: BLANK_TRAINING,
    trainingError: '',
    units: [],
    sheetKey: '',
    sheetTitle: '',
    sheetActions: [],
  },
  loadSeq: 0,
  unitId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.unitId = query.unitId ?? '';
    this.setData({ personId: query.id ?? '', isNew: !query.id });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const { personId } = this.data;
    const params = personId ? { unitId: this.unitId, personId, limit: 1 } : { unitId: this.unitId, limit: 0 };
    const page = await latestData(this, call('org', 'listPeople', params));
    if (!page) return;
    const units = [page.unit, ...page.children].map((u) => ({ name: u.name, value: u.id }));
    const person = page.items[0];
    if (personId && !person) {
      this.setData({ status: 'error', errorMessage: '该人员不存在或不在本单位' });
      return;
    }
    this.setData({ status: 'ready', units, 'form.unitId': page.unit.id, 'form.unitName': page.unit.name });
    if (person) this.apply(person);
  },

  apply(person) {
    this.setData({
      isNew: false,
      personId: person.id,
      rev: person.rev,
      form: {
        name: person.name,
        badgeNo: person.badgeNo,
        phone: person.phone,
        unitId: person.unitId,
        unitName: person.unitName,
        auxiliary: person.auxiliary,
        classifiedPost: person.classifiedPost,
        active: person.active,
      },
      trained: person.trained,
      bound: person.bound,
      roles: person.roles.map((r) => ({
        role: r.role,
        unitId: r.unitId,
        key: grantKey(r),
        label: `${ROLE_LABELS[r.role]} · ${r.unitName}`,
      })),
      trainings: person.trainings.map((t, i) => ({ ...t, key: `${i}` })),
    });
  },

  /** Shows the refusal next to what was being saved; true when saved. */
  afterWrite(res, errorField) {
    if (!res.ok) {
      this.setData({ [errorField]: res.error.message });
      return false;
    }
    this.apply(res.data);
    this.setData({ [errorField]: '' });
    return true;
  },

  onTextChange(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail, formError: '' });
  },

  onFlagChange(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail, formError: '' });
  },

  onTrainingText(event) {
    this.setData({ [`newTraining.${event.currentTarget.dataset.field}`]: event.detail, trainingError: '' });
  },

  onTrainingDone(event) {
    this.setData({ 'newTraining.completed': event.detail });
  },

  openSheet(event) {
    const key = event.currentTarget.dataset.key;
    this.setData({
      sheetKey: key,
      sheetTitle: SHEET_TITLES[key],
      sheetActions: key === 'role' ? ROLE_CHOICES : this.data.units,
    });
  },

  onSheetSelect(event) {
    const { name, value } = event.detail;
    const key = this.data.sheetKey;
    if (key === 'unit') this.setData({ 'form.unitId': value, 'form.unitName': name, formError: '' });
    if (key === 'role') this.setData({ 'newRole.role': value, 'newRole.roleName': name, roleError: '' });
    if (key === 'roleUnit') this.setData({ 'newRole.unitId': value, 'newRole.unitName': name, roleError: '' });
    this.setData({ sheetKey: '' });
  },

  onSheetClose() {
    this.setData({ sheetKey: '' });
  },

  async onSave() {
    if (this.data.saving) return;
    const { unitName: _unitName, ...person } = this.data.form;
    void _unitName;
    if (!person.name.trim() || !person.badgeNo.trim()) {
      this.setData({ formError: '请填写姓名和警号' });
      return;
    }
    this.setData({ saving: true, formError: '' });
    const { isNew, personId, rev } = this.data;
    const res = await call('org', 'upsertPerson', {
      id: isNew ? null : personId,
      expectedRev: isNew ? 0 : rev,
      person,
    });
    this.setData({ saving: false });
    if (this.afterWrite(res, 'formError')) void wx.showToast({ title: '已保存', icon: 'success' });
  },

  async onAddRole() {
    const { role, unitId } = this.data.newRole;
    if (!role || !unitId) {
      this.setData({ roleError: '请选择角色和单位' });
      return;
    }
    const grants = this.data.roles.map(({ role: r, unitId: u }) => ({ role: r, unitId: u }));
    const res = await call('org', 'setRoles', {
      personId: this.data.personId,
      expectedRev: this.data.rev,
      roles: [...grants, { role, unitId }],
    });
    if (this.afterWrite(res, 'roleError'))
      this.setData({ newRole: { role: '', unitId: '', roleName: '', unitName: '' } });
  },

  async onRemoveRole(event) {
    const { key } = event.currentTarget.dataset;
    const roles = this.data.roles.filter((r) => r.key !== key).map(({ role, unitId }) => ({ role, unitId }));
    const res = await call('org', 'setRoles', { personId: this.data.personId, expectedRev: this.data.rev, roles });
    this.afterWrite(res, 'roleError');
  },

  async onAddTraining() {
    const training = this.data.newTraining;
    if (!training.course.trim() || !training.issuer.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(training.date)) {
      this.setData({ trainingError: '请填写课程、组织单位和培训日期（如 2026-11-20）' });
      return;
    }
    const res = await call('org', 'addTraining', {
      personId: this.data.personId,
      expectedRev: this.data.rev,
      training,
    });
    if (this.afterWrite(res, 'trainingError')) this.setData({ newTraining: BLANK_TRAINING });
  },

  onInviteTap() {
    openPage(`/pages/invite/index?personId=${this.data.personId}&name=${encodeURIComponent(this.data.form.name)}`);
  },
});
