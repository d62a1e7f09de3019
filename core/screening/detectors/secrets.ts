/**
 * 第十七条（一）7: classification marks. 秘密, 机密 and 内部 are everyday words, so they fire only as
 * marks (★秘密, 机密★1年, 【内部】, （密）) or in phrases that only a marked document uses; 绝密, 密级,
 * 保密期限 and 警务工作秘密 always fire. A meeting (内部通报会) is police news, not a marked document.
 */
import { detectorText, scan, type DetectorHit } from './types';

const LEVEL = '(?:绝密|机密|秘密)';
/**
 * Each mark's pattern, and `needs`: characters one of which every match of it contains (a star, an
 * opening bracket, 密, 内/外/保). The one-scan detectors run a pattern over a cue's window only when
 * the window holds one of them, so most windows (an everyday 内部 or 秘密) are not read four times.
 * `pairs`, where given, is narrower: two-character sequences one of which every match contains
 * (绝密 … 机密文件 each hold one of 绝密, 密级, 密期, 作秘, 家秘, 密文; an everyday 秘密 or 机密
 * none), so the window of a plain 秘密, 机密 or 内部 is not read by these patterns at all.
 * A pattern changed here must keep its `needs` and `pairs` true (the detector test checks them on
 * the corpus).
 */
export const MARKS: readonly { rule: string; pattern: RegExp; needs: string; pairs?: readonly string[] }[] = [
  {
    rule: '密级标志（★）',
    pattern: new RegExp(`${LEVEL}\\s*★(?:\\s*\\d+\\s*(?:年|个月))?|★\\s*${LEVEL}`, 'g'),
    needs: '★',
  },
  {
    rule: '密级或内部标志（括注）',
    pattern:
      /[【[〔(（]\s*(?:绝密|机密|秘密|密|内部|内部资料|内部文件|内部使用|警务工作秘密|涉密|机密级|秘密级)\s*[】\]〕)）]/g,
    needs: '【[〔(（',
  },
  {
    rule: '密级字样',
    pattern: /绝密|密级|保密期限|警务工作秘密|国家秘密|机密级|秘密级|机密文件/g,
    needs: '密',
    pairs: ['绝密', '密级', '密期', '作秘', '家秘', '密文'],
  },
  {
    rule: '内部资料字样',
    pattern: /内部资料|内部文件|内部通报(?!会)|内部传阅|仅限内部|内部使用|请勿外传|不得外传|严禁外传|别外传|注意保密/g,
    needs: '内外保',
    pairs: ['部资', '部文', '部通', '部传', '限内', '部使', '勿外', '得外', '禁外', '别外', '意保'],
  },
];

/** Whether `text` holds one of the characters of `chars`. */
export function holdsAny(text: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (text.includes(chars[i])) return true;
  return false;
}

export function detectSecretMarks(original: string, view = detectorText(original)): DetectorHit[] {
  const text = view;
  const hits: DetectorHit[] = [];
  for (const { rule, pattern } of MARKS) {
    for (const m of scan(pattern, text)) {
      // A bracketed or starred mark already covers the words inside it.
      if (hits.some((h) => h.start <= m.start && m.end <= h.end)) continue;
      hits.push({
        start: m.start,
        end: m.end,
        category: 'secret',
        detector: 'secretMark',
        rule,
        matched: original.slice(m.start, m.end),
      });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
