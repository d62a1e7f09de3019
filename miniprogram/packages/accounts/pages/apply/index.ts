/**
 * Applying to open an institutional account (第十条, 第十一条), or amending one sent back: the unit,
 * platform, proposed name, purpose and column plan, the editors and reviewers from the roster, and
 * the technical support, equipment, premises and funding the applicant attests. The function names
 * the deciding desk and checks every condition; the page only gathers them. One key per form: a double
 * tap or a retry gives the same application.
 */
import type { ApplicationDetail, OpeningFields, PlatformEntry } from '../../../../../typings/account';
import type { Platform, PersonView, Role } from '../../../../../typings/org';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { PAGES, formKey, toast, type PickedUnit } from '../../utils/accounts';

/** Who may apply for a unit (account.apply). */
const APPLIERS: readonly Role[] = ['unitAdmin', 'leader', 'propagandaStaff'];
const PEOPLE_MAX = 100;

type SheetKey = 'platform' | 'operatorA' | 'operatorB' | 'reviewer';
type AttestKey = 'equipment' | 'premises' | 'funding';
type TextKey = 'name' | 'purpose' | 'columnPlan' | 'technicalSupport' | 'exceptionApproval';

interface Choice {
  name: string;
  subname?: string;
  value: string;
}

interface Form {
  unitId: string;
  platform: Platform | '';
  name: string;
  purpose: string;
  columnPlan: string;
  operatorA: string;
  operatorB: string;
  reviewerIds: string[];
  technicalSupport: string;
  equipment: { attested: boolean; note: string };
  premises: { attested: boolean; note: string };
  funding: { attested: boolean; note: string };
  exceptionApproval: string;
}

interface ApplyData extends LoadState {
  applicationId: string;
  rev: number;
  form: Form;
  unitName: string;
  platformLabel: string;
  names: Record<string, string>;
  reviewerNames: string;
  nameExamples: string;
  platforms: Choice[];
  people: Choice[];
  sheetKey: SheetKey | '';
  sheetActions: Choice[];
  errors: Record<string, string>;
  busy: boolean;
  refusal: string;
}

interface ApplyCustom {
  loadSeq: number;
  clientKey: string;
  catalogue: PlatformEntry[];
  load(): Promise<void>;
  loadPeople(unitId: string): Promise<boolean>;
  onRetry(): void;
  onText(event: DatasetEvent<{ field: TextKey }> & ValueEvent<string>): void;
  onAttest(event: DatasetEvent<{ field: AttestKey }> & ValueEvent<boolean>): void;
  onAttestNote(event: DatasetEvent<{ field: AttestKey }> & ValueEvent<string>): void;
  openSheet(event: DatasetEvent<{ key: SheetKey }>): void;
  onUnitTap(): void;
  onUnitPicked(unit: PickedUnit): Promise<void>;
  onSheetClose(): void;
  onSheetSelect(event: ValueEvent<Choice>): Promise<void>;
  onSubmit(): Promise<void>;
}

const EMPTY_FORM: Form = {
  unitId: '',
  platform: '',
  name: '',
  purpose: '',
  columnPlan: '',
  operatorA: '',
  operatorB: '',
  reviewerIds: [],
  technicalSupport: '',
  equipment: { attested: false, note: '' },
  premises: { attested: false, note: '' },
  funding: { attested: false, note: '' },
  exceptionApproval: '',
};

const personChoice = (p: PersonView): Choice => ({
  name: p.name,
  subname: `${p.unitName}${p.auxiliary ? ' · 辅警' : ''}${p.classifiedPost ? ' · 涉密岗位' : ''}`,
  value: p.id,
});

function formOf(d: ApplicationDetail): Form {
  const o = d.opening;
  if (!o) return { ...EMPTY_FORM, unitId: d.unitId, platform: d.platform, name: d.name };
  const c = o.conditions;
  return {
    unitId: d.unitId,
    platform: d.platform,
    name: d.name,
    purpose: o.purpose,
    columnPlan: o.columnPlan,
    operatorA: c.operatorA ?? '',
    operatorB: c.operatorB ?? '',
    reviewerIds: [...c.reviewerIds],
    technicalSupport: c.technicalSupport,
    equipment: { ...c.equipment },
    premises: { ...c.premises },
    funding: { ...c.funding },
    exceptionApproval: c.exceptionApproval ?? '',
  };
}

Page<ApplyData, ApplyCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    applicationId: '',
    rev: 0,
    form: EMPTY_FORM,
    unitName: '',
    platformLabel: '',
    names: {},
    reviewerNames: '',
    nameExamples: '',
    platforms: [],
    people: [],
    sheetKey: '',
    sheetActions: [],
    errors: {},
    busy: false,
    refusal: '',
  },
  loadSeq: 0,
  clientKey: '',
  catalogue: [],

  onLoad(query: Record<string, string | undefined>) {
    this.clientKey = formKey('apply');
    // From a unit's roster (?unitId=): that unit is the applicant.
    this.setData({ applicationId: query.applicationId ?? '', 'form.unitId': query.unitId ?? '' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const [me, cat] = await Promise.all([call('org', 'me', {}), call('account', 'catalogue', {})]);
    const catalogue = await latestData(this, Promise.resolve(cat));
    if (!catalogue) return;
    const mine = await latestData(this, Promise.resolve(me));
    if (!mine) return;
    this.catalogue = catalogue.platforms;
    const scopes = new Map<string, string>();
    for (const g of mine.person.roles) if (APPLIERS.includes(g.role)) scopes.set(g.scopeUnitId, g.scopeUnitName);
    if (scopes.size === 0) {
      this.setData({ status: 'error', errorMessage: '仅单位管理员、负责领导或宣传部门可申请开设账号（第十条）' });
      return;
    }
    let form = this.data.form;
    if (this.data.applicationId) {
      const app = await latestData(this, call('account', 'application', { applicationId: this.data.applicationId }));
      if (!app) return;
      if (!app.can.amend) {
        this.setData({ status: 'error', errorMessage: '该申请当前不可修改' });
        return;
      }
      form = formOf(app);
      this.setData({ rev: app.rev });
    }
    const home = form.unitId || [...scopes.keys()][0] || '';
    const examples = catalogue.rules.naming.patterns.map((p) => p.example).join('、');
    this.setData({
      form: { ...form, unitId: home },
      platforms: catalogue.platforms.map((p) => ({ name: p.label, value: p.platform })),
      platformLabel: catalogue.platforms.find((p) => p.platform === form.platform)?.label ?? '',
      nameExamples: examples,
    });
    if (!(await this.loadPeople(home))) return;
    this.setData({ status: 'ready' });
  },

  async loadPeople(unitId) {
    const res = await call('org', 'listPeople', { unitId, limit: PEOPLE_MAX });
    if (!res.ok) {
      this.setData({ status: 'error', errorMessage: res.error.message });
      return false;
    }
    const page = res.data;
    const people = page.items.filter((p) => p.active).map(personChoice);
    const names = Object.fromEntries(people.map((p) => [p.value, p.name]));
    this.setData({
      unitName: page.unit.id === unitId ? page.unit.name : this.data.unitName,
      people,
      names,
      reviewerNames: this.data.form.reviewerIds.map((id) => names[id] ?? id).join('、'),
    });
    return true;
  },

  onText(event) {
    const { field } = event.currentTarget.dataset;
    this.setData({ [`form.${field}`]: event.detail, [`errors.${field}`]: '' });
  },

  onAttest(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}.attested`]: event.detail });
  },

  onAttestNote(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}.note`]: event.detail });
  },

  openSheet(event) {
    const { key } = event.currentTarget.dataset;
    const none: Choice = { name: '不指定', value: '' };
    const { form } = this.data;
    const actions: Record<SheetKey, () => Choice[]> = {
      platform: () => this.data.platforms,
      operatorA: () => [none, ...this.data.people],
      operatorB: () => [none, ...this.data.people],
      reviewer: () =>
        this.data.people.map((p) => ({ ...p, name: `${form.reviewerIds.includes(p.value) ? '✓ ' : ''}${p.name}` })),
    };
    this.setData({ sheetKey: key, sheetActions: actions[key]() });
  },

  // A desk may apply for any unit in its scope: a searchable, paged list rather than a sheet of a few.
  onUnitTap() {
    wx.navigateTo({
      url: `${PAGES.unitPick}?current=${this.data.form.unitId}`,
      events: { picked: (unit: PickedUnit) => void this.onUnitPicked(unit) },
      fail: () => void wx.showToast({ title: '页面打开失败，请重试', icon: 'none' }),
    });
  },

  async onUnitPicked(unit) {
    if (unit.id === this.data.form.unitId) return;
    // The people come from the unit: those named for another unit no longer apply (第十一条).
    this.setData({
      'form.unitId': unit.id,
      unitName: unit.name,
      'form.operatorA': '',
      'form.operatorB': '',
      'form.reviewerIds': [],
      reviewerNames: '',
    });
    await this.loadPeople(unit.id);
  },

  onSheetClose() {
    this.setData({ sheetKey: '' });
  },

  async onSheetSelect(event) {
    const { value } = event.detail;
    const key = this.data.sheetKey;
    // Reviewers are several: the sheet stays open, each tap toggles one.
    if (key !== 'reviewer') this.setData({ sheetKey: '' });
    if (key === 'platform') {
      this.setData({
        'form.platform': value,
        platformLabel: this.data.platforms.find((p) => p.value === value)?.name ?? '',
        'errors.platform': '',
      });
    } else if (key === 'operatorA' || key === 'operatorB') {
      this.setData({ [`form.${key}`]: value });
    } else if (key === 'reviewer') {
      const ids = this.data.form.reviewerIds;
      const next = ids.includes(value) ? ids.filter((id) => id !== value) : [...ids, value];
      this.setData({
        'form.reviewerIds': next,
        reviewerNames: next.map((id) => this.data.names[id] ?? id).join('、'),
        sheetActions: this.data.people.map((p) => ({ ...p, name: `${next.includes(p.value) ? '✓ ' : ''}${p.name}` })),
      });
    }
  },

  async onSubmit() {
    if (this.data.busy) return;
    const f = this.data.form;
    const errors: Record<string, string> = {
      platform: f.platform ? '' : '请选择平台',
      name: f.name.trim() ? '' : '请填写拟用名称',
      purpose: f.purpose.trim() ? '' : '请填写开设目的与定位',
      columnPlan: f.columnPlan.trim() ? '' : '请填写栏目内容规划',
    };
    this.setData({ errors, refusal: '' });
    if (Object.values(errors).some(Boolean) || !f.platform) return;
    const fields: OpeningFields = {
      unitId: f.unitId,
      platform: f.platform,
      name: f.name.trim(),
      purpose: f.purpose.trim(),
      columnPlan: f.columnPlan.trim(),
      conditions: {
        operatorA: f.operatorA || null,
        operatorB: f.operatorB || null,
        reviewerIds: f.reviewerIds,
        technicalSupport: f.technicalSupport.trim(),
        equipment: { attested: f.equipment.attested, note: f.equipment.note.trim() },
        premises: { attested: f.premises.attested, note: f.premises.note.trim() },
        funding: { attested: f.funding.attested, note: f.funding.note.trim() },
        exceptionApproval: f.exceptionApproval.trim() || null,
      },
    };
    this.setData({ busy: true });
    const res = this.data.applicationId
      ? await call('account', 'amend', {
          ...fields,
          applicationId: this.data.applicationId,
          expectedRev: this.data.rev,
        })
      : await call('account', 'apply', { ...fields, clientKey: this.clientKey });
    this.setData({ busy: false });
    if (!res.ok) {
      // Every unmet condition comes back at once, each with its article.
      this.setData({ refusal: res.error.message });
      return;
    }
    toast(this.data.applicationId ? '已重新提交' : `已提交至${res.data.deciderName}`);
    openPage(`${PAGES.application}?id=${res.data.id}`);
  },
});
