import type { LexiconCategoryCount, LexiconEntryView, LexiconPage } from '../../../typings/screening';
import { NETWORK_ERROR } from '../../services/api';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const categories: LexiconCategoryCount[] = [
  { id: 'secret', title: '涉及国家秘密、警务工作秘密', ref: '第十七条（一）7', effect: 'block', count: 2 },
  { id: 'majorCase', title: '重大刑事案件、治安案件和涉外案件', ref: '第十七条（二）3', effect: 'caution', count: 1 },
];

const entry = (over: Partial<LexiconEntryView>): LexiconEntryView => ({
  id: 'lx-1',
  kind: 'term',
  term: '布控方案',
  category: 'secret',
  categoryTitle: '涉及国家秘密、警务工作秘密',
  ref: '第十七条（一）7',
  effect: 'block',
  addedIn: 1,
  ...over,
});

const lexiconPage = (over: Partial<LexiconPage> = {}): LexiconPage => ({
  version: 3,
  items: [entry({}), entry({ id: 'lx-2', term: '蓝莓行动', addedIn: 3 })],
  total: 2,
  categories,
  allowCount: 1,
  canEdit: true,
  ...over,
});

interface Data {
  items: { id: string }[];
  category: string;
  tab: string;
}

describe('敏感词库 (pages/lexicon)', () => {
  it('shows a loading state, then the categories with their counts and the version', async () => {
    const pending = wxm.cloud.hold('screen', 'lexiconList');
    const page = await openPage('pages/lexicon/index');
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({ ok: true, data: lexiconPage() });
    expect(page.text('#head')).toContain('当前版本 v3');
    expect(page.text('#tab-term')).toContain('词条（3）');
    expect(page.text('#tab-allow')).toContain('白名单（1）');
    expect(page.text('#category-secret')).toContain('第十七条（一）7 涉及国家秘密、警务工作秘密');
    expect(page.text('#category-secret')).toContain('禁止发布');
    expect(page.text('#category-secret')).toContain('2 条');
    // The count sizes to its text (app.wxss cell-value--fit): the article's title gets the rest of the row.
    expect(JSON.stringify(page.root.querySelector('#category-secret')?.toJSON())).toContain('cell-value--fit');
    expect(page.text('#category-majorCase')).toContain('审慎发布');
    expect(wxm.cloud.sent('screen', 'lexiconList')).toEqual([
      { action: 'lexiconList', kind: 'term', offset: 0, limit: 50 },
    ]);
  });

  it('opens a category and lists its entries with the version that added them', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage<Data>('pages/lexicon/index');
    await page.fire('#category-secret', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconList')[1]).toEqual({
      action: 'lexiconList',
      kind: 'term',
      category: 'secret',
      offset: 0,
      limit: 50,
    });
    expect(page.text('#filter')).toContain('涉及国家秘密、警务工作秘密');
    expect(page.text('#entry-lx-1')).toContain('布控方案 初始词库');
    expect(JSON.stringify(page.root.querySelector('#entry-lx-1')?.toJSON())).toContain('cell-value--fit');
    expect(page.text('#entry-lx-2')).toContain('蓝莓行动 v3 新增');
    await page.fire('#all', 'tap');
    expect(page.data().category).toBe('');
    expect(page.exists('#categories')).toBe(true);
  });

  it('says which terms 语义复核 doubts, with their record', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage('pages/lexicon/index');
    wxm.cloud.reply('screen', 'lexiconList', {
      ok: true,
      data: lexiconPage({
        items: [
          entry({ id: 'lx-7', term: '命案', category: 'majorCase', doubt: { right: 10, wrong: 16 } }),
          entry({ id: 'lx-8', term: '故意杀人', category: 'majorCase' }),
        ],
        total: 2,
      }),
    });
    await page.fire('#search', 'search', '命案');
    expect(page.text('#entry-lx-7')).toContain(
      '语义复核：在未据以编写的稿件上误报偏多（对 10 次、错 16 次），命中须语义研判也读出本项才作数',
    );
    expect(page.text('#entry-lx-8')).not.toContain('语义复核');
  });

  it('searches across categories, naming the category of each entry', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage('pages/lexicon/index');
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage({ items: [entry({})], total: 1 }) });
    await page.fire('#search', 'search', ' 布控 ');
    expect(wxm.cloud.sent('screen', 'lexiconList')[1]).toEqual({
      action: 'lexiconList',
      kind: 'term',
      search: '布控',
      offset: 0,
      limit: 50,
    });
    expect(page.text('#entry-lx-1')).toContain('第十七条（一）7 涉及国家秘密、警务工作秘密');
    expect(page.text('#filter')).toContain('（1 条）');
  });

  it('shows an empty state when nothing matches', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage({ items: [], total: 0 }) });
    const page = await openPage('pages/lexicon/index');
    await page.fire('#search', 'search', '不存在');
    expect(page.text('#empty')).toContain('没有找到条目');
  });

  it('adds a term to the open category and reloads the new version', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    wxm.cloud.reply('screen', 'lexiconEdit', { ok: true, data: { version: 4, added: 1, removed: 0, duplicates: 0 } });
    const page = await openPage('pages/lexicon/index');
    expect(page.exists('#add-row')).toBe(false);
    await page.fire('#category-secret', 'click');
    await page.fire('#new-entry', 'change', '草莓行动');
    await page.fire('#add', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconEdit')).toEqual([
      { action: 'lexiconEdit', changes: [{ op: 'addTerm', term: '草莓行动', category: 'secret' }] },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已新增，词库 v4', icon: 'success' }));
    expect(wxm.cloud.sent('screen', 'lexiconList')).toHaveLength(3);
  });

  it('removes an entry only after confirming', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    wxm.cloud.reply('screen', 'lexiconEdit', { ok: true, data: { version: 4, added: 0, removed: 1, duplicates: 0 } });
    const page = await openPage('pages/lexicon/index');
    await page.fire('#category-secret', 'click');
    await page.fire('#remove-lx-2', 'click');
    expect(page.text('#confirm-text')).toContain('删除“蓝莓行动”后将生成新版本');
    await page.fire('#confirm', 'cancel');
    expect(wxm.cloud.sent('screen', 'lexiconEdit')).toHaveLength(0);
    await page.fire('#remove-lx-2', 'click');
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('screen', 'lexiconEdit')).toEqual([
      { action: 'lexiconEdit', changes: [{ op: 'removeTerm', id: 'lx-2' }] },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已删除，词库 v4', icon: 'success' }));
  });

  it('shows the allow-list on its tab, where phrases are added and removed', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage<Data>('pages/lexicon/index');
    wxm.cloud.reply('screen', 'lexiconList', {
      ok: true,
      data: lexiconPage({
        items: [
          entry({
            id: 'la-1',
            kind: 'allow',
            term: '保守国家秘密',
            category: null,
            categoryTitle: null,
            ref: null,
            effect: null,
          }),
        ],
        total: 1,
      }),
    });
    await page.fire('#tab-allow', 'tap');
    expect(wxm.cloud.sent('screen', 'lexiconList')[1]).toEqual({
      action: 'lexiconList',
      kind: 'allow',
      offset: 0,
      limit: 50,
    });
    expect(page.text('#entry-la-1')).toContain('保守国家秘密');
    expect(page.text('#filter')).toContain('白名单');
    wxm.cloud.reply('screen', 'lexiconEdit', { ok: true, data: { version: 4, added: 1, removed: 0, duplicates: 0 } });
    await page.fire('#new-entry', 'change', '求救电话');
    await page.fire('#add', 'click');
    expect(wxm.cloud.sent('screen', 'lexiconEdit')).toEqual([
      { action: 'lexiconEdit', changes: [{ op: 'addAllow', phrase: '求救电话' }] },
    ]);
  });

  it('is read-only for reviewers: no import, add or remove', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage({ canEdit: false }) });
    const page = await openPage('pages/lexicon/index');
    expect(page.exists('#import')).toBe(false);
    expect(page.text('#head')).toContain('仅供查阅');
    await page.fire('#category-secret', 'click');
    expect(page.exists('#add-row')).toBe(false);
    expect(page.exists('#remove-lx-1')).toBe(false);
  });

  it('tells why an edit was refused and keeps the list', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    wxm.cloud.reply('screen', 'lexiconEdit', {
      ok: false,
      error: { code: 'LEXICON_TERM_INVALID', message: '词条只含符号或空白，无法匹配' },
    });
    const page = await openPage('pages/lexicon/index');
    await page.fire('#category-secret', 'click');
    await page.fire('#new-entry', 'change', '***');
    await page.fire('#add', 'click');
    expect(wxm.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '词条只含符号或空白，无法匹配', icon: 'none' }),
    );
    expect(page.exists('#list')).toBe(true);
  });

  it('opens the CSV import', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage('pages/lexicon/index');
    await page.fire('#import', 'click');
    expect(wxm.navigateTo.mock.calls[0]?.[0]).toMatchObject({ url: '/pages/lexicon-import/index' });
  });

  it('leads to the combination rules and 规范表述 kept beside the lexicon', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage() });
    const page = await openPage('pages/lexicon/index');
    await page.fire('#rules-link', 'tap');
    await page.fire('#wording-link', 'tap');
    expect(wxm.navigateTo.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual([
      '/packages/screening/pages/rules/index',
      '/packages/screening/pages/wording/index',
    ]);
  });

  it('loads the next page at the bottom', async () => {
    wxm.cloud.reply('screen', 'lexiconList', { ok: true, data: lexiconPage({ items: [entry({})], total: 2 }) });
    const page = await openPage<Data>('pages/lexicon/index');
    await page.fire('#category-secret', 'click');
    wxm.cloud.reply('screen', 'lexiconList', {
      ok: true,
      data: lexiconPage({ items: [entry({ id: 'lx-2' })], total: 2 }),
    });
    await page.fire('#load-more', 'tap');
    expect(wxm.cloud.sent('screen', 'lexiconList')[2]).toMatchObject({ category: 'secret', offset: 1 });
    expect(page.data().items.map((i) => i.id)).toEqual(['lx-1', 'lx-2']);
    expect(page.text('#more')).toContain('没有更多了');
  });

  it('shows a refusal with 重试', async () => {
    wxm.cloud.reply('screen', 'lexiconList', {
      ok: false,
      error: { code: 'ROLE_REQUIRED', message: '当前角色无权使用此功能' },
    });
    const page = await openPage('pages/lexicon/index');
    expect(page.text('#error')).toContain('当前角色无权使用此功能');
    wxm.cloud.failNetwork('screen', 'lexiconList');
    await page.fire('#error', 'retry');
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);
  });
});
