import { NETWORK_ERROR } from '../../services/api';
import { approvalItem } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('审核待办 (pages/approvals)', () => {
  it('shows a loading state, then what waits for the caller with level and step', async () => {
    const pending = wxm.cloud.hold('post', 'approvals');
    const page = await openPage('pages/approvals/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve({
      ok: true,
      data: {
        items: [
          approvalItem({
            postId: 'a',
            title: '夜巡',
            level: 'major',
            stepLabel: '分管领导审批',
            submittedAt: '2026-11-28T01:00:00.000Z',
          }),
          approvalItem({ postId: 'b' }),
        ],
        hasMore: false,
      },
    });
    expect(page.text('#approval-a')).toContain('夜巡');
    expect(page.text('#approval-a')).toContain('长沙警事·微博｜王明｜11-28 09:00 提交');
    expect(page.text('#approval-a')).toContain('重大敏感');
    expect(page.text('#approval-a')).toContain('分管领导审批');
    expect(page.text('#list >>> #end')).toBe('没有更多了');
  });

  it('loads the next page at the bottom of the list', async () => {
    wxm.cloud.reply('post', 'approvals', { ok: true, data: { items: [approvalItem({ postId: 'a' })], hasMore: true } });
    const page = await openPage('pages/approvals/index');
    wxm.cloud.reply('post', 'approvals', {
      ok: true,
      data: { items: [approvalItem({ postId: 'b' })], hasMore: false },
    });
    await page.reachBottom();
    expect(wxm.cloud.sent('post', 'approvals')[1]).toEqual({ action: 'approvals', offset: 1, limit: 20 });
    expect(page.exists('#approval-b')).toBe(true);
    expect(page.text('#list >>> #end')).toBe('没有更多了');
  });

  it('opens the post to review', async () => {
    wxm.cloud.reply('post', 'approvals', {
      ok: true,
      data: { items: [approvalItem({ postId: 'a' })], hasMore: false },
    });
    const page = await openPage('pages/approvals/index');
    await page.fire('#approval-a', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/post-detail/index?id=a' }));
  });

  it('says when nothing waits', async () => {
    wxm.cloud.reply('post', 'approvals', { ok: true, data: { items: [], hasMore: false } });
    const page = await openPage('pages/approvals/index');
    expect(page.text('#list >>> #empty')).toContain('暂无待审批稿件');
  });

  it('shows the refusal to someone without a reviewing role, and retries', async () => {
    wxm.cloud.reply('post', 'approvals', {
      ok: false,
      error: { code: 'ROLE_REQUIRED', message: '当前角色无权进行此操作' },
    });
    const page = await openPage('pages/approvals/index');
    expect(page.text('#list >>> #error')).toContain('当前角色无权进行此操作');
    wxm.cloud.failNetwork('post', 'approvals');
    await page.fire('#list >>> #error', 'retry');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
  });
});
