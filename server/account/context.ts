/**
 * What the account handlers share: the province's rules (one document), the people behind a desk, the
 * notices turned into drafts, and the stable ids that make a double tap or a retry find what the first
 * call made.
 */
import type { AccountRules } from '../../typings/account';
import type { Person } from '../../typings/org';
import { DEFAULT_RULES } from '../../core/account/rules';
import { stableId } from '../../core/account/keys';
import { draftsOf, type Notice } from '../../core/account/notices';
import { bureauOf, type UnitTree } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { command, store } from '../store';
import type { Work } from '../uow';
import { unitName } from '../org/views';

export const RULES_ID = 'rules';

export interface RulesDoc extends AccountRules {
  _id: string;
}

export async function loadRules(): Promise<AccountRules> {
  const doc = await store.get<RulesDoc>('accountRules', RULES_ID);
  if (!doc) return DEFAULT_RULES;
  const { _id: _omit, ...rules } = doc;
  void _omit;
  return rules;
}

/** A stable id from the caller and their key: the same submission always lands on the same document. */
export { stableId };

/** The active people holding the propaganda staff role in these desks (index roleUnit). */
export async function deskStaff(deskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const deskId of new Set(deskIds)) {
    const found = await store.find<Person>(
      'people',
      { 'roles.unitId': deskId, 'roles.role': 'propagandaStaff', active: true },
      { limit: 100, fields: { roles: true } },
    );
    out.set(
      deskId,
      found.filter((p) => p.roles.some((g) => g.role === 'propagandaStaff' && g.unitId === deskId)).map((p) => p._id),
    );
  }
  return out;
}

/**
 * The people a desk's notices reach: its propaganda staff; a desk with nobody in it is not silent — its
 * bureau's responsible person, else its responsible leader, hears instead (第二十九条).
 */
export async function deskRecipients(deskIds: readonly string[], tree: UnitTree): Promise<Map<string, string[]>> {
  const staff = await deskStaff(deskIds);
  for (const [deskId, people] of staff) {
    if (people.length > 0) continue;
    const bureau = bureauOf(deskId, tree);
    const fallback = bureau?.responsibility.personId ?? bureau?.responsibility.leaderId ?? null;
    staff.set(deskId, fallback ? [fallback] : []);
  }
  return staff;
}

/** Queues the notices inside the work, one draft per person reached. */
export async function sendNotices(work: Work, notices: readonly Notice[], tree: UnitTree): Promise<void> {
  const desks = notices.flatMap((n) => n.to.flatMap((t) => ('desk' in t ? [t.desk] : [])));
  const reached = await deskRecipients(desks, tree);
  for (const notice of notices) {
    const people = notice.to.flatMap((t) => ('person' in t ? [t.person] : (reached.get(t.desk) ?? [])));
    for (const draft of draftsOf(notice, people)) work.notify(draft);
  }
}

export const deskNameOf =
  (tree: UnitTree) =>
  (deskId: string): string =>
    unitName(deskId, tree);

export function requireUnit(unitId: string, tree: UnitTree): void {
  if (!tree.byId.has(unitId)) throw commonErrors.notFound('单位');
}

/** People by id, in one query. */
export async function peopleByIds(ids: Iterable<string>): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids)].filter((id) => id !== '');
  if (wanted.length === 0) return new Map();
  const found = await store.find<Person>('people', { _id: command().in(wanted) }, { limit: wanted.length });
  return new Map(found.map((p) => [p._id, p]));
}
