/**
 * Delivers the due outbox records as WeChat subscribe messages. Timer runs may overlap (a slow run
 * and the next minute's, or a trigger fired twice): every step is "load → apply one core event →
 * save by check-and-set on rev", so of two runs only one holds a record at a time.
 *
 * Per page: claim every due record (a check-and-set on (id, rev), in bulk: records changed the same
 * way share one write) → look up OPENID and consent → per record prepareSend (skip without calling
 * WeChat when it cannot succeed) → subscribeMessage.send → onSendResult → save (check-and-set on
 * (id, rev, lease owner), again in bulk per group of equal outcomes, every FLUSH_EVERY outcomes) →
 * consent effect (a spent one-time accept is written with the page's others, in one bulk update per
 * template and count; a 43101 revokes at once). A record that ends skipped or
 * failed with an escalation policy is saved at once in ONE transaction with its escalation notices
 * (第二十九条), so a crash can't leave one without the other. Issue 18: a delivered message costs a
 * small fraction of a database request instead of two (a consent write per send was the rest).
 *
 * The crash-after-send window (decided here): outcomes are saved at most FLUSH_EVERY at a time, and a
 * run stops claiming pages once its time budget is spent, well before the function timeout, which is
 * itself far shorter than the lease (LEASE_MS, 5 min). Only a run that dies between WeChat's accept and
 * the save leaves sent records "sending" (at most FLUSH_EVERY plus those in flight); their lease then
 * expires and the next run sends them again, as a counted attempt. We accept that rare double push
 * rather than mark such records failed unsent: a missed deadline reminder (第二十七条) costs more than a
 * repeated one, and the inbox copy is stored once in any case.
 */
import { performance } from 'node:perf_hooks';
import type { ConsentRecord, EscalationPolicy, OutboxRecord, SendResult, SubscribeMessage } from '../../typings/notify';
import type { Person } from '../../typings/org';
import { applyConsentEffect, claim, deliveryQueries, onSendResult, prepareSend } from '../../core/notify/outbox';
import { escalationFor, type EscalationTarget } from '../../core/notify/escalation';
import { escalationTargets, propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { isDomainError } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { cloud } from '../cloud';
import type { HandlerContext } from '../dispatch';
import { loadTree } from '../org';
import { dueFilter } from '../planners';
import { command, type Filter } from '../store';
import { runWork } from '../uow';
import { updateConsent } from './consent';
import { spentConsentReachChanged } from '../linkage/reach';

export const PAGE_SIZE = 100;
/** Recipients served at once; one recipient's records go one after another (their quota is shared). */
export const CONCURRENCY = 8;
/** Outcomes saved together: a run that dies between WeChat's accept and the save sends at most these again. */
export const FLUSH_EVERY = 20;

/** The fields `next` changes, with their new values: a record's change as one update. */
function changedFields(before: OutboxRecord, next: OutboxRecord): Partial<OutboxRecord> {
  const patch: { [field: string]: unknown } = {};
  const a = before as unknown as { [field: string]: unknown };
  for (const [field, value] of Object.entries(next)) {
    if (field === '_id') continue;
    if (JSON.stringify(a[field]) !== JSON.stringify(value)) patch[field] = value;
  }
  return patch as Partial<OutboxRecord>;
}

/** The patch as an update: an object value replaces the stored one whole (the SDK would merge it). */
function asUpdate(patch: Partial<OutboxRecord>): Filter {
  const _ = command();
  const out: Filter = {};
  for (const [field, value] of Object.entries(patch)) {
    out[field] = typeof value === 'object' && value !== null ? _.set(value) : value;
  }
  return out;
}

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
  /** The consent as this run sees it: the stored record with this page's sends already spent. */
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

/** A run that delivered nothing: also what the timer reports when it skips delivery. */
export function emptyDeliveryReport(): DeliveryReport {
  return { due: 0, sent: 0, skipped: 0, failed: 0, retrying: 0, lostRace: 0, escalations: 0, stoppedEarly: false };
}

export async function deliverDue(ctx: HandlerContext, options: DeliveryOptions): Promise<DeliveryReport> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const concurrency = options.concurrency ?? CONCURRENCY;
  const report = emptyDeliveryReport();
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

  /**
   * Claims a page's records in a few bulk writes (issue 18: deliveries batch their writes): records
   * whose claim changes the same fields the same way share one check-and-set on (id, rev). Returns the
   * records this run now holds; any another run took meanwhile is counted as a lost race.
   */
  async function claimPage(records: readonly OutboxRecord[], at: number): Promise<OutboxRecord[]> {
    const groups = new Map<string, { rev: number; patch: Partial<OutboxRecord>; held: OutboxRecord[] }>();
    for (const record of records) {
      const decision = claim(record, options.runId, at);
      if (decision.kind === 'refused') continue;
      if (decision.kind === 'giveUp') {
        if (await save(record, decision.record)) count(decision.record);
        else report.lostRace++;
        continue;
      }
      const patch = changedFields(record, decision.record);
      const key = `${record.rev}|${JSON.stringify(patch)}`;
      const group = groups.get(key) ?? { rev: record.rev, patch, held: [] };
      group.held.push(decision.record);
      groups.set(key, group);
    }
    const held: OutboxRecord[] = [];
    for (const group of groups.values()) {
      const ids = group.held.map((r) => r._id);
      const updated = await ctx.store.updateWhere('outbox', { _id: _.in(ids), rev: group.rev }, asUpdate(group.patch));
      if (updated === ids.length) {
        held.push(...group.held);
        continue;
      }
      // Another run took some: keep exactly those this run's claim wrote.
      const mine = await ctx.store.find<OutboxRecord>(
        'outbox',
        { _id: _.in(ids), rev: group.rev + 1, leaseOwner: options.runId },
        { limit: ids.length, fields: { _id: true } },
      );
      const won = new Set(mine.map((r) => r._id));
      held.push(...group.held.filter((r) => won.has(r._id)));
      report.lostRace += ids.length - won.size;
    }
    return held;
  }

  /** Outcomes waiting to be saved together (records that need no escalation notice). */
  let pendingSaves: { held: OutboxRecord; next: OutboxRecord }[] = [];

  /** Saves the waiting outcomes: one check-and-set per group of identical changes. */
  async function flushSaves(): Promise<void> {
    const batch = pendingSaves;
    pendingSaves = [];
    const groups = new Map<string, { rev: number; patch: Partial<OutboxRecord>; items: typeof batch }>();
    for (const item of batch) {
      const patch = changedFields(item.held, item.next);
      const key = `${item.held.rev}|${JSON.stringify(patch)}`;
      const group = groups.get(key) ?? { rev: item.held.rev, patch, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const ids = group.items.map((i) => i.held._id);
      const updated = await ctx.store.updateWhere(
        'outbox',
        { _id: _.in(ids), rev: group.rev, leaseOwner: options.runId },
        asUpdate(group.patch),
      );
      // Only a run that outlived its lease loses here; the records' new holder decides them.
      report.lostRace += ids.length - updated;
      if (updated === ids.length) for (const i of group.items) count(i.next);
      else {
        const saved = await ctx.store.find<OutboxRecord>(
          'outbox',
          { _id: _.in(ids), rev: group.rev + 1 },
          { limit: ids.length, fields: { _id: true, state: true } },
        );
        const done = new Set(saved.map((r) => r._id));
        for (const i of group.items) if (done.has(i.held._id)) count(i.next);
      }
    }
  }

  /** Saves now when the outcome carries escalation notices (one transaction with them); else later, batched. */
  async function settle(held: OutboxRecord, next: OutboxRecord): Promise<void> {
    const unreached = next.state === 'skipped' || next.state === 'failed';
    if (unreached && next.escalation) {
      if (await save(held, next)) count(next);
      else report.lostRace++;
      return;
    }
    pendingSaves.push({ held, next });
    if (pendingSaves.length >= FLUSH_EVERY) await flushSaves();
  }

  /** One-time accepts the page's sends spent, per recipient and template (written by spendConsents). */
  let spends = new Map<string, Map<string, number>>();

  /** Sends one held record (or skips it) and settles the outcome; `at` is the page's instant. */
  async function deliverOne(held: OutboxRecord, recipient: Recipient, at: number): Promise<void> {
    const plan = prepareSend(held, recipient.consent, recipient.openid, at);
    if (isDomainError(plan)) throw plan;
    if (plan.kind === 'skip') {
      await settle(held, plan.record);
      return;
    }
    const outcome = onSendResult(held, await sendSubscribe(plan.request), at);
    if (isDomainError(outcome)) throw outcome;
    await settle(held, outcome.record);
    const templateId = held.message?.templateId;
    if (outcome.consent === 'none' || !templateId || !recipient.consent) return;
    if (outcome.consent === 'revoke') {
      // 43101 (rare): the stored record is corrected at once, whatever this page has still to spend.
      const revokedAt = now();
      await updateConsent({ ...ctx, now: revokedAt }, held.recipientId, (c) =>
        applyConsentEffect(c, templateId, 'revoke', revokedAt),
      );
      recipient.consent = applyConsentEffect(recipient.consent, templateId, 'revoke', at);
      return;
    }
    const spent = applyConsentEffect(recipient.consent, templateId, 'consume', at);
    if (spent === recipient.consent) return;
    // A one-time accept spent: counted here, written with the page's others (spendConsents).
    recipient.consent = spent;
    const mine = spends.get(held.recipientId) ?? new Map<string, number>();
    mine.set(templateId, (mine.get(templateId) ?? 0) + 1);
    spends.set(held.recipientId, mine);
  }

  /**
   * Writes the page's spent accepts in a few bulk updates (issue 18: deliveries batch their writes):
   * recipients who spent the same number of the same template share one update, which takes them off
   * the stored count atomically and only where that many are left (a report or a 43101 meanwhile is
   * kept: a person who re-accepted keeps the new accepts; a revoked template stays at zero). A run
   * that dies before this write leaves the count high; WeChat's 43101 corrects it at the next send.
   */
  async function spendConsents(at: number): Promise<string[]> {
    const batch = spends;
    spends = new Map();
    const groups = new Map<string, { templateId: string; n: number; people: string[] }>();
    for (const [personId, byTemplate] of batch) {
      for (const [templateId, n] of byTemplate) {
        const key = `${templateId}|${n}`;
        const group = groups.get(key) ?? { templateId, n, people: [] };
        group.people.push(personId);
        groups.set(key, group);
      }
    }
    for (const g of groups.values()) {
      const field = `templates.${g.templateId}.remaining`;
      await ctx.store.updateWhere(
        'consents',
        { _id: _.in(g.people), [field]: _.gte(g.n) },
        { [field]: _.inc(-g.n), rev: _.inc(1), updatedAt: toBeijingIso(at) },
      );
    }
    return [...batch.keys()];
  }

  /**
   * A page: people and consents in two reads, the claims in a few bulk writes, then each recipient's
   * records in order (recipients in parallel), their outcomes saved in groups. One instant stamps the
   * page (claims, sent times): a page takes seconds, and grouping needs equal changes.
   */
  async function deliverPage(records: readonly OutboxRecord[]): Promise<void> {
    const at = now();
    const held = await claimPage(records, at);
    if (held.length === 0) return;
    const ids = [...new Set(held.map((r) => r.recipientId))];
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
    const byRecipient = ids.map((id) => held.filter((r) => r.recipientId === id));
    await pool(byRecipient, concurrency, async (mine) => {
      const recipient = recipients.get(mine[0]?.recipientId ?? '');
      if (!recipient) return;
      for (const record of mine) {
        try {
          await deliverOne(record, recipient, at);
        } catch (err) {
          // One record's trouble must not stop the others; a held lease expires and it is retried.
          console.error(`[deliver ${record._id}]`, err);
        }
      }
    });
    await flushSaves();
    // 第三十四条: a spent last linkage accept makes its operator unreachable for the next directive's
    // preview (linkage reach counters); the check is pure unless the linkage template turned off.
    for (const personId of await spendConsents(at)) {
      const before = consents.find((c) => c._id === personId);
      const after = recipients.get(personId)?.consent;
      if (before && after) await spentConsentReachChanged(personId, before, after, at);
    }
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
