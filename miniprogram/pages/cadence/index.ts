import type { CadenceAccountView, CadenceRule } from '../../../typings/post';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';

interface DayView {
  day: string;
  label: string;
  count: number;
  missed: boolean;
}

interface AccountCadence {
  id: string;
  name: string;
  rule: string;
  today: string;
  met: boolean;
  exempt: boolean;
  month: string;
  behind: boolean;
  missed: string;
  days: DayView[];
}

interface CadenceData extends LoadState {
  accounts: AccountCadence[];
  single: boolean;
}

interface CadenceCustom {
  loadSeq: number;
  accountId: string;
  load(): Promise<void>;
  onRetry(): void;
}

function ruleText(rule: CadenceRule): string {
  switch (rule.kind) {
    case 'daily':
      return `每天至少发布 ${rule.perDay} 条（第十九条）`;
    case 'monthly':
      return `每月至少发布 ${rule.perMonth} 条（第十九条）`;
    case 'exempt':
      return rule.reason;
  }
}

function toView(v: CadenceAccountView): AccountCadence {
  const { status } = v;
  const exempt = status.rule.kind === 'exempt';
  const missedDays = new Set(status.month.missedDays);
  return {
    id: v.account.id,
    name: `${v.account.name}·${v.account.platformLabel}`,
    rule: ruleText(status.rule),
    today: `今日已发布 ${status.today.published} 条`,
    met: status.today.met && !status.month.behind,
    exempt,
    month:
      status.rule.kind === 'monthly'
        ? `本月已发布 ${status.month.published} 条，按进度今日应达 ${status.month.pace} 条，全月应达 ${status.month.required} 条`
        : `本月已发布 ${status.month.published} 条`,
    behind: status.month.behind,
    // 第十九条 and the monthly evaluation (第三十六条): days without a post are kept.
    missed: missedDays.size > 0 ? `本月未更新 ${missedDays.size} 天` : '',
    days: v.days.map((d) => ({ day: d.day, label: d.day.slice(8), count: d.count, missed: missedDays.has(d.day) })),
  };
}

Page<CadenceData, CadenceCustom>({
  data: { status: 'loading', errorMessage: '', accounts: [], single: false },
  loadSeq: 0,
  accountId: '',

  onLoad(query) {
    this.accountId = query.accountId ?? '';
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const res = await latestData(this, call('post', 'cadence', this.accountId ? { accountId: this.accountId } : {}));
    if (!res) return;
    this.setData({ status: 'ready', accounts: res.accounts.map(toView), single: this.accountId !== '' });
  },
});
