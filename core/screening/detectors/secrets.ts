/**
 * 第十七条（一）7: classification marks. 秘密, 机密 and 内部 are everyday words, so they fire only as
 * marks (★秘密, 机密★1年, 【内部】, （密）) or in phrases that only a marked document uses; 绝密, 密级,
 * 保密期限 and 警务工作秘密 always fire. A meeting (内部通报会) is police news, not a marked document.
 */
import { detectorText, scan, type DetectorHit } from './types';

const LEVEL = '(?:绝密|机密|秘密)';
export const MARKS: readonly { rule: string; pattern: RegExp }[] = [
  { rule: '密级标志（★）', pattern: new RegExp(`${LEVEL}\\s*★(?:\\s*\\d+\\s*(?:年|个月))?|★\\s*${LEVEL}`, 'g') },
  {
    rule: '密级或内部标志（括注）',
    pattern:
      /[【[〔(（]\s*(?:绝密|机密|秘密|密|内部|内部资料|内部文件|内部使用|警务工作秘密|涉密|机密级|秘密级)\s*[】\]〕)）]/g,
  },
  { rule: '密级字样', pattern: /绝密|密级|保密期限|警务工作秘密|国家秘密|机密级|秘密级|机密文件/g },
  {
    rule: '内部资料字样',
    pattern: /内部资料|内部文件|内部通报(?!会)|内部传阅|仅限内部|内部使用|请勿外传|不得外传|严禁外传|别外传|注意保密/g,
  },
];

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
