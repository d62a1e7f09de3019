import type { PostChange } from '../../../typings/post';
import { chain, detail, NO_ABILITIES, post, step } from '../../test-utils/post-fixtures';
import { MINIPROGRAM_ROOT, fs, path } from '../../test-utils/node';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const change = (over: Partial<PostChange> = {}): PostChange => ({
  id: 'p1',
  rev: 4,
  state: 'inReview',
  version: 2,
  level: 'ordinary',
  pendingStep: null,
  ...over,
});

const REVIEWING = detail({
  post: post({
    state: 'inReview',
    version: 2,
    rev: 3,
    round: 2,
    history: [
      {
        at: '2026-11-28T01:00:00.000Z',
        personId: 'p-a',
        version: 2,
        action: 'post.submit',
        summary: '提交第 2 版审核',
      },
    ],
  }),
  chain: chain([
    step({ key: 'reviewer', label: '审核民警审核', status: 'current' }),
    step({ key: 'leader', label: '分管领导审批' }),
  ]),
  diff: {
    from: 1,
    to: 2,
    diff: {
      title: [{ op: 'equal', text: '反诈提醒' }],
      text: [
        { op: 'equal', text: '夜间' },
        { op: 'delete', text: '巡逻' },
        { op: 'insert', text: '守护' },
      ],
      imagesAdded: ['cloud://x/2.jpg'],
      imagesRemoved: [],
      kindChanged: null,
      sourceChanged: null,
    },
    level: null,
    levelChanges: [],
  },
  versions: [
    {
      version: 2,
      submittedAt: '2026-11-28T01:00:00.000Z',
      submittedByName: '王明',
      contentHash: 'h2',
      level: 'ordinary',
    },
    {
      version: 1,
      submittedAt: '2026-11-27T01:00:00.000Z',
      submittedByName: '王明',
      contentHash: 'h1',
      level: 'ordinary',
    },
  ],
  can: { ...NO_ABILITIES, approve: true, sendBack: true, raiseLevel: true },
  timeline: [
    {
      at: '2026-11-27T01:00:00.000Z',
      personName: '王明',
      action: '提交',
      stepLabel: '',
      comment: '',
      marks: ['第十七条（二）4 涉及未成年人'],
      setAside: ['第十七条（一）1 有损公安机关和警察形象'],
    },
    {
      at: '2026-11-27T02:00:00.000Z',
      personName: '张伟',
      action: '退回修改',
      stepLabel: '审核民警审核',
      comment: '请核实时间',
      marks: [],
      setAside: [],
    },
    {
      at: '2026-11-28T01:00:00.000Z',
      personName: '王明',
      action: '提交',
      stepLabel: '',
      comment: '',
      marks: [],
      setAside: [],
    },
  ],
});

describe('稿件详情 (pages/post-detail)', () => {
  it('shows the reviewer the post, its chain, the versions and what changed since the last version', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage<{ diff: { text: Array<{ text: string; mark: string }> } }>('pages/post-detail/index', {
      id: 'p1',
    });
    expect(wxm.cloud.sent('post', 'get')).toEqual([{ action: 'get', postId: 'p1' }]);
    expect(page.text('#head')).toContain('审核中');
    expect(page.text('#head')).toContain('长沙警事·微博｜一般｜第 2 版');
    expect(page.text('#chain')).toContain('审核民警审核');
    expect(page.text('#diff')).toContain('新增图片 1 张');
    expect(page.data().diff.text).toEqual([
      { text: '夜间', mark: '' },
      { text: '巡逻', mark: 'del' },
      { text: '守护', mark: 'ins' },
    ]);
    expect(page.text('#versions')).toContain('第 1 版｜一般｜王明 11-27 09:00 提交');
    // The timeline, newest first: person, full date and time, step, comment and the screening marks; what
    // 语义复核 set aside apart, so the reviewer sees it without its counting.
    expect(page.text('#timeline-1')).toBe('张伟 退回修改 2026-11-27 10:00 审核民警审核 请核实时间');
    expect(page.text('#timeline-2')).toBe(
      '王明 提交 2026-11-27 09:00 第十七条（二）4 涉及未成年人 语义复核认为可能误报、未计入（请留意）： 第十七条（一）1 有损公安机关和警察形象',
    );
    expect(page.text('#timeline-1')).not.toContain('语义复核');
    expect(page.exists('#approve')).toBe(true);
    expect(page.exists('#publish')).toBe(false);
    expect(page.exists('#raise-major')).toBe(true);
    expect(page.exists('#raise-ordinary')).toBe(false);
  });

  it('approves the version read, at the rev shown, then shows the post as it now stands', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    wxm.cloud.reply('post', 'approve', { ok: true, data: change() });
    await page.fire('#comment', 'change', ' 同意发布 ');
    await page.fire('#approve', 'click');
    expect(wxm.cloud.sent('post', 'approve')).toEqual([
      { action: 'approve', postId: 'p1', expectedRev: 3, version: 2, comment: '同意发布' },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意' }));
    expect(wxm.cloud.sent('post', 'get')).toHaveLength(2);
  });

  it('requires a comment to send back', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    await page.fire('#send-back', 'click');
    expect(page.text('#decide')).toContain('退回修改须填写意见');
    expect(wxm.cloud.sent('post', 'sendBack')).toHaveLength(0);
    wxm.cloud.reply('post', 'sendBack', { ok: true, data: change({ state: 'returned' }) });
    await page.fire('#comment', 'change', '标题再准确些');
    await page.fire('#send-back', 'click');
    expect(wxm.cloud.sent('post', 'sendBack')).toEqual([
      { action: 'sendBack', postId: 'p1', expectedRev: 3, version: 2, comment: '标题再准确些' },
    ]);
  });

  it('keeps the decision bar fixed at the bottom of the page', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    const bar = page.root.querySelector('#bar')?.toJSON();
    expect(bar?.attrs.find((a) => a.name === 'class')?.value).toBe('bar');
    expect(page.text('#bar')).toContain('退回修改');
    expect(page.text('#bar')).toContain('同意');
    // The bar holds the comment box too; the page reserves its height so the end of the post shows above it.
    expect(page.exists('#bar #comment')).toBe(true);
    const wxss = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'pages/post-detail/index.wxss'), 'utf8');
    expect(wxss).toMatch(/\.bar \{[^}]*position: fixed;[^}]*bottom: 0;/);
  });

  it('asks before approving a major post, and approves nothing when the officer cancels', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: { ...REVIEWING, post: { ...REVIEWING.post, level: 'major' } } });
    const page = await openPage<{ confirm: { show: boolean; title: string } }>('pages/post-detail/index', { id: 'p1' });
    await page.fire('#approve', 'click');
    expect(page.data().confirm).toMatchObject({ show: true, title: '确认同意发布？' });
    expect(page.data().confirm).toMatchObject({ message: expect.stringContaining('重大敏感信息') });
    await page.fire('#confirm', 'cancel');
    expect(page.data().confirm.show).toBe(false);
    expect(wxm.cloud.sent('post', 'approve')).toHaveLength(0);
    wxm.cloud.reply('post', 'approve', { ok: true, data: change() });
    await page.fire('#approve', 'click');
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('post', 'approve')).toHaveLength(1);
  });

  it('opens an image full screen', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: {
        ...REVIEWING,
        post: { ...REVIEWING.post, content: { ...REVIEWING.post.content, images: ['cloud://a.jpg', 'cloud://b.jpg'] } },
      },
    });
    const preview = jest.spyOn(wx, 'previewImage').mockImplementation(() => undefined);
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    await page.fire('#image-1', 'tap');
    expect(preview).toHaveBeenCalledWith({ current: 'cloud://b.jpg', urls: ['cloud://a.jpg', 'cloud://b.jpg'] });
  });

  it('raises the level at the reviewer’s request, after confirming', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage<{ confirm: { title: string } }>('pages/post-detail/index', { id: 'p1' });
    wxm.cloud.reply('post', 'raiseLevel', { ok: true, data: change({ level: 'major' }) });
    await page.fire('#raise-major', 'click');
    expect(wxm.cloud.sent('post', 'raiseLevel')).toHaveLength(0);
    expect(page.data().confirm.title).toBe('提高为重大敏感？');
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('post', 'raiseLevel')).toEqual([
      { action: 'raiseLevel', postId: 'p1', expectedRev: 3, version: 2, level: 'major' },
    ]);
  });

  it('tells the decider when someone else acted first, and reloads', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: REVIEWING });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    wxm.cloud.reply('post', 'approve', {
      ok: false,
      error: { code: 'CONFLICT', message: '该稿件已被他人更新，请刷新后重试' },
    });
    await page.fire('#approve', 'click');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该稿件已被他人更新，请刷新后重试' }));
    expect(wxm.cloud.sent('post', 'get')).toHaveLength(2);
  });

  it('records publication only after an explicit confirm naming the platform and account (第三十三条)', async () => {
    const approved = detail({
      post: post({ state: 'approved', rev: 7, version: 2, approvedVersion: 2 }),
      can: { ...NO_ABILITIES, publish: true, edit: true },
    });
    wxm.cloud.reply('post', 'get', { ok: true, data: approved });
    const page = await openPage<{ publishing: boolean; urlError: string }>('pages/post-detail/index', { id: 'p1' });
    await page.fire('#publish', 'click');
    expect(page.data().publishing).toBe(true);
    expect(page.text('#publish-target')).toBe('微博：长沙警事');

    const dialog = { stopLoading: jest.fn() };
    await page.fire('#publish-dialog', 'confirm', { dialog });
    expect(page.data().urlError).toBe('请填写发布后的链接');
    expect(page.data().publishing).toBe(true);
    expect(dialog.stopLoading).toHaveBeenCalled();
    expect(wxm.cloud.sent('post', 'publish')).toHaveLength(0);

    wxm.cloud.reply('post', 'publish', { ok: true, data: change({ state: 'published', rev: 8 }) });
    await page.fire('#url', 'change', ' https://weibo.com/cs/1 ');
    await page.fire('#publish-dialog', 'confirm', { dialog });
    expect(page.data().publishing).toBe(false);
    expect(wxm.cloud.sent('post', 'publish')).toEqual([
      {
        action: 'publish',
        postId: 'p1',
        expectedRev: 7,
        version: 2,
        content: approved.post.content,
        url: 'https://weibo.com/cs/1',
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记发布' }));
  });

  it('cancelling the dialog records nothing', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({ post: post({ state: 'approved' }), can: { ...NO_ABILITIES, publish: true } }),
    });
    const page = await openPage<{ publishing: boolean }>('pages/post-detail/index', { id: 'p1' });
    await page.fire('#publish', 'click');
    await page.fire('#publish-dialog', 'cancel');
    expect(page.data().publishing).toBe(false);
    expect(wxm.cloud.sent('post', 'publish')).toHaveLength(0);
  });

  it('lets the author withdraw or edit', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({ post: post({ state: 'inReview', rev: 5 }), can: { ...NO_ABILITIES, withdraw: true, edit: true } }),
    });
    const page = await openPage<{ confirm: { title: string } }>('pages/post-detail/index', { id: 'p1' });
    expect(page.exists('#approve')).toBe(false);
    wxm.cloud.reply('post', 'withdraw', { ok: true, data: change({ state: 'withdrawn' }) });
    await page.fire('#withdraw', 'click');
    expect(page.data().confirm.title).toBe('确认撤回？');
    expect(wxm.cloud.sent('post', 'withdraw')).toHaveLength(0);
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('post', 'withdraw')).toEqual([{ action: 'withdraw', postId: 'p1', expectedRev: 5 }]);
    await page.fire('#edit', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/post-edit/index?id=p1' }));
  });

  it('shows a published post’s link', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({
        post: post({
          state: 'published',
          publication: {
            url: 'https://weibo.com/cs/1',
            publishedAt: '2026-11-28T02:00:00.000Z',
            recordedAt: '2026-11-28T02:05:00.000Z',
            recordedBy: 'p-a',
            version: 1,
            contentHash: 'h1',
          },
        }),
      }),
    });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.text('#publication')).toBe('已于 11-28 10:00 发布：https://weibo.com/cs/1');
  });

  it('shows why the post cannot be opened', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.text('#error')).toContain('超出本人管辖范围');
  });

  it('lets the submitter nudge the waiting step, and shows when the next nudge is possible', async () => {
    const waiting = detail({
      post: post({ state: 'inReview', rev: 5 }),
      can: { ...NO_ABILITIES, withdraw: true, nudge: true },
      nudgeAvailableAt: '2026-11-28T12:00:00.000+08:00',
    });
    wxm.cloud.reply('post', 'get', { ok: true, data: waiting });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    wxm.cloud.reply('post', 'nudge', {
      ok: true,
      data: { notified: 1, nextAllowedAt: '2026-11-28T13:00:00.000+08:00' },
    });
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: { ...waiting, nudgeAvailableAt: '2026-11-28T13:00:00.000+08:00' },
    });
    await page.fire('#nudge', 'click');
    expect(wxm.cloud.sent('post', 'nudge')).toEqual([{ action: 'nudge', postId: 'p1' }]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已催办' }));
    expect(page.text('#nudge-hint')).toBe('11-28 13:00 后可再催办');
  });

  it('lets someone the post was copied to write an opinion, never decide', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({ post: post({ state: 'inReview' }), can: { ...NO_ABILITIES, comment: true } }),
    });
    const page = await openPage<{ commenting: boolean; noteError: string }>('pages/post-detail/index', { id: 'p1' });
    expect(page.exists('#approve')).toBe(false);
    expect(page.exists('#send-back')).toBe(false);
    await page.fire('#note', 'click');
    expect(page.data().commenting).toBe(true);
    const dialog = { stopLoading: jest.fn() };
    await page.fire('#note-dialog', 'confirm', { dialog });
    expect(page.data().noteError).toBe('请填写意见');
    wxm.cloud.reply('post', 'comment', { ok: true, data: { at: '2026-11-28T12:00:00.000+08:00' } });
    await page.fire('#note-text', 'change', '请注意配图版权');
    await page.fire('#note-dialog', 'confirm', { dialog });
    expect(wxm.cloud.sent('post', 'comment')).toEqual([{ action: 'comment', postId: 'p1', text: '请注意配图版权' }]);
    expect(page.data().commenting).toBe(false);
  });
});

// 第三十四条: a linkage response shows its directive and clock on the chain; once published, the
// account's operator registers it as the response.
describe('稿件详情：联动响应 (pages/post-detail)', () => {
  const marker = {
    directiveId: 'd1',
    title: '转发“110宣传日”系列海报',
    kindLabel: '重大正面宣传',
    issuedAt: '2026-12-01T09:00:00.000+08:00',
    dueAt: '2026-12-01T10:00:00.000+08:00',
  };

  it('shows the approver the directive and its clock beside the chain', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: detail({ post: post({ state: 'inReview', linkage: marker }) }) });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.text('#linkage')).toContain(
      '联动响应（第三十四条）：《转发“110宣传日”系列海报》（重大正面宣传）· 12-01 10:00 前响应',
    );
    expect(page.exists('#linkage-respond')).toBe(false);
    expect(wxm.cloud.sent('linkage', 'get')).toHaveLength(0);
  });

  it('offers the operator to register the published post as the account’s response', async () => {
    const published = detail({ post: post({ state: 'published', linkage: marker }) });
    wxm.cloud.reply('post', 'get', { ok: true, data: published });
    const pendingRow = { accountId: published.post.accountId, state: 'pending' };
    wxm.cloud.reply('linkage', 'get', { ok: true, data: { mine: [pendingRow] } as never });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    wxm.cloud.reply('linkage', 'respond', { ok: true, data: { row: {} } as never });
    wxm.cloud.reply('linkage', 'get', { ok: true, data: { mine: [{ ...pendingRow, state: 'onTime' }] } as never });
    await page.fire('#linkage-respond', 'click');
    expect(wxm.cloud.sent('linkage', 'respond')).toEqual([
      { action: 'respond', directiveId: 'd1', accountId: published.post.accountId, kind: 'original', postId: 'p1' },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记为联动响应' }));
    expect(page.exists('#linkage-respond')).toBe(false);
  });
});
