/**
 * Province-scale timers (issue 18), one by one: a whole province generated at 10% and 100% of a year's
 * records (tools/province/generate.ts), then each timer run measured on it — the every-minute timer's
 * parts (linkage directives' steps, each reminder planner, delivery), the security timer (audit-log
 * sync, password rotation, training), the 第十九条 cadence run at its reminder time, the referral digest
 * in its minutes, an evaluation firing (chunks of last month) and an archive firing — each fired
 * twice in a row: due items, documents read (the unit tree a cold instance loads once is shown apart),
 * database requests, documents written, notices stored.
 *
 *   npm run bench -- province-timers       (PROVINCE_TIMER_SCALES=0.1 for one size)
 *
 * The check: the first run reads at most `perItem` documents per due item plus a constant (a planner's
 * items need their account or recipients); the second run, finding nothing new, reads at most its due
 * keys plus the constant, writes nothing and stores no notice; no query goes without an index. A
 * failing timer is named and the bench exits 1. Chunked work (evaluation, archives) is fired until last
 * month is done and checked against that month: its reads at most the month's records (counted with
 * the same windows its queries use) plus a few per account and per chunk, no collection read beyond
 * twice its month's share, and the firing after it reads a constant and writes nothing. The delivery
 * line prints database requests per delivered message.
 */
import type { TimerAnswer } from '../../server/notify/timer';
import type { LinkageStepsReport } from '../../server/linkage/steps';
import { generateProvince, PROVINCE_NOW } from '../province/generate';
import { beijingAt, beijingDay } from '../../core/time';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import { readsLine } from './referrals';
import type { Doc } from '../local-cloud/src/db/ejson';

/** What any run may read beyond its due work: the policy, a cursor or marker, the tree's version, a settings document. */
export const TIMER_CONSTANT = 30;

interface TimerRun {
  due: number;
  /** Keys a run that finds nothing new may still read (the due documents themselves). */
  keys: number;
  notices: number;
  detail: string;
  /** Delivery: messages WeChat accepted (requests per delivered message). */
  sent?: number;
  /** Chunked work: the chunks done (evaluation, archives). */
  chunks?: number;
}

interface TimerCase {
  name: string;
  label: string;
  /** Documents a first run may read per due item (the item, its account, its recipients). */
  perItem: number;
  /**
   * Chunked work over last month (evaluation, archives): fired until the month is done, its reads
   * checked against the month's records and its due accounts (monthScope), not a per-item allowance.
   */
  chunked?: boolean;
  monthScope?: MonthScope;
  /** The first run makes due work for the second (delivery: the escalation notices it stored). */
  secondRunMayWork?: boolean;
  /** Beijing clock for the run (default: the province's now). */
  at?: () => number;
  fire: (cloud: LocalCloud) => Promise<TimerRun>;
}

export interface TimerFiguresRow {
  name: string;
  label: string;
  run: 'first' | 'again';
  due: number;
  keys: number;
  notices: number;
  documentsRead: number;
  treeReads: number;
  databaseRequests: number;
  documentsWritten: number;
  unindexed: string[];
  readsByCollection: { [collection: string]: number };
  detail: string;
  /** Delivery: messages WeChat accepted. */
  sent: number;
  chunks: number;
  /** Chunked work: the month's records it had to read, and the whole history of those collections. */
  month: MonthFigures | null;
}

async function everyMinute(cloud: LocalCloud, only: string): Promise<Extract<TimerAnswer, { ok: true }>['data']> {
  // As the platform's trigger calls it (no OPENID), restricted to one part of the run.
  const outcome = await cloud.runtime.invoke(
    'timer',
    { Type: 'Timer', TriggerName: 'everyMinute', only },
    { source: 'timer' },
  );
  const answer = outcome.ok ? (outcome.result as TimerAnswer) : null;
  if (!answer?.ok) throw new Error(`定时任务失败：${JSON.stringify(answer ?? outcome)}`);
  return answer.data;
}

async function fireTrigger<T>(cloud: LocalCloud, trigger: string): Promise<T> {
  const [fired] = await cloud.timers.fire(trigger);
  if (!fired?.outcome.ok) throw new Error(`${trigger} 失败：${JSON.stringify(fired?.outcome)}`);
  const answer = fired.outcome.result as { ok: boolean; data?: T; error?: unknown };
  if (!answer.ok || answer.data === undefined) throw new Error(`${trigger} 失败：${JSON.stringify(answer)}`);
  return answer.data;
}

const plannerCase = (name: string, label: string, perItem: number, at?: () => number): TimerCase => ({
  name,
  label,
  perItem,
  ...(at ? { at } : {}),
  fire: async (cloud) => {
    const data = await everyMinute(cloud, name);
    const p = data.planners.find((x) => x.name === name);
    if (!p) throw new Error(`没有提醒规则 ${name}`);
    if (p.error) throw new Error(`${name}：${p.error.message}`);
    return {
      due: p.items,
      keys: p.items,
      notices: p.enqueued,
      detail: `未变 ${p.unchanged}，提醒 ${p.drafts}${p.truncated ? '，未读完' : ''}`,
    };
  },
});

const day = (): string => beijingDay(Date.parse(PROVINCE_NOW));

// --- issue 18 (province): chunked month work measured against the month's records ---------------------

/** The month the evaluation and archive timers work on at the province's now: the one before. */
const LAST_MONTH = (() => {
  const [y, m] = PROVINCE_NOW.slice(0, 7).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const MONTH_FROM = `${LAST_MONTH}-01T00:00:00.000+08:00`;
const MONTH_TO = `${PROVINCE_NOW.slice(0, 7)}-01T00:00:00.000+08:00`;
const inMonth = { $gte: MONTH_FROM, $lt: MONTH_TO };
const FILING_LEAD_DAYS = 45;

interface MonthScope {
  /** Per collection: the documents of last month this work has to read (the filters its queries use). */
  records: (cloud: LocalCloud) => { [collection: string]: Doc };
  /** Reads allowed per due account (its account, its result) and per chunk (the run's own documents). */
  perAccount: number;
  perChunk: number;
}

export interface MonthFigures {
  /** Last month's records per collection, and their sum. */
  byCollection: { [collection: string]: number };
  records: number;
  /** Every document of those collections (the whole history a scan would read). */
  history: number;
  accounts: number;
}

function monthFigures(cloud: LocalCloud, scope: MonthScope): MonthFigures {
  const byCollection: { [collection: string]: number } = {};
  let history = 0;
  for (const [collection, filter] of Object.entries(scope.records(cloud))) {
    if (!cloud.db.hasCollection(collection)) continue;
    byCollection[collection] = cloud.db.count(collection, filter);
    history += cloud.db.count(collection, {});
  }
  const records = Object.values(byCollection).reduce((n, x) => n + x, 0);
  return { byCollection, records, history, accounts: cloud.db.count('accounts', {}) };
}

const idsOf = (cloud: LocalCloud, collection: string, filter: Doc): string[] =>
  cloud.db.hasCollection(collection)
    ? cloud.db.find(collection, filter, { projection: { _id: 1 } }).map((d) => String(d._id))
    : [];

/** server/evaluation/records.ts readChunk and readStateChanges: each query's month window. */
const EVALUATION_MONTH: MonthScope = {
  records: () => ({
    cadenceDays: { day: { $gte: `${LAST_MONTH}-01`, $lte: `${LAST_MONTH}-31` } },
    messages: { receivedAt: inMonth },
    referrals: { dueAt: inMonth },
    // posts touched since the month began hold its decisions and publications
    posts: { updatedAt: { $gte: MONTH_FROM } },
    publishRefusals: { at: inMonth },
    directiveTargets: { month: LAST_MONTH },
    incidents: { reportedAt: inMonth },
    securityAttestations: { recordedAt: inMonth },
    filings: {
      createdAt: {
        $gte: new Date(Date.parse(MONTH_FROM) - FILING_LEAD_DAYS * 86_400_000).toISOString(),
        $lt: MONTH_TO,
      },
    },
    accountEvents: { at: { $gte: MONTH_FROM } },
    evaluationAdjustments: { month: LAST_MONTH },
    evaluationObjections: { month: LAST_MONTH },
  }),
  // the account and its result document; the month's progress document twice a chunk
  perAccount: 2,
  perChunk: 3,
};

/** server/archive/build.ts: each kind's records concluded in the month, with what each archives beside it. */
const ARCHIVE_MONTH: MonthScope = {
  records: (cloud) => {
    const posts = idsOf(cloud, 'posts', { 'publication.recordedAt': inMonth });
    const messages = idsOf(cloud, 'messages', { closedAt: inMonth });
    return {
      posts: { 'publication.recordedAt': inMonth },
      postVersions: { postId: { $in: posts } },
      messages: { closedAt: inMonth },
      referrals: { messageId: { $in: messages } },
      incidents: { closedAt: inMonth },
      securityAttestations: { recordedAt: inMonth },
      directiveTargets: { issuedAt: inMonth },
    };
  },
  // a bureau's accounts read for its directives part (once per chunk of that part)
  perAccount: 2,
  // the archive (found building, loaded, saved), the plan counter
  perChunk: 6,
};

/** The bound on a chunked month's reads: its records, its accounts and its chunks, each times its allowance. */
export function monthBound(
  scope: Pick<MonthScope, 'perAccount' | 'perChunk'>,
  m: MonthFigures,
  chunks: number,
): number {
  return m.records + scope.perAccount * m.accounts + scope.perChunk * chunks + TIMER_CONSTANT;
}

const CASES: TimerCase[] = [
  {
    name: 'linkage',
    label: '联动指令步骤（+30/+50 提醒、+60 逾期通报、关闭）',
    // Each silent account's target and, for a reminder, its current operators (the account, by id).
    perItem: 2,
    fire: async (cloud) => {
      const l: LinkageStepsReport = (await everyMinute(cloud, 'linkage')).linkage;
      if (l.error) throw new Error(`linkage：${l.error.message}`);
      return {
        due: l.due + l.targetsRead,
        keys: l.due + l.targetsRead,
        notices: l.notices,
        detail: `到期指令 ${l.due}（提醒 ${l.reminders}，逾期通报 ${l.lateReports}，关闭 ${l.closed}），未响应账号 ${l.targetsRead}`,
      };
    },
  },
  plannerCase('referralDueSoon', '流转临期提醒', 4),
  plannerCase('referralDeadline', '流转到期与逾期提醒', 4),
  plannerCase('messageReplyTarget', '留言答复时限提醒', 4),
  plannerCase('postPublishReminder', '计划发布提醒', 4),
  // The entry, its mark, and the people holding a role at the step's unit (the step's holders are
  // found among them: about five in a province bureau).
  plannerCase('approvalWaiting', '审批等待提醒', 7),
  plannerCase('approvalEscalation', '审批等待上报领导', 7),
  plannerCase('filingDue', '备案到期提醒（第十四条）', 4),
  plannerCase('filingUnacknowledged', '备案待确认提醒', 4),
  plannerCase('accountGaps', '第九条账号缺项提醒', 4),
  {
    name: 'delivery',
    label: '订阅消息投递',
    // The record as the due query finds it and as its claim and its outcome update it (the local cloud
    // counts an update's matches as reads), its recipient, their consent, and the bulk update that
    // spends a one-time accept; for a record that cannot reach them (no consent) its escalation (第二十九条).
    perItem: 6,
    // What the first run escalated is new work for the second: checked like a first run.
    secondRunMayWork: true,
    fire: async (cloud) => {
      const d = (await everyMinute(cloud, 'delivery')).delivery;
      return {
        due: d.due,
        keys: d.due,
        notices: 0,
        sent: d.sent,
        detail: `发送 ${d.sent}，跳过 ${d.skipped}，失败 ${d.failed}，上报 ${d.escalations}`,
      };
    },
  },
  {
    name: 'security',
    label: '账号安全（审计同步、密码更换提醒、培训提醒）',
    // The record whose reminder came (as found, loaded and saved in its transaction) and its account.
    perItem: 4,
    fire: async (cloud) => {
      const s = await fireTrigger<{
        sync: { auditEntries: number; synced: number; enrolled: number };
        rotation: { read: number; reminded: number; notices: number };
        training: { accounts: number; reminded: number };
      }>(cloud, 'securityMinute');
      const due = s.rotation.read + s.sync.auditEntries + s.training.accounts;
      return {
        due,
        keys: due,
        notices: s.rotation.notices + s.training.reminded,
        detail: `审计新条目 ${s.sync.auditEntries}（同步账号 ${s.sync.synced}），提醒到期 ${s.rotation.read}（提醒 ${s.rotation.reminded}），培训遍历 ${s.training.accounts}`,
      };
    },
  },
  {
    name: 'evaluation',
    label: '月度评估（上月，触发至做完）',
    perItem: 0,
    chunked: true,
    monthScope: EVALUATION_MONTH,
    fire: async (cloud) => {
      // Each firing continues last month's run for its time budget: fired until the month is done.
      let p: { month: string; phase: string | null; accountsDone: number; chunks: number } | null = null;
      let firings = 0;
      for (; firings < 100 && (p === null || p.phase !== 'done'); firings++)
        p = await fireTrigger<{ month: string; phase: string | null; accountsDone: number; chunks: number }>(
          cloud,
          'monthlyEvaluation',
        );
      return {
        due: p?.accountsDone ?? 0,
        keys: 0,
        notices: 0,
        chunks: p?.chunks ?? 0,
        detail: `${p?.month ?? ''} ${p?.phase ?? ''}，已评 ${p?.accountsDone ?? 0} 个账号，${p?.chunks ?? 0} 块，触发 ${firings} 次`,
      };
    },
  },
  {
    name: 'archive',
    label: '月度归档（上月，触发至做完）',
    perItem: 0,
    chunked: true,
    monthScope: ARCHIVE_MONTH,
    fire: async (cloud) => {
      // Each firing starts the month's archives (once) and builds chunks for its budget: fired until none is left.
      const total = { started: 0, chunks: 0, completed: 0, failed: 0 };
      let firings = 0;
      for (; firings < 500; firings++) {
        const a = await fireTrigger<{ started: number; chunks: number; completed: number; failed: number }>(
          cloud,
          'archiveMinute',
        );
        total.started += a.started;
        total.chunks += a.chunks;
        total.completed += a.completed;
        total.failed += a.failed;
        if (a.started === 0 && a.chunks === 0) break;
      }
      return {
        due: total.completed,
        keys: 0,
        notices: 0,
        chunks: total.chunks,
        detail: `开始 ${total.started}，块 ${total.chunks}，完成 ${total.completed}，失败 ${total.failed}，触发 ${firings} 次`,
      };
    },
  },
  // Its minutes: 08:00–08:10. Its recipients are found among the role holders of each due
  // referral's department (about seven in a province department), so a first run reads those too.
  plannerCase('referralDigest', '流转每日汇总（08:05）', 10, () => beijingAt(day(), 8, 5)),
  {
    name: 'cadence',
    label: '第十九条发布频次提醒（16:00）',
    // Every active institutional account is a candidate once a day, with its day's count.
    perItem: 2,
    at: () => beijingAt(day(), 16, 0),
    fire: async (cloud) => {
      const c = await fireTrigger<{ skipped: string | null; accounts: number; reminders: number; enqueued: number }>(
        cloud,
        'postCadence',
      );
      return {
        due: c.accounts,
        keys: c.skipped === 'alreadyDone' ? 0 : c.accounts,
        notices: c.enqueued,
        detail: c.skipped ? `跳过：${c.skipped}` : `账号 ${c.accounts}，未达频次 ${c.reminders}`,
      };
    },
  },
];

const unindexedOf = (stats: LocalCloudStats): string[] =>
  stats.unindexedQueries.map((q) => `${q.collection} ${q.shape}${q.count > 1 ? ` ×${q.count}` : ''}`);

async function measure(cloud: LocalCloud, c: TimerCase, run: TimerFiguresRow['run']): Promise<TimerFiguresRow> {
  const noticesBefore = cloud.db.count('notifications', {});
  cloud.resetStats();
  const r = await c.fire(cloud);
  const stats = cloud.stats();
  const tree = stats.readsByCollection['units'] ?? 0;
  return {
    name: c.name,
    label: c.label,
    run,
    due: r.due,
    keys: r.keys,
    notices: cloud.db.count('notifications', {}) - noticesBefore,
    documentsRead: stats.documentsRead - tree,
    treeReads: tree,
    databaseRequests: stats.admin.database,
    documentsWritten: stats.documentsWritten,
    unindexed: unindexedOf(stats),
    readsByCollection: stats.readsByCollection,
    detail: r.detail,
    sent: r.sent ?? 0,
    chunks: r.chunks ?? 0,
    month: run === 'first' && c.monthScope ? monthFigures(cloud, c.monthScope) : null,
  };
}

/** Why a timer fails the check, or null. */
export function timerVerdict(
  c: Pick<TimerCase, 'perItem' | 'chunked' | 'secondRunMayWork' | 'monthScope'>,
  first: TimerFiguresRow,
  again: TimerFiguresRow,
): string | null {
  const why: string[] = [];
  const scans = [...new Set([...first.unindexed, ...again.unindexed])];
  if (scans.length > 0) why.push(`未使用索引：${scans.join('；')}`);
  if (c.chunked && c.monthScope && first.month) {
    // Reads ∝ last month's records and its due accounts, never the history (issue 18).
    const bound = monthBound(c.monthScope, first.month, first.chunks);
    if (first.documentsRead > bound)
      why.push(
        `读取 ${first.documentsRead} > 当月记录 ${first.month.records} + ${c.monthScope.perAccount} × 账号 ${first.month.accounts} + ${c.monthScope.perChunk} × 块 ${first.chunks} + ${TIMER_CONSTANT}`,
      );
    for (const [collection, n] of Object.entries(first.month.byCollection)) {
      const read = first.readsByCollection[collection] ?? 0;
      if (read > 2 * n + TIMER_CONSTANT) why.push(`${collection} 读取 ${read}，当月只有 ${n}（读到了当月之外）`);
    }
    if (again.documentsRead > TIMER_CONSTANT) why.push(`做完后再次触发读取 ${again.documentsRead} > ${TIMER_CONSTANT}`);
    if (again.documentsWritten > 0) why.push(`做完后再次触发写入 ${again.documentsWritten} 个文档`);
  }
  if (!c.chunked) {
    const bound = c.perItem * first.due + TIMER_CONSTANT;
    if (first.documentsRead > bound)
      why.push(`首次读取 ${first.documentsRead} > ${c.perItem} × 到期 ${first.due} + ${TIMER_CONSTANT}`);
    const quiet = again.keys + TIMER_CONSTANT;
    if (again.documentsRead > quiet)
      why.push(`再次读取 ${again.documentsRead} > 到期键 ${again.keys} + ${TIMER_CONSTANT}`);
    if (c.secondRunMayWork && again.documentsRead > c.perItem * again.due + TIMER_CONSTANT)
      why.push(`再次读取 ${again.documentsRead} > ${c.perItem} × 到期 ${again.due} + ${TIMER_CONSTANT}`);
    if (!c.secondRunMayWork && again.documentsWritten > 0) why.push(`再次运行写入 ${again.documentsWritten} 个文档`);
    if (again.notices > 0) why.push(`再次运行又存了 ${again.notices} 条通知`);
  }
  return why.length > 0 ? why.join('；') : null;
}

export interface TimersScaleFigures {
  scale: number;
  rows: TimerFiguresRow[];
  failed: string[];
}

async function measureScale(scale: number, seed: number, log: (line: string) => void): Promise<TimersScaleFigures> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.freeze();
    cloud.clock.set(PROVINCE_NOW);
    const report = generateProvince(cloud.db, { seed, scale, log });
    log(`  生成并写入用时 ${(report.ms / 1000).toFixed(1)} s`);
    const rows: TimerFiguresRow[] = [];
    const failed: string[] = [];
    for (const c of CASES) {
      cloud.clock.set(c.at ? new Date(c.at()).toISOString() : PROVINCE_NOW);
      const first = await measure(cloud, c, 'first');
      const again = await measure(cloud, c, 'again');
      rows.push(first, again);
      const why = timerVerdict(c, first, again);
      if (why) failed.push(`${c.name}（${c.label}，${Math.round(scale * 100)}%）：${why}`);
    }
    cloud.clock.set(PROVINCE_NOW);
    return { scale, rows, failed };
  } finally {
    await cloud.close();
  }
}

export interface ProvinceTimersOptions {
  scales?: number[];
  seed?: number;
  log?: (line: string) => void;
}

export async function runProvinceTimersBench(options: ProvinceTimersOptions = {}): Promise<TimersScaleFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const fromEnv = (process.env.PROVINCE_TIMER_SCALES ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0 && n <= 1);
  const scales = options.scales ?? (fromEnv.length > 0 ? fromEnv : [0.1, 1]);
  const seed = options.seed ?? 20261130;
  const figures: TimersScaleFigures[] = [];
  for (const scale of scales) {
    log(`全省数据（种子 ${seed}，一年记录的 ${Math.round(scale * 100)}%）：`);
    const f = await measureScale(scale, seed, log);
    figures.push(f);
    log('');
    log(`定时任务逐个运行两次（首次、紧接着再次）；读取不含冷启动时的单位树；常数 ${TIMER_CONSTANT}`);
    log('  定时任务                   运行   到期   新通知   读取   单位树   数据库请求   写入   检查');
    for (let i = 0; i < f.rows.length; i += 2) {
      const [a, b] = [f.rows[i], f.rows[i + 1]];
      if (!a || !b) continue;
      const bad = f.failed.some((x) => x.startsWith(`${a.name}（`));
      for (const r of [a, b]) {
        log(
          `  ${(r.run === 'first' ? r.name : '').padEnd(26)} ${r.run === 'first' ? '首次' : '再次'}   ${String(r.due).padStart(4)}   ${String(r.notices).padStart(6)}   ${String(r.documentsRead).padStart(5)}   ${String(r.treeReads).padStart(6)}   ${String(r.databaseRequests).padStart(10)}   ${String(r.documentsWritten).padStart(4)}   ${r.run === 'again' ? (bad ? '未通过' : '通过') : ''}`,
        );
      }
      log(
        `      ${a.label}：${a.detail}；首次读取 ${readsLine(a.readsByCollection)}；再次读取 ${readsLine(b.readsByCollection)}`,
      );
      if (a.month) {
        const m = a.month;
        const base = m.records + m.accounts;
        log(
          `      当月（${LAST_MONTH}）记录 ${m.records}（${Object.entries(m.byCollection)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${k} ${n}`)
            .join(
              '、',
            )}），账号 ${m.accounts}，块 ${a.chunks}：读取 ${a.documentsRead} = ${(a.documentsRead / Math.max(1, base)).toFixed(2)} ×（当月记录 + 账号）；这些集合的全部历史 ${m.history}，读取为其 ${((100 * a.documentsRead) / Math.max(1, m.history)).toFixed(1)}%`,
        );
      }
      if (a.name === 'delivery' && a.sent > 0)
        log(
          `      投递：发送 ${a.sent} 条，数据库请求 ${a.databaseRequests}，每条已发送消息 ${(a.databaseRequests / a.sent).toFixed(2)} 次请求`,
        );
    }
    log('');
  }
  const failed = figures.flatMap((f) => f.failed);
  if (failed.length > 0) {
    log(`未通过检查的定时任务 ${failed.length} 项：`);
    for (const f of failed) log(`  - ${f}`);
    throw new Error(`全省定时任务基准：${failed.length} 项未通过检查`);
  }
  log('全部定时任务通过检查：读取随到期工作，再次运行只读到期键、不写、不重复提醒，没有未使用索引的查询。');
  return figures;
}

if (require.main === module) {
  runProvinceTimersBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
