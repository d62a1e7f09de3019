/**
 * What the screening-marks component shows, as pure functions over the contract's hits: the text in
 * runs carrying the strongest effect that covers them, and one note per hit naming its article.
 */
import type { ScreeningEffect, ScreeningHit, SensitivityLevel, SpanHit } from '../../../typings/screening';

export type MarkEffect = '' | ScreeningEffect;

export interface MarkSegment {
  text: string;
  mark: MarkEffect;
}

export interface HitNote {
  key: string;
  mark: ScreeningEffect;
  /** e.g. 第十七条（一）8 */
  ref: string;
  title: string;
  effectLabel: string;
  /** What fired and what it matched (personal data arrives masked from the server). */
  what: string;
}

const LEVEL: Readonly<Record<SensitivityLevel, string>> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感',
};

const RANK: Readonly<Record<MarkEffect, number>> = { '': 0, triage: 1, caution: 2, block: 3 };

export function effectLabel(hit: ScreeningHit): string {
  if (hit.effect === 'block') return '禁止发布';
  if (hit.effect === 'triage') return '处置建议';
  // As the rule editor words it (core/screening ruleEffectLabel): 一般 is every post's floor, so unsaid.
  return hit.levelFloor && hit.levelFloor !== 'ordinary' ? `审慎发布（不低于${LEVEL[hit.levelFloor]}）` : '审慎发布';
}

/**
 * 语义研判 reads a whole window (marked in the text): its note names the phrases that weighed most
 * rather than quoting the window. Post editing words it the same (utils/posts.ts).
 */
export function classifierNote(hit: SpanHit): string {
  const evidence = (hit.evidence ?? []).map((e) => `“${e.matched}”`).join('');
  return evidence ? `${hit.rule}，依据${evidence}` : hit.rule;
}

function whatOf(hit: ScreeningHit): string {
  if (hit.where === 'platform') return `微信内容安全：${hit.labelName}`;
  if (hit.where !== 'text') return `${hit.where === 'outlet' ? '来源名称' : '来源链接'}“${hit.matched}”`;
  if (hit.source === 'lexicon') return `词条“${hit.rule}”：“${hit.matched}”`;
  if (hit.source === 'classifier') return classifierNote(hit);
  return `${hit.rule}：“${hit.matched}”`;
}

export function notesOf(hits: readonly ScreeningHit[]): HitNote[] {
  return hits.map((hit, i) => ({
    key: `h${i}`,
    mark: hit.effect,
    ref: hit.ref,
    title: hit.title,
    effectLabel: effectLabel(hit),
    what: whatOf(hit),
  }));
}

/**
 * Runs of `text`, whose first character sits at `offset` in the screened string (a post's text
 * follows its title and a line break), each with the strongest effect of the spans covering it.
 */
export function segmentsOf(text: string, hits: readonly ScreeningHit[], offset = 0): MarkSegment[] {
  const marks = new Array<MarkEffect>(text.length).fill('');
  for (const hit of hits) {
    if (hit.where !== 'text') continue;
    const from = Math.max(hit.start - offset, 0);
    const to = Math.min(hit.end - offset, text.length);
    for (let i = from; i < to; i += 1) if (RANK[hit.effect] > RANK[marks[i] ?? '']) marks[i] = hit.effect;
  }
  const out: MarkSegment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const mark = marks[i] ?? '';
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text.charAt(i);
    else out.push({ text: text.charAt(i), mark });
  }
  return out;
}
