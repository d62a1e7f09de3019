import type {
  ChainPreview,
  LevelChange,
  LevelFloor,
  Post,
  PostAbilities,
  PostDetail,
  SensitivityLevel,
  VersionDiff,
} from '../../../typings/post';
import type { TimelineEntry } from '../../../typings/post';
import { call } from '../../services/api';
import { NO_CONFIRM, answer, ask, type ConfirmView } from '../../services/confirm';
import { latestData, type LoadState } from '../../services/load';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { LEVEL_LABELS, LEVEL_OPTIONS, STATE_LABELS, STATE_TAGS, diffSegments, type Segment } from '../../utils/posts';
import { linkageBanner } from '../../utils/linkage';
import { formatBeijingFull, formatBeijingShort } from '../../utils/time';

interface StepItem {
  text: string;
  desc: string;
}

interface DiffView {
  caption: string;
  title: Segment[];
  text: Segment[];
  notes: string[];
}

interface Line {
  key: string;
  text: string;
}

interface TimelineView {
  key: string;
  time: string;
  who: string;
  step: string;
  comment: string;
  marks: string[];
  setAside: string[];
}

interface DetailData extends LoadState {
  postId: string;
  rev: number;
  version: number;
  approvedVersion: number;
  title: string;
  text: string;
  images: string[];
  source: string;
  accountLabel: string;
  accountName: string;
  platformLabel: string;
  stateLabel: string;
  tag: string;
  levelLabel: string;
  chainSummary: string;
  steps: StepItem[];
  activeStep: number;
  diff: DiffView | null;
  versions: Line[];
  timeline: TimelineView[];
  publication: string;
  can: PostAbilities;
  /** Any button for the fixed bar at the bottom. */
  hasBar: boolean;
  /** 第十六条 major steps ask before 同意. */
  major: boolean;
  nudgeHint: string;
  confirm: ConfirmView;
  commenting: boolean;
  note: string;
  noteError: string;
  raiseOptions: ReadonlyArray<{ value: SensitivityLevel; label: string }>;
  /** 第十六条: the level raised on the chain that later versions keep, said plainly. */
  floorNote: string;
  lowerOptions: ReadonlyArray<{ value: SensitivityLevel; label: string }>;
  comment: string;
  commentError: string;
  publishing: boolean;
  url: string;
  urlError: string;
  busy: boolean;
  /** 第三十四条: the directive this post answers, with its clock, for the author and every approver. */
  linkage: string;
  /** Published, and the account still owes that directive its response: the operator registers it. */
  linkageRespond: boolean;
}

/** What van-dialog (async-close) hands its confirm handler. */
interface VantDialog {
  stopLoading(): void;
}

interface DetailCustom {
  loadSeq: number;
  postId: string;
  /** The directive and account a linkage response answers for. */
  linkageOf: { directiveId: string; accountId: string } | null;
  content: Post['content'] | null;
  confirmAnswer: ((yes: boolean) => void) | null;
  onConfirmYes(): void;
  onConfirmNo(): void;
  onImageTap(event: DatasetEvent<{ url: string }>): void;
  onNudge(): Promise<void>;
  onNoteOpen(): void;
  onNote(event: ValueEvent<string>): void;
  onNoteConfirm(event: ValueEvent<{ dialog: VantDialog }>): Promise<void>;
  onNoteCancel(): void;
  load(): Promise<void>;
  onRetry(): void;
  onComment(event: ValueEvent<string>): void;
  onApprove(): Promise<void>;
  onSendBack(): Promise<void>;
  onRaise(event: DatasetEvent<{ level: SensitivityLevel }>): Promise<void>;
  onLower(event: DatasetEvent<{ level: SensitivityLevel }>): Promise<void>;
  onWithdraw(): Promise<void>;
  onEdit(): void;
  onPublishOpen(): void;
  onUrl(event: ValueEvent<string>): void;
  onPublishConfirm(event: ValueEvent<{ dialog: VantDialog }>): Promise<void>;
  onPublishCancel(): void;
  onLinkageRespond(): Promise<void>;
  done(title: string, answer: { ok: true } | { ok: false; error: { message: string } }): Promise<void>;
}

const NO_ABILITIES: PostAbilities = {
  edit: false,
  submit: false,
  withdraw: false,
  approve: false,
  sendBack: false,
  raiseLevel: false,
  lowerLevel: false,
  publish: false,
  nudge: false,
  comment: false,
};

/** A step's state as its holder reads it: 审核 for the reviewer's step, 审批 for the others (第十六条). */
const STATUS_TEXT = { waiting: '待处理', current: '处理中', approved: '已同意', returned: '已退回' } as const;

function timelineOf(entries: readonly TimelineEntry[]): TimelineView[] {
  return [...entries].reverse().map((e, i) => ({
    key: `t${i}`,
    time: formatBeijingFull(e.at),
    who: [e.personName, e.action].filter((x) => x).join(' '),
    step: e.stepLabel,
    comment: e.comment,
    marks: e.marks,
    setAside: e.setAside,
  }));
}

function stepsOf(chain: ChainPreview): { steps: StepItem[]; active: number } {
  const steps = chain.steps.map((s) => {
    const who = s.deciderName ? ` ${s.deciderName}` : '';
    const when = s.decidedAt ? ` ${formatBeijingShort(s.decidedAt)}` : '';
    const note = s.comment ? `：${s.comment}` : '';
    return { text: s.label, desc: `${STATUS_TEXT[s.status]}${who}${when}${note}` };
  });
  const current = chain.steps.findIndex((s) => s.status === 'current' || s.status === 'returned');
  const approved = chain.steps.filter((s) => s.status === 'approved').length;
  return { steps, active: current >= 0 ? current : approved - 1 };
}

/** 第十六条: who raised the level at which step, for every later version. */
function floorNoteOf(floor: LevelFloor | null, names: ReadonlyMap<string, string>): string {
  if (!floor) return '';
  const who = names.get(floor.personId);
  const by = who ? `${who}（${floor.stepLabel}）` : floor.stepLabel;
  return `敏感等级不低于“${LEVEL_LABELS[floor.level]}”：第 ${floor.version} 版审批时由${by}确定，以后各版须按此等级报审（第十六条）`;
}

function levelChangeNote(c: LevelChange, names: ReadonlyMap<string, string>): string {
  const who = names.get(c.personId);
  const by = who ? `${who}（${c.stepLabel}）` : c.stepLabel;
  const verb = c.kind === 'raise' ? '提高为' : '降为';
  const why = c.reason ? `，理由：${c.reason}` : '';
  return `${by}将敏感等级由“${LEVEL_LABELS[c.from]}”${verb}“${LEVEL_LABELS[c.to]}”${why}`;
}

function diffOf(d: VersionDiff | null, names: ReadonlyMap<string, string>): DiffView | null {
  if (!d) return null;
  const notes: string[] = [];
  // 第十六条: the version diff shows level changes as well as text.
  if (d.level) notes.push(`敏感等级：${LEVEL_LABELS[d.level.from]} → ${LEVEL_LABELS[d.level.to]}`);
  for (const c of d.levelChanges) notes.push(`第 ${d.from} 版审批中：${levelChangeNote(c, names)}`);
  if (d.diff.imagesAdded.length) notes.push(`新增图片 ${d.diff.imagesAdded.length} 张`);
  if (d.diff.imagesRemoved.length) notes.push(`删除图片 ${d.diff.imagesRemoved.length} 张`);
  if (d.diff.kindChanged) notes.push(d.diff.kindChanged.to === 'repost' ? '改为转发' : '改为原创');
  if (d.diff.sourceChanged) notes.push(`来源改为：${d.diff.sourceChanged.to?.outlet ?? '无'}`);
  return {
    caption: `第 ${d.from} 版 → 第 ${d.to} 版的修改`,
    title: diffSegments(d.diff.title),
    text: diffSegments(d.diff.text),
    notes,
  };
}

function view(detail: PostDetail): Partial<DetailData> {
  const { post, account } = detail;
  const names = new Map(detail.people.map((p) => [p.id, p.name]));
  const chain = stepsOf(detail.chain);
  const pub = post.publication;
  return {
    status: 'ready',
    postId: post._id,
    rev: post.rev,
    version: post.version,
    approvedVersion: post.approvedVersion ?? post.version,
    title: post.content.title,
    text: post.content.text,
    images: post.content.images,
    source: post.content.source ? `转发自 ${post.content.source.outlet}（${post.content.source.link}）` : '',
    accountLabel: `${account.name}·${account.platformLabel}`,
    accountName: account.name,
    platformLabel: account.platformLabel,
    stateLabel: STATE_LABELS[post.state],
    tag: STATE_TAGS[post.state],
    levelLabel: LEVEL_LABELS[post.level],
    chainSummary: detail.chain.summary,
    steps: chain.steps,
    activeStep: chain.active,
    diff: diffOf(detail.diff, names),
    versions: detail.versions.map((v) => ({
      key: `v${v.version}`,
      text: `第 ${v.version} 版｜${LEVEL_LABELS[v.level]}｜${v.submittedByName} ${formatBeijingShort(v.submittedAt)} 提交`,
    })),
    timeline: timelineOf(detail.timeline),
    publication: pub ? `已于 ${formatBeijingShort(pub.publishedAt)} 发布：${pub.url}` : '',
    can: detail.can,
    hasBar: Object.values(detail.can).some((v) => v),
    major: post.level !== 'ordinary',
    nudgeHint:
      detail.nudgeAvailableAt && Date.parse(detail.nudgeAvailableAt) > Date.parse(detail.now)
        ? `${formatBeijingShort(detail.nudgeAvailableAt)} 后可再催办`
        : '',
    raiseOptions: LEVEL_OPTIONS.slice(LEVEL_OPTIONS.findIndex((o) => o.value === post.level) + 1),
    floorNote: floorNoteOf(detail.levelFloor, names),
    // 第十六条: lowering is offered only where the server says this decider may (at or above the raising step).
    lowerOptions: LEVEL_OPTIONS.filter((o) => detail.lowerOptions.includes(o.value)),
    linkage: post.linkage ? linkageBanner(post.linkage) : '',
  };
}

Page<DetailData, DetailCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    postId: '',
    rev: 0,
    version: 1,
    approvedVersion: 1,
    title: '',
    text: '',
    images: [],
    source: '',
    accountLabel: '',
    accountName: '',
    platformLabel: '',
    stateLabel: '',
    tag: 'default',
    levelLabel: '',
    chainSummary: '',
    steps: [],
    activeStep: -1,
    diff: null,
    versions: [],
    timeline: [],
    publication: '',
    can: NO_ABILITIES,
    hasBar: false,
    major: false,
    nudgeHint: '',
    confirm: NO_CONFIRM,
    commenting: false,
    note: '',
    noteError: '',
    raiseOptions: [],
    floorNote: '',
    lowerOptions: [],
    comment: '',
    commentError: '',
    publishing: false,
    url: '',
    urlError: '',
    busy: false,
    linkage: '',
    linkageRespond: false,
  },
  loadSeq: 0,
  postId: '',
  content: null,
  confirmAnswer: null,
  linkageOf: null,

  onLoad(query) {
    this.postId = query.id ?? '';
  },

  onShow() {
    void this.load();
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
    const detail = await latestData(this, call('post', 'get', { postId: this.postId }));
    if (!detail) return;
    this.content = detail.post.content;
    this.setData({ ...view(detail), linkageRespond: false });
    // 第三十四条: a published linkage response is registered by the account's operator; ask whether it still owes one.
    const { post } = detail;
    this.linkageOf = post.linkage ? { directiveId: post.linkage.directiveId, accountId: post.accountId } : null;
    if (post.linkage && post.state === 'published') {
      const res = await call('linkage', 'get', { directiveId: post.linkage.directiveId });
      const row = res.ok ? res.data.mine.find((r) => r.accountId === post.accountId) : undefined;
      const respond = row?.state === 'pending' || row?.state === 'none';
      // The button sits in the bottom bar, shown even where no other step is open to the caller.
      this.setData({ linkageRespond: respond, hasBar: this.data.hasBar || respond });
    }
  },

  async onLinkageRespond() {
    if (this.data.busy || !this.linkageOf) return;
    this.setData({ busy: true });
    const res = await call('linkage', 'respond', {
      directiveId: this.linkageOf.directiveId,
      accountId: this.linkageOf.accountId,
      kind: 'original',
      postId: this.postId,
    });
    await this.done('已登记为联动响应', res);
  },

  onComment(event) {
    this.setData({ comment: event.detail, commentError: '' });
  },

  async done(title, answer) {
    this.setData({ busy: false });
    if (!answer.ok) {
      // CONFLICT and every other refusal: say why, and show the post as it now stands.
      void wx.showToast({ title: answer.error.message, icon: 'none' });
      await this.load();
      return;
    }
    void wx.showToast({ title, icon: 'success' });
    this.setData({ comment: '' });
    await this.load();
  },

  async onApprove() {
    if (this.data.busy) return;
    // 第十六条: a major or especially major post is approved only after a second look.
    if (
      this.data.major &&
      !(await ask(this, {
        title: '确认同意发布？',
        message: `「${this.data.title}」为${this.data.levelLabel}信息，同意后将进入下一步或可以发布。`,
        confirmText: '同意',
      }))
    )
      return;
    this.setData({ busy: true });
    const { postId, rev, version, comment } = this.data;
    await this.done(
      '已同意',
      await call('post', 'approve', { postId, expectedRev: rev, version, comment: comment.trim() }),
    );
  },

  async onSendBack() {
    if (this.data.busy) return;
    const comment = this.data.comment.trim();
    if (!comment) {
      this.setData({ commentError: '退回修改须填写意见' });
      return;
    }
    this.setData({ busy: true });
    const { postId, rev, version } = this.data;
    await this.done('已退回', await call('post', 'sendBack', { postId, expectedRev: rev, version, comment }));
  },

  async onRaise(event) {
    if (this.data.busy) return;
    const level = event.currentTarget.dataset.level;
    const label = LEVEL_LABELS[level];
    if (
      !(await ask(this, {
        title: `提高为${label}？`,
        message: '提高敏感等级后审批流程将重新确定，不能再降低（第十六条）。',
        confirmText: '提高等级',
      }))
    )
      return;
    this.setData({ busy: true });
    const { postId, rev, version } = this.data;
    await this.done('已提高等级', await call('post', 'raiseLevel', { postId, expectedRev: rev, version, level }));
  },

  // 第十六条: the reason goes in the decision comment; without one nothing is sent.
  async onLower(event) {
    if (this.data.busy) return;
    const reason = this.data.comment.trim();
    if (!reason) {
      this.setData({ commentError: '降低敏感等级须在审批意见中说明理由（第十六条）' });
      return;
    }
    this.setData({ busy: true });
    const { postId, rev, version } = this.data;
    const level = event.currentTarget.dataset.level;
    await this.done(
      '已降低等级',
      await call('post', 'lowerLevel', { postId, expectedRev: rev, version, level, reason }),
    );
  },

  async onWithdraw() {
    if (this.data.busy) return;
    if (
      !(await ask(this, {
        title: '确认撤回？',
        message: '撤回后审批流程终止，修改后需重新提交。',
        confirmText: '撤回',
      }))
    )
      return;
    this.setData({ busy: true });
    await this.done('已撤回', await call('post', 'withdraw', { postId: this.data.postId, expectedRev: this.data.rev }));
  },

  onEdit() {
    openPage(`/pages/post-edit/index?id=${this.data.postId}`);
  },

  onPublishOpen() {
    this.setData({ publishing: true, urlError: '' });
  },

  onUrl(event) {
    this.setData({ url: event.detail, urlError: '' });
  },

  onPublishCancel() {
    this.setData({ publishing: false });
  },

  // 第三十三条: the operator publishes on the platform, then confirms here what went out and where.
  async onPublishConfirm(event) {
    const url = this.data.url.trim();
    if (!url) {
      // The dialog waits (async-close): it stays open, showing what is missing.
      event.detail.dialog.stopLoading();
      this.setData({ urlError: '请填写发布后的链接' });
      return;
    }
    if (this.data.busy || !this.content) {
      event.detail.dialog.stopLoading();
      return;
    }
    this.setData({ busy: true, publishing: false });
    const { postId, rev, approvedVersion } = this.data;
    await this.done(
      '已登记发布',
      await call('post', 'publish', {
        postId,
        expectedRev: rev,
        version: approvedVersion,
        content: this.content,
        url,
        publishedAt: new Date().toISOString(),
      }),
    );
  },

  onConfirmYes() {
    answer(this, true);
  },

  onConfirmNo() {
    answer(this, false);
  },

  onImageTap(event) {
    const current = event.currentTarget.dataset.url;
    void wx.previewImage({ current, urls: this.data.images });
  },

  // 催办: the server keeps the once-an-hour rule and says when the next is possible.
  async onNudge() {
    if (this.data.busy) return;
    this.setData({ busy: true });
    const res = await call('post', 'nudge', { postId: this.data.postId });
    this.setData({ busy: false });
    void wx.showToast({ title: res.ok ? '已催办' : res.error.message, icon: res.ok ? 'success' : 'none' });
    if (res.ok) await this.load();
  },

  onNoteOpen() {
    this.setData({ commenting: true, noteError: '' });
  },

  onNote(event) {
    this.setData({ note: event.detail, noteError: '' });
  },

  onNoteCancel() {
    this.setData({ commenting: false });
  },

  // 抄送: a copied person writes an opinion; it joins the timeline and decides nothing.
  async onNoteConfirm(event) {
    const text = this.data.note.trim();
    if (!text) {
      event.detail.dialog.stopLoading();
      this.setData({ noteError: '请填写意见' });
      return;
    }
    const res = await call('post', 'comment', { postId: this.data.postId, text });
    event.detail.dialog.stopLoading();
    if (!res.ok) {
      this.setData({ noteError: res.error.message });
      return;
    }
    this.setData({ commenting: false, note: '' });
    void wx.showToast({ title: '已提交意见', icon: 'success' });
    await this.load();
  },
});
