/**
 * Transactions through the real SDK: isolation until commit, read-your-writes, rollback, and
 * conflicts detected by the server so the SDK's runTransaction retries the loser.
 */
import type { LocalCloud } from '../src';
import { type SdkDb, type SdkTransaction, startCloud } from './db-sdk';

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
  local.db.insert('counters', [{ _id: 'c', n: 0 }]);
});

async function valueOf(id = 'c'): Promise<unknown> {
  return (await db.collection('counters').doc(id).get()).data['n'];
}

/** Resolves when `count` parties have arrived. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    arrived++;
    if (arrived === count) release();
    await all;
  };
}

async function increment(tx: SdkTransaction, wait?: () => Promise<void>): Promise<number> {
  const { data } = await tx.collection('counters').doc('c').get();
  if (wait) await wait();
  const next = Number(data['n']) + 1;
  await tx
    .collection('counters')
    .doc('c')
    .update({ data: { n: next } });
  return next;
}

test('writes stay invisible outside the transaction until it commits; inside, it reads its own writes', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('counters')
    .doc('c')
    .update({ data: { n: 5 } });
  await tx.collection('counters').add({ data: { _id: 'new', n: 1 } });

  expect((await tx.collection('counters').doc('c').get()).data['n']).toBe(5);
  expect((await tx.collection('counters').doc('new').get()).data['n']).toBe(1);
  expect(await valueOf()).toBe(0);
  await expect(db.collection('counters').doc('new').get()).rejects.toThrow('does not exist');

  await tx.commit();
  expect(await valueOf()).toBe(5);
  expect(await valueOf('new')).toBe(1);
});

test('rollback discards everything; a throwing callback leaves no trace either', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('counters')
    .doc('c')
    .set({ data: { n: 99 } });
  await tx.rollback();
  expect(await valueOf()).toBe(0);

  await expect(
    db.runTransaction(async (t) => {
      await t
        .collection('counters')
        .doc('c')
        .update({ data: { n: 42 } });
      throw new Error('业务校验失败');
    }),
  ).rejects.toThrow('业务校验失败');
  expect(await valueOf()).toBe(0);
  expect(local.stats().openTransactions).toBe(0);
});

test('of two transactions on one document, the second to commit gets DATABASE_TRANSACTION_CONFLICT', async () => {
  const a = await db.startTransaction();
  const b = await db.startTransaction();
  await increment(a);
  await increment(b);
  await a.commit();
  await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await valueOf()).toBe(1);
});

test('a plain write between a transaction read and its commit is a conflict too', async () => {
  const tx = await db.startTransaction();
  await increment(tx);
  await db
    .collection('counters')
    .doc('c')
    .update({ data: { n: 10 } });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await valueOf()).toBe(10);
});

test('an insert racing a transactional insert of the same _id conflicts', async () => {
  const tx = await db.startTransaction();
  await tx.collection('counters').add({ data: { _id: 'race', n: 1 } });
  await db.collection('counters').add({ data: { _id: 'race', n: 2 } });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await valueOf('race')).toBe(2);
});

test('a where() query inside a transaction is refused, as CloudBase allows only single-document operations', async () => {
  await expect(
    db.runTransaction(async (tx) => {
      await tx
        .collection('counters')
        .where({ n: db.command.gte(0) })
        .get();
    }),
  ).rejects.toThrow(/事务中不支持批量操作/);
  expect(local.stats().openTransactions).toBe(0);
});

test('a transaction reads a snapshot: a document read twice looks the same both times', async () => {
  const tx = await db.startTransaction();
  expect((await tx.collection('counters').doc('c').get()).data['n']).toBe(0);
  await db
    .collection('counters')
    .doc('c')
    .update({ data: { n: 7 } });
  expect((await tx.collection('counters').doc('c').get()).data['n']).toBe(0);
  await tx.rollback();
});

test('two concurrent runTransaction increments: the SDK retries the loser and nothing is lost', async () => {
  const meet = barrier(2);
  let attempts = 0;
  const run = (): Promise<number> =>
    db.runTransaction(async (tx) => {
      attempts++;
      // Only first attempts wait for each other, so both read the same value and one must lose.
      return increment(tx, attempts <= 2 ? meet : undefined);
    });
  const results = await Promise.all([run(), run()]);
  expect(results.sort()).toEqual([1, 2]);
  expect(attempts).toBe(3);
  expect(await valueOf()).toBe(2);
  expect(local.stats().openTransactions).toBe(0);
});

test('many concurrent increments: every committed one counts, failures are clean conflicts', async () => {
  const N = 8;
  const outcomes = await Promise.allSettled(Array.from({ length: N }, () => db.runTransaction((tx) => increment(tx))));
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
  for (const o of outcomes) {
    if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  }
  expect(committed).toBeGreaterThan(0);
  expect(await valueOf()).toBe(committed);
});
