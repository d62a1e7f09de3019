import { createHash } from 'node:crypto';
import type { AuditEntry, FieldChange, JsonValue } from '../../typings/org';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal content always hashes equal. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/**
 * Only the declared fields are hashed: a storage `_id` added by the database does not break the chain,
 * while every field a reader relies on does.
 */
function hashedContent(entry: Omit<AuditEntry, 'hash'>): JsonValue {
  return {
    seq: entry.seq,
    prevHash: entry.prevHash,
    actor: { personId: entry.actor.personId, role: entry.actor.role, unitId: entry.actor.unitId },
    action: entry.action,
    object: { collection: entry.object.collection, id: entry.object.id },
    summary: entry.summary,
    changes: entry.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
    at: entry.at,
    requestId: entry.requestId,
    unitPath: [...entry.unitPath],
  };
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonicalJson(hashedContent(entry)), 'utf8')
    .digest('hex');
}

/** The entry that follows `prev` (null for the first one). The log has no update or delete path. */
export function nextAuditEntry(prev: AuditEntry | null, input: AuditInput): AuditEntry {
  const unhashed: Omit<AuditEntry, 'hash'> = {
    ...input,
    seq: prev ? prev.seq + 1 : 1,
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

/** The last entry verified so far: where a check of the next page of the log picks up. */
export interface ChainPosition {
  seq: number;
  hash: string;
}

/** Before the first entry. */
export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH };

export type ChainReport =
  | {
      ok: true;
      /** Entries checked by this call. */
      count: number;
      /** The last entry verified (`from` when no entry was given), null for an empty log. */
      head: ChainPosition | null;
    }
  | {
      ok: false;
      /** The first sequence number at which the log is not what was written. */
      badSeq: number;
      reason: keyof typeof REASON_MESSAGES;
      message: string;
    };

const REASON_MESSAGES = {
  SEQ_GAP: '审计日志序号不连续：有记录被删除或顺序被打乱',
  PREV_HASH_MISMATCH: '审计日志链接断开：前一条记录被删除、替换或顺序被打乱',
  HASH_MISMATCH: '审计日志记录内容被篡改',
  TRUNCATED: '审计日志末尾记录缺失',
  HEAD_MISMATCH: '审计日志与记录的最新哈希不符：日志被整体改写',
} as const;

/**
 * Checks a log read in seq order, from seq 1 or, for a log too long to read at once, from the entry
 * after `from` (the head of the previous page's report). A removed, altered or reordered entry is
 * reported at the first seq that breaks. Removing the newest entries, or rewriting the log and
 * re-hashing everything after the change, leaves a valid chain: pass the head recorded elsewhere
 * (kept with the counter that hands out seq) to catch those too.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  expectedHead?: ChainPosition,
  from: ChainPosition = CHAIN_START,
): ChainReport {
  let prevHash = from.hash;
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i];
    const seq = from.seq + i + 1;
    const bad = (reason: keyof typeof REASON_MESSAGES): ChainReport => ({
      ok: false,
      badSeq: seq,
      reason,
      message: REASON_MESSAGES[reason],
    });
    if (entry.seq !== seq) return bad('SEQ_GAP');
    if (entry.prevHash !== prevHash) return bad('PREV_HASH_MISMATCH');
    if (hashEntry(entry) !== entry.hash) return bad('HASH_MISMATCH');
    prevHash = entry.hash;
  }
  const last = entries.length > 0 ? entries[entries.length - 1] : null;
  const head = last ? { seq: last.seq, hash: last.hash } : from.seq > 0 ? from : null;
  if (expectedHead && expectedHead.seq > 0) {
    const lastSeq = head?.seq ?? 0;
    if (lastSeq < expectedHead.seq) {
      return { ok: false, badSeq: lastSeq + 1, reason: 'TRUNCATED', message: REASON_MESSAGES.TRUNCATED };
    }
    const atHead = expectedHead.seq === from.seq ? from.hash : entries[expectedHead.seq - from.seq - 1]?.hash;
    if (atHead !== undefined && atHead !== expectedHead.hash) {
      return { ok: false, badSeq: expectedHead.seq, reason: 'HEAD_MISMATCH', message: REASON_MESSAGES.HEAD_MISMATCH };
    }
  }
  return { ok: true, count: entries.length, head };
}

/** The listed fields that differ between two versions of an object (all of them for a new object). */
export function diffFields<K extends string, T extends Record<K, JsonValue>>(
  before: T | null,
  after: T,
  fields: readonly K[],
): FieldChange[] {
  return fields
    .filter((f) => before === null || canonicalJson(before[f]) !== canonicalJson(after[f]))
    .map((f) => ({ field: f, from: before === null ? null : before[f], to: after[f] }));
}
