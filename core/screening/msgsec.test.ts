import { MSG_SEC_CHUNK, MSG_SEC_OVERLAP, msgSecChunks } from './msgsec';

describe('msgSecChunks', () => {
  it('sends a text within one chunk as it is', () => {
    expect(msgSecChunks('短文本')).toEqual(['短文本']);
    const full = '字'.repeat(MSG_SEC_CHUNK);
    expect(msgSecChunks(full)).toEqual([full]);
  });

  it('keeps every phrase up to the overlap whole in some chunk, wherever it crosses an edge', () => {
    const size = 50;
    const overlap = 8;
    const text = Array.from({ length: 173 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const parts = msgSecChunks(text, size, overlap);
    expect(parts.every((p) => p.length <= size)).toBe(true);
    expect(parts[0]).toBe(text.slice(0, size));
    for (let i = 1; i < parts.length; i++) expect(parts[i - 1]?.slice(-overlap)).toBe(parts[i]?.slice(0, overlap));
    for (let start = 0; start + overlap <= text.length; start++) {
      const phrase = text.slice(start, start + overlap);
      expect(parts.some((p) => p.includes(phrase))).toBe(true);
    }
  });

  it('never splits a surrogate pair at an edge or at an overlap start', () => {
    const emoji = '😀';
    for (let shift = 0; shift < 4; shift++) {
      const text = `${'字'.repeat(MSG_SEC_CHUNK - 1 - shift)}${emoji.repeat(MSG_SEC_OVERLAP + 40)}${'字'.repeat(100)}`;
      const parts = msgSecChunks(text);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(MSG_SEC_CHUNK);
        expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p)).toBe(false);
      }
    }
  });
});
