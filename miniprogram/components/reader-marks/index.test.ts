import type { JudgementView, ReadingView } from '../../../typings/reader';
import { finding, reading } from '../../test-utils/reader-fixtures';
import { harness, render } from '../../test-utils/simulate';

interface MarksProps {
  reading: ReadingView | null;
  judgements?: JudgementView[];
  mine?: Array<{ findingId: string; verdict: 'right' | 'wrong' }>;
  canJudge?: boolean;
}

const view = (props: MarksProps) => harness(render('components/reader-marks/index', props));

describe('reader-marks', () => {
  it('labels each finding as the model’s, with its article, the evidence, the reason and the confidence', () => {
    const caution = finding({
      id: 'f2',
      item: '17.2.6',
      ref: '第十七条（二）6',
      title: '危及群众安全感',
      kind: 'caution',
      levelFloor: 'major',
      quote: '入室抢劫',
      confidence: 0.76,
    });
    const v = view({ reading: reading({ findings: [finding(), caution] }) });
    expect(v.text('#reader')).toContain('大模型审读 仅供参考，不作为审核结论');
    expect(v.text('#reader-meta')).toBe('hunyuan-exp/hunyuan-turbos-latest · 提示词 v2 · 用时 2.3 秒');
    expect(v.text('#finding-f1')).toBe(
      '模型·禁发提示 第十七条（一）9 置信度 82% “卖惨式”宣传 “以泪洗面” 渲染民警家属的悲苦处境',
    );
    expect(v.text('#finding-f2')).toContain('模型·慎发提示 第十七条（二）6 置信度 76%');
    expect(v.text('#finding-f2')).toContain('规则对此项要求至少“重大敏感”');
    expect(v.exists('#right-f1')).toBe(false);
  });

  it('shows the note when the post went on the rules alone, and nothing when the reader is off', () => {
    const timeout = view({
      reading: reading({ state: 'timeout', findings: [], note: '大模型审读超时（8 秒内未答复），本版本仅按规则筛查' }),
    });
    expect(timeout.text('#reader-note')).toBe('大模型审读超时（8 秒内未答复），本版本仅按规则筛查');
    expect(timeout.exists('#reader-clean')).toBe(false);
    expect(view({ reading: reading({ state: 'off', findings: [] }) }).exists('#reader')).toBe(false);
    expect(view({ reading: null }).exists('#reader')).toBe(false);
  });

  it('says when the model pointed at nothing, when it reused a reading and when it raised the level', () => {
    const v = view({ reading: reading({ findings: [], cached: true, raisedTo: 'major' }) });
    expect(v.text('#reader-clean')).toBe('大模型未指出问题');
    expect(v.text('#reader-meta')).toContain('沿用此前对相同内容的审读');
    expect(v.text('#reader-raised')).toBe('已按省厅设置将敏感等级提高至“重大敏感”');
  });

  it('lets an approver judge a finding, shows their choice and everyone’s judgements', async () => {
    const root = render('components/reader-marks/index', {
      reading: reading(),
      canJudge: true,
      mine: [{ findingId: 'f1', verdict: 'wrong' }],
      judgements: [
        { findingId: 'f1', verdict: 'wrong', personId: 'p1', personName: '张伟', at: '2026-11-30T10:05:00+08:00' },
        { findingId: 'f1', verdict: 'right', personId: 'p2', personName: '陈静', at: '2026-11-30T10:06:00+08:00' },
      ],
    });
    const judged = jest.fn();
    root.addEventListener('judge', judged);
    const v = harness(root);
    expect(v.text('#finding-f1')).toContain('张伟：判断有误；陈静：判断正确');
    expect((v.root.querySelector('#wrong-f1')?.data as { type: string }).type).toBe('danger');
    await v.fire('#right-f1', 'click');
    expect(judged).toHaveBeenCalledWith(expect.objectContaining({ detail: { findingId: 'f1', verdict: 'right' } }));
  });
});
