import * as v from 'valibot';
import type { AuditEntry, AuditPage, AuditVerifyReport } from '../../typings/org';
import { CHAIN_START, verifyChain, type ChainPosition } from '../../core/audit/chain';
import { orgError } from '../../core/org/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Doc, type Filter } from '../store';
import { seqCursor } from '../schemas';
import { AUDIT_HEAD_ID, type AuditHead } from '../uow';
import { id, limit } from './input';
import { peopleByIds, unitName } from './views';

type StoredEntry = AuditEntry & Doc;

const LOG_PAGE_DEFAULT = 20;
/** The most documents one query returns on CloudBase. */
const VERIFY_PAGE = 1000;

/** A superior reads what happened in their scope: the entries whose unit path passes through the unit. */
export const auditLog = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    before: seqCursor,
    limit,
  }),
  handle: async (params, ctx): Promise<AuditPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw orgError('UNIT_UNKNOWN');
    requirePermission(caller, 'org.auditLog', { kind: 'unit', unitId: params.unitId }, tree);

    const size = params.limit ?? LOG_PAGE_DEFAULT;
    // Served by the unitPath + seq index: one range read, newest first.
    const filter: Filter = { unitPath: params.unitId };
    if (params.before !== undefined) filter.seq = command().lt(params.before);
    const entries =
      size > 0 ? await store.find<StoredEntry>('auditLog', filter, { orderBy: [['seq', 'desc']], limit: size }) : [];
    const people = await peopleByIds(entries.map((e) => e.actor.personId));
    const last = entries[entries.length - 1];
    return {
      items: entries.map((e) => ({
        seq: e.seq,
        at: e.at,
        action: e.action,
        summary: e.summary,
        changes: e.changes,
        actor: {
          ...e.actor,
          name: people.get(e.actor.personId)?.name ?? '（未知人员）',
          unitName: unitName(e.actor.unitId, tree),
        },
        object: e.object,
        requestId: e.requestId,
      })),
      nextBefore: last && entries.length === size && last.seq > 1 ? last.seq : null,
    };
  },
});

/**
 * Walks the chain from seq 1 in pages, up to the head recorded when the walk began (entries appended
 * meanwhile are the next check's), and holds the end of the walk against that head.
 */
export const auditVerify = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<AuditVerifyReport> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'org.auditVerify', { kind: 'none' }, tree);

    const headDoc = await store.get<AuditHead>('counters', AUDIT_HEAD_ID);
    const head: ChainPosition = headDoc?.entry ? { seq: headDoc.entry.seq, hash: headDoc.entry.hash } : CHAIN_START;
    const _ = command();
    let position = CHAIN_START;
    for (;;) {
      const page = await store.find<StoredEntry>(
        'auditLog',
        { seq: _.and(_.gt(position.seq), _.lte(head.seq)) },
        {
          orderBy: [['seq', 'asc']],
          limit: VERIFY_PAGE,
        },
      );
      const last = page.length < VERIFY_PAGE;
      const report = verifyChain(page, last ? head : undefined, position);
      if (!report.ok)
        return {
          ok: false,
          checked: report.badSeq - 1,
          badSeq: report.badSeq,
          reason: report.reason,
          message: report.message,
        };
      if (last) return { ok: true, checked: head.seq, headSeq: head.seq };
      position = report.head ?? position;
    }
  },
});
