/**
 * A reviewer sees what changed between two versions (第十五条 审核). Chinese has no word spaces, so the
 * unit is the character (code point, so emoji are never split); long texts are first aligned by
 * line and only the changed line blocks are compared by character, keeping the LCS table small.
 */
import type { ContentDiff, DiffOp, PostContent, RepostSource } from '../../typings/post';

export interface DiffOptions {
  /** Largest LCS table (cells) built for one comparison; larger blocks show as delete + insert. */
  maxCells?: number;
}

const DEFAULT_MAX_CELLS = 2_000_000;

type Op = DiffOp['op'];

/** Longest-common-subsequence alignment of two token lists; deletions come before insertions. */
function lcs(a: readonly string[], b: readonly string[]): Array<{ op: Op; token: string }> {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = Math.min(n, m) < 65_535 ? new Uint16Array((n + 1) * width) : new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const out: Array<{ op: Op; token: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', token: a[i] });
      i += 1;
      j += 1;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      out.push({ op: 'delete', token: a[i] });
      i += 1;
    } else {
      out.push({ op: 'insert', token: b[j] });
      j += 1;
    }
  }
  for (; i < n; i += 1) out.push({ op: 'delete', token: a[i] });
  for (; j < m; j += 1) out.push({ op: 'insert', token: b[j] });
  return out;
}

class OpList {
  readonly ops: DiffOp[] = [];

  push(op: Op, text: string): void {
    if (text === '') return;
    const last = this.ops[this.ops.length - 1];
    if (last && last.op === op) last.text += text;
    else this.ops.push({ op, text });
  }
}

function splitLines(chars: readonly string[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const c of chars) {
    current += c;
    if (c === '\n') {
      lines.push(current);
      current = '';
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function diffChars(a: readonly string[], b: readonly string[], maxCells: number, out: OpList, byLine: boolean): void {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  if (byLine && (endA - start + 1) * (endB - start + 1) > maxCells) {
    // Widen the changed middle to whole lines so the line pass aligns on real line starts.
    while (start > 0 && a[start - 1] !== '\n') start -= 1;
    while (endA < a.length && a[endA - 1] !== '\n') {
      endA += 1;
      endB += 1;
    }
  }
  out.push('equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if ((midA.length + 1) * (midB.length + 1) <= maxCells) {
    for (const { op, token } of lcs(midA, midB)) out.push(op, token);
  } else if (byLine) {
    diffByLine(midA, midB, maxCells, out);
  } else {
    out.push('delete', midA.join(''));
    out.push('insert', midB.join(''));
  }
  out.push('equal', a.slice(endA).join(''));
}

function diffByLine(a: readonly string[], b: readonly string[], maxCells: number, out: OpList): void {
  const linesA = splitLines(a);
  const linesB = splitLines(b);
  if ((linesA.length + 1) * (linesB.length + 1) > maxCells) {
    out.push('delete', a.join(''));
    out.push('insert', b.join(''));
    return;
  }
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = (): void => {
    // A replaced block of lines is compared by character when small enough, so an edited sentence
    // shows the changed characters rather than two whole paragraphs.
    diffChars(Array.from(deleted.join('')), Array.from(inserted.join('')), maxCells, out, false);
    deleted = [];
    inserted = [];
  };
  for (const { op, token } of lcs(linesA, linesB)) {
    if (op === 'delete') deleted.push(token);
    else if (op === 'insert') inserted.push(token);
    else {
      flush();
      out.push('equal', token);
    }
  }
  flush();
}

/** Character diff of two texts: `equal`+`delete` spell `a`, `equal`+`insert` spell `b`. */
export function diffText(a: string, b: string, options: DiffOptions = {}): DiffOp[] {
  const out = new OpList();
  diffChars(Array.from(a), Array.from(b), options.maxCells ?? DEFAULT_MAX_CELLS, out, true);
  return out.ops;
}

const sameSource = (x: RepostSource | null, y: RepostSource | null): boolean =>
  x === y || (x !== null && y !== null && x.outlet === y.outlet && x.link === y.link);

/** What a reviewer is shown between the previous submitted version and this one. */
export function diffContent(from: PostContent, to: PostContent, options: DiffOptions = {}): ContentDiff {
  const before = new Set(from.images);
  const after = new Set(to.images);
  return {
    title: diffText(from.title, to.title, options),
    text: diffText(from.text, to.text, options),
    imagesAdded: to.images.filter((id) => !before.has(id)),
    imagesRemoved: from.images.filter((id) => !after.has(id)),
    kindChanged: from.kind === to.kind ? null : { from: from.kind, to: to.kind },
    sourceChanged: sameSource(from.source, to.source) ? null : { from: from.source, to: to.source },
  };
}
