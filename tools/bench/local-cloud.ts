/**
 * Local cloud benchmark (printed figures, no timed assertions):
 *
 *  1. p50/p95 of a no-op function call: system.ping through POST /functions/system, the path a
 *     mini-program request takes (HTTP, functions runtime, the bundled function);
 *  2. p50/p95 of one account's newest 50 posts (`posts.account`: accountId, updatedAt desc) at 10k and
 *     at 100k documents, issued through the real wx-server-sdk from this process, each as a ratio to
 *     the same query on the embedded store (LocalDatabase.find), with the documents each query read
 *     (cloud.stats(): 50 when the index serves it, the collection size when it does not);
 *  3. the 100k figure over the 10k figure, which must stay within 2×.
 *
 * The sizes live in two clouds side by side and every round queries both, alternating which goes
 * first, so a machine busy with other work slows both alike and the ratios stay meaningful.
 *
 *   npx tsx tools/bench/local-cloud.ts      (or: npm run bench -- local-cloud)
 *
 * Needs the built functions (npm run bench builds them; otherwise npm run build or any node test run).
 */
import * as wxCloud from 'wx-server-sdk';
import { mulberry32 } from '../../core/random';
import { toBeijingIso } from '../../core/time';
import { createLocalCloud, type Doc, type LocalCloud } from '../local-cloud/src';
import type { SdkDb } from '../local-cloud/test/db-sdk';
import { formatPercentiles, formatRatio, percentiles, type Percentiles, ratioOf, timeMs } from './stats';

export interface LocalCloudBenchOptions {
  /** Collection sizes; the growth check compares the last with the first. */
  sizes?: readonly number[];
  /** Posts per account: what one query returns. */
  perAccount?: number;
  /** Timed queries per size (each through the SDK and directly). */
  queries?: number;
  /** Timed system.ping calls. */
  pings?: number;
  log?: (line: string) => void;
}

export interface QueryFigures {
  documents: number;
  sdkMs: Percentiles;
  directMs: Percentiles;
  /** SDK over direct, p50 to p50 and p95 to p95. */
  sdkOverDirect: Percentiles;
  /** cloud.stats().documentsRead per query, over every timed query (SDK and direct). */
  documentsReadPerQuery: number;
  fullScans: number;
  plan: string;
}

export interface LocalCloudBenchFigures {
  pingMs: Percentiles;
  queries: QueryFigures[];
  /** Largest size's SDK figure over the smallest's. */
  growth: { from: number; to: number; ratio: Percentiles; limit: number; pass: boolean };
}

const GROWTH_LIMIT = 2;
const BATCH = 5_000;
const WARMUP = 20;
const STATES = ['draft', 'pending', 'approved', 'published', 'published', 'published'] as const;
// About a post's worth of text, so a page read moves what a real page moves.
const BODY = '全省公安机关深入开展夏季治安打击整治行动，坚持打防管控建一体推进，'.repeat(12);

/**
 * Accounts take turns in `_id` order, so one account's posts lie scattered over the table as they
 * do after months of writing from many accounts, and the index has to fetch them one by one.
 */
function postAt(i: number, accounts: number, baseMs: number): Doc {
  const account = i % accounts;
  const nth = Math.floor(i / accounts);
  const state = STATES[i % STATES.length] ?? 'draft';
  const updated = baseMs - (nth * accounts + account) * 60_000;
  return {
    _id: `bench-post-${String(i).padStart(7, '0')}`,
    accountId: `bench-acc-${String(account).padStart(5, '0')}`,
    unitId: `bench-unit-${account % 137}`,
    authorId: `bench-person-${account % 500}`,
    contributorIds: [`bench-person-${account % 500}`],
    state,
    version: 1,
    rev: 1,
    content: { title: `账号${account}第${nth}条：夏季治安打击整治行动进展`, body: BODY, images: [] },
    pendingWith: state === 'pending' ? [`person:bench-person-${(account + 1) % 500}`] : [],
    submittedAt: state === 'draft' ? null : toBeijingIso(updated - 3_600_000),
    plannedAt: null,
    createdAt: toBeijingIso(updated - 7_200_000),
    updatedAt: toBeijingIso(updated),
  };
}

function accountsFor(documents: number, perAccount: number): number {
  return Math.max(1, Math.floor(documents / perAccount));
}

function fill(cloud: LocalCloud, documents: number, perAccount: number): void {
  const accounts = accountsFor(documents, perAccount);
  const baseMs = cloud.clock.now();
  for (let start = 0; start < documents; start += BATCH) {
    const batch: Doc[] = [];
    for (let i = start; i < Math.min(documents, start + BATCH); i += 1) batch.push(postAt(i, accounts, baseMs));
    cloud.db.insert('posts', batch);
  }
}

/** Deterministic account choice (seeded), so two runs query the same accounts. */
function accountPicker(seed: number, accounts: number): () => string {
  const random = mulberry32(seed);
  return () => `bench-acc-${String(Math.floor(random() * accounts)).padStart(5, '0')}`;
}

interface Side {
  cloud: LocalCloud;
  documents: number;
  nextAccount: () => string;
  sdk: number[];
  direct: number[];
}

function expectPage(docs: readonly Doc[], perAccount: number, accountId: string): void {
  if (docs.length !== perAccount || docs.some((d) => d['accountId'] !== accountId)) {
    throw new Error(`查询结果不符：账号 ${accountId} 应返回 ${perAccount} 条，实得 ${docs.length} 条`);
  }
}

async function ping(cloud: LocalCloud): Promise<void> {
  const res = await fetch(`${cloud.url}/functions/system`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'ping' }),
  });
  const answer = (await res.json()) as { ok?: boolean };
  if (res.status !== 200 || answer.ok !== true) throw new Error(`system.ping 失败：HTTP ${res.status}`);
}

export async function runLocalCloudBench(options: LocalCloudBenchOptions = {}): Promise<LocalCloudBenchFigures> {
  const {
    sizes = [10_000, 100_000],
    perAccount = 50,
    queries = 300,
    pings = 300,
    log = (line: string) => console.log(line),
  } = options;
  if (sizes.length === 0) throw new Error('至少需要一个集合规模');

  // The SDK reads its endpoint from process.env on every request; put back what was there.
  const saved = new Map<string, string | undefined>();
  const sides: Side[] = [];
  try {
    for (const [k, documents] of sizes.entries()) {
      const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
      const nextAccount = accountPicker(20240601 + k, accountsFor(documents, perAccount));
      // Pushed before filling, so `finally` closes it even when filling fails.
      sides.push({ cloud, documents, nextAccount, sdk: [], direct: [] });
      fill(cloud, documents, perAccount);
    }
    const base = sides[0];
    for (const key of [...Object.keys(base.cloud.sdkEnv()), 'SILENCE']) saved.set(key, process.env[key]);
    process.env['SILENCE'] = 'true';
    wxCloud.init({ env: wxCloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const db = wxCloud.database() as unknown as SdkDb;

    const pageViaSdk = async (side: Side, accountId: string): Promise<Doc[]> => {
      Object.assign(process.env, side.cloud.sdkEnv());
      const res = await db
        .collection('posts')
        .where({ accountId })
        .orderBy('updatedAt', 'desc')
        .limit(perAccount)
        .get();
      return res.data;
    };
    const pageDirect = (side: Side, accountId: string): Doc[] =>
      side.cloud.db.find('posts', { accountId }, { sort: [['updatedAt', -1]], limit: perAccount });

    log(`本地云：无操作函数调用与 ${perAccount} 条索引查询（posts.account），规模 ${sizes.join(' / ')}`);

    for (let i = 0; i < WARMUP; i += 1) await ping(base.cloud);
    const pingSamples: number[] = [];
    for (let i = 0; i < pings; i += 1) pingSamples.push(await timeMs(() => ping(base.cloud)));
    const pingMs = percentiles(pingSamples);
    log(`  system.ping（POST /functions/system）：${formatPercentiles(pingMs)}`);

    // One checked query per size: the plan and the documents it read, before any timing.
    const plans = new Map<Side, string>();
    for (const side of sides) {
      for (let i = 0; i < WARMUP; i += 1) {
        const accountId = side.nextAccount();
        expectPage(await pageViaSdk(side, accountId), perAccount, accountId);
        expectPage(pageDirect(side, accountId), perAccount, accountId);
      }
      side.cloud.resetStats();
      const accountId = side.nextAccount();
      expectPage(await pageViaSdk(side, accountId), perAccount, accountId);
      const s = side.cloud.stats();
      if (s.documentsRead !== perAccount) log(`  注意：${side.documents} 条时单次查询读取了 ${s.documentsRead} 条文档`);
      plans.set(side, s.lastPlan);
      side.cloud.resetStats();
    }

    for (let i = 0; i < queries; i += 1) {
      const order = i % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const accountId = side.nextAccount();
        let page: Doc[] = [];
        side.sdk.push(await timeMs(async () => (page = await pageViaSdk(side, accountId))));
        expectPage(page, perAccount, accountId);
        side.direct.push(await timeMs(async () => (page = pageDirect(side, accountId))));
        expectPage(page, perAccount, accountId);
      }
    }

    log(
      '  文档数      SDK 查询                       直接查询（LocalDatabase.find）   SDK/直接（p50 / p95）   每次读取   全表扫描   计划',
    );
    const figures: QueryFigures[] = sides.map((side) => {
      const s = side.cloud.stats();
      const sdkMs = percentiles(side.sdk);
      const directMs = percentiles(side.direct);
      const sdkOverDirect = ratioOf(sdkMs, directMs);
      const q: QueryFigures = {
        documents: side.documents,
        sdkMs,
        directMs,
        sdkOverDirect,
        documentsReadPerQuery: s.documentsRead / (side.sdk.length + side.direct.length),
        fullScans: s.fullScans,
        plan: plans.get(side) ?? '',
      };
      log(
        `  ${String(q.documents).padStart(7)}   ${formatPercentiles(sdkMs).padEnd(30)} ${formatPercentiles(directMs).padEnd(32)} ` +
          `${`${formatRatio(sdkOverDirect.p50)} / ${formatRatio(sdkOverDirect.p95)}`.padEnd(22)}  ` +
          `${String(q.documentsReadPerQuery).padStart(7)}   ${String(q.fullScans).padStart(8)}   ${q.plan}`,
      );
      return q;
    });

    const small = figures[0];
    const large = figures[figures.length - 1];
    const ratio = ratioOf(large.sdkMs, small.sdkMs);
    const pass = ratio.p50 <= GROWTH_LIMIT && ratio.p95 <= GROWTH_LIMIT;
    log(
      `  ${large.documents} 条 / ${small.documents} 条（SDK 查询）：p50 ${formatRatio(ratio.p50)}，p95 ${formatRatio(ratio.p95)}` +
        `，上限 ${formatRatio(GROWTH_LIMIT)} —— ${pass ? 'PASS' : 'FAIL'}`,
    );
    return {
      pingMs,
      queries: figures,
      growth: { from: small.documents, to: large.documents, ratio, limit: GROWTH_LIMIT, pass },
    };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const side of sides) await side.cloud.close();
  }
}

if (require.main === module) {
  runLocalCloudBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
