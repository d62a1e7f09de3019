/**
 * The detectors' cue words: where one occurs, a detector looks (detectors/scan.ts). Matched by the
 * lexicon's own automaton in its one pass, so finding them costs no pass of their own.
 */
import { PURCHASE_CALL } from './commercial';

export type CueKind = 'minor' | 'secret' | 'purchase' | 'shop' | 'credential' | 'address';

/** Words whose presence sends a detector to look; matched in the lexicon's own automaton pass. */
export const DETECTOR_CUES: Readonly<Record<CueKind, readonly string[]>> = {
  minor: [
    '未成年',
    '少年',
    '少女',
    '男童',
    '女童',
    '儿童',
    '幼童',
    '幼儿',
    '婴儿',
    '男孩',
    '女孩',
    '小孩',
    '孩子',
    '学生',
    '同学',
    '小朋友',
  ],
  // （密）: the one-character mark is looked at only inside a bracket.
  secret: [
    '绝密',
    '机密',
    '秘密',
    '内部',
    '涉密',
    '密级',
    '保密期限',
    '注意保密',
    '外传',
    '(密',
    '（密',
    '【密',
    '〔密',
    '[密',
  ],
  purchase: [
    ...new Set(
      PURCHASE_CALL.source
        .split('|')
        .map((w) => w.replace(/[^\u4e00-\u9fa5]/g, ''))
        .filter((w) => w.length >= 2),
    ),
  ],
  shop: ['手机淘宝', '淘宝', '手淘', '天猫', '京东', '拼多多'],
  credential: ['密码', '口令', '验证码', '动态码', '校验码'],
  address: ['栋', '幢', '单元', '室', '户', '号楼'],
};

export interface Cue {
  kind: CueKind;
  start: number;
  end: number;
}
