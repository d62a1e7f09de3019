/**
 * Applying to close (关闭) or cancel (注销) an account (第十三条): it goes to the desk that approved the
 * account, even if the people there have changed. What is still open on the account is listed on the
 * application and must be handed over before it can be approved.
 */
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import type { ValueEvent } from '../../../../utils/events';
import { ACCOUNT_STATE_LABELS, PLATFORM_LABELS } from '../../../../utils/org-labels';
import { PAGES, formKey, toast } from '../../utils/accounts';

type CloseType = 'close' | 'cancel';

interface CloseData extends LoadState {
  accountId: string;
  unitId: string;
  account: string;
  stateLabel: string;
  type: CloseType;
  reason: string;
  reasonError: string;
  busy: boolean;
  refusal: string;
}

interface CloseCustom {
  loadSeq: number;
  clientKey: string;
  load(): Promise<void>;
  onRetry(): void;
  onType(event: ValueEvent<CloseType>): void;
  onReason(event: ValueEvent<string>): void;
  onSubmit(): Promise<void>;
}

Page<CloseData, CloseCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    accountId: '',
    unitId: '',
    account: '',
    stateLabel: '',
    type: 'close',
    reason: '',
    reasonError: '',
    busy: false,
    refusal: '',
  },
  loadSeq: 0,
  clientKey: '',

  onLoad(query: Record<string, string | undefined>) {
    this.clientKey = formKey('close');
    this.setData({ accountId: query.accountId ?? '', unitId: query.unitId ?? '' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const page = await latestData(
      this,
      call('org', 'listAccounts', { unitId: this.data.unitId, accountId: this.data.accountId, limit: 1 }),
    );
    if (!page) return;
    const account = page.items[0];
    if (!account) {
      this.setData({ status: 'error', errorMessage: '账号不存在或不在您的管理范围内' });
      return;
    }
    this.setData({
      status: 'ready',
      account: `${account.name}（${PLATFORM_LABELS[account.platform]} · ${account.unitName}）`,
      stateLabel: ACCOUNT_STATE_LABELS[account.state],
    });
  },

  onType(event) {
    this.setData({ type: event.detail });
  },

  onReason(event) {
    this.setData({ reason: event.detail, reasonError: '' });
  },

  async onSubmit() {
    if (this.data.busy) return;
    const reason = this.data.reason.trim();
    if (!reason) {
      this.setData({ reasonError: '请写明关闭或注销的理由' });
      return;
    }
    this.setData({ busy: true, refusal: '' });
    const res = await call('account', 'applyClose', {
      accountId: this.data.accountId,
      type: this.data.type,
      reason,
      clientKey: this.clientKey,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    toast(`已提交至${res.data.deciderName}`);
    openPage(`${PAGES.application}?id=${res.data.id}`);
  },
});
