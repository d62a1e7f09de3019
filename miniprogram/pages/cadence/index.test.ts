import type { CadenceAccountView } from '../../../typings/post';
import { accountView } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

function daily(over: { published?: number; missed?: string[] } = {}): CadenceAccountView {
  const published = over.published ?? 0;
  const missed = over.missed ?? [];
  return {
    account: accountView(),
    status: {
      accountId: 'acc-cs-weibo',
      platform: 'weibo',
      rule: { kind: 'daily', perDay: 1 },
      today: { day: '2026-11-03', published, required: 1, met: published >= 1 },
      month: {
        month: '2026-11',
        published: 1 + published,
        required: 30,
        pace: 3,
        behind: missed.length > 0,
        missedDays: missed,
      },
    },
    days: [
      { day: '2026-11-01', count: 1 },
      { day: '2026-11-02', count: 0 },
      { day: '2026-11-03', count: published },
    ],
  };
}

const service: CadenceAccountView = {
  account: accountView({ id: 'acc-svc', name: '长沙公安服务', platform: 'wechatService', platformLabel: '微信服务号' }),
  status: {
    accountId: 'acc-svc',
    platform: 'wechatService',
    rule: { kind: 'monthly', perMonth: 4 },
    today: { day: '2026-11-16', published: 0, required: 0, met: true },
    month: { month: '2026-11', published: 1, required: 4, pace: 2, behind: true, missedDays: [] },
  },
  days: [],
};

describe('更新频次 (pages/cadence)', () => {
  it('opens one account from its reminder with the month day by day and the days missed (第十九条)', async () => {
    wxm.cloud.reply('post', 'cadence', { ok: true, data: { accounts: [daily({ missed: ['2026-11-02'] })] } });
    const page = await openPage<{ accounts: Array<{ days: Array<{ label: string; missed: boolean }> }> }>(
      'pages/cadence/index',
      {
        accountId: 'acc-cs-weibo',
      },
    );
    expect(wxm.cloud.sent('post', 'cadence')).toEqual([{ action: 'cadence', accountId: 'acc-cs-weibo' }]);
    const card = page.text('#account-acc-cs-weibo');
    expect(card).toContain('每天至少发布 1 条（第十九条）');
    expect(card).toContain('今日已发布 0 条');
    expect(card).toContain('本月未更新 1 天');
    expect(card).toContain('进度落后');
    expect(page.data().accounts[0]?.days.map((d) => `${d.label}${d.missed ? '!' : ''}`)).toEqual(['01', '02!', '03']);
  });

  it('shows a unit’s accounts: daily met, a service account behind its monthly pace', async () => {
    wxm.cloud.reply('post', 'cadence', { ok: true, data: { accounts: [daily({ published: 2 }), service] } });
    const page = await openPage('pages/cadence/index');
    expect(wxm.cloud.sent('post', 'cadence')).toEqual([{ action: 'cadence' }]);
    expect(page.text('#account-acc-cs-weibo')).toContain('达标');
    const svc = page.text('#account-acc-svc');
    expect(svc).toContain('每月至少发布 4 条');
    expect(svc).toContain('本月已发布 1 条，按进度今日应达 2 条，全月应达 4 条');
    expect(svc).toContain('进度落后');
  });

  it('marks exempt accounts and says when the unit has none', async () => {
    const personal: CadenceAccountView = {
      ...daily(),
      account: accountView({ id: 'acc-p', kind: 'personal' }),
      status: {
        ...daily().status,
        accountId: 'acc-p',
        rule: { kind: 'exempt', reason: '个人公安新媒体不设更新频次要求' },
      },
    };
    wxm.cloud.reply('post', 'cadence', { ok: true, data: { accounts: [personal] } });
    const page = await openPage('pages/cadence/index');
    expect(page.text('#account-acc-p')).toContain('不考核');
    expect(page.text('#account-acc-p')).not.toContain('今日已发布');

    wxm.cloud.reply('post', 'cadence', { ok: true, data: { accounts: [] } });
    await page.pullDown();
    expect(page.text('#empty')).toContain('暂无新媒体账号');
  });

  it('shows a refusal with 重试', async () => {
    wxm.cloud.reply('post', 'cadence', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    const page = await openPage('pages/cadence/index', { accountId: 'acc-x' });
    expect(page.text('#error')).toContain('超出本人管辖范围');
  });
});
