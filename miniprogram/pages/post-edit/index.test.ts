import type { DraftSaved, SpanHit } from '../../../typings/post';
import type { WordingSuggestion } from '../../../typings/screening';
import type { NodeJson } from '../../test-utils/simulate';
import { accountView, chain, detail, post, step } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';
import { AUTOSAVE_DELAY_MS, LEAVE_WARNING, LIVE_CHECK_DELAY_MS } from '../../utils/posts';

const wxm = useWx();

/** The src of every thumbnail, in order. */
function thumbs(node: NodeJson | string): string[] {
  if (typeof node === 'string') return [];
  const own = node.tagName === 'wx-image' ? [String(node.attrs.find((a) => a.name === 'src')?.value)] : [];
  return [...own, ...node.children.flatMap(thumbs)];
}

function choose(paths: string[]): void {
  jest.spyOn(wx, 'chooseMedia').mockImplementation((o) => {
    o.success?.({ tempFiles: paths.map((tempFilePath) => ({ tempFilePath })), type: 'image', errMsg: 'ok' } as never);
    return undefined as never;
  });
}

interface EditData {
  postId: string;
  rev: number;
  kind: string;
  images: string[];
  formError: string;
  dirty: boolean;
  autosaved: string;
}

/** Autosave fires after 30 ms instead of its real pause; every other timer keeps its delay. */
function quickAutosave(): void {
  const real = globalThis.setTimeout;
  jest
    .spyOn(globalThis, 'setTimeout')
    .mockImplementation(((fn: () => void, ms?: number) =>
      real(fn, ms === AUTOSAVE_DELAY_MS ? 30 : ms)) as unknown as typeof setTimeout);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const REVIEW = chain([step({ key: 'reviewer', label: '审核民警审核' })]);
const MAJOR = chain(
  [step({ key: 'reviewer', label: '审核民警审核' }), step({ key: 'leader', label: '分管领导审批' })],
  {
    level: 'major',
    summary: '重大敏感信息：审核民警审核 → 分管领导审批',
  },
);

function saved(over: Partial<DraftSaved> = {}): DraftSaved {
  return {
    id: 'p-new',
    rev: 1,
    state: 'draft',
    version: 1,
    level: 'ordinary',
    pendingStep: null,
    screening: { blocked: false, minLevel: 'ordinary', hits: [] },
    chain: REVIEW,
    ...over,
  };
}

const blockHit: SpanHit = {
  category: 'reputation',
  ref: '第十七条（一）1',
  title: '损害公安形象',
  effect: 'block',
  levelFloor: null,
  source: 'lexicon',
  rule: '黑警',
  where: 'text',
  // Offsets run over title + '\n' + text: "通报\n网传黑警打人".
  start: 5,
  end: 7,
  matched: '黑警',
};

async function newEditor() {
  wxm.cloud.reply('post', 'previewChain', { ok: true, data: { account: accountView(), chain: REVIEW } });
  return openPage<EditData>('pages/post-edit/index', { accountId: 'acc-cs-weibo' });
}

describe('编辑稿件 (pages/post-edit)', () => {
  it('shows the account and the chain a new post would take before anything is saved', async () => {
    const page = await newEditor();
    expect(page.text('#account')).toContain('长沙警事·微博');
    expect(page.text('#chain')).toContain('一般信息：审核民警审核');
    expect(wxm.cloud.sent('post', 'previewChain')).toEqual([
      { action: 'previewChain', accountId: 'acc-cs-weibo', level: 'ordinary' },
    ]);
  });

  it('shows the longer chain when the author declares a higher level (第十六条)', async () => {
    const page = await newEditor();
    wxm.cloud.reply('post', 'previewChain', { ok: true, data: { account: accountView(), chain: MAJOR } });
    await page.fire('#level', 'change', 'major');
    expect(wxm.cloud.sent('post', 'previewChain')[1]).toEqual({
      action: 'previewChain',
      accountId: 'acc-cs-weibo',
      level: 'major',
    });
    expect(page.text('#chain')).toContain('分管领导审批');
  });

  it('saves a new post once for its one account, then saves edits against its rev', async () => {
    const page = await newEditor();
    await page.fire('#title', 'change', '夜巡');
    await page.fire('#text', 'change', '守护平安');
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#save', 'click');
    const [first] = wxm.cloud.sent('post', 'draftSave') as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      accountId: 'acc-cs-weibo',
      clientKey: expect.stringMatching(/^ck-/),
      content: { title: '夜巡', text: '守护平安', images: [], kind: 'original', source: null },
      nature: 'official',
      declaredLevel: 'ordinary',
      plannedAt: null,
    });
    expect(page.data()).toMatchObject({ postId: 'p-new', rev: 1, dirty: false });
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));

    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved({ rev: 2 }) });
    await page.fire('#text', 'change', '守护平安，夜巡不停');
    await page.fire('#save', 'click');
    const second = wxm.cloud.sent('post', 'draftSave')[1] as Record<string, unknown>;
    expect(second).toMatchObject({ postId: 'p-new', expectedRev: 1 });
    expect(second).not.toHaveProperty('accountId');
  });

  it('marks what screening found, with the article (第十七条)', async () => {
    const page = await newEditor();
    await page.fire('#title', 'change', '通报');
    await page.fire('#text', 'change', '网传黑警打人');
    wxm.cloud.reply('post', 'draftSave', {
      ok: true,
      data: saved({ screening: { blocked: true, minLevel: 'ordinary', hits: [blockHit] } }),
    });
    await page.fire('#save', 'click');
    expect(page.text('#marks')).toContain('“黑警”：损害公安形象（第十七条（一）1）');
    const marked = (page.data() as unknown as { marks: { text: Array<{ text: string; mark: string }> } }).marks.text;
    expect(marked.filter((seg) => seg.mark === 'block').map((seg) => seg.text)).toEqual(['黑警']);
  });

  it('screens as the author types, once typing pauses (screen.check)', async () => {
    const page = await newEditor();
    wxm.cloud.reply('screen', 'check', {
      ok: true,
      data: {
        lexiconVersion: '3',
        context: { kind: 'post', accountKind: 'institutional' },
        // "警情通报\n网传黑警打人": the text starts at 5.
        hits: [{ ...blockHit, start: 7, end: 9 }],
        level: 'ordinary',
        blocked: true,
        triage: [],
        suggestions: [],
        msgSecCheck: { state: 'skipped' },
      },
    });
    // Only this editor's checks (an earlier test's editor may still have one pending).
    const checks = (): object[] =>
      wxm.cloud.sent('screen', 'check').filter((c) => (c as { title?: string }).title === '警情通报');
    await page.fire('#title', 'change', '警情通报');
    await page.fire('#text', 'change', '网传黑');
    await page.fire('#text', 'change', '网传黑警打人');
    expect(checks()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, LIVE_CHECK_DELAY_MS + 100));
    expect(checks()).toEqual([
      { action: 'check', title: '警情通报', text: '网传黑警打人', accountKind: 'institutional' },
    ]);
    expect(page.text('#marks')).toContain('“黑警”：损害公安形象（第十七条（一）1）');
    const marked = (page.data() as unknown as { marks: { text: Array<{ text: string; mark: string }> } }).marks.text;
    expect(marked.filter((x) => x.mark === 'block').map((x) => x.text)).toEqual(['黑警']);
  });

  it('shows what 语义复核 set aside, faintly and apart, as the live check returns it', async () => {
    const page = await newEditor();
    // "培训\n命案现场勘查培训": 命案 at 3–5, set aside: it neither blocks nor raises the level.
    const aside: SpanHit = {
      ...blockHit,
      category: 'majorCase',
      ref: '第十七条（二）3',
      title: '重大刑事案件',
      effect: 'caution',
      levelFloor: 'major',
      rule: '命案',
      start: 3,
      end: 5,
      matched: '命案',
    };
    wxm.cloud.reply('screen', 'check', {
      ok: true,
      data: {
        lexiconVersion: '3',
        context: { kind: 'post', accountKind: 'institutional' },
        hits: [],
        setAside: [aside],
        level: 'ordinary',
        blocked: false,
        triage: [],
        suggestions: [],
        msgSecCheck: { state: 'skipped' },
      },
    });
    await page.fire('#title', 'change', '培训');
    await page.fire('#text', 'change', '命案现场勘查培训');
    await new Promise((resolve) => setTimeout(resolve, LIVE_CHECK_DELAY_MS + 100));
    expect(page.text('#marks')).toContain('语义复核认为可能误报、未计入：“命案”：重大刑事案件（第十七条（二）3）');
    const data = page.data() as unknown as {
      marks: { text: Array<{ text: string; mark: string }>; notes: Array<{ mark: string }> };
      floorNote: string;
    };
    expect(data.marks.text.filter((x) => x.mark !== '').map((x) => `${x.text}:${x.mark}`)).toEqual(['命案:aside']);
    expect(data.marks.notes.map((n) => n.mark)).toEqual(['aside']);
    // nothing set aside lifts the floor the editor shows
    expect(data.floorNote).toBe('');
  });

  it('asks for the repost source and its verification (第二十一条)', async () => {
    const page = await newEditor();
    expect(page.exists('#outlet')).toBe(false);
    await page.fire('#kind', 'change', 'repost');
    await page.fire('#outlet', 'change', '新华网');
    await page.fire('#link', 'change', ' https://www.news.cn/a.html ');
    await page.fire('#verified', 'change', true);
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('post', 'draftSave')[0]).toMatchObject({
      content: { kind: 'repost', source: { outlet: '新华网', link: 'https://www.news.cn/a.html' } },
      sourceVerified: true,
    });
  });

  it('uploads chosen images to cloud storage and keeps their file ids', async () => {
    const uploadFile = jest.fn((o: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` }));
    Object.assign(wx.cloud, { uploadFile });
    choose(['wxfile://a.png', 'wxfile://b.jpg']);
    const page = await newEditor();
    await page.fire('#add-image', 'tap');
    expect(uploadFile).toHaveBeenCalledTimes(2);
    expect(page.data().images).toEqual([expect.stringMatching(/\.png$/), expect.stringMatching(/\.jpg$/)]);
    // The thumbnails show the chosen files themselves.
    expect(thumbs(page.root.toJSON())).toEqual(['wxfile://a.png', 'wxfile://b.jpg']);
    await page.fire('#remove-0', 'click');
    expect(page.data().images).toEqual([expect.stringMatching(/\.jpg$/)]);
    expect(thumbs(page.root.toJSON())).toEqual(['wxfile://b.jpg']);
  });

  it('keeps the images that uploaded and says why the others did not', async () => {
    const uploadFile = jest.fn((o: { cloudPath: string }) =>
      o.cloudPath.endsWith('.png')
        ? Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` })
        : Promise.reject(new Error('cloud.uploadFile:fail timeout')),
    );
    Object.assign(wx.cloud, { uploadFile });
    choose(['wxfile://a.png', 'wxfile://b.jpg']);
    const page = await newEditor();
    await page.fire('#add-image', 'tap');
    expect(page.data().images).toEqual([expect.stringMatching(/^cloud:\/\/env\/posts\/.*\.png$/)]);
    expect(page.data().dirty).toBe(true);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '图片上传失败，请重试' }));
  });

  it('submits: asks for reminders within the tap, saves what changed, then opens the post', async () => {
    wxm.cloud.reply('notify', 'consentPlan', {
      ok: true,
      data: { requests: [{ subscription: 'oneTime', templateIds: ['tpl-review'] }] },
    });
    const ask = jest.spyOn(wx, 'requestSubscribeMessage').mockImplementation((o) => {
      o.success?.({ errMsg: 'ok', 'tpl-review': 'accept' } as never);
      return undefined as never;
    });
    wxm.cloud.reply('notify', 'reportConsent', { ok: true, data: { templates: [] } });
    const redirect = jest.spyOn(wx, 'redirectTo').mockImplementation(() => undefined as never);
    const page = await newEditor();
    await page.fire('#title', 'change', '夜巡');
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved({ rev: 4 }) });
    wxm.cloud.reply('post', 'submit', {
      ok: true,
      data: { id: 'p-new', rev: 5, state: 'inReview', version: 1, level: 'ordinary', pendingStep: '审核民警审核' },
    });
    await page.fire('#submit', 'click');
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-review'] }));
    expect(wxm.cloud.sent('notify', 'reportConsent')).toEqual([
      { action: 'reportConsent', answers: { 'tpl-review': 'accept' } },
    ]);
    expect(wxm.cloud.sent('post', 'submit')).toEqual([{ action: 'submit', postId: 'p-new', expectedRev: 4 }]);
    expect(redirect).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/post-detail/index?id=p-new' }));
  });

  it('shows why a submission was refused and stays on the editor', async () => {
    const redirect = jest.spyOn(wx, 'redirectTo').mockImplementation(() => undefined as never);
    wxm.cloud.reply('post', 'get', { ok: true, data: detail({ post: post({ _id: 'p1', rev: 3 }) }) });
    const page = await openPage<EditData>('pages/post-edit/index', { id: 'p1' });
    wxm.cloud.reply('post', 'submit', {
      ok: false,
      error: { code: 'SCREENING_BLOCKED', message: '内容含有不得发布的信息，不能提交（第十七条）' },
    });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('post', 'draftSave')).toHaveLength(0);
    expect(wxm.cloud.sent('post', 'submit')).toEqual([{ action: 'submit', postId: 'p1', expectedRev: 3 }]);
    expect(page.text('#form-error')).toContain('第十七条');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('opens a saved post with its content, level and planned time in Beijing time', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({
        post: post({
          content: {
            title: '转发通报',
            text: '全文',
            images: ['cloud://x/1.jpg'],
            kind: 'repost',
            source: { outlet: '新华网', link: 'https://www.news.cn/1' },
          },
          declaredLevel: 'major',
          plannedAt: '2026-12-01T02:30:00.000Z',
        }),
      }),
    });
    const page = await openPage<EditData & { plannedDate: string; plannedTime: string; declaredLevel: string }>(
      'pages/post-edit/index',
      { id: 'p1' },
    );
    expect(page.data()).toMatchObject({
      kind: 'repost',
      declaredLevel: 'major',
      plannedDate: '2026-12-01',
      plannedTime: '10:30',
      images: ['cloud://x/1.jpg'],
    });
    // On the cloud, <image> shows a saved file ID as it is.
    expect(thumbs(page.root.toJSON())).toEqual(['cloud://x/1.jpg']);
    expect(page.exists('#outlet')).toBe(true);
  });

  it('offers 规范表述 from the check and replaces the wrong form with one tap', async () => {
    // Title "抓获嫌犯" and text "维族群众协助民警抓获嫌犯。": the text starts at 5.
    const suggestion = (start: number, wrong: string, correct: string): WordingSuggestion => ({
      ruleId: `dw-${wrong}`,
      start,
      end: start + wrong.length,
      matched: wrong,
      wrong,
      correct,
      reason: '应使用规范称谓',
      source: '新华社《新闻信息报道中的禁用词和慎用词》',
    });
    const checked = (suggestions: WordingSuggestion[]) => ({
      ok: true as const,
      data: {
        lexiconVersion: '3',
        context: { kind: 'post' as const, accountKind: 'institutional' as const },
        hits: [],
        level: 'ordinary' as const,
        blocked: false,
        triage: [],
        suggestions,
        msgSecCheck: { state: 'skipped' as const },
      },
    });
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({
        post: post({
          _id: 'p-w',
          content: {
            title: '抓获嫌犯',
            text: '维族群众协助民警抓获嫌犯。',
            images: [],
            kind: 'original',
            source: null,
          },
        }),
      }),
    });
    wxm.cloud.reply(
      'screen',
      'check',
      checked([
        suggestion(2, '嫌犯', '犯罪嫌疑人'),
        suggestion(5, '维族', '维吾尔族'),
        suggestion(15, '嫌犯', '犯罪嫌疑人'),
      ]),
    );
    const page = await openPage<EditData & { title: string; text: string }>('pages/post-edit/index', { id: 'p-w' });
    // Opening a saved post checks it at once: the saved screening carries no suggestions.
    expect(wxm.cloud.sent('screen', 'check')).toContainEqual({
      action: 'check',
      title: '抓获嫌犯',
      text: '维族群众协助民警抓获嫌犯。',
      accountKind: 'institutional',
    });
    const row = (n: number) => page.text(`#suggestion-${n}`).replace(/\s+/g, '');
    expect(row(0)).toContain('标题“嫌犯”宜改为“犯罪嫌疑人”');
    expect(row(1)).toContain('正文“维族”宜改为“维吾尔族”');
    expect(page.text('#suggestion-1')).toContain('新华社《新闻信息报道中的禁用词和慎用词》');

    // One tap replaces exactly that span; the others wait for the next check (their offsets moved).
    wxm.cloud.reply('screen', 'check', checked([suggestion(17, '嫌犯', '犯罪嫌疑人')]));
    await page.fire('#apply-1', 'click');
    expect(page.data()).toMatchObject({ title: '抓获嫌犯', text: '维吾尔族群众协助民警抓获嫌犯。', dirty: true });
    expect(page.exists('#wording')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, LIVE_CHECK_DELAY_MS + 100));
    expect(row(0)).toContain('正文“嫌犯”宜改为“犯罪嫌疑人”');
    await page.fire('#apply-0', 'click');
    expect(page.data().text).toBe('维吾尔族群众协助民警抓获犯罪嫌疑人。');
  });

  it('shows the error with 重试 when the post cannot be loaded', async () => {
    wxm.cloud.reply('post', 'get', { ok: false, error: { code: 'NOT_FOUND', message: '稿件不存在' } });
    const page = await openPage('pages/post-edit/index', { id: 'gone' });
    expect(page.text('#error')).toContain('稿件不存在');
  });

  it('asks before the editor is left with unsaved changes, and stops asking once saved', async () => {
    const enable = jest.spyOn(wx, 'enableAlertBeforeUnload');
    const disable = jest.spyOn(wx, 'disableAlertBeforeUnload');
    const page = await newEditor();
    expect(enable).not.toHaveBeenCalled();
    expect(page.exists('#unsaved')).toBe(false);

    await page.fire('#title', 'change', '夜巡');
    await page.fire('#text', 'change', '守护平安');
    expect(enable).toHaveBeenCalledTimes(1);
    expect(enable).toHaveBeenCalledWith({ message: LEAVE_WARNING });
    expect(page.text('#unsaved')).toContain('有未保存的修改');

    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#save', 'click');
    expect(disable).toHaveBeenCalledTimes(1);
    expect(page.exists('#unsaved')).toBe(false);

    // A refused save keeps the guard on: nothing was saved.
    wxm.cloud.reply('post', 'draftSave', { ok: false, error: { code: 'CONFLICT', message: '稿件已被他人修改' } });
    await page.fire('#text', 'change', '守护平安，夜巡不停');
    await page.fire('#save', 'click');
    expect(enable).toHaveBeenCalledTimes(2);
    expect(disable).toHaveBeenCalledTimes(1);
    expect(page.text('#form-error')).toContain('稿件已被他人修改');
  });

  it('saves the draft by itself once the author pauses, and says so', async () => {
    quickAutosave();
    const disable = jest.spyOn(wx, 'disableAlertBeforeUnload');
    const page = await newEditor();
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#title', 'change', '夜巡');
    await page.fire('#text', 'change', '守护平安');
    expect(wxm.cloud.sent('post', 'draftSave')).toHaveLength(0);
    await pause(80);

    // One save for the pause, with what was typed last.
    const sent = wxm.cloud.sent('post', 'draftSave') as Array<Record<string, unknown>>;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ content: { title: '夜巡', text: '守护平安' }, clientKey: expect.any(String) });
    expect(page.data()).toMatchObject({ postId: 'p-new', rev: 1, dirty: false });
    expect(page.text('#autosaved')).toMatch(/^已自动保存 \d\d:\d\d$/);
    expect(disable).toHaveBeenCalledTimes(1);
  });

  it('saves at once when the officer leaves the app, and makes no post of an untouched editor', async () => {
    const page = await newEditor();
    await page.hide();
    expect(wxm.cloud.sent('post', 'draftSave')).toHaveLength(0);

    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#text', 'change', '守护平安');
    await page.hide();
    expect(wxm.cloud.sent('post', 'draftSave')).toHaveLength(1);
    expect(page.data()).toMatchObject({ postId: 'p-new', dirty: false });
  });

  it('keeps a change typed while a save was on its way unsaved and guarded', async () => {
    const disable = jest.spyOn(wx, 'disableAlertBeforeUnload');
    const page = await newEditor();
    await page.fire('#text', 'change', '守护平安');
    const pending = wxm.cloud.hold('post', 'draftSave');
    const click = page.fire('#save', 'click');
    await page.fire('#text', 'change', '守护平安，夜巡不停');
    await pending.resolve({ ok: true, data: saved() });
    await click;
    expect(page.data()).toMatchObject({ postId: 'p-new', dirty: true });
    expect(disable).not.toHaveBeenCalled();
  });
});

// 第三十四条: an original response to a linkage directive is written here and goes through the chain.
describe('编辑稿件：联动响应 (pages/post-edit)', () => {
  const directive = {
    directive: {
      id: 'd1',
      title: '转发“110宣传日”系列海报',
      kindLabel: '重大正面宣传',
      issuedAt: '2026-12-01T09:00:00.000+08:00',
      dueAt: '2099-12-01T10:00:00.000+08:00',
    },
    mine: [],
  };

  it('shows the directive it answers and marks the first save with it', async () => {
    wxm.cloud.reply('post', 'previewChain', { ok: true, data: { account: accountView(), chain: REVIEW } });
    wxm.cloud.reply('linkage', 'get', { ok: true, data: directive as never });
    const page = await openPage<EditData>('pages/post-edit/index', {
      accountId: 'acc-cs-weibo',
      linkageDirectiveId: 'd1',
    });
    expect(page.text('#linkage')).toContain('联动响应（第三十四条）：《转发“110宣传日”系列海报》（重大正面宣传）');
    await page.fire('#title', 'change', '110宣传日：守护平安');
    await page.fire('#text', 'change', '本地接处警故事');
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved() });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('post', 'draftSave')[0]).toMatchObject({
      accountId: 'acc-cs-weibo',
      linkageDirectiveId: 'd1',
    });
    wxm.cloud.reply('post', 'draftSave', { ok: true, data: saved({ rev: 2 }) });
    await page.fire('#text', 'change', '本地接处警故事（改）');
    await page.fire('#save', 'click');
    // An edit names the post, not the directive again: the marker never moves.
    expect(wxm.cloud.sent('post', 'draftSave')[1]).not.toHaveProperty('linkageDirectiveId');
  });

  it('keeps the marker in view when an existing response is edited', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: detail({ post: post({ linkage: { ...directive.directive, directiveId: 'd1' } }) }),
    });
    const page = await openPage<EditData>('pages/post-edit/index', { id: 'p1' });
    expect(page.text('#linkage')).toContain('《转发“110宣传日”系列海报》');
  });
});
