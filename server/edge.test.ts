import { EDGE_LIMITS, FORBIDDEN_KEYS, echo, edgeProblem } from './edge';

describe('edgeProblem', () => {
  it('passes an ordinary event', () => {
    expect(
      edgeProblem({ action: 'draftSave', content: { title: 't', images: ['a', 'b'] }, n: 1, ok: true }),
    ).toBeNull();
  });

  it('knows every Object.prototype member name', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'])
      expect(FORBIDDEN_KEYS.has(key)).toBe(true);
  });

  it('finds a forbidden key at any depth, in objects and arrays, and names its path', () => {
    const event = JSON.parse('{"a":{"b":[{"c":1},{"__proto__":{"x":1}}]}}') as unknown;
    expect(edgeProblem(event)?.message).toContain('a.b.__proto__');
    expect(edgeProblem({ a: [[[{ toString: 1 }]]] })?.code).toBe('INVALID_INPUT');
  });

  it('walks a 100,000-deep event without recursion and refuses it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(edgeProblem({ action: 'x', deep })?.message).toContain(`嵌套超过 ${EDGE_LIMITS.maxDepth} 层`);
  });

  it('bounds the number of values and the text', () => {
    expect(edgeProblem({ list: new Array(EDGE_LIMITS.maxValues).fill(0) })?.code).toBe('REQUEST_TOO_LARGE');
    expect(edgeProblem({ s: 'x'.repeat(EDGE_LIMITS.maxTextChars) })?.code).toBe('REQUEST_TOO_LARGE');
    expect(edgeProblem({ s: 'x'.repeat(EDGE_LIMITS.maxTextChars - 10) })).toBeNull();
  });

  it('refuses an overlong key with a short echo of it', () => {
    const problem = edgeProblem({ ['k'.repeat(100_000)]: 1 });
    expect(problem?.code).toBe('INVALID_INPUT');
    expect(problem?.message.length).toBeLessThan(80);
  });

  it('refuses what is not an object', () => {
    for (const event of [null, 'x', 1, [1]]) expect(edgeProblem(event)?.code).toBe('INVALID_INPUT');
  });
});

describe('echo', () => {
  it('keeps short text and cuts long text to a few characters', () => {
    expect(echo('短')).toBe('短');
    expect(echo('长'.repeat(100))).toBe(`${'长'.repeat(24)}…`);
    expect(echo('🚓'.repeat(30), 5)).toBe(`${'🚓'.repeat(5)}…`);
  });
});
