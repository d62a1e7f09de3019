import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import type { Archive, ArchiveView } from '../typings/archive';
import type { SecurityAttestation } from '../typings/security';
import { startTestCloud, type TestCloud } from './support/cloud';
import { newDraft } from './post-helpers';
import { WHO, fire } from './security-helpers';
import { key, ok, refusal } from './support/answers';

jest.setTimeout(120_000);

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Fires the archive timer until nothing is left building; answers the runs. */
async function buildAll(t: TestCloud): Promise<number> {
  let runs = 0;
  for (;;) {
    runs += 1;
    const data = await fire<{ chunks: number }>(t, 'archiveMinute');
    if (data.chunks === 0) return runs;
    if (runs > 50) throw new Error('archive never completes');
  }
}

const archiveDoc = (t: TestCloud, id: string): Archive => t.cloud.db.get('archives', id) as unknown as Archive;

async function fileOf(t: TestCloud, a: Archive, name: string): Promise<Buffer> {
  const f = a.files.find((x) => x.name === name) ?? (a.manifest?.name === name ? a.manifest : undefined);
  const bytes = f ? t.cloud.storage.get(f.fileId) : undefined;
  if (!bytes) throw new Error(`no ${name} in ${a._id}`);
  return bytes;
}

/** A published post on 长沙's weibo, through the chain. */
async function publishedPost(t: TestCloud, title: string): Promise<string> {
  const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo');
  const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
  const approved = await ok(
    t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: title }, WHO.reviewer),
  );
  const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opA));
  await ok(
    t.call(
      'post',
      'publish',
      {
        postId: draft.id,
        expectedRev: approved.rev,
        version: 1,
        content: detail.post.content,
        url: `https://weibo.com/x/${draft.id}`,
        publishedAt: detail.post.approvedAt ?? '',
      },
      WHO.opA,
    ),
  );
  return draft.id;
}

describe('monthly archives (第三十二条)', () => {
  let t: TestCloud;
  const monthlyId = 'm-u-cs-2026-11';
  let firstShas: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-20T09:00:00+08:00' });
    await publishedPost(t, '同意');
    await publishedPost(t, '可以发布');
    // A closed incident of the month.
    const reported = await ok(
      t.call(
        'security',
        'incidentReport',
        {
          accountId: 'acc-cs-weibo',
          requestKey: key(),
          kind: 'wrongPost',
          happenedAt: '2026-11-20T08:30:00+08:00',
          description: '误发布一条未审核的图片',
        },
        WHO.opA,
      ),
    );
    const handled = await ok(
      t.call(
        'security',
        'incidentStep',
        {
          incidentId: reported.id,
          expectedRev: reported.rev,
          step: { kind: 'contentHandled', at: '2026-11-20T08:50:00+08:00', note: '已删除' },
        },
        WHO.opA,
      ),
    );
    await ok(
      t.call(
        'security',
        'incidentClose',
        { incidentId: handled.id, expectedRev: handled.rev, summary: '已删除并通报' },
        WHO.cityDesk,
      ),
    );
    // Enough attestations of the month to take several chunks (written straight into the database).
    const docs: SecurityAttestation[] = Array.from({ length: 450 }, (_, i) => ({
      _id: `att-bulk-${String(i).padStart(4, '0')}`,
      accountId: 'acc-cs-weibo',
      unitId: 'u-cs',
      unitPath: ['u-hn', 'u-cs'],
      kind: 'passwordChanged',
      changedAt: '2026-11-10T08:00:00.000+08:00',
      // Many share an instant: the cursor must neither skip nor repeat them.
      recordedAt: `2026-11-1${i % 3}T09:00:00.000+08:00`,
      recordedBy: 'p-cs-operator-a',
      settings: null,
      rotationDays: null,
      reason: 'routine',
      dueAt: null,
      late: false,
      note: '',
    }));
    t.cloud.db.insert('securityAttestations', docs as never);
    // Something of the next month stays out.
    await t.setNow('2026-12-01T00:30:00+08:00');
    await publishedPost(t, '十二月');
  });
  afterAll(() => t.close());

  it('the timer writes each bureau its month in resumable chunks: one JSON-lines file per kind, a summary and a manifest', async () => {
    await t.setNow('2026-12-01T02:00:00+08:00');
    const runs = await buildAll(t);
    const a = archiveDoc(t, monthlyId);
    expect(a.state).toBe('complete');
    expect(a.chunks).toBeGreaterThan(3);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(a.files.map((f) => f.name)).toEqual([
      'posts.jsonl',
      'messages.jsonl',
      'directives.jsonl',
      'incidents.jsonl',
      'attestations.jsonl',
      'summary.xlsx',
    ]);
    const posts = (await fileOf(t, a, 'posts.jsonl')).toString('utf8').trim().split('\n');
    expect(posts).toHaveLength(2);
    const post = JSON.parse(posts[0]) as {
      state: string;
      versions: Array<{ version: number }>;
      decisions: Array<{ comment: string }>;
    };
    expect(post.state).toBe('published');
    expect(post.versions.map((v) => v.version)).toEqual([1]);
    expect(post.decisions.length).toBeGreaterThan(0);
    const attestations = (await fileOf(t, a, 'attestations.jsonl')).toString('utf8').trim().split('\n');
    const ids = attestations.map((l) => (JSON.parse(l) as { _id: string })._id);
    expect(new Set(ids).size).toBe(450);
    expect(ids.filter((i) => i.startsWith('att-bulk-'))).toHaveLength(450);
    const incidents = (await fileOf(t, a, 'incidents.jsonl')).toString('utf8').trim().split('\n');
    expect(incidents).toHaveLength(1);
    expect(JSON.parse(incidents[0])).toMatchObject({ kind: 'wrongPost', summary: '已删除并通报' });
    // The manifest lists every file with its SHA-256 and bytes, each matching what is stored.
    const manifest = JSON.parse((await fileOf(t, a, 'manifest.json')).toString('utf8')) as {
      month: string;
      files: Array<{ name: string; sha256: string; bytes: number; records: number | null }>;
    };
    expect(manifest.month).toBe('2026-11');
    for (const f of manifest.files) {
      const bytes = await fileOf(t, a, f.name);
      expect({ name: f.name, sha: sha(bytes), bytes: bytes.length }).toEqual({
        name: f.name,
        sha: f.sha256,
        bytes: f.bytes,
      });
    }
    expect(manifest.files.find((f) => f.name === 'attestations.jsonl')?.records).toBe(450);
    // The summary opens in a spreadsheet and counts the account's records.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(t, a, 'summary.xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('汇总');
    const rows: unknown[][] = [];
    sheet?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[1] === '长沙公安微博' || r[0] === '长沙市公安局')).toBeDefined();
    expect(rows[rows.length - 1]).toEqual(['合计', '', '', 2, 0, 0, 1, 450]);
    firstShas = Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]));
    // Every bureau got its month; the part files are gone.
    expect(archiveDoc(t, 'm-u-ly-2026-11')?.state).toBe('complete');
    expect(a.partLists.flatMap((p) => p.fileIds).every((id) => t.cloud.storage.get(id) === undefined)).toBe(true);
  });

  it('a complete archive is never rewritten; a re-run of the month writes identical files', async () => {
    const before = archiveDoc(t, monthlyId);
    await t.setNow('2026-12-02T02:00:00+08:00');
    await buildAll(t);
    expect(archiveDoc(t, monthlyId)).toEqual(before);
    // Start the month again from nothing, a day later: the same bytes.
    t.cloud.db.remove('archives', { _id: monthlyId }, false);
    t.cloud.db.remove('counters', { _id: 'archivePlan' }, false);
    await buildAll(t);
    const again = archiveDoc(t, monthlyId);
    expect(again.state).toBe('complete');
    const manifest = JSON.parse((await fileOf(t, again, 'manifest.json')).toString('utf8')) as {
      files: Array<{ name: string; sha256: string }>;
    };
    expect(Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]))).toEqual(firstShas);
    expect(again.manifest?.sha256).toBe(before.manifest?.sha256);
  });

  it('the unit and the desks above list and download; others are refused', async () => {
    const page = await ok(t.call('archive', 'list', { unitId: 'u-cs', type: 'monthly' }, WHO.cityDesk));
    expect(page.items.map((i: ArchiveView) => i.id)).toEqual(expect.arrayContaining([monthlyId, 'm-u-ly-2026-11']));
    const province = await ok(t.call('archive', 'list', { unitId: 'u-hn', limit: 1 }, WHO.provinceDesk));
    expect(province.items).toHaveLength(1);
    expect(province.nextOffset).toBe(1);
    expect(await refusal(t.call('archive', 'list', { unitId: 'u-cs' }, WHO.opA))).toBe('ROLE_REQUIRED');
    const links = await ok(t.call('archive', 'links', { archiveId: monthlyId }, WHO.cityDesk));
    expect(links.files.map((f) => f.name)).toContain('manifest.json');
    const summary = links.files.find((f) => f.name === 'attestations.jsonl');
    const res = await fetch(summary?.url ?? '');
    expect(res.status).toBe(200);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(summary?.sha256);
    expect(await refusal(t.call('archive', 'get', { archiveId: 'm-nope' }, WHO.cityDesk))).toBe('ARCHIVE_UNKNOWN');
  });

  it('verification re-reads every file and names the one that no longer matches its manifest', async () => {
    const good = await ok(t.call('archive', 'verify', { archiveId: monthlyId }, WHO.cityDesk));
    expect(good.ok).toBe(true);
    expect(good.files.map((f) => f.name)).toContain('posts.jsonl');
    const a = archiveDoc(t, monthlyId);
    const path = t.cloud.storage.cloudPathOf(a.files.find((f) => f.name === 'incidents.jsonl')?.fileId ?? '');
    t.cloud.storage.put(path ?? '', Buffer.from('{"tampered":true}\n'));
    const bad = await ok(t.call('archive', 'verify', { archiveId: monthlyId }, WHO.cityDesk));
    expect(bad.ok).toBe(false);
    expect(bad.files.filter((f) => !f.ok)).toEqual([
      expect.objectContaining({ name: 'incidents.jsonl', problem: expect.stringMatching(/不一致/) }),
    ]);
    const view = await ok(t.call('archive', 'get', { archiveId: monthlyId }, WHO.cityDesk));
    expect(view.lastVerification).toMatchObject({ ok: false, byName: '陈静' });
  });

  it('an export by unit and date range gets its own manifest; a double tap starts one; a bad range is refused', async () => {
    const requestKey = key();
    const params = { unitId: 'u-cs', requestKey, from: '2026-11-15', to: '2026-11-30' };
    const [one, two] = await Promise.all([
      ok(t.call('archive', 'exportStart', params, WHO.cityDesk)),
      ok(t.call('archive', 'exportStart', params, WHO.cityDesk)),
    ]);
    expect(one.id).toBe(two.id);
    expect(one.state).toBe('building');
    await buildAll(t);
    const x = archiveDoc(t, one.id);
    expect(x.state).toBe('complete');
    expect(x.manifest?.name).toBe('manifest.json');
    // 11-15 onwards: both posts (published on 11-20), not the December one; none of the bulk attestations.
    expect(x.partLists.find((p) => p.kind === 'posts')?.records).toBe(2);
    expect(x.partLists.find((p) => p.kind === 'attestations')?.records).toBe(0);
    expect((await ok(t.call('archive', 'verify', { archiveId: one.id }, WHO.cityDesk))).ok).toBe(true);
    const listed = await ok(t.call('archive', 'list', { unitId: 'u-cs', type: 'export' }, WHO.cityDesk));
    expect(listed.items[0]).toMatchObject({ id: one.id, requestedByName: '陈静', type: 'export' });
    for (const [from, to] of [
      ['2026-11-30', '2026-11-01'],
      ['2025-01-01', '2026-11-30'],
      ['2026-11-01', '2026-12-02'],
    ])
      expect(
        await refusal(t.call('archive', 'exportStart', { unitId: 'u-cs', requestKey: key(), from, to }, WHO.cityDesk)),
      ).toBe('EXPORT_RANGE_INVALID');
  });

  it('an archive that cannot go on (a part lost from storage) holds up no other', async () => {
    const template = (t.cloud.db.find('archives', { type: 'export' }) as unknown as Archive[])[0];
    if (!template) throw new Error('no export to copy');
    const broken: Archive = {
      ...template,
      _id: 'x-broken',
      state: 'building',
      cursor: { phase: 'assemble', kindIndex: 0, unitIndex: 0, after: null, part: 0 },
      partLists: template.partLists.map((p) =>
        p.kind === 'posts' ? { ...p, parts: 1, fileIds: ['cloud://gone'] } : p,
      ),
      files: [],
      manifest: null,
      completedAt: null,
      updatedAt: '2026-01-01T00:00:00.000+08:00',
    };
    t.cloud.db.insert('archives', [broken] as never);
    const started = await ok(
      t.call(
        'archive',
        'exportStart',
        { unitId: 'u-ly', requestKey: key(), from: '2026-11-01', to: '2026-11-30' },
        WHO.cityDesk,
      ),
    );
    const first = await fire<{ failed: number; completed: number }>(t, 'archiveMinute');
    expect(first.failed).toBe(1);
    await buildAll(t);
    expect(archiveDoc(t, started.id).state).toBe('complete');
    expect(archiveDoc(t, 'x-broken').state).toBe('building');
  });
});
