/**
 * Account matrix benchmark (issue 12, 第九条, 第三十四条): a province of 14 cities and 122 counties with
 * 300, then 3,000 accounts (inserted straight into the local cloud and brought in as pre-system accounts,
 * which builds the maintained totals), then the province desk's matrix through the account function:
 *
 *  - the first page of each view (child units, 第九条 gaps, the accounts of one facet) and a later page
 *    of the accounts: documents read and full scans. The page is 20 rows; the figures must not follow
 *    the number of accounts (the counts come from the maintained totals, the rows from indexes);
 *  - the summary's total checked against the accounts inserted;
 *  - the .xlsx export of the whole province (it reads every account, by design): time and documents.
 *
 *   npx tsx tools/bench/accounts.ts
 *
 * Run the function build first (npm run bench does).
 */
import { performance } from 'node:perf_hooks';
import type { ExportResult, MatrixPage } from '../../typings/account';
import type { Account, Person, Unit } from '../../typings/org';
import { adoptAccounts } from '../../core/account/adopt';
import { demoOrg } from '../../core/org/demo';
import { buildTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';

const START = '2026-12-01T09:00:00+08:00';
const DESK = 'demo-province-propaganda';
const CITIES = 14;
const COUNTIES = 122;
const PAGE = 20;
const PLATFORMS: Account['platform'][] = [
  'weibo',
  'wechatSubscription',
  'douyin',
  'toutiao',
  'kuaishou',
  'wechatService',
];

export interface MatrixFigures {
  accounts: number;
  view: string;
  rows: number;
  documentsRead: number;
  fullScans: number;
  requests: number;
}

export interface AccountsBenchFigures {
  reads: MatrixFigures[];
  exports: { accounts: number; ms: number; documentsRead: number }[];
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

/** The demo province plus synthetic cities and counties up to 14 and 122, each bureau with its desk. */
function province(now: string): { units: Unit[]; bureaus: Unit[] } {
  const demo = demoOrg();
  const base = demo.units.find((u) => u.level === 'province' && u.kind === 'bureau');
  if (!base) throw new Error('demo org has no province');
  const demoBureaus = demo.units.filter((u) => u.kind === 'bureau' && u.level !== 'province');
  const units: Unit[] = [];
  const bureaus: Unit[] = [...demoBureaus];
  const add = (id: string, name: string, kind: Unit['kind'], parent: Unit): Unit => {
    const level = kind !== 'bureau' ? parent.level : parent.level === 'province' ? 'city' : 'county';
    const u: Unit = {
      ...base,
      _id: id,
      name,
      kind,
      level,
      parentId: parent._id,
      path: [...parent.path, id],
      responsibility: { leaderId: null, departmentId: null, personId: null },
      createdAt: now,
      updatedAt: now,
    };
    units.push(u);
    return u;
  };
  const cities = CITIES - demoBureaus.filter((u) => u.level === 'city').length;
  let counties = COUNTIES - demoBureaus.filter((u) => u.level === 'county').length;
  for (let c = 1; c <= cities; c += 1) {
    const city = add(`u-m${c}`, `合成${c}市公安局`, 'bureau', base);
    add(`u-m${c}-xc`, `合成${c}市公安局政治部宣传处`, 'propagandaDesk', city);
    bureaus.push(city);
    const here = Math.ceil(counties / (cities - c + 1));
    for (let k = 1; k <= here; k += 1) {
      const county = add(`u-m${c}-${k}`, `合成${c}市${k}县公安局`, 'bureau', city);
      add(`u-m${c}-${k}-xc`, `${county.name}政治部宣传处`, 'propagandaDesk', county);
      bureaus.push(county);
    }
    counties -= here;
  }
  return { units, bureaus };
}

/** `total` institutional accounts over the bureaus; every 7th bureau gets no WeChat (a 第九条 gap). */
function accountsOf(bureaus: readonly Unit[], total: number, now: string): Account[] {
  const out: Account[] = [];
  for (let i = 0; i < total; i += 1) {
    const b = bureaus[i % bureaus.length];
    if (!b) throw new Error('no bureau');
    let platform = PLATFORMS[Math.floor(i / bureaus.length) % PLATFORMS.length] ?? 'weibo';
    const wechat = platform === 'wechatSubscription' || platform === 'wechatService';
    if (wechat && (i % bureaus.length) % 7 === 0) platform = 'douyin';
    const id = `acc-m${String(i).padStart(5, '0')}`;
    out.push({
      _id: id,
      platform,
      name: `${b.name.replace('公安局', '')}警事${i}`,
      platformId: `p-${id}`,
      unitId: b._id,
      kind: 'institutional',
      ownerId: null,
      realNameVerified: true,
      operatorA: null,
      operatorB: null,
      reviewerIds: [],
      state: 'active',
      exceptionApproval: null,
      createdAt: now,
      updatedAt: now,
      rev: 1,
    });
  }
  return out;
}

async function withProvince<T>(total: number, run: (cloud: LocalCloud) => Promise<T>): Promise<T> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.set(START);
    const now = toBeijingIso(cloud.clock.now());
    const demo = demoOrg();
    const { units, bureaus } = province(now);
    const allUnits = [...demo.units, ...units];
    const tree = buildTree(allUnits);
    const people = new Map<string, Person>(demo.people.map((p) => [p._id, p]));
    const adopted = adoptAccounts(tree, people, [...demo.accounts, ...accountsOf(bureaus, total, now)], now);
    cloud.db.insert('units', allUnits as never[]);
    cloud.db.insert('people', demo.people as never[]);
    for (let i = 0; i < adopted.accounts.length; i += 1_000)
      cloud.db.insert('accounts', adopted.accounts.slice(i, i + 1_000) as never[]);
    cloud.db.insert('accountNames', adopted.claims as never[]);
    cloud.db.insert('matrixTotals', adopted.totals as never[]);
    return await run(cloud);
  } finally {
    await cloud.close();
  }
}

async function measured(
  cloud: LocalCloud,
  total: number,
  label: string,
  body: Record<string, unknown>,
): Promise<MatrixFigures & { page: MatrixPage }> {
  cloud.resetStats();
  const page = await call<MatrixPage>(cloud, 'account', { action: 'matrix', limit: PAGE, ...body }, DESK);
  const stats = cloud.stats();
  return {
    page,
    accounts: total,
    view: label,
    rows: page.units.length + page.gaps.length + page.accounts.length,
    documentsRead: stats.documentsRead,
    fullScans: stats.fullScans,
    requests: stats.admin.database,
  };
}

export async function runAccountsBench(
  sizes: readonly number[] = [300, 3_000],
  log: (line: string) => void = (line) => console.log(line),
): Promise<AccountsBenchFigures> {
  const reads: MatrixFigures[] = [];
  const exports: AccountsBenchFigures['exports'] = [];
  for (const total of sizes) {
    await withProvince(total, async (cloud) => {
      const demoAccounts = demoOrg().accounts.length;
      // A warm instance, as the desk's second look finds it.
      await call(cloud, 'account', { action: 'matrix', unitId: 'u-hn', view: 'units', limit: 1 }, DESK);
      const views: Array<[string, Record<string, unknown>]> = [
        ['下级单位 第1页', { unitId: 'u-hn', view: 'units' }],
        ['第九条缺口 第1页', { unitId: 'u-hn', view: 'gaps' }],
        ['微博账号 第1页', { unitId: 'u-hn', view: 'accounts', platform: 'weibo' }],
        ['全部账号 第6页', { unitId: 'u-hn', view: 'accounts', offset: 5 * PAGE }],
      ];
      for (const [label, body] of views) {
        const f = await measured(cloud, total, label, body);
        if (label.startsWith('下级单位') && f.page.summary.total !== total + demoAccounts) {
          throw new Error(`汇总数 ${f.page.summary.total} ≠ 账号数 ${total + demoAccounts}`);
        }
        reads.push({ ...f, page: undefined } as MatrixFigures);
      }
      cloud.resetStats();
      const t0 = performance.now();
      const x = await call<ExportResult>(cloud, 'export', { action: 'matrix', unitId: 'u-hn' }, DESK);
      exports.push({ accounts: x.accounts, ms: performance.now() - t0, documentsRead: cloud.stats().documentsRead });
    });
  }
  log(
    `账号矩阵：${CITIES} 个市州、${COUNTIES} 个县市区，每页 ${PAGE} 行；汇总数来自维护的合计，与插入的账号数核对一致`,
  );
  log('  账号数   视图                  行数   读取文档   全表扫描   数据库请求');
  for (const r of reads) {
    log(
      `  ${String(r.accounts).padStart(6)}   ${r.view.padEnd(16, '　')}  ${String(r.rows).padStart(4)}   ${String(r.documentsRead).padStart(8)}   ${String(r.fullScans).padStart(8)}   ${String(r.requests).padStart(10)}`,
    );
  }
  const small = reads.filter((r) => r.accounts === sizes[0]);
  const large = reads.filter((r) => r.accounts === sizes[sizes.length - 1]);
  small.forEach((s, i) => {
    const l = large[i];
    if (l)
      log(
        `  ${s.view}：读取文档 ${l.accounts} 个账号 / ${s.accounts} 个账号 = ${(l.documentsRead / Math.max(1, s.documentsRead)).toFixed(2)}`,
      );
  });
  for (const e of exports) {
    log(
      `  导出全省 Excel：${e.accounts} 个账号，${e.ms.toFixed(0)} ms，读取文档 ${e.documentsRead}（导出按设计读取全部账号）`,
    );
  }
  return { reads, exports };
}

if (require.main === module) {
  void runAccountsBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
