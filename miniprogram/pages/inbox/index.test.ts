import { NETWORK_ERROR } from '../../services/api';
import { message } from '../../test-utils/fixtures';
import { flush, openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('消息 (pages/inbox)', () => {
  it('shows a loading state until the list arrives', async () => {
    const pending = wxm.cloud.hold('notify', 'inbox');
    const page = await openPage('pages/inbox/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    expect(page.exists('#msg-m1')).toBe(false);

    await pending.resolve({ ok: true, data: { items: [message({ _id: 'm1' })], unread: 1, nextCursor: null } });
    expect(page.exists('#list >>> #loading')).toBe(false);
    expect(page.exists('#msg-m1')).toBe(true);
  });

  it('lists messages newest first with Beijing times and marks the unread ones', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [
          message({ _id: 'old', title: '培训通知', createdAt: '2026-11-27T01:00:00.000Z', read: true }),
          message({ _id: 'new', title: '审核退回', createdAt: '2026-11-28T16:30:00.000Z', read: false }),
        ],
        unread: 1,
        nextCursor: null,
      },
    });
    const page = await openPage<{ list: { items: { id: string }[] } }>('pages/inbox/index');

    expect(page.data().list.items.map((item) => item.id)).toEqual(['new', 'old']);
    expect(page.text('#msg-new')).toContain('未读 审核退回');
    expect(page.text('#msg-new')).toContain('11-29 00:30');
    expect(page.text('#msg-old')).not.toContain('未读');
    expect(page.text('#msg-old')).toContain('11-27 09:00');
  });

  it('puts the unread count on the 消息 tab', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: { items: [message({ _id: 'a' })], unread: 120, nextCursor: null },
    });
    await openPage('pages/inbox/index');
    expect(wxm.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1, text: '99+' }));
  });

  it('shows an empty state and clears the badge when there are no messages', async () => {
    wxm.cloud.reply('notify', 'inbox', { ok: true, data: { items: [], unread: 0, nextCursor: null } });
    const page = await openPage('pages/inbox/index');
    expect(page.text('#list >>> #empty')).toContain('暂无消息');
    expect(wxm.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }));
  });

  it('shows the error with 重试, and retrying loads the list', async () => {
    wxm.cloud.failNetwork('notify', 'inbox');
    const page = await openPage('pages/inbox/index');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);

    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: { items: [message({ _id: 'm1' })], unread: 1, nextCursor: null },
    });
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#list >>> #error')).toBe(false);
    expect(page.exists('#msg-m1')).toBe(true);
  });

  it('sends an unbound caller to the bind page', async () => {
    wxm.cloud.reply('notify', 'inbox', { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定账号' } });
    await openPage('pages/inbox/index');
    expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
  });

  it('opens the page a message links to', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [
          message({ _id: 'review', link: '/pages/approvals/detail?id=p1' }),
          message({ _id: 'digest', link: '/pages/home/index', createdAt: '2026-11-01T08:00:00.000+08:00' }),
        ],
        unread: 2,
        nextCursor: null,
      },
    });
    const page = await openPage('pages/inbox/index');
    await page.fire('#msg-review', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/approvals/detail?id=p1' }));
    await page.fire('#msg-digest', 'click');
    expect(wxm.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
  });

  it('reloads on pull-down and stops the refresh indicator', async () => {
    wxm.cloud.reply('notify', 'inbox', { ok: true, data: { items: [], unread: 0, nextCursor: null } });
    const page = await openPage('pages/inbox/index');
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: { items: [message({ _id: 'fresh' })], unread: 1, nextCursor: null },
    });
    await page.pullDown();
    expect(page.exists('#msg-fresh')).toBe(true);
    expect(wxm.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('marks a tapped unread message read, updates the badge from the server, and opens its link', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [message({ _id: 'm1', link: '/pages/post-detail/index?id=p1' }), message({ _id: 'm2', read: true })],
        unread: 3,
        nextCursor: null,
      },
    });
    const markRead = wxm.cloud.hold('notify', 'markRead');
    const page = await openPage<{ list: { items: { id: string; read: boolean }[] } }>('pages/inbox/index');
    expect(page.text('#unread-count')).toContain('3 条未读');

    await page.fire('#msg-m1', 'click');
    expect(wxm.cloud.sent('notify', 'markRead')).toEqual([{ action: 'markRead', ids: ['m1'] }]);
    expect(page.text('#msg-m1')).not.toContain('未读');
    expect(wxm.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '2' }));
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/post-detail/index?id=p1' }));

    // The server knows of another notice meanwhile: its count wins.
    await markRead.resolve({ ok: true, data: { unread: 5 } });
    expect(wxm.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '5' }));

    await page.fire('#msg-m2', 'click');
    expect(wxm.cloud.sent('notify', 'markRead')).toHaveLength(1);
  });

  it('marks everything read with 全部已读', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: { items: [message({ _id: 'a' }), message({ _id: 'b' })], unread: 2, nextCursor: null },
    });
    wxm.cloud.reply('notify', 'markRead', { ok: true, data: { unread: 0 } });
    const page = await openPage('pages/inbox/index');
    await page.fire('#read-all', 'click');
    expect(wxm.cloud.sent('notify', 'markRead')).toEqual([{ action: 'markRead', all: true }]);
    expect(page.text('#list')).not.toContain('未读');
    expect(page.exists('#read-all')).toBe(false);
    expect(wxm.removeTabBarBadge).toHaveBeenCalled();
  });

  it('loads older pages at the bottom with the cursor, and says when there are no more', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: { items: [message({ _id: 'new' })], unread: 1, nextCursor: 'c-1' },
    });
    const page = await openPage<{ list: { items: { id: string }[] } }>('pages/inbox/index');
    expect(page.text('#list >>> #more')).toContain('加载更多');

    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [message({ _id: 'old', createdAt: '2026-11-01T08:00:00.000+08:00' })],
        unread: 1,
        nextCursor: null,
      },
    });
    (page.root.instance as { onReachBottom(): void }).onReachBottom();
    await flush();
    expect(wxm.cloud.sent('notify', 'inbox').slice(-1)).toEqual([{ action: 'inbox', limit: 20, cursor: 'c-1' }]);
    expect(page.data().list.items.map((i) => i.id)).toEqual(['new', 'old']);
    expect(page.text('#list >>> #end')).toContain('没有更多了');
  });

  it('asks to keep receiving a kind when its notice is tapped, reports the answer, then navigates', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [message({ _id: 'due', kind: 'referralDueSoon', link: '/pages/referral-detail/index?id=r1' })],
        unread: 1,
        nextCursor: null,
      },
    });
    wxm.cloud.reply('notify', 'consentPlan', {
      ok: true,
      data: { requests: [{ subscription: 'longTerm', templateIds: ['tpl-deadline'] }] },
    });
    wxm.cloud.reply('notify', 'markRead', { ok: true, data: { unread: 0 } });
    wxm.cloud.reply('notify', 'reportConsent', { ok: true, data: { templates: [] } });
    const ask = jest
      .spyOn(wx, 'requestSubscribeMessage')
      .mockImplementation((option: WechatMiniprogram.RequestSubscribeMessageOption) => {
        option.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-deadline': 'accept' });
        return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' });
      });
    const page = await openPage('pages/inbox/index');
    expect(wxm.cloud.sent('notify', 'consentPlan')).toEqual([{ action: 'consentPlan', moment: 'openReferrals' }]);

    await page.fire('#msg-due', 'click');
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-deadline'] }));
    expect(wxm.cloud.sent('notify', 'reportConsent')).toEqual([
      { action: 'reportConsent', answers: { 'tpl-deadline': 'accept' } },
    ]);
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/referral-detail/index?id=r1' }));
  });
});
