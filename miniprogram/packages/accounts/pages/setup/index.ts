/**
 * The tasks of an approved account (第十二条), done and attested by its operators: the standard name
 * (checked against the province's naming rule), real-name verification, and the avatar, background
 * and column-plan images (in storage). The last one makes the account active: until then it publishes
 * nothing.
 */
import type { SetupTaskKey, SetupView, TaskInput } from '../../../../../typings/account';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { ACCOUNT_STATE_LABELS, PLATFORM_LABELS } from '../../../../utils/org-labels';
import { ACCOUNT_STATE_TAGS, pickAndUpload, toast, when } from '../../utils/accounts';

type ImageKey = 'avatar' | 'background' | 'columnPlan';

interface TaskRow {
  key: SetupTaskKey;
  label: string;
  done: boolean;
  /** The name or platform id entered; for an image, its temporary link. */
  value: string;
  image: boolean;
  doneAt: string;
}

interface SetupData extends LoadState {
  accountId: string;
  rev: number;
  title: string;
  unitName: string;
  stateLabel: string;
  stateTag: string;
  active: boolean;
  desk: string;
  examples: string;
  tasks: TaskRow[];
  open: number;
  nameInput: string;
  platformIdInput: string;
  busy: string;
  refusal: string;
}

interface SetupCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(view: SetupView): void;
  onRetry(): void;
  onNameInput(event: ValueEvent<string>): void;
  onPlatformIdInput(event: ValueEvent<string>): void;
  complete(task: TaskInput): Promise<void>;
  onName(): Promise<void>;
  onRealName(): Promise<void>;
  onImage(event: DatasetEvent<{ key: ImageKey }>): Promise<void>;
}

const IMAGE_KEYS: readonly SetupTaskKey[] = ['avatar', 'background', 'columnPlan'];

Page<SetupData, SetupCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    accountId: '',
    rev: 0,
    title: '',
    unitName: '',
    stateLabel: '',
    stateTag: 'default',
    active: false,
    desk: '',
    examples: '',
    tasks: [],
    open: 0,
    nameInput: '',
    platformIdInput: '',
    busy: '',
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ accountId: query.accountId ?? '' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view = await latestData(this, call('account', 'setup', { accountId: this.data.accountId }));
    if (view) this.show(view);
  },

  show(view) {
    const a = view.account;
    const tasks: TaskRow[] = view.tasks.map((t) => {
      const image = IMAGE_KEYS.includes(t.key);
      return {
        key: t.key,
        label: t.label,
        done: t.done,
        value: image ? (view.imageUrls[t.key] ?? '') : (t.value ?? ''),
        image,
        doneAt: t.doneAt ? `${when(t.doneAt)} 完成` : '',
      };
    });
    this.setData({
      status: 'ready',
      rev: a.rev,
      title: `${a.name}（${PLATFORM_LABELS[a.platform]}）`,
      unitName: a.unitName,
      stateLabel: ACCOUNT_STATE_LABELS[a.state],
      stateTag: ACCOUNT_STATE_TAGS[a.state],
      active: a.state === 'active',
      desk: view.approvingDeskName,
      examples: view.nameExamples.join('、'),
      tasks,
      open: tasks.filter((t) => !t.done).length,
      nameInput: this.data.nameInput || a.name,
      platformIdInput: this.data.platformIdInput || a.platformId,
    });
  },

  onNameInput(event) {
    this.setData({ nameInput: event.detail });
  },

  onPlatformIdInput(event) {
    this.setData({ platformIdInput: event.detail });
  },

  async complete(task) {
    this.setData({ busy: task.key, refusal: '' });
    const res = await call('account', 'completeTask', {
      accountId: this.data.accountId,
      expectedRev: this.data.rev,
      task,
    });
    this.setData({ busy: '' });
    if (!res.ok) {
      // A name the rule refuses says why; a task done meanwhile by the other operator reloads.
      this.setData({ refusal: res.error.message });
      if (res.error.code === 'CONFLICT') await this.load();
      return;
    }
    this.show(res.data);
    toast(res.data.account.state === 'active' ? '开设任务已全部完成，账号已启用' : '已完成');
  },

  async onName() {
    const name = this.data.nameInput.trim();
    if (!name || this.data.busy) return;
    await this.complete({ key: 'standardName', name });
  },

  async onRealName() {
    const platformId = this.data.platformIdInput.trim();
    if (this.data.busy) return;
    if (!platformId) {
      this.setData({ refusal: '请填写平台账号ID（认证主体为本单位）' });
      return;
    }
    await this.complete({ key: 'realName', platformId });
  },

  async onImage(event) {
    const { key } = event.currentTarget.dataset;
    if (this.data.busy) return;
    this.setData({ busy: key });
    const up = await pickAndUpload(`accounts/${this.data.accountId}/${key}`);
    if (!up) {
      this.setData({ busy: '' });
      return;
    }
    if (!up.ok) {
      this.setData({ busy: '' });
      toast(up.error.message);
      return;
    }
    await this.complete({ key, fileID: up.data.fileID });
  },
});
