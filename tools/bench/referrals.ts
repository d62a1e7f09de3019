/**
 * Referral reminder benchmark: one timer run over N open referrals of which 200 have come due soon
 * (inserted straight into the local cloud's database), measured with the local cloud's own counters.
 *
 *   npx tsx tools/bench/referrals.ts
 *
 * Prints, per size (10k and 100k open referrals), what the run asked of the database: requests,
 * documents read and written, full scans, and the items each referral planner read. All must follow
 * the 200 due, not the number open. A second run at the same minute (every reminder already stored)
 * shows the steady state of the every-minute timer. Run the function build first (any node test run).
 */
import type { Referral } from '../../typings/referral';
import type { PlannerRunReport } from '../../server/planners';
import type { TimerAnswer } from '../../server/notify/timer';
import { beijingAt, beijingDayEnd, beijingDayStart, toBeijingIso, addDays } from '../../core/time';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import { seedOrg } from '../seed';

/** Monday 2026-11-30, 09:00 Beijing: outside the digest's minutes, so the run is the reminders'. */
const TODAY = '2026-11-30';
const START = toBeijingIso(beijingAt(TODAY, 9));
const BATCH = 5_000;
const DEPARTMENTS = [
  { id: 'u-cs-xz', name: '长沙市公安局刑侦支队', handler: 'p-cs-handler-criminal' },
  { id: 'u-cs-wa', name: '长沙市公安局网安支队', handler: 'p-cs-handler-cyber' },
] as const;
const REFERRAL_PLANNERS = ['referralDueSoon', 'referralDeadline', 'referralDigest'];

export interface ReferralRunFigures {
  open: number;
  dueSoon: number;
  /** Items each referral planner read. */
  plannerItems: { [name: string]: number };
  remindersEnqueued: number;
  requests: number;
  databaseRequests: number;
  documentsRead: number;
  documentsWritten: number;
  fullScans: number;
  /** Documents read per collection. */
  readsByCollection: { [collection: string]: number };
  runMs: number;
}

export interface ReferralsBenchFigures {
  runs: { first: ReferralRunFigures; again: ReferralRunFigures }[];
}

export interface ReferralsBenchOptions {
  sizes?: number[];
  dueSoon?: number;
  log?: (line: string) => void;
}

function referral(i: number, dueSoon: boolean): Referral {
  const dept = DEPARTMENTS[i % DEPARTMENTS.length] ?? DEPARTMENTS[0];
  // Due soon: due at the end of today, its last working day begun at 00:00. The rest: due within
  // the next weeks, their first reminder still ahead.
  const dueDay = dueSoon ? TODAY : addDays(TODAY, 3 + (i % 40));
  const dueAt = toBeijingIso(beijingDayEnd(dueDay));
  const created = toBeijingIso(beijingAt(addDays(TODAY, -3), 10));
  const signed = i % 2 === 0;
  return {
    _id: `r-${String(i).padStart(7, '0')}`,
    messageId: `m-${i}`,
    accountId: 'acc-cs-weibo',
    unitId: 'u-cs',
    deskId: 'u-cs-xcc',
    departmentId: dept.id,
    departmentName: dept.name,
    deadlineClass: 'major',
    question: `群众咨询事项 ${i}，请核实后提供回复口径`,
    state: signed ? 'signed' : 'pending',
    open: true,
    handlerId: signed ? dept.handler : null,
    signedAt: signed ? created : null,
    returnReason: null,
    dueAt,
    originalDueAt: dueAt,
    dueSoonAt: toBeijingIso(beijingDayStart(dueDay)),
    extensions: [],
    answer: null,
    overdueMs: null,
    calendarWarnings: [],
    log: [{ action: 'create', at: created, by: 'p-cs-operator-a', note: null }],
    createdBy: 'p-cs-operator-a',
    createdAt: created,
    updatedAt: created,
    rev: signed ? 2 : 1,
  };
}

function fill(cloud: LocalCloud, total: number, dueSoon: number): void {
  for (let start = 0; start < total; start += BATCH) {
    const batch: Referral[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) batch.push(referral(i, i < dueSoon));
    cloud.db.insert('referrals', batch as never[]);
  }
}

async function timerRun(cloud: LocalCloud): Promise<{ planners: PlannerRunReport[]; ms: number }> {
  const [fired] = await cloud.timers.fire('timer');
  if (!fired?.outcome.ok) throw new Error(`定时任务失败：${JSON.stringify(fired?.outcome)}`);
  const answer = fired.outcome.result as TimerAnswer;
  if (!answer.ok) throw new Error(answer.error.message);
  return { planners: answer.data.planners, ms: fired.outcome.durationMs };
}

async function measured(cloud: LocalCloud, open: number, dueSoon: number): Promise<ReferralRunFigures> {
  cloud.resetStats();
  const { planners, ms } = await timerRun(cloud);
  const stats: LocalCloudStats = cloud.stats();
  const mine = planners.filter((p) => REFERRAL_PLANNERS.includes(p.name));
  const failed = mine.find((p) => p.error);
  if (failed?.error) throw new Error(`${failed.name}: ${failed.error.message}`);
  return {
    open,
    dueSoon,
    plannerItems: Object.fromEntries(mine.map((p) => [p.name, p.items])),
    remindersEnqueued: mine.reduce((n, p) => n + p.enqueued, 0),
    requests: stats.requests,
    databaseRequests: stats.admin.database,
    documentsRead: stats.documentsRead,
    documentsWritten: stats.documentsWritten,
    fullScans: stats.fullScans,
    readsByCollection: stats.readsByCollection,
    runMs: ms,
  };
}

async function measureSize(
  total: number,
  dueSoon: number,
): Promise<{ first: ReferralRunFigures; again: ReferralRunFigures }> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.freeze();
    cloud.clock.set(START);
    seedOrg(cloud.db);
    // A warm instance, as every minute after the first finds it.
    await timerRun(cloud);
    fill(cloud, total, dueSoon);
    const first = await measured(cloud, total, dueSoon);
    const again = await measured(cloud, total, dueSoon);
    return { first, again };
  } finally {
    await cloud.close();
  }
}

/** `referrals 200、units 31`: the collections a run read, most first. */
export function readsLine(reads: { [collection: string]: number }): string {
  const parts = Object.entries(reads)
    .sort(([, a], [, b]) => b - a)
    .map(([c, n]) => `${c} ${n}`);
  return parts.length > 0 ? parts.join('、') : '无';
}

export async function runReferralsBench(options: ReferralsBenchOptions = {}): Promise<ReferralsBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dueSoon = options.dueSoon ?? 200;
  const runs: ReferralsBenchFigures['runs'] = [];
  log(`流转提醒：一次定时任务，在办流转中即将到期 ${dueSoon} 件`);
  log(
    '  在办总数   运行      读取流转(即将到期/期限)   新提醒   数据库请求   读取文档   写入文档   全表扫描   耗时(ms)',
  );
  // Issue 18's "before": measured on 103702a with this bench (10k open, 200 due soon): the second run
  // read 772 documents (the 200 due referrals, their people and calendar, the dedupe lookups of 200
  // keys, skip-paged ties read again).
  log('  改动前（103702a）：再次运行读取文档 772（10000 件在办，即将到期 200 件）');
  for (const size of options.sizes ?? [10_000, 100_000]) {
    const pair = await measureSize(size, dueSoon);
    runs.push(pair);
    for (const [label, r] of [
      ['首次', pair.first],
      ['再次', pair.again],
    ] as const) {
      const items = `${r.plannerItems['referralDueSoon'] ?? 0}/${r.plannerItems['referralDeadline'] ?? 0}`;
      log(
        `  ${String(r.open).padStart(8)}   ${label}      ${items.padStart(12)}              ${String(r.remindersEnqueued).padStart(6)}   ` +
          `${String(r.databaseRequests).padStart(8)}   ${String(r.documentsRead).padStart(8)}   ${String(r.documentsWritten).padStart(8)}   ` +
          `${String(r.fullScans).padStart(8)}   ${r.runMs.toFixed(0).padStart(8)}`,
      );
    }
    log(`             再次运行读取：${readsLine(pair.again.readsByCollection)}`);
    const again = pair.again;
    log(
      `             再次运行：即将到期 ${dueSoon} 件，读取文档 ${again.documentsRead}（流转 ${again.readsByCollection['referrals'] ?? 0}，` +
        `其余 ${again.documentsRead - (again.readsByCollection['referrals'] ?? 0)}，含首次运行排入的升级通知的投递）`,
    );
  }
  return { runs };
}

if (require.main === module) {
  runReferralsBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
