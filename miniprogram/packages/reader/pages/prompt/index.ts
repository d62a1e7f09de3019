/**
 * 审读提示词 (省厅政治部宣传处): what the model is told. The items are the measures' own words and
 * cannot be changed here; the desk edits the instructions and a hint per item. Each save is a new
 * version, audited like the lexicon, used from the next reading on; the answer format is the code's.
 */
import type { PromptVersionLine, ReaderPromptView } from '../../../../../typings/reader';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { formatBeijingShort } from '../../../../utils/time';

const INSTRUCTIONS_MAX = 2000;
const HINT_MAX = 200;

interface ItemRow {
  code: string;
  ref: string;
  words: string;
  scope: string;
  hint: string;
}

interface VersionRow {
  key: string;
  text: string;
  summary: string;
}

interface PromptData extends LoadState {
  version: number;
  byLine: string;
  instructions: string;
  items: ItemRow[];
  format: string;
  dirty: boolean;
  saving: boolean;
  saveError: string;
  preview: string;
  previewKind: '' | 'institutional' | 'personal';
  versions: VersionRow[];
  versionsNext: number | null;
  versionsLoading: boolean;
  /** The item whose hint the dialog edits. */
  editing: ItemRow | null;
  hintText: string;
}

interface PromptCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(view: ReaderPromptView): void;
  loadVersions(offset: number): Promise<void>;
  onRetry(): void;
  onInstructions(event: ValueEvent<string>): void;
  onHintOpen(event: DatasetEvent<{ code: string }>): void;
  onHintText(event: ValueEvent<string>): void;
  onHintConfirm(): void;
  onHintCancel(): void;
  onPreview(event: DatasetEvent<{ kind: 'institutional' | 'personal' }>): Promise<void>;
  onSave(): Promise<void>;
  onMoreVersions(): Promise<void>;
}

const versionRow = (v: PromptVersionLine): VersionRow => ({
  key: `v${v.version}`,
  text: `v${v.version}｜${v.byName} ${formatBeijingShort(v.at)}`,
  summary: v.summary,
});

Page<PromptData, PromptCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    version: 0,
    byLine: '',
    instructions: '',
    items: [],
    format: '',
    dirty: false,
    saving: false,
    saveError: '',
    preview: '',
    previewKind: '',
    versions: [],
    versionsNext: null,
    versionsLoading: false,
    editing: null,
    hintText: '',
  },
  loadSeq: 0,

  onLoad() {
    void this.load();
  },

  async onPullDownRefresh() {
    if (!this.data.dirty) await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view = await latestData(this, call('reader', 'prompt', {}));
    if (!view) return;
    this.show(view);
    await this.loadVersions(0);
  },

  show(view) {
    this.setData({
      status: 'ready',
      version: view.version,
      byLine:
        view.version === 0 || !view.at
          ? '系统初始版本（v0）'
          : `v${view.version}，${view.byName ?? ''} ${formatBeijingShort(view.at)} 修改`,
      instructions: view.instructions,
      items: view.items.map((i) => ({
        code: i.code,
        ref: i.ref,
        words: i.words,
        scope: i.scope === 'personalPost' ? '仅个人账号' : i.scope === 'institutionalPost' ? '仅单位账号' : '',
        hint: i.hint,
      })),
      format: view.format,
      dirty: false,
      saveError: '',
      preview: '',
      previewKind: '',
    });
  },

  async loadVersions(offset) {
    this.setData({ versionsLoading: true });
    const res = await call('reader', 'promptVersions', { offset, limit: 10 });
    this.setData({ versionsLoading: false });
    if (!res.ok) return;
    const rows = res.data.items.map(versionRow);
    this.setData({
      versions: offset === 0 ? rows : [...this.data.versions, ...rows],
      versionsNext: res.data.nextOffset,
    });
  },

  onInstructions(event) {
    this.setData({ instructions: event.detail, dirty: true, saveError: '' });
  },

  onHintOpen(event) {
    const item = this.data.items.find((i) => i.code === event.currentTarget.dataset.code);
    if (item) this.setData({ editing: item, hintText: item.hint });
  },

  onHintText(event) {
    this.setData({ hintText: event.detail });
  },

  onHintConfirm() {
    const editing = this.data.editing;
    if (!editing) return;
    const hint = this.data.hintText.trim();
    this.setData({
      items: this.data.items.map((i) => (i.code === editing.code ? { ...i, hint } : i)),
      editing: null,
      dirty: this.data.dirty || hint !== editing.hint,
      saveError: '',
    });
  },

  onHintCancel() {
    this.setData({ editing: null });
  },

  async onPreview(event) {
    const kind = event.currentTarget.dataset.kind;
    if (this.data.previewKind === kind) {
      this.setData({ previewKind: '', preview: '' });
      return;
    }
    const res = await call('reader', 'promptPreview', { accountKind: kind });
    if (res.ok) this.setData({ previewKind: kind, preview: res.data.system });
    else void wx.showToast({ title: res.error.message, icon: 'none' });
  },

  async onSave() {
    if (this.data.saving || !this.data.dirty) return;
    const instructions = this.data.instructions.trim();
    if (!instructions) {
      this.setData({ saveError: '审读说明不能为空' });
      return;
    }
    if ([...instructions].length > INSTRUCTIONS_MAX) {
      this.setData({ saveError: `审读说明不能超过 ${INSTRUCTIONS_MAX} 字` });
      return;
    }
    const long = this.data.items.find((i) => [...i.hint.trim()].length > HINT_MAX);
    if (long) {
      this.setData({ saveError: `${long.ref}的补充说明不能超过 ${HINT_MAX} 字` });
      return;
    }
    const hints: Record<string, string> = {};
    for (const item of this.data.items) hints[item.code] = item.hint.trim();
    this.setData({ saving: true, saveError: '' });
    const res = await call('reader', 'promptSave', { expectedVersion: this.data.version, instructions, hints });
    this.setData({ saving: false });
    if (!res.ok) {
      this.setData({
        saveError: res.error.code === 'CONFLICT' ? '提示词已被他人修改，请下拉刷新后重新编辑' : res.error.message,
      });
      return;
    }
    this.show(res.data);
    await this.loadVersions(0);
    void wx.showToast({ title: `已保存为 v${res.data.version}`, icon: 'success' });
  },

  async onMoreVersions() {
    const next = this.data.versionsNext;
    if (next === null || this.data.versionsLoading) return;
    await this.loadVersions(next);
  },
});
