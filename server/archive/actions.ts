/**
 * The archive function's actions (第三十二条): list a unit's archives (its own and every unit's
 * below), read one, download its files through temporary links, verify it against its manifest, and
 * start an export of a unit over a date range for an audit request (the timer builds it).
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type {
  Archive,
  ArchiveKind,
  ArchiveLinks,
  ArchivePage,
  ArchiveVerifyReport,
  ArchiveView,
  FileCheck,
} from '../../typings/archive';
import type { Person } from '../../typings/org';
import {
  ARCHIVE_KINDS,
  MANIFEST_NAME,
  compareWithManifest,
  exportRangeProblem,
  parseManifest,
} from '../../core/archive/archive';
import { securityError } from '../../core/security/errors';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { cloud } from '../cloud';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { day, id, limit, nextOffsetOf, offset, page, requestKey } from '../security/input';
import { download, newArchive, sha256, subtreeUnitIds } from './build';

/** How long a download link lasts. */
const LINK_MAX_AGE_S = 3600;

async function namesOf(ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const _ = command();
  const people = await store.find<Person>('people', { _id: _.in(wanted) }, { limit: wanted.length });
  for (const p of people) out.set(p._id, p.name);
  return out;
}

function view(a: Archive, names: ReadonlyMap<string, string>): ArchiveView {
  const records = Object.fromEntries(
    ARCHIVE_KINDS.map((k) => [k, a.partLists.find((p) => p.kind === k)?.records ?? 0]),
  ) as Record<ArchiveKind, number>;
  const strip = ({ fileId: _f, ...rest }: Archive['files'][number]): Omit<Archive['files'][number], 'fileId'> => rest;
  return {
    id: a._id,
    type: a.type,
    unitId: a.unitId,
    unitName: a.unitName,
    month: a.month,
    from: a.from,
    to: a.to,
    state: a.state,
    records,
    files: a.files.map(strip),
    manifest: a.manifest ? strip(a.manifest) : null,
    chunks: a.chunks,
    createdAt: a.createdAt,
    completedAt: a.completedAt,
    requestedByName: a.requestedBy ? (names.get(a.requestedBy) ?? '') : null,
    lastVerification: a.lastVerification
      ? { ...a.lastVerification, byName: names.get(a.lastVerification.by) ?? '' }
      : null,
  };
}

async function viewOne(a: Archive): Promise<ArchiveView> {
  return view(a, await namesOf([a.requestedBy, a.lastVerification?.by ?? null]));
}

/** Loads an archive the caller may act on (its unit, or a desk above). */
async function loadFor(
  archiveId: string,
  caller: Person,
  act: 'archive.get' | 'archive.links' | 'archive.verify',
  tree: UnitTree,
): Promise<Archive> {
  const a = await store.get<Archive>('archives', archiveId);
  if (!a) throw securityError('ARCHIVE_UNKNOWN');
  requirePermission(caller, act, { kind: 'unit', unitId: a.unitId }, tree);
  return a;
}

export const list = action({
  access: 'person',
  input: v.strictObject({ unitId: id, type: v.optional(v.picklist(['monthly', 'export'])), offset, limit }),
  handle: async (params, ctx): Promise<ArchivePage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw securityError('UNIT_UNKNOWN');
    requirePermission(caller, 'archive.list', { kind: 'unit', unitId: params.unitId }, tree);
    const { from, size } = page(params);
    // unitPath (+ type) index: the unit's archives and those of every unit under it.
    const filter: Filter = { unitPath: params.unitId };
    if (params.type) filter.type = params.type;
    const rows = await store.find<Archive>('archives', filter, {
      orderBy: [
        ['sortKey', 'desc'],
        ['_id', 'desc'],
      ],
      skip: from,
      limit: size + 1,
    });
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    const names = await namesOf(items.flatMap((a) => [a.requestedBy, a.lastVerification?.by ?? null]));
    return { items: items.map((a) => view(a, names)), nextOffset };
  },
});

export const get = action({
  access: 'person',
  input: v.strictObject({ archiveId: id }),
  handle: async (params, ctx): Promise<ArchiveView> => {
    const caller = requireCaller(ctx.caller);
    return viewOne(await loadFor(params.archiveId, caller, 'archive.get', await loadTree()));
  },
});

export const links = action({
  access: 'person',
  input: v.strictObject({ archiveId: id }),
  handle: async (params, ctx): Promise<ArchiveLinks> => {
    const caller = requireCaller(ctx.caller);
    const a = await loadFor(params.archiveId, caller, 'archive.links', await loadTree());
    if (a.state !== 'complete' || !a.manifest) throw securityError('ARCHIVE_NOT_COMPLETE');
    const files = [...a.files, a.manifest];
    const res = (await cloud.getTempFileURL({
      fileList: files.map((f) => ({ fileID: f.fileId, maxAge: LINK_MAX_AGE_S })),
    })) as { fileList: Array<{ fileID: string; tempFileURL: string }> };
    const url = (fileId: string): string => res.fileList.find((f) => f.fileID === fileId)?.tempFileURL ?? '';
    return {
      files: files.map((f) => ({ name: f.name, url: url(f.fileId), bytes: f.bytes, sha256: f.sha256 })),
      expiresAt: toBeijingIso(ctx.now + LINK_MAX_AGE_S * 1000),
    };
  },
});

export const verify = action({
  access: 'person',
  input: v.strictObject({ archiveId: id }),
  handle: async (params, ctx): Promise<ArchiveVerifyReport> => {
    const caller = requireCaller(ctx.caller);
    const a = await loadFor(params.archiveId, caller, 'archive.verify', await loadTree());
    if (a.state !== 'complete' || !a.manifest) throw securityError('ARCHIVE_NOT_COMPLETE');
    // The manifest as stored must be the one recorded when the archive was completed…
    const manifestBytes = await download(a.manifest.fileId);
    const manifestSha = manifestBytes ? sha256(manifestBytes) : null;
    const checks: FileCheck[] = [
      {
        name: MANIFEST_NAME,
        ok: manifestSha === a.manifest.sha256,
        expectedSha256: a.manifest.sha256,
        actualSha256: manifestSha,
        problem: manifestSha === null ? '文件缺失' : manifestSha === a.manifest.sha256 ? null : '内容不一致',
      },
    ];
    // …and every file it lists, re-read from storage, must match its entry.
    const entries = manifestBytes ? parseManifest(manifestBytes.toString('utf8')) : null;
    if (entries) {
      const actual = new Map<string, { bytes: number; sha256: string } | null>();
      for (const e of entries) {
        const f = a.files.find((x) => x.name === e.name);
        const bytes = f ? await download(f.fileId) : null;
        actual.set(e.name, bytes ? { bytes: bytes.length, sha256: sha256(bytes) } : null);
      }
      checks.push(...compareWithManifest(entries, actual));
    } else {
      checks[0] = { ...checks[0], ok: false, problem: checks[0].problem ?? '清单无法读取' };
    }
    const ok = checks.every((c) => c.ok);
    const at = toBeijingIso(ctx.now);
    const verification = {
      at,
      by: caller._id,
      ok,
      problems: checks.filter((c) => !c.ok).map((c) => `${c.name}：${c.problem}`),
    };
    // The verification is noted on the record, never in the archive's files.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await store.get<Archive>('archives', a._id);
      if (!current) break;
      const next: Archive = { ...current, lastVerification: verification, rev: current.rev + 1 };
      if (await store.replaceIfRev('archives', next, current.rev)) break;
    }
    return { ok, checkedAt: at, files: checks };
  },
});

export const exportStart = action({
  access: 'person',
  input: v.strictObject({ unitId: id, requestKey, from: day, to: day }),
  handle: async (params, ctx): Promise<ArchiveView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const unit = tree.byId.get(params.unitId);
    if (!unit) throw securityError('UNIT_UNKNOWN');
    requirePermission(caller, 'archive.exportStart', { kind: 'unit', unitId: unit._id }, tree);
    // A retried or double-tapped request finds the export it started.
    const exportId = `x-${createHash('sha256').update(`${caller._id}|${params.requestKey}`).digest('hex').slice(0, 24)}`;
    const existing = await store.get<Archive>('archives', exportId);
    if (existing) return viewOne(existing);
    const problem = exportRangeProblem(params.from, params.to, ctx.now);
    if (problem) throw problem;
    const nowIso = toBeijingIso(ctx.now);
    const doc = newArchive(
      {
        _id: exportId,
        type: 'export',
        month: null,
        from: params.from,
        to: params.to,
        folder: `exports/${exportId}`,
        unitIds: subtreeUnitIds(unit._id, tree),
        requestedBy: caller._id,
        sortKey: `${nowIso.slice(0, 10)}|${exportId}`,
      },
      unit,
      nowIso,
    );
    try {
      await store.insert('archives', doc);
    } catch {
      const raced = await store.get<Archive>('archives', exportId);
      if (raced) return viewOne(raced);
      throw securityError('ARCHIVE_UNKNOWN');
    }
    return viewOne(doc);
  },
});
