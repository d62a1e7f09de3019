/** What the account pages read: documents turned into views, with names and labels resolved. */
import type {
  AccountApplication,
  ApplicationDetail,
  ApplicationSummary,
  Filing,
  FilingView,
  OpenItems,
  RegistryItem,
} from '../../typings/account';
import type { Account, Person, PersonRef } from '../../typings/org';
import {
  ACCOUNT_STATE_LABELS,
  APPLICATION_STATE_LABELS,
  APPLICATION_TYPE_LABELS,
  FILING_EVENT_LABELS,
  FILING_STATE_LABELS,
  platformLabel,
  STEP_LABELS,
} from '../../core/account/catalogue';
import { staffOfDesk } from '../../core/account/deciders';
import { namingProblem, namingSubject } from '../../core/account/rules';
import type { AccountRules } from '../../typings/account';
import type { UnitTree } from '../../core/org/tree';
import { unitName } from '../org/views';

const UNKNOWN = '（未知人员）';

export function applicationSummary(app: AccountApplication, tree: UnitTree): ApplicationSummary {
  return {
    id: app._id,
    type: app.type,
    typeLabel: APPLICATION_TYPE_LABELS[app.type],
    state: app.state,
    stateLabel: APPLICATION_STATE_LABELS[app.state],
    unitId: app.unitId,
    unitName: unitName(app.unitId, tree),
    kind: app.kind,
    platform: app.platform,
    platformLabel: platformLabel(app.platform),
    name: app.name,
    applicantName: app.applicantName,
    deciderName: unitName(app.deciderId, tree),
    submittedAt: app.submittedAt,
    decidedAt: app.decidedAt,
    accountId: app.accountId,
    rev: app.rev,
  };
}

const ref = (id: string | null, people: ReadonlyMap<string, Person>): PersonRef | null =>
  id === null ? null : { id, name: people.get(id)?.name ?? UNKNOWN };

export function applicationPeopleIds(app: AccountApplication): string[] {
  const c = app.opening?.conditions;
  return [app.ownerId, c?.operatorA ?? null, c?.operatorB ?? null, ...(c?.reviewerIds ?? [])].filter(
    (x): x is string => x !== null,
  );
}

export function applicationDetail(
  app: AccountApplication,
  ctx: {
    tree: UnitTree;
    people: ReadonlyMap<string, Person>;
    caller: Person;
    rules: AccountRules;
    openItems: OpenItems | null;
  },
): ApplicationDetail {
  const { tree, people, caller } = ctx;
  const c = app.opening?.conditions;
  const unit = tree.byId.get(app.unitId);
  const mine = app.applicantId === caller._id;
  return {
    ...applicationSummary(app, tree),
    deciderId: app.deciderId,
    deciderArticle: app.deciderArticle,
    opening: app.opening,
    registration: app.registration,
    reason: app.reason,
    owner: ref(app.ownerId, people),
    staff: {
      operatorA: ref(c?.operatorA ?? null, people),
      operatorB: ref(c?.operatorB ?? null, people),
      reviewers: (c?.reviewerIds ?? []).map((id) => ({ id, name: people.get(id)?.name ?? UNKNOWN })),
    },
    log: app.log.map((s) => ({ ...s, label: STEP_LABELS[s.step] })),
    openItems: ctx.openItems,
    can: {
      decide: app.state === 'pending' && !mine && staffOfDesk(caller, app.deciderId),
      withdraw: mine && (app.state === 'pending' || app.state === 'returned'),
      amend: mine && app.type === 'open' && app.state === 'returned',
    },
    namingAdvice:
      app.type === 'open' && unit ? namingProblem(app.name, ctx.rules.naming, namingSubject(unit, tree)) : null,
  };
}

export function filingView(f: Filing, tree: UnitTree, caller: Person, now: number): FilingView {
  return {
    id: f._id,
    event: f.event,
    eventLabel: FILING_EVENT_LABELS[f.event],
    state: f.state,
    stateLabel: FILING_STATE_LABELS[f.state],
    accountId: f.accountId,
    accountName: f.accountName,
    platformLabel: platformLabel(f.platform),
    unitName: unitName(f.unitId, tree),
    filerDeskName: unitName(f.filerDeskId, tree),
    receiverDeskName: unitName(f.receiverDeskId, tree),
    approvedAt: f.approvedAt,
    dueAt: f.dueAt,
    overdue: f.state === 'due' && Date.parse(f.dueAt) < now,
    filedAt: f.filedAt,
    acknowledgedAt: f.acknowledgedAt,
    note: f.note,
    documents: f.documents,
    log: f.log,
    can: {
      file: (f.state === 'due' || f.state === 'queried') && staffOfDesk(caller, f.filerDeskId),
      acknowledge: f.state === 'filed' && staffOfDesk(caller, f.receiverDeskId),
      query: f.state === 'filed' && staffOfDesk(caller, f.receiverDeskId),
    },
    rev: f.rev,
  };
}

export function registryItem(a: Account, tree: UnitTree, people: ReadonlyMap<string, Person>): RegistryItem {
  const owner = a.ownerId ? people.get(a.ownerId) : undefined;
  return {
    accountId: a._id,
    name: a.name,
    platformLabel: platformLabel(a.platform),
    platformId: a.platformId,
    owner: ref(a.ownerId, people),
    ownerAuxiliary: owner?.auxiliary ?? false,
    ownerClassified: owner?.classifiedPost ?? false,
    unitName: unitName(a.unitId, tree),
    realNameVerified: a.realNameVerified,
    state: a.state,
    stateLabel: ACCOUNT_STATE_LABELS[a.state],
    origin: a.lifecycle?.origin ?? 'preSystem',
    exceptionApproval: a.exceptionApproval,
    mark: a.mark ?? null,
    rev: a.rev,
  };
}
