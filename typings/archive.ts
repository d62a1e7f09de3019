/**
 * Archives (第三十二条 "做好数据整理分析、归档入库"): each bureau's concluded records of a month, written by
 * the timer into cloud storage as one JSON-lines file per kind plus an .xlsx summary, each with its
 * SHA-256 in a manifest; exports of a unit over a date range for audit requests, with their own
 * manifest. Never rewritten once complete. Type-only.
 */
import type { ActionSpec } from './api';
import type { DayString, IsoTime } from './common';

/**
 * The kinds of record archived, one JSON-lines file each. A record is archived in the month it is
 * concluded (published, closed, recorded), with its whole history up to the end of that month.
 */
export type ArchiveKind = 'posts' | 'messages' | 'directives' | 'incidents' | 'attestations';

export type ArchiveType = 'monthly' | 'export';

export type ArchiveState = 'building' | 'complete';

export interface ArchiveFile {
  /** File name inside the archive folder, e.g. `posts.jsonl`, `summary.xlsx`, `manifest.json`. */
  name: string;
  fileId: string;
  bytes: number;
  sha256: string;
  /** JSON lines: records in the file; null for the summary and the manifest. */
  records: number | null;
}

/** Where a building archive stands; each chunk moves it on and is saved with it. */
export interface ArchiveCursor {
  phase: 'collect' | 'assemble' | 'summary' | 'manifest' | 'done';
  kindIndex: number;
  unitIndex: number;
  /** Resume after this record (its conclusion time and id) within the current kind and unit. */
  after: { at: string; id: string } | null;
  /** Parts written so far for the current kind. */
  part: number;
}

/** Counters per account and kind, for the summary workbook. */
export interface ArchiveTally {
  accountId: string;
  accountName: string;
  unitName: string;
  counts: Record<ArchiveKind, number>;
}

export interface ArchivePartList {
  kind: ArchiveKind;
  parts: number;
  records: number;
  /** The part files written so far, in order; joined into the kind's file, then removed. */
  fileIds: string[];
}

export interface ArchiveVerification {
  at: IsoTime;
  by: string;
  ok: boolean;
  problems: string[];
}

export interface Archive {
  /** `m-<unitId>-<YYYY-MM>` for a month; `x-…` for an export. */
  _id: string;
  type: ArchiveType;
  unitId: string;
  unitName: string;
  unitPath: string[];
  /** YYYY-MM for a monthly archive; null for an export. */
  month: string | null;
  /** The Beijing days covered, both included. */
  from: DayString;
  to: DayString;
  /** Storage folder: `archives/<unitId>/<month>` or `exports/<id>`. */
  folder: string;
  /** The units whose records it holds, frozen when it is started (sorted ids). */
  unitIds: string[];
  state: ArchiveState;
  cursor: ArchiveCursor;
  partLists: ArchivePartList[];
  tallies: ArchiveTally[];
  /** The data files and the summary, then the manifest; filled as they are written. */
  files: ArchiveFile[];
  manifest: ArchiveFile | null;
  chunks: number;
  requestedBy: string | null;
  createdAt: IsoTime;
  completedAt: IsoTime | null;
  /** A run holds the archive while it works a chunk; another run leaves it alone until this passes. */
  leaseUntil: IsoTime | null;
  leaseOwner: string | null;
  lastVerification: ArchiveVerification | null;
  /** Sort key for listings: month or export day, then id. */
  sortKey: string;
  updatedAt: IsoTime;
  rev: number;
}

export interface ArchiveView {
  id: string;
  type: ArchiveType;
  unitId: string;
  unitName: string;
  month: string | null;
  from: DayString;
  to: DayString;
  state: ArchiveState;
  /** Records per kind (building: so far). */
  records: Record<ArchiveKind, number>;
  files: Omit<ArchiveFile, 'fileId'>[];
  manifest: Omit<ArchiveFile, 'fileId'> | null;
  chunks: number;
  createdAt: IsoTime;
  completedAt: IsoTime | null;
  requestedByName: string | null;
  lastVerification: (ArchiveVerification & { byName: string }) | null;
}

export interface ArchivePage {
  items: ArchiveView[];
  nextOffset: number | null;
}

export interface ArchiveLink {
  name: string;
  url: string;
  bytes: number;
  sha256: string;
}

export interface ArchiveLinks {
  files: ArchiveLink[];
  expiresAt: IsoTime;
}

/** One file checked against the manifest. */
export interface FileCheck {
  name: string;
  ok: boolean;
  expectedSha256: string;
  actualSha256: string | null;
  /** Chinese, for the reader: 缺失 / 内容不一致 / 大小不一致 … */
  problem: string | null;
}

export interface ArchiveVerifyReport {
  ok: boolean;
  checkedAt: IsoTime;
  files: FileCheck[];
}

export interface ArchiveApi {
  /** The archives and exports of a unit and every unit under it, newest first. */
  list: ActionSpec<{ unitId: string; type?: ArchiveType; offset?: number; limit?: number }, ArchivePage>;
  /** One archive with its files and manifest. */
  get: ActionSpec<{ archiveId: string }, ArchiveView>;
  /** Temporary download links for every file of a complete archive (valid one hour). */
  links: ActionSpec<{ archiveId: string }, ArchiveLinks>;
  /** Re-reads every file of the archive from storage and compares it with the manifest. */
  verify: ActionSpec<{ archiveId: string }, ArchiveVerifyReport>;
  /** Starts an export of a unit's records over a date range (at most 366 days) for an audit request; the timer builds it. */
  exportStart: ActionSpec<{ unitId: string; requestKey: string; from: DayString; to: DayString }, ArchiveView>;
}
