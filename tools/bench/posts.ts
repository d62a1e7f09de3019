/**
 * Posts benchmark: 100,000 posts across 2,000 accounts (inserted straight into the local cloud's
 * database, built by core/post so every document is one the product could have made), then
 *
 *  1. the documents read to build one reviewer's approvals list — a page, whatever the collection
 *     and however many posts wait for that reviewer (1,000 here);
 *  2. p50/p95 of submit, approve and publish through HTTP, each and as a sequence, as a ratio to a
 *     no-op function call (system.ping) on the same local cloud.
 *
 *   npx tsx tools/bench/posts.ts
 *
 * Run the function build first (npm run build or any node test run).
 */
import { performance } from 'node:perf_hooks';
import type { Account, Person, RoleGrant, Unit } from '../../typings/org';
import type { ApprovalQueueEntry, Post, PostContent, PostScreening } from '../../typings/post';
import { demoOrg } from '../../core/org/demo';
import { buildTree, type UnitTree } from '../../core/org/tree';
import { applyPostEvent, createDraft } from '../../core/post';
import { toBeijingIso } from '../../core/time';
import { chainUnits } from '../../server/post/context';
import { queueEntries } from '../../server/post/effects';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedOrg } from '../seed';
import { formatPercentiles, percentiles, sampled, type Percentiles } from './stats';

export interface PostsBenchOptions {
  posts?: number;
  accounts?: number;
  /** Posts waiting for the measured reviewer. */
  pending?: number;
  /** Timed submit → approve → publish sequences. */
  iterations?: number;
  pageSize?: number;
  log?: (line: string) => void;
}

export interface PostsBenchFigures {
  posts: number;
  accounts: number;
  reviewerPending: number;
  approvals: { pageSize: number; items: number; documentsRead: number; databaseRequests: number; fullScans: number };
  pingMs: Percentiles;
  submitMs: Percentiles;
  approveMs: Percentiles;
  publishMs: Percentiles;
  sequenceMs: Percentiles;
  /** p95 of each, divided by the p95 of one system.ping. */
  ratioToPing: { submit: number; approve: number; publish: number; sequence: number };
}

const BATCH = 5_000;
const CLEAN: PostScreening = { blocked: false, minLevel: 'ordinary', hits: [] };
const TRAINED = {
  course: '公安新媒体业务培训',
  date: '2025-12-20',
  issuer: '湖南省公安厅政治部宣传处',
  completed: true,
};
const PLATFORMS: Account['platform'][] = [
  'weibo',
  'wechatSubscription',
  'douyin',
  'toutiao',
  'kuaishou',
  'wechatService',
];

interface Staff {
  bureau: Unit;
  a: Person;
  b: Person;
  reviewer: Person;
}

/** 13 more cities with 9 counties each (a province's worth), each bureau with its desk and four people. */
function syntheticOrg(base: Unit, now: string): { units: Unit[]; people: Person[]; staff: Staff[] } {
  const units: Unit[] = [];
  const people: Person[] = [];
  const staff: Staff[] = [];
  const unit = (id: string, name: string, kind: Unit['kind'], parent: Unit): Unit => {
    const level = kind !== 'bureau' ? parent.level : parent.level === 'province' ? 'city' : 'county';
    const u: Unit = {
      ...base,
      _id: id,
      name,
      kind,
      level,
      parentId: parent._id,
      path: [...parent.path, id],
      createdAt: now,
      updatedAt: now,
    };
    units.push(u);
    return u;
  };
  const person = (id: string, unitId: string, roles: RoleGrant[]): Person => {
    const p: Person = {
      _id: id,
      name: `人员${id.slice(-6)}`,
      badgeNo: `B${id}`,
      unitId,
      phone: '13900000000',
      auxiliary: false,
      classifiedPost: false,
      active: true,
      roles,
      trainings: [TRAINED],
      openid: null,
      createdAt: now,
      updatedAt: now,
      rev: 1,
    };
    people.push(p);
    return p;
  };
  const bureau = (id: string, name: string, parent: Unit): Unit => {
    const b = unit(id, name, 'bureau', parent);
    const desk = unit(`${id}-xc`, `${name}政治部宣传处`, 'propagandaDesk', b);
    person(`${id}-pp`, desk._id, [{ role: 'propagandaStaff', unitId: desk._id }]);
    person(`${id}-ld`, id, [{ role: 'leader', unitId: id }]);
    staff.push({
      bureau: b,
      a: person(`${id}-oa`, desk._id, [{ role: 'operator', unitId: id }]),
      b: person(`${id}-ob`, desk._id, [{ role: 'operator', unitId: id }]),
      reviewer: person(`${id}-rv`, desk._id, [{ role: 'reviewer', unitId: id }]),
    });
    return b;
  };
  for (let c = 1; c <= 13; c += 1) {
    const city = bureau(`u-b${c}`, `合成${c}市公安局`, base);
    for (let k = 1; k <= 9; k += 1) bureau(`u-b${c}-${k}`, `合成${c}市${k}县公安局`, city);
  }
  return { units, people, staff };
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function call(
  cloud: LocalCloud,
  fn: string,
  body: Record<string, unknown>,
  openid?: string,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (openid) headers['x-wx-openid'] = openid;
  const res = await fetch(`${cloud.url}/functions/${fn}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

async function must<T>(
  answer: Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>,
): Promise<T> {
  const res = await answer;
  if (!res.ok) throw new Error(`${res.error?.code}: ${res.error?.message}`);
  return res.data as T;
}

/** Builds the posts of one account in the states a mature account shows. */
function postsFor(
  account: Account,
  author: Person,
  units: Unit[],
  count: number,
  pendingCount: number,
  now: number,
  seq: { n: number },
): Post[] {
  const out: Post[] = [];
  const ctx = { now, actor: author, account, units };
  for (let i = 0; i < count; i += 1) {
    seq.n += 1;
    const id = `bench-${String(seq.n).padStart(7, '0')}`;
    const content: PostContent = {
      title: `第${seq.n}期 警情通报`,
      text: `${account.name}提醒：近期电信诈骗高发，请勿轻信陌生来电（${seq.n}）。`,
      images: [],
      kind: 'original',
      source: null,
    };
    const at = now - (count - i) * 60_000;
    const made = createDraft(
      {
        accountId: account._id,
        content,
        nature: 'official',
        declaredLevel: 'ordinary',
        sourceVerified: false,
        plannedAt: null,
        screening: CLEAN,
      },
      { ...ctx, now: at, newId: () => id },
    );
    if (!made.ok) throw new Error(made.error.message);
    if (i < pendingCount) {
      const sent = applyPostEvent(
        made.next,
        { type: 'submit', expectedRev: made.next.rev, screening: CLEAN },
        { ...ctx, now: at },
      );
      if (!sent.ok) throw new Error(sent.error.message);
      out.push(sent.next);
    } else if (i % 20 === 0) {
      out.push(made.next);
    } else {
      const iso = toBeijingIso(at);
      out.push({
        ...made.next,
        state: 'published',
        round: 1,
        submittedVersion: 1,
        submittedAt: iso,
        approvedVersion: 1,
        approvedHash: made.next.contentHash,
        approvedAt: iso,
        publication: {
          url: `https://example.cn/${id}`,
          publishedAt: iso,
          recordedAt: iso,
          recordedBy: author._id,
          version: 1,
          contentHash: made.next.contentHash,
        },
      });
    }
  }
  return out;
}

function insertAll(cloud: LocalCloud, collection: string, docs: readonly object[]): void {
  for (let i = 0; i < docs.length; i += BATCH) cloud.db.insert(collection, docs.slice(i, i + BATCH) as never);
}

export async function runPostsBench(options: PostsBenchOptions = {}): Promise<PostsBenchFigures> {
  const {
    posts: postCount = 100_000,
    accounts: accountCount = 2_000,
    pending = 1_000,
    iterations = 60,
    pageSize = 20,
    log = console.log,
  } = options;
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    seedOrg(cloud.db);
    const started = performance.now();
    const now = cloud.clock.now();
    const nowIso = toBeijingIso(now);
    const demo = demoOrg();
    const province = demo.units.find((u) => u.parentId === null) as Unit;
    const extra = syntheticOrg(province, nowIso);
    insertAll(cloud, 'units', extra.units);
    insertAll(cloud, 'people', extra.people);
    const tree: UnitTree = buildTree([...demo.units, ...extra.units]);
    const person = (id: string): Person => demo.people.find((p) => p._id === id) as Person;
    const cityStaff: Staff = {
      bureau: demo.units.find((u) => u._id === 'u-cs') as Unit,
      a: person('p-cs-operator-a'),
      b: person('p-cs-operator-b'),
      reviewer: person('p-cs-reviewer'),
    };

    // The measured reviewer's unit gets 5% of the accounts; the rest spread over the other bureaus.
    const cityShare = Math.max(1, Math.round(accountCount / 20));
    const accounts: Array<{ account: Account; staff: Staff }> = [];
    for (let i = 0; i < accountCount; i += 1) {
      const staff = i < cityShare ? cityStaff : extra.staff[i % extra.staff.length];
      accounts.push({
        staff,
        account: {
          _id: `bench-acc-${String(i).padStart(4, '0')}`,
          platform: PLATFORMS[i % PLATFORMS.length] ?? 'weibo',
          name: `${staff.bureau.name}账号${i}`,
          platformId: `bench-${i}`,
          unitId: staff.bureau._id,
          kind: 'institutional',
          ownerId: null,
          realNameVerified: true,
          operatorA: staff.a._id,
          operatorB: staff.b._id,
          reviewerIds: [staff.reviewer._id],
          state: 'active',
          exceptionApproval: null,
          createdAt: nowIso,
          updatedAt: nowIso,
          rev: 1,
        },
      });
    }
    insertAll(
      cloud,
      'accounts',
      accounts.map((a) => a.account),
    );

    const perAccount = Math.floor(postCount / accountCount);
    const pendingPerCityAccount = Math.ceil(pending / cityShare);
    const seq = { n: 0 };
    let reviewerPending = 0;
    let buffer: Post[] = [];
    let queue: ApprovalQueueEntry[] = [];
    const flush = (): void => {
      insertAll(cloud, 'posts', buffer);
      insertAll(cloud, 'approvalQueue', queue);
      buffer = [];
      queue = [];
    };
    for (const [i, { account, staff }] of accounts.entries()) {
      const waiting = i < cityShare ? Math.min(pendingPerCityAccount, pending - reviewerPending) : 1;
      if (i < cityShare) reviewerPending += waiting;
      const made = postsFor(account, staff.a, chainUnits(account.unitId, tree), perAccount, waiting, now, seq);
      buffer.push(...made);
      for (const post of made) queue.push(...queueEntries(post, account, staff.a.name, now));
      if (buffer.length >= BATCH) flush();
    }
    flush();
    const total = cloud.db.count('posts', {});
    log(
      `posts bench: ${total} posts, ${accountCount} accounts, ${reviewerPending} waiting for the measured reviewer (data built in ${Math.round(performance.now() - started)} ms)`,
    );

    // 1. One reviewer's approvals list on a warm instance (a cold one first reads the unit tree once).
    // The least of three calls: a bundle rebuilt meanwhile (a redeploy) would make one call cold.
    await must(call(cloud, 'post', { action: 'approvals', limit: pageSize }, 'demo-reviewer'));
    let approvals: PostsBenchFigures['approvals'] | null = null;
    for (let i = 0; i < 3; i += 1) {
      cloud.resetStats();
      const list = await must<{ items: unknown[] }>(
        call(cloud, 'post', { action: 'approvals', limit: pageSize }, 'demo-reviewer'),
      );
      const stats = cloud.stats();
      if (approvals && approvals.documentsRead <= stats.documentsRead) continue;
      approvals = {
        pageSize,
        items: list.items.length,
        documentsRead: stats.documentsRead,
        databaseRequests: stats.admin.database,
        fullScans: stats.fullScans,
      };
    }
    if (!approvals) throw new Error('approvals list not measured');
    log(
      `approvals list: ${approvals.items} items (page ${pageSize}) read ${approvals.documentsRead} documents in ${approvals.databaseRequests} database requests, ${approvals.fullScans} full scans`,
    );

    // 2. Latency of the three transitions against a no-op call.
    const pingMs = await sampled(
      () => must(call(cloud, 'system', { action: 'ping' })),
      Math.max(100, iterations * 3),
      20,
    );
    const submit: number[] = [];
    const approve: number[] = [];
    const publish: number[] = [];
    const sequence: number[] = [];
    for (let i = -5; i < iterations; i += 1) {
      const body = {
        action: 'draftSave',
        accountId: 'acc-cs-weibo',
        clientKey: `bench-${i}`,
        content: { title: `压测稿件${i}`, text: '夜间巡逻，守护平安。', images: [], kind: 'original', source: null },
        nature: 'official',
        declaredLevel: 'ordinary',
        sourceVerified: false,
        plannedAt: null,
      };
      const draft = await must<{ id: string; rev: number }>(call(cloud, 'post', body, 'demo-operator-a'));
      const t0 = performance.now();
      const sent = await must<{ rev: number }>(
        call(cloud, 'post', { action: 'submit', postId: draft.id, expectedRev: draft.rev }, 'demo-operator-a'),
      );
      const t1 = performance.now();
      const ok = await must<{ rev: number }>(
        call(
          cloud,
          'post',
          { action: 'approve', postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' },
          'demo-reviewer',
        ),
      );
      const t2 = performance.now();
      await must(
        call(
          cloud,
          'post',
          {
            action: 'publish',
            postId: draft.id,
            expectedRev: ok.rev,
            version: 1,
            content: body.content,
            url: `https://weibo.com/b/${i}`,
            publishedAt: toBeijingIso(cloud.clock.now()),
          },
          'demo-operator-b',
        ),
      );
      const t3 = performance.now();
      // The first few warm the instances and are not counted.
      if (i < 0) continue;
      submit.push(t1 - t0);
      approve.push(t2 - t1);
      publish.push(t3 - t2);
      sequence.push(t3 - t0);
    }
    const figures: PostsBenchFigures = {
      posts: total,
      accounts: accountCount,
      reviewerPending,
      approvals,
      pingMs,
      submitMs: percentiles(submit),
      approveMs: percentiles(approve),
      publishMs: percentiles(publish),
      sequenceMs: percentiles(sequence),
      ratioToPing: { submit: 0, approve: 0, publish: 0, sequence: 0 },
    };
    const base = figures.pingMs.p95;
    figures.ratioToPing = {
      submit: round(figures.submitMs.p95 / base),
      approve: round(figures.approveMs.p95 / base),
      publish: round(figures.publishMs.p95 / base),
      sequence: round(figures.sequenceMs.p95 / base),
    };
    log(`system.ping: ${formatPercentiles(figures.pingMs)}`);
    log(`submit: ${formatPercentiles(figures.submitMs)} (p95 ×${figures.ratioToPing.submit} ping)`);
    log(`approve: ${formatPercentiles(figures.approveMs)} (p95 ×${figures.ratioToPing.approve} ping)`);
    log(`publish: ${formatPercentiles(figures.publishMs)} (p95 ×${figures.ratioToPing.publish} ping)`);
    log(
      `submit → approve → publish: ${formatPercentiles(figures.sequenceMs)} (p95 ×${figures.ratioToPing.sequence} ping)`,
    );
    return figures;
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  runPostsBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
