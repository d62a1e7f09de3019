/**
 * Building an archive (第三十二条), a chunk at a time, so every call ends well inside the platform's
 * function time limit and a run stopped anywhere resumes from the last saved cursor:
 *
 * 1. collect — per kind, per unit, at most CHUNK_RECORDS records after the cursor (an indexed range
 *    on the unit and the record's conclusion time), written as one part file;
 * 2. assemble — per kind, the parts joined into `<kind>.jsonl` (empty when the period has none);
 * 3. summary — `summary.xlsx`, records per account and kind;
 * 4. manifest — `manifest.json` with every file's bytes and SHA-256; the archive is then complete and
 *    never written again.
 *
 * Every file is a function of the records as they stood at the end of the period, in a fixed order,
 * serialised canonically: a part written twice (a chunk retried after a crash) is the same bytes, and
 * a re-run of a month writes the same files. A chunk holds a lease on the archive, so two overlapping
 * timer runs never work the same archive at once.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { Archive, ArchiveFile, ArchiveKind, ArchivePartList, ArchiveTally } from '../../typings/archive';
import type { Account, JsonValue, Unit } from '../../typings/org';
import type { Post, PostVersion } from '../../typings/post';
import type { Message, Referral } from '../../typings/referral';
import type { DirectiveTarget } from '../../typings/linkage';
import type { Incident, SecurityAttestation } from '../../typings/security';
import {
  ARCHIVE_KINDS,
  KIND_COLUMNS,
  KIND_LABELS,
  MANIFEST_NAME,
  SUMMARY_NAME,
  archivedFields,
  dataFileName,
  fixZipTimes,
  jsonLine,
  manifestText,
  monthPeriod,
  nextCollectCursor,
  partFileName,
  previousMonth,
  startCursor,
  until,
  type Period,
} from '../../core/archive/archive';
import type { UnitTree } from '../../core/org/tree';
import { platformLabels } from '../../core/cadence/cadence';
import { toBeijingIso } from '../../core/time';
import { cloud } from '../cloud';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { command, store, type Filter } from '../store';

/** Records per collect chunk: one part file. */

export const CHUNK_RECORDS = 200;
/** (kind, unit) pairs without records a chunk may pass over before it ends. */
export const EMPTY_STEPS_PER_CHUNK = 40;
/** The platform's function time limit (CloudBase config.json `timeout`: 1–60 s). */
export const FUNCTION_TIME_LIMIT_MS = 60_000;
/** A run takes no new chunk after this long. */
export const ARCHIVE_RUN_BUDGET_MS = 30_000;
/** A chunk's hold on its archive; a run that died leaves it to the next after this. */
const LEASE_MS = 120_000;
/** Extra rows read past a cursor's instant, for records sharing it (dropped by id). */
const SAME_INSTANT_SLACK = 50;

export const monthlyArchiveId = (unitId: string, month: string): string => `m-${unitId}-${month}`;

export function periodOf(a: Pick<Archive, 'from' | 'to'>): Period {
  return {
    from: a.from,
    to: a.to,
    startMs: Date.parse(`${a.from}T00:00:00+08:00`),
    endMs: Date.parse(`${a.to}T23:59:59.999+08:00`),
  };
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** A bureau's monthly archive holds its own units: itself, its desk and departments, not the bureaus below. */
export function ownUnitIds(bureau: Unit, tree: UnitTree): string[] {
  const out: string[] = [];
  const walk = (u: Unit): void => {
    out.push(u._id);
    for (const c of tree.children.get(u._id) ?? []) if (c.kind !== 'bureau') walk(c);
  };
  walk(bureau);
  return out.sort();
}

/** An export holds a unit and everything under it. */
export function subtreeUnitIds(unitId: string, tree: UnitTree): string[] {
  return [...tree.byId.values()]
    .filter((u) => u.path.includes(unitId))
    .map((u) => u._id)
    .sort();
}

export function newArchive(
  fields: Pick<Archive, '_id' | 'type' | 'month' | 'from' | 'to' | 'folder' | 'unitIds' | 'requestedBy' | 'sortKey'>,
  unit: Unit,
  nowIso: string,
): Archive {
  return {
    ...fields,
    unitId: unit._id,
    unitName: unit.name,
    unitPath: unit.path,
    state: 'building',
    cursor: startCursor(),
    partLists: ARCHIVE_KINDS.map((kind) => ({ kind, parts: 0, records: 0, fileIds: [] })),
    tallies: [],
    files: [],
    manifest: null,
    chunks: 0,
    createdAt: nowIso,
    completedAt: null,
    leaseUntil: null,
    leaseOwner: null,
    lastVerification: null,
    updatedAt: nowIso,
    rev: 0,
  };
}

// ---- reading one kind's records for one unit ----

interface Collected {
  /** One line per record, in order. */
  lines: string[];
  accountIds: string[];
  last: { at: string; id: string } | null;
  read: number;
}

interface KindSource<T extends { _id: string; accountId: string }> {
  collection: 'posts' | 'messages' | 'incidents' | 'securityAttestations';
  /** The record's conclusion time: it belongs to the period it falls in. */
  timeField: string;
  timeOf(doc: T): string;
  archived(doc: T, period: Period): Promise<JsonValue>;
}

const postsSource: KindSource<Post> = {
  collection: 'posts',
  timeField: 'publication.recordedAt',
  timeOf: (p) => p.publication?.recordedAt ?? '',
  async archived(p, period) {
    // 第十五条: the versions that went through the chain and the whole approval record.
    const versions = await store.find<PostVersion>(
      'postVersions',
      { postId: p._id },
      { orderBy: [['version', 'asc']] },
    );
    return {
      ...archivedFields(p),
      decisions: until(p.decisions, period.endMs) as unknown as JsonValue,
      history: until(p.history, period.endMs) as unknown as JsonValue,
      versions: versions.map((v) => archivedFields(v)),
    };
  },
};

const messagesSource: KindSource<Message> = {
  collection: 'messages',
  timeField: 'closedAt',
  timeOf: (m) => m.closedAt ?? '',
  async archived(m) {
    // 第二十四至二十七条: the referrals the message went to, with the departments' answers.
    const referrals = await store.find<Referral>('referrals', { messageId: m._id }, { orderBy: [['_id', 'asc']] });
    return { ...archivedFields(m), referrals: referrals.map((r) => archivedFields(r)) };
  },
};

const incidentsSource: KindSource<Incident> = {
  collection: 'incidents',
  timeField: 'closedAt',
  timeOf: (i) => i.closedAt ?? '',
  archived: async (i) => archivedFields(i),
};

const attestationsSource: KindSource<SecurityAttestation> = {
  collection: 'securityAttestations',
  timeField: 'recordedAt',
  timeOf: (a) => a.recordedAt,
  archived: async (a) => archivedFields(a),
};

const after = (at: string, id: string, cursor: { at: string; id: string } | null): boolean =>
  cursor === null || at > cursor.at || (at === cursor.at && id > cursor.id);

async function collectIndexed<T extends { _id: string; accountId: string }>(
  source: KindSource<T>,
  unitId: string,
  period: Period,
  cursor: { at: string; id: string } | null,
  limit: number,
): Promise<Collected> {
  const _ = command();
  const lo = cursor ? _.gte(cursor.at) : _.gte(toBeijingIso(period.startMs));
  const filter: Filter = { unitId, [source.timeField]: _.and(lo, _.lte(toBeijingIso(period.endMs))) };
  const rows = await store.find<T>(source.collection, filter, {
    orderBy: [
      [source.timeField, 'asc'],
      ['_id', 'asc'],
    ],
    limit: limit + (cursor ? SAME_INSTANT_SLACK : 0),
  });
  const fresh = rows.filter((r) => after(source.timeOf(r), r._id, cursor)).slice(0, limit);
  const lines: string[] = [];
  for (const r of fresh) lines.push(jsonLine(await source.archived(r, period)));
  const lastRow = fresh[fresh.length - 1];
  return {
    lines,
    accountIds: fresh.map((r) => r.accountId),
    last: lastRow ? { at: source.timeOf(lastRow), id: lastRow._id } : null,
    read: fresh.length,
  };
}

/**
 * 第三十四条: the linkage directives that reached the unit's accounts in the period, with each
 * account's response as it stood at the end of the period (the response post itself is in posts).
 */
async function collectDirectives(
  unitId: string,
  period: Period,
  cursor: { at: string; id: string } | null,
  limit: number,
): Promise<Collected> {
  const _ = command();
  const accounts = await store.find<Account>('accounts', { unitId }, { orderBy: [['_id', 'asc']], limit: 1000 });
  const range = _.and(_.gte(cursor?.at ?? toBeijingIso(period.startMs)), _.lte(toBeijingIso(period.endMs)));
  const rows: DirectiveTarget[] = [];
  for (const a of accounts) {
    rows.push(
      ...(await store.find<DirectiveTarget>(
        'directiveTargets',
        { accountId: a._id, issuedAt: range },
        { orderBy: [['issuedAt', 'asc']], limit: 1000 },
      )),
    );
  }
  rows.sort((x, y) => (x.issuedAt === y.issuedAt ? x._id.localeCompare(y._id) : x.issuedAt < y.issuedAt ? -1 : 1));
  const fresh = rows.filter((r) => after(r.issuedAt, r._id, cursor)).slice(0, limit);
  const lines = fresh.map((t) => {
    const answered = t.response && Date.parse(t.response.recordedAt) <= period.endMs ? t.response : null;
    const { rank: _rank, tallyIds: _tallies, elapsedMs, state, ...rest } = archivedFields(t);
    return jsonLine({
      ...rest,
      response: answered as unknown as JsonValue,
      elapsedMs: answered ? (elapsedMs ?? null) : null,
      // As at the end of the period: still waiting unless answered or past its deadline by then.
      state: answered || Date.parse(t.dueAt) <= period.endMs ? (state ?? null) : 'pending',
    });
  });
  const lastRow = fresh[fresh.length - 1];
  return {
    lines,
    accountIds: fresh.map((r) => r.accountId),
    last: lastRow ? { at: lastRow.issuedAt, id: lastRow._id } : null,
    read: fresh.length,
  };
}

function collect(kind: ArchiveKind, unitId: string, period: Period, cursor: Archive['cursor']): Promise<Collected> {
  switch (kind) {
    case 'posts':
      return collectIndexed(postsSource, unitId, period, cursor.after, CHUNK_RECORDS);
    case 'messages':
      return collectIndexed(messagesSource, unitId, period, cursor.after, CHUNK_RECORDS);
    case 'directives':
      return collectDirectives(unitId, period, cursor.after, CHUNK_RECORDS);
    case 'incidents':
      return collectIndexed(incidentsSource, unitId, period, cursor.after, CHUNK_RECORDS);
    case 'attestations':
      return collectIndexed(attestationsSource, unitId, period, cursor.after, CHUNK_RECORDS);
  }
}

function tallyInto(tallies: ArchiveTally[], kind: ArchiveKind, accountIds: readonly string[]): ArchiveTally[] {
  const byId = new Map(tallies.map((t) => [t.accountId, { ...t, counts: { ...t.counts } }]));
  for (const id of accountIds) {
    const t = byId.get(id) ?? {
      accountId: id,
      accountName: '',
      unitName: '',
      counts: { posts: 0, messages: 0, directives: 0, incidents: 0, attestations: 0 },
    };
    t.counts[kind] += 1;
    byId.set(id, t);
  }
  return [...byId.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
}

// ---- storage ----

async function upload(cloudPath: string, content: Buffer): Promise<string> {
  const res = await cloud.uploadFile({ cloudPath, fileContent: content });
  return res.fileID;
}

export async function download(fileId: string): Promise<Buffer | null> {
  try {
    const res = (await cloud.downloadFile({ fileID: fileId })) as { fileContent?: Buffer };
    return res.fileContent ? Buffer.from(res.fileContent) : null;
  } catch {
    return null;
  }
}

async function writeFile(a: Archive, name: string, content: Buffer, records: number | null): Promise<ArchiveFile> {
  const fileId = await upload(`${a.folder}/${name}`, content);
  return { name, fileId, bytes: content.length, sha256: sha256(content), records };
}

// ---- the summary workbook ----

async function summaryWorkbook(a: Archive, tree: UnitTree): Promise<Buffer> {
  const ids = a.tallies.map((t) => t.accountId);
  const accounts = new Map<string, Account>();
  const _ = command();
  for (let i = 0; i < ids.length; i += 100) {
    const page = await store.find<Account>('accounts', { _id: _.in(ids.slice(i, i + 100)) }, { limit: 100 });
    for (const acc of page) accounts.set(acc._id, acc);
  }
  const wb = new ExcelJS.Workbook();
  // The period's end, not the time of writing: a re-run writes the same workbook.
  const at = new Date(periodOf(a).endMs);
  wb.created = at;
  wb.modified = at;
  wb.creator = '公安新媒体工作台';
  wb.lastModifiedBy = '公安新媒体工作台';
  const title = a.month ? `${a.unitName} ${a.month} 月度归档` : `${a.unitName} ${a.from} 至 ${a.to} 导出`;
  const sheet = wb.addWorksheet('汇总');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(['依据：《湖南公安新媒体管理办法（试行）》第三十二条']);
  sheet.addRow([]);
  const header = sheet.addRow(['单位', '账号', '平台', ...ARCHIVE_KINDS.map((k) => KIND_COLUMNS[k])]);
  header.font = { bold: true };
  const rows = a.tallies
    .map((t) => {
      const acc = accounts.get(t.accountId);
      const unitName = (acc && tree.byId.get(acc.unitId)?.name) ?? '';
      return { t, unitName, name: acc?.name ?? t.accountId, platform: acc ? platformLabels[acc.platform] : '' };
    })
    .sort((x, y) => x.unitName.localeCompare(y.unitName, 'zh') || x.name.localeCompare(y.name, 'zh'));
  for (const r of rows) sheet.addRow([r.unitName, r.name, r.platform, ...ARCHIVE_KINDS.map((k) => r.t.counts[k])]);
  const total = sheet.addRow([
    '合计',
    '',
    '',
    ...ARCHIVE_KINDS.map((k) => a.partLists.find((p) => p.kind === k)?.records ?? 0),
  ]);
  total.font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i < 2 ? 28 : 12;
  });
  const files = wb.addWorksheet('文件');
  files.addRow(['文件', '内容', '记录数']).font = { bold: true };
  for (const k of ARCHIVE_KINDS)
    files.addRow([dataFileName(k), KIND_LABELS[k], a.partLists.find((p) => p.kind === k)?.records ?? 0]);
  files.addRow([MANIFEST_NAME, '清单：各文件字节数与 SHA-256 校验值', '']);
  files.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : 18;
  });
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

// ---- one chunk ----

/** Does one step of the archive; answers the archive as saved (unchanged when the step could not be taken). */
async function step(a: Archive, tree: UnitTree): Promise<Archive> {
  const period = periodOf(a);
  const c = a.cursor;
  if (c.phase === 'collect') {
    // Empty (kind, unit) pairs cost one indexed query each: a chunk walks on through up to
    // EMPTY_STEPS_PER_CHUNK of them, so a bureau with many quiet departments takes few chunks.
    let cursor = c;
    let tallies = a.tallies;
    for (let i = 0; i < EMPTY_STEPS_PER_CHUNK && cursor.phase === 'collect'; i++) {
      const kind = ARCHIVE_KINDS[cursor.kindIndex];
      const unitId = a.unitIds[cursor.unitIndex];
      const got = unitId
        ? await collect(kind, unitId, period, cursor)
        : { lines: [], accountIds: [], last: null, read: 0 };
      const next = nextCollectCursor(cursor, a.unitIds.length, got.read, CHUNK_RECORDS, got.last, got.read > 0);
      if (got.read === 0) {
        cursor = next;
        continue;
      }
      const part = cursor.part + 1;
      const content = Buffer.from(got.lines.join(''), 'utf8');
      const fileId = await upload(`${a.folder}/${partFileName(kind, part)}`, content);
      const partLists = a.partLists.map(
        (p): ArchivePartList =>
          p.kind === kind
            ? { ...p, parts: part, records: p.records + got.read, fileIds: [...p.fileIds.slice(0, part - 1), fileId] }
            : p,
      );
      tallies = tallyInto(tallies, kind, got.accountIds);
      return { ...a, partLists, tallies, cursor: next };
    }
    return { ...a, tallies, cursor };
  }
  if (c.phase === 'assemble') {
    const kind = ARCHIVE_KINDS[c.kindIndex];
    const list = a.partLists.find((p) => p.kind === kind);
    const chunks: Buffer[] = [];
    for (const id of list?.fileIds ?? []) {
      const part = await download(id);
      if (!part) throw new Error(`archive ${a._id}: part ${id} missing`);
      chunks.push(part);
    }
    const file = await writeFile(a, dataFileName(kind), Buffer.concat(chunks), list?.records ?? 0);
    const files = [...a.files.filter((f) => f.name !== file.name), file];
    const last = c.kindIndex + 1 >= ARCHIVE_KINDS.length;
    return {
      ...a,
      files,
      cursor: last ? { ...c, phase: 'summary', kindIndex: 0 } : { ...c, kindIndex: c.kindIndex + 1 },
    };
  }
  if (c.phase === 'summary') {
    const file = await writeFile(a, SUMMARY_NAME, await summaryWorkbook(a, tree), null);
    return {
      ...a,
      files: [...a.files.filter((f) => f.name !== SUMMARY_NAME), file],
      cursor: { ...c, phase: 'manifest' },
    };
  }
  if (c.phase === 'manifest') {
    const text = manifestText(
      { type: a.type, unitId: a.unitId, unitName: a.unitName, month: a.month, from: a.from, to: a.to },
      a.files,
    );
    const manifest = await writeFile(a, MANIFEST_NAME, Buffer.from(text, 'utf8'), null);
    return {
      ...a,
      manifest,
      state: 'complete',
      completedAt: toBeijingIso(Date.now()),
      cursor: { ...c, phase: 'done' },
    };
  }
  return a;
}

/** The part files are scaffolding: removed once the archive is complete (best effort; a leftover is harmless). */
async function removeParts(a: Archive): Promise<void> {
  const ids = a.partLists.flatMap((p) => p.fileIds);
  for (let i = 0; i < ids.length; i += 50) {
    try {
      await cloud.deleteFile({ fileList: ids.slice(i, i + 50) });
    } catch {
      return;
    }
  }
}

export interface ChunkReport {
  archiveId: string;
  phase: Archive['cursor']['phase'];
  ms: number;
  complete: boolean;
}

/**
 * Takes the archive's lease, does one step, saves it with the cursor moved on. Answers null when the
 * archive is complete, held by another run, or was changed under this one.
 */
export async function workChunk(archiveId: string, owner: string, tree: UnitTree): Promise<ChunkReport | null> {
  const started = performance.now();
  const a = await store.get<Archive>('archives', archiveId);
  if (!a || a.state === 'complete') return null;
  const now = Date.now();
  if (a.leaseOwner && a.leaseOwner !== owner && a.leaseUntil && Date.parse(a.leaseUntil) > now) return null;
  const leased: Archive = { ...a, leaseOwner: owner, leaseUntil: toBeijingIso(now + LEASE_MS), rev: a.rev + 1 };
  if (!(await store.replaceIfRev('archives', leased, a.rev))) return null;
  let stepped: Archive;
  try {
    stepped = await step(leased, tree);
  } catch (err) {
    // To the back of the queue (index `building` orders by updatedAt), still leased: the others go first.
    await store.replaceIfRev(
      'archives',
      { ...leased, updatedAt: toBeijingIso(Date.now()), rev: leased.rev + 1 },
      leased.rev,
    );
    throw err;
  }
  const saved: Archive = {
    ...stepped,
    chunks: leased.chunks + 1,
    leaseOwner: null,
    leaseUntil: null,
    updatedAt: toBeijingIso(Date.now()),
    rev: leased.rev + 1,
  };
  if (!(await store.replaceIfRev('archives', saved, leased.rev))) return null;
  if (saved.state === 'complete') await removeParts(saved);
  return { archiveId, phase: a.cursor.phase, ms: performance.now() - started, complete: saved.state === 'complete' };
}

// ---- the timer ----

interface PlanDoc {
  _id: string;
  month: string;
  rev: number;
}
const PLAN_ID = 'archivePlan';

/**
 * Once a month has ended, starts every bureau's archive of it (one document each, id by bureau and
 * month, so a second run starts none twice). Answers how many it started.
 */
export async function planMonth(ctx: HandlerContext, tree: UnitTree): Promise<number> {
  const month = previousMonth(ctx.now);
  const plan = await store.get<PlanDoc>('counters', PLAN_ID);
  if (plan && plan.month >= month) return 0;
  const period = monthPeriod(month);
  const nowIso = toBeijingIso(ctx.now);
  let started = 0;
  const bureaus = [...tree.byId.values()].filter((u) => u.kind === 'bureau').sort((x, y) => x._id.localeCompare(y._id));
  for (const b of bureaus) {
    const id = monthlyArchiveId(b._id, month);
    if (await store.get<Archive>('archives', id)) continue;
    const doc = newArchive(
      {
        _id: id,
        type: 'monthly',
        month,
        from: period.from,
        to: period.to,
        folder: `archives/${b._id}/${month}`,
        unitIds: ownUnitIds(b, tree),
        requestedBy: null,
        sortKey: `${month}|${id}`,
      },
      b,
      nowIso,
    );
    try {
      await store.insert('archives', doc);
      started += 1;
    } catch {
      // another run inserted it first
    }
  }
  const next: PlanDoc = { _id: PLAN_ID, month, rev: (plan?.rev ?? 0) + 1 };
  if (plan) await store.replaceIfRev('counters', next, plan.rev);
  else await store.insert('counters', next).catch(() => undefined);
  return started;
}

export interface ArchiveRunReport {
  started: number;
  chunks: number;
  completed: number;
  longestChunkMs: number;
  /** Chunks that failed this run (each logged; the archive is tried again after its lease). */
  failed: number;
}

/** One timer run: start the month's archives if due, then work the building ones, oldest step first. */
export async function runArchives(
  ctx: HandlerContext,
  owner: string,
  outOfTime: () => boolean,
): Promise<ArchiveRunReport> {
  const tree = await loadTree();
  const report: ArchiveRunReport = {
    started: await planMonth(ctx, tree),
    chunks: 0,
    completed: 0,
    longestChunkMs: 0,
    failed: 0,
  };
  const failed = new Set<string>();
  while (!outOfTime()) {
    const building = await store.find<Archive>(
      'archives',
      { state: 'building' },
      { orderBy: [['updatedAt', 'asc']], limit: 5 },
    );
    if (building.length === 0) break;
    let progressed = false;
    for (const a of building) {
      if (outOfTime()) break;
      if (failed.has(a._id)) continue;
      // One archive that cannot go on (a part lost from storage) must not hold up the others: it is
      // logged and tried again once its lease has passed.
      const done = await workChunk(a._id, owner, tree).catch((err: unknown) => {
        console.error(`[archive] ${a._id}`, err);
        failed.add(a._id);
        report.failed += 1;
        return null;
      });
      if (!done) continue;
      progressed = true;
      report.chunks += 1;
      report.longestChunkMs = Math.max(report.longestChunkMs, done.ms);
      if (done.complete) report.completed += 1;
    }
    if (!progressed) break;
  }
  return report;
}
