/**
 * A screened text with its hits marked (red: refused, orange: publish with care, blue: a triage
 * suggestion) and, below, each hit with its article, category and effect (第十七条, 第十八条, 第四十条).
 * Offsets are UTF-16 units into the screened string; `offset` says where `text` starts in it.
 */
import type { ScreeningHit } from '../../../typings/screening';
import { notesOf, segmentsOf } from './marks';

Component({
  properties: {
    text: { type: String, value: '' },
    hits: { type: Array, value: [] },
    offset: { type: Number, value: 0 },
    showText: { type: Boolean, value: true },
    showList: { type: Boolean, value: true },
  },
  data: {
    segments: segmentsOf('', []),
    notes: notesOf([]),
  },
  observers: {
    'text, hits, offset'(text: string, hits: ScreeningHit[], offset: number) {
      this.setData({ segments: segmentsOf(text, hits, offset), notes: notesOf(hits) });
    },
  },
});
