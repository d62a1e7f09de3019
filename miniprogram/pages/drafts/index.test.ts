import { NETWORK_ERROR } from '../../services/api';
import { accountView, summary } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('我的稿件 (pages/drafts)', () => {
  it('shows a loading state, then the caller’s posts with their state', async () => {
    const pending = wxm.cloud.hold('post', 'list');
    const page = await openPage('pages/drafts/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve({
      ok: true,
      data: {
        items: [
          summary({ id: 'a', title: '夜巡', state: 'inReview', pendingStep: '审核民警审核' }),
          summary({ id: 'b', title: '', state: 'returned', updatedAt: '2026-11-28T01:05:00.000Z' }),
        ],
        hasMore: false,
        accounts: [accountView()],
      },
    });
    expect(page.text('#post-a')).toContain('夜巡');
    expect(page.text('#post-a')).toContain('长沙警事·微博｜审核民警审核');
    expect(page.text('#post-a')).toContain('审核中');
    expect(page.text('#post-b')).toContain('（无标题）');
    expect(page.text('#post-b')).toContain('11-28 09:05');
    expect(page.text('#post-b')).toContain('已退回');
  });

  it('opens the editor for a post still being written and the detail for the others', async () => {
    wxm.cloud.reply('post', 'list', {
      ok: true,
      data: {
        items: [summary({ id: 'w', state: 'withdrawn' }), summary({ id: 'p', state: 'published' })],
        hasMore: false,
        accounts: [],
      },
    });
    const page = await openPage('pages/drafts/index');
    await page.fire('#post-w', 'click');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/post-edit/index?id=w' }));
    await page.fire('#post-p', 'click');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/post-detail/index?id=p' }));
  });

  it('writes for the one account at once, or asks which account (第三十三条: one post, one account)', async () => {
    wxm.cloud.reply('post', 'list', { ok: true, data: { items: [], hasMore: false, accounts: [accountView()] } });
    const single = await openPage('pages/drafts/index');
    expect(single.text('#list >>> #empty')).toContain('暂无稿件');
    await single.fire('#new', 'click');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/post-edit/index?accountId=acc-cs-weibo' }),
    );

    wxm.cloud.reply('post', 'list', {
      ok: true,
      data: {
        items: [],
        hasMore: false,
        accounts: [accountView(), accountView({ id: 'acc-2', name: '长沙公安服务', platformLabel: '微信服务号' })],
      },
    });
    const several = await openPage<{ picking: boolean; accounts: Array<{ name: string; subname: string }> }>(
      'pages/drafts/index',
    );
    await several.fire('#new', 'click');
    expect(several.data().picking).toBe(true);
    expect(several.data().accounts.map((a) => `${a.name} ${a.subname}`)).toEqual([
      '长沙警事 微博｜长沙市公安局',
      '长沙公安服务 微信服务号｜长沙市公安局',
    ]);
    expect(wxm.navigateTo).toHaveBeenCalledTimes(1);
    await several.fire('#pick', 'select', { name: '长沙公安服务', subname: '', id: 'acc-2' });
    expect(several.data().picking).toBe(false);
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/post-edit/index?accountId=acc-2' }),
    );
  });

  it('offers no writing to someone who operates no account', async () => {
    wxm.cloud.reply('post', 'list', {
      ok: true,
      data: { items: [summary({ id: 'x' })], hasMore: false, accounts: [] },
    });
    const page = await openPage('pages/drafts/index');
    expect(page.exists('#new')).toBe(false);
    expect(page.exists('#post-x')).toBe(true);
  });

  it('shows the error with 重试, and retrying loads the list', async () => {
    wxm.cloud.failNetwork('post', 'list');
    const page = await openPage('pages/drafts/index');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('post', 'list', {
      ok: true,
      data: { items: [summary({ id: 'y' })], hasMore: false, accounts: [] },
    });
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#post-y')).toBe(true);
  });

  it('filters by state and account, and pages to the end of the list', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => summary({ id: `p${i}`, title: `稿件${i}` }));
    const accounts = [accountView(), accountView({ id: 'acc-2', name: '长沙公安服务', platformLabel: '微信服务号' })];
    wxm.cloud.reply('post', 'list', { ok: true, data: { items: twenty, hasMore: true, accounts } });
    const page = await openPage<{ list: { items: unknown[] } }>('pages/drafts/index');
    expect(wxm.cloud.sent('post', 'list')[0]).toEqual({ action: 'list', offset: 0, limit: 20 });
    wxm.cloud.reply('post', 'list', {
      ok: true,
      data: { items: [summary({ id: 'last', title: '最后一篇' })], hasMore: false, accounts },
    });
    await page.reachBottom();
    expect(wxm.cloud.sent('post', 'list')[1]).toMatchObject({ offset: 20 });
    expect(page.data().list.items).toHaveLength(21);
    expect(page.text('#list >>> #end')).toBe('没有更多了');

    await page.fire('#filter-state', 'change', 'returned');
    expect(wxm.cloud.sent('post', 'list')[2]).toEqual({ action: 'list', states: ['returned'], offset: 0, limit: 20 });
    await page.fire('#filter-account', 'change', 'acc-2');
    expect(wxm.cloud.sent('post', 'list')[3]).toEqual({
      action: 'list',
      accountId: 'acc-2',
      states: ['returned'],
      offset: 0,
      limit: 20,
    });
    expect(page.data().list.items).toHaveLength(1);
  });
});
