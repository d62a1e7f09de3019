/**
 * The editor's on-demand reading (大模型审读, docs/reader.md): offered only when the province desk has
 * switched the reader on; a tap sends the draft's title and text to `reader.check` and shows the
 * model's marks beside the rules' (reader-marks). The same content is not read again at submission.
 */
import type { ReadingView } from '../../../typings/reader';
import { call } from '../../services/api';

Component({
  properties: {
    accountId: { type: String, value: '' },
    title: { type: String, value: '' },
    text: { type: String, value: '' },
  },
  data: {
    enabled: false,
    /** The desk's time limit, said before the operator waits for it. */
    timeoutSeconds: 0,
    busy: false,
    reading: null as ReadingView | null,
    /** The title and text the reading shown belongs to. */
    readTitle: '',
    readText: '',
    stale: false,
    error: '',
  },
  observers: {
    'title, text'(title: string, text: string) {
      if (this.data.reading) this.setData({ stale: title !== this.data.readTitle || text !== this.data.readText });
    },
  },
  lifetimes: {
    attached() {
      void call('reader', 'status', {}).then((res) => {
        if (res.ok) this.setData({ enabled: res.data.enabled, timeoutSeconds: res.data.timeoutSeconds });
      });
    },
  },
  methods: {
    async onRead() {
      const { accountId, title, text, busy } = this.data;
      if (busy || !accountId) return;
      if (`${title}${text}`.trim() === '') {
        this.setData({ error: '请先填写标题或正文' });
        return;
      }
      this.setData({ busy: true, error: '' });
      const res = await call('reader', 'check', { accountId, title, text });
      this.setData({ busy: false });
      if (!res.ok) {
        this.setData({ error: res.error.message });
        return;
      }
      if (res.data.state === 'off') {
        this.setData({ enabled: false, reading: null });
        return;
      }
      // The operator may have kept editing while the model read: the marks are of what was sent.
      const stale = this.data.title !== title || this.data.text !== text;
      this.setData({ reading: res.data, readTitle: title, readText: text, stale });
    },
  },
});
