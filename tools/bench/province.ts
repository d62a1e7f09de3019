/**
 * Province-scale benchmark (issue 18): a whole province generated at 10% and at 100% of a year's
 * records (tools/province/generate.ts, same seed), then, as each role, every list action and the home
 * page's first load: documents read and database requests of one warm call, measured with the local
 * cloud's own counters. Then the every-minute timer twice: documents read against the due work.
 *
 *   npm run bench -- province
 *
 * The check, per action: documents read ≤ the page size plus a constant, the same at 10% and 100%,
 * and no query that used no index (the local cloud's `unindexedQueries`). A failing action is named
 * with what failed, and the bench fails (the process exits 1).
 */
import { generateProvince, PROVINCE_NOW, type ProvinceCallers } from '../province/generate';
import type { TimerAnswer } from '../../server/notify/timer';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import { readsLine } from './referrals';

/** What one call may read beyond its page: the caller, the unit tree's version, the account, a counter or two. */
export const READ_CONSTANT = 30;
/** How much more the 100% province may read than the 10% one for the same page (the caller's own records). */
export const GROWTH_TOLERANCE = 5;
const PAGE = 20;

interface Case {
  action: string;
  role: keyof ProvinceCallers;
  roleLabel: string;
  body: (ids: ProvinceIds) => Record<string, unknown>;
  /** Items a page may hold (the reads bound is this plus READ_CONSTANT). */
  page: number;
}

/** Ids the cases need, from the generated province (stable for a seed). */
interface ProvinceIds {
  cityUnit: string;
  cityDepartment: string;
  cityAccount: string;
}

const CASES: Case[] = [
  { action: 'org.me', role: 'cityOperator', roleLabel: '市局运营民警（首页）', body: () => ({}), page: 0 },
  { action: 'org.me', role: 'cityReviewer', roleLabel: '市局审核民警（首页）', body: () => ({}), page: 0 },
  { action: 'org.me', role: 'provinceDesk', roleLabel: '省厅宣传处（首页）', body: () => ({}), page: 0 },
  { action: 'post.list', role: 'cityOperator', roleLabel: '市局运营民警', body: () => ({ limit: PAGE }), page: PAGE },
  {
    action: 'post.list',
    role: 'cityOperator',
    roleLabel: '市局运营民警（按账号）',
    body: (ids) => ({ accountId: ids.cityAccount, limit: PAGE }),
    page: PAGE,
  },
  { action: 'post.list', role: 'countyOperator', roleLabel: '县局运营民警', body: () => ({ limit: PAGE }), page: PAGE },
  {
    action: 'post.approvals',
    role: 'cityReviewer',
    roleLabel: '市局审核民警',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'post.approvals',
    role: 'cityLeader',
    roleLabel: '市局分管领导',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'post.approvals',
    role: 'provinceDesk',
    roleLabel: '省厅宣传处',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'notify.inbox',
    role: 'cityOperator',
    roleLabel: '市局运营民警',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
  { action: 'notify.inbox', role: 'handler', roleLabel: '警种联络人', body: () => ({ limit: PAGE }), page: PAGE },
  {
    action: 'org.listPeople',
    role: 'cityAdmin',
    roleLabel: '市局单位管理员',
    body: (ids) => ({ unitId: ids.cityUnit, limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'org.listAccounts',
    role: 'cityAdmin',
    roleLabel: '市局单位管理员',
    body: (ids) => ({ unitId: ids.cityUnit, limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'org.auditLog',
    role: 'cityAdmin',
    roleLabel: '市局单位管理员',
    body: (ids) => ({ unitId: ids.cityUnit, limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'referral.messages',
    role: 'cityOperator',
    roleLabel: '市局运营民警',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
  {
    action: 'referral.list',
    role: 'handler',
    roleLabel: '警种联络人',
    body: (ids) => ({ unitId: ids.cityDepartment, limit: PAGE }),
    page: PAGE,
  },
  { action: 'linkage.list', role: 'provinceDesk', roleLabel: '省厅宣传处', body: () => ({ limit: PAGE }), page: PAGE },
  {
    action: 'linkage.mine',
    role: 'cityOperator',
    roleLabel: '市局运营民警',
    body: () => ({ limit: PAGE }),
    page: PAGE,
  },
];

export interface ActionFigures {
  action: string;
  role: string;
  page: number;
  items: number | null;
  documentsRead: number;
  databaseRequests: number;
  unindexed: string[];
  error: string | null;
  readsByCollection: { [collection: string]: number };
}

export interface TimerFigures {
  run: 'first' | 'again';
  /** Due documents the planners read. */
  dueItems: number;
  unchanged: number;
  enqueued: number;
  delivered: number;
  documentsRead: number;
  databaseRequests: number;
  unindexed: string[];
  readsByCollection: { [collection: string]: number };
}

export interface ScaleFigures {
  scale: number;
  counts: { [collection: string]: number };
  generateMs: number;
  actions: ActionFigures[];
  timer: TimerFigures[];
}

export interface ProvinceBenchOptions {
  scales?: number[];
  seed?: number;
  log?: (line: string) => void;
}

async function call(
  cloud: LocalCloud,
  action: string,
  body: Record<string, unknown>,
  openid: string,
): Promise<unknown> {
  const [fn, name] = action.split('.');
  const res = await fetch(`${cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action: name, ...body }),
  });
  return res.json();
}

const unindexedOf = (stats: LocalCloudStats): string[] =>
  stats.unindexedQueries.map((q) => `${q.collection} ${q.shape}${q.count > 1 ? ` ×${q.count}` : ''}`);

function itemsOf(answer: unknown): number | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const data = (answer as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) ? items.length : null;
}

function errorOf(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return '无应答';
  const a = answer as { ok?: boolean; error?: { code: string; message: string } };
  return a.ok === true ? null : `${a.error?.code ?? '?'} ${a.error?.message ?? ''}`;
}

async function measureAction(
  cloud: LocalCloud,
  c: Case,
  callers: ProvinceCallers,
  ids: ProvinceIds,
): Promise<ActionFigures> {
  const openid = callers[c.role];
  const body = c.body(ids);
  // Warm: the function instance, its unit tree and calendar caches, as every call after the first finds them.
  await call(cloud, c.action, body, openid);
  cloud.resetStats();
  const answer = await call(cloud, c.action, body, openid);
  const stats = cloud.stats();
  return {
    action: c.action,
    role: c.roleLabel,
    page: c.page,
    items: itemsOf(answer),
    documentsRead: stats.documentsRead,
    databaseRequests: stats.admin.database,
    unindexed: unindexedOf(stats),
    error: errorOf(answer),
    readsByCollection: stats.readsByCollection,
  };
}

async function fireTimer(cloud: LocalCloud, run: TimerFigures['run']): Promise<TimerFigures> {
  cloud.resetStats();
  const [fired] = await cloud.timers.fire('timer');
  const stats = cloud.stats();
  if (!fired?.outcome.ok) throw new Error(`定时任务失败：${JSON.stringify(fired?.outcome)}`);
  const answer = fired.outcome.result as TimerAnswer;
  if (!answer.ok) throw new Error(answer.error.message);
  const planners = answer.data.planners;
  return {
    run,
    dueItems: planners.reduce((n, p) => n + p.items, 0),
    unchanged: planners.reduce((n, p) => n + p.unchanged, 0),
    enqueued: planners.reduce((n, p) => n + p.enqueued, 0),
    delivered: answer.data.delivery.due,
    documentsRead: stats.documentsRead,
    databaseRequests: stats.admin.database,
    unindexed: unindexedOf(stats),
    readsByCollection: stats.readsByCollection,
  };
}

async function measureScale(scale: number, seed: number, log: (line: string) => void): Promise<ScaleFigures> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.freeze();
    cloud.clock.set(PROVINCE_NOW);
    const report = generateProvince(cloud.db, { seed, scale, log });
    const cityUnit = 'u-cs';
    // The handler's own department (referral.list is scoped to it).
    const handler = cloud.db.find('people', { openid: report.callers.handler }, { limit: 1 })[0] as
      | { unitId: string }
      | undefined;
    const account = cloud.db.find('accounts', { unitId: cityUnit }, { limit: 1 })[0] as { _id: string } | undefined;
    const ids: ProvinceIds = { cityUnit, cityDepartment: handler?.unitId ?? '', cityAccount: account?._id ?? '' };
    const actions: ActionFigures[] = [];
    for (const c of selectedCases()) actions.push(await measureAction(cloud, c, report.callers, ids));
    const timer = [await fireTimer(cloud, 'first'), await fireTimer(cloud, 'again')];
    return { scale, counts: report.counts, generateMs: report.ms, actions, timer };
  } finally {
    await cloud.close();
  }
}

/** Why an action fails the check, or null. */
function verdict(small: ActionFigures, large: ActionFigures): string | null {
  const why: string[] = [];
  if (large.error) why.push(`出错：${large.error}`);
  const bound = large.page + READ_CONSTANT;
  if (large.documentsRead > bound) why.push(`读取 ${large.documentsRead} > 每页 ${large.page} + ${READ_CONSTANT}`);
  // What a call reads beyond the items it answers must not grow with the data (a short page at 10%
  // reads fewer items, which is no growth).
  const overhead = (f: ActionFigures): number => f.documentsRead - (f.items ?? 0);
  if (overhead(large) > overhead(small) + GROWTH_TOLERANCE)
    why.push(`条目之外的读取：100% ${overhead(large)}，10% ${overhead(small)}，随数据增长`);
  const scans = [...new Set([...small.unindexed, ...large.unindexed])];
  if (scans.length > 0) why.push(`未使用索引：${scans.join('；')}`);
  return why.length > 0 ? why.join('；') : null;
}

/** `--scale 0.1` (or `0.1,1`): the data sizes to measure (a single one compares it with itself). */
function scalesFromEnv(): number[] | null {
  const raw = process.env.BENCH_SCALE;
  if (!raw) return null;
  const scales = raw.split(',').map(Number);
  if (scales.some((s) => !(s > 0 && s <= 1))) throw new Error(`--scale 须为 0 到 1 之间的数：${raw}`);
  return scales;
}

/** `--only org.listPeople,org.me`: only the cases whose action (or page) names one of these. */
function selectedCases(): Case[] {
  const only = process.env.BENCH_ONLY?.split(',').filter((x) => x.length > 0);
  if (!only || only.length === 0) return CASES;
  return CASES.filter((c) => only.some((o) => c.action === o || c.action.startsWith(`${o}.`)));
}

export async function runProvinceBench(options: ProvinceBenchOptions = {}): Promise<ScaleFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = options.seed ?? 20261130;
  const scales = options.scales ?? scalesFromEnv() ?? [0.1, 1];
  const figures: ScaleFigures[] = [];
  for (const scale of scales) {
    log(`全省数据（种子 ${seed}，一年记录的 ${Math.round(scale * 100)}%）：`);
    const f = await measureScale(scale, seed, log);
    log(`  生成并写入用时 ${(f.generateMs / 1000).toFixed(1)} s：${JSON.stringify(f.counts)}`);
    figures.push(f);
  }
  const [small, large] = [figures[0], figures[figures.length - 1]];
  if (!small || !large) return figures;
  log('');
  log(`列表与首页（每页 ${PAGE} 条，一次预热后的调用；上限 = 每页 + ${READ_CONSTANT}）`);
  log('  操作                 角色                     条数   读取(10%)  读取(100%)  请求(100%)  检查');
  const failed: string[] = [];
  large.actions.forEach((l, i) => {
    const s = small.actions[i];
    if (!s) return;
    const why = verdict(s, l);
    if (why) failed.push(`${l.action}（${l.role}）：${why}`);
    log(
      `  ${l.action.padEnd(20)} ${l.role.padEnd(16, '　')} ${String(l.items ?? '-').padStart(6)}   ${String(s.documentsRead).padStart(8)}   ${String(l.documentsRead).padStart(9)}   ${String(l.databaseRequests).padStart(9)}   ${why ? '未通过' : '通过'}`,
    );
    if (why) log(`      ${why}；读取：${readsLine(l.readsByCollection)}`);
  });
  log('');
  log('每分钟定时任务（提醒规则 + 投递）：首次运行与紧接着的再次运行');
  log('  数据    运行    到期条目   未变   新提醒   投递   读取文档   数据库请求   未使用索引');
  for (const f of figures) {
    for (const t of f.timer) {
      log(
        `  ${`${Math.round(f.scale * 100)}%`.padStart(4)}    ${t.run === 'first' ? '首次' : '再次'}   ${String(t.dueItems).padStart(8)}   ${String(t.unchanged).padStart(4)}   ${String(t.enqueued).padStart(6)}   ${String(t.delivered).padStart(4)}   ${String(t.documentsRead).padStart(8)}   ${String(t.databaseRequests).padStart(10)}   ${t.unindexed.length === 0 ? '无' : t.unindexed.join('；')}`,
      );
      if (t.unindexed.length > 0)
        failed.push(`定时任务（${Math.round(f.scale * 100)}%，${t.run}）：未使用索引：${t.unindexed.join('；')}`);
    }
    for (const t of f.timer)
      log(`          ${t.run === 'first' ? '首次' : '再次'}运行读取：${readsLine(t.readsByCollection)}`);
  }
  if (failed.length > 0) {
    log('');
    log(`未通过检查的操作 ${failed.length} 项：`);
    for (const f of failed) log(`  - ${f}`);
    throw new Error(`全省基准：${failed.length} 项未通过检查`);
  }
  log('');
  log('全部操作通过检查：每页读取不超过每页条数加常数，10% 与 100% 数据相同，没有未使用索引的查询。');
  return figures;
}

if (require.main === module) {
  runProvinceBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
