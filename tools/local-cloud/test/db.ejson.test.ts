/**
 * The two encodings the store relies on: the fast EJSON decoder must agree with bson's, and index
 * keys must sort in MongoDB's BSON order.
 */
import { Binary, BSONRegExp, Decimal128, EJSON, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { decode } from '../src/db/ejson';
import { encodeValue, fieldKeys, idKey } from '../src/db/keys';

describe('decode', () => {
  const samples: unknown[] = [
    { a: 1, b: -2147483648, c: 2147483648, d: 1.5, e: -0, f: Number.NaN, g: Number.POSITIVE_INFINITY },
    { when: new Date('2026-03-02T01:00:00.123Z'), old: new Date(-86_400_000), nested: { list: [new Date(0), 2, 'x'] } },
    { s: '中文', empty: '', n: null, t: true, arr: [[1, [2]], { deep: { deeper: [null] } }] },
    {
      oid: new ObjectId('5f1f1f1f1f1f1f1f1f1f1f1f'),
      re: new BSONRegExp('^a', 'i'),
      long: Long.fromString('9007199254740993'),
    },
    { bin: new Binary(Buffer.from([1, 2, 3])), dec: Decimal128.fromString('1.10'), ts: new Timestamp({ t: 5, i: 1 }) },
    { min: new MinKey(), max: new MaxKey(), $weird: { x: 1 }, op: { $in: [1, 'a'] } },
    { __proto__field: 1, constructor: 'c', ['__proto__']: { polluted: true } },
  ];

  test.each(samples.map((s, i) => [i, s]))('sample %i decodes exactly as bson does', (_i, sample) => {
    const text = EJSON.stringify(sample, { relaxed: false });
    expect(decode(text)).toEqual(EJSON.parse(text));
  });

  test('a "__proto__" key stays data, never a prototype', () => {
    const out = decode('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('index keys sort in BSON order', () => {
  test('across types: MinKey < null < numbers < strings < objects < arrays < binary < ObjectId < booleans < dates < timestamps < regexes < MaxKey', () => {
    const ordered: unknown[] = [
      new MinKey(),
      null,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      -1e300,
      -2,
      -0.5,
      0,
      1e-300,
      0.5,
      1,
      2,
      2 ** 53,
      1e300,
      Number.POSITIVE_INFINITY,
      '',
      'A',
      'a',
      'ab',
      'b',
      '中',
      { a: 1 },
      [1, 2],
      new Binary(Buffer.from([9])),
      new ObjectId('000000000000000000000000'),
      new ObjectId('ffffffffffffffffffffffff'),
      false,
      true,
      new Date(-1),
      new Date(0),
      new Date(1),
      new Timestamp({ t: 1, i: 0 }),
      new BSONRegExp('a', ''),
      new MaxKey(),
    ];
    const keys = ordered.map(encodeValue);
    // SQLite's BINARY collation compares the UTF-8 bytes.
    const sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')));
    expect(sorted).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('numbers of every BSON width with one value share one key', () => {
    expect(
      new Set([
        encodeValue(5),
        encodeValue(Long.fromNumber(5)),
        encodeValue(5.0),
        encodeValue(Decimal128.fromString('5')),
      ]).size,
    ).toBe(1);
    expect(encodeValue(-0)).toBe(encodeValue(0));
  });

  test('missing and null index alike; arrays unroll into one key per element', () => {
    expect(fieldKeys({}, 'a').keys).toEqual([encodeValue(null)]);
    expect(fieldKeys({ a: null }, 'a').keys).toEqual([encodeValue(null)]);
    expect(fieldKeys({ a: [1, 'x', 1] }, 'a')).toEqual({ keys: [encodeValue(1), encodeValue('x')], multikey: true });
    expect(fieldKeys({ a: [{ b: 1 }, { b: 2 }, {}] }, 'a.b').keys).toEqual([
      encodeValue(1),
      encodeValue(2),
      encodeValue(null),
    ]);
  });

  test('only strings, numbers and ObjectIds are ids', () => {
    expect(idKey('x')).toBe(encodeValue('x'));
    expect(idKey(3)).toBe(encodeValue(3));
    expect(() => idKey({ a: 1 })).toThrow('_id');
    expect(() => idKey(null)).toThrow('_id');
  });
});
