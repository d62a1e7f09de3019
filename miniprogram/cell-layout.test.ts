/**
 * A cell with a line beneath its title (label) and something on the right (a value, a tag, a switch)
 * sizes the right side to its content (app.wxss cell-value--fit). Vant gives title and value half the
 * row each, so without it a short value such as 9 条 or 已完成 squeezes the title and its label into half
 * the phone's width: a 第十七条 item's title on three lines, a lifecycle note cut mid-word.
 */
import { MINIPROGRAM_ROOT, REPO_ROOT, fs, listFiles, path } from './test-utils/node';

interface Cell {
  file: string;
  line: number;
  attributes: string;
  /** What sits in the cell's default slot, the value side: its children less those sent to named slots. */
  value: string;
}

/** Named slots that are not the value side. */
const ASIDE = /<([\w-]+)\b[^>]*\bslot="(?:label|title|icon|right-icon|extra)"[^>]*?(\/?)>/g;

/** `content` less the elements sent to named slots, each removed with everything nested in it. */
function valueSide(content: string): string {
  let out = '';
  let from = 0;
  ASIDE.lastIndex = 0;
  for (let m = ASIDE.exec(content); m; m = ASIDE.exec(content)) {
    out += content.slice(from, m.index);
    from = ASIDE.lastIndex;
    if (m[2] === '/') continue;
    const name = m[1] ?? '';
    const tags = new RegExp(`<(/?)${name}\\b[^>]*?(/?)>`, 'g');
    tags.lastIndex = from;
    let depth = 1;
    for (let t = tags.exec(content); t && depth > 0; t = tags.exec(content)) {
      if (t[1] === '/') depth--;
      else if (t[2] !== '/') depth++;
      from = tags.lastIndex;
    }
    ASIDE.lastIndex = from;
  }
  return (out + content.slice(from)).trim();
}

function cellsOf(file: string, text: string): Cell[] {
  const cells: Cell[] = [];
  const tag = /<van-cell\b((?:[^>"]|"[^"]*")*?)(\/?)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const attributes = m[1] ?? '';
    let value = '';
    if (m[2] !== '/') {
      const close = text.indexOf('</van-cell>', tag.lastIndex);
      value = valueSide(text.slice(tag.lastIndex, close));
    }
    cells.push({ file, line: text.slice(0, m.index).split('\n').length, attributes, value });
  }
  return cells;
}

const hasLabel = (c: Cell): boolean => /\blabel="[^"]+"|\buse-label-slot\b/.test(c.attributes);
const hasValue = (c: Cell): boolean => /\bvalue="[^"]+"/.test(c.attributes) || c.value !== '';

describe('cells with a label and a value', () => {
  const cells = listFiles(MINIPROGRAM_ROOT, '.wxml', ['miniprogram_npm', 'node_modules']).flatMap((file) =>
    cellsOf(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')),
  );

  it('finds the cells it is about (the scan reads the templates)', () => {
    expect(cells.filter((c) => hasLabel(c) && hasValue(c)).length).toBeGreaterThan(20);
  });

  it('size the value side to its content, so the title and its label get the rest of the row', () => {
    const squeezed = cells
      .filter((c) => hasLabel(c) && hasValue(c) && !/\bvalue-class="[^"]*\bcell-value--fit\b/.test(c.attributes))
      .map((c) => `${c.file}:${c.line}`);
    expect(squeezed).toEqual([]);
  });

  it('tells a value from what goes to the label slot', () => {
    const [withSlot, withTag, plain, nested, nestedThenSwitch] = cellsOf(
      'x.wxml',
      [
        '<van-cell title="a" use-label-slot><view slot="label">说明</view></van-cell>',
        '<van-cell title="b" label="c"><van-tag>合格</van-tag></van-cell>',
        '<van-cell title="d" label="e" />',
        '<van-cell title="f" use-label-slot><view slot="label"><view>一</view><view>二</view></view></van-cell>',
        '<van-cell title="g" use-label-slot><view slot="label"><view>一</view></view><van-switch /></van-cell>',
      ].join('\n'),
    );
    expect([withSlot, withTag, plain, nested, nestedThenSwitch].map((c) => c && hasValue(c))).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(withTag?.line).toBe(2);
  });
});
