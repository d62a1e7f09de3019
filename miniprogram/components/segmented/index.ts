/**
 * A compact one-line choice among a few short options (Vant's card-tab look in the workbench's blue),
 * where a van-radio-group of three options wraps on a 375 px phone. Emits `change` with the chosen
 * option's name, as van-radio-group does, so a page swaps one for the other without changing its handler.
 */
import type { DatasetEvent } from '../../utils/events';

export interface SegmentedOption {
  name: string;
  label: string;
}

Component({
  properties: {
    options: { type: Array, value: [] as SegmentedOption[] },
    value: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
  },
  methods: {
    onTap(event: DatasetEvent<{ name: string }>) {
      const name = event.currentTarget.dataset.name;
      if (this.data.disabled || name === this.data.value) return;
      this.triggerEvent('change', name);
    },
  },
});
