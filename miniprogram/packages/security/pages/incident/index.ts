/**
 * One security incident and its timeline (第三十三条): reported, platform contacted (who, when, the
 * ticket), account secured, content handled, notes, suspension lifted, closed with a summary. Anyone
 * on the account records steps; the propaganda desk lifts the posting suspension once the account is
 * secured, and closes the incident when every step it needs is recorded.
 */
import type { IncidentStepInput, IncidentStepKind, IncidentView } from '../../../../../typings/security';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { ValueEvent } from '../../../../utils/events';
import { PLATFORM_LABELS } from '../../../../utils/org-labels';
import { INCIDENT_KIND_LABELS, STEP_LABELS, beijingPickers, formatBeijing, pickersToIso } from '../../utils/security';

type RecordKind = IncidentStepInput['kind'];

interface StepRow {
  key: string;
  title: string;
  time: string;
  detail: string;
}

interface StepOption {
  value: RecordKind;
  label: string;
}

interface IncidentData extends LoadState {
  id: string;
  rev: number;
  title: string;
  account: string;
  description: string;
  stateLabel: string;
  stateTag: string;
  suspended: boolean;
  steps: StepRow[];
  missing: string;
  canRecord: boolean;
  canLift: boolean;
  canClose: boolean;
  summary: string;
  options: StepOption[];
  stepKind: RecordKind;
  date: string;
  time: string;
  platformContact: string;
  ticket: string;
  note: string;
  liftNote: string;
  closeSummary: string;
  busy: boolean;
  refusal: string;
}

interface IncidentCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(view: IncidentView): void;
  onRetry(): void;
  onStepKind(event: ValueEvent<RecordKind>): void;
  onDate(event: { detail: { value: string } }): void;
  onTime(event: { detail: { value: string } }): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: string } } }): void;
  onRecord(): Promise<void>;
  onLift(): Promise<void>;
  onClose(): Promise<void>;
  answer(res: Awaited<ReturnType<typeof call<'security', 'incidentStep'>>>, done: string): void;
}

function stepRow(s: IncidentView['steps'][number], i: number): StepRow {
  const extra =
    s.kind === 'platformContacted'
      ? [s.platformContact ? `联系：${s.platformContact}` : '', s.ticket ? `工单号：${s.ticket}` : '']
      : [];
  return {
    key: `${i}-${s.kind}`,
    title: STEP_LABELS[s.kind],
    time: `${formatBeijing(s.at)}｜${s.byName}`,
    detail: [...extra, s.note].filter(Boolean).join('；'),
  };
}

const RECORDABLE: readonly RecordKind[] = ['platformContacted', 'secured', 'contentHandled', 'note'];

Page<IncidentData, IncidentCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    rev: 0,
    title: '',
    account: '',
    description: '',
    stateLabel: '',
    stateTag: 'primary',
    suspended: false,
    steps: [],
    missing: '',
    canRecord: false,
    canLift: false,
    canClose: false,
    summary: '',
    options: [],
    stepKind: 'note',
    date: '',
    time: '',
    platformContact: '',
    ticket: '',
    note: '',
    liftNote: '',
    closeSummary: '',
    busy: false,
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    const now = beijingPickers(Date.now());
    this.setData({ id: decodeURIComponent(query.id ?? ''), date: now.date, time: now.time });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const view = await latestData(this, call('security', 'incident', { incidentId: this.data.id }));
    if (view) this.show(view);
  },

  show(v) {
    // A step done once is not offered again; notes may be added any number of times.
    const done = new Set<IncidentStepKind>(v.steps.map((s) => s.kind));
    const options = RECORDABLE.filter((k) => k === 'note' || !done.has(k)).map((value) => ({
      value,
      label: STEP_LABELS[value],
    }));
    const stepKind = options.some((o) => o.value === this.data.stepKind)
      ? this.data.stepKind
      : (options[0]?.value ?? 'note');
    this.setData({
      status: 'ready',
      rev: v.rev,
      title: INCIDENT_KIND_LABELS[v.kind],
      account: `${v.accountName}（${PLATFORM_LABELS[v.platform]}）｜${v.unitName}`,
      description: `${formatBeijing(v.happenedAt)} 发生，${v.reportedBy.name} 于 ${formatBeijing(v.reportedAt)} 报告：${v.description}`,
      stateLabel: v.state === 'closed' ? '已结案' : '处置中',
      stateTag: v.state === 'closed' ? 'success' : 'danger',
      suspended: v.suspended,
      steps: v.steps.map(stepRow),
      missing: v.missingForClose.map((k) => STEP_LABELS[k]).join('、'),
      canRecord: v.can.record,
      canLift: v.can.lift,
      canClose: v.can.close,
      summary: v.summary ?? '',
      options,
      stepKind,
    });
  },

  onStepKind(event) {
    this.setData({ stepKind: event.detail });
  },

  onDate(event) {
    this.setData({ date: event.detail.value });
  },

  onTime(event) {
    this.setData({ time: event.detail.value });
  },

  onField(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail });
  },

  answer(res, done) {
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      if (res.error.code === 'CONFLICT') void this.load();
      return;
    }
    this.setData({ note: '', platformContact: '', ticket: '', liftNote: '', closeSummary: '' });
    this.show(res.data);
    void wx.showToast({ title: done, icon: 'success' });
  },

  async onRecord() {
    if (this.data.busy) return;
    const at = pickersToIso(this.data.date, this.data.time);
    const note = this.data.note.trim();
    const kind = this.data.stepKind;
    const step: IncidentStepInput =
      kind === 'platformContacted'
        ? { kind, at, note, platformContact: this.data.platformContact.trim(), ticket: this.data.ticket.trim() }
        : { kind, at, note };
    this.setData({ busy: true, refusal: '' });
    const res = await call('security', 'incidentStep', { incidentId: this.data.id, expectedRev: this.data.rev, step });
    this.answer(res, '已登记');
  },

  async onLift() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('security', 'incidentLift', {
      incidentId: this.data.id,
      expectedRev: this.data.rev,
      note: this.data.liftNote.trim(),
    });
    this.answer(res, '已解除暂停');
  },

  async onClose() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('security', 'incidentClose', {
      incidentId: this.data.id,
      expectedRev: this.data.rev,
      summary: this.data.closeSummary.trim(),
    });
    this.answer(res, '已结案');
  },
});
