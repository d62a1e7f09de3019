import type { AccountKind } from '../../../typings/org';
import type {
  ChainPreview,
  DraftFields,
  PostContent,
  PostKind,
  PostScreening,
  SensitivityLevel,
} from '../../../typings/post';
import { call } from '../../services/api';
import { latestData, type LoadState } from '../../services/load';
import { imageUrls, uploadImage } from '../../services/storage';
import { askConsent, prepareConsent } from '../../services/subscribe';
import { linkageBanner } from '../../utils/linkage';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { formatBeijingFull } from '../../utils/time';
import {
  AUTOSAVE_DELAY_MS,
  LEAVE_WARNING,
  LEVEL_LABELS,
  LEVEL_OPTIONS,
  LIVE_CHECK_DELAY_MS,
  beijingIso,
  beijingPickerParts,
  markContent,
  type HitNote,
  type Segment,
} from '../../utils/posts';
import { applySuggestion, suggestionRows, type SuggestionRow } from './wording';

const MAX_IMAGES = 20;
/** screen.check's own limits; longer content is screened when saved. */
const CHECK_MAX_TEXT = 20_000;
const CHECK_MAX_TITLE = 200;

interface StepItem {
  text: string;
  desc: string;
}

interface EditData extends LoadState {
  postId: string;
  rev: number;
  accountId: string;
  accountLabel: string;
  accountKind: AccountKind;
  title: string;
  text: string;
  kind: PostKind;
  outlet: string;
  link: string;
  sourceVerified: boolean;
  declaredLevel: SensitivityLevel;
  levelOptions: ReadonlyArray<{ value: SensitivityLevel; label: string }>;
  images: string[];
  /** What each image's thumbnail shows, by file ID, when it is not the file ID itself. */
  thumbs: Record<string, string>;
  plannedDate: string;
  plannedTime: string;
  chainSummary: string;
  chainError: string;
  steps: StepItem[];
  marks: { title: Segment[]; text: Segment[]; notes: HitNote[] };
  /** 规范表述 found by the last check, each replaced with one tap. */
  suggestions: SuggestionRow[];
  floorNote: string;
  /** 第十六条: a level raised on the chain, which this version keeps. */
  raisedNote: string;
  dirty: boolean;
  /** "已自动保存 10:05" once an autosave went through; empty otherwise. */
  autosaved: string;
  busy: boolean;
  formError: string;
  /** 第三十四条: the directive this post answers, with its clock; '' for other posts. */
  linkage: string;
}

interface EditCustom {
  loadSeq: number;
  clientKey: string;
  checkSeq: number;
  checkTimer: number | null;
  saveTimer: number | null;
  /** Counts changes, so a save answered after further typing leaves the editor dirty. */
  editSeq: number;
  /** Whether WeChat's leave confirmation is on (it is while there are unsaved changes). */
  guarded: boolean;
  query: { id?: string; accountId?: string; linkageDirectiveId?: string };
  load(): Promise<void>;
  onRetry(): void;
  onTitle(event: ValueEvent<string>): void;
  onText(event: ValueEvent<string>): void;
  onKind(event: ValueEvent<PostKind>): void;
  onOutlet(event: ValueEvent<string>): void;
  onLink(event: ValueEvent<string>): void;
  onVerified(event: ValueEvent<boolean>): void;
  onLevel(event: ValueEvent<SensitivityLevel>): Promise<void>;
  onPlannedDate(event: ValueEvent<{ value: string }>): void;
  onPlannedTime(event: ValueEvent<{ value: string }>): void;
  onPlannedClear(): void;
  onAddImage(): Promise<void>;
  onRemoveImage(event: DatasetEvent<{ index: number }>): void;
  onApplySuggestion(event: DatasetEvent<{ key: string }>): void;
  showThumbs(fileIDs: string[]): Promise<void>;
  onSave(): Promise<void>;
  onSubmit(): Promise<void>;
  save(): Promise<boolean>;
  autosave(): Promise<void>;
  changed(patch: Partial<EditData>): void;
  guard(): void;
  edited(patch: Partial<EditData>): void;
  liveCheck(): Promise<void>;
  showChain(chain: ChainPreview): void;
  showScreening(screening: PostScreening, title: string, text: string): void;
}

const NO_MARKS = { title: [], text: [], notes: [] };

function stepsOf(chain: ChainPreview): StepItem[] {
  return chain.steps.map((s) => ({ text: s.label, desc: `${s.unitName}（${s.article}）` }));
}

function chooseImages(count: number): Promise<string[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve(res.tempFiles.map((f) => f.tempFilePath)),
      fail: () => resolve([]),
    });
  });
}

function cloudPathFor(filePath: string, n: number): string {
  const ext = /\.[a-z0-9]+$/i.exec(filePath)?.[0] ?? '.jpg';
  return `posts/${Date.now()}-${n}${ext}`;
}

Page<EditData, EditCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    postId: '',
    rev: 0,
    accountId: '',
    accountLabel: '',
    accountKind: 'institutional',
    title: '',
    text: '',
    kind: 'original',
    outlet: '',
    link: '',
    sourceVerified: false,
    declaredLevel: 'ordinary',
    levelOptions: LEVEL_OPTIONS,
    images: [],
    thumbs: {},
    plannedDate: '',
    plannedTime: '',
    chainSummary: '',
    chainError: '',
    steps: [],
    marks: NO_MARKS,
    suggestions: [],
    floorNote: '',
    raisedNote: '',
    dirty: false,
    autosaved: '',
    busy: false,
    formError: '',
    linkage: '',
  },
  loadSeq: 0,
  clientKey: '',
  checkSeq: 0,
  checkTimer: null,
  saveTimer: null,
  editSeq: 0,
  guarded: false,
  query: {},

  onLoad(query) {
    this.query = { id: query.id, accountId: query.accountId, linkageDirectiveId: query.linkageDirectiveId };
    // Made once per editor: a retried first save finds the post it made instead of making another.
    this.clientKey = `ck-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    void prepareConsent('afterSubmit');
    void this.load();
  },

  onUnload() {
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
  },

  /** The officer switches to a chat or locks the phone: what was typed is saved now, not lost. */
  onHide() {
    if (this.data.dirty) void this.autosave();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    if (this.query.id) {
      const detail = await latestData(this, call('post', 'get', { postId: this.query.id }));
      if (!detail) return;
      const { post, account } = detail;
      const planned = beijingPickerParts(post.plannedAt);
      // 第十六条: a level raised on the chain is a floor: lower levels are not offered, and the
      // declaration is lifted to it (the server refuses a submission below it).
      const raised = detail.levelFloor;
      const at = raised ? LEVEL_OPTIONS.findIndex((o) => o.value === raised.level) : 0;
      const lifted = raised && LEVEL_OPTIONS.findIndex((o) => o.value === post.declaredLevel) < at;
      this.setData({
        status: 'ready',
        postId: post._id,
        rev: post.rev,
        accountId: account.id,
        accountLabel: `${account.name}·${account.platformLabel}`,
        accountKind: account.kind,
        title: post.content.title,
        text: post.content.text,
        kind: post.content.kind,
        outlet: post.content.source?.outlet ?? '',
        link: post.content.source?.link ?? '',
        sourceVerified: post.sourceVerified,
        declaredLevel: lifted && raised ? raised.level : post.declaredLevel,
        levelOptions: LEVEL_OPTIONS.slice(at),
        raisedNote: raised
          ? `审批中已在“${raised.stepLabel}”步骤将敏感等级提高为“${LEVEL_LABELS[raised.level]}”，本稿以后各版不得低于此等级（第十六条）`
          : '',
        images: post.content.images,
        plannedDate: planned.date,
        plannedTime: planned.time,
        linkage: post.linkage ? linkageBanner(post.linkage) : '',
      });
      if (lifted) this.changed({});
      this.showChain(detail.chain);
      this.showScreening(post.screening, post.content.title, post.content.text);
      void this.showThumbs(post.content.images);
      // The saved screening has no 规范表述: a check of the text as loaded brings its suggestions.
      void this.liveCheck();
      return;
    }
    const accountId = this.query.accountId ?? '';
    const preview = await latestData(this, call('post', 'previewChain', { accountId, level: this.data.declaredLevel }));
    if (!preview) return;
    // A linkage response (第三十四条): the directive it answers, shown before the first save.
    const directiveId = this.query.linkageDirectiveId;
    const directive = directiveId ? await call('linkage', 'get', { directiveId }) : null;
    this.setData({
      status: 'ready',
      accountId,
      accountLabel: `${preview.account.name}·${preview.account.platformLabel}`,
      accountKind: preview.account.kind,
      linkage:
        directive?.ok === true
          ? linkageBanner({ ...directive.data.directive, directiveId: directive.data.directive.id })
          : '',
    });
    this.showChain(preview.chain);
  },

  showChain(chain) {
    this.setData({ chainSummary: chain.summary, chainError: chain.error?.message ?? '', steps: stepsOf(chain) });
  },

  showScreening(screening, title, text) {
    const floor = screening.minLevel;
    this.setData({
      marks: markContent(title, text, screening.hits, screening.setAside),
      floorNote: floor === 'ordinary' ? '' : `内容筛查：本稿至少为“${LEVEL_LABELS[floor]}”信息`,
    });
  },

  /**
   * Any change: marked dirty, WeChat asks before the page is left, and the draft saves itself once
   * the author pauses.
   */
  changed(patch) {
    this.editSeq += 1;
    this.setData({ ...patch, dirty: true });
    this.guard();
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.autosave();
    }, AUTOSAVE_DELAY_MS);
  },

  guard() {
    if (this.data.dirty === this.guarded) return;
    this.guarded = this.data.dirty;
    if (this.guarded) wx.enableAlertBeforeUnload({ message: LEAVE_WARNING });
    else wx.disableAlertBeforeUnload();
  },

  async autosave() {
    const { dirty, busy, postId, title, text, images } = this.data;
    // An untouched new editor makes no post; a save in flight is followed by the next change's timer.
    if (!dirty || (!postId && !title.trim() && !text.trim() && images.length === 0)) return;
    if (busy) {
      this.changed({});
      return;
    }
    this.setData({ busy: true });
    const saved = await this.save();
    this.setData({ busy: false });
    if (saved) this.setData({ autosaved: `已自动保存 ${formatBeijingFull(new Date().toISOString()).slice(11)}` });
  },

  /** A content change: as any change, and screened again once typing pauses (screen.check). */
  edited(patch) {
    this.changed(patch);
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.liveCheck();
    }, LIVE_CHECK_DELAY_MS);
  },

  async liveCheck() {
    const { title, text, kind, outlet, link, accountKind } = this.data;
    if (text.length > CHECK_MAX_TEXT || title.length > CHECK_MAX_TITLE) return;
    const seq = ++this.checkSeq;
    const source =
      kind === 'repost' && outlet.trim() && link.trim() ? { outlet: outlet.trim(), link: link.trim() } : null;
    const res = await call('screen', 'check', { text, title, accountKind, ...(source ? { source } : {}) });
    // Quiet on failure (saving screens anyway); an answer for text since changed is dropped.
    if (!res.ok || seq !== this.checkSeq || title !== this.data.title || text !== this.data.text) return;
    const { blocked, level, hits, setAside } = res.data;
    this.showScreening({ blocked, minLevel: level, hits, ...(setAside ? { setAside } : {}) }, title, text);
    this.setData({ suggestions: suggestionRows(title, res.data.suggestions) });
  },

  onApplySuggestion(event) {
    const row = this.data.suggestions.find((r) => r.key === event.currentTarget.dataset.key);
    if (!row) return;
    const next = applySuggestion(this.data[row.field], row);
    if (next === null) {
      void wx.showToast({ title: '内容已改动，请稍候重新检查', icon: 'none' });
      return;
    }
    // Other suggestions' offsets are stale once the text moves: they come back with the next check.
    this.edited(row.field === 'title' ? { title: next, suggestions: [] } : { text: next, suggestions: [] });
  },

  onTitle(event) {
    this.edited({ title: event.detail });
  },
  onText(event) {
    this.edited({ text: event.detail });
  },
  onKind(event) {
    this.edited({ kind: event.detail });
  },
  onOutlet(event) {
    this.edited({ outlet: event.detail });
  },
  onLink(event) {
    this.edited({ link: event.detail });
  },
  onVerified(event) {
    this.changed({ sourceVerified: event.detail });
  },

  async onLevel(event) {
    this.changed({ declaredLevel: event.detail });
    // 第十六条: the chain follows the level; show it before anything is sent.
    const res = await call('post', 'previewChain', { accountId: this.data.accountId, level: event.detail });
    if (res.ok) this.showChain(res.data.chain);
  },

  onPlannedDate(event) {
    this.changed({ plannedDate: event.detail.value, plannedTime: this.data.plannedTime || '09:00' });
  },
  onPlannedTime(event) {
    this.changed({ plannedTime: event.detail.value });
  },
  onPlannedClear() {
    this.changed({ plannedDate: '', plannedTime: '' });
  },

  async onAddImage() {
    const room = MAX_IMAGES - this.data.images.length;
    if (room <= 0 || this.data.busy) return;
    const files = await chooseImages(Math.min(9, room));
    if (files.length === 0) return;
    this.setData({ busy: true });
    const results = await Promise.all(files.map((f, i) => uploadImage(f, cloudPathFor(f, i))));
    const ids: string[] = [];
    // The just-chosen local file is the thumbnail: no round trip, on either backend.
    const thumbs = { ...this.data.thumbs };
    let failure = '';
    results.forEach((res, i) => {
      if (!res.ok) {
        failure ||= res.error.message;
        return;
      }
      ids.push(res.data.fileID);
      thumbs[res.data.fileID] = files[i] ?? res.data.fileID;
    });
    this.setData({ busy: false, thumbs });
    if (ids.length > 0) this.changed({ images: [...this.data.images, ...ids] });
    if (failure) void wx.showToast({ title: failure, icon: 'none' });
  },

  async showThumbs(fileIDs) {
    const urls = await imageUrls(fileIDs);
    const fresh = fileIDs.flatMap((id, i) => (urls[i] && urls[i] !== id ? [[id, urls[i]] as const] : []));
    if (fresh.length > 0) this.setData({ thumbs: { ...this.data.thumbs, ...Object.fromEntries(fresh) } });
  },

  onRemoveImage(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.changed({ images: this.data.images.filter((_, i) => i !== index) });
  },

  async save() {
    const d = this.data;
    const seq = this.editSeq;
    const content: PostContent = {
      title: d.title,
      text: d.text,
      images: d.images,
      kind: d.kind,
      source: d.kind === 'repost' ? { outlet: d.outlet.trim(), link: d.link.trim() } : null,
    };
    const fields: DraftFields = {
      content,
      // 第三十三条: an official account speaks officially, a personal account personally.
      nature: d.accountKind === 'personal' ? 'personal' : 'official',
      declaredLevel: d.declaredLevel,
      sourceVerified: d.kind === 'repost' && d.sourceVerified,
      plannedAt: d.plannedDate ? beijingIso(d.plannedDate, d.plannedTime || '09:00') : null,
    };
    const res = await call(
      'post',
      'draftSave',
      d.postId
        ? { postId: d.postId, expectedRev: d.rev, ...fields }
        : {
            accountId: d.accountId,
            clientKey: this.clientKey,
            ...(this.query.linkageDirectiveId ? { linkageDirectiveId: this.query.linkageDirectiveId } : {}),
            ...fields,
          },
    );
    if (!res.ok) {
      this.setData({ formError: res.error.message });
      return false;
    }
    // Typed while the save was on its way: still unsaved, still guarded.
    this.setData({ postId: res.data.id, rev: res.data.rev, dirty: seq !== this.editSeq, formError: '' });
    this.guard();
    this.showChain(res.data.chain);
    this.showScreening(res.data.screening, d.title, d.text);
    return true;
  },

  async onSave() {
    if (this.data.busy) return;
    this.setData({ busy: true });
    const saved = await this.save();
    this.setData({ busy: false });
    if (saved) void wx.showToast({ title: '已保存', icon: 'success' });
  },

  async onSubmit() {
    if (this.data.busy) return;
    // Inside the tap itself, as WeChat requires: review results and publish reminders (订阅消息).
    const consent = askConsent('afterSubmit');
    this.setData({ busy: true });
    const saved = this.data.dirty || !this.data.postId ? await this.save() : true;
    if (!saved) {
      this.setData({ busy: false });
      return;
    }
    const res = await call('post', 'submit', { postId: this.data.postId, expectedRev: this.data.rev });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ formError: res.error.message });
      return;
    }
    await consent;
    void wx.showToast({ title: res.data.state === 'approved' ? '已登记，可发布' : '已提交审核', icon: 'success' });
    void wx.redirectTo({ url: `/pages/post-detail/index?id=${res.data.id}` });
  },
});
