/**
 * 规范表述: wrong or non-standard expressions and the form to use, with why and on whose authority
 * (e.g. 新华社《新闻信息报道中的禁用词和慎用词》). The editor offers each as a one-tap replacement;
 * they never refuse a post. 省厅政治部宣传处 adds and removes them (第七条), each change a new
 * lexicon version; the list is the shared list behaviour with search.
 */
import type { WordingDraft, WordingView } from '../../../../../typings/screening';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import type { ValueEvent } from '../../../../utils/events';

const PAGE_SIZE = 30;

interface WordingRow {
  id: string;
  wrong: string;
  correct: string;
  reason: string;
  source: string;
  added: string;
}

interface Query {
  search: string;
}

type FormField = 'wrong' | 'correct' | 'reason' | 'source';

interface WordingData extends ListData<WordingRow, Query> {
  version: number;
  canEdit: boolean;
  search: string;
  adding: boolean;
  form: WordingDraft;
  formError: string;
  busy: boolean;
  removeId: string;
  removeWrong: string;
}

interface WordingCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<WordingRow, number>>;
  onSearchInput(event: ValueEvent<string>): void;
  onSearch(event: ValueEvent<string>): Promise<void>;
  onSearchClear(): Promise<void>;
  onAddToggle(): void;
  onForm(event: ValueEvent<string> & { currentTarget: { dataset: { field: FormField } } }): void;
  onAdd(): Promise<void>;
  onRemoveTap(event: { currentTarget: { dataset: { id: string; wrong: string } } }): void;
  onRemoveCancel(): void;
  onRemoveConfirm(): Promise<void>;
}

const EMPTY_FORM: WordingDraft = { wrong: '', correct: '', reason: '', source: '' };

const row = (w: WordingView): WordingRow => ({
  id: w.id,
  wrong: w.wrong,
  correct: w.correct,
  reason: w.reason,
  source: w.source,
  added: w.addedIn > 1 ? `v${w.addedIn} 新增` : '初始',
});

Page<WordingData, WordingCustom>({
  data: {
    ...listData<WordingRow, Query>({ search: '' }),
    version: 0,
    canEdit: false,
    search: '',
    adding: false,
    form: EMPTY_FORM,
    formError: '',
    busy: false,
    removeId: '',
    removeWrong: '',
  },
  ...listBehaviour<WordingRow, Query, number>({ key: (r) => r.id }),

  onLoad() {
    void this.reloadList();
  },

  async fetchPage(query, next) {
    const res = await call('screen', 'wordingList', {
      ...(query.search.trim() ? { search: query.search.trim() } : {}),
      ...(next === null ? {} : { offset: next }),
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({
      rows: page.items.map(row),
      next: page.nextOffset,
      extra: { version: page.version, canEdit: page.canEdit },
    }));
  },

  onSearchInput(event) {
    this.setData({ search: event.detail });
  },

  async onSearch(event) {
    await this.setQuery({ search: event.detail });
  },

  async onSearchClear() {
    this.setData({ search: '' });
    await this.setQuery({ search: '' });
  },

  onAddToggle() {
    this.setData({ adding: !this.data.adding, formError: '' });
  },

  onForm(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail, formError: '' });
  },

  async onAdd() {
    if (this.data.busy) return;
    const f = this.data.form;
    const entry: WordingDraft = {
      wrong: f.wrong.trim(),
      correct: f.correct.trim(),
      reason: f.reason.trim(),
      source: f.source.trim(),
    };
    if (!entry.wrong || !entry.correct || !entry.reason || !entry.source) {
      this.setData({ formError: '请填写不规范表述、规范表述、理由和依据' });
      return;
    }
    this.setData({ busy: true });
    const res = await call('screen', 'wordingEdit', { changes: [{ op: 'add', entry }] });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ formError: res.error.message });
      return;
    }
    if (res.data.added === 0) {
      this.setData({ formError: `“${entry.wrong}”已在规范表述中` });
      return;
    }
    this.setData({ form: EMPTY_FORM, adding: false });
    void wx.showToast({ title: `已新增，词库 v${res.data.version}`, icon: 'success' });
    await this.refreshList();
  },

  onRemoveTap(event) {
    const { id, wrong } = event.currentTarget.dataset;
    this.setData({ removeId: id, removeWrong: wrong });
  },

  onRemoveCancel() {
    this.setData({ removeId: '', removeWrong: '' });
  },

  async onRemoveConfirm() {
    const id = this.data.removeId;
    this.setData({ removeId: '', removeWrong: '' });
    if (!id || this.data.busy) return;
    this.setData({ busy: true });
    const res = await call('screen', 'wordingEdit', { changes: [{ op: 'remove', id }] });
    this.setData({ busy: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    void wx.showToast({ title: `已删除，词库 v${res.data.version}`, icon: 'success' });
    await this.refreshList();
  },
});
