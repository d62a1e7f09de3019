/**
 * Issue 18: a query that no declared index serves reads the whole collection. The local cloud counts
 * such queries in /stats (by collection and shape) and warns in its log once per shape, naming the
 * fields an index would need; indexed queries are not reported.
 */
import type { LocalCloud } from '../src';
import { type SdkDb, startCloud } from './db-sdk';

let local: LocalCloud;
let db: SdkDb;
const lines: string[] = [];

beforeAll(async () => {
  ({ local, db } = await startCloud({ onLog: (entry) => lines.push(`[${entry.functionName}] ${entry.text}`) }));
});

afterAll(async () => {
  await local.close();
});

beforeEach(async () => {
  local.reset();
  lines.length = 0;
  const posts = db.collection('posts');
  for (let i = 0; i < 5; i++) {
    await posts.add({ data: { _id: `p${i}`, accountId: `a${i % 2}`, title: `稿件 ${i}`, updatedAt: i } });
  }
  local.resetStats();
});

async function statsOverHttp(): Promise<{ fullScans: number; unindexedQueries: unknown[] }> {
  const res = await fetch(`${local.url}/stats`);
  return (await res.json()) as { fullScans: number; unindexedQueries: unknown[] };
}

describe('queries that used no index', () => {
  test('an indexed query is not reported', async () => {
    await db.collection('posts').where({ accountId: 'a1' }).orderBy('updatedAt', 'desc').limit(2).get();
    const stats = await statsOverHttp();
    expect(stats.fullScans).toBe(0);
    expect(stats.unindexedQueries).toEqual([]);
    expect(lines.join('')).not.toContain('未使用索引');
  });

  test('a scan is counted per collection and shape in /stats, and warned about once in the log', async () => {
    const _ = db.command;
    await db.collection('posts').where({ title: '稿件 1' }).get();
    await db.collection('posts').where({ title: '稿件 2' }).get();
    await db
      .collection('posts')
      .where(_.or([{ title: '稿件 3' }, { accountId: 'a0' }]))
      .get();
    await db.collection('posts').where({ title: '稿件 4' }).count();

    const stats = await statsOverHttp();
    expect(stats.fullScans).toBe(4);
    expect(stats.unindexedQueries).toEqual([
      { collection: 'posts', shape: '{title}', count: 3 },
      { collection: 'posts', shape: '{title, accountId}', count: 1 },
    ]);
    const warnings = lines.filter((l) => l.includes('未使用索引'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('[本地云] 警告：未使用索引的查询（全表扫描）posts {title}');
    expect(warnings[0]).toContain('core/schema.ts');
  });

  test('a reset of the stats forgets the counts; the log does not repeat a shape it already named', async () => {
    await db.collection('posts').where({ title: '稿件 1' }).get();
    await fetch(`${local.url}/stats/reset`, { method: 'POST' });
    expect((await statsOverHttp()).unindexedQueries).toEqual([]);
    await db.collection('posts').where({ title: '稿件 2' }).get();
    expect((await statsOverHttp()).unindexedQueries).toEqual([{ collection: 'posts', shape: '{title}', count: 1 }]);
    expect(lines.filter((l) => l.includes('未使用索引'))).toHaveLength(0);
  });

  test('a sort is part of the shape', async () => {
    await db.collection('posts').where({ title: '稿件 1' }).orderBy('title', 'asc').get();
    expect((await statsOverHttp()).unindexedQueries).toEqual([
      { collection: 'posts', shape: '{title} 排序 title', count: 1 },
    ]);
  });
});
