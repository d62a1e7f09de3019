/**
 * What the post pages show: Chinese labels, screening marks over the title and text, and a
 * version diff as coloured runs. Pure functions over the contract's types.
 */
import type { DiffOp, PostState, ScreeningHit, SensitivityLevel, SpanHit } from '../../typings/post';
import { classifierNote } from '../components/screening-marks/marks';

/** The editor screens again once typing pauses this long (screen.check). */
export const LIVE_CHECK_DELAY_MS = 600;

/** The editor saves a changed draft by itself once the author has paused this long (issue 16). */
export const AUTOSAVE_DELAY_MS = 15_000;

/** What WeChat asks before the editor is left with changes not yet saved (back button or gesture). */
export const LEAVE_WARNING = '稿件有未保存的修改，离开后将丢失。确定离开吗？';

export const LEVEL_LABELS: Readonly<Record<SensitivityLevel, string>> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感或涉及全省',
};

export const LEVEL_OPTIONS: ReadonlyArray<{ value: SensitivityLevel; label: string }> = (
  ['ordinary', 'major', 'especiallyMajor'] as const
).map((value) => ({ value, label: LEVEL_LABELS[value] }));

export const STATE_LABELS: Readonly<Record<PostState, string>> = {
  draft: '草稿',
  inReview: '审核中',
  returned: '已退回',
  withdrawn: '已撤回',
  approved: '已通过',
  published: '已发布',
};

/** van-tag types. */
export const STATE_TAGS: Readonly<Record<PostState, 'default' | 'primary' | 'success' | 'warning' | 'danger'>> = {
  draft: 'default',
  inReview: 'primary',
  returned: 'danger',
  withdrawn: 'warning',
  approved: 'success',
  published: 'success',
};

/** Posts their author still works on (the editor opens them; the others open the detail). */
export const EDITABLE_STATES: readonly PostState[] = ['draft', 'returned', 'withdrawn'];

/** `aside`: a hit 语义复核 set aside, shown faintly; it decides nothing. */
export type Mark = '' | 'block' | 'caution' | 'aside' | 'ins' | 'del';

export interface Segment {
  text: string;
  mark: Mark;
}

export interface HitNote {
  key: string;
  text: string;
  mark: 'block' | 'caution' | 'aside';
}

const RANK: Readonly<Record<Mark, number>> = { '': 0, ins: 0, del: 0, aside: 1, caution: 2, block: 3 };

function markOf(hit: ScreeningHit): 'block' | 'caution' | null {
  if (hit.effect === 'block') return 'block';
  return hit.effect === 'caution' ? 'caution' : null;
}

/** Runs of `text` (UTF-16 offsets `from`…) with the strongest mark of the spans covering each. */
function segmentsOf(
  text: string,
  from: number,
  spans: ReadonlyArray<{ start: number; end: number; mark: Mark }>,
): Segment[] {
  const marks: Mark[] = new Array<Mark>(text.length).fill('');
  for (const s of spans) {
    for (let i = Math.max(s.start, from); i < Math.min(s.end, from + text.length); i += 1) {
      if (RANK[s.mark] > RANK[marks[i - from] ?? '']) marks[i - from] = s.mark;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const mark = marks[i] ?? '';
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text.charAt(i);
    else out.push({ text: text.charAt(i), mark });
  }
  return out;
}

/**
 * The editor's marks: screening offsets run over `title + '\n' + text` (server/post/screening.ts);
 * they are split back into the two fields. Notes name each hit and its article; what 语义复核 set aside
 * follows, marked as such, so that the author sees what did not count and why.
 */
export function markContent(
  title: string,
  text: string,
  hits: readonly ScreeningHit[],
  setAside: readonly SpanHit[] = [],
): { title: Segment[]; text: Segment[]; notes: HitNote[] } {
  const spans: Array<{ start: number; end: number; mark: Mark }> = [];
  const notes: HitNote[] = [];
  hits.forEach((hit, i) => {
    const mark = markOf(hit);
    if (!mark) return;
    if (hit.where === 'text') spans.push({ start: hit.start, end: hit.end, mark });
    const what =
      hit.where === 'platform'
        ? hit.labelName
        : hit.where !== 'text'
          ? `来源“${hit.matched}”`
          : hit.source === 'classifier'
            ? classifierNote(hit)
            : `“${hit.matched}”`;
    notes.push({ key: `h${i}`, text: `${what}：${hit.title}（${hit.ref}）`, mark });
  });
  // a term and the rule built on it often set aside the same words: one note for both
  const asideNotes = new Set<string>();
  setAside.forEach((hit, i) => {
    if (hit.where === 'text') spans.push({ start: hit.start, end: hit.end, mark: 'aside' });
    const note = `语义复核认为可能误报、未计入：“${hit.matched}”：${hit.title}（${hit.ref}）`;
    if (asideNotes.has(note)) return;
    asideNotes.add(note);
    notes.push({ key: `a${i}`, text: note, mark: 'aside' });
  });
  return { title: segmentsOf(title, 0, spans), text: segmentsOf(text, title.length + 1, spans), notes };
}

/** A diff as runs to colour: inserted, deleted, unchanged. */
export function diffSegments(ops: readonly DiffOp[]): Segment[] {
  return ops.map((op) => ({ text: op.text, mark: op.op === 'insert' ? 'ins' : op.op === 'delete' ? 'del' : '' }));
}

/** An instant as ISO-8601 with the Beijing offset, from a picker's date and time. */
export function beijingIso(date: string, time: string): string {
  return `${date}T${time}:00.000+08:00`;
}

/** The picker's date and time of an instant, in Beijing time. */
export function beijingPickerParts(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const s = new Date(ms + 8 * 3_600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}
