import type { MessageRecordResult } from '../../../typings/referral';
import { call } from '../../services/api';
import { openPage } from '../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../utils/events';
import { beijingInput, parseBeijingInput, TRIAGE_LABELS } from '../../utils/referral';

type Mode = 'one' | 'batch';
type Field = 'senderNickname' | 'text' | 'receivedAt' | 'link' | 'pasted';

interface RecordedView {
  id: string;
  title: string;
  label: string;
}

interface RecordData {
  accountId: string;
  accountName: string;
  mode: Mode;
  senderNickname: string;
  text: string;
  receivedAt: string;
  link: string;
  pasted: string;
  error: string;
  submitting: boolean;
  recorded: RecordedView[];
  warnings: string[];
}

interface RecordCustom {
  onMode(event: DatasetEvent<{ mode: Mode }>): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: Field } } }): void;
  onSubmit(): Promise<void>;
  onRecordedTap(event: DatasetEvent<{ id: string }>): void;
}

function recordedViews(result: MessageRecordResult): RecordedView[] {
  return result.messages.map((m) => ({
    id: m.id,
    title: m.excerpt,
    label: [m.senderNickname ?? '', m.suggestedTriage ? `建议：${TRIAGE_LABELS[m.suggestedTriage]}` : '']
      .filter(Boolean)
      .join(' · '),
  }));
}

Page<RecordData, RecordCustom>({
  data: {
    accountId: '',
    accountName: '',
    mode: 'one',
    senderNickname: '',
    text: '',
    receivedAt: '',
    link: '',
    pasted: '',
    error: '',
    submitting: false,
    recorded: [],
    warnings: [],
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({
      accountId: query['accountId'] ?? '',
      accountName: decodeURIComponent(query['accountName'] ?? ''),
      receivedAt: beijingInput(Date.now()),
    });
  },

  onMode(event) {
    this.setData({ mode: event.currentTarget.dataset.mode, error: '' });
  },

  onField(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail, error: '' });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const { accountId, mode } = this.data;
    let request;
    if (mode === 'batch') {
      if (!this.data.pasted.trim()) {
        this.setData({ error: '请粘贴留言内容' });
        return;
      }
      request = call('referral', 'messageRecord', { accountId, pasted: this.data.pasted });
    } else {
      const text = this.data.text.trim();
      const receivedAt = parseBeijingInput(this.data.receivedAt);
      if (!text) {
        this.setData({ error: '请填写留言内容' });
        return;
      }
      if (!receivedAt) {
        this.setData({ error: '接收时间格式为 2026-03-10 09:30' });
        return;
      }
      request = call('referral', 'messageRecord', {
        accountId,
        senderNickname: this.data.senderNickname.trim() || null,
        text,
        receivedAt,
        link: this.data.link.trim() || null,
      });
    }
    this.setData({ submitting: true, error: '' });
    const res = await request;
    this.setData({ submitting: false });
    if (!res.ok) {
      this.setData({ error: res.error.message });
      return;
    }
    void wx.showToast({ title: `已登记${res.data.messages.length}条`, icon: 'success' });
    this.setData({
      recorded: [...recordedViews(res.data), ...this.data.recorded],
      warnings: res.data.warnings,
      senderNickname: '',
      text: '',
      link: '',
      pasted: '',
    });
  },

  onRecordedTap(event) {
    openPage(`/pages/message-detail/index?id=${event.currentTarget.dataset.id}`);
  },
});
