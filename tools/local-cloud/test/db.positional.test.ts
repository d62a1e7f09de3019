/**
 * Conformance (issue 11): the positional update operator `field.$` / `field.$.sub` — the first array
 * element the query matched — through the unmodified wx-server-sdk, as CloudBase's database guide and
 * MongoDB define it. Refused before; now supported.
 */
import type { LocalCloud } from '../src';
import { type SdkCollection, type SdkDb, sdkError, startCloud } from './db-sdk';

let local: LocalCloud;
let db: SdkDb;
let c: SdkCollection;

beforeAll(async () => {
  ({ local, db } = await startCloud());
});

afterAll(async () => {
  await local.close();
});

beforeEach(async () => {
  local.reset();
  await db.createCollection('positional');
  c = db.collection('positional');
  await c.add({
    data: {
      _id: 'p1',
      group: 'g',
      tags: ['a', 'b', 'b'],
      items: [
        { id: 'x', n: 1, state: 'open' },
        { id: 'y', n: 2, state: 'open' },
        { id: 'z', n: 3, state: 'done' },
      ],
    },
  });
  await c.add({ data: { _id: 'p2', group: 'g', tags: ['b'], items: [{ id: 'y', n: 20, state: 'open' }] } });
});

const items = async (id: string) => (await c.doc(id).get()).data['items'];

describe('the positional $ updates the first array element the query matched', () => {
  test('field.$.sub with a condition on the element’s field', async () => {
    const { stats } = await c.where({ _id: 'p1', 'items.id': 'y' }).update({ data: { 'items.$.n': 22 } });
    expect(stats.updated).toBe(1);
    expect(await items('p1')).toEqual([
      { id: 'x', n: 1, state: 'open' },
      { id: 'y', n: 22, state: 'open' },
      { id: 'z', n: 3, state: 'done' },
    ]);
  });

  test('field.$ on an array of values: only the first match changes', async () => {
    await c.where({ _id: 'p1', tags: 'b' }).update({ data: { 'tags.$': 'B' } });
    expect((await c.doc('p1').get()).data['tags']).toEqual(['a', 'B', 'b']);
  });

  test('field.$ replaces the whole element; operators other than set work too', async () => {
    const _ = db.command;
    await c.where({ _id: 'p1', 'items.id': 'z' }).update({ data: { 'items.$': { id: 'z', n: 0, state: 'reopened' } } });
    await c.where({ _id: 'p1', 'items.id': 'x' }).update({ data: { 'items.$.n': _.inc(10) } });
    expect(await items('p1')).toEqual([
      { id: 'x', n: 11, state: 'open' },
      { id: 'y', n: 2, state: 'open' },
      { id: 'z', n: 0, state: 'reopened' },
    ]);
  });

  test('the first element meeting every condition on the array, with operators', async () => {
    const _ = db.command;
    await c
      .where({ _id: 'p1', 'items.state': 'open', 'items.n': _.gt(1) })
      .update({ data: { 'items.$.state': 'seen' } });
    expect((await items('p1')) as unknown[]).toEqual([
      { id: 'x', n: 1, state: 'open' },
      { id: 'y', n: 2, state: 'seen' },
      { id: 'z', n: 3, state: 'done' },
    ]);
  });

  test('an elemMatch condition picks the element meeting all of it', async () => {
    const _ = db.command as unknown as { elemMatch(v: unknown): unknown; gte(v: unknown): unknown };
    await c
      .where({ _id: 'p1', items: _.elemMatch({ state: 'open', n: _.gte(2) }) })
      .update({ data: { 'items.$.n': 200 } });
    expect(((await items('p1')) as Array<{ n: number }>).map((i) => i.n)).toEqual([1, 200, 3]);
  });

  test('each matched document gets its own first match (multi update)', async () => {
    const { stats } = await c.where({ group: 'g', 'items.id': 'y' }).update({ data: { 'items.$.state': 'closed' } });
    expect(stats.updated).toBe(2);
    expect((await items('p1')) as Array<{ state: string }>).toEqual([
      { id: 'x', n: 1, state: 'open' },
      { id: 'y', n: 2, state: 'closed' },
      { id: 'z', n: 3, state: 'done' },
    ]);
    expect(await items('p2')).toEqual([{ id: 'y', n: 20, state: 'closed' }]);
  });

  test('a query that names no element of the array is an error, and changes nothing', async () => {
    const byId = await sdkError(c.doc('p1').update({ data: { 'items.$.n': 5 } }));
    expect(byId.message).toContain('positional operator did not find the match');
    const byOther = await sdkError(c.where({ group: 'g' }).update({ data: { 'items.$.n': 5 } }));
    expect(byOther.message).toContain('positional operator did not find the match');
    expect((await items('p1')) as Array<{ n: number }>).toEqual([
      { id: 'x', n: 1, state: 'open' },
      { id: 'y', n: 2, state: 'open' },
      { id: 'z', n: 3, state: 'done' },
    ]);
  });

  test('two positional elements in one path are refused', async () => {
    const err = await sdkError(c.where({ 'items.id': 'x' }).update({ data: { 'items.$.sub.$': 1 } }));
    expect(err.message).toContain("Too many positional (i.e. '$') elements");
  });

  test('inside a transaction, on a document read by id, $ has no array condition to follow', async () => {
    const err = await sdkError(
      db.runTransaction(async (tx) => {
        await tx
          .collection('positional')
          .doc('p1')
          .update({ data: { 'items.$.n': 5 } });
      }, 1),
    );
    expect(err.message).toContain('positional operator did not find the match');
  });
});
