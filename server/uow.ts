/**
 * One event, one transaction: load, check the revision, save, append the audit entries and queue the
 * notifications — all committed together or not at all. Two approvers acting at once, a double tap or
 * a retried call: the database lets one transaction commit; the SDK re-runs the loser, whose
 * revision check then fails with CONFLICT.
 */
import { createHash } from 'node:crypto';
import type { ConsentRecord, NotificationDraft } from '../typings/notify';
import type { Account, Action, AuditEntry, AuditObject, FieldChange, Person, RoleGrant } from '../typings/org';
import { nextAuditEntry } from '../core/audit/chain';
import { commonErrors } from '../core/errors';
import { enqueue } from '../core/notify/outbox';
import { templatesFor } from '../core/notify/templates';
import { toBeijingIso } from '../core/time';
import type { CollectionName } from '../core/schema';
import type { HandlerContext } from './dispatch';
import { store, type Doc, type TxStore, type Versioned } from './store';
import { accountReachChanged, consentReachChanged, personReachChanged } from './linkage/reach';
import { loadTree } from './org';

export interface AuditNote {
  action: Action;
  object: AuditObject;
  summary: string;
  changes?: FieldChange[];
  unitPath: string[];
}

export interface Work {
  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null>;
  /** Loads a document that must exist and still be at `expectedRev` (when given). */
  load<T extends Versioned>(collection: CollectionName, id: string, what: string, expectedRev?: number): Promise<T>;
  /** Writes the whole document. */
  put<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
  /** Writes a new document; fails if the id is taken. */
  create<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
  audit(note: AuditNote): void;
  notify(draft: NotificationDraft): void;
  /** Who the audit entries name, when only known inside the work (binding names the person just bound). */
  setActor(actor: Actor): void;
}

export interface AuditHead {
  _id: string;
  seq: number;
  entry: AuditEntry | null;
}

export const AUDIT_HEAD_ID = 'auditHead';

export interface Actor {
  person: Person;
  grant: RoleGrant | null;
}

/** The id of a notice's inbox item (`n`) or outbox record (`o`), from its dedupe key: any path stores it once. */
export const stableId = (prefix: string, key: string): string =>
  `${prefix}-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}`;

/** The cloud environment's template set: on the local cloud and in tests, `local`. */
export function currentEnvId(): string {
  return process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? 'local';
}

export async function runWork<R>(
  ctx: HandlerContext,
  actor: Actor | null,
  body: (work: Work) => Promise<R>,
): Promise<R> {
  return store.transaction(async (tx: TxStore) => {
    const audits: AuditNote[] = [];
    const drafts: NotificationDraft[] = [];
    // Every account, person or consent written in a work keeps the linkage preview's counters in step,
    // in the same transaction (server/linkage/reach.ts, issue 18; 第三十四条).
    const write = async <T extends Doc>(collection: CollectionName, doc: T): Promise<void> => {
      if (collection === 'accounts') {
        const before = await tx.get<Account>('accounts', doc._id);
        await accountReachChanged(tx, before, doc as unknown as Account, () => loadTree(), ctx.now);
      }
      if (collection === 'consents') {
        const before = await tx.get<ConsentRecord>('consents', doc._id);
        await consentReachChanged(tx, before, doc as unknown as ConsentRecord, () => loadTree(), ctx.now);
      }
      await tx.put(collection, doc);
      if (collection === 'people') await personReachChanged(tx, doc as unknown as Person, () => loadTree(), ctx.now);
    };
    const work: Work = {
      get: (collection, id) => tx.get(collection, id),
      async load<T extends Versioned>(collection: CollectionName, id: string, what: string, expectedRev?: number) {
        const doc = await tx.get<T>(collection, id);
        if (!doc) throw commonErrors.notFound(what);
        if (expectedRev !== undefined && doc.rev !== expectedRev) throw commonErrors.conflict();
        return doc;
      },
      put: write,
      async create(collection, doc) {
        if (await tx.get(collection, doc._id)) throw commonErrors.conflict();
        await write(collection, doc);
      },
      audit: (note) => void audits.push(note),
      notify: (draft) => void drafts.push(draft),
      setActor: (next) => {
        actor = next;
      },
    };

    const result = await body(work);

    if (audits.length > 0) {
      if (!actor) throw new Error('audited work needs an actor');
      const head = (await tx.get<AuditHead>('counters', AUDIT_HEAD_ID)) ?? { _id: AUDIT_HEAD_ID, seq: 0, entry: null };
      let prev = head.entry;
      for (const note of audits) {
        const entry = nextAuditEntry(prev, {
          actor: {
            personId: actor.person._id,
            role: actor.grant?.role ?? null,
            unitId: actor.grant?.unitId ?? actor.person.unitId,
          },
          action: note.action,
          object: note.object,
          summary: note.summary,
          changes: note.changes ?? [],
          at: toBeijingIso(ctx.now),
          requestId: ctx.requestId,
          unitPath: note.unitPath,
        });
        await tx.put('auditLog', { _id: `audit-${String(entry.seq).padStart(12, '0')}`, ...entry });
        prev = entry;
      }
      await tx.put<AuditHead>('counters', { _id: AUDIT_HEAD_ID, seq: prev?.seq ?? 0, entry: prev });
    }

    if (drafts.length > 0) {
      const env = templatesFor(currentEnvId());
      for (const draft of drafts) {
        const notificationId = stableId('n', draft.dedupeKey);
        // The same reminder is stored once, however often a producer asks for it.
        if (await tx.get('notifications', notificationId)) continue;
        let n = 0;
        const ids = [notificationId, stableId('o', draft.dedupeKey)];
        const { notification, outbox } = enqueue(draft, { env, now: ctx.now, newId: () => ids[n++] ?? ctx.newId() });
        await tx.put('notifications', notification);
        await tx.put('outbox', outbox);
      }
    }
    return result;
  });
}
