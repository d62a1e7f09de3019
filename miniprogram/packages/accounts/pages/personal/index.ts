/**
 * The caller's own personal accounts (第三十九条) and registering a new one with their unit: platform,
 * name, the platform's id and the real-name status. It is registered at once; a classified-post
 * officer's waits for the unit's approval first; special work never (第九条). Never a password (第三十三条).
 */
import type { RegistryItem } from '../../../../../typings/account';
import type { Platform } from '../../../../../typings/org';
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
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { PLATFORM_LABELS } from '../../../../utils/org-labels';
import { PAGES, ACCOUNT_STATE_TAGS, formKey, toast, when } from '../../utils/accounts';

const PAGE_SIZE = 20;

interface PersonalRow {
  id: string;
  title: string;
  info: string;
  state: string;
  stateTag: string;
  mark: string;
}

type Query = Record<string, never>;
type TextKey = 'name' | 'platformId';

interface PersonalData extends ListData<PersonalRow, Query> {
  awaiting: number;
  adding: boolean;
  platforms: { name: string; value: Platform }[];
  choosing: boolean;
  form: { platform: Platform | ''; name: string; platformId: string; realNameVerified: boolean };
  platformLabel: string;
  errors: Record<string, string>;
  busy: boolean;
  refusal: string;
}

interface PersonalCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  clientKey: string;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<PersonalRow, number>>;
  onAdd(): void;
  onCancelAdd(): void;
  onChoosePlatform(): void;
  onPlatformClose(): void;
  onPlatform(event: ValueEvent<{ value: Platform }>): void;
  onText(event: DatasetEvent<{ field: TextKey }> & ValueEvent<string>): void;
  onVerified(event: ValueEvent<boolean>): void;
  onSubmit(): Promise<void>;
  onAwaiting(): void;
}

const MARKS = { support: '本单位标记：优秀', reminder: '本单位提醒' } as const;

const toRow = (i: RegistryItem): PersonalRow => ({
  id: i.accountId,
  title: `${i.name}（${i.platformLabel}）`,
  info: `${i.platformId} · ${i.realNameVerified ? '已实名' : '未实名'} · ${i.unitName}`,
  state: i.stateLabel,
  stateTag: ACCOUNT_STATE_TAGS[i.state],
  mark: i.mark ? `${MARKS[i.mark.kind]}：${i.mark.note}（${when(i.mark.at)}）` : '',
});

const EMPTY = { platform: '' as const, name: '', platformId: '', realNameVerified: false };

Page<PersonalData, PersonalCustom>({
  data: {
    ...listData<PersonalRow, Query>({}),
    awaiting: 0,
    adding: false,
    platforms: (Object.keys(PLATFORM_LABELS) as Platform[]).map((p) => ({ name: PLATFORM_LABELS[p], value: p })),
    choosing: false,
    form: EMPTY,
    platformLabel: '',
    errors: {},
    busy: false,
    refusal: '',
  },
  ...listBehaviour<PersonalRow, Query, number>({ key: (row) => row.id }),
  clientKey: '',

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('account', 'personal', { offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toRow),
      next: page.nextOffset,
      extra: { awaiting: page.awaiting },
    }));
  },

  onAdd() {
    this.clientKey = formKey('register');
    this.setData({ adding: true, form: EMPTY, platformLabel: '', errors: {}, refusal: '' });
  },

  onCancelAdd() {
    this.setData({ adding: false });
  },

  onChoosePlatform() {
    this.setData({ choosing: true });
  },

  onPlatformClose() {
    this.setData({ choosing: false });
  },

  onPlatform(event) {
    const { value } = event.detail;
    this.setData({
      choosing: false,
      'form.platform': value,
      platformLabel: PLATFORM_LABELS[value],
      'errors.platform': '',
    });
  },

  onText(event) {
    const { field } = event.currentTarget.dataset;
    this.setData({ [`form.${field}`]: event.detail, [`errors.${field}`]: '' });
  },

  onVerified(event) {
    this.setData({ 'form.realNameVerified': event.detail });
  },

  async onSubmit() {
    if (this.data.busy) return;
    const f = this.data.form;
    const errors = {
      platform: f.platform ? '' : '请选择平台',
      name: f.name.trim() ? '' : '请填写账号名称',
      platformId: f.platformId.trim() ? '' : '请填写平台账号ID',
    };
    this.setData({ errors, refusal: '' });
    if (Object.values(errors).some(Boolean) || !f.platform) return;
    this.setData({ busy: true });
    const res = await call('account', 'register', {
      platform: f.platform,
      name: f.name.trim(),
      platformId: f.platformId.trim(),
      realNameVerified: f.realNameVerified,
      clientKey: this.clientKey,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.setData({ adding: false });
    if (res.data.application) {
      // 第三十九条: a classified-post officer's account waits for the unit's approval.
      toast('涉密岗位民警须经本单位批准，已提交审批');
      openPage(`${PAGES.application}?id=${res.data.application.id}`);
      return;
    }
    toast('已向本单位报备');
    await this.refreshList();
  },

  onAwaiting() {
    openPage(`${PAGES.applications}?box=mine`);
  },
});
