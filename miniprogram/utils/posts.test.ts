import type { SpanHit } from '../../typings/screening';
import { beijingIso, beijingPickerParts, diffSegments, markContent } from './posts';

const span = (start: number, end: number, matched: string, effect: 'block' | 'caution'): SpanHit => ({
  category: effect === 'block' ? 'reputation' : 'majorCase',
  ref: effect === 'block' ? '第十七条（一）1' : '第十七条（二）3',
  title: effect === 'block' ? '损害公安形象' : '重大刑事案件',
  effect,
  levelFloor: effect === 'caution' ? 'major' : null,
  source: 'lexicon',
  rule: matched,
  where: 'text',
  start,
  end,
  matched,
});

describe('post marks and diffs', () => {
  it('splits screening spans over title + newline + text back into the two fields', () => {
    const title = '命案通报';
    const text = '网传黑警打人';
    // "命案" at 0–2 in the title; "黑警" at 2–4 of the text, i.e. 5 + 2 in the combined string.
    const marks = markContent(title, text, [span(0, 2, '命案', 'caution'), span(7, 9, '黑警', 'block')]);
    expect(marks.title).toEqual([
      { text: '命案', mark: 'caution' },
      { text: '通报', mark: '' },
    ]);
    expect(marks.text).toEqual([
      { text: '网传', mark: '' },
      { text: '黑警', mark: 'block' },
      { text: '打人', mark: '' },
    ]);
    expect(marks.notes.map((n) => n.text)).toEqual([
      '“命案”：重大刑事案件（第十七条（二）3）',
      '“黑警”：损害公安形象（第十七条（一）1）',
    ]);
  });

  it('marks the window 语义研判 read and names the phrases that weighed most, not the whole window', () => {
    const text = '小区里的小女孩脸上全是伤，照片我们先发出来。';
    const hit: SpanHit = {
      ...span(1, 1 + text.length, text, 'caution'),
      category: 'privacy',
      ref: '第十七条（一）8',
      title: '侵犯公民个人隐私或其他不良、不实信息',
      levelFloor: 'especiallyMajor',
      source: 'classifier',
      rule: '语义研判（把握 96%）',
      confidence: 0.96,
      evidence: [
        { start: 5, end: 8, matched: '小女孩' },
        { start: 14, end: 18, matched: '照片我们' },
      ],
    };
    const marks = markContent('', text, [hit]);
    expect(marks.text).toEqual([{ text, mark: 'caution' }]);
    expect(marks.notes.map((n) => n.text)).toEqual([
      '语义研判（把握 96%），依据“小女孩”“照片我们”：侵犯公民个人隐私或其他不良、不实信息（第十七条（一）8）',
    ]);
  });

  it('shows the stronger mark where a block and a caution overlap', () => {
    // An empty title still leaves its newline: the text starts at offset 1.
    const marks = markContent('', 'abcdef', [span(2, 6, 'bcde', 'caution'), span(4, 5, 'd', 'block')]);
    expect(marks.text.map((s) => `${s.text}:${s.mark}`)).toEqual(['a:', 'bc:caution', 'd:block', 'e:caution', 'f:']);
  });

  it('marks what 语义复核 set aside under any mark that counts, and notes it as not counted', () => {
    const marks = markContent(
      '',
      'abcdef',
      [span(2, 4, 'bc', 'caution')],
      [span(3, 6, 'cde', 'block'), { ...span(3, 6, 'cde', 'block'), source: 'rule', rule: '规则' }],
    );
    expect(marks.text.map((s) => `${s.text}:${s.mark}`)).toEqual(['a:', 'bc:caution', 'de:aside', 'f:']);
    expect(marks.notes.map((n) => [n.mark, n.text])).toEqual([
      ['caution', '“bc”：重大刑事案件（第十七条（二）3）'],
      ['aside', '语义复核认为可能误报、未计入：“cde”：损害公安形象（第十七条（一）1）'],
    ]);
  });

  it('colours a diff by operation', () => {
    expect(
      diffSegments([
        { op: 'equal', text: '夜间' },
        { op: 'delete', text: '巡逻' },
        { op: 'insert', text: '守护' },
      ]),
    ).toEqual([
      { text: '夜间', mark: '' },
      { text: '巡逻', mark: 'del' },
      { text: '守护', mark: 'ins' },
    ]);
  });

  it('reads and writes planned times in Beijing time', () => {
    expect(beijingIso('2026-11-30', '09:05')).toBe('2026-11-30T09:05:00.000+08:00');
    expect(beijingPickerParts('2026-11-30T01:05:00.000Z')).toEqual({ date: '2026-11-30', time: '09:05' });
    expect(beijingPickerParts(null)).toEqual({ date: '', time: '' });
  });
});
