/**
 * Merging WeChat's security.msgSecCheck (v2) verdict into a screening result: the platform's own
 * check stands beside ours — risky refuses the submission, review asks for care.
 */
import type { MsgSecCheckVerdict, PlatformHit, ScreeningResult } from '../../typings/screening';
import { categoryOf, formatRef, levelFloorOf } from './categories';
import { summarise } from './result';

/** msgSecCheck v2 label codes. */
export const MSG_SEC_LABELS: Readonly<Record<number, string>> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};

export function msgSecLabelName(label: number): string {
  return MSG_SEC_LABELS[label] ?? `未知标签（${label}）`;
}

export function mergeMsgSecCheck(result: ScreeningResult, verdict: MsgSecCheckVerdict): ScreeningResult {
  if (verdict.suggest === 'pass') return result;
  const category = categoryOf(verdict.suggest === 'risky' ? 'platformRisky' : 'platformReview');
  const labelName = msgSecLabelName(verdict.label);
  const hit: PlatformHit = {
    category: category.id,
    ref: formatRef(category.ref),
    title: category.title,
    effect: category.effect,
    levelFloor: levelFloorOf(category),
    source: 'msgSecCheck',
    rule: `微信内容安全：${labelName}`,
    where: 'platform',
    label: verdict.label,
    labelName,
  };
  return summarise(result.lexiconVersion, result.context, [...result.hits, hit], result.suggestions);
}
