/**
 * How the model's reading reads on a phone: each finding labelled as the model's (never as the
 * rules' verdict), with its article, the evidence as it stands in the post, the model's reason and
 * confidence, and the approvers' judgements; the note when the post went on the rules alone.
 */
import type { JudgementVerdict, JudgementView, ReadingView } from '../../../typings/reader';
import type { SensitivityLevel } from '../../../typings/screening';

const LEVELS: Readonly<Record<SensitivityLevel, string>> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感',
};

const VERDICTS: Readonly<Record<JudgementVerdict, string>> = { right: '判断正确', wrong: '判断有误' };

export interface FindingRow {
  id: string;
  /** 禁发提示 for 严禁 items, 慎发提示 for 慎重 items: the model's, not the rules'. */
  kindLabel: string;
  tag: 'danger' | 'warning';
  ref: string;
  title: string;
  quote: string;
  reason: string;
  confidence: string;
  /** A caution item's floor as the rules give it. */
  floor: string;
  /** The caller's own judgement; '' when none. */
  mine: JudgementVerdict | '';
  /** Everyone's judgements, e.g. 张伟：判断正确. */
  others: string;
}

export interface ReadingDisplay {
  /** false: nothing to show (switched off, or no reading). */
  visible: boolean;
  meta: string;
  note: string;
  raised: string;
  clean: boolean;
  rows: FindingRow[];
}

export const HIDDEN: ReadingDisplay = { visible: false, meta: '', note: '', raised: '', clean: false, rows: [] };

function seconds(ms: number): string {
  return ms < 100 ? '' : `用时 ${(ms / 1000).toFixed(1)} 秒`;
}

export function displayOf(
  reading: ReadingView | null,
  judgements: readonly JudgementView[] = [],
  mine: ReadonlyArray<{ findingId: string; verdict: JudgementVerdict }> = [],
  /** The submitted version the reading belongs to (0: not said, as in the editor). */
  version = 0,
): ReadingDisplay {
  if (!reading || reading.state === 'off') return HIDDEN;
  const meta = [
    version > 0 ? `第 ${version} 版` : '',
    reading.model ?? '',
    reading.promptVersion === null ? '' : `提示词 v${reading.promptVersion}`,
    reading.cached ? '沿用此前对相同内容的审读' : seconds(reading.latencyMs),
  ]
    .filter(Boolean)
    .join(' · ');
  const rows = reading.findings.map((f): FindingRow => {
    const theirs = judgements.filter((j) => j.findingId === f.id);
    return {
      id: f.id,
      kindLabel: f.kind === 'prohibited' ? '模型·禁发提示' : '模型·慎发提示',
      tag: f.kind === 'prohibited' ? 'danger' : 'warning',
      ref: f.ref,
      title: f.title,
      quote: f.quote,
      reason: f.reason,
      confidence: `置信度 ${Math.round(f.confidence * 100)}%`,
      floor: f.levelFloor && f.levelFloor !== 'ordinary' ? `规则对此项要求至少“${LEVELS[f.levelFloor]}”` : '',
      mine: mine.find((m) => m.findingId === f.id)?.verdict ?? '',
      others: theirs.map((j) => `${j.personName}：${VERDICTS[j.verdict]}`).join('；'),
    };
  });
  return {
    visible: true,
    meta,
    note: reading.note ?? '',
    raised: reading.raisedTo ? `已按省厅设置将敏感等级提高至“${LEVELS[reading.raisedTo]}”` : '',
    clean: reading.state === 'done' && rows.length === 0,
    rows,
  };
}
