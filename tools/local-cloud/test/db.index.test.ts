/**
 * Declared indexes are real: indexed queries read only what they return (or what their bounds
 * admit), and the planner never changes an answer — checked against mingo over the whole
 * collection for a few hundred generated queries on awkward data (arrays, nulls, mixed types).
 */
import { find } from 'mingo';
import type { CollectionSpec } from '../../../core/schema';
import { mulberry32 } from '../../../core/random';
import { schema } from '../../../core/schema';
import { type Doc, LocalDatabase, type SortSpec } from '../src';

const clock = { now: (): number => Date.parse('2026-03-02T09:00:00+08:00') };

describe('100k posts', () => {
  const N = 100_000;
  const ACCOUNTS = 100;
  let db: LocalDatabase;
  const docs: Doc[] = [];

  beforeAll(() => {
    db = new LocalDatabase({ file: null, schema, clock });
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < N; i++) {
      docs.push({
        _id: `p${String(i).padStart(6, '0')}`,
        accountId: `a${i % ACCOUNTS}`,
        authorId: `u${i % 997}`,
        state: i % 10 === 0 ? 'planned' : 'published',
        plannedAt: new Date(base + ((i * 7919) % N) * 60_000),
        updatedAt: new Date(base + i * 1000),
        title: `标题 ${i}`,
      });
    }
    db.insert('posts', docs);
    db.resetStats();
  });

  afterAll(() => db.close());

  const idsOf = (list: Doc[]): unknown[] => list.map((d) => d._id);

  test('equality on the leading field with sort+limit on the next reads only the page', () => {
    const page = db.find('posts', { accountId: 'a7' }, { sort: [['updatedAt', -1]], limit: 20 });
    const expected = docs
      .filter((d) => d['accountId'] === 'a7')
      .sort((x, y) => (y['updatedAt'] as Date).getTime() - (x['updatedAt'] as Date).getTime())
      .slice(0, 20);
    expect(idsOf(page)).toEqual(idsOf(expected));
    expect(db.stats.lastPlan).toBe('index:account');
    expect(db.stats.documentsRead).toBe(20);
    expect(db.stats.fullScans).toBe(0);
  });

  test('equality + range on a compound index reads only the matches', () => {
    db.resetStats();
    const cutoff = new Date(Date.parse('2026-01-01T00:00:00Z') + 5_000 * 60_000);
    const due = db.find('posts', { state: 'planned', plannedAt: { $lte: cutoff } });
    const expected = docs.filter((d) => d['state'] === 'planned' && (d['plannedAt'] as Date) <= cutoff);
    expect(new Set(idsOf(due))).toEqual(new Set(idsOf(expected)));
    expect(db.stats.lastPlan).toBe('index:planned');
    expect(db.stats.documentsRead).toBe(expected.length);
  });

  test('$in on the leading field and count read only the matches', () => {
    db.resetStats();
    expect(db.count('posts', { accountId: { $in: ['a1', 'a2', 'a3'] } })).toBe(3000);
    expect(db.stats.documentsRead).toBe(3000);
    expect(db.stats.fullScans).toBe(0);
  });

  test('a top-level $or over two indexes is a union of index scans', () => {
    db.resetStats();
    const found = db.find('posts', { $or: [{ accountId: 'a5' }, { authorId: 'u5' }] }, { limit: 5000 });
    const expected = docs.filter((d) => d['accountId'] === 'a5' || d['authorId'] === 'u5');
    expect(new Set(idsOf(found))).toEqual(new Set(idsOf(expected)));
    expect(db.stats.lastPlan).toBe('union(index:account,index:author)');
    expect(db.stats.documentsRead).toBeLessThanOrEqual(1000 + 101);
  });

  test('sort+limit on an indexed field without a filter walks the index', () => {
    db.resetStats();
    const latest = db.find('posts', {}, { sort: [['_id', -1]], limit: 3 });
    expect(idsOf(latest)).toEqual(['p099999', 'p099998', 'p099997']);
    expect(db.stats.documentsRead).toBe(3);
  });

  test('an unindexed filter is a full scan, and the counter shows it', () => {
    db.resetStats();
    expect(db.find('posts', { title: '标题 42' })).toHaveLength(1);
    expect(db.stats.lastPlan).toBe('scan');
    expect(db.stats.documentsRead).toBe(N);
  });

  test('an update through an index moves the document in it', () => {
    db.update(
      'posts',
      { _id: 'p000007' },
      { $set: { accountId: 'moved' } },
      { multi: false, replace: false, upsert: false },
    );
    db.resetStats();
    expect(idsOf(db.find('posts', { accountId: 'moved' }))).toEqual(['p000007']);
    expect(db.find('posts', { accountId: 'a7' }, { limit: 2000 })).toHaveLength(999);
    expect(db.stats.fullScans).toBe(0);
  });
});

describe('the planner never changes an answer', () => {
  const testSchema: CollectionSpec[] = [
    {
      name: 'items',
      indexes: [
        { name: 'a', keys: [{ field: 'a', direction: 1 }] },
        {
          name: 'bc',
          keys: [
            { field: 'b', direction: 1 },
            { field: 'c', direction: -1 },
          ],
        },
        { name: 'tags', keys: [{ field: 'tags', direction: 1 }] },
        // Multikey behind equality: `{ tags: v }` sorted by a (the account matrix's facets+name+_id).
        {
          name: 'tagsA',
          keys: [
            { field: 'tags', direction: 1 },
            { field: 'a', direction: 1 },
          ],
        },
        { name: 'nested', keys: [{ field: 'n.x', direction: 1 }] },
      ],
    },
    { name: 'plain', indexes: [] },
  ];
  // Seeded, so a failure can be replayed.
  const random = mulberry32(20260302);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(random() * xs.length)];
    if (x === undefined) throw new Error('empty choice');
    return x;
  };
  const scalars: unknown[] = [
    -2,
    -1,
    0,
    0.5,
    1,
    2,
    3,
    10,
    'x',
    'xa',
    'y',
    '甲',
    '',
    null,
    true,
    false,
    new Date(0),
    new Date(5e11),
    new Date(1e12),
  ];
  const maybe = (v: () => unknown): unknown => (random() < 0.2 ? undefined : v());

  const docs: Doc[] = [];
  for (let i = 0; i < 400; i++) {
    const doc: Doc = { _id: `i${String(i).padStart(3, '0')}` };
    const a = maybe(() => pick(scalars));
    if (a !== undefined) doc['a'] = a;
    const b = maybe(() => pick(['p', 'q', 'r', 1, null]));
    if (b !== undefined) doc['b'] = b;
    const c = maybe(() => pick([1, 2, 3, 4, new Date(1e12), 'z']));
    if (c !== undefined) doc['c'] = c;
    const tags = maybe(() => pick([['x'], ['x', 'y'], [], 'x', ['y', 3], [null]]));
    if (tags !== undefined) doc['tags'] = tags;
    const n = maybe(() => pick([{ x: pick(scalars) }, [{ x: 1 }, { x: 'x' }], {}, 5]));
    if (n !== undefined) doc['n'] = n;
    docs.push(doc);
  }

  const indexed = new LocalDatabase({ file: null, schema: testSchema, clock });
  indexed.insert('items', docs);
  indexed.insert('plain', docs);

  const predicate = (): unknown => {
    const v = pick(scalars);
    switch (Math.floor(random() * 6)) {
      case 0:
        return v;
      case 1:
        return { [pick(['$gt', '$gte', '$lt', '$lte'])]: v };
      case 2:
        return { $in: [v, pick(scalars)] };
      case 3:
        return { $gte: pick([0, 'x', new Date(0)]), $lt: pick([3, 'y', new Date(1e12)]) };
      case 4:
        return { $ne: v };
      default:
        return pick([/^x/, /^x/i, /a$/, { $exists: random() < 0.5 }]);
    }
  };
  const filterOf = (): Doc => {
    const f: Doc = {};
    const fields = ['a', 'b', 'c', 'tags', 'n.x', '_id'];
    const count = 1 + Math.floor(random() * 2);
    for (let i = 0; i < count; i++) {
      const field = pick(fields);
      f[field] = field === '_id' ? { [pick(['$gt', '$lt'])]: `i${Math.floor(random() * 400)}` } : predicate();
    }
    if (random() < 0.15) return { $or: [f, { b: pick(['p', 'q']) }] };
    if (random() < 0.1) return { $and: [f, { a: predicate() }] };
    return f;
  };
  const sortOf = (): SortSpec =>
    pick<SortSpec>([
      [],
      [['a', 1]],
      [['a', -1]],
      [
        ['b', 1],
        ['c', -1],
      ],
      [['c', 1]],
      [['_id', -1]],
    ]);

  test('equality on a multikey field gives the next field’s order: a sorted page reads only the page', () => {
    const filter = { tags: 'x' };
    const fullSort: SortSpec = [
      ['a', 1],
      ['_id', 1],
    ];
    const want = find<Doc>(docs, filter)
      .sort({ a: 1, _id: 1 })
      .limit(5)
      .all()
      .map((d) => d._id);
    indexed.resetStats();
    const got = indexed.find('items', filter, { sort: fullSort, limit: 5 }).map((d) => d._id);
    expect(got).toEqual(want);
    expect(indexed.stats.lastPlan).toBe('index:tagsA');
    expect(indexed.stats.documentsRead).toBe(5);
    // A range on the multikey field does not pin it: no order from the index, the answer unchanged.
    const ranged = { tags: { $gte: 'x' } };
    const wantRanged = find<Doc>(docs, ranged)
      .sort({ a: 1, _id: 1 })
      .limit(5)
      .all()
      .map((d) => d._id);
    expect(indexed.find('items', ranged, { sort: fullSort, limit: 5 }).map((d) => d._id)).toEqual(wantRanged);
  });

  test.each(Array.from({ length: 300 }, (_, i) => i))('generated query %i', () => {
    const filter = filterOf();
    const sort = sortOf();
    const skip = random() < 0.3 ? Math.floor(random() * 5) : 0;
    const limit = random() < 0.5 ? 1 + Math.floor(random() * 30) : null;
    // Ties are unordered in MongoDB: _id breaks them on both sides.
    const fullSort: SortSpec = sort.some(([f]) => f === '_id') ? sort : [...sort, ['_id', 1]];
    const sortObj = Object.fromEntries(fullSort);
    let expected = find<Doc>(docs, filter).sort(sortObj).skip(skip);
    if (limit !== null) expected = expected.limit(limit);
    const want = expected.all().map((d) => d._id);
    const got = indexed.find('items', filter, { sort: fullSort, skip, limit }).map((d) => d._id);
    const scanned = indexed.find('plain', filter, { sort: fullSort, skip, limit }).map((d) => d._id);
    expect({ filter, sort: fullSort, skip, limit, got }).toEqual({ filter, sort: fullSort, skip, limit, got: want });
    expect(scanned).toEqual(want);
  });
});
