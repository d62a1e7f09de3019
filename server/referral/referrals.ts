/**
 * Referrals (流转, 第二十六条, 第二十七条) as the department handles them: sign, return, ask for more
 * time, answer; the propaganda desk decides extensions. Each is one event on the referral at the
 * revision the page showed: two handlers acting at once cannot both win (CONFLICT for the second).
 */
import * as v from 'valibot';
import type { Account, Person, RoleGrant } from '../../typings/org';
import type { Message, Referral, ReferralDetail, ReferralEvent, ReferralList } from '../../typings/referral';
import type { WorkCalendar } from '../../core/calendar/calendar';
import { applyReferralEvent } from '../../core/referral/referral';
import { bureauOf, type UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store, type Filter } from '../store';
import { runWork } from '../uow';
import {
  departmentOf,
  domainCtx,
  loadAccount,
  loadCalendar,
  loadMessage,
  loadReferral,
  mergeWarnings,
  namesOf,
  unitPathOf,
  upcomingYearWarnings,
  unwrap,
} from './context';
import { applyEffects, changesOf, excerpt, Recipients, REFERRAL_FIELDS, type RoleWanted } from './notices';
import { pageParams } from '../schemas';
import { id, listView, referralRef, text } from './input';
import { referralDetail, referralPeople, referralSummary } from './views';

type ReferralAction =
  | 'referral.get'
  | 'referral.sign'
  | 'referral.return'
  | 'referral.requestExtension'
  | 'referral.decideExtension'
  | 'referral.answer';

interface Loaded {
  caller: Person;
  grant: RoleGrant | null;
  tree: UnitTree;
  referral: Referral;
  account: Account;
  calendar: WorkCalendar;
}

async function loadForReferral(ctx: HandlerContext, referralId: string, act: ReferralAction): Promise<Loaded> {
  const caller = requireCaller(ctx.caller);
  const [tree, referral, calendar] = await Promise.all([loadTree(), loadReferral(referralId), loadCalendar()]);
  const account = await loadAccount(referral.accountId);
  const grant = requirePermission(
    caller,
    act,
    { kind: 'referral', account, departmentId: referral.departmentId },
    tree,
  );
  return { caller, grant, tree, referral, account, calendar };
}

async function detailOf(
  loaded: Loaded,
  now: number,
  referral: Referral,
  message: Message | null,
): Promise<ReferralDetail> {
  const m = message ?? (await loadMessage(referral.messageId));
  return referralDetail({
    referral,
    message: m,
    account: loaded.account,
    caller: loaded.caller,
    tree: loaded.tree,
    ctx: domainCtx(now, loaded.caller, loaded.calendar),
    names: await namesOf(referralPeople(referral)),
    warnings: mergeWarnings(referral.open ? referral.calendarWarnings : [], upcomingYearWarnings(now, loaded.calendar)),
  });
}

/** Role holders an event may notify, found before the transaction. */
function wantedFor(e: ReferralEvent, r: Referral): RoleWanted[] {
  return e.type === 'requestExtension' ? [{ role: 'propagandaStaff', unitId: r.deskId }] : [];
}

async function referralStep(ctx: HandlerContext, loaded: Loaded, event: ReferralEvent): Promise<ReferralDetail> {
  const { caller, grant, tree, account, calendar } = loaded;
  const recipients = await Recipients.resolve(tree, wantedFor(event, loaded.referral));
  const next = await runWork(ctx, { person: caller, grant }, async (work) => {
    const current = await work.load<Referral>('referrals', loaded.referral._id, '流转', event.expectedRev);
    const result = unwrap(applyReferralEvent(current, event, domainCtx(ctx.now, caller, calendar)));
    await work.put('referrals', result.next);
    const approved = event.type === 'decideExtension' ? (event.approve ? '已批准' : '未批准') : undefined;
    applyEffects(work, result.effects, {
      now: ctx.now,
      subjectText: excerpt(result.next.question),
      unitName: result.next.departmentName,
      dueAt: result.next.dueAt,
      actorName: caller.name,
      escalationUnitId: null,
      recipients,
      unitPath: unitPathOf(account.unitId, tree),
      changes: changesOf(current, result.next, REFERRAL_FIELDS),
      ...(approved ? { status: approved } : {}),
    });
    return result.next;
  });
  return detailOf(loaded, ctx.now, next, null);
}

export const get = action({
  access: 'person',
  input: v.strictObject({ referralId: id }),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.get');
    return detailOf(loaded, ctx.now, loaded.referral, null);
  },
});

export const sign = action({
  access: 'person',
  input: v.strictObject(referralRef),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.sign');
    return referralStep(ctx, loaded, { type: 'sign', expectedRev: params.expectedRev });
  },
});

export const returnReferral = action({
  access: 'person',
  input: v.strictObject({ ...referralRef, reason: text(500) }),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.return');
    return referralStep(ctx, loaded, { type: 'return', reason: params.reason, expectedRev: params.expectedRev });
  },
});

export const requestExtension = action({
  access: 'person',
  input: v.strictObject({ ...referralRef, workingDays: v.pipe(v.number(), v.integer()), reason: text(500) }),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.requestExtension');
    return referralStep(ctx, loaded, {
      type: 'requestExtension',
      workingDays: params.workingDays,
      reason: params.reason,
      expectedRev: params.expectedRev,
    });
  },
});

export const decideExtension = action({
  access: 'person',
  input: v.strictObject({ ...referralRef, approve: v.boolean(), comment: v.nullable(text(500)) }),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.decideExtension');
    return referralStep(ctx, loaded, {
      type: 'decideExtension',
      approve: params.approve,
      comment: params.comment,
      expectedRev: params.expectedRev,
    });
  },
});

export const answer = action({
  access: 'person',
  input: v.strictObject({ ...referralRef, outcome: text(2000), replyWording: text(2000) }),
  handle: async (params, ctx): Promise<ReferralDetail> => {
    const loaded = await loadForReferral(ctx, params.referralId, 'referral.answer');
    return referralStep(ctx, loaded, {
      type: 'answer',
      outcome: params.outcome,
      replyWording: params.replyWording,
      expectedRev: params.expectedRev,
    });
  },
});

// --- the list -------------------------------------------------------------------------------------------

/** A page of the list when the caller names no limit (bounded by the shared list bound, server/schemas.ts). */
const LIST_LIMIT = 100;

/** Where a person's list opens: their department, else the bureau of their operator, desk or leader grant. */
function defaultUnit(caller: Person, tree: UnitTree): string {
  const handler = caller.roles.find((g) => g.role === 'departmentHandler');
  if (handler) return handler.unitId;
  const other = caller.roles.find((g) => g.role === 'operator' || g.role === 'propagandaStaff' || g.role === 'leader');
  return (other && bureauOf(other.unitId, tree)?._id) ?? caller.unitId;
}

/**
 * A department's referrals (departmentId), or those of a bureau's accounts (unitId): open ones
 * soonest deadline first, with their urgency for the countdown colours.
 */
export const list = action({
  access: 'person',
  input: v.strictObject({
    unitId: v.optional(id),
    view: v.optional(listView),
    departmentId: v.optional(id),
    ...pageParams,
  }),
  handle: async (params, ctx): Promise<ReferralList> => {
    const caller = requireCaller(ctx.caller);
    const [tree, calendar] = await Promise.all([loadTree(), loadCalendar()]);
    const unit = departmentOf(params.unitId ?? defaultUnit(caller, tree), tree);
    requirePermission(caller, 'referral.list', { kind: 'unit', unitId: unit._id }, tree);
    const view = params.view ?? 'open';
    const filter: Filter = unit.kind === 'department' ? { departmentId: unit._id } : { unitId: unit._id };
    // A bureau's list narrowed to one of the departments it referred to (indexes department*, unit*).
    if (params.departmentId && unit.kind !== 'department') filter.departmentId = params.departmentId;
    if (view === 'open') filter.open = true;
    else filter.state = view;
    const offset = params.offset ?? 0;
    const size = params.limit ?? LIST_LIMIT;
    const found =
      size === 0
        ? []
        : await store.find<Referral>('referrals', filter, {
            orderBy: [
              ['dueAt', view === 'closed' ? 'desc' : 'asc'],
              ['_id', 'asc'],
            ],
            skip: offset,
            limit: size + 1,
          });
    const items = found.slice(0, size);
    return {
      unitId: unit._id,
      unitName: unit.name,
      now: toBeijingIso(ctx.now),
      items: items.map((r) => referralSummary(r, ctx.now)),
      nextOffset: found.length > size ? offset + size : null,
      departments:
        unit.kind === 'department'
          ? []
          : (tree.children.get(unit._id) ?? [])
              .filter((u) => u.kind === 'department')
              .map((u) => ({ id: u._id, name: u.name })),
      warnings: mergeWarnings(
        ...items.filter((r) => r.open).map((r) => r.calendarWarnings),
        upcomingYearWarnings(ctx.now, calendar),
      ),
    };
  },
});
