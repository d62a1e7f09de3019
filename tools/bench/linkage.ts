/**
 * Linkage directive benchmark (第三十四条): a province of 3,000 accounts with 6,000 operators (inserted
 * straight into the local cloud: 14 cities of 9 counties, each bureau with its desk and leader), then
 *
 *  1. the fan-out of one directive to all 3,000 accounts through the linkage function, as the province
 *     desk issues it: requests, documents written, and the time until the last notice is queued —
 *     as a ratio to one delivery (one bare subscribeMessage.send from inside a function, measured in
 *     the same run) and to a directive to one account;
 *  2. the board's documents read, for the 3,000-account directive and a 300-account one: they follow
 *     the bureaus shown (maintained tallies), not the accounts;
 *  3. the +30 / +50 / +60 timer steps with 600, 100 and 100 accounts still silent: the targets read
 *     follow the silent, not the 3,000 called.
 *
 *   npx tsx tools/bench/linkage.ts
 *
 * Run the function build first (npm run bench does).
 */
import type { Account, Person, RoleGrant, Unit } from '../../typings/org';
import type { ConsentRecord } from '../../typings/notify';
import type { Board, Directive, DirectiveView } from '../../typings/linkage';
import type { TimerAnswer } from '../../server/notify/timer';
import { demoOrg } from '../../core/org/demo';
import { toBeijingIso } from '../../core/time';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import { seedOrg } from '../seed';
import { bareSendMs, timed } from './stats';

const START = '2026-12-01T09:00:00+08:00';
const MIN = 60_000;
const LINKAGE_TPL = 'local-tpl-linkage';
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
const DESK = 'demo-province-propaganda';

export interface LinkageBenchOptions {
  accounts?: number;
  /** Share of operators holding a linkage consent at the moment of issue. */
  consentShare?: number;
  log?: (line: string) => void;
}

export interface FanoutFigures {
  targets: number;
  operators: number;
  reachableAccounts: number;
  notices: number;
  requests: number;
  databaseRequests: number;
  documentsRead: number;
  documentsWritten: number;
  fullScans: number;
  /** From the call's start to the fan-out's end (directive.fanout.doneAt), ms. */
  queuedMs: number;
  callMs: number;
}

export interface LinkageBenchFigures {
  fanout: FanoutFigures;
  single: FanoutFigures;
  bareSendMs: number;
  ratioToSend: number;
  ratioToSingle: number;
  board: { accounts: number; rows: number; documentsRead: number; requests: number }[];
  steps: {
    step: string;
    silent: number;
    targetsRead: number;
    notices: number;
    documentsRead: number;
    fullScans: number;
  }[];
}

interface Built {
  units: Unit[];
  people: Person[];
  accounts: Account[];
  consents: ConsentRecord[];
}

/** 13 more cities with 9 counties each, the accounts spread over the bureaus, each with its own A and B. */
function province(total: number, consentShare: number, now: string): Built {
  const base = demoOrg().units[0];
  if (!base) throw new Error('demo org has no province');
  const units: Unit[] = [];
  const people: Person[] = [];
  const unit = (
    id: string,
    name: string,
    kind: Unit['kind'],
    parent: Unit,
    responsibility = base.responsibility,
  ): Unit => {
    const level = kind !== 'bureau' ? parent.level : parent.level === 'province' ? 'city' : 'county';
    const u: Unit = {
      ...base,
      _id: id,
      name,
      kind,
      level,
      parentId: parent._id,
      path: [...parent.path, id],
      responsibility,
      createdAt: now,
      updatedAt: now,
    };
    units.push(u);
    return u;
  };
  const person = (id: string, unitId: string, roles: RoleGrant[]): Person => {
    const p: Person = {
      _id: id,
      name: `民警${id.slice(-5)}`,
      badgeNo: `B${id}`,
      unitId,
      phone: '13900000000',
      auxiliary: false,
      classifiedPost: false,
      active: true,
      roles,
      trainings: [TRAINED],
      openid: `wx-${id}`,
      createdAt: now,
      updatedAt: now,
      rev: 1,
    };
    people.push(p);
    return p;
  };
  const bureaus: Unit[] = [];
  const bureau = (id: string, name: string, parent: Unit): Unit => {
    const leader = `${id}-ld`;
    const b = unit(id, name, 'bureau', parent, { leaderId: leader, departmentId: `${id}-xc`, personId: null });
    const desk = unit(`${id}-xc`, `${name}政治部宣传处`, 'propagandaDesk', b);
    person(`${id}-pp`, desk._id, [{ role: 'propagandaStaff', unitId: desk._id }]);
    person(leader, id, [{ role: 'leader', unitId: id }]);
    bureaus.push(b);
    return b;
  };
  for (let c = 1; c <= 13; c += 1) {
    const city = bureau(`u-b${c}`, `合成${c}市公安局`, base);
    for (let k = 1; k <= 9; k += 1) bureau(`u-b${c}-${k}`, `合成${c}市${k}县公安局`, city);
  }
  const accounts: Account[] = [];
  const consents: ConsentRecord[] = [];
  for (let i = 0; i < total; i += 1) {
    const b = bureaus[i % bureaus.length];
    if (!b) throw new Error('no bureau');
    const id = `acc-${String(i).padStart(5, '0')}`;
    const ops = ['a', 'b'].map((r) =>
      person(`op-${String(i).padStart(5, '0')}-${r}`, b._id, [{ role: 'operator', unitId: b._id }]),
    );
    for (const op of ops) {
      // A fixed share of operators said yes at a natural tap before the directive came.
      if ((people.length * 7919) % 100 < consentShare * 100) {
        consents.push({
          _id: op._id,
          personId: op._id,
          templates: {
            [LINKAGE_TPL]: { subscription: 'oneTime', remaining: 1, lastAnswer: 'accept', answeredAt: now },
          },
          updatedAt: now,
          rev: 1,
        });
      }
    }
    accounts.push({
      _id: id,
      platform: PLATFORMS[i % PLATFORMS.length] ?? 'weibo',
      name: `${b.name.replace('公安局', '')}警事${i}`,
      platformId: `p-${id}`,
      unitId: b._id,
      kind: 'institutional',
      ownerId: null,
      realNameVerified: true,
      operatorA: ops[0]?._id ?? null,
      operatorB: ops[1]?._id ?? null,
      reviewerIds: [],
      state: 'active',
      exceptionApproval: null,
      createdAt: now,
      updatedAt: now,
      rev: 1,
    });
  }
  return { units, people, accounts, consents };
}

async function call<T>(cloud: LocalCloud, fn: string, body: Record<string, unknown>, openid: string): Promise<T> {
  const res = await fetch(`${cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${fn}.${String(body['action'])}: ${answer.error?.code} ${answer.error?.message}`);
  return answer.data as T;
}

let keys = 0;
const issueBody = (targets: unknown): Record<string, unknown> => ({
  action: 'issue',
  clientKey: `bench-${(keys += 1)}`,
  kind: 'opinion',
  title: '澄清网传不实信息',
  content: '请转发省厅官方微博的警情通报',
  link: 'https://weibo.com/hngaj/1',
  wording: '以警方通报为准',
  responseKinds: ['repost', 'comment'],
  targets,
});

async function measuredIssue(
  cloud: LocalCloud,
  targets: unknown,
): Promise<{ view: DirectiveView; figures: FanoutFigures }> {
  cloud.resetStats();
  const startedAt = cloud.clock.now();
  const { value: view, ms: callMs } = await timed(() =>
    call<DirectiveView>(cloud, 'linkage', issueBody(targets), DESK),
  );
  const stats: LocalCloudStats = cloud.stats();
  const d = cloud.db.get('directives', view.directive.id) as unknown as Directive | null;
  if (!d?.fanout.doneAt) throw new Error('fan-out not finished within the issuing call');
  return {
    view,
    figures: {
      targets: d.targetCount,
      operators: d.operatorCount,
      reachableAccounts: d.reachableAccounts,
      notices: d.fanout.notices,
      requests: stats.requests,
      databaseRequests: stats.admin.database,
      documentsRead: stats.documentsRead,
      documentsWritten: stats.documentsWritten,
      fullScans: stats.fullScans,
      queuedMs: Date.parse(d.fanout.doneAt) - startedAt,
      callMs,
    },
  };
}

async function boardReads(
  cloud: LocalCloud,
  directiveId: string,
): Promise<{ rows: number; documentsRead: number; requests: number }> {
  await call<Board>(cloud, 'linkage', { action: 'board', directiveId }, DESK);
  cloud.resetStats();
  const board = await call<Board>(cloud, 'linkage', { action: 'board', directiveId }, DESK);
  const stats = cloud.stats();
  return { rows: board.rows.length, documentsRead: stats.documentsRead, requests: stats.admin.database };
}

/** Marks all but `silent` of the directive's targets as responded on time, straight in the database. */
function respondAllBut(cloud: LocalCloud, directiveId: string, silent: number): void {
  const pending = (cloud.db.find('directiveTargets', { directiveId, state: 'pending' }) as unknown as { _id: string }[])
    .map((t) => t._id)
    .sort();
  const answered = pending.slice(0, Math.max(0, pending.length - silent));
  for (let i = 0; i < answered.length; i += 500) {
    cloud.db.update(
      'directiveTargets',
      { _id: { $in: answered.slice(i, i + 500) } },
      { $set: { state: 'onTime', elapsedMs: 10 * MIN, rank: 10 * MIN } },
      { multi: true, replace: false, upsert: false },
    );
  }
}

async function stepRun(cloud: LocalCloud, step: string, silent: number): Promise<LinkageBenchFigures['steps'][number]> {
  // Nothing else due in the outbox: the run's reads are the step's and its own deliveries'.
  cloud.db.update(
    'outbox',
    { state: 'pending' },
    { $set: { state: 'sent' } },
    { multi: true, replace: false, upsert: false },
  );
  cloud.resetStats();
  const [fired] = await cloud.timers.fire('timer');
  if (!fired?.outcome.ok) throw new Error(`定时任务失败：${JSON.stringify(fired?.outcome)}`);
  const answer = fired.outcome.result as TimerAnswer;
  if (!answer.ok) throw new Error(answer.error.message);
  const stats = cloud.stats();
  return {
    step,
    silent,
    targetsRead: answer.data.linkage.targetsRead,
    notices: answer.data.linkage.notices,
    documentsRead: stats.documentsRead,
    fullScans: stats.fullScans,
  };
}

export async function runLinkageBench(options: LinkageBenchOptions = {}): Promise<LinkageBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const total = options.accounts ?? 3_000;
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.set(START);
    seedOrg(cloud.db);
    const built = province(total, options.consentShare ?? 0.7, toBeijingIso(cloud.clock.now()));
    cloud.db.insert('units', built.units as never[]);
    for (let i = 0; i < built.people.length; i += 5_000)
      cloud.db.insert('people', built.people.slice(i, i + 5_000) as never[]);
    cloud.db.insert('accounts', built.accounts as never[]);
    cloud.db.insert('consents', built.consents as never[]);
    log(
      `联动指令：${total} 个账号、${built.people.length - built.units.length} 名运营民警（${Math.round((options.consentShare ?? 0.7) * 100)}% 持有联动订阅授权）`,
    );

    // Warm instances, as a desk's second directive of the day finds them.
    const warm = await measuredIssue(cloud, { mode: 'accounts', accountIds: ['acc-00001'] });
    const one = await measuredIssue(cloud, { mode: 'accounts', accountIds: ['acc-00002'] });
    const single = one.figures;
    const big = await measuredIssue(cloud, { mode: 'filter', unitIds: [], platforms: [] });
    const fanout = big.figures;
    const sendMs = await bareSendMs(LINKAGE_TPL, 200);

    log(
      '  下发          账号    运营民警   可微信触达   通知    请求   数据库请求   读取文档   写入文档   全表扫描   排队完成(ms)',
    );
    for (const [label, f] of [
      ['单个账号', single],
      ['全省', fanout],
    ] as const) {
      log(
        `  ${label.padEnd(8)} ${String(f.targets).padStart(6)}   ${String(f.operators).padStart(8)}   ${String(f.reachableAccounts).padStart(10)}   ` +
          `${String(f.notices).padStart(5)}   ${String(f.requests).padStart(5)}   ${String(f.databaseRequests).padStart(10)}   ` +
          `${String(f.documentsRead).padStart(8)}   ${String(f.documentsWritten).padStart(8)}   ${String(f.fullScans).padStart(8)}   ${f.queuedMs.toFixed(0).padStart(10)}`,
      );
    }
    const ratioToSend = fanout.queuedMs / sendMs;
    const ratioToSingle = fanout.queuedMs / Math.max(1, single.queuedMs);
    log(`  单次 subscribeMessage.send（函数内直接调用）：${sendMs.toFixed(2)} ms`);
    log(
      `  全省下发至最后一条通知入队 / 单次投递 = ${ratioToSend.toFixed(0)}（每条通知 ${(fanout.queuedMs / fanout.notices).toFixed(2)} ms）`,
    );
    log(
      `  全省下发 / 单个账号下发 = ${ratioToSingle.toFixed(1)}；发起调用用时 ${(fanout.callMs / 1000).toFixed(1)} s（云函数时限 60 s，下发预算 25 s）`,
    );

    const smallView = await measuredIssue(cloud, { mode: 'filter', unitIds: ['u-b1', 'u-b2'], platforms: [] });
    const board = [
      { accounts: smallView.figures.targets, ...(await boardReads(cloud, smallView.view.directive.id)) },
      { accounts: fanout.targets, ...(await boardReads(cloud, big.view.directive.id)) },
    ];
    log('  看板（省厅）  账号    行（市州）   读取文档   数据库请求');
    for (const b of board) {
      log(
        `               ${String(b.accounts).padStart(5)}   ${String(b.rows).padStart(8)}   ${String(b.documentsRead).padStart(8)}   ${String(b.requests).padStart(10)}`,
      );
    }

    // The other directives are withdrawn: the timer steps below are the big one's alone.
    for (const other of [warm, one, smallView]) {
      await call(
        cloud,
        'linkage',
        {
          action: 'withdraw',
          directiveId: other.view.directive.id,
          expectedRev: other.view.directive.rev,
          reason: '基准',
        },
        DESK,
      );
    }
    const id = big.view.directive.id;
    const steps: LinkageBenchFigures['steps'] = [];
    respondAllBut(cloud, id, 600);
    cloud.clock.set(toBeijingIso(Date.parse(START) + 30 * MIN + 5_000));
    steps.push(await stepRun(cloud, '+30 提醒', 600));
    respondAllBut(cloud, id, 100);
    cloud.clock.set(toBeijingIso(Date.parse(START) + 50 * MIN + 5_000));
    steps.push(await stepRun(cloud, '+50 提醒', 100));
    cloud.clock.set(toBeijingIso(Date.parse(START) + 60 * MIN + 5_000));
    steps.push(await stepRun(cloud, '+60 超时通报', 100));
    log(`  定时步骤（共 ${total} 个账号）   未响应   读取联动账号   新通知   读取文档（含投递）   全表扫描`);
    for (const s of steps) {
      log(
        `  ${s.step.padEnd(12)}                 ${String(s.silent).padStart(6)}   ${String(s.targetsRead).padStart(12)}   ${String(s.notices).padStart(6)}   ` +
          `${String(s.documentsRead).padStart(18)}   ${String(s.fullScans).padStart(8)}`,
      );
    }
    return { fanout, single, bareSendMs: sendMs, ratioToSend, ratioToSingle, board, steps };
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  runLinkageBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
