import { NETWORK_ERROR } from '../../services/api';
import { approvalItem } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const NOW = '2026-11-28T12:05:00.000+08:00';
const page1 = (items = [approvalItem({ postId: 'a' })], hasMore = false) => ({
  ok: true as const,
  data: { items, hasMore, now: NOW },
});

interface Data {
  query: { box: string };
  list: { items: { id: string }[] };
}

describe('审核审批 (pages/approvals)', () => {
  it('opens on 待我处理: how long each has waited (by the server’s clock), its planned time, level and step', async () => {
    const pending = wxm.cloud.hold('post', 'approvals');
    const page = await openPage<Data>('pages/approvals/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve(
      page1([
        approvalItem({
          postId: 'a',
          title: '夜巡',
          level: 'major',
          stepLabel: '分管领导审批',
          waitingSince: '2026-11-28T09:30:00.000+08:00',
          plannedAt: '2026-11-28T18:00:00.000+08:00',
        }),
        approvalItem({ postId: 'b', waitingSince: '2026-11-28T11:50:00.000+08:00' }),
      ]),
    );
    expect(wxm.cloud.sent('post', 'approvals')[0]).toEqual({
      action: 'approvals',
      box: 'pending',
      offset: 0,
      limit: 20,
    });
    expect(page.text('#tab-pending')).toBe('待我处理');
    expect(page.text('#approval-a')).toContain('夜巡');
    expect(page.text('#approval-a')).toContain('长沙警事·微博｜王明');
    expect(page.text('#approval-a')).toContain('重大敏感');
    expect(page.text('#approval-a')).toContain('分管领导审批');
    expect(page.text('#meta-a')).toBe('已等待 2 小时 35 分｜计划 11-28 18:00 发布');
    expect(page.text('#meta-b')).toBe('已等待 15 分钟');
    expect(
      page.root
        .querySelector('#meta-a')
        ?.toJSON()
        .attrs.find((a) => a.name === 'class')?.value,
    ).toContain('card__meta--late');
    expect(page.text('#list >>> #end')).toBe('没有更多了');
  });

  it('says on the line why a post is at its level, and what 语义复核 set aside, before it is opened', async () => {
    wxm.cloud.reply(
      'post',
      'approvals',
      page1([
        approvalItem({
          postId: 'a',
          level: 'especiallyMajor',
          marks: ['第十七条（一）1 有损党和国家声誉、公安机关和警察形象×2', '第十七条（二）2 官员、民警犯罪的案事件'],
          setAside: 2,
        }),
        approvalItem({ postId: 'b', marks: ['第十七条（二）7 除为群众提供服务指引外的其他警务信息'] }),
        approvalItem({ postId: 'c' }),
      ]),
    );
    const page = await openPage<Data>('pages/approvals/index');
    expect(page.text('#marks-a')).toBe('审查提示：第十七条（一）1 有损党和国家声誉、公安机关和警察形象×2 等 2 项');
    expect(page.text('#aside-a')).toBe('语义复核认为可能误报、未计入 2 处，请打开查看');
    expect(page.text('#marks-b')).toBe('审查提示：第十七条（二）7 除为群众提供服务指引外的其他警务信息');
    expect(page.exists('#aside-b')).toBe(false);
    // a clean post says nothing more than its level
    expect(page.exists('#marks-c')).toBe(false);
    expect(page.exists('#aside-c')).toBe(false);
  });

  it('switches between the four boxes, each with its own line', async () => {
    wxm.cloud.reply('post', 'approvals', page1());
    const page = await openPage<Data>('pages/approvals/index');
    wxm.cloud.reply(
      'post',
      'approvals',
      page1([
        approvalItem({
          postId: 'd',
          state: 'approved',
          decision: 'sendBack',
          decidedAt: '2026-11-28T10:00:00.000+08:00',
          comment: '请补充时间',
          waitingSince: null,
        }),
      ]),
    );
    await page.fire('#tab-decided', 'tap');
    expect(wxm.cloud.sent('post', 'approvals')[1]).toMatchObject({ box: 'decided', offset: 0 });
    expect(page.data().query.box).toBe('decided');
    expect(page.text('#approval-d')).toContain('已通过');
    expect(page.text('#meta-d')).toBe('11-28 10:00 退回修改：请补充时间');

    wxm.cloud.reply(
      'post',
      'approvals',
      page1([
        approvalItem({
          postId: 'c',
          decision: 'approve',
          deciderName: '张伟',
          decidedAt: '2026-11-28T10:00:00.000+08:00',
          waitingSince: null,
        }),
      ]),
    );
    await page.fire('#tab-copied', 'tap');
    expect(page.text('#meta-c')).toBe('张伟 11-28 10:00 同意');
    expect(page.exists('#nudge-c')).toBe(false);

    wxm.cloud.reply('post', 'approvals', page1([], false));
    await page.fire('#tab-submitted', 'tap');
    expect(page.text('#list >>> #empty')).toContain('您还没有提交过稿件');
  });

  it('nudges (催办) a post the caller submitted that still waits, and says when it is too soon', async () => {
    wxm.cloud.reply('post', 'approvals', page1([approvalItem({ postId: 's', waitingSince: null })]));
    const page = await openPage<Data>('pages/approvals/index', { box: 'submitted' });
    expect(wxm.cloud.sent('post', 'approvals')[0]).toMatchObject({ box: 'submitted' });
    wxm.cloud.reply('post', 'nudge', { ok: true, data: { notified: 1, nextAllowedAt: NOW } });
    await page.fire('#nudge-s', 'click');
    expect(wxm.cloud.sent('post', 'nudge')).toEqual([{ action: 'nudge', postId: 's' }]);
    expect(wxm.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已催办' }));
    expect(wxm.navigateTo).not.toHaveBeenCalled();
    wxm.cloud.reply('post', 'nudge', {
      ok: false,
      error: { code: 'NUDGE_TOO_SOON', message: '同一审批步骤每小时只能催办一次：请 42 分钟后再催办' },
    });
    await page.fire('#nudge-s', 'click');
    expect(wxm.showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '同一审批步骤每小时只能催办一次：请 42 分钟后再催办' }),
    );
  });

  it('loads the next page at the bottom of the list', async () => {
    wxm.cloud.reply('post', 'approvals', page1([approvalItem({ postId: 'a' })], true));
    const page = await openPage<Data>('pages/approvals/index');
    wxm.cloud.reply('post', 'approvals', page1([approvalItem({ postId: 'b' })], false));
    await page.reachBottom();
    expect(wxm.cloud.sent('post', 'approvals')[1]).toEqual({
      action: 'approvals',
      box: 'pending',
      offset: 1,
      limit: 20,
    });
    expect(page.data().list.items.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('opens the post to review', async () => {
    wxm.cloud.reply('post', 'approvals', page1());
    const page = await openPage('pages/approvals/index');
    await page.fire('#approval-a', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/post-detail/index?id=a' }));
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.failNetwork('post', 'approvals');
    const page = await openPage('pages/approvals/index');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('post', 'approvals', page1());
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#approval-a')).toBe(true);
  });
});
