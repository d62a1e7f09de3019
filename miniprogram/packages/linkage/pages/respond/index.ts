/**
 * An operator records the response of one account they run (第三十四条): how it answered (转发 /
 * 评论), the link, and a screenshot if they have one. An original post is written in the post editor
 * and goes through the chain (第十五条、第十六条) before it counts. Two operators of one account at
 * once: the second is told who answered, and the page shows that response.
 */
import type { ResponseKind } from '../../../../../typings/linkage';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import { uploadImage } from '../../../../services/storage';
import { askConsent } from '../../../../services/subscribe';
import type { ValueEvent } from '../../../../utils/events';
import { RESPONSE_KIND_LABELS, countdown, postEditFor, rowView, type RowView } from '../../utils/linkage';

interface KindOption {
  value: ResponseKind;
  label: string;
}

interface RespondData extends LoadState {
  id: string;
  accountId: string;
  title: string;
  account: string;
  clock: string;
  overdue: boolean;
  kinds: KindOption[];
  original: boolean;
  kind: ResponseKind | '';
  link: string;
  linkError: string;
  note: string;
  screenshot: string;
  thumb: string;
  uploading: boolean;
  busy: boolean;
  /** The account's row once it has responded (by the caller or the other operator). */
  done: RowView | null;
  refusal: string;
}

interface RespondCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onKind(event: ValueEvent<ResponseKind>): void;
  onLink(event: ValueEvent<string>): void;
  onNote(event: ValueEvent<string>): void;
  onShot(): Promise<void>;
  onClearShot(): void;
  onWrite(): void;
  onSubmit(): Promise<void>;
}

const HTTP = /^https?:\/\/\S+$/iu;

function chooseImage(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve(res.tempFiles[0]?.tempFilePath ?? null),
      fail: () => resolve(null),
    });
  });
}

Page<RespondData, RespondCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    accountId: '',
    title: '',
    account: '',
    clock: '',
    overdue: false,
    kinds: [],
    original: false,
    kind: '',
    link: '',
    linkError: '',
    note: '',
    screenshot: '',
    thumb: '',
    uploading: false,
    busy: false,
    done: null,
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '', accountId: decodeURIComponent(query.accountId ?? '') });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view = await latestData(this, call('linkage', 'get', { directiveId: this.data.id }));
    if (!view) return;
    const row = view.mine.find((r) => r.accountId === this.data.accountId);
    if (!row) {
      this.setData({ status: 'error', errorMessage: '您不是该账号的运营民警，或该账号不在此联动指令范围内' });
      return;
    }
    const d = view.directive;
    // An original post is registered from the post once published; here it is written.
    const kinds = d.responseKinds
      .filter((k) => k !== 'original')
      .map((k) => ({ value: k, label: RESPONSE_KIND_LABELS[k] }));
    const left = countdown(view.remainingMs);
    const done = row.response ? rowView(row) : null;
    this.setData({
      status: 'ready',
      title: d.title,
      account: `${row.accountName}（${row.platformLabel}）`,
      clock: d.state === 'withdrawn' ? '已撤回' : left.text,
      overdue: left.overdue,
      kinds,
      original: d.responseKinds.includes('original'),
      kind: this.data.kind || (kinds[0]?.value ?? ''),
      done,
    });
  },

  onKind(event) {
    this.setData({ kind: event.detail });
  },

  onLink(event) {
    this.setData({ link: event.detail, linkError: '' });
  },

  onNote(event) {
    this.setData({ note: event.detail });
  },

  async onShot() {
    const file = await chooseImage();
    if (!file) return;
    this.setData({ uploading: true });
    const ext = /\.[a-z0-9]+$/i.exec(file)?.[0] ?? '.jpg';
    const res = await uploadImage(file, `linkage/${this.data.id}/${this.data.accountId}-${Date.now()}${ext}`);
    if (!res.ok) {
      this.setData({ uploading: false });
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    // The chosen local file is the thumbnail: no round trip.
    this.setData({ uploading: false, screenshot: res.data.fileID, thumb: file });
  },

  onClearShot() {
    this.setData({ screenshot: '', thumb: '' });
  },

  onWrite() {
    openPage(postEditFor(this.data.accountId, this.data.id));
  },

  async onSubmit() {
    if (this.data.busy || !this.data.kind) return;
    const link = this.data.link.trim();
    if (!HTTP.test(link)) {
      this.setData({ linkError: link ? '链接须以 http:// 或 https:// 开头' : '请填写响应的链接' });
      return;
    }
    // The tap after a response is a natural moment to hold a consent for the next directive.
    void askConsent('openLinkage');
    this.setData({ busy: true, refusal: '' });
    const res = await call('linkage', 'respond', {
      directiveId: this.data.id,
      accountId: this.data.accountId,
      kind: this.data.kind,
      link,
      screenshot: this.data.screenshot || null,
      note: this.data.note.trim(),
    });
    this.setData({ busy: false });
    if (res.ok) {
      this.setData({ done: rowView(res.data.row) });
      void wx.showToast({ title: '已登记响应', icon: 'success' });
      return;
    }
    // Answered meanwhile by the other operator: say who, and show their response.
    this.setData({ refusal: res.error.message });
    if (res.error.code === 'ALREADY_RESPONDED') await this.load();
  },
});
