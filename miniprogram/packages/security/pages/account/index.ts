/**
 * An account's security (第三十三条): where its password rotation stands, the security settings in
 * use and who holds the credentials, any posting suspension, and the history of attestations. An
 * operator attests "password changed" with the time (never the password itself); anyone on the
 * account reports an incident from here.
 */
import type {
  AccountSecurityView,
  AttestationView,
  BoundPhone,
  PersonName,
  SecuritySettings,
} from '../../../../../typings/security';
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
import type { ValueEvent } from '../../../../utils/events';
import { PLATFORM_LABELS } from '../../../../utils/org-labels';
import {
  DUE_REASON_LABELS,
  INCIDENT_KIND_LABELS,
  PAGES,
  ROTATION_STATUS_LABELS,
  ROTATION_TAGS,
  beijingPickers,
  formatBeijing,
  newRequestKey,
  pickersToIso,
} from '../../utils/security';

const PAGE_SIZE = 20;

interface HistoryRow {
  id: string;
  title: string;
  label: string;
  late: boolean;
}

interface Summary {
  name: string;
  status: string;
  tag: string;
  due: string;
  last: string;
  period: string;
  settings: string[];
  holders: string;
  holderChange: string;
  holds: string[];
}

/** The settings form: the facts of 第三十三条 "安全认证方式", never a password or a code. */
interface SettingsForm {
  boundPhone: BoundPhone;
  /** Index into `people` of the personal phone's holder, -1 none. */
  phoneHolder: number;
  tail: string;
  twoStep: boolean;
  loginProtection: boolean;
  /** Index into `adminChoices`: 0 = none set. */
  admin: number;
}

const BOUND_PHONES: { value: BoundPhone; label: string }[] = [
  { value: 'none', label: '未绑定' },
  { value: 'unitPhone', label: '单位手机' },
  { value: 'personalPhone', label: '个人手机' },
];

interface AccountData extends ListData<HistoryRow, Record<string, never>> {
  settingsOpen: boolean;
  form: SettingsForm;
  people: PersonName[];
  peopleNames: string[];
  adminChoices: string[];
  boundPhones: { value: BoundPhone; label: string }[];
  settingsError: string;
  accountId: string;
  loaded: boolean;
  summary: Summary | null;
  canAttest: boolean;
  rev: number;
  date: string;
  time: string;
  note: string;
  busy: boolean;
  refusal: string;
}

interface AccountCustom extends ListMethods<Record<string, never>> {
  listSeq: number;
  listNext: number | null;
  requestKey: string;
  fetchPage(query: Record<string, never>, next: number | null): Promise<ChunkResult<HistoryRow, number>>;
  onDate(event: ValueEvent<string> & { detail: { value: string } }): void;
  onTime(event: ValueEvent<string> & { detail: { value: string } }): void;
  onNote(event: ValueEvent<string>): void;
  onAttest(): Promise<void>;
  onReport(): void;
  onIncidents(): void;
  onSettingsToggle(): void;
  onBoundPhone(event: ValueEvent<BoundPhone>): void;
  onPhoneHolder(event: { detail: { value: string } }): void;
  onTail(event: ValueEvent<string>): void;
  onTwoStep(event: ValueEvent<boolean>): void;
  onLoginProtection(event: ValueEvent<boolean>): void;
  onAdmin(event: { detail: { value: string } }): void;
  onDeclare(): Promise<void>;
}

/** The form as the account's settings stand (or empty before the first declaration). */
function formOf(v: AccountSecurityView): SettingsForm {
  const s = v.settings;
  const at = (id: string | null): number => (id ? v.holders.findIndex((h) => h.id === id) : -1);
  return {
    boundPhone: s?.boundPhone ?? 'none',
    phoneHolder: at(s?.boundPhoneHolderId ?? null),
    tail: s?.boundPhoneTail ?? '',
    twoStep: s?.twoStepVerification ?? false,
    loginProtection: s?.loginProtection ?? false,
    admin: at(s?.adminWechatHolderId ?? null) + 1,
  };
}

function settingsOf(form: SettingsForm, people: readonly PersonName[]): SecuritySettings | string {
  const phone = form.boundPhone;
  const holder = people[form.phoneHolder]?.id ?? null;
  if (phone === 'personalPhone' && !holder) return '请选择绑定手机所属的民警';
  if (phone !== 'none' && !/^\d{4}$/.test(form.tail)) return '请填写绑定手机的后四位';
  return {
    boundPhone: phone,
    boundPhoneHolderId: phone === 'personalPhone' ? holder : null,
    boundPhoneTail: phone === 'none' ? null : form.tail,
    twoStepVerification: form.twoStep,
    loginProtection: form.loginProtection,
    adminWechatHolderId: form.admin > 0 ? (people[form.admin - 1]?.id ?? null) : null,
  };
}

export function summaryOf(v: AccountSecurityView): Summary {
  const days = v.daysLeft >= 0 ? `还有 ${v.daysLeft} 天` : `已逾期 ${-v.daysLeft} 天`;
  const s = v.settings;
  const phone = !s
    ? []
    : [
        s.boundPhone === 'none'
          ? '未绑定手机'
          : s.boundPhone === 'unitPhone'
            ? `绑定单位手机（尾号 ${s.boundPhoneTail ?? '—'}）`
            : `绑定${s.boundPhoneHolderName ?? ''}的手机（尾号 ${s.boundPhoneTail ?? '—'}）`,
        s.twoStepVerification ? '已开启两步验证' : '未开启两步验证',
        s.loginProtection ? '已开启登录保护' : '未开启登录保护',
        s.adminWechatHolderName ? `管理员微信：${s.adminWechatHolderName}` : '未设置管理员微信',
      ];
  return {
    name: `${v.accountName}（${PLATFORM_LABELS[v.platform]}）｜${v.unitName}`,
    status: ROTATION_STATUS_LABELS[v.status],
    tag: ROTATION_TAGS[v.status],
    due: `${formatBeijing(v.dueAt).slice(0, 10)} 前（${DUE_REASON_LABELS[v.dueReason]}，${days}）`,
    last: v.lastRotatedAt ? formatBeijing(v.lastRotatedAt) : '尚未登记',
    period: `${v.rotationDays} 天${v.ownPeriod ? '（本账号设定）' : '（全省统一）'}`,
    settings: s ? phone : ['尚未登记安全设置'],
    holders: v.holders.map((h) => h.name).join('、') || '—',
    holderChange: v.holderChange
      ? `人员变动：${[...v.holderChange.leftNames.map((n) => `${n}离开`), ...v.holderChange.joinedNames.map((n) => `${n}加入`)].join('、')}，须在 ${formatBeijing(v.holderChange.dueAt).slice(0, 10)} 前更换密码`
      : '',
    holds: v.postingHolds.map((h) => `因${INCIDENT_KIND_LABELS[h.kind]}暂停发布（自 ${formatBeijing(h.since)}）`),
  };
}

function historyRow(a: AttestationView): HistoryRow {
  const title =
    a.kind === 'passwordChanged'
      ? `已更换密码 ${formatBeijing(a.changedAt)}`
      : a.kind === 'settingsDeclared'
        ? '登记安全设置'
        : `设定更换周期 ${a.rotationDays === null ? '全省统一' : `${a.rotationDays} 天`}`;
  return {
    id: a.id,
    title,
    label: `${a.recordedBy.name} 登记于 ${formatBeijing(a.recordedAt)}${a.note ? `｜${a.note}` : ''}`,
    late: a.late,
  };
}

Page<AccountData, AccountCustom>({
  data: {
    ...listData<HistoryRow, Record<string, never>>({}),
    settingsOpen: false,
    form: { boundPhone: 'none', phoneHolder: -1, tail: '', twoStep: false, loginProtection: false, admin: 0 },
    people: [],
    peopleNames: [],
    adminChoices: ['未设置'],
    boundPhones: BOUND_PHONES,
    settingsError: '',
    accountId: '',
    loaded: false,
    summary: null,
    canAttest: false,
    rev: 0,
    date: '',
    time: '',
    note: '',
    busy: false,
    refusal: '',
  },
  ...listBehaviour<HistoryRow, Record<string, never>, number>({ key: (row) => row.id }),
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    const now = beijingPickers(Date.now());
    this.requestKey = newRequestKey();
    this.setData({ accountId: decodeURIComponent(query.accountId ?? ''), date: now.date, time: now.time });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const accountId = this.data.accountId;
    // The status comes with the first page: one pull-down refreshes both.
    if (next === null) {
      const status = await call('security', 'status', { accountId });
      if (!status.ok) return { ok: false, error: status.error };
      this.setData({
        loaded: true,
        summary: summaryOf(status.data),
        canAttest: status.data.canAttest,
        rev: status.data.rev,
        people: status.data.holders,
        peopleNames: status.data.holders.map((h) => h.name),
        adminChoices: ['未设置', ...status.data.holders.map((h) => h.name)],
        ...(this.data.settingsOpen ? {} : { form: formOf(status.data) }),
      });
    }
    const res = await call('security', 'history', { accountId, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({ rows: page.items.map(historyRow), next: page.nextOffset }));
  },

  onDate(event) {
    this.setData({ date: event.detail.value });
  },

  onTime(event) {
    this.setData({ time: event.detail.value });
  },

  onNote(event) {
    this.setData({ note: event.detail });
  },

  async onAttest() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('security', 'attest', {
      accountId: this.data.accountId,
      expectedRev: this.data.rev,
      requestKey: this.requestKey,
      changedAt: pickersToIso(this.data.date, this.data.time),
      note: this.data.note.trim(),
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.requestKey = newRequestKey();
    this.setData({ note: '', summary: summaryOf(res.data), rev: res.data.rev });
    void wx.showToast({ title: '已登记', icon: 'success' });
    await this.refreshList();
  },

  onReport() {
    openPage(`${PAGES.report}?accountId=${encodeURIComponent(this.data.accountId)}`);
  },

  onIncidents() {
    openPage(`${PAGES.incidents}?accountId=${encodeURIComponent(this.data.accountId)}`);
  },

  onSettingsToggle() {
    this.setData({ settingsOpen: !this.data.settingsOpen, settingsError: '' });
  },

  onBoundPhone(event) {
    this.setData({ 'form.boundPhone': event.detail, settingsError: '' });
  },

  onPhoneHolder(event) {
    this.setData({ 'form.phoneHolder': Number(event.detail.value), settingsError: '' });
  },

  onTail(event) {
    this.setData({ 'form.tail': event.detail.trim(), settingsError: '' });
  },

  onTwoStep(event) {
    this.setData({ 'form.twoStep': event.detail });
  },

  onLoginProtection(event) {
    this.setData({ 'form.loginProtection': event.detail });
  },

  onAdmin(event) {
    this.setData({ 'form.admin': Number(event.detail.value) });
  },

  async onDeclare() {
    if (this.data.busy) return;
    const settings = settingsOf(this.data.form, this.data.people);
    if (typeof settings === 'string') {
      this.setData({ settingsError: settings });
      return;
    }
    this.setData({ busy: true, settingsError: '' });
    const res = await call('security', 'declareSettings', {
      accountId: this.data.accountId,
      expectedRev: this.data.rev,
      settings,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ settingsError: res.error.message });
      return;
    }
    this.setData({ settingsOpen: false, summary: summaryOf(res.data), rev: res.data.rev, form: formOf(res.data) });
    void wx.showToast({ title: '已登记', icon: 'success' });
    await this.refreshList();
  },
});
