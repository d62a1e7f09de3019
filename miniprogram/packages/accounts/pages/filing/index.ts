/**
 * One filing (备案, 第十四条): the opening, closure or cancellation it reports, its deadline, its steps.
 * The unit's desk files it (or answers a query) with a note and the documents (approval form,
 * screenshots); the desk one level up acknowledges it or queries it.
 */
import type { FilingView } from '../../../../../typings/account';
import type { ApiResult } from '../../../../../typings/common';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { imageUrls } from '../../../../services/storage';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { STATE_TAGS, pickAndUpload, toast, when } from '../../utils/accounts';

const DOCUMENTS_MAX = 9;

interface StepRow {
  key: string;
  text: string;
  meta: string;
}

interface FilingData extends LoadState {
  id: string;
  rev: number;
  title: string;
  eventLabel: string;
  stateLabel: string;
  stateTag: string;
  overdue: boolean;
  lines: { label: string; value: string }[];
  filedNote: string;
  filedDocs: string[];
  steps: StepRow[];
  canFile: boolean;
  canAcknowledge: boolean;
  canQuery: boolean;
  note: string;
  noteError: string;
  documents: string[];
  thumbs: string[];
  busy: boolean;
  refusal: string;
}

interface FilingCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(f: FilingView): Promise<void>;
  onRetry(): void;
  onNote(event: ValueEvent<string>): void;
  onAddDocument(): Promise<void>;
  onRemoveDocument(event: DatasetEvent<{ index: number }>): void;
  onPreview(event: DatasetEvent<{ url: string }>): void;
  onFile(): Promise<void>;
  onAcknowledge(): Promise<void>;
  onQuery(): Promise<void>;
  finish(res: ApiResult<FilingView>, done: string): Promise<void>;
}

const STEP_LABELS: Readonly<Record<string, string>> = {
  created: '审批同意，待报备',
  file: '报备',
  acknowledge: '确认备案',
  query: '询问',
};

Page<FilingData, FilingCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    rev: 0,
    title: '',
    eventLabel: '',
    stateLabel: '',
    stateTag: 'default',
    overdue: false,
    lines: [],
    filedNote: '',
    filedDocs: [],
    steps: [],
    canFile: false,
    canAcknowledge: false,
    canQuery: false,
    note: '',
    noteError: '',
    documents: [],
    thumbs: [],
    busy: false,
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const f = await latestData(this, call('account', 'filing', { filingId: this.data.id }));
    if (f) await this.show(f);
  },

  async show(f) {
    const docs = await imageUrls(f.documents);
    this.setData({
      status: 'ready',
      rev: f.rev,
      title: `${f.accountName}（${f.platformLabel}）`,
      eventLabel: f.eventLabel,
      stateLabel: f.overdue ? '逾期未报备' : f.stateLabel,
      stateTag: f.overdue ? 'danger' : (STATE_TAGS[f.state] ?? 'default'),
      overdue: f.overdue,
      lines: [
        { label: '账号所属单位', value: f.unitName },
        { label: '报备单位', value: f.filerDeskName },
        { label: '备案单位', value: f.receiverDeskName },
        { label: '审批同意', value: when(f.approvedAt) },
        { label: '报备期限', value: when(f.dueAt) },
        ...(f.filedAt ? [{ label: '报备时间', value: when(f.filedAt) }] : []),
        ...(f.acknowledgedAt ? [{ label: '确认时间', value: when(f.acknowledgedAt) }] : []),
      ],
      filedNote: f.note ?? '',
      filedDocs: docs,
      steps: f.log.map((s, i) => ({
        key: `${i}`,
        text: `${STEP_LABELS[s.step] ?? s.step}${s.note ? `：${s.note}` : ''}`,
        meta: `${when(s.at)} · ${s.personName}`,
      })),
      canFile: f.can.file,
      canAcknowledge: f.can.acknowledge,
      canQuery: f.can.query,
    });
  },

  onNote(event) {
    this.setData({ note: event.detail, noteError: '' });
  },

  async onAddDocument() {
    if (this.data.documents.length >= DOCUMENTS_MAX || this.data.busy) return;
    this.setData({ busy: true });
    const up = await pickAndUpload(`filings/${this.data.id}`);
    this.setData({ busy: false });
    if (!up) return;
    if (!up.ok) {
      toast(up.error.message);
      return;
    }
    this.setData({
      documents: [...this.data.documents, up.data.fileID],
      thumbs: [...this.data.thumbs, up.data.local],
    });
  },

  onRemoveDocument(event) {
    const { index } = event.currentTarget.dataset;
    this.setData({
      documents: this.data.documents.filter((_, i) => i !== index),
      thumbs: this.data.thumbs.filter((_, i) => i !== index),
    });
  },

  onPreview(event) {
    void wx.previewImage({ urls: this.data.filedDocs, current: event.currentTarget.dataset.url });
  },

  async finish(res, done) {
    this.setData({ busy: false });
    if (!res.ok) {
      // Acknowledged or queried meanwhile by another member: show it as it is now.
      this.setData({ refusal: res.error.message });
      await this.load();
      return;
    }
    this.setData({ note: '', documents: [], thumbs: [] });
    toast(done);
    await this.show(res.data);
  },

  async onFile() {
    if (this.data.busy) return;
    const note = this.data.note.trim();
    if (!note) {
      this.setData({ noteError: '请填写报备说明（审批文件文号、开设或关闭情况等）' });
      return;
    }
    this.setData({ busy: true, refusal: '' });
    const res = await call('account', 'submitFiling', {
      filingId: this.data.id,
      expectedRev: this.data.rev,
      note,
      documents: this.data.documents,
    });
    await this.finish(res, '已报备');
  },

  async onAcknowledge() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const note = this.data.note.trim();
    const res = await call('account', 'acknowledgeFiling', {
      filingId: this.data.id,
      expectedRev: this.data.rev,
      ...(note ? { note } : {}),
    });
    await this.finish(res, '已确认备案');
  },

  async onQuery() {
    if (this.data.busy) return;
    const question = this.data.note.trim();
    if (!question) {
      this.setData({ noteError: '请写明需要报备单位说明的问题' });
      return;
    }
    this.setData({ busy: true, refusal: '' });
    const res = await call('account', 'queryFiling', { filingId: this.data.id, expectedRev: this.data.rev, question });
    await this.finish(res, '已发出询问');
  },
});
