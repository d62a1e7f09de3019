/**
 * 敏感词库: the shared lexicon screening uses (第十七条, 第十八条, 第四十条), by category with counts,
 * searchable, with the allow-list beside it. 省厅政治部宣传处 adds and removes entries here (第七条);
 * each change is a new version that screening picks up at once.
 */
import type {
  LexiconCategoryCount,
  LexiconChange,
  LexiconEntryKind,
  LexiconEntryView,
  LexiconListParams,
  LexiconPage,
  ScreeningCategoryId,
  ScreeningEffect,
} from '../../../typings/screening';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { doubtNote } from '../../utils/labels';

const PAGE_SIZE = 50;

const EFFECT_LABELS: Readonly<Record<ScreeningEffect, string>> = {
  block: '禁止发布',
  caution: '审慎发布',
  triage: '留言处置',
};

interface CategoryRow {
  id: ScreeningCategoryId;
  ref: string;
  title: string;
  effect: ScreeningEffect;
  effectLabel: string;
  count: number;
}

interface EntryRow {
  id: string;
  term: string;
  label: string;
}

interface LexiconPageData extends LoadState {
  version: number;
  canEdit: boolean;
  tab: LexiconEntryKind;
  categories: CategoryRow[];
  termCount: number;
  allowCount: number;
  /** '' = every category. */
  category: ScreeningCategoryId | '';
  categoryTitle: string;
  search: string;
  items: EntryRow[];
  total: number;
  nextOffset: number | null;
  loadingMore: boolean;
  moreFailed: boolean;
  newEntry: string;
  removeId: string;
  removeTerm: string;
  busy: boolean;
}

interface LexiconCustom {
  loadSeq: number;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  query(offset: number): LexiconListParams;
  show(page: LexiconPage, offset: number): void;
  onRetry(): void;
  onTab(event: DatasetEvent<{ tab: LexiconEntryKind }>): void;
  onCategoryTap(event: DatasetEvent<{ id: ScreeningCategoryId }>): void;
  onAllCategories(): void;
  onSearchInput(event: ValueEvent<string>): void;
  onSearch(event: ValueEvent<string>): void;
  onSearchClear(): void;
  onNewEntry(event: ValueEvent<string>): void;
  onAdd(): Promise<void>;
  onRemoveTap(event: DatasetEvent<{ id: string; term: string }>): void;
  onRemoveConfirm(): Promise<void>;
  onRemoveCancel(): void;
  onImport(): void;
  onRules(): void;
  onWording(): void;
  edit(change: LexiconChange, done: string): Promise<boolean>;
}

const categoryRow = (c: LexiconCategoryCount): CategoryRow => ({
  id: c.id,
  ref: c.ref,
  title: c.title,
  effect: c.effect,
  effectLabel: EFFECT_LABELS[c.effect],
  count: c.count,
});

function entryRow(e: LexiconEntryView, withCategory: boolean): EntryRow {
  const added = e.addedIn > 1 ? `v${e.addedIn} 新增` : '初始词库';
  const where = withCategory && e.ref ? `${e.ref} ${e.categoryTitle ?? ''} · ` : '';
  // 语义复核: the desk sees which terms misfire on text they were not written from
  const doubt = e.doubt ? ` · ${doubtNote(e.doubt)}` : '';
  return { id: e.id, term: e.term, label: `${where}${added}${doubt}` };
}

Page<LexiconPageData, LexiconCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    version: 0,
    canEdit: false,
    tab: 'term',
    categories: [],
    termCount: 0,
    allowCount: 0,
    category: '',
    categoryTitle: '',
    search: '',
    items: [],
    total: 0,
    nextOffset: null,
    loadingMore: false,
    moreFailed: false,
    newEntry: '',
    removeId: '',
    removeTerm: '',
    busy: false,
  },
  loadSeq: 0,

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  query(offset) {
    const { tab, category, search } = this.data;
    return {
      kind: tab,
      ...(tab === 'term' && category ? { category } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
      offset,
      limit: PAGE_SIZE,
    };
  },

  show(page, offset) {
    const { tab, category } = this.data;
    const rows = page.items.map((e) => entryRow(e, tab === 'term' && !category));
    const items = offset === 0 ? rows : [...this.data.items, ...rows];
    this.setData({
      status: 'ready',
      version: page.version,
      canEdit: page.canEdit,
      categories: page.categories.map(categoryRow),
      termCount: page.categories.reduce((n, c) => n + c.count, 0),
      allowCount: page.allowCount,
      categoryTitle: page.categories.find((c) => c.id === category)?.title ?? '',
      items,
      total: page.total,
      nextOffset: offset + page.items.length < page.total ? offset + page.items.length : null,
      loadingMore: false,
      moreFailed: false,
    });
  },

  async load() {
    const page = await latestData(this, call('screen', 'lexiconList', this.query(0)));
    if (page) this.show(page, 0);
  },

  async loadMore() {
    const offset = this.data.nextOffset;
    if (offset === null || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true, moreFailed: false });
    const seq = this.loadSeq;
    const res = await call('screen', 'lexiconList', this.query(offset));
    if (seq !== this.loadSeq) return;
    if (!res.ok) {
      this.setData({ loadingMore: false, moreFailed: true });
      return;
    }
    this.show(res.data, offset);
  },

  onTab(event) {
    const { tab } = event.currentTarget.dataset;
    if (tab === this.data.tab) return;
    this.setData({ tab, category: '', search: '', newEntry: '', items: [] });
    void this.load();
  },

  onCategoryTap(event) {
    this.setData({ category: event.currentTarget.dataset.id, newEntry: '', items: [] });
    void this.load();
  },

  onAllCategories() {
    this.setData({ category: '', search: '', newEntry: '', items: [] });
    void this.load();
  },

  onSearchInput(event) {
    this.setData({ search: event.detail });
  },

  onSearch(event) {
    this.setData({ search: event.detail });
    void this.load();
  },

  onSearchClear() {
    this.setData({ search: '' });
    void this.load();
  },

  onNewEntry(event) {
    this.setData({ newEntry: event.detail });
  },

  async onAdd() {
    const value = this.data.newEntry.trim();
    if (!value || this.data.busy) return;
    const { tab, category } = this.data;
    if (tab === 'term' && !category) return;
    const change: LexiconChange =
      tab === 'term' && category ? { op: 'addTerm', term: value, category } : { op: 'addAllow', phrase: value };
    if (await this.edit(change, '已新增')) this.setData({ newEntry: '' });
  },

  onRemoveTap(event) {
    const { id, term } = event.currentTarget.dataset;
    this.setData({ removeId: id, removeTerm: term });
  },

  async onRemoveConfirm() {
    const id = this.data.removeId;
    this.setData({ removeId: '', removeTerm: '' });
    if (!id) return;
    await this.edit(this.data.tab === 'term' ? { op: 'removeTerm', id } : { op: 'removeAllow', id }, '已删除');
  },

  onRemoveCancel() {
    this.setData({ removeId: '', removeTerm: '' });
  },

  onImport() {
    openPage('/pages/lexicon-import/index');
  },

  // Issue 17: the combination rules and 规范表述 kept beside the lexicon, on its version.
  onRules() {
    openPage('/packages/screening/pages/rules/index');
  },

  onWording() {
    openPage('/packages/screening/pages/wording/index');
  },

  async edit(change, done) {
    this.setData({ busy: true });
    const res = await call('screen', 'lexiconEdit', { changes: [change] });
    this.setData({ busy: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return false;
    }
    const { data } = res;
    const title = data.duplicates > 0 && data.added === 0 ? '词库中已有该条目' : `${done}，词库 v${data.version}`;
    void wx.showToast({ title, icon: data.duplicates > 0 && data.added === 0 ? 'none' : 'success' });
    await this.load();
    return true;
  },
});
