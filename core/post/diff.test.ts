import type { DiffOp } from '../../typings/post';
import { diffContent, diffText } from './diff';
import { content } from './testkit';

const side = (ops: DiffOp[], keep: 'delete' | 'insert'): string =>
  ops
    .filter((o) => o.op === 'equal' || o.op === keep)
    .map((o) => o.text)
    .join('');

const equalChars = (ops: DiffOp[]): number =>
  ops.filter((o) => o.op === 'equal').reduce((n, o) => n + Array.from(o.text).length, 0);

/** Textbook LCS length, the reference the diff must reach. */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('diffText', () => {
  it('shows an inserted clause in Chinese text', () => {
    expect(diffText('请驾驶人减速慢行。', '请驾驶人减速慢行，注意防滑。')).toEqual([
      { op: 'equal', text: '请驾驶人减速慢行' },
      { op: 'insert', text: '，注意防滑' },
      { op: 'equal', text: '。' },
    ]);
  });

  it('shows a replaced word', () => {
    expect(diffText('嫌疑人张某已被刑事拘留', '嫌疑人李某已被刑事拘留')).toEqual([
      { op: 'equal', text: '嫌疑人' },
      { op: 'delete', text: '张' },
      { op: 'insert', text: '李' },
      { op: 'equal', text: '某已被刑事拘留' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffText('删除', '')).toEqual([{ op: 'delete', text: '删除' }]);
    expect(diffText('不变', '不变')).toEqual([{ op: 'equal', text: '不变' }]);
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const ops = diffText('平安🚓出行', '平安🚒出行');
    expect(ops).toEqual([
      { op: 'equal', text: '平安' },
      { op: 'delete', text: '🚓' },
      { op: 'insert', text: '🚒' },
      { op: 'equal', text: '出行' },
    ]);
  });

  it('spells both sides and reaches the LCS on random texts (property, seeded)', () => {
    const rand = prng(20260310);
    const alphabet = ['警', '民', '安', '全', '，', '\n', 'a', '🚓'];
    const pick = (n: number): string =>
      Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i += 1) {
      const a = pick(Math.floor(rand() * 40));
      const b =
        rand() < 0.5
          ? pick(Math.floor(rand() * 40))
          : a.slice(0, Math.floor(rand() * a.length)) + pick(3) + a.slice(Math.floor(rand() * a.length));
      const ops = diffText(a, b);
      expect(side(ops, 'delete')).toBe(a);
      expect(side(ops, 'insert')).toBe(b);
      expect(equalChars(ops)).toBe(lcsLength(Array.from(a), Array.from(b)));
      // Adjacent operations are merged.
      for (let k = 1; k < ops.length; k += 1) expect(ops[k].op).not.toBe(ops[k - 1].op);
    }
  });

  it('falls back to a line diff on long texts, still exact on the changed lines', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `第${i}段：今日全市警情平稳，交通秩序良好。`);
    const a = lines.join('\n');
    const changed = [...lines];
    changed[100] = '第100段：今日全市警情平稳，交通秩序总体良好。';
    changed.splice(300, 1);
    const b = changed.join('\n');
    // A budget far below a.length × b.length forces the line pass.
    const ops = diffText(a, b, { maxCells: 200_000 });
    expect(side(ops, 'delete')).toBe(a);
    expect(side(ops, 'insert')).toBe(b);
    expect(ops.filter((o) => o.op === 'insert')).toEqual([{ op: 'insert', text: '总体' }]);
    expect(ops.filter((o) => o.op === 'delete')).toEqual([{ op: 'delete', text: `${lines[300]}\n` }]);
  });

  it('diffs two 20,000-character texts quickly and correctly', () => {
    const a = Array.from({ length: 500 }, (_, i) => `第${i}条：${'警民同心共建平安'.repeat(4)}`)
      .join('\n')
      .slice(0, 20_000);
    const b = `${a.slice(0, 9_000)}（补充说明）${a.slice(9_000, 19_000)}`;
    const ops = diffText(a, b);
    expect(side(ops, 'delete')).toBe(a);
    expect(side(ops, 'insert')).toBe(b);
    expect(ops.filter((o) => o.op === 'insert').map((o) => o.text)).toEqual(['（补充说明）']);
  });
});

describe('diffContent', () => {
  it('reports images, kind and source changes beside the text diff', () => {
    const from = content({ images: ['cloud://a', 'cloud://b'] });
    const to = content({
      images: ['cloud://b', 'cloud://c'],
      kind: 'repost',
      source: { outlet: '人民网', link: 'https://people.com.cn/1' },
    });
    const d = diffContent(from, to);
    expect(d.imagesAdded).toEqual(['cloud://c']);
    expect(d.imagesRemoved).toEqual(['cloud://a']);
    expect(d.kindChanged).toEqual({ from: 'original', to: 'repost' });
    expect(d.sourceChanged).toEqual({ from: null, to: { outlet: '人民网', link: 'https://people.com.cn/1' } });
    expect(d.title).toEqual([{ op: 'equal', text: from.title }]);
    expect(diffContent(from, from).sourceChanged).toBeNull();
  });
});
