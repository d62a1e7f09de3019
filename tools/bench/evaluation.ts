/**
 * Evaluation benchmark (issue 14): one month at province scale — 3,000 accounts under 14 cities and
 * 126 counties, 100,000 posts (≈ 60,000 cadence days), 30,000 messages, 8,000 referrals, 40 linkage
 * directives to every account (120,000 directive records) — plus an earlier month of history at half
 * that volume, inserted straight into the local cloud's database in the shapes the product stores.
 * Then, through HTTP as the province desk:
 *
 *  1. the month's run in resumable chunks (evaluation.run called until done): total function time and
 *     the longest chunk, as ratios to the platform's 60 s function limit;
 *  2. documents read by the run, per record of that month and per record stored (the history is never
 *     read);
 *  3. the re-run's digest equals the first (same records, same bytes);
 *  4. release, then publish after the objection period: the circular (.docx + .xlsx over every
 *     account) generated in that one call, its time as a ratio to a no-op call (system.ping).
 *
 *   npm run bench -- evaluation        (npx tsx tools/bench/evaluation.ts after a function build)
 */
import { performance } from 'node:perf_hooks';
import type { Account, Unit } from '../../typings/org';
import { demoOrg } from '../../core/org/demo';
import { FUNCTION_TIME_LIMIT_MS } from '../../server/evaluation/run';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedOrg } from '../seed';
import { formatMs, percentiles, timeMs } from './stats';

export interface EvaluationBenchOptions {
  accounts?: number;
  posts?: number;
  messages?: number;
  referrals?: number;
  directives?: number;
  log?: (line: string) => void;
}

const DESK = 'demo-province-propaganda';
const MONTH = '2026-03';
const HISTORY = '2026-02';
const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

type Answer = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

async function call(cloud: LocalCloud, fn: string, body: Record<string, unknown>, openid = DESK): Promise<Answer> {
  const res = await fetch(`${cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

async function must<T>(answer: Promise<Answer>): Promise<T> {
  const res = await answer;
  if (!res.ok) throw new Error(`${res.error?.code}: ${res.error?.message}`);
  return res.data as T;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** Beijing ISO of day d (1-based) of a month at hh:mm. */
const at = (month: string, d: number, hh: number, mm = 0): string =>
  `${month}-${pad(d)}T${pad(hh)}:${pad(mm)}:00.000+08:00`;

function insertAll(cloud: LocalCloud, collection: string, docs: object[]): void {
  for (let i = 0; i < docs.length; i += BATCH)
    cloud.db.insert(collection, docs.slice(i, i + BATCH) as Array<Record<string, unknown>>);
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function province(base: Unit): { units: Unit[]; bureaus: Unit[] } {
  const units: Unit[] = [];
  const bureaus: Unit[] = [];
  const make = (id: string, name: string, parent: Unit, kind: Unit['kind'] = 'bureau'): Unit => {
    const level = kind !== 'bureau' ? parent.level : parent.level === 'province' ? 'city' : 'county';
    const u: Unit = { ...base, _id: id, name, kind, level, parentId: parent._id, path: [...parent.path, id] };
    units.push(u);
    if (kind === 'bureau') bureaus.push(u);
    return u;
  };
  for (let c = 1; c <= 14; c += 1) {
    const city = make(`u-e${c}`, `评估${c}市公安局`, base);
    make(`u-e${c}-xc`, `评估${c}市公安局政治部宣传处`, city, 'propagandaDesk');
    for (let k = 1; k <= 9; k += 1) make(`u-e${c}-${k}`, `评估${c}市${k}县公安局`, city);
  }
  return { units, bureaus };
}

const PLATFORMS: Account['platform'][] = [
  'weibo',
  'wechatSubscription',
  'douyin',
  'toutiao',
  'kuaishou',
  'wechatService',
];

interface MonthVolume {
  posts: number;
  messages: number;
  referrals: number;
  directives: number;
}

/** One month's records of every account, as the product stores them (the fields its indexes and readers use). */
function monthRecords(
  month: string,
  accounts: readonly Account[],
  v: MonthVolume,
  rnd: () => number,
): Record<string, object[]> {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  const posts: object[] = [];
  const cadence = new Map<string, { _id: string; accountId: string; day: string; postIds: string[] }>();
  for (let i = 0; i < v.posts; i += 1) {
    const account = accounts[i % accounts.length];
    const d = 1 + Math.floor(rnd() * days);
    const id = `ep-${month}-${i}`;
    const published = at(month, d, 9 + (i % 10));
    const sentBack = i % 25 === 0;
    posts.push({
      _id: id,
      accountId: account._id,
      unitId: account.unitId,
      authorId: 'p-bench',
      state: 'published',
      content: { title: `第${i}期 警情通报`, text: '', images: [], kind: 'original', source: null },
      decisions: sentBack
        ? [
            {
              round: 1,
              version: 1,
              stepKey: 'reviewer',
              stepLabel: '审核',
              kind: 'sendBack',
              personId: 'p-r',
              comment: '数据需核实',
              at: at(month, d, 8),
            },
          ]
        : [],
      publication: {
        url: `https://weibo.com/${id}`,
        publishedAt: published,
        recordedAt: published,
        recordedBy: 'p-bench',
        version: 1,
        contentHash: id,
      },
      pendingWith: [],
      updatedAt: published,
      createdAt: at(month, d, 7),
      rev: 3,
    });
    const key = `${account._id}:${month}-${pad(d)}`;
    const day = cadence.get(key) ?? { _id: key, accountId: account._id, day: `${month}-${pad(d)}`, postIds: [] };
    day.postIds.push(id);
    cadence.set(key, day);
  }
  const messages: object[] = [];
  for (let i = 0; i < v.messages; i += 1) {
    const account = accounts[Math.floor(rnd() * accounts.length)];
    const d = 1 + Math.floor(rnd() * days);
    const closed = rnd() < 0.9;
    messages.push({
      _id: `em-${month}-${i}`,
      accountId: account._id,
      unitId: account.unitId,
      platform: account.platform,
      text: '咨询',
      receivedAt: at(month, d, 10),
      state: closed ? 'closed' : 'triaged',
      closedAt: closed ? at(month, d, 15) : null,
      replyTargetAt: null,
      rev: 2,
    });
  }
  const referrals: object[] = [];
  for (let i = 0; i < v.referrals; i += 1) {
    const account = accounts[Math.floor(rnd() * accounts.length)];
    const d = 1 + Math.floor(rnd() * (days - 3));
    const late = rnd() < 0.1;
    const due = Date.parse(at(month, d, 23, 59));
    referrals.push({
      _id: `er-${month}-${i}`,
      messageId: `em-${month}-${i}`,
      accountId: account._id,
      unitId: account.unitId,
      departmentId: `${account.unitId}-xz`,
      departmentName: '刑侦大队',
      state: 'answered',
      open: false,
      dueAt: at(month, d, 23, 59),
      dueSoonAt: at(month, d, 9),
      answer: {
        outcome: '已办理',
        replyWording: '已办理',
        answeredBy: 'p-h',
        answeredAt: new Date(due + (late ? 2 * DAY_MS : -DAY_MS / 2)).toISOString(),
      },
      rev: 3,
    });
  }
  const targets: object[] = [];
  for (let k = 0; k < v.directives; k += 1) {
    const d = 1 + Math.floor((k * days) / v.directives);
    for (const account of accounts) {
      const r = rnd();
      const state = r < 0.85 ? 'onTime' : r < 0.95 ? 'late' : 'none';
      targets.push({
        _id: `ed-${month}-${k}|${account._id}`,
        directiveId: `ed-${month}-${k}`,
        directiveTitle: `联动指令${k + 1}`,
        accountId: account._id,
        unitPath: [],
        month,
        issuedAt: at(month, d, 10),
        dueAt: at(month, d, 11),
        state,
        elapsedMs: state === 'none' ? null : state === 'onTime' ? 20 * 60_000 : 90 * 60_000,
        rank: 0,
        operatorIds: [],
      });
    }
  }
  return { posts, cadenceDays: [...cadence.values()], messages, referrals, directiveTargets: targets };
}

export async function runEvaluationBench(options: EvaluationBenchOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const volume: MonthVolume = {
    posts: options.posts ?? 100_000,
    messages: options.messages ?? 30_000,
    referrals: options.referrals ?? 8_000,
    directives: options.directives ?? 40,
  };
  const accountCount = options.accounts ?? 3_000;
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.set('2026-04-01T02:00:00.000+08:00');
    seedOrg(cloud.db);
    const base = demoOrg().units.find((u) => u.parentId === null) as Unit;
    const { units, bureaus } = province(base);
    insertAll(cloud, 'units', units);
    const rnd = random(14);
    const accounts: Account[] = [];
    for (let i = 0; i < accountCount; i += 1) {
      const bureau = bureaus[i % bureaus.length];
      const personal = i % 10 === 9;
      accounts.push({
        _id: `acc-e${pad(i, 5)}`,
        platform: PLATFORMS[i % PLATFORMS.length],
        name: `评估账号${i}`,
        platformId: `e${i}`,
        unitId: bureau._id,
        kind: personal ? 'personal' : 'institutional',
        ownerId: personal ? 'p-bench' : null,
        realNameVerified: true,
        operatorA: null,
        operatorB: null,
        reviewerIds: [],
        state: 'active',
        exceptionApproval: null,
        createdAt: '2025-06-01T09:00:00.000+08:00',
        updatedAt: '2025-06-01T09:00:00.000+08:00',
        rev: 1,
      });
    }
    insertAll(cloud, 'accounts', accounts);
    const t0 = performance.now();
    let monthRecordCount = accounts.length;
    for (const [collection, docs] of Object.entries(monthRecords(MONTH, accounts, volume, rnd))) {
      insertAll(cloud, collection, docs);
      monthRecordCount += docs.length;
      log(`  ${MONTH} ${collection}: ${docs.length.toLocaleString('en-US')}`);
    }
    const half: MonthVolume = {
      posts: volume.posts / 2,
      messages: volume.messages / 2,
      referrals: volume.referrals / 2,
      directives: volume.directives / 2,
    };
    let historyCount = 0;
    for (const [collection, docs] of Object.entries(monthRecords(HISTORY, accounts, half, rnd))) {
      insertAll(cloud, collection, docs);
      historyCount += docs.length;
    }
    log(
      `  数据就绪：${MONTH} 记录 ${monthRecordCount.toLocaleString('en-US')} 条（含账号），另有 ${HISTORY} 历史记录 ${historyCount.toLocaleString('en-US')} 条，用时 ${formatMs(performance.now() - t0)}`,
    );

    const pings: number[] = [];
    for (let i = 0; i < 30; i += 1) pings.push(await timeMs(() => must(call(cloud, 'system', { action: 'ping' }))));
    const ping = percentiles(pings);

    interface Progress {
      phase: string | null;
      rev: number;
      chunks: number;
      runMs: number;
      longestChunkMs: number;
      digest: string | null;
      accountsDone: number;
    }
    const runMonth = async (
      restart: boolean,
    ): Promise<{ progress: Progress; callMs: number; calls: number; read: number }> => {
      cloud.resetStats();
      let calls = 0;
      const started = performance.now();
      let progress = await must<Progress>(call(cloud, 'evaluation', { action: 'run', month: MONTH, restart }));
      calls += 1;
      while (progress.phase !== 'done' && calls < 100) {
        progress = await must<Progress>(call(cloud, 'evaluation', { action: 'run', month: MONTH, restart: false }));
        calls += 1;
      }
      return { progress, callMs: performance.now() - started, calls, read: cloud.stats().documentsRead };
    };

    const first = await runMonth(false);
    const limit = FUNCTION_TIME_LIMIT_MS;
    log(`月度计算：${first.progress.accountsDone} 个账号，${first.progress.chunks} 个分块，${first.calls} 次调用`);
    log(
      `  函数内总用时 ${formatMs(first.progress.runMs)}（= 函数时限 60 s 的 ${(first.progress.runMs / limit).toFixed(2)} 倍；调用总耗时 ${formatMs(first.callMs)}）`,
    );
    log(
      `  最长分块 ${formatMs(first.progress.longestChunkMs)}（= 函数时限的 ${(first.progress.longestChunkMs / limit).toFixed(3)}）`,
    );
    log(
      `  读取文档 ${first.read.toLocaleString('en-US')} = 当月记录的 ${(first.read / monthRecordCount).toFixed(2)} 倍，全部记录的 ${(first.read / (monthRecordCount + historyCount)).toFixed(2)} 倍（历史月份不读）`,
    );

    const again = await runMonth(true);
    log(
      `重新计算：摘要${again.progress.digest === first.progress.digest ? '一致' : '不一致！'}（${(again.progress.digest ?? '').slice(0, 16)}…），读取文档 ${again.read.toLocaleString('en-US')}`,
    );

    const released = await must<Progress>(
      call(cloud, 'evaluation', { action: 'release', month: MONTH, expectedRev: again.progress.rev }),
    );
    cloud.clock.set('2026-04-08T09:00:00.000+08:00');
    let publishMs = 0;
    const published = await must<{ circular: { docxUrl: string; xlsxUrl: string } | null }>(
      (async () => {
        const s = performance.now();
        const answer = await call(cloud, 'evaluation', { action: 'publish', month: MONTH, expectedRev: released.rev });
        publishMs = performance.now() - s;
        return answer;
      })(),
    );
    const sizes = await Promise.all(
      [published.circular?.docxUrl ?? '', published.circular?.xlsxUrl ?? ''].map(
        async (u) => (await (await fetch(u)).arrayBuffer()).byteLength,
      ),
    );
    log(
      `发布并生成通报（一次调用）：${formatMs(publishMs)} = system.ping p50（${formatMs(ping.p50)}）的 ${(publishMs / ping.p50).toFixed(0)} 倍；= 函数时限的 ${(publishMs / limit).toFixed(2)}`,
    );
    log(
      `  通报 .docx ${(sizes[0] ?? 0).toLocaleString('en-US')} 字节，评估明细 .xlsx ${(sizes[1] ?? 0).toLocaleString('en-US')} 字节`,
    );
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  runEvaluationBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
