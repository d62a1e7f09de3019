/**
 * The preview's maintained counters (core/linkage/reach.ts), kept in the transaction of every change
 * that moves them: an account written through saveAccount (opened, closed, suspended, operators
 * rebound, moved to another unit), a person written (deactivated, bound, unbound), and a consent saved
 * (reported or revoked by WeChat, through the uow; spent by a delivery's bulk write, just after it).
 * Reads by id only.
 */
import type { ConsentRecord } from '../../typings/notify';
import type { Account, Person } from '../../typings/org';
import {
  addToDelta,
  applyReach,
  buildReach,
  countedOperators,
  type ReachAccount,
  type LinkageReach,
  type OperatorReachDoc,
  type ReachDelta,
} from '../../core/linkage/reach';
import { hasConsent } from '../../core/notify/consent';
import { templatesFor } from '../../core/notify/templates';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import type { CollectionName } from '../../core/schema';
import { loadTree } from '../org';
import { store, type Doc } from '../store';
import { currentEnvId } from '../uow';
import { readByIds } from './bulk';

/** What both a uow `Work` and a bare transaction offer. */
export interface ReadWrite {
  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null>;
  put<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
}

const linkageTemplate = (): string | null => templatesFor(currentEnvId()).kinds.linkageIssued?.templateId ?? null;

/** WeChat can reach them now: active, bound, holding a consent to the linkage template (as fanout.ts asks). */
export function reachableNow(person: Pick<Person, 'active' | 'openid'> | null, consent: ConsentRecord | null): boolean {
  const templateId = linkageTemplate();
  return (
    person !== null && person.active && person.openid !== null && templateId !== null && hasConsent(consent, templateId)
  );
}

async function writeDelta(rw: ReadWrite, delta: ReachDelta, at: string): Promise<void> {
  const docs = new Map<string, LinkageReach | null>();
  for (const unitId of delta.keys()) docs.set(unitId, await rw.get<LinkageReach>('linkageReach', unitId));
  for (const doc of applyReach(docs, delta, at)) await rw.put('linkageReach', doc);
}

/** An account written (inside the writer's transaction): its operators' lists and the counts of both paths. */
export async function accountReachChanged(
  rw: ReadWrite,
  before: Account | null,
  after: Account,
  treeOf: () => Promise<UnitTree>,
  now: number,
): Promise<void> {
  const was = countedOperators(before);
  const is = countedOperators(after);
  if (was.length === 0 && is.length === 0) return;
  const tree = await treeOf();
  const at = toBeijingIso(now);
  const markers = new Map<string, OperatorReachDoc>();
  for (const personId of new Set([...was, ...is])) {
    let m = await rw.get<OperatorReachDoc>('linkageOperators', personId);
    const created = !m;
    if (!m) {
      // First counted account of theirs: their reach as it is now, in this transaction.
      const [person, consent] = await Promise.all([
        rw.get<Person>('people', personId),
        rw.get<ConsentRecord>('consents', personId),
      ]);
      m = { _id: personId, reachable: reachableNow(person, consent), accountIds: [], updatedAt: at };
    }
    markers.set(personId, m);
    const ids = new Set(m.accountIds);
    const had = ids.has(after._id);
    if (is.includes(personId)) ids.add(after._id);
    else ids.delete(after._id);
    if (created || had !== ids.has(after._id)) {
      await rw.put('linkageOperators', { ...m, accountIds: [...ids].sort(), updatedAt: at });
    }
  }
  const reachOf = (personId: string): boolean => markers.get(personId)?.reachable ?? false;
  const delta: ReachDelta = new Map();
  addToDelta(delta, before, reachOf, -1, tree);
  addToDelta(delta, after, reachOf, 1, tree);
  await writeDelta(rw, delta, at);
}

/**
 * A person's reach may have changed (their document, just written in `rw`, or their consent): when it
 * differs from what the counters counted, every account they run moves, in the same transaction.
 */
export async function personReachChanged(
  rw: ReadWrite,
  person: Person,
  treeOf: () => Promise<UnitTree>,
  now: number,
): Promise<void> {
  const m = await rw.get<OperatorReachDoc>('linkageOperators', person._id);
  if (!m) return; // runs no counted account: nothing counts them
  const reachable = reachableNow(person, await rw.get<ConsentRecord>('consents', person._id));
  await moveReach(rw, m, reachable, treeOf, now);
}

async function moveReach(
  rw: ReadWrite,
  m: OperatorReachDoc,
  reachable: boolean,
  treeOf: () => Promise<UnitTree>,
  now: number,
): Promise<void> {
  if (reachable === m.reachable) return;
  const tree = await treeOf();
  const at = toBeijingIso(now);
  const delta: ReachDelta = new Map();
  for (const accountId of m.accountIds) {
    const a = await rw.get<Account>('accounts', accountId);
    if (!a) continue;
    const others = new Map<string, boolean>();
    for (const id of countedOperators(a)) {
      if (id === m._id) continue;
      others.set(id, (await rw.get<OperatorReachDoc>('linkageOperators', id))?.reachable ?? false);
    }
    addToDelta(delta, a, (id) => (id === m._id ? m.reachable : (others.get(id) ?? false)), -1, tree);
    addToDelta(delta, a, (id) => (id === m._id ? reachable : (others.get(id) ?? false)), 1, tree);
  }
  await rw.put<OperatorReachDoc>('linkageOperators', { ...m, reachable, updatedAt: at });
  await writeDelta(rw, delta, at);
}

/**
 * A consent written in `rw` (the uow's transaction, see server/notify/consent.ts): when it turned the
 * linkage template on or off, the person's reach moves in the same transaction — the consent and the
 * counters commit together or not at all (第三十四条: the preview says whom WeChat can reach).
 * Other templates, and spending one of several accepts, cost nothing.
 */
export async function consentReachChanged(
  rw: ReadWrite,
  before: ConsentRecord | null,
  after: ConsentRecord,
  treeOf: () => Promise<UnitTree>,
  now: number,
): Promise<void> {
  const templateId = linkageTemplate();
  if (templateId === null || hasConsent(before, templateId) === hasConsent(after, templateId)) return;
  const m = await rw.get<OperatorReachDoc>('linkageOperators', after._id);
  if (!m) return; // runs no counted account: nothing counts them
  await moveReach(rw, m, reachableNow(await rw.get<Person>('people', after._id), after), treeOf, now);
}

/**
 * After the delivery's bulk write spent one-time accepts (a multi-document update, outside any
 * transaction, so that a page costs a few writes): when it turned the linkage template off, the
 * person's reach, in a transaction of its own (re-reading the consent there). A run dying between the
 * two leaves the count high until the person's next change.
 */
export async function spentConsentReachChanged(
  personId: string,
  before: ConsentRecord,
  after: ConsentRecord,
  now: number,
): Promise<void> {
  const templateId = linkageTemplate();
  if (templateId === null || hasConsent(before, templateId) === hasConsent(after, templateId)) return;
  if (!(await store.get<OperatorReachDoc>('linkageOperators', personId))) return;
  await store.transaction(async (tx) => {
    const person = await tx.get<Person>('people', personId);
    if (person) await personReachChanged(tx, person, () => loadTree(), now);
  });
}

/** The counters from scratch over every account (a database written before them: account.adoptExisting). */
export async function rebuildReach(tree: UnitTree, accounts: readonly ReachAccount[], at: string): Promise<void> {
  const operators = [...new Set(accounts.flatMap((a) => countedOperators(a)))];
  const [people, consents] = await Promise.all([
    readByIds<Person>(store, 'people', operators, { _id: true, active: true, openid: true }),
    readByIds<ConsentRecord>(store, 'consents', operators),
  ]);
  const consentOf = new Map(consents.map((c) => [c._id, c]));
  const reachable = new Set(people.filter((p) => reachableNow(p, consentOf.get(p._id) ?? null)).map((p) => p._id));
  const built = buildReach(tree, accounts, (id) => reachable.has(id), at);
  for (const doc of built.reach) await store.put('linkageReach', doc);
  for (const doc of built.operators) await store.put('linkageOperators', doc);
}
