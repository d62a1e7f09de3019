/**
 * What the account lifecycle pages share (第九条—第十四条, 第三十九条—第四十二条): page paths, the form
 * key that makes a double tap or a retry one submission, and how a step or an image reads on a phone.
 */
import type { ApplicationBox, FilingBox, FilingState } from '../../../../typings/account';
import type { AccountState } from '../../../../typings/org';
import type { IsoTime } from '../../../../typings/common';
import type { ApiResult } from '../../../../typings/common';
import { uploadImage } from '../../../services/storage';
import { formatBeijingShort } from '../../../utils/time';

export const PAGES = {
  applications: '/packages/accounts/pages/applications/index',
  application: '/packages/accounts/pages/application/index',
  apply: '/packages/accounts/pages/apply/index',
  close: '/packages/accounts/pages/close/index',
  setups: '/packages/accounts/pages/setups/index',
  setup: '/packages/accounts/pages/setup/index',
  filings: '/packages/accounts/pages/filings/index',
  filing: '/packages/accounts/pages/filing/index',
  matrix: '/packages/accounts/pages/matrix/index',
  registry: '/packages/accounts/pages/registry/index',
  personal: '/packages/accounts/pages/personal/index',
  unitPick: '/packages/accounts/pages/unit-pick/index',
} as const;

/** What the unit picker (pages/unit-pick) hands back through its event channel's `picked`. */
export interface PickedUnit {
  id: string;
  name: string;
}

export const BOX_OPTIONS: ReadonlyArray<{ text: string; value: ApplicationBox }> = [
  { text: '我的申请', value: 'mine' },
  { text: '待我审批', value: 'toDecide' },
  { text: '我已审批', value: 'decided' },
];

export const FILING_BOX_OPTIONS: ReadonlyArray<{ text: string; value: FilingBox }> = [
  { text: '收到的备案', value: 'received' },
  { text: '本级报备', value: 'sent' },
];

export const FILING_STATE_OPTIONS: ReadonlyArray<{ text: string; value: FilingState }> = [
  { text: '待报备', value: 'due' },
  { text: '待确认', value: 'filed' },
  { text: '被询问', value: 'queried' },
  { text: '已确认', value: 'acknowledged' },
];

/** Vant tag types by state: what waits stands out. */
export const STATE_TAGS: Readonly<Record<string, 'primary' | 'success' | 'warning' | 'danger' | 'default'>> = {
  pending: 'primary',
  returned: 'warning',
  approved: 'success',
  refused: 'danger',
  withdrawn: 'default',
  due: 'warning',
  filed: 'primary',
  queried: 'warning',
  acknowledged: 'success',
};

/** An account's state: only `active` publishes; `approved` still has its 第十二条 tasks. */
export const ACCOUNT_STATE_TAGS: Readonly<Record<AccountState, 'success' | 'warning' | 'default'>> = {
  approved: 'warning',
  active: 'success',
  suspended: 'warning',
  closed: 'default',
  cancelled: 'default',
};

/** One key per form: a double tap or a retried call finds the same application (第十条). */
export function formKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const when = (iso: IsoTime | null): string => (iso ? formatBeijingShort(iso) : '');

function chooseImage(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve(res.tempFiles[0]?.tempFilePath ?? null),
      fail: () => resolve(null),
    });
  });
}

/** Picks one image and puts it in storage under `folder`; null when the user cancelled. */
export async function pickAndUpload(folder: string): Promise<ApiResult<{ fileID: string; local: string }> | null> {
  const file = await chooseImage();
  if (!file) return null;
  const ext = /\.[a-z0-9]+$/i.exec(file)?.[0] ?? '.jpg';
  const res = await uploadImage(file, `${folder}/${Date.now()}${ext}`);
  return res.ok ? { ok: true, data: { fileID: res.data.fileID, local: file } } : res;
}

export const toast = (title: string): void => void wx.showToast({ title, icon: 'none' });
