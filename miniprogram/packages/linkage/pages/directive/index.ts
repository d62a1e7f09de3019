/**
 * One directive, as its notification opens it (第三十四条): what to repost or answer, the suggested
 * wording, the time left, and the caller's accounts it calls, each with 去响应 — or, for a desk or a
 * responsible leader, the way to its board.
 */
import type { DirectiveView } from '../../../../../typings/linkage';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import { askConsent, prepareConsent } from '../../../../services/subscribe';
import type { DatasetEvent } from '../../../../utils/events';
import { formatBeijingShort } from '../../../../utils/time';
import {
  DIRECTIVE_TAGS,
  PAGES,
  RESPONSE_KIND_LABELS,
  countdown,
  postEditFor,
  rowView,
  type RowView,
} from '../../utils/linkage';

interface DirectiveData extends LoadState {
  id: string;
  title: string;
  kindLabel: string;
  stateLabel: string;
  stateTag: string;
  open: boolean;
  issued: string;
  due: string;
  countdown: string;
  overdue: boolean;
  issuer: string;
  targets: string;
  content: string;
  link: string;
  wording: string;
  kinds: string;
  original: boolean;
  withdrawal: string;
  correctionOf: string;
  correctionTitle: string;
  corrections: { id: string; text: string }[];
  rows: RowView[];
  /** A withdrawn directive takes no response; a closed one still does (counted late). */
  respondable: boolean;
  canBoard: boolean;
}

interface DirectiveCustom {
  loadSeq: number;
  loadedAt: number;
  remainingMs: number;
  timer: number | null;
  load(): Promise<void>;
  tick(): void;
  stopTicking(): void;
  onRetry(): void;
  onCopy(event: DatasetEvent<{ text: string }>): void;
  onRespond(event: DatasetEvent<{ account: string }>): void;
  onWrite(event: DatasetEvent<{ account: string }>): void;
  onBoard(): void;
  onOpen(event: DatasetEvent<{ id: string }>): void;
}

Page<DirectiveData, DirectiveCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    title: '',
    kindLabel: '',
    stateLabel: '',
    stateTag: 'primary',
    open: false,
    issued: '',
    due: '',
    countdown: '',
    overdue: false,
    issuer: '',
    targets: '',
    content: '',
    link: '',
    wording: '',
    kinds: '',
    original: false,
    withdrawal: '',
    correctionOf: '',
    correctionTitle: '',
    corrections: [],
    rows: [],
    respondable: false,
    canBoard: false,
  },
  loadSeq: 0,
  loadedAt: 0,
  remainingMs: 0,
  timer: null,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' });
  },

  onShow() {
    // Opening a directive is when to hold a consent for the next one (one-time subscribe messages).
    void prepareConsent('openLinkage');
    void this.load();
  },

  onHide() {
    this.stopTicking();
  },

  onUnload() {
    this.stopTicking();
  },

  async onPullDownRefresh() {
    await this.load();
    void wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view: DirectiveView | null = await latestData(this, call('linkage', 'get', { directiveId: this.data.id }));
    if (!view) return;
    const d = view.directive;
    this.loadedAt = Date.now();
    this.remainingMs = view.remainingMs;
    const open = d.state === 'open';
    const rows = view.mine.map(rowView);
    this.setData({
      status: 'ready',
      title: d.title,
      kindLabel: d.kindLabel,
      stateLabel: d.stateLabel,
      stateTag: DIRECTIVE_TAGS[d.state],
      open,
      issued: formatBeijingShort(d.issuedAt),
      due: formatBeijingShort(d.dueAt),
      issuer: `${d.deskName} ${d.issuerName}`,
      targets: `${d.targetsLabel}，共 ${d.targetCount} 个账号`,
      content: d.content,
      link: d.link ?? '',
      wording: d.wording,
      kinds: d.responseKinds.map((k) => RESPONSE_KIND_LABELS[k]).join('、'),
      original: d.responseKinds.includes('original'),
      withdrawal: d.withdrawal ? `已于 ${formatBeijingShort(d.withdrawal.at)} 撤回：${d.withdrawal.reason}` : '',
      correctionOf: d.correctionOf ?? '',
      correctionTitle: d.correctionOfTitle ?? '',
      corrections: d.corrections.map((c) => ({
        id: c.id,
        text: `更正：${c.title}（${formatBeijingShort(c.issuedAt)}）`,
      })),
      rows,
      respondable: d.state !== 'withdrawn',
      canBoard: view.canBoard,
    });
    this.tick();
    this.stopTicking();
    if (open) this.timer = setInterval(() => this.tick(), 1000) as unknown as number;
  },

  tick() {
    const left = countdown(this.remainingMs - (Date.now() - this.loadedAt));
    this.setData({ countdown: left.text, overdue: left.overdue });
  },

  stopTicking() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  },

  onCopy(event) {
    void wx.setClipboardData({ data: event.currentTarget.dataset.text });
  },

  onRespond(event) {
    void askConsent('openLinkage');
    const account = event.currentTarget.dataset.account;
    openPage(`${PAGES.respond}?id=${this.data.id}&accountId=${encodeURIComponent(account)}`);
  },

  onWrite(event) {
    openPage(postEditFor(event.currentTarget.dataset.account, this.data.id));
  },

  onBoard() {
    openPage(`${PAGES.board}?id=${this.data.id}`);
  },

  onOpen(event) {
    openPage(`${PAGES.directive}?id=${event.currentTarget.dataset.id}`);
  },
});
