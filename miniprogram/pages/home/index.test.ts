import { NETWORK_ERROR } from '../../services/api';
import { me } from '../../test-utils/fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();
const REVIEWER_AND_OPERATOR = [
  { role: 'reviewer' as const, unitName: '长沙市公安局' },
  { role: 'operator' as const, unitName: '长沙市公安局' },
];

describe('工作台 (pages/home)', () => {
  it('shows a loading state until org.me answers, then the person', async () => {
    const pending = wxm.cloud.hold('org', 'me');
    const page = await openPage('pages/home/index');
    expect(page.exists('#loading')).toBe(true);
    expect(page.text()).toContain('加载中');
    expect(page.exists('#header')).toBe(false);

    await pending.resolve({ ok: true, data: me({ name: '王芳', unitName: '株洲市公安局' }) });
    expect(page.exists('#loading')).toBe(false);
    expect(page.text('#header')).toBe('王芳 株洲市公安局');
  });

  it('shows the entries of the roles held, a dot where work waits, and the pending list', async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: REVIEWER_AND_OPERATOR }, { approvals: true, referrals: true, unreadNotifications: true }),
    });
    const page = await openPage<{ entries: { key: string; waiting: boolean }[] }>('pages/home/index');

    expect(page.exists('#entry-approvals')).toBe(true);
    expect(page.exists('#entry-drafts')).toBe(true);
    expect(page.exists('#entry-referrals')).toBe(true);
    expect(page.exists('#entry-accounts')).toBe(false);
    // Whether, not how many (issue 18): no number anywhere, a dot on the entries with work.
    expect(page.text('#entry-approvals')).toBe('审核审批');
    const waiting = page
      .data()
      .entries.filter((e) => e.waiting)
      .map((e) => e.key);
    expect(waiting).toEqual(['approvals', 'referrals']);
    expect(page.text('#pending-approvals')).toContain('待我审核审批的稿件');
    expect(page.text('#pending-referrals')).toContain('待办流转');
    expect(page.text('#pending-unread')).toContain('未读消息');
    expect(page.text('#pending')).not.toMatch(/\d/u);
    expect(page.exists('#pending-drafts')).toBe(false);
    expect(page.exists('#no-pending')).toBe(false);
    expect(wxm.showTabBarRedDot).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }));
    expect(wxm.setTabBarBadge).not.toHaveBeenCalled();
  });

  it('shows the unit admin the org entries only', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: [{ role: 'unitAdmin', unitName: '长沙市公安局' }] }) });
    const page = await openPage<{ entries: { key: string }[] }>('pages/home/index');
    expect(page.data().entries.map((entry) => entry.key)).toEqual([
      'accounts',
      'accountApplications',
      'accountSetups',
      'registry',
      'people',
      'unit',
      'security',
      'incidents',
      'training',
      'archives',
      'evaluation',
      'audit',
    ]);
  });

  it('shows the province propaganda staff the working-day calendar entry, and no one else', async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: [{ role: 'propagandaStaff', unitName: '省厅政治部宣传处', scopeLevel: 'province' }] }),
    });
    const page = await openPage<{ entries: { key: string }[] }>('pages/home/index');
    expect(page.data().entries.map((entry) => entry.key)).toEqual([
      'approvals',
      'cadence',
      'linkageBoard',
      'messages',
      'calendar',
      'accounts',
      'accountDecisions',
      'filings',
      'matrix',
      'registry',
      'people',
      'lexicon',
      'reader',
      'security',
      'incidents',
      'training',
      'archives',
      'evaluation',
      'audit',
    ]);
    await page.fire('#entry-reader', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/reader/pages/settings/index' }),
    );
    await page.fire('#entry-calendar', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/calendar/index' }));

    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: REVIEWER_AND_OPERATOR }) });
    await page.show();
    expect(page.exists('#entry-calendar')).toBe(false);
    expect(page.exists('#entry-reader')).toBe(false);

    // A city desk reviews and supervises, but the calendar is the province's (第七条).
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: [{ role: 'propagandaStaff', unitName: '长沙市公安局政治部宣传处', scopeLevel: 'city' }] }),
    });
    await page.show();
    expect(page.exists('#entry-calendar')).toBe(false);
    expect(page.exists('#entry-approvals')).toBe(true);
  });

  it('shows an empty state when nothing is pending, and clears the tab badge', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: REVIEWER_AND_OPERATOR }) });
    const page = await openPage('pages/home/index');
    expect(page.exists('#pending')).toBe(false);
    expect(page.text('#no-pending')).toContain('暂无待办事项');
    expect(wxm.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }));
    expect(wxm.hideTabBarRedDot).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }));
    expect(wxm.showTabBarRedDot).not.toHaveBeenCalled();
  });

  it('tells a person without roles to ask for one', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: [] }) });
    const page = await openPage('pages/home/index');
    expect(page.exists('#entries')).toBe(false);
    expect(page.text('#no-entries')).toContain('请联系单位管理员分配角色');
  });

  it('reminds an untrained person that training comes before the post (第三十五条)', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ trained: false }) });
    const page = await openPage('pages/home/index');
    expect(page.text('#training-notice')).toContain('培训合格后方可上岗');

    wxm.cloud.reply('org', 'me', { ok: true, data: me({ trained: true }) });
    await page.show();
    expect(page.exists('#training-notice')).toBe(false);
  });

  it('shows the error with 重试, and retrying loads the page', async () => {
    wxm.cloud.failNetwork('org', 'me');
    const page = await openPage('pages/home/index');
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);
    expect(page.exists('#header')).toBe(false);

    wxm.cloud.reply('org', 'me', { ok: true, data: me({ name: '赵强' }) });
    await page.fire('#error', 'retry');
    expect(page.exists('#error')).toBe(false);
    expect(page.text('#header')).toContain('赵强');
    expect(wxm.cloud.sent('org', 'me')).toHaveLength(2);
  });

  it("shows the server's message when the call is refused", async () => {
    wxm.cloud.reply('org', 'me', { ok: false, error: { code: 'INTERNAL', message: '服务繁忙，请稍后再试' } });
    const page = await openPage('pages/home/index');
    expect(page.text('#error')).toContain('服务繁忙，请稍后再试');
  });

  it('sends an unbound caller to the bind page', async () => {
    wxm.cloud.reply('org', 'me', { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定账号' } });
    const page = await openPage('pages/home/index');
    expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
    expect(page.exists('#error')).toBe(false);
  });

  it('opens the page of a tapped entry', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: REVIEWER_AND_OPERATOR }, { approvals: true }) });
    const page = await openPage('pages/home/index');
    await page.fire('#entry-referrals', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/referrals/index' }));
    await page.fire('#pending-approvals', 'click');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/approvals/index' }));
  });

  it('switches to the 消息 tab for unread messages', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({}, { unreadNotifications: true }) });
    const page = await openPage('pages/home/index');
    await page.fire('#pending-unread', 'click');
    expect(wxm.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/inbox/index' }));
    expect(wxm.navigateTo).not.toHaveBeenCalled();
  });

  it('keeps the newest answer when an older one arrives late', async () => {
    const first = wxm.cloud.hold('org', 'me');
    const page = await openPage('pages/home/index');
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ name: '新数据' }) });
    await page.show();
    await first.resolve({ ok: true, data: me({ name: '旧数据' }) });
    expect(page.text('#header')).toContain('新数据');
  });

  it('reloads on pull-down and stops the refresh indicator', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ name: '甲' }) });
    const page = await openPage('pages/home/index');
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ name: '乙' }) });
    await page.pullDown();
    expect(page.text('#header')).toContain('乙');
    expect(wxm.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });
});
