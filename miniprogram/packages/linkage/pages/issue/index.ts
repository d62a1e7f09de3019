/**
 * The desk issues a linkage directive (第三十四条): the kind, what to repost or answer, the suggested
 * wording, which accounts (all, by city or county, by platform, or picked one by one), the window and
 * what counts as a response. Before sending it shows how many accounts the call reaches and how many
 * WeChat can reach now; once confirmed the content is fixed — a correction is a new directive.
 */
import type { DirectiveKind, DirectiveTargets, ResponseKind } from '../../../../../typings/linkage';
import type { AccountView, Platform } from '../../../../../typings/org';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { ValueEvent } from '../../../../utils/events';
import { KIND_LABELS, PAGES, RESPONSE_KIND_LABELS, formKey } from '../../utils/linkage';

type Mode = 'filter' | 'accounts';

interface Choice<V extends string> {
  value: V;
  label: string;
}

interface AccountChoice {
  id: string;
  label: string;
}

interface IssueData extends LoadState {
  correctionOf: string;
  correctionTitle: string;
  scopeUnitId: string;
  scopeName: string;
  kinds: Choice<DirectiveKind>[];
  responseChoices: Choice<ResponseKind>[];
  units: Choice<string>[];
  platforms: Choice<Platform>[];
  kind: DirectiveKind;
  title: string;
  content: string;
  link: string;
  wording: string;
  responseKinds: ResponseKind[];
  mode: Mode;
  unitIds: string[];
  platformIds: Platform[];
  accountIds: string[];
  accounts: AccountChoice[];
  accountsNext: number | null;
  windowMinutes: number;
  graceMinutes: number;
  preview: string;
  previewError: string;
  reachable: number;
  targetCount: number;
  errors: { title: string; content: string; link: string; kinds: string };
  confirming: boolean;
  busy: boolean;
  refusal: string;
}

interface IssueCustom {
  loadSeq: number;
  clientKey: string;
  previewSeq: number;
  previewTimer: number | null;
  load(): Promise<void>;
  onRetry(): void;
  loadAccounts(offset: number): Promise<void>;
  schedulePreview(): void;
  runPreview(): Promise<void>;
  targets(): DirectiveTargets;
  onKind(event: ValueEvent<DirectiveKind>): void;
  onTitle(event: ValueEvent<string>): void;
  onContent(event: ValueEvent<string>): void;
  onLink(event: ValueEvent<string>): void;
  onWording(event: ValueEvent<string>): void;
  onResponseKinds(event: ValueEvent<ResponseKind[]>): void;
  onMode(event: ValueEvent<Mode>): void;
  onUnits(event: ValueEvent<string[]>): void;
  onPlatforms(event: ValueEvent<Platform[]>): void;
  onAccounts(event: ValueEvent<string[]>): void;
  onMoreAccounts(): void;
  onWindow(event: ValueEvent<number>): void;
  onSubmit(): void;
  onConfirm(): Promise<void>;
  onCancel(): void;
}

const HTTP = /^https?:\/\/\S+$/iu;
const NO_ERRORS = { title: '', content: '', link: '', kinds: '' };

const accountChoice = (a: AccountView): AccountChoice => ({ id: a.id, label: `${a.name}（${a.unitName}）` });

Page<IssueData, IssueCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    correctionOf: '',
    correctionTitle: '',
    scopeUnitId: '',
    scopeName: '',
    kinds: (['opinion', 'publicity'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })),
    responseChoices: (['repost', 'original', 'comment'] as const).map((k) => ({
      value: k,
      label: RESPONSE_KIND_LABELS[k],
    })),
    units: [],
    platforms: [],
    kind: 'opinion',
    title: '',
    content: '',
    link: '',
    wording: '',
    responseKinds: ['repost', 'original', 'comment'],
    mode: 'filter',
    unitIds: [],
    platformIds: [],
    accountIds: [],
    accounts: [],
    accountsNext: null,
    windowMinutes: 60,
    graceMinutes: 30,
    preview: '',
    previewError: '',
    reachable: 0,
    targetCount: 0,
    errors: NO_ERRORS,
    confirming: false,
    busy: false,
    refusal: '',
  },
  loadSeq: 0,
  clientKey: '',
  previewSeq: 0,
  previewTimer: null,

  onLoad(query: Record<string, string | undefined>) {
    // One key per form: a double tap or a retry after a lost answer issues one directive.
    this.clientKey = formKey('issue');
    this.setData({ correctionOf: query.correctionOf ?? '' });
    void this.load();
  },

  onUnload() {
    if (this.previewTimer !== null) clearTimeout(this.previewTimer);
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const options = await latestData(this, call('linkage', 'targetOptions', {}));
    if (!options) return;
    let correctionTitle = '';
    if (this.data.correctionOf) {
      const original = await call('linkage', 'get', { directiveId: this.data.correctionOf });
      if (original.ok) {
        const d = original.data.directive;
        correctionTitle = d.title;
        this.setData({
          kind: d.kind,
          title: `更正：${d.title}`.slice(0, 64),
          content: d.content,
          link: d.link ?? '',
          wording: d.wording,
          responseKinds: d.responseKinds,
        });
      }
    }
    this.setData({
      status: 'ready',
      correctionTitle,
      scopeUnitId: options.scopeUnitId,
      scopeName: options.scopeUnitName,
      units: options.units.map((u) => ({ value: u.id, label: u.name })),
      platforms: options.platforms.map((p) => ({ value: p.id, label: p.label })),
      windowMinutes: options.defaultWindowMinutes,
      graceMinutes: options.graceMinutes,
    });
    await this.runPreview();
  },

  async loadAccounts(offset) {
    const res = await call('org', 'listAccounts', {
      unitId: this.data.scopeUnitId,
      scope: 'subtree',
      offset,
      limit: 50,
    });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    const active = res.data.items.filter((a) => a.state === 'active').map(accountChoice);
    this.setData({
      accounts: offset === 0 ? active : [...this.data.accounts, ...active],
      accountsNext: res.data.nextOffset,
    });
  },

  targets() {
    return this.data.mode === 'accounts'
      ? { mode: 'accounts', accountIds: this.data.accountIds }
      : { mode: 'filter', unitIds: this.data.unitIds, platforms: this.data.platformIds };
  },

  schedulePreview() {
    if (this.previewTimer !== null) clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.runPreview(), 300) as unknown as number;
  },

  async runPreview() {
    const seq = ++this.previewSeq;
    const targets = this.targets();
    if (targets.mode === 'accounts' && targets.accountIds.length === 0) {
      this.setData({ preview: '', previewError: '请选择账号', targetCount: 0, reachable: 0 });
      return;
    }
    const res = await call('linkage', 'preview', { targets });
    if (seq !== this.previewSeq) return;
    if (!res.ok) {
      this.setData({ preview: '', previewError: res.error.message, targetCount: 0, reachable: 0 });
      return;
    }
    const p = res.data;
    this.setData({
      preview: `将调度 ${p.targetCount} 个账号（A/B 角共 ${p.operatorPlaces} 人次）；此刻可微信即时触达 ${p.reachableAccounts} 个账号，其余仅站内消息`,
      previewError: '',
      targetCount: p.targetCount,
      reachable: p.reachableAccounts,
    });
  },

  onKind(event) {
    this.setData({ kind: event.detail });
  },
  onTitle(event) {
    this.setData({ title: event.detail, 'errors.title': '' });
  },
  onContent(event) {
    this.setData({ content: event.detail, 'errors.content': '' });
  },
  onLink(event) {
    this.setData({ link: event.detail, 'errors.link': '', 'errors.content': '' });
  },
  onWording(event) {
    this.setData({ wording: event.detail });
  },
  onResponseKinds(event) {
    this.setData({ responseKinds: event.detail, 'errors.kinds': '' });
  },
  onMode(event) {
    this.setData({ mode: event.detail });
    if (event.detail === 'accounts' && this.data.accounts.length === 0) void this.loadAccounts(0);
    this.schedulePreview();
  },
  onUnits(event) {
    this.setData({ unitIds: event.detail });
    this.schedulePreview();
  },
  onPlatforms(event) {
    this.setData({ platformIds: event.detail });
    this.schedulePreview();
  },
  onAccounts(event) {
    this.setData({ accountIds: event.detail });
    this.schedulePreview();
  },
  onMoreAccounts() {
    if (this.data.accountsNext !== null) void this.loadAccounts(this.data.accountsNext);
  },
  onWindow(event) {
    this.setData({ windowMinutes: Number(event.detail) });
  },

  onSubmit() {
    const link = this.data.link.trim();
    const errors = {
      title: this.data.title.trim() ? '' : '请填写指令标题',
      content: this.data.content.trim() || link ? '' : '请填写内容或给出链接',
      link: !link || HTTP.test(link) ? '' : '链接须以 http:// 或 https:// 开头',
      kinds: this.data.responseKinds.length ? '' : '请至少选择一种响应方式',
    };
    this.setData({ errors, refusal: '' });
    if (Object.values(errors).some(Boolean) || this.data.targetCount === 0) return;
    this.setData({ confirming: true });
  },

  onCancel() {
    this.setData({ confirming: false });
  },

  async onConfirm() {
    if (this.data.busy) return;
    this.setData({ confirming: false, busy: true });
    const res = await call('linkage', 'issue', {
      clientKey: this.clientKey,
      kind: this.data.kind,
      title: this.data.title.trim(),
      content: this.data.content.trim(),
      link: this.data.link.trim() || null,
      wording: this.data.wording.trim(),
      responseKinds: this.data.responseKinds,
      targets: this.targets(),
      windowMinutes: this.data.windowMinutes,
      ...(this.data.correctionOf ? { correctionOf: this.data.correctionOf } : {}),
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    void wx.showToast({ title: `已下发 ${res.data.directive.targetCount} 个账号`, icon: 'none' });
    void wx.redirectTo({ url: `${PAGES.board}?id=${res.data.directive.id}` });
  },
});
