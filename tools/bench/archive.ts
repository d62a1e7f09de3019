/**
 * Archive and rotation-sweep benchmark (第三十二条、第三十三条). A city bureau with 300 accounts (its own
 * desk and departments, two operators each), a month of concluded records inserted straight into the
 * local cloud, then
 *
 *  1. the city's monthly archive built by the archive timer, run after run, as the platform fires it:
 *     chunks, the longest chunk as a ratio to the function time limit (60 s), documents read per
 *     record archived, bytes written — for a full month and for a month with a quarter of the records,
 *     so "documents read ∝ the month's records" shows as a ratio measured in the same run;
 *  2. the security timer's rotation reminder sweep with 0 and with 20 of the 300 accounts due: the
 *     documents read follow the due accounts, not the 300.
 *
 *   npm run bench -- archive
 */
import { performance } from 'node:perf_hooks';
import type { Account, Person, Unit } from '../../typings/org';
import type { Archive } from '../../typings/archive';
import { demoOrg } from '../../core/org/demo';
import { toBeijingIso } from '../../core/time';
import { FUNCTION_TIME_LIMIT_MS } from '../../server/archive/build';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedOrg } from '../seed';

const CITY = 'u-bench-city';
const TRAINED = {
  course: '公安新媒体业务培训',
  date: '2026-01-20',
  issuer: '湖南省公安厅政治部宣传处',
  completed: true,
};

export interface ArchiveBenchOptions {
  accounts?: number;
  /** Published posts per account in the full month. */
  postsPerAccount?: number;
  log?: (line: string) => void;
}

export interface MonthFigures {
  month: string;
  records: number;
  runs: number;
  chunks: number;
  longestChunkMs: number;
  longestRunMs: number;
  documentsRead: number;
  bytesWritten: number;
}

export interface ArchiveBenchFigures {
  months: MonthFigures[];
  readsPerRecord: number[];
  sweep: { due: number; documentsRead: number; notices: number }[];
}

function city(now: string, accounts: number): { units: Unit[]; people: Person[]; accounts: Account[] } {
  const base = demoOrg().units[0];
  if (!base) throw new Error('demo org has no province');
  const unit = (id: string, name: string, kind: Unit['kind'], parent: Unit | null): Unit => ({
    ...base,
    _id: id,
    name,
    kind,
    level: 'city',
    parentId: parent?._id ?? base._id,
    path: [...(parent?.path ?? base.path), id],
    responsibility: { leaderId: `${CITY}-ld`, departmentId: `${CITY}-xc`, personId: null },
    createdAt: now,
    updatedAt: now,
  });
  const bureau = unit(CITY, '基准市公安局', 'bureau', null);
  const units = [
    bureau,
    unit(`${CITY}-xc`, '基准市公安局政治部宣传处', 'propagandaDesk', bureau),
    ...['刑侦支队', '交警支队', '治安支队', '网安支队'].map((n, i) =>
      unit(`${CITY}-d${i}`, `基准市公安局${n}`, 'department', bureau),
    ),
  ];
  const people: Person[] = [];
  const person = (id: string, unitId: string, role: 'operator' | 'leader'): string => {
    people.push({
      _id: id,
      name: `民警${id.slice(-4)}`,
      badgeNo: `B${id}`,
      unitId,
      phone: '13900000000',
      auxiliary: false,
      classifiedPost: false,
      active: true,
      roles: [{ role, unitId: CITY }],
      trainings: [TRAINED],
      openid: `wx-${id}`,
      createdAt: now,
      updatedAt: now,
      rev: 1,
    } as Person);
    return id;
  };
  person(`${CITY}-ld`, CITY, 'leader');
  const list: Account[] = [];
  for (let i = 0; i < accounts; i++) {
    const id = `acc-b-${String(i).padStart(4, '0')}`;
    const unitId = units[i % units.length]?._id ?? CITY;
    list.push({
      _id: id,
      platform: 'weibo',
      name: `基准账号${i}`,
      platformId: `pid-${i}`,
      unitId,
      kind: 'institutional',
      ownerId: null,
      realNameVerified: true,
      operatorA: person(`p-b-${i}-a`, unitId, 'operator'),
      operatorB: person(`p-b-${i}-b`, unitId, 'operator'),
      reviewerIds: [],
      state: 'active',
      createdAt: now,
      updatedAt: now,
      rev: 1,
    } as unknown as Account);
  }
  return { units, people, accounts: list };
}

/** A month of concluded records for the accounts, `perAccount` posts each and the rest in proportion. */
function monthRecords(cloud: LocalCloud, month: string, accounts: Account[], perAccount: number): number {
  const at = (day: number, minute: number): string =>
    toBeijingIso(Date.parse(`${month}-${String(1 + (day % 28)).padStart(2, '0')}T08:00:00+08:00`) + minute * 60_000);
  const posts: object[] = [];
  const versions: object[] = [];
  const messages: object[] = [];
  const referrals: object[] = [];
  const targets: object[] = [];
  const incidents: object[] = [];
  const attestations: object[] = [];
  accounts.forEach((a, ai) => {
    for (let p = 0; p < perAccount; p++) {
      const id = `post-${month}-${a._id}-${p}`;
      const when = at(p, ai);
      posts.push({
        _id: id,
        accountId: a._id,
        unitId: a.unitId,
        authorId: a.operatorA,
        state: 'published',
        version: 1,
        content: { title: `标题${p}`, text: '近期冒充客服退款的诈骗多发，请勿向陌生账户转账。'.repeat(3), images: [] },
        decisions: [{ round: 1, version: 1, kind: 'approve', by: 'x', at: when, comment: '同意' }],
        history: [{ at: when, personId: a.operatorA, version: 1, action: 'post.publish', summary: '发布' }],
        publication: {
          url: `https://weibo.com/${id}`,
          publishedAt: when,
          recordedAt: when,
          recordedBy: a.operatorA,
          version: 1,
        },
        updatedAt: when,
        rev: 5,
      });
      versions.push({ _id: `${id}#1`, postId: id, version: 1, content: { title: `标题${p}` }, submittedAt: when });
    }
    for (let m = 0; m < Math.ceil(perAccount / 3); m++) {
      const id = `msg-${month}-${a._id}-${m}`;
      messages.push({
        _id: id,
        accountId: a._id,
        unitId: a.unitId,
        text: '请问如何办理居住证？',
        closedAt: at(m, ai),
        state: 'closed',
      });
      if (m % 2 === 0)
        referrals.push({ _id: `ref-${id}`, messageId: id, accountId: a._id, unitId: a.unitId, answer: '已答复' });
    }
    for (let d = 0; d < 2; d++)
      targets.push({
        _id: `dir-${month}-${d}|${a._id}`,
        directiveId: `dir-${month}-${d}`,
        accountId: a._id,
        unitId: a.unitId,
        issuedAt: at(d * 10, 0),
        dueAt: at(d * 10, 60),
        state: 'onTime',
        response: null,
        rank: 1,
        tallyIds: [],
      });
    if (ai % 20 === 0)
      incidents.push({
        _id: `inc-${month}-${a._id}`,
        accountId: a._id,
        unitId: a.unitId,
        kind: 'wrongPost',
        closedAt: at(5, ai),
        steps: [],
      });
    attestations.push({
      _id: `att-${month}-${a._id}`,
      accountId: a._id,
      unitId: a.unitId,
      recordedAt: at(3, ai),
      kind: 'passwordChanged',
    });
  });
  const insert = (collection: string, docs: object[]): void => {
    for (let i = 0; i < docs.length; i += 5_000) cloud.db.insert(collection, docs.slice(i, i + 5_000) as never[]);
  };
  insert('posts', posts);
  insert('postVersions', versions);
  insert('messages', messages);
  insert('referrals', referrals);
  insert('directiveTargets', targets);
  insert('incidents', incidents);
  insert('securityAttestations', attestations);
  return posts.length + messages.length + targets.length + incidents.length + attestations.length;
}

async function archiveMonth(cloud: LocalCloud, month: string, records: number, firesAt: string): Promise<MonthFigures> {
  cloud.clock.set(firesAt);
  const figures: MonthFigures = {
    month,
    records,
    runs: 0,
    chunks: 0,
    longestChunkMs: 0,
    longestRunMs: 0,
    documentsRead: 0,
    bytesWritten: 0,
  };
  const id = `m-${CITY}-${month}`;
  for (let run = 0; run < 500; run++) {
    cloud.resetStats();
    const started = performance.now();
    const [fired] = await cloud.timers.fire('archiveMinute');
    const ms = performance.now() - started;
    const answer = fired?.outcome.ok
      ? (fired.outcome.result as { ok: boolean; data?: { chunks: number; longestChunkMs: number } })
      : null;
    if (!answer?.ok || !answer.data) throw new Error(`archive timer failed: ${JSON.stringify(fired?.outcome)}`);
    if (answer.data.chunks === 0) break;
    figures.runs += 1;
    figures.chunks += answer.data.chunks;
    figures.longestChunkMs = Math.max(figures.longestChunkMs, answer.data.longestChunkMs);
    figures.longestRunMs = Math.max(figures.longestRunMs, ms);
    figures.documentsRead += cloud.stats().documentsRead;
  }
  const a = cloud.db.get('archives', id) as unknown as Archive | null;
  if (a?.state !== 'complete') throw new Error(`archive ${id} did not complete`);
  const files = [...a.files, ...(a.manifest ? [a.manifest] : [])];
  const dataBytes = a.files.filter((f) => f.name.endsWith('.jsonl')).reduce((s, f) => s + f.bytes, 0);
  // Each record is written twice: once in its part, once in the joined file.
  figures.bytesWritten = files.reduce((s, f) => s + f.bytes, 0) + dataBytes;
  return figures;
}

async function sweep(
  cloud: LocalCloud,
  accounts: Account[],
  due: number,
): Promise<{ due: number; documentsRead: number; notices: number }> {
  const now = cloud.clock.now();
  const far = toBeijingIso(now + 30 * 86_400_000);
  const past = toBeijingIso(now - 60_000);
  // The due ones fell due yesterday and have not been reminded; the others are months away.
  const dueAt = toBeijingIso(now - 86_400_000);
  for (const [i, a] of accounts.entries())
    cloud.db.update(
      'accountSecurity',
      { _id: a._id },
      { $set: i < due ? { remindAt: past, dueAt, remindedThrough: null } : { remindAt: far, dueAt: far } },
      { multi: false, replace: false, upsert: false },
    );
  const before = (cloud.db.find('notifications', {}) as unknown[]).length;
  cloud.resetStats();
  const [fired] = await cloud.timers.fire('securityMinute');
  if (!fired?.outcome.ok) throw new Error(`security timer failed: ${JSON.stringify(fired?.outcome)}`);
  const documentsRead = cloud.stats().documentsRead;
  const notices = (cloud.db.find('notifications', {}) as unknown[]).length - before;
  return { due, documentsRead, notices };
}

export async function runArchiveBench(options: ArchiveBenchOptions = {}): Promise<ArchiveBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const total = options.accounts ?? 300;
  const perAccount = options.postsPerAccount ?? 24;
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.set('2026-10-20T09:00:00+08:00');
    seedOrg(cloud.db);
    const built = city(toBeijingIso(cloud.clock.now()), total);
    cloud.db.insert('units', built.units as never[]);
    cloud.db.insert('people', built.people as never[]);
    cloud.db.insert('accounts', built.accounts as never[]);
    // The demo bureaus archive their (empty) months first, so the city's runs are the city's.
    await archiveMonth(cloud, '2026-09', 0, '2026-10-20T09:00:00+08:00').catch(() => undefined);

    const full = monthRecords(cloud, '2026-10', built.accounts, perAccount);
    const quarter = monthRecords(cloud, '2026-11', built.accounts, Math.max(1, Math.round(perAccount / 4)));
    const months = [
      await archiveMonth(cloud, '2026-10', full, '2026-11-01T00:30:00+08:00'),
      await archiveMonth(cloud, '2026-11', quarter, '2026-12-01T00:30:00+08:00'),
    ];
    log(`月度归档：1 个市局 ${total} 个账号，函数时限 ${FUNCTION_TIME_LIMIT_MS / 1000} s`);
    log(
      '  月份      记录数   定时运行   分批   最长一批(ms)   占时限   最长一次运行(ms)   读取文档   读取/记录   写入(MB)',
    );
    for (const m of months)
      log(
        `  ${m.month}  ${String(m.records).padStart(7)}   ${String(m.runs).padStart(8)}   ${String(m.chunks).padStart(4)}   ` +
          `${m.longestChunkMs.toFixed(0).padStart(12)}   ${((m.longestChunkMs / FUNCTION_TIME_LIMIT_MS) * 100).toFixed(1).padStart(5)}%   ` +
          `${m.longestRunMs.toFixed(0).padStart(16)}   ${String(m.documentsRead).padStart(8)}   ${(m.documentsRead / m.records).toFixed(2).padStart(9)}   ` +
          `${(m.bytesWritten / 1024 / 1024).toFixed(1).padStart(8)}`,
      );
    const readsPerRecord = months.map((m) => m.documentsRead / m.records);
    log(
      `  记录数之比 ${(months[0].records / months[1].records).toFixed(2)}，读取文档之比 ${(months[0].documentsRead / months[1].documentsRead).toFixed(2)}（读取随当月记录数增长）`,
    );

    // The security timer enrols the accounts on its first run; then the sweep alone.
    for (let i = 0; i < 5; i++) await cloud.timers.fire('securityMinute');
    const sweeps = [await sweep(cloud, built.accounts, 0), await sweep(cloud, built.accounts, 20)];
    log(`密码更换提醒：${total} 个账号`);
    log('  到期账号   读取文档   新提醒');
    for (const s of sweeps)
      log(`  ${String(s.due).padStart(8)}   ${String(s.documentsRead).padStart(8)}   ${String(s.notices).padStart(6)}`);
    return { months, readsPerRecord, sweep: sweeps };
  } finally {
    await cloud.close();
  }
}
