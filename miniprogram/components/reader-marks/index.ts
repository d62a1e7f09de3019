/**
 * The model's reading beside the rules' marks (大模型审读, docs/reader.md): labelled as the model's,
 * advisory, with the note that says when the post went on the rules alone. Approvers who may judge
 * see 判断正确 / 判断有误 on each finding; the component reports a choice as a `judge` event.
 */
import type { JudgementVerdict, JudgementView, ReadingView } from '../../../typings/reader';
import { displayOf, HIDDEN } from './view';

Component({
  properties: {
    reading: { type: Object, value: null as unknown as ReadingView },
    judgements: { type: Array, value: [] as JudgementView[] },
    mine: { type: Array, value: [] as Array<{ findingId: string; verdict: JudgementVerdict }> },
    canJudge: { type: Boolean, value: false },
    /** The submitted version the reading belongs to; 0 in the editor. */
    version: { type: Number, value: 0 },
    busy: { type: Boolean, value: false },
  },
  data: { view: HIDDEN },
  observers: {
    'reading, judgements, mine, version'(
      reading: ReadingView | null,
      judgements: JudgementView[],
      mine: Array<{ findingId: string; verdict: JudgementVerdict }>,
      version: number,
    ) {
      this.setData({ view: displayOf(reading, judgements, mine, version) });
    },
  },
  methods: {
    onJudge(event: { currentTarget: { dataset: { id: string; verdict: JudgementVerdict } } }) {
      if (this.data.busy) return;
      const { id, verdict } = event.currentTarget.dataset;
      this.triggerEvent('judge', { findingId: id, verdict });
    },
  },
});
