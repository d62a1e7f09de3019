/**
 * Province-scale benchmark (issue 18): a whole province generated at 10% and at 100% of a year's
 * records (tools/province/generate.ts, same seed), then every list action of every function as the
 * roles that use it, and every page's first load (tools/bench/province-cases.ts): documents read and
 * database requests of one warm call, measured with the local cloud's own counters. Then the
 * every-minute timer twice: documents read against the due work.
 *
 *   npm run bench -- province                                  both sizes, everything
 *   npm run bench -- province --scale 0.1 --only org.listPeople  one size, the cases naming that action
 *   npm run bench -- province --only pages/home,post          pages by path, actions by function
 *
 * The check, per call: documents read ≤ its page size plus a constant, what it reads beyond its items
 * the same at 10% and 100%, and no query that used no index (the local cloud's `unindexedQueries`).
 * A page adds up its first load's calls. A failing action or page is named with what failed, and the
 * bench fails (the process exits 1). A call whose record the generator does not make yet is listed as
 * not measured.
 */
import { generateProvince, PROVINCE_NOW, type ProvinceCallers } from '../province/generate';
import { publishLastMonth } from '../province/evaluation';
import type { TimerAnswer } from '../../server/notify/timer';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import type { Doc } from '../local-cloud/src/db/ejson';
import { readsLine } from './referrals';
import { ACTION_CASES, PAGE, PAGES, ROLE_LABELS, type Call, type ProvinceIds, type Role } from './province-cases';

/** What one call may read beyond its page: the caller, the unit tree's version, the account, a counter or two. */
export const READ_CONSTANT = 30;
/** How much more the 100% province may read than the 10% one for the same page (the caller's own records). */
export const GROWTH_TOLERANCE = 5;

export interface CallFigures {
  action: string;
  page: number;
  items: number | null;
  documentsRead: number;
  databaseRequests: number;
  unindexed: string[];
  error: string | null;
  readsByCollection: { [collection: string]: number };
}

/** One line of the table: an action as a role, or a page's first load (its calls added up). */
export interface ActionFigures {
  /** The action, or the page's path. */
  action: string;
  role: string;
  /** Calls it made (a page may make several). */
  calls: number;
  page: number;
  items: number | null;
  documentsRead: number;
  databaseRequests: number;
  unindexed: string[];
  error: string | null;
  readsByCollection: { [collection: string]: number };
  /** Why it was not measured (the generated data has no record it needs), or null. */
  skipped: string | null;
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
  pages: ActionFigures[];
  timer: TimerFigures[];
}

export interface ProvinceBenchOptions {
  scales?: number[];
  seed?: number;
  /** Only the cases whose action, function or page path starts with one of these. */
  only?: string[];
  log?: (line: string) => void;
}

async function post(
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

function dataOf(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return null;
  return (answer as { data?: unknown }).data ?? null;
}

/** The items an answer holds: its `items` list, or for the workbench the sum of its badges. */
function itemsOf(answer: unknown, kind: Call['items']): number | null {
  const data = dataOf(answer);
  if (typeof data !== 'object' || data === null) return null;
  if (kind === 'badges') {
    const pending = (data as { pending?: { [k: string]: unknown } }).pending ?? {};
    // whether work waits (issue 18): each kind read as one id at most
    return Object.values(pending).reduce<number>((n, v) => n + (v === true ? 1 : typeof v === 'number' ? v : 0), 0);
  }
  if (kind === 'cadenceCells') {
    const accounts = (data as { accounts?: { days?: { count: number }[] }[] }).accounts ?? [];
    return accounts.reduce((n, a) => n + 1 + (a.days ?? []).filter((d) => d.count > 0).length, 0);
  }
  const items = (data as { items?: unknown }).items;
  if (kind === 'mineRows' && Array.isArray(items)) {
    return items.reduce<number>((n, item) => n + 1 + ((item as { accounts?: unknown[] }).accounts?.length ?? 0), 0);
  }
  if (kind === 'boardRows') {
    const rows = (data as { rows?: unknown }).rows;
    return (Array.isArray(items) ? items.length : 0) + (Array.isArray(rows) ? rows.length : 0);
  }
  return Array.isArray(items) ? items.length : null;
}

function errorOf(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return '无应答';
  const a = answer as { ok?: boolean; error?: { code: string; message: string } };
  return a.ok === true ? null : `${a.error?.code ?? '?'} ${a.error?.message ?? ''}`;
}

async function measureCall(cloud: LocalCloud, c: Call, openid: string, ids: ProvinceIds): Promise<CallFigures> {
  const body = c.body(ids);
  // Warm: the function instance, its unit tree and calendar caches, as every call after the first finds them.
  await post(cloud, c.action, body, openid);
  cloud.resetStats();
  const answer = await post(cloud, c.action, body, openid);
  const stats = cloud.stats();
  return {
    action: c.action,
    page: c.page,
    items: itemsOf(answer, c.items),
    documentsRead: stats.documentsRead,
    databaseRequests: stats.admin.database,
    unindexed: unindexedOf(stats),
    error: errorOf(answer),
    readsByCollection: stats.readsByCollection,
  };
}

const missing = (calls: readonly Call[], ids: ProvinceIds): string[] =>
  calls.flatMap((c) => (c.needs && ids[c.needs] === null ? [`${c.action} 需要 ${c.needs}`] : []));

/** Measures calls made one after another as one line (a page's first load, or one action). */
async function measureLine(
  cloud: LocalCloud,
  name: string,
  role: Role,
  calls: readonly Call[],
  callers: ProvinceCallers,
  ids: ProvinceIds,
): Promise<ActionFigures> {
  const lacking = missing(calls, ids);
  const measured: CallFigures[] = [];
  // A page whose record is missing is measured on the calls that need none (its lists still count).
  for (const c of calls)
    if (!(c.needs && ids[c.needs] === null)) measured.push(await measureCall(cloud, c, callers[role], ids));
  const reads: { [collection: string]: number } = {};
  for (const f of measured) for (const [k, n] of Object.entries(f.readsByCollection)) reads[k] = (reads[k] ?? 0) + n;
  const counted = measured.filter((f) => f.items !== null);
  const errors = measured.flatMap((f) => (f.error ? [`${f.action} ${f.error}`] : []));
  return {
    action: name,
    role: ROLE_LABELS[role],
    calls: measured.length,
    page: measured.reduce((n, f) => n + f.page, 0),
    items: counted.length > 0 ? counted.reduce((n, f) => n + (f.items ?? 0), 0) : null,
    documentsRead: measured.reduce((n, f) => n + f.documentsRead, 0),
    databaseRequests: measured.reduce((n, f) => n + f.databaseRequests, 0),
    unindexed: [...new Set(measured.flatMap((f) => f.unindexed))],
    error: errors.length > 0 ? errors.join('；') : null,
    readsByCollection: reads,
    skipped:
      measured.length === 0
        ? `生成数据中没有：${lacking.join('、')}`
        : lacking.length > 0
          ? `部分未测：${lacking.join('、')}`
          : null,
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

/**
 * A directive, an incident and a training session made through the functions (as their users make
 * them) when the generated data has none, so their pages are measured. Set-up, not measured; the
 * generator's own records are used once it makes them.
 */
async function recordWhatIsMissing(
  cloud: LocalCloud,
  callers: ProvinceCallers,
  ids: ProvinceIds,
  log: (line: string) => void,
): Promise<void> {
  const made: string[] = [];
  const make = async (what: string, action: string, body: Record<string, unknown>, openid: string): Promise<void> => {
    const error = errorOf(await post(cloud, action, body, openid));
    made.push(error ? `${what}未能创建（${error}）` : what);
  };
  if (ids.directiveId === null)
    await make(
      '联动指令',
      'linkage.issue',
      {
        clientKey: 'bench-province-directive',
        kind: 'publicity',
        title: '全省统一转发：冬季防火提示',
        content: '请各市州公安局官方微博于一小时内转发省厅冬季防火提示。',
        link: null,
        wording: '',
        responseKinds: ['repost'],
        targets: { mode: 'filter', unitIds: ids.cityUnits, platforms: ['weibo'] },
      },
      callers.provinceDesk,
    );
  if (ids.incidentId === null)
    await make(
      '安全事件',
      'security.incidentReport',
      {
        accountId: ids.cityAccount,
        requestKey: 'bench-province-incident',
        kind: 'abnormalLogin',
        happenedAt: '2026-11-30T08:30:00.000+08:00',
        description: '异地登录提醒，已修改密码。',
      },
      callers.cityOperator,
    );
  if (ids.sessionId === null)
    await make(
      '培训场次',
      'training.sessionCreate',
      {
        unitId: ids.cityUnit,
        requestKey: 'bench-province-session',
        course: '公安新媒体业务培训',
        date: '2026-11-20',
        issuer: '长沙市公安局政治部宣传处',
        hours: 4,
      },
      callers.cityAdmin,
    );
  // province: an archive (an export the city's admin starts) and a combination rule (the province desk's).
  if (ids.archiveId === null)
    await make(
      '归档导出',
      'archive.exportStart',
      { unitId: ids.cityUnit, requestKey: 'bench-province-archive', from: '2026-11-01', to: '2026-11-29' },
      callers.cityAdmin,
    );
  if (ids.ruleId === null)
    await make(
      '组合规则',
      'screen.ruleSave',
      {
        rule: {
          name: '专项行动部署细节',
          category: 'secret',
          effect: 'block',
          levelFloor: null,
          groups: [['专项行动'], ['集结地点', '出发时间']],
          exclude: [['已结束']],
          within: { kind: 'sentence' },
          ordered: false,
          note: '尚未结束的专项行动的部署细节',
        },
      },
      callers.provinceDesk,
    );
  if (made.length > 0) log(`  生成数据中没有、经云函数补建：${made.join('、')}`);
}

/** The ids the cases need, picked from the generated data (bench set-up: read straight from the store). */
function pickIds(cloud: LocalCloud, callers: ProvinceCallers): ProvinceIds {
  const first = (collection: string, filter: Doc = {}): Doc | null =>
    cloud.db.hasCollection(collection) ? (cloud.db.find(collection, filter, { limit: 1 })[0] ?? null) : null;
  const idOf = (collection: string, filter: Doc = {}): string | null => {
    const doc = first(collection, filter);
    return doc === null ? null : String(doc._id);
  };
  const personOf = (openid: string): Doc | null => first('people', { openid });
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const operator = personOf(callers.cityOperator);
  const handler = personOf(callers.handler);
  const county = personOf(callers.countyOperator);
  const cityUnit = 'u-cs';
  const operatorId = text(operator?._id);
  const cityAccount =
    idOf('accounts', { unitId: cityUnit, operatorA: operatorId }) ?? idOf('accounts', { unitId: cityUnit }) ?? '';
  const evaluated = first('evaluationMonths');
  const month = PROVINCE_NOW.slice(0, 7);
  const rootUnit = idOf('units', { parentId: null }) ?? '';
  return {
    rootUnit,
    cityUnits: cloud.db
      .find('units', { parentId: rootUnit, kind: 'bureau' }, {})
      .map((u) => String(u._id))
      .sort(),
    cityUnit,
    countyUnit: text(county?.unitId),
    cityDepartment: text(handler?.unitId),
    cityAccount,
    cityOperatorId: operatorId,
    month,
    evaluatedMonth: evaluated === null ? null : String(evaluated.month),
    year: Number(PROVINCE_NOW.slice(0, 4)),
    postId: idOf('posts', { accountId: cityAccount }) ?? idOf('posts', { authorId: operatorId }),
    messageId: idOf('messages', { accountId: cityAccount }),
    referralId: idOf('referrals', { unitId: cityUnit }),
    // a directive the city operator's account was called by (linkage.get answers only those involved)
    directiveId: text(first('directiveTargets', { accountId: cityAccount })?.directiveId) || idOf('directives'),
    incidentId: idOf('incidents', { unitPath: cityUnit }) ?? idOf('incidents'),
    archiveId: idOf('archives', { unitId: cityUnit }),
    sessionId: idOf('trainingSessions', { unitPath: cityUnit }),
    // province: an application the city desk decides (a county's), a filing it receives, and the city's
    // account in setup whose A角 is the city operator (the generator makes each at 长沙 and its first county).
    applicationId: idOf('accountApplications', { deciderId: `${cityUnit}-xc` }) ?? idOf('accountApplications'),
    filingId: idOf('filings', { receiverDeskId: `${cityUnit}-xc` }) ?? idOf('filings'),
    setupAccountId: idOf('accounts', { state: 'approved', unitId: cityUnit, operatorA: operatorId }),
    ruleId: idOf('screeningRules'),
  };
}

const selected = (name: string, only: readonly string[] | undefined): boolean =>
  !only || only.length === 0 || only.some((o) => name.startsWith(o));

async function measureScale(
  scale: number,
  seed: number,
  only: readonly string[] | undefined,
  log: (line: string) => void,
): Promise<ScaleFigures> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.freeze();
    cloud.clock.set(PROVINCE_NOW);
    const report = generateProvince(cloud.db, { seed, scale, log });
    // province: the last closed month evaluated, released and published as the province desk does it.
    await publishLastMonth(cloud, report.callers.provinceDesk, log);
    await recordWhatIsMissing(cloud, report.callers, pickIds(cloud, report.callers), log);
    const ids = pickIds(cloud, report.callers);
    const actions: ActionFigures[] = [];
    for (const c of ACTION_CASES) {
      if (selected(c.action, only)) actions.push(await measureLine(cloud, c.action, c.role, [c], report.callers, ids));
    }
    const pages: ActionFigures[] = [];
    for (const [path, load] of Object.entries(PAGES)) {
      if ('none' in load || !selected(path, only)) continue;
      pages.push(await measureLine(cloud, path, load.role, load.calls, report.callers, ids));
    }
    const timer = [await fireTimer(cloud, 'first'), await fireTimer(cloud, 'again')];
    return { scale, counts: report.counts, generateMs: report.ms, actions, pages, timer };
  } finally {
    await cloud.close();
  }
}

/** Why a line fails the check, or null. */
export function verdict(small: ActionFigures, large: ActionFigures): string | null {
  if (large.skipped !== null && large.calls === 0) return null;
  const why: string[] = [];
  if (large.error) why.push(`出错：${large.error}`);
  const bound = large.page + READ_CONSTANT * large.calls;
  if (large.documentsRead > bound)
    why.push(
      `读取 ${large.documentsRead} > 每页 ${large.page} + ${READ_CONSTANT}${large.calls > 1 ? ` × ${large.calls}` : ''}`,
    );
  // What a call reads beyond the items it answers must not grow with the data (a short page at 10%
  // reads fewer items, which is no growth).
  const overhead = (f: ActionFigures): number => f.documentsRead - (f.items ?? 0);
  // Compared only when both sizes made the same calls (a record missing at 10% leaves nothing to compare).
  if (small.calls === large.calls && overhead(large) > overhead(small) + GROWTH_TOLERANCE)
    why.push(`条目之外的读取：100% ${overhead(large)}，10% ${overhead(small)}，随数据增长`);
  const scans = [...new Set([...small.unindexed, ...large.unindexed])];
  if (scans.length > 0) why.push(`未使用索引：${scans.join('；')}`);
  return why.length > 0 ? why.join('；') : null;
}

function table(
  title: string,
  smalls: readonly ActionFigures[],
  larges: readonly ActionFigures[],
  failed: string[],
  notMeasured: string[],
  log: (line: string) => void,
): void {
  log('');
  log(title);
  log(
    '  操作或页面                                   角色             调用  条数  读取(10%)  读取(100%)  请求(100%)  检查',
  );
  larges.forEach((l, i) => {
    const s = smalls[i];
    if (!s) return;
    if (l.skipped !== null) notMeasured.push(`${l.action}（${l.role}）：${l.skipped}`);
    if (l.calls === 0) {
      log(`  ${l.action.padEnd(44)} ${l.role.padEnd(8, '　')}   未测：${l.skipped ?? ''}`);
      return;
    }
    const why = verdict(s, l);
    if (why) failed.push(`${l.action}（${l.role}）：${why}`);
    log(
      `  ${l.action.padEnd(44)} ${l.role.padEnd(8, '　')} ${String(l.calls).padStart(4)}  ${String(l.items ?? '-').padStart(4)}  ${String(s.documentsRead).padStart(9)}  ${String(l.documentsRead).padStart(10)}  ${String(l.databaseRequests).padStart(10)}  ${why ? '未通过' : '通过'}`,
    );
    if (why) log(`      ${why}；读取：${readsLine(l.readsByCollection)}`);
  });
}

/** `--scale 0.1` (or `0.1,1`): the data sizes to measure (a single one compares it with itself). */
function scalesFromEnv(): number[] | null {
  const raw = process.env.BENCH_SCALE;
  if (!raw) return null;
  const scales = raw.split(',').map(Number);
  if (scales.some((s) => !(s > 0 && s <= 1))) throw new Error(`--scale 须为 0 到 1 之间的数：${raw}`);
  return scales;
}

export async function runProvinceBench(options: ProvinceBenchOptions = {}): Promise<ScaleFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = options.seed ?? 20261130;
  const scales = options.scales ?? scalesFromEnv() ?? [0.1, 1];
  const only = options.only ?? process.env.BENCH_ONLY?.split(',').filter((x) => x.length > 0);
  const figures: ScaleFigures[] = [];
  for (const scale of scales) {
    log(`全省数据（种子 ${seed}，一年记录的 ${Math.round(scale * 100)}%）：`);
    const f = await measureScale(scale, seed, only, log);
    log(`  生成并写入用时 ${(f.generateMs / 1000).toFixed(1)} s：${JSON.stringify(f.counts)}`);
    figures.push(f);
  }
  const [small, large] = [figures[0], figures[figures.length - 1]];
  if (!small || !large) return figures;
  const failed: string[] = [];
  const notMeasured: string[] = [];
  table(
    `列表操作（每页 ${PAGE} 条，一次预热后的调用；上限 = 每页 + ${READ_CONSTANT}；首页角标每个最多读 100 个）`,
    small.actions,
    large.actions,
    failed,
    notMeasured,
    log,
  );
  table(
    `各页面首次加载（页面打开时的全部调用相加；上限 = 各调用每页之和 + ${READ_CONSTANT} × 调用数）`,
    small.pages,
    large.pages,
    failed,
    notMeasured,
    log,
  );
  const formsOnly = Object.entries(PAGES).flatMap(([p, l]) => ('none' in l ? [`${p}（${l.none}）`] : []));
  log(`  打开时不调用任何操作的页面：${formsOnly.join('；')}`);
  for (const [path, load] of Object.entries(PAGES)) {
    if ('none' in load) continue;
    for (const [action, why] of Object.entries(load.unmeasured ?? {})) log(`  ${path} 不测 ${action}：${why}`);
  }
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
  if (notMeasured.length > 0) {
    log('');
    log(`生成数据中缺少所需记录、未测或部分未测 ${notMeasured.length} 项（生成器补上这些记录后自动测量）：`);
    for (const n of [...new Set(notMeasured)]) log(`  - ${n}`);
  }
  if (failed.length > 0) {
    log('');
    log(`未通过检查 ${failed.length} 项：`);
    for (const f of failed) log(`  - ${f}`);
    throw new Error(`全省基准：${failed.length} 项未通过检查`);
  }
  log('');
  log('全部操作与页面通过检查：读取不超过每页条数加常数，10% 与 100% 数据相同，没有未使用索引的查询。');
  return figures;
}

if (require.main === module) {
  runProvinceBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
