import type { ApiResult } from '../../../typings/common';
import type {
  AccountFields,
  AccountKind,
  AccountState,
  AccountView,
  AccountViolation,
  PersonView,
  Platform,
} from '../../../typings/org';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { LoadState } from '../../services/load';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { ACCOUNT_KIND_LABELS, ACCOUNT_STATE_LABELS, PLATFORM_LABELS } from '../../utils/org-labels';

const CANDIDATES_MAX = 100;

type TextField = 'name' | 'platformId' | 'exceptionApproval';
type SheetKey = '' | 'platform' | 'kind' | 'state' | 'owner' | 'operatorA' | 'operatorB';
type PersonSlot = 'ownerId' | 'operatorA' | 'operatorB';

interface Choice {
  name: string;
  value: string;
}

interface ReviewerRow {
  id: string;
  name: string;
  chosen: boolean;
}

interface AccountData extends LoadState {
  accountId: string;
  rev: number;
  unitName: string;
  form: AccountFields;
  /** Names of the people the form names, for display. */
  names: Record<string, string>;
  reviewers: ReviewerRow[];
  violations: AccountViolation[];
  /** The refusal of the last save, one rule per line. */
  problems: string[];
  editable: boolean;
  saving: boolean;
  sheetKey: SheetKey;
  sheetActions: Choice[];
  platformLabels: Readonly<Record<Platform, string>>;
  kindLabels: Readonly<Record<AccountKind, string>>;
  stateLabels: Readonly<Record<AccountState, string>>;
}

interface AccountCustom {
  loadSeq: number;
  unitId: string;
  people: PersonView[];
  load(): Promise<void>;
  apply(account: AccountView): void;
  afterWrite(res: ApiResult<AccountView>): void;
  holdersOf(role: 'operator' | 'reviewer'): PersonView[];
  onRetry(): void;
  onTextChange(event: DatasetEvent<{ field: TextField }> & ValueEvent<string>): void;
  onVerifiedChange(event: ValueEvent<boolean>): void;
  onReviewerTap(event: DatasetEvent<{ id: string }>): void;
  openSheet(event: DatasetEvent<{ key: SheetKey }>): void;
  onSheetSelect(event: ValueEvent<Choice>): void;
  onSheetClose(): void;
  onSave(): Promise<void>;
  onCloseTap(): void;
  onSwap(): Promise<void>;
}

const choicesOf = <K extends string>(labels: Readonly<Record<K, string>>): Choice[] =>
  (Object.keys(labels) as K[]).map((value) => ({ name: labels[value], value }));
const NONE: Choice = { name: '不设置', value: '' };
const SLOT_OF: Partial<Record<SheetKey, PersonSlot>> = {
  owner: 'ownerId',
  operatorA: 'operatorA',
  operatorB: 'operatorB',
};

const blankForm = (unitId: string): AccountFields => ({
  platform: 'weibo',
  name: '',
  platformId: '',
  unitId,
  kind: 'institutional',
  ownerId: null,
  realNameVerified: false,
  operatorA: null,
  operatorB: null,
  reviewerIds: [],
  state: 'active',
  exceptionApproval: null,
});

/** ACCOUNT_INVALID lists every rule broken — "账号设置不符合规定：a（第十一条）；b（第十六条）" — one line each. */
function problemsOf(error: { code: string; message: string }): string[] {
  const at = error.message.indexOf('：');
  return error.code === 'ACCOUNT_INVALID' && at >= 0 ? error.message.slice(at + 1).split('；') : [error.message];
}

Page<AccountData, AccountCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    accountId: '',
    rev: 0,
    unitName: '',
    form: blankForm(''),
    names: {},
    reviewers: [],
    violations: [],
    problems: [],
    editable: false,
    saving: false,
    sheetKey: '',
    sheetActions: [],
    platformLabels: PLATFORM_LABELS,
    kindLabels: ACCOUNT_KIND_LABELS,
    stateLabels: ACCOUNT_STATE_LABELS,
  },
  loadSeq: 0,
  unitId: '',
  people: [],

  onLoad(query: Record<string, string | undefined>) {
    this.unitId = query.unitId ?? '';
    this.setData({ accountId: query.id ?? '', form: blankForm(this.unitId) });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const { accountId } = this.data;
    let account: AccountView | undefined;
    if (accountId) {
      const page = await latestData(this, call('org', 'listAccounts', { unitId: this.unitId, accountId, limit: 1 }));
      if (!page) return;
      account = page.items[0];
      if (!account) {
        this.setData({ status: 'error', errorMessage: '该账号不存在或不在本单位' });
        return;
      }
    }
    // The staff to choose from; whoever may not list people may still read the account.
    const staff = await call('org', 'listPeople', { unitId: account?.unitId ?? this.unitId, limit: CANDIDATES_MAX });
    this.people = staff.ok ? staff.data.items.filter((p) => p.active) : [];
    if (!account && !staff.ok) {
      this.setData({ status: 'error', errorMessage: staff.error.message });
      return;
    }
    const names: Record<string, string> = {};
    for (const p of this.people) names[p.id] = p.name;
    this.setData({ status: 'ready', editable: staff.ok, names, unitName: staff.ok ? staff.data.unit.name : '' });
    if (account) this.apply(account);
    else
      this.setData({ reviewers: this.holdersOf('reviewer').map((p) => ({ id: p.id, name: p.name, chosen: false })) });
  },

  /** People holding the role in the account's own unit: the rules count only those (第十一条, 第十六条). */
  holdersOf(role) {
    const unitId = this.data.form.unitId;
    return this.people.filter((p) => p.roles.some((r) => r.role === role && r.unitId === unitId));
  },

  apply(account) {
    const { id, rev, unitName, owner, operatorA, operatorB, reviewers, violations, ...rest } = account;
    const names: Record<string, string> = { ...this.data.names };
    for (const p of [owner, operatorA, operatorB, ...reviewers]) if (p) names[p.id] = p.name;
    const chosen = new Set(reviewers.map((r) => r.id));
    const candidates = this.holdersOf('reviewer').filter((p) => !chosen.has(p.id));
    this.setData({
      accountId: id,
      rev,
      unitName,
      names,
      violations,
      form: {
        ...rest,
        ownerId: owner?.id ?? null,
        operatorA: operatorA?.id ?? null,
        operatorB: operatorB?.id ?? null,
        reviewerIds: reviewers.map((r) => r.id),
      },
      reviewers: [
        ...reviewers.map((r) => ({ ...r, chosen: true })),
        ...candidates.map((p) => ({ id: p.id, name: p.name, chosen: false })),
      ],
    });
  },

  afterWrite(res) {
    if (!res.ok) {
      this.setData({ problems: problemsOf(res.error) });
      return;
    }
    this.apply(res.data);
    this.setData({ problems: [] });
    void wx.showToast({ title: '已保存', icon: 'success' });
  },

  onTextChange(event) {
    const { field } = event.currentTarget.dataset;
    const value = field === 'exceptionApproval' ? event.detail || null : event.detail;
    this.setData({ [`form.${field}`]: value, problems: [] });
  },

  onVerifiedChange(event) {
    this.setData({ 'form.realNameVerified': event.detail });
  },

  onReviewerTap(event) {
    if (!this.data.editable) return;
    const reviewers = this.data.reviewers.map((r) =>
      r.id === event.currentTarget.dataset.id ? { ...r, chosen: !r.chosen } : r,
    );
    this.setData({ reviewers, 'form.reviewerIds': reviewers.filter((r) => r.chosen).map((r) => r.id), problems: [] });
  },

  openSheet(event) {
    if (!this.data.editable) return;
    const key = event.currentTarget.dataset.key;
    // An existing account changes state only through the lifecycle (packages/accounts).
    if (key === 'state' && this.data.accountId) return;
    const people = (list: PersonView[]): Choice[] => [NONE, ...list.map((p) => ({ name: p.name, value: p.id }))];
    const actions: Record<SheetKey, () => Choice[]> = {
      '': () => [],
      platform: () => choicesOf(PLATFORM_LABELS),
      kind: () => choicesOf(ACCOUNT_KIND_LABELS),
      state: () => choicesOf(ACCOUNT_STATE_LABELS),
      owner: () => people(this.people.filter((p) => p.unitId === this.data.form.unitId)),
      operatorA: () => people(this.holdersOf('operator')),
      operatorB: () => people(this.holdersOf('operator')),
    };
    this.setData({ sheetKey: key, sheetActions: actions[key]() });
  },

  onSheetSelect(event) {
    const { name, value } = event.detail;
    const key = this.data.sheetKey;
    const slot = SLOT_OF[key];
    if (slot) this.setData({ [`form.${slot}`]: value || null, [`names.${value}`]: name });
    if (key === 'platform') this.setData({ 'form.platform': value as Platform });
    if (key === 'kind') this.setData({ 'form.kind': value as AccountKind });
    if (key === 'state') this.setData({ 'form.state': value as AccountState });
    this.setData({ sheetKey: '', problems: [] });
  },

  onSheetClose() {
    this.setData({ sheetKey: '' });
  },

  onCloseTap() {
    // 第十三条: closing goes through the desk that approved the account (packages/accounts).
    openPage(`/packages/accounts/pages/close/index?accountId=${this.data.accountId}&unitId=${this.data.form.unitId}`);
  },

  async onSave() {
    if (this.data.saving) return;
    const { accountId, rev, form } = this.data;
    if (!form.name.trim()) {
      this.setData({ problems: ['请填写账号名称'] });
      return;
    }
    this.setData({ saving: true, problems: [] });
    const res = await call('org', 'upsertAccount', {
      id: accountId || null,
      expectedRev: accountId ? rev : 0,
      account: form,
    });
    this.setData({ saving: false });
    this.afterWrite(res);
  },

  /** 第十一条: A角 and B角 stand in for each other; the swap is one change on the loaded rev. */
  async onSwap() {
    if (this.data.saving) return;
    const { accountId, rev, form } = this.data;
    this.setData({ saving: true, problems: [] });
    const res = await call('org', 'setOperators', {
      accountId,
      expectedRev: rev,
      operatorA: form.operatorB,
      operatorB: form.operatorA,
    });
    this.setData({ saving: false });
    this.afterWrite(res);
  },
});
