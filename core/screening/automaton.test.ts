/**
 * The automaton against plain substring search: every occurrence of every key, overlapping ones
 * included, in the order of their end, on seeded random keys and texts (a failure repeats).
 */
import { Automaton } from './automaton';
import { mulberry32 } from '../random';

/** The text's UTF-16 code units (a surrogate pair is two). */
const unitsOf = (text: string): Uint16Array => Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** (end, key) of every match, as the automaton reports them. */
function scanned(a: Automaton, text: string): string[] {
  const m = a.scan(unitsOf(text), text.length);
  const out: string[] = [];
  for (let i = 0; i < m.count; i++) out.push(`${m.ends[i]}:${m.keys[i]}`);
  return out.sort();
}

/** The same by brute force: a key repeated reports under its first index, as the automaton does. */
function brute(keys: readonly string[], text: string): string[] {
  const out: string[] = [];
  const firstIndex = new Map<string, number>();
  keys.forEach((key, index) => {
    if (!firstIndex.has(key)) firstIndex.set(key, index);
  });
  keys.forEach((key, index) => {
    if (key === '' || firstIndex.get(key) !== index) return;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) out.push(`${at + key.length}:${index}`);
  });
  return out.sort();
}

const word = (rnd: () => number, letters: string, max: number): string => {
  let w = '';
  for (let n = 1 + Math.floor(rnd() * max); n > 0; n--) w += letters[Math.floor(rnd() * letters.length)];
  return w;
};

describe('the automaton finds what substring search finds', () => {
  it('on keys that are prefixes, suffixes and repeats of each other', () => {
    const keys = ['he', 'she', 'his', 'hers', 'h', 'e', 'she', '', 'ushers', 'hershe'];
    const a = new Automaton(keys);
    for (const text of ['ushershehis', 'hhhhh', '', 'sheshe', 'xyz', 'hershers'])
      expect(scanned(a, text)).toEqual(brute(keys, text));
  });

  it('on Chinese keys with the full code-unit alphabet, a surrogate pair among them', () => {
    const keys = ['民警', '民警打人', '警察', '打人', '人', '𠮷野家', '野家'];
    const a = new Automaton(keys);
    const text = '有民警打人，警察到场；𠮷野家的野家民警打人民警';
    expect(scanned(a, text)).toEqual(brute(keys, text));
    expect(scanned(a, text).length).toBeGreaterThan(8);
  });

  it('on random lexicons over small and large alphabets (the children of one node packed together)', () => {
    const rnd = mulberry32(20261205);
    for (let round = 0; round < 40; round++) {
      const wide = round % 2 === 1;
      // A wide alphabet: many children per node, so the layout must search past packed slots.
      const letters = wide
        ? Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i * 7)).join('')
        : 'abcd';
      const keys = Array.from({ length: 5 + Math.floor(rnd() * (wide ? 2000 : 60)) }, () =>
        word(rnd, letters, wide ? 4 : 6),
      );
      const a = new Automaton(keys);
      for (let t = 0; t < 5; t++) {
        const text = word(rnd, letters, 400);
        expect(scanned(a, text)).toEqual(brute(keys, text));
      }
    }
  });

  it('on a lexicon the size of a province’s, where the layout skips its packed slots', () => {
    const rnd = mulberry32(17);
    const letters = Array.from({ length: 2500 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    // Frequent first characters, as in Chinese words: nodes near the root have hundreds of children.
    const common = letters.slice(0, 60);
    const keys = Array.from({ length: 20000 }, () => common[Math.floor(rnd() * common.length)] + word(rnd, letters, 3));
    const a = new Automaton(keys);
    for (let t = 0; t < 10; t++) {
      let text = '';
      for (let n = 0; n < 50; n++)
        text += rnd() < 0.5 ? (keys[Math.floor(rnd() * keys.length)] ?? '') : word(rnd, letters, 5);
      expect(scanned(a, text)).toEqual(brute(keys, text));
    }
  });

  it('with a dense alphabet just large enough for the keys and the text', () => {
    const keys = ['\u0001\u0002', '\u0002\u0003\u0001', '\u0003', '\u0001\u0001\u0001'];
    const a = new Automaton(keys, 4);
    const text = '\u0001\u0002\u0003\u0001\u0001\u0001\u0000\u0003\u0001\u0002';
    expect(scanned(a, text)).toEqual(brute(keys, text));
  });

  it('reports more matches than its first buffer holds, and reads the text up to the length given', () => {
    const a = new Automaton(['a', 'aa']);
    const text = 'a'.repeat(5000);
    const m = a.scan(unitsOf(text), 3000);
    expect(m.count).toBe(3000 + 2999);
    expect(scanned(a, text)).toEqual(brute(['a', 'aa'], text));
  });
});
