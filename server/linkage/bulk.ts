/**
 * Writing thousands of documents within a cloud function's time: one insert request per batch, with
 * ids fixed by what each document stands for (a target by directive and account, a notice by its
 * dedupe key). A batch run again — a fan-out resumed by the timer, two workers at once — finds what
 * is already stored and writes only the rest, so each document is stored once.
 */
import type { NotificationDraft } from '../../typings/notify';
import type { Notification, OutboxRecord } from '../../typings/notify';
import type { CollectionName } from '../../core/schema';
import { enqueue } from '../../core/notify/outbox';
import { templatesFor } from '../../core/notify/templates';
import { chunk } from '../../core/linkage/targets';
import { command, type Doc, type Store } from '../store';
import { currentEnvId, stableId } from '../uow';

/** Documents per insert request (an outbox record is ≈1.5 KB: a batch stays a few hundred KB). */
export const BATCH = 250;
const ATTEMPTS = 3;

/** Reads documents by id in batches (one request per batch). */
export async function readByIds<T extends Doc>(
  db: Store,
  collection: CollectionName,
  ids: readonly string[],
  fields?: Record<string, boolean>,
  batch = 500,
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunk([...new Set(ids)], batch)) {
    out.push(
      ...(await db.find<T>(
        collection,
        { _id: command().in(part) },
        { limit: part.length, ...(fields ? { fields } : {}) },
      )),
    );
  }
  return out;
}

/** Inserts the documents not stored yet; answers how many this call wrote. */
export async function insertMissing<T extends Doc>(
  db: Store,
  collection: CollectionName,
  docs: readonly T[],
  batch = BATCH,
): Promise<number> {
  let written = 0;
  for (const part of chunk(docs, batch)) {
    let pending = part;
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        await db.insertMany(collection, pending);
        written += pending.length;
        break;
      } catch (err) {
        if (attempt >= ATTEMPTS) throw err;
        // Some are there already (an earlier run, another worker): keep to the missing ones.
        const ids = pending.map((d) => d._id);
        const found = await db.find<Doc>(
          collection,
          { _id: command().in(ids) },
          { limit: ids.length, fields: { _id: true } },
        );
        const stored = new Set(found.map((d) => d._id));
        pending = pending.filter((d) => !stored.has(d._id));
      }
    }
  }
  return written;
}

/**
 * Queues notices in bulk: each draft's inbox item, then its subscribe message, with the ids the
 * one-at-a-time path (server/uow.ts) gives them, so any path stores a notice once. Inbox items go
 * first: a message never exists without its inbox copy.
 */
export async function enqueueMany(db: Store, drafts: readonly NotificationDraft[], now: number): Promise<number> {
  if (drafts.length === 0) return 0;
  const env = templatesFor(currentEnvId());
  const notifications: Notification[] = [];
  const outbox: OutboxRecord[] = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    if (seen.has(draft.dedupeKey)) continue;
    seen.add(draft.dedupeKey);
    const ids = [stableId('n', draft.dedupeKey), stableId('o', draft.dedupeKey)];
    let n = 0;
    const queued = enqueue(draft, { env, now, newId: () => ids[n++] ?? stableId('x', `${draft.dedupeKey}:${n}`) });
    notifications.push(queued.notification);
    outbox.push(queued.outbox);
  }
  await insertMissing(db, 'notifications', notifications);
  await insertMissing(db, 'outbox', outbox);
  return notifications.length;
}
