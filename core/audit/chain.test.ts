import type { AuditEntry } from '../../typings/org';
import {
  canonicalJson,
  diffFields,
  GENESIS_HASH,
  hashEntry,
  nextAuditEntry,
  verifyChain,
  type AuditInput,
} from './chain';

function input(n: number): AuditInput {
  return {
    actor: { personId: 'p-cs-admin', role: 'unitAdmin', unitId: 'u-cs' },
    action: 'org.setRoles',
    object: { collection: 'people', id: `p-${n}` },
    summary: `调整第${n}人的角色`,
    changes: [{ field: 'roles', from: [], to: [`operator@u-cs-${n}`] }],
    at: `2026-03-02T10:0${n}:00.000+08:00`,
    requestId: `req-${n}`,
    unitPath: ['u-hn', 'u-cs'],
  };
}

function chainOf(length: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let n = 1; n <= length; n += 1) out.push(nextAuditEntry(out[out.length - 1] ?? null, input(n)));
  return out;
}

describe('nextAuditEntry', () => {
  it('starts at seq 1 on the genesis hash and links each entry to the previous one', () => {
    const [first, second] = chainOf(2);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).not.toBe(first.hash);
  });

  it('hashes content, not key order or storage fields', () => {
    const [entry] = chainOf(1);
    const { seq, prevHash, hash, actor, action, object, summary, changes, at, requestId, unitPath } = entry;
    const reordered: AuditEntry = {
      unitPath,
      requestId,
      at,
      changes,
      summary,
      object,
      action,
      actor,
      hash,
      prevHash,
      seq,
    };
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(entry));
    expect(hashEntry(reordered)).toBe(entry.hash);
    const stored = { ...entry, _id: 'stored-1' };
    expect(verifyChain([stored])).toMatchObject({ ok: true });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: entries[4].hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: null });
    expect(verifyChain(entries, { seq: 5, hash: entries[4].hash })).toMatchObject({ ok: true });
  });

  it('detects an altered entry', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], summary: '改写过的摘要' };
    expect(verifyChain(entries)).toMatchObject({ ok: false, badSeq: 3, reason: 'HASH_MISMATCH' });
  });

  it('detects an altered entry whose own hash was recomputed', () => {
    const entries = chainOf(5);
    const forged = { ...entries[2], actor: { ...entries[2].actor, personId: 'p-someone-else' } };
    entries[2] = { ...forged, hash: hashEntry(forged) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, badSeq: 4, reason: 'PREV_HASH_MISMATCH' });
  });

  it('detects a removed entry', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, badSeq: 3, reason: 'SEQ_GAP' });
  });

  it('detects a removed entry even when the later ones were renumbered', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    const renumbered = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, badSeq: 3, reason: 'PREV_HASH_MISMATCH' });
  });

  it('detects reordered entries', () => {
    const entries = chainOf(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries)).toMatchObject({ ok: false, badSeq: 2, reason: 'SEQ_GAP' });
    const swappedSeqs = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(swappedSeqs)).toMatchObject({ ok: false, badSeq: 2, reason: 'PREV_HASH_MISMATCH' });
  });

  it('detects removed newest entries against the recorded head', () => {
    const entries = chainOf(5);
    const head = { seq: 5, hash: entries[4].hash };
    expect(verifyChain(entries.slice(0, 3))).toMatchObject({ ok: true });
    expect(verifyChain(entries.slice(0, 3), head)).toMatchObject({ ok: false, badSeq: 4, reason: 'TRUNCATED' });
  });

  it('detects a log rewritten from some entry on, against the recorded head', () => {
    const entries = chainOf(5);
    const head = { seq: 5, hash: entries[4].hash };
    const rewritten = entries.slice(0, 2);
    for (let n = 3; n <= 5; n += 1)
      rewritten.push(nextAuditEntry(rewritten[rewritten.length - 1], { ...input(n), summary: '伪造' }));
    expect(verifyChain(rewritten)).toMatchObject({ ok: true });
    expect(verifyChain(rewritten, head)).toMatchObject({ ok: false, badSeq: 5, reason: 'HEAD_MISMATCH' });
  });

  it('checks a long log page by page, picking up from the previous page', () => {
    const entries = chainOf(7);
    const first = verifyChain(entries.slice(0, 3));
    if (!first.ok || !first.head) throw new Error('first page should verify');
    expect(verifyChain(entries.slice(3), undefined, first.head)).toEqual({
      ok: true,
      count: 4,
      head: { seq: 7, hash: entries[6].hash },
    });
    const head = { seq: 7, hash: entries[6].hash };
    expect(verifyChain([], head, head)).toEqual({ ok: true, count: 0, head });

    const altered = [...entries.slice(3, 5), { ...entries[5], summary: '改写' }, entries[6]];
    expect(verifyChain(altered, undefined, first.head)).toMatchObject({
      ok: false,
      badSeq: 6,
      reason: 'HASH_MISMATCH',
    });
    expect(verifyChain(entries.slice(4), undefined, first.head)).toMatchObject({
      ok: false,
      badSeq: 4,
      reason: 'SEQ_GAP',
    });
    expect(verifyChain([], head, first.head)).toMatchObject({ ok: false, badSeq: 4, reason: 'TRUNCATED' });
    expect(verifyChain([], { seq: 3, hash: GENESIS_HASH }, first.head)).toMatchObject({
      ok: false,
      badSeq: 3,
      reason: 'HEAD_MISMATCH',
    });
  });

  it('says what is wrong in Chinese', () => {
    const entries = chainOf(2);
    const report = verifyChain([entries[0], { ...entries[1], requestId: 'x' }]);
    expect(!report.ok && report.message).toBe('审计日志记录内容被篡改');
  });
});

describe('diffFields', () => {
  it('lists changed fields, and every field of a new object', () => {
    const before = { a: 1, b: ['x'], c: null as string | null };
    expect(diffFields(before, { ...before, b: ['x', 'y'] }, ['a', 'b', 'c'])).toEqual([
      { field: 'b', from: ['x'], to: ['x', 'y'] },
    ]);
    expect(diffFields(null, before, ['a', 'c'])).toEqual([
      { field: 'a', from: null, to: 1 },
      { field: 'c', from: null, to: null },
    ]);
  });
});
