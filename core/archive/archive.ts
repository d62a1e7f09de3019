/**
 * Archives (第三十二条 "做好数据整理分析、归档入库"): the pure rules. Which records a month holds, how
 * a record is written (one canonical JSON line, as it stood at the end of the period, so a re-run
 * writes the same bytes), what the manifest says and how a re-read compares with it.
 */
import type { ArchiveCursor, ArchiveFile, ArchiveKind, FileCheck } from '../../typings/archive';
import type { JsonValue } from '../../typings/org';
import { canonicalJson } from '../audit/chain';
import { addDays, beijingDay, beijingDayEnd, beijingDayStart, beijingParts } from '../time';
import { securityError } from '../security/errors';
import type { DomainError } from '../errors';

/** The kinds in the order they are written; one JSON-lines file each. */
export const ARCHIVE_KINDS: readonly ArchiveKind[] = ['posts', 'messages', 'directives', 'incidents', 'attestations'];

export const KIND_LABELS: Record<ArchiveKind, string> = {
  posts: '已发布信息（含审核版本与审批记录）',
  messages: '网民留言（含流转与答复）',
  directives: '联动指令与响应',
  incidents: '安全事件',
  attestations: '密码与安全设置登记',
};

/** Short column titles of the summary workbook. */
export const KIND_COLUMNS: Record<ArchiveKind, string> = {
  posts: '发布信息',
  messages: '网民留言',
  directives: '联动指令',
  incidents: '安全事件',
  attestations: '安全登记',
};

export const MANIFEST_NAME = 'manifest.json';
export const SUMMARY_NAME = 'summary.xlsx';
export const dataFileName = (kind: ArchiveKind): string => `${kind}.jsonl`;
export const partFileName = (kind: ArchiveKind, part: number): string =>
  `parts/${kind}-${String(part).padStart(4, '0')}.jsonl`;

/** The most days an export covers (an audit request names a period; a year and a day at most). */
export const EXPORT_MAX_DAYS = 366;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface Period {
  from: string;
  to: string;
  /** First and last millisecond, Beijing days. */
  startMs: number;
  endMs: number;
}

export function monthPeriod(month: string): Period {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const from = `${month}-01`;
  const nextYear = m[2] === '12' ? Number(m[1]) + 1 : Number(m[1]);
  const nextMonth = m[2] === '12' ? 1 : Number(m[2]) + 1;
  const to = addDays(`${nextYear}-${String(nextMonth).padStart(2, '0')}-01`, -1);
  return { from, to, startMs: beijingDayStart(from), endMs: beijingDayEnd(to) };
}

export function dayPeriod(from: string, to: string): Period {
  return { from, to, startMs: beijingDayStart(from), endMs: beijingDayEnd(to) };
}

/** The Beijing month before the one `nowMs` falls in: the month the timer archives. */
export function previousMonth(nowMs: number): string {
  const p = beijingParts(nowMs);
  const year = p.month === 1 ? p.year - 1 : p.year;
  const month = p.month === 1 ? 12 : p.month - 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** An export covers whole days already over, from ≤ to, at most EXPORT_MAX_DAYS. */
export function exportRangeProblem(from: string, to: string, nowMs: number): DomainError | null {
  const valid = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d) && beijingDay(beijingDayStart(d)) === d;
  if (!valid(from) || !valid(to) || from > to || to >= beijingDay(nowMs)) return securityError('EXPORT_RANGE_INVALID');
  const days = Math.round((beijingDayStart(to) - beijingDayStart(from)) / 86_400_000) + 1;
  return days > EXPORT_MAX_DAYS ? securityError('EXPORT_RANGE_INVALID') : null;
}

export const startCursor = (): ArchiveCursor => ({
  phase: 'collect',
  kindIndex: 0,
  unitIndex: 0,
  after: null,
  part: 0,
});

/**
 * Where the collection goes after a chunk read `read` records of (kind, unit) with `limit` asked:
 * the same unit again after the last record, or the next unit, or the next kind, or assembling.
 */
export function nextCollectCursor(
  cursor: ArchiveCursor,
  units: number,
  read: number,
  limit: number,
  last: { at: string; id: string } | null,
  wrotePart: boolean,
): ArchiveCursor {
  const part = cursor.part + (wrotePart ? 1 : 0);
  if (read >= limit && last) return { ...cursor, after: last, part };
  if (cursor.unitIndex + 1 < units) return { ...cursor, unitIndex: cursor.unitIndex + 1, after: null, part };
  if (cursor.kindIndex + 1 < ARCHIVE_KINDS.length)
    return { phase: 'collect', kindIndex: cursor.kindIndex + 1, unitIndex: 0, after: null, part: 0 };
  return { phase: 'assemble', kindIndex: 0, unitIndex: 0, after: null, part: 0 };
}

/** One record as one line: canonical JSON (sorted keys), so the same record always gives the same bytes. */
export function jsonLine(record: JsonValue): string {
  return `${canonicalJson(record)}\n`;
}

const within = (at: unknown, endMs: number): boolean => typeof at === 'string' && Date.parse(at) <= endMs;

/** The entries of a timeline that had happened by the end of the period (by their `at` or `recordedAt`). */
export function until<T extends { at?: string; recordedAt?: string }>(entries: readonly T[], endMs: number): T[] {
  return entries.filter((e) => within(e.recordedAt ?? e.at, endMs));
}

/** Bookkeeping fields that change without the record changing; never archived. */
const VOLATILE = new Set(['rev', 'updatedAt', 'leaseUntil', 'leaseOwner', 'pendingWith', 'stepIndex']);

/** A stored document as archived: its own fields less the bookkeeping ones. */
export function archivedFields(doc: object): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(doc)) if (!VOLATILE.has(k) && v !== undefined) out[k] = v as JsonValue;
  return out;
}

export interface ManifestHead {
  type: 'monthly' | 'export';
  unitId: string;
  unitName: string;
  month: string | null;
  from: string;
  to: string;
}

/**
 * The manifest: what the archive holds and each file's SHA-256. It names no time of writing, so a
 * re-run writes the same manifest.
 */
export function manifestText(head: ManifestHead, files: readonly ArchiveFile[]): string {
  const body: JsonValue = {
    regulation: '《湖南公安新媒体管理办法（试行）》第三十二条',
    type: head.type,
    unitId: head.unitId,
    unitName: head.unitName,
    month: head.month,
    from: head.from,
    to: head.to,
    algorithm: 'SHA-256',
    files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256, records: f.records })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export interface ManifestEntry {
  name: string;
  bytes: number;
  sha256: string;
  records: number | null;
}

/** The file list of a manifest as read back; null when it is not one. */
export function parseManifest(text: string): ManifestEntry[] | null {
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    if (!Array.isArray(parsed.files)) return null;
    const out: ManifestEntry[] = [];
    for (const f of parsed.files as Array<Record<string, unknown>>) {
      if (typeof f.name !== 'string' || typeof f.sha256 !== 'string' || typeof f.bytes !== 'number') return null;
      out.push({
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
        records: typeof f.records === 'number' ? f.records : null,
      });
    }
    return out;
  } catch {
    return null;
  }
}

/** Compares each file as re-read (null: missing) with its manifest entry. */
export function compareWithManifest(
  entries: readonly ManifestEntry[],
  actual: ReadonlyMap<string, { bytes: number; sha256: string } | null>,
): FileCheck[] {
  return entries.map((e) => {
    const got = actual.get(e.name) ?? null;
    const problem =
      got === null ? '文件缺失' : got.bytes !== e.bytes ? '大小不一致' : got.sha256 !== e.sha256 ? '内容不一致' : null;
    return { name: e.name, ok: problem === null, expectedSha256: e.sha256, actualSha256: got?.sha256 ?? null, problem };
  });
}

/**
 * An .xlsx is a zip whose entries carry the time they were zipped; set every entry's DOS time to
 * 1980-01-01 00:00 so the same workbook is the same bytes whenever it is written.
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let eocd = out.length - 22;
  while (eocd >= 0 && out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  const DOS_DATE_1980_01_01 = 0x21;
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    out.writeUInt16LE(0, p + 12);
    out.writeUInt16LE(DOS_DATE_1980_01_01, p + 14);
    const local = out.readUInt32LE(p + 42);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(DOS_DATE_1980_01_01, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
