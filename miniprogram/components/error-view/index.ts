/** The error state every page shows: what went wrong and a 重试 button that emits `retry`. */
Component({
  properties: {
    message: { type: String, value: '加载失败' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
