/**
 * The model's reading of a post's submitted version, for its operators and approvers (post-detail):
 * loads itself from `reader.forPost` when the post or its version changes, and records an
 * approver's 判断正确 / 判断有误 through `reader.judge`. Shows nothing when the reader is off.
 */
import type { PostReadingView } from '../../../typings/reader';
import { call } from '../../services/api';

interface JudgeEvent {
  detail: { findingId: string; verdict: 'right' | 'wrong' };
}

Component({
  properties: {
    postId: { type: String, value: '' },
    /** The post's version: a new submission brings a new reading. */
    version: { type: Number, value: 0 },
  },
  data: {
    view: null as PostReadingView | null,
    busy: false,
  },
  observers: {
    'postId, version'(postId: string) {
      if (postId) void this.load();
    },
  },
  methods: {
    async load() {
      const postId = this.data.postId;
      const res = await call('reader', 'forPost', { postId });
      // A slower answer for a post no longer shown is dropped; a refusal simply shows nothing.
      if (postId !== this.data.postId) return;
      this.setData({ view: res.ok ? res.data : null });
    },

    async onJudge(event: JudgeEvent) {
      const view = this.data.view;
      if (!view || view.version === null || this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('reader', 'judge', {
        postId: view.postId,
        version: view.version,
        findingId: event.detail.findingId,
        verdict: event.detail.verdict,
      });
      this.setData({ busy: false });
      if (!res.ok) {
        void wx.showToast({ title: res.error.message, icon: 'none' });
        return;
      }
      this.setData({ view: res.data });
      void wx.showToast({ title: '已记录', icon: 'success' });
    },
  },
});
