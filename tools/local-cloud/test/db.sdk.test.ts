/**
 * Conformance of the local cloud's database with what the unmodified wx-server-sdk 4.0.2 sees:
 * every call below goes SDK → HTTP → local cloud.
 */
import type { LocalCloud } from '../src';
import { type Doc, type SdkDb, postAdmin, sdkError, startCloud } from './db-sdk';

let local: LocalCloud;
let db: SdkDb;

beforeAll(async () => {
  ({ local, db } = await startCloud());
});

afterAll(async () => {
  await local.close();
});

beforeEach(() => {
  local.reset();
  local.clock.set('2026-03-02T09:00:00+08:00');
});

const NOW = Date.parse('2026-03-02T09:00:00+08:00');

describe('add and doc().get', () => {
  test('add assigns a 32-hex _id and get returns the document with its types intact', async () => {
    const when = new Date('2026-01-05T02:03:04.005Z');
    const { _id } = await db.collection('people').add({
      data: {
        name: '张三',
        badgeNo: '001',
        age: 31,
        ratio: 1.5,
        active: true,
        note: null,
        when,
        tags: ['a', 'b'],
        profile: { city: '长沙' },
      },
    });
    expect(typeof _id).toBe('string');
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await db.collection('people').doc(_id).get();
    expect(data).toEqual({
      _id,
      name: '张三',
      badgeNo: '001',
      age: 31,
      ratio: 1.5,
      active: true,
      note: null,
      when,
      tags: ['a', 'b'],
      profile: { city: '长沙' },
    });
    expect(data['when']).toBeInstanceOf(Date);
  });

  test('an explicit _id is kept; adding it again is a duplicate key error', async () => {
    await db.collection('units').add({ data: { _id: 'u1', name: '省厅' } });
    const err = await sdkError(db.collection('units').add({ data: { _id: 'u1', name: '又一个' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.message).toMatch(/E11000 duplicate key/);
    expect((await db.collection('units').doc('u1').get()).data['name']).toBe('省厅');
  });

  test('a declared unique index rejects a second document with the same key', async () => {
    await db.collection('people').add({ data: { badgeNo: 'B7' } });
    const err = await sdkError(db.collection('people').add({ data: { badgeNo: 'B7' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.message).toMatch(/index: badgeNo/);
    expect((await db.collection('people').where({ badgeNo: 'B7' }).count()).total).toBe(1);
  });

  test('doc().get of a missing document fails the way the SDK reports it', async () => {
    const err = await sdkError(db.collection('units').doc('nobody').get());
    expect(err.message).toBe('document.get:fail document with _id nobody does not exist');
  });

  test('numeric ids address documents too', async () => {
    await db.collection('counters').add({ data: { _id: 7, n: 1 } });
    expect((await db.collection('counters').doc(7).get()).data).toEqual({ _id: 7, n: 1 });
    await expect(db.collection('counters').doc('7').get()).rejects.toThrow('does not exist');
  });
});

describe('collections exist only when declared or created', () => {
  test('an undeclared collection is -502005 for reads and writes', async () => {
    for (const call of [
      db.collection('nope').get(),
      db.collection('nope').add({ data: { a: 1 } }),
      db.collection('nope').doc('x').get(),
      db.collection('nope').where({ a: 1 }).count(),
    ]) {
      const err = await sdkError(call);
      expect(err.errCode).toBe(-502005);
    }
  });

  test('createCollection makes one at run time; creating it twice fails', async () => {
    await db.createCollection('scratch');
    await db.collection('scratch').add({ data: { _id: 's1', v: 1 } });
    expect((await db.collection('scratch').doc('s1').get()).data).toEqual({ _id: 's1', v: 1 });
    await expect(db.createCollection('scratch')).rejects.toThrow(/Table exist/);
  });
});

describe('set replaces, update merges', () => {
  beforeEach(async () => {
    await db
      .collection('units')
      .add({ data: { _id: 'u1', name: '长沙市公安局', profile: { city: '长沙', code: 43 }, rev: 1, tags: ['x'] } });
  });

  test('set replaces the whole document and reports no creation', async () => {
    const res = await db
      .collection('units')
      .doc('u1')
      .set({ data: { name: '新名' } });
    expect(res.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection('units').doc('u1').get()).data).toEqual({ _id: 'u1', name: '新名' });
  });

  test('set on a missing document creates it under that _id', async () => {
    const res = await db
      .collection('units')
      .doc('u2')
      .set({ data: { name: '新单位' } });
    expect(res.stats).toEqual({ updated: 0, created: 1 });
    expect((await db.collection('units').doc('u2').get()).data).toEqual({ _id: 'u2', name: '新单位' });
  });

  test('update merges nested objects field by field and applies operators', async () => {
    const _ = db.command;
    const res = await db
      .collection('units')
      .doc('u1')
      .update({ data: { profile: { city: '株洲' }, rev: _.inc(1), tags: _.push('y'), name: _.remove() } });
    expect(res.stats.updated).toBe(1);
    expect((await db.collection('units').doc('u1').get()).data).toEqual({
      _id: 'u1',
      profile: { city: '株洲', code: 43 },
      rev: 2,
      tags: ['x', 'y'],
    });
  });

  test('_.set replaces a sub-document instead of merging', async () => {
    await db
      .collection('units')
      .doc('u1')
      .update({ data: { profile: db.command.set({ city: '岳阳' }) } });
    expect((await db.collection('units').doc('u1').get()).data['profile']).toEqual({ city: '岳阳' });
  });

  test('an update that changes nothing reports 0 updated; a missing document too', async () => {
    expect(
      (
        await db
          .collection('units')
          .doc('u1')
          .update({ data: { rev: 1 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await db
          .collection('units')
          .doc('ghost')
          .update({ data: { rev: 1 } })
      ).stats.updated,
    ).toBe(0);
    await expect(db.collection('units').doc('ghost').get()).rejects.toThrow('does not exist');
  });

  test('a check-and-set on a revision updates only when the revision still matches', async () => {
    const first = await db
      .collection('units')
      .where({ _id: 'u1', rev: 1 })
      .update({ data: { name: 'A', rev: 2 } });
    const second = await db
      .collection('units')
      .where({ _id: 'u1', rev: 1 })
      .update({ data: { name: 'B', rev: 2 } });
    expect([first.stats.updated, second.stats.updated]).toEqual([1, 0]);
    expect((await db.collection('units').doc('u1').get()).data['name']).toBe('A');
  });

  test('remove deletes once', async () => {
    expect((await db.collection('units').doc('u1').remove()).stats.removed).toBe(1);
    expect((await db.collection('units').doc('u1').remove()).stats.removed).toBe(0);
  });

  test('an update that fails on one document of many changes none of them', async () => {
    await db.collection('units').add({ data: { _id: 'u2', rev: 'not a number' } });
    const err = await sdkError(
      db
        .collection('units')
        .where({ _id: db.command.in(['u1', 'u2']) })
        .update({ data: { rev: db.command.inc(1) } }),
    );
    expect(err.message).toMatch(/\$inc/);
    expect((await db.collection('units').doc('u1').get()).data['rev']).toBe(1);
  });
});

describe('queries', () => {
  const people: Doc[] = [
    {
      _id: 'p1',
      badgeNo: 'B1',
      name: '赵一',
      unitId: 'u1',
      age: 25,
      joined: new Date('2020-01-01T00:00:00Z'),
      profile: { city: '长沙' },
      tags: ['new'],
    },
    {
      _id: 'p2',
      badgeNo: 'B2',
      name: '钱二',
      unitId: 'u1',
      age: 35,
      joined: new Date('2018-06-01T00:00:00Z'),
      profile: { city: '株洲' },
    },
    {
      _id: 'p3',
      badgeNo: 'B3',
      name: '孙三',
      unitId: 'u2',
      age: 45,
      joined: new Date('2015-03-01T00:00:00Z'),
      profile: { city: '长沙' },
      leftAt: null,
    },
    {
      _id: 'p4',
      badgeNo: 'B4',
      name: 'Li Si',
      unitId: 'u2',
      age: 30,
      joined: new Date('2021-09-01T00:00:00Z'),
      profile: { city: '湘潭' },
      tags: ['new', 'lead'],
    },
    {
      _id: 'p5',
      badgeNo: 'B5',
      name: 'li wu',
      unitId: 'u3',
      age: 52,
      joined: new Date('2010-01-01T00:00:00Z'),
      profile: { city: '长沙' },
    },
  ];
  const ids = (docs: Doc[]): unknown[] => docs.map((d) => d._id);

  beforeEach(() => {
    local.db.insert('people', people);
  });

  test('equality, nested fields and commands', async () => {
    const _ = db.command;
    const col = db.collection('people');
    expect(ids((await col.where({ unitId: 'u1' }).get()).data)).toEqual(['p1', 'p2']);
    expect(ids((await col.where({ profile: { city: '长沙' } }).get()).data)).toEqual(['p1', 'p3', 'p5']);
    expect(ids((await col.where({ age: _.gt(30) }).get()).data)).toEqual(['p2', 'p3', 'p5']);
    expect(ids((await col.where({ age: _.gte(30).and(_.lt(46)) }).get()).data)).toEqual(['p2', 'p3', 'p4']);
    expect(ids((await col.where({ unitId: _.in(['u2', 'u3']) }).get()).data)).toEqual(['p3', 'p4', 'p5']);
    expect(ids((await col.where({ unitId: _.nin(['u2', 'u3']) }).get()).data)).toEqual(['p1', 'p2']);
    expect(ids((await col.where({ unitId: _.neq('u1') }).get()).data)).toEqual(['p3', 'p4', 'p5']);
    expect(ids((await col.where({ tags: _.exists(true) }).get()).data)).toEqual(['p1', 'p4']);
    expect(ids((await col.where({ tags: 'lead' }).get()).data)).toEqual(['p4']);
    expect(ids((await col.where({ leftAt: null }).get()).data)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(ids((await col.where({ joined: _.lt(new Date('2016-01-01T00:00:00Z')) }).get()).data)).toEqual(['p3', 'p5']);
    expect(ids((await col.where(_.or([{ unitId: 'u3' }, { age: _.lt(26) }])).get()).data)).toEqual(['p1', 'p5']);
    expect(ids((await col.where(_.and([{ unitId: 'u2' }, { age: _.gt(40) }])).get()).data)).toEqual(['p3']);
  });

  test('regular expressions, from db.RegExp and JS literals', async () => {
    const col = db.collection('people');
    expect(ids((await col.where({ name: db.RegExp({ regexp: '^li', options: 'i' }) }).get()).data)).toEqual([
      'p4',
      'p5',
    ]);
    expect(ids((await col.where({ name: /^li/ }).get()).data)).toEqual(['p5']);
    expect(ids((await col.where({ name: /三$/ }).get()).data)).toEqual(['p3']);
  });

  test('orderBy, skip, limit and field', async () => {
    const col = db.collection('people');
    const sorted = await col
      .orderBy('unitId', 'desc')
      .orderBy('age', 'asc')
      .skip(1)
      .limit(3)
      .field({ name: true, age: true })
      .get();
    expect(sorted.data).toEqual([
      { _id: 'p4', name: 'Li Si', age: 30 },
      { _id: 'p3', name: '孙三', age: 45 },
      { _id: 'p1', name: '赵一', age: 25 },
    ]);
    const oneDoc = await col.doc('p2').field({ age: true }).get();
    expect(oneDoc.data).toEqual({ _id: 'p2', age: 35 });
  });

  test('count counts matches, not pages', async () => {
    expect((await db.collection('people').count()).total).toBe(5);
    expect(
      (
        await db
          .collection('people')
          .where({ profile: { city: '长沙' } })
          .count()
      ).total,
    ).toBe(3);
  });

  test('where().update and where().remove touch every match', async () => {
    const col = db.collection('people');
    expect((await col.where({ profile: { city: '长沙' } }).update({ data: { region: '长株潭' } })).stats.updated).toBe(
      3,
    );
    expect(ids((await col.where({ region: '长株潭' }).get()).data)).toEqual(['p1', 'p3', 'p5']);
    expect((await col.where({ age: db.command.gt(40) }).remove()).stats.removed).toBe(2);
    expect(ids((await col.get()).data)).toEqual(['p1', 'p2', 'p4']);
  });
});

describe('page limits', () => {
  beforeEach(() => {
    local.db.insert(
      'messages',
      Array.from({ length: 1100 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, accountId: 'a1', n: i })),
    );
  });

  test('no limit gives 100, a limit above 1000 gives 1000', async () => {
    expect((await db.collection('messages').get()).data).toHaveLength(100);
    expect((await db.collection('messages').limit(2000).get()).data).toHaveLength(1000);
    const tail = await db.collection('messages').orderBy('n', 'asc').skip(1050).limit(1000).get();
    expect(tail.data).toHaveLength(50);
    expect(tail.data[0]?.['n']).toBe(1050);
    expect((await db.collection('messages').count()).total).toBe(1100);
  });
});

describe('serverDate', () => {
  test('is stamped with the local cloud clock in writes, with its offset', async () => {
    const { _id } = await db
      .collection('outbox')
      .add({ data: { dedupeKey: 'k1', createdAt: db.serverDate(), dueAt: db.serverDate({ offset: 60_000 }) } });
    const { data } = await db.collection('outbox').doc(_id).get();
    expect(data['createdAt']).toEqual(new Date(NOW));
    expect(data['dueAt']).toEqual(new Date(NOW + 60_000));

    local.clock.advance(3_600_000);
    await db
      .collection('outbox')
      .doc(_id)
      .update({ data: { sentAt: db.serverDate() } });
    await db
      .collection('outbox')
      .doc('s1')
      .set({ data: { at: db.serverDate() } });
    expect((await db.collection('outbox').doc(_id).get()).data['sentAt']).toEqual(new Date(NOW + 3_600_000));
    expect((await db.collection('outbox').doc('s1').get()).data['at']).toEqual(new Date(NOW + 3_600_000));
  });

  test('is resolved in queries', async () => {
    local.db.insert('outbox', [
      { _id: 'due', dedupeKey: 'd1', state: 'pending', dueAt: new Date(NOW - 1000) },
      { _id: 'later', dedupeKey: 'd2', state: 'pending', dueAt: new Date(NOW + 1000) },
    ]);
    const _ = db.command;
    const due = await db
      .collection('outbox')
      .where({ state: 'pending', dueAt: _.lte(db.serverDate()) })
      .get();
    expect(due.data.map((d) => d._id)).toEqual(['due']);
    local.clock.advance(5000);
    const both = await db
      .collection('outbox')
      .where({ dueAt: _.lte(db.serverDate()) })
      .count();
    expect(both.total).toBe(2);
  });
});

describe('aggregate', () => {
  beforeEach(() => {
    local.db.insert('units', [
      { _id: 'u1', name: '一大队' },
      { _id: 'u2', name: '二大队' },
    ]);
    local.db.insert('posts', [
      { _id: 'a', unitId: 'u1', state: 'published', views: 10 },
      { _id: 'b', unitId: 'u1', state: 'published', views: 5 },
      { _id: 'c', unitId: 'u2', state: 'published', views: 7 },
      { _id: 'd', unitId: 'u2', state: 'draft', views: 100 },
    ]);
  });

  test('match, group, sort, lookup, project, limit', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('posts')
      .aggregate()
      .match({ state: 'published' })
      .group({ _id: '$unitId', views: $.sum('$views'), posts: $.sum(1) })
      .sort({ views: -1 })
      .lookup({ from: 'units', localField: '_id', foreignField: '_id', as: 'unit' })
      .project({ views: 1, posts: 1, unitName: '$unit.name' })
      .limit(10)
      .end();
    expect(res.list).toEqual([
      { _id: 'u1', views: 15, posts: 2, unitName: ['一大队'] },
      { _id: 'u2', views: 7, posts: 1, unitName: ['二大队'] },
    ]);
  });

  test('without a limit stage at most 20 results come back, as CloudBase does', async () => {
    local.db.insert(
      'lexicon',
      Array.from({ length: 30 }, (_, i) => ({ term: `t${i}` })),
    );
    expect((await db.collection('lexicon').aggregate().match({}).end()).list).toHaveLength(20);
    expect((await db.collection('lexicon').aggregate().match({}).limit(100).end()).list).toHaveLength(30);
  });
});

describe('malformed input never crashes or corrupts the store', () => {
  beforeEach(() => {
    local.db.insert('units', [{ _id: 'keep', name: '原样' }]);
  });

  test.each([
    ['not JSON', 'INVALID_PARAM', '{"action": "database.getDocument", '],
    ['no action', 'INVALID_ACTION', '{"collectionName": "units"}'],
    ['unknown service', 'INVALID_ACTION', '{"action": "bogus.thing"}'],
    ['unknown database action', 'INVALID_ACTION', '{"action": "database.dropEverything", "collectionName": "units"}'],
    [
      'query not EJSON',
      'INVALID_PARAM',
      '{"action": "database.getDocument", "collectionName": "units", "query": "{nope"}',
    ],
    [
      'query not an object',
      'INVALID_PARAM',
      '{"action": "database.getDocument", "collectionName": "units", "query": "[1,2]"}',
    ],
    ['bad collection name type', 'INVALID_PARAM', '{"action": "database.getDocument", "collectionName": 5}'],
    [
      'insert data not EJSON',
      'INVALID_PARAM',
      '{"action": "database.insertDocument", "collectionName": "units", "data": ["{\\"a\\":"]}',
    ],
    [
      'update with a bad operator',
      'INVALID_PARAM',
      '{"action": "database.modifyDocument", "collectionName": "units", "queryType": "WHERE", "multi": true, "query": "{}", "data": "{\\"$frobnicate\\": {\\"a\\": 1}}"}',
    ],
    [
      'unknown query operator',
      'DATABASE_REQUEST_FAILED',
      '{"action": "database.getDocument", "collectionName": "units", "query": "{\\"a\\": {\\"$weird\\": 1}}"}',
    ],
    [
      'bulk remove without a filter',
      'INVALID_PARAM',
      '{"action": "database.removeDocument", "collectionName": "units", "queryType": "WHERE", "multi": true}',
    ],
    [
      'commit of an unknown transaction',
      'DATABASE_TRANSACTION_FAIL',
      '{"action": "database.commitTransaction", "transactionId": "nope"}',
    ],
  ])('%s → HTTP 200 with code %s', async (_name, code, body) => {
    const res = await postAdmin(local, body);
    expect(res.status).toBe(200);
    expect(res.json['code']).toBe(code);
    expect(typeof res.json['message']).toBe('string');
    expect((await db.collection('units').get()).data).toEqual([{ _id: 'keep', name: '原样' }]);
  });
});

describe('stats', () => {
  test('counts requests served and documents read', async () => {
    local.db.insert('units', [{ _id: 'u1' }, { _id: 'u2' }, { _id: 'u3' }]);
    local.resetStats();
    await db.collection('units').doc('u2').get();
    const s = local.stats();
    expect(s.admin.database).toBe(1);
    expect(s.requests).toBe(1);
    expect(s.documentsRead).toBe(1);
    expect(s.lastPlan).toBe('ids');
  });
});
