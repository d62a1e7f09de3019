import type { PlatformHit, ScreeningHit, SpanHit } from '../../../typings/screening';
import { harness, render } from '../../test-utils/simulate';
import { segmentsOf } from './marks';

const span = (over: Partial<SpanHit> & Pick<SpanHit, 'start' | 'end' | 'matched'>): SpanHit => ({
  category: 'privacy',
  ref: '第十七条（一）8',
  title: '侵犯公民个人隐私或其他不良、不实信息',
  effect: 'block',
  levelFloor: null,
  source: 'lexicon',
  rule: '人肉搜索',
  where: 'text',
  ...over,
});

const platform: PlatformHit = {
  category: 'platformReview',
  ref: '第十七条',
  title: '微信内容安全检测：疑似',
  effect: 'caution',
  levelFloor: 'ordinary',
  source: 'msgSecCheck',
  rule: '微信内容安全：广告',
  where: 'platform',
  label: 10001,
  labelName: '广告',
};

interface MarksData {
  segments: { text: string; mark: string }[];
}

function view(properties: {
  text: string;
  hits: ScreeningHit[];
  offset?: number;
  showText?: boolean;
  showList?: boolean;
}) {
  return harness<MarksData>(render('components/screening-marks/index', properties));
}

describe('screening-marks', () => {
  const text = '有人发起人肉搜索，电话138****5678已公开。';
  const hits: ScreeningHit[] = [
    span({ start: 4, end: 8, matched: '人肉搜索' }),
    span({
      start: 11,
      end: 22,
      matched: '138****5678',
      source: 'mobile',
      rule: '手机号码',
    }),
    span({
      category: 'majorCase',
      ref: '第十七条（二）3',
      title: '重大刑事案件、治安案件和涉外案件',
      effect: 'caution',
      levelFloor: 'major',
      rule: '人肉',
      start: 4,
      end: 6,
      matched: '人肉',
    }),
    platform,
  ];

  it('marks each span with the strongest effect covering it', () => {
    const v = view({ text, hits });
    expect(v.data().segments).toEqual([
      { text: '有人发起', mark: '' },
      { text: '人肉搜索', mark: 'block' },
      { text: '，电话', mark: '' },
      { text: '138****5678', mark: 'block' },
      { text: '已公开。', mark: '' },
    ]);
    expect(v.text('#text')).toContain('有人发起 人肉搜索');
  });

  it('lists every hit with its article, category, effect and what fired', () => {
    const v = view({ text, hits });
    expect(v.text('#note-0')).toBe(
      '禁止发布 第十七条（一）8 侵犯公民个人隐私或其他不良、不实信息 词条“人肉搜索”：“人肉搜索”',
    );
    expect(v.text('#note-1')).toContain('手机号码：“138****5678”');
    expect(v.text('#note-2')).toContain('审慎发布（不低于重大敏感） 第十七条（二）3');
    expect(v.text('#note-3')).toContain('微信内容安全：广告');
    expect(v.exists('#clean')).toBe(false);
  });

  it('names the phrases 语义研判 weighed most, and marks the window it read', () => {
    const read = '小区里那个哭着找妈妈的小女孩，脸上身上全是伤，照片我们先发出来。';
    const v = view({
      text: read,
      hits: [
        span({
          source: 'classifier',
          rule: '语义研判（把握 97%）',
          effect: 'caution',
          levelFloor: 'especiallyMajor',
          start: 0,
          end: read.length,
          matched: read,
          confidence: 0.97,
          evidence: [
            { start: 9, end: 14, matched: '找妈妈的小' },
            { start: 25, end: 29, matched: '照片我们' },
          ],
        }),
      ],
    });
    expect(v.text('#note-0')).toBe(
      '审慎发布（不低于特别重大敏感） 第十七条（一）8 侵犯公民个人隐私或其他不良、不实信息 语义研判（把握 97%），依据“找妈妈的小”“照片我们”',
    );
    expect(v.data().segments).toEqual([{ text: read, mark: 'caution' }]);
  });

  it('places hits of `title + newline + text` into the text by its offset', () => {
    const title = '通报';
    const body = '发生一起命案。';
    const caution = span({
      effect: 'caution',
      levelFloor: 'major',
      start: title.length + 1 + 4,
      end: title.length + 1 + 6,
      matched: '命案',
    });
    expect(segmentsOf(body, [caution], title.length + 1)).toEqual([
      { text: '发生一起', mark: '' },
      { text: '命案', mark: 'caution' },
      { text: '。', mark: '' },
    ]);
    // A span of the title does not leak into the text.
    expect(segmentsOf(body, [span({ start: 0, end: 2, matched: '通报' })], title.length + 1)).toEqual([
      { text: body, mark: '' },
    ]);
  });

  it('says so when nothing was found, and can show only the list or only the text', () => {
    const clean = view({ text: '冬季防火提示。', hits: [] });
    expect(clean.text('#clean')).toBe('未发现问题');
    expect(view({ text, hits, showText: false }).exists('#text')).toBe(false);
    expect(view({ text, hits, showList: false }).exists('#notes')).toBe(false);
  });
});
