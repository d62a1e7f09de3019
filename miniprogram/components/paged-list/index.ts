/**
 * The frame of every list (services/list.ts): a spinner while the first page loads, the error with
 * 重试, the empty state, or the rows (the slot) with the footer that loads more down to the end.
 * Emits `retry` and `more`.
 */
Component({
  options: { multipleSlots: true },
  properties: {
    /** The page's `list.status`. */
    status: { type: String, value: 'loading' },
    errorMessage: { type: String, value: '' },
    /** How many rows are shown (the empty state shows at 0). */
    count: { type: Number, value: 0 },
    /** What the empty state says, e.g. 暂无稿件. */
    empty: { type: String, value: '暂无内容' },
    hasMore: { type: Boolean, value: false },
    loadingMore: { type: Boolean, value: false },
    moreFailed: { type: Boolean, value: false },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onMore() {
      this.triggerEvent('more');
    },
  },
});
