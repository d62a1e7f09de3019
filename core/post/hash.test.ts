import { canonicalContent, contentHash } from './hash';
import { content } from './testkit';

describe('contentHash', () => {
  it('is a sha256 hex over the canonical form', () => {
    const c = content();
    expect(contentHash(c)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalContent(c)).toBe(JSON.stringify(['post-content/1', c.title, c.text, c.images, 'original', null]));
  });

  it('ignores key order and object identity', () => {
    const c = content({ kind: 'repost', source: { outlet: '人民网', link: 'https://people.com.cn/1' } });
    const reordered = {
      source: { link: 'https://people.com.cn/1', outlet: '人民网' },
      kind: c.kind,
      images: [...c.images],
      text: c.text,
      title: c.title,
    };
    expect(contentHash(reordered)).toBe(contentHash(c));
  });

  it('changes with every covered field', () => {
    const base = content({ kind: 'repost', source: { outlet: '人民网', link: 'https://people.com.cn/1' } });
    const variants = [
      { ...base, title: `${base.title} ` },
      { ...base, text: `${base.text}。` },
      { ...base, images: [...base.images].reverse().concat('cloud://x') },
      { ...base, kind: 'original' as const },
      { ...base, source: { outlet: '新华网', link: 'https://people.com.cn/1' } },
      { ...base, source: { outlet: '人民网', link: 'https://people.com.cn/2' } },
    ];
    const hashes = new Set([base, ...variants].map(contentHash));
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('does not let field boundaries blur (title/text split)', () => {
    expect(contentHash(content({ title: 'ab', text: 'c' }))).not.toBe(contentHash(content({ title: 'a', text: 'bc' })));
  });
});
