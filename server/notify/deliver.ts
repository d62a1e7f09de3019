/**
 * Delivers the due outbox records as WeChat subscribe messages. Timer runs may overlap (a slow run
 * and the next minute's, or a trigger fired twice): every step is "load → apply one core event →
 * save by check-and-set on rev", so of two runs only one holds a record at a time.
 *
 * Per record: claim (CAS; a lost CAS means another run has it) → look up OPENID and consent →
 * prepareSend (skip without calling WeChat when it cannot succeed) → subscribeMessage.send →
 * onSendResult → save (CAS) → consent effect (consume one one-time accept, or revoke on 43101).
 * A record that ends skipped or failed with an escalation policy is saved in ONE transaction with
 * its escalation notices (第二十九条), so a crash can't leave one without the other.
 *
 * The crash-after-send window (decided here): a record is claimed just before its own send and saved
 * just after, so a run holds at most CONCURRENCY records in flight, and it stops claiming once its
 * time budget is spent, well before the function timeout, which is itself far shorter than the lease
 * (LEASE_MS, 5 min). Only a run that dies between WeChat's accept and the save leaves a sent record
 * "sending"; its lease then expires and the next run sends it again, as a counted attempt. We accept
 * that rare double push rather than mark such records failed unsent: a missed deadline reminder
 * (第二十七条) costs more than a repeated one, and the inbox copy is stored once in any case.
 */
import { performance } from 'node:perf_hooks';
import type { ConsentRecord, EscalationPolicy, OutboxRecord, SendResult, SubscribeMessage } from '../../typings/notify';
import type { Person } from '../../typings/org';
import {
  applyConsentEffect,
  claim,
  deliveryQueries,
  onSendResult,
  prepareSend,
  type ConsentEffect,
} from '../../core/notify/outbox';
import { escalationFor, type EscalationTarget } from '../../core/notify/escalation';
import { escalationTargets, propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { isDomainError } from '../../core/errors';
import { cloud } from '../cloud';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { dueFilter } from '../planners';
import { command } from '../store';
import { runWork } from '../uow';
import { updateConsent } from './consent';

export const PAGE_SIZE = 100;
/** Recipients served at once; one recipient's records go one after another (their quota is shared). */
export const CONCURRENCY = 8;

export interface DeliveryReport {
  /** Due records read. */
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Transient failures put back with backoff. */
  retrying: number;
  /** Records another run claimed or saved first. */
  lostRace: number;
  /** Escalation notices stored for records that could not reach their recipient. */
  escalations: number;
  /** The time budget ran out with records still due; the next run takes them. */
  stoppedEarly: boolean;
}

export interface DeliveryOptions {
  runId: string;
  /** performance.now() after which no record is claimed. */
  deadline: number;
  pageSize?: number;
  concurrency?: number;
}

type SendRequest = Omit<SubscribeMessage, 'subscription'> & { touser: string };

interface OpenApiFace {
  subscribeMessage: { send(request: SendRequest): Promise<{ errCode: number; errMsg: string }> };
}

/** WeChat's answer as the core reads it; the SDK throws non-zero errcodes as errors carrying them. */
export async function sendSubscribe(request: SubscribeMessage & { touser: string }): Promise<SendResult> {
  const { subscription: _subscription, ...wire } = request;
  void _subscription;
  try {
    await (cloud.openapi as unknown as OpenApiFace).subscribeMessage.send(wire);
    return { ok: true };
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'errCode' in err && typeof err.errCode === 'number') {
      const errMsg = 'errMsg' in err && typeof err.errMsg === 'string' ? err.errMsg : '';
      return { ok: false, errCode: err.errCode, errMsg };
    }
    return { ok: false, errCode: -1, errMsg: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * 第二十九条: who is told instead. `unitResponsible`: the first responsible person or leader up the
 * unit chain who is not the unreached recipient; with nobody named, the propaganda desk.
 * `propagandaDesk`: the desk's propaganda staff (第七条), read through the people index on unitId.
 */
export async function resolveEscalation(
  policy: EscalationPolicy,
  recipientId: string,
  tree: UnitTree,
  ctx: HandlerContext,
): Promise<EscalationTarget[]> {
  if (policy.next === 'unitResponsible') {
    const next = escalationTargets(policy.unitId, tree).find((t) => t.kind !== 'department' && t.id !== recipientId);
    if (next) return [{ personId: next.id }];
  }
  const desk = propagandaDeskOf(policy.unitId, tree);
  if (!desk) return [];
  const staff = await ctx.store.find<Person>('people', { unitId: desk._id, active: true }, { limit: 50 });
  return staff
    .filter((p) => p.roles.some((g) => g.role === 'propagandaStaff' && g.unitId === desk._id))
    .map((p) => ({ personId: p._id }));
}

interface Recipient {
  openid: string | null;
  consent: ConsentRecord | null;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}

export async function deliverDue(ctx: HandlerContext, options: DeliveryOptions): Promise<DeliveryReport> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const concurrency = options.concurrency ?? CONCURRENCY;
  const report: DeliveryReport = {
    due: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    retrying: 0,
    lostRace: 0,
    escalations: 0,
    stoppedEarly: false,
  };
  const _ = command();
  let tree: Promise<UnitTree> | null = null;
  const now = (): number => Date.now();
  const outOfTime = (): boolean => performance.now() > options.deadline;

  /** Saves `next` over `held` (the version this run stored); with its escalations when it ended unreached. */
  async function save(held: OutboxRecord, next: OutboxRecord): Promise<boolean> {
    const unreached = next.state === 'skipped' || next.state === 'failed';
    const drafts =
      unreached && next.escalation
        ? escalationFor(
            next,
            await resolveEscalation(next.escalation, next.recipientId, await (tree ??= loadTree(ctx.store)), ctx),
          )
        : [];
    if (drafts.length === 0) return ctx.store.replaceIfRev('outbox', next, held.rev);
    try {
      await runWork({ ...ctx, now: now() }, null, async (work) => {
        await work.load<OutboxRecord>('outbox', next._id, '消息', held.rev);
        await work.put('outbox', next);
        for (const draft of drafts) work.notify(draft);
      });
    } catch (err) {
      if (isDomainError(err) && err.code === 'CONFLICT') return false;
      throw err;
    }
    report.escalations += drafts.length;
    return true;
  }

  function count(record: OutboxRecord): void {
    if (record.state === 'sent') report.sent++;
    else if (record.state === 'skipped') report.skipped++;
    else if (record.state === 'failed') report.failed++;
    else if (record.state === 'pending') report.retrying++;
  }

  async function deliverOne(record: OutboxRecord, recipient: Recipient): Promise<void> {
    const decision = claim(record, options.runId, now());
    if (decision.kind === 'refused') return;
    if (decision.kind === 'giveUp') {
      if (await save(record, decision.record)) count(decision.record);
      else report.lostRace++;
      return;
    }
    const held = decision.record;
    if (!(await ctx.store.replaceIfRev('outbox', held, record.rev))) {
      report.lostRace++;
      return;
    }
    const plan = prepareSend(held, recipient.consent, recipient.openid, now());
    if (isDomainError(plan)) throw plan;
    let next = plan.kind === 'skip' ? plan.record : null;
    let effect: ConsentEffect = 'none';
    if (plan.kind === 'send') {
      const outcome = onSendResult(held, await sendSubscribe(plan.request), now());
      if (isDomainError(outcome)) throw outcome;
      next = outcome.record;
      effect = outcome.consent;
    }
    if (!next) return;
    if (!(await save(held, next))) {
      // Only a run that outlived its lease gets here; the record's new holder decides it.
      report.lostRace++;
      return;
    }
    count(next);
    const templateId = held.message?.templateId;
    if (effect !== 'none' && templateId) {
      recipient.consent = await updateConsent(
        ctx.store,
        held.recipientId,
        now(),
        (c) => applyConsentEffect(c, templateId, effect, now()),
        recipient.consent,
      );
    }
  }

  /** People and consents of a page in two reads; each recipient's records in order, recipients in parallel. */
  async function deliverPage(records: readonly OutboxRecord[]): Promise<void> {
    const ids = [...new Set(records.map((r) => r.recipientId))];
    const [people, consents] = await Promise.all([
      ctx.store.find<Person>(
        'people',
        { _id: _.in(ids) },
        { limit: ids.length, fields: { openid: true, active: true } },
      ),
      ctx.store.find<ConsentRecord>('consents', { _id: _.in(ids) }, { limit: ids.length }),
    ]);
    const recipients = new Map<string, Recipient>(
      ids.map((id) => {
        const person = people.find((p) => p._id === id);
        return [
          id,
          { openid: person?.active ? person.openid : null, consent: consents.find((c) => c._id === id) ?? null },
        ];
      }),
    );
    const byRecipient = ids.map((id) => records.filter((r) => r.recipientId === id));
    await pool(byRecipient, concurrency, async (mine) => {
      const recipient = recipients.get(mine[0]?.recipientId ?? '');
      if (!recipient) return;
      for (const record of mine) {
        if (outOfTime()) {
          report.stoppedEarly = true;
          return;
        }
        try {
          await deliverOne(record, recipient);
        } catch (err) {
          // One record's trouble must not stop the others; a held lease expires and it is retried.
          console.error(`[deliver ${record._id}]`, err);
        }
      }
    });
  }

  const seen = new Set<string>();
  // Pending records first, then those whose run died while sending (their lease is their due time).
  for (const query of deliveryQueries(now(), pageSize)) {
    // Delivered records leave the due range, so the head of the index is always the next page.
    for (;;) {
      if (outOfTime()) {
        report.stoppedEarly = true;
        break;
      }
      const page = await ctx.store.find<OutboxRecord>('outbox', dueFilter(query, null), {
        orderBy: [
          ['dueAt', 'asc'],
          ['_id', 'asc'],
        ],
        limit: query.limit,
      });
      const fresh = page.filter((r) => !seen.has(r._id));
      if (fresh.length === 0) break;
      for (const r of fresh) seen.add(r._id);
      report.due += fresh.length;
      await deliverPage(fresh);
      if (page.length < query.limit) break;
    }
  }
  return report;
}
