/**
 * Security incidents (第三十三条): reported by anyone on the account and told at once — an inbox notice
 * always, a subscribe message where the person consented — to the propaganda desks over the account
 * (its own bureau's and the one above: 上级主管部门) and the unit's responsible leader (第二十九条). An
 * incident of a compromising kind puts a hold on the account's posting in the same transaction; the
 * desk lifts it. The timeline's steps are recorded one at a time with the revision the page showed.
 */
import * as v from 'valibot';
import type { NotificationDraft } from '../../typings/notify';
import type { Account, Person, Role, RoleGrant } from '../../typings/org';
import type { AccountSecurity, Incident, IncidentPage, IncidentState, IncidentView } from '../../typings/security';
import {
  closeIncident,
  holdsAfter,
  INCIDENT_RULES,
  liftSuspension,
  recordStep,
  reportIncident,
  STEP_LABELS,
} from '../../core/security/incidents';
import { namedPeople } from '../../core/security/rotation';
import { securityError } from '../../core/security/errors';
import { isDomainError, type DomainError } from '../../core/errors';
import { deepLink } from '../../core/notify/message';
import { escalationTargets, propagandaDeskOf, superiorBureauOf, type UnitTree } from '../../core/org/tree';
import { operatorsOf } from '../../core/post/account';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store, type Filter } from '../store';
import { runWork, type Work } from '../uow';
import { loadAccount, loadPolicyIn, peopleById, securityIn, unitPathOf } from './context';
import {
  id,
  incidentKind,
  isoTime,
  limit,
  nextOffsetOf,
  offset,
  page,
  requestKey,
  rev,
  stepInput,
  text,
} from './input';
import { stableId } from './rotation';
import { incidentItem, incidentView } from './views';

export const INCIDENT_PAGE = '/packages/security/pages/incident/index';

async function loadIncident(incidentId: string): Promise<Incident> {
  const incident = await store.get<Incident>('incidents', incidentId);
  if (!incident) throw securityError('INCIDENT_UNKNOWN');
  return incident;
}

const holds = (p: Person, role: Role, unitId: string): boolean =>
  p.roles.some((g) => g.role === role && g.unitId === unitId);

/**
 * 第三十三条 "立即报告上级主管部门": the staff of the propaganda desk of the account's bureau and of the
 * bureau above, and the unit's responsible leader (第二十九条, the nearest one named up the tree).
 */
export async function incidentRecipients(account: Account, tree: UnitTree): Promise<string[]> {
  const desks = [
    propagandaDeskOf(account.unitId, tree),
    (() => {
      const above = superiorBureauOf(account.unitId, tree);
      return above ? propagandaDeskOf(above._id, tree) : undefined;
    })(),
  ].filter((d): d is NonNullable<typeof d> => d !== undefined);
  const out = new Set<string>();
  for (const desk of desks) {
    const staff = await store.find<Person>('people', { 'roles.unitId': desk._id, active: true }, { limit: 50 });
    for (const p of staff) if (holds(p, 'propagandaStaff', desk._id)) out.add(p._id);
  }
  const leader = escalationTargets(account.unitId, tree).find((t) => t.kind === 'leader');
  if (leader) out.add(leader.id);
  return [...out];
}

function incidentNotices(
  incident: Incident,
  recipients: readonly string[],
  occasion: string,
  title: string,
  text: string,
  actorName: string,
): NotificationDraft[] {
  return recipients.map((recipientId) => ({
    kind: 'securityIncident',
    recipientId,
    title,
    text,
    link: deepLink(INCIDENT_PAGE, { id: incident._id }),
    subject: { collection: 'incidents', id: incident._id },
    values: {
      subject: `${INCIDENT_RULES[incident.kind].label}：${incident.accountName}`,
      account: incident.accountName,
      eventAt: incident.happenedAt,
      actor: actorName,
      status: incident.state === 'open' ? '处置中' : '已结案',
    },
    dedupeKey: `securityIncident:incidents/${incident._id}:${occasion}:${recipientId}`,
    escalation: null,
  }));
}

/** The account's record with this incident's hold put on or taken off, saved in the same transaction. */
async function updateHolds(
  work: Work,
  incident: Incident,
  account: Account,
  tree: UnitTree,
  now: number,
): Promise<void> {
  const loaded = await loadPolicyIn(work);
  const stored = await work.get<AccountSecurity>('accountSecurity', account._id);
  const people = new Map<string, Person>();
  if (!stored) {
    for (const personId of namedPeople(account, null)) {
      const p = await work.get<Person>('people', personId);
      if (p) people.set(personId, p);
    }
  }
  const security = stored ?? (await securityIn(work, account, tree, loaded, people, now));
  const postingHolds = holdsAfter(security, incident);
  if (JSON.stringify(postingHolds) === JSON.stringify(security.postingHolds) && stored) return;
  await work.put('accountSecurity', { ...security, postingHolds, rev: security.rev + 1 });
}

async function viewOf(incident: Incident, account: Account, tree: UnitTree, caller: Person): Promise<IncidentView> {
  const people = await peopleById([incident.reportedBy, ...incident.steps.map((s) => s.by)]);
  return incidentView(incident, account, tree, caller, people);
}

const unwrap = <T>(x: T | DomainError): T => {
  if (isDomainError(x)) throw x;
  return x;
};

export const incidentReport = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    requestKey,
    kind: incidentKind,
    happenedAt: isoTime,
    description: text(1000),
  }),
  handle: async (params, ctx): Promise<IncidentView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    const grant = requirePermission(caller, 'security.incidentReport', { kind: 'account', account }, tree);
    const incidentId = stableId('inc', caller._id, params.requestKey);
    const existing = await store.get<Incident>('incidents', incidentId);
    if (existing) return viewOf(existing, account, tree, caller);
    const recipients = (await incidentRecipients(account, tree)).filter((p) => p !== caller._id);
    const incident = await runWork(ctx, { person: caller, grant }, async (work) => {
      // A double tap: the first report stands, the second finds it.
      const again = await work.get<Incident>('incidents', incidentId);
      if (again) return again;
      const created = unwrap(
        reportIncident({
          id: incidentId,
          account,
          unitPath: unitPathOf(account.unitId, tree),
          kind: params.kind,
          happenedAt: params.happenedAt,
          description: params.description,
          reportedBy: caller._id,
          now: ctx.now,
        }),
      );
      const stored = { ...created, rev: 1 };
      await work.create('incidents', stored);
      if (stored.suspended) await updateHolds(work, stored, account, tree, ctx.now);
      const label = INCIDENT_RULES[stored.kind].label;
      work.audit({
        action: 'security.incidentReport',
        object: { collection: 'incidents', id: stored._id },
        summary: `报告安全事件：${account.name}（${label}）${stored.suspended ? '，账号暂停发布' : ''}`,
        unitPath: stored.unitPath,
      });
      const suspendedText = stored.suspended ? '账号已暂停发布，' : '';
      for (const draft of incidentNotices(
        stored,
        recipients,
        'reported',
        `安全事件：${account.name}${label}`,
        `${caller.name}报告${account.name}发生${label}，${suspendedText}请立即督促处置并联系平台（第三十三条）`,
        caller.name,
      ))
        work.notify(draft);
      return stored;
    });
    return viewOf(incident, account, tree, caller);
  },
});

interface Loaded {
  caller: Person;
  grant: RoleGrant | null;
  tree: UnitTree;
  incident: Incident;
  account: Account;
}

async function loadFor(
  ctx: HandlerContext,
  incidentId: string,
  act: 'security.incidentStep' | 'security.incidentLift' | 'security.incidentClose' | 'security.incident',
): Promise<Loaded> {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const incident = await loadIncident(incidentId);
  const account = await loadAccount(incident.accountId);
  const grant = requirePermission(caller, act, { kind: 'account', account }, tree);
  return { caller, grant, tree, incident, account };
}

/** Load → apply one event → save, on the revision the page showed. */
async function transition(
  ctx: HandlerContext,
  l: Loaded,
  expectedRev: number,
  act: 'security.incidentStep' | 'security.incidentLift' | 'security.incidentClose',
  apply: (incident: Incident) => Incident | DomainError,
  summary: (next: Incident) => string,
  notices: (next: Incident) => NotificationDraft[] = () => [],
): Promise<IncidentView> {
  const next = await runWork(ctx, { person: l.caller, grant: l.grant }, async (work) => {
    const current = await work.load<Incident>('incidents', l.incident._id, '安全事件', expectedRev);
    const changed = { ...unwrap(apply(current)), rev: current.rev + 1 };
    await work.put('incidents', changed);
    if (current.suspended !== changed.suspended) await updateHolds(work, changed, l.account, l.tree, ctx.now);
    work.audit({
      action: act,
      object: { collection: 'incidents', id: changed._id },
      summary: summary(changed),
      unitPath: changed.unitPath,
    });
    for (const draft of notices(changed)) work.notify(draft);
    return changed;
  });
  return viewOf(next, l.account, l.tree, l.caller);
}

export const incidentStep = action({
  access: 'person',
  input: v.strictObject({ incidentId: id, expectedRev: rev, step: stepInput }),
  handle: async (params, ctx): Promise<IncidentView> => {
    const l = await loadFor(ctx, params.incidentId, 'security.incidentStep');
    return transition(
      ctx,
      l,
      params.expectedRev,
      'security.incidentStep',
      (incident) => recordStep(incident, params.step, l.caller._id, ctx.now),
      (next) => `安全事件处置：${next.accountName}（${STEP_LABELS[params.step.kind]}）`,
    );
  },
});

export const incidentLift = action({
  access: 'person',
  input: v.strictObject({ incidentId: id, expectedRev: rev, note: text(500) }),
  handle: async (params, ctx): Promise<IncidentView> => {
    const l = await loadFor(ctx, params.incidentId, 'security.incidentLift');
    return transition(
      ctx,
      l,
      params.expectedRev,
      'security.incidentLift',
      (incident) => liftSuspension(incident, params.note, l.caller._id, ctx.now),
      (next) => `解除${next.accountName}暂停发布`,
      (next) =>
        incidentNotices(
          next,
          operatorsOf(l.account).filter((p) => p !== l.caller._id),
          'lifted',
          `${next.accountName}已解除暂停发布`,
          `${l.caller.name}已解除${next.accountName}的暂停发布，发布前请再次确认账号安全`,
          l.caller.name,
        ),
    );
  },
});

export const incidentClose = action({
  access: 'person',
  input: v.strictObject({ incidentId: id, expectedRev: rev, summary: text(1000) }),
  handle: async (params, ctx): Promise<IncidentView> => {
    const l = await loadFor(ctx, params.incidentId, 'security.incidentClose');
    return transition(
      ctx,
      l,
      params.expectedRev,
      'security.incidentClose',
      (incident) => closeIncident(incident, params.summary, l.caller._id, ctx.now),
      (next) => `安全事件结案：${next.accountName}（${INCIDENT_RULES[next.kind].label}）`,
      (next) =>
        incidentNotices(
          next,
          [...new Set([next.reportedBy, ...operatorsOf(l.account)])].filter((p) => p !== l.caller._id),
          'closed',
          `安全事件已结案：${next.accountName}`,
          `${l.caller.name}已将${next.accountName}的安全事件结案：${next.summary ?? ''}`,
          l.caller.name,
        ),
    );
  },
});

export const incident = action({
  access: 'person',
  input: v.strictObject({ incidentId: id }),
  handle: async (params, ctx): Promise<IncidentView> => {
    const l = await loadFor(ctx, params.incidentId, 'security.incident');
    return viewOf(l.incident, l.account, l.tree, l.caller);
  },
});

export const incidents = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    state: v.optional(v.picklist(['open', 'closed'] satisfies IncidentState[])),
    accountId: v.optional(id),
    offset,
    limit,
  }),
  handle: async (params, ctx): Promise<IncidentPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw securityError('UNIT_UNKNOWN');
    requirePermission(caller, 'security.incidents', { kind: 'unit', unitId: params.unitId }, tree);
    const { from, size } = page(params);
    // unitPath (+ state) index; one account: the account index, the unit path still bounding the scope.
    const filter: Filter = params.accountId
      ? { accountId: params.accountId, unitPath: params.unitId }
      : { unitPath: params.unitId };
    if (params.state) filter.state = params.state;
    const rows = await store.find<Incident>('incidents', filter, {
      orderBy: [
        ['reportedAt', 'desc'],
        ['_id', 'desc'],
      ],
      skip: from,
      limit: size + 1,
    });
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    return { items: items.map((i) => incidentItem(i, tree)), nextOffset };
  },
});
