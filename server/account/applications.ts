/**
 * Applications: open (第十条, 第十一条), close and cancel (第十三条), a classified-post officer's
 * registration (第三十九条), and the desk's decisions. Each action: validate at the edge, authorize,
 * then load → apply one core event → save inside one transaction. A submission's id comes from the
 * caller and their client key, so a double tap or a retry finds the first one; two deciders at once
 * race on the application's rev and one gets CONFLICT.
 */
import * as v from 'valibot';
import type {
  AccountApplication,
  ApplicationDetail,
  ApplicationsPage,
  OpeningFields,
  OpenItems,
  RegisterResult,
} from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import {
  amendApplication,
  closeApplication,
  decideApplication,
  openApplication,
  registerPersonal,
  withdrawApplication,
  type Outcome,
  type Result,
} from '../../core/account/application';
import { accountError } from '../../core/account/errors';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { applyEffects } from '../org/effects';
import { loadCalendar } from '../referral/context';
import { command, store } from '../store';
import { runWork, type Work } from '../uow';
import { deskNameOf, loadRules, peopleByIds, sendNotices, stableId } from './context';
import { countOpenItems, openItemsOf } from './handover';
import { clientKey, id, openingFields, paged, PAGE_DEFAULT, nextOf, registrationFields, rev, text } from './input';
import { claimName, claimTaken, closeClaimId, putClaim, releaseName, saveAccount } from './sync';
import { applicationDetail, applicationPeopleIds, applicationSummary, registryItem } from './views';

function unwrap<T>(result: Result<T>): Outcome<T> {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Saves what an outcome asks besides its main document: the account, the filing, audits and notices. */
async function saveOutcome<T>(
  work: Work,
  outcome: Outcome<T>,
  ctx: HandlerContext,
  tree: UnitTree,
  caller: Person,
  applicationId: string | null,
): Promise<Account | null> {
  let saved: Account | null = null;
  if (outcome.account) {
    saved = await saveAccount(work, outcome.account, {
      tree,
      now: ctx.now,
      personId: caller._id,
      applicationId,
      newId: () => ctx.newId(),
    });
  }
  if (outcome.filing) await work.create('filings', outcome.filing);
  applyEffects(work, outcome.audits);
  await sendNotices(work, outcome.notices, tree);
  return saved;
}

async function detailOf(app: AccountApplication, caller: Person, tree: UnitTree): Promise<ApplicationDetail> {
  const [people, rules, openItems] = await Promise.all([
    peopleByIds(applicationPeopleIds(app)),
    loadRules(),
    app.accountId && (app.type === 'close' || app.type === 'cancel') && app.state === 'pending'
      ? openItemsOf(app.accountId)
      : Promise.resolve<OpenItems | null>(null),
  ]);
  return applicationDetail(app, { tree, people, caller, rules, openItems });
}

const holderOf = (app: AccountApplication) => ({ collection: 'accountApplications' as const, id: app._id });

/** The same key from the same person answers with what the first call made; another submission under it is refused. */
function sameSubmission(
  found: AccountApplication,
  type: AccountApplication['type'],
  key: { unitId: string; platform: string; name: string },
): void {
  if (
    found.type !== type ||
    found.unitId !== key.unitId ||
    found.platform !== key.platform ||
    found.name !== key.name.trim()
  ) {
    throw accountError('KEY_REUSED');
  }
}

function conditionPeople(fields: OpeningFields): string[] {
  const c = fields.conditions;
  return [c.operatorA, c.operatorB, ...c.reviewerIds].filter((x): x is string => x !== null);
}

// ---- apply / amend / withdraw ------------------------------------------------------------------------

export const apply = action({
  access: 'person',
  input: v.strictObject({ ...openingFields, clientKey }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!tree.byId.has(params.unitId)) throw accountError('UNIT_UNKNOWN');
    const grant = requirePermission(caller, 'account.apply', { kind: 'unit', unitId: params.unitId }, tree);
    const { clientKey: key, ...fields } = params;
    const appId = stableId('app', caller._id, key);
    const people = await peopleByIds(conditionPeople(fields));
    const app = await runWork(ctx, { person: caller, grant }, async (work) => {
      const found = await work.get<AccountApplication>('accountApplications', appId);
      if (found) {
        sameSubmission(found, 'open', fields);
        return found;
      }
      const outcome = unwrap(
        openApplication({ id: appId, clientKey: key, fields }, { now: ctx.now, actor: caller, tree, people }),
      );
      await claimName(work, outcome.next, holderOf(outcome.next), outcome.next.createdAt);
      await work.create('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, appId);
      return outcome.next;
    });
    return detailOf(app, caller, tree);
  },
});

export const amend = action({
  access: 'person',
  input: v.strictObject({ ...openingFields, applicationId: id, expectedRev: rev }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.amend', { kind: 'none' }, tree);
    const { applicationId, expectedRev, ...fields } = params;
    const people = await peopleByIds(conditionPeople(fields));
    const app = await runWork(ctx, { person: caller, grant: null }, async (work) => {
      const current = await work.load<AccountApplication>('accountApplications', applicationId, '申请');
      const outcome = unwrap(amendApplication(current, fields, { now: ctx.now, actor: caller, tree, people }));
      if (current.rev !== expectedRev) throw commonErrors.conflict();
      if (current.nameKey !== outcome.next.nameKey || current.platform !== outcome.next.platform) {
        await claimName(work, outcome.next, holderOf(current), outcome.next.updatedAt);
        await releaseName(work, current, holderOf(current), outcome.next.updatedAt);
      }
      await work.put('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, current._id);
      return outcome.next;
    });
    return detailOf(app, caller, tree);
  },
});

export const withdraw = action({
  access: 'person',
  input: v.strictObject({ applicationId: id, expectedRev: rev, reason: v.optional(text(200)) }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.withdraw', { kind: 'none' }, tree);
    const app = await runWork(ctx, { person: caller, grant: null }, async (work) => {
      const current = await work.load<AccountApplication>('accountApplications', params.applicationId, '申请');
      const outcome = unwrap(
        withdrawApplication(current, params.reason ?? null, { now: ctx.now, actor: caller, tree }),
      );
      if (current.rev !== params.expectedRev) throw commonErrors.conflict();
      await releaseClaims(work, current, outcome.next.updatedAt);
      await work.put('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, current._id);
      return outcome.next;
    });
    return detailOf(app, caller, tree);
  },
});

/** A refused or withdrawn application lets go of what it held: its name, or its account's closing. */
async function releaseClaims(work: Work, app: AccountApplication, at: string): Promise<void> {
  if (app.type === 'open' || app.type === 'register') await releaseName(work, app, holderOf(app), at);
  else if (app.accountId) await putClaim(work, closeClaimId(app.accountId), null, at);
}

// ---- close / cancel (第十三条) -------------------------------------------------------------------------

export const applyClose = action({
  access: 'person',
  input: v.strictObject({
    accountId: id,
    type: v.picklist(['close', 'cancel'] as const),
    reason: text(500),
    clientKey,
  }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const appId = stableId('close', caller._id, params.clientKey);
    const app = await runWork(ctx, null, async (work) => {
      const account = await work.get<Account>('accounts', params.accountId);
      if (!account) throw accountError('ACCOUNT_UNKNOWN');
      const grant = requirePermission(
        caller,
        'account.applyClose',
        { kind: 'account', account: { ...account, applicantId: account.lifecycle?.applicantId ?? null } },
        tree,
      );
      work.setActor({ person: caller, grant });
      const found = await work.get<AccountApplication>('accountApplications', appId);
      if (found) {
        if (found.accountId !== account._id || found.type !== params.type) throw accountError('KEY_REUSED');
        return found;
      }
      const owner = account.ownerId ? await work.get<Person>('people', account.ownerId) : null;
      const outcome = unwrap(
        closeApplication(
          { id: appId, clientKey: params.clientKey, account, type: params.type, reason: params.reason, owner },
          { now: ctx.now, actor: caller, tree },
        ),
      );
      // One closing application per account at a time.
      if (await claimTaken(work, closeClaimId(account._id), holderOf(outcome.next)))
        throw accountError('CLOSE_PENDING');
      await putClaim(work, closeClaimId(account._id), holderOf(outcome.next), outcome.next.createdAt);
      await work.create('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, appId);
      return outcome.next;
    });
    return detailOf(app, caller, tree);
  },
});

// ---- personal registration (第三十九条) ----------------------------------------------------------------

export const register = action({
  access: 'person',
  input: v.strictObject({ ...registrationFields, clientKey }),
  handle: async (params, ctx): Promise<RegisterResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.register', { kind: 'none' }, tree);
    const { clientKey: key, ...fields } = params;
    const appId = stableId('reg', caller._id, key);
    const accountId = stableId('acc', caller._id, key);
    return runWork(ctx, { person: caller, grant: null }, async (work): Promise<RegisterResult> => {
      const [foundAccount, foundApp] = await Promise.all([
        work.get<Account>('accounts', accountId),
        work.get<AccountApplication>('accountApplications', appId),
      ]);
      const self = new Map([[caller._id, caller]]);
      if (foundAccount) return { account: registryItem(foundAccount, tree, self), application: null };
      if (foundApp) return { account: null, application: applicationSummary(foundApp, tree) };
      const result = registerPersonal(
        { id: appId, clientKey: key, accountId, fields },
        { now: ctx.now, actor: caller, tree },
      );
      if (!result.ok) throw result.error;
      if (result.value.kind === 'registered') {
        const saved = await saveAccount(
          work,
          { before: null, after: result.value.account, article: '第三十九条' },
          { tree, now: ctx.now, personId: caller._id, applicationId: null, newId: () => ctx.newId() },
        );
        applyEffects(work, result.value.audits);
        return { account: registryItem(saved, tree, self), application: null };
      }
      const outcome = result.value.outcome;
      await claimName(work, outcome.next, holderOf(outcome.next), outcome.next.createdAt);
      await work.create('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, appId);
      return { account: null, application: applicationSummary(outcome.next, tree) };
    });
  },
});

// ---- decide ------------------------------------------------------------------------------------------

export const decide = action({
  access: 'person',
  input: v.strictObject({
    applicationId: id,
    expectedRev: rev,
    decision: v.picklist(['approve', 'refuse', 'return'] as const),
    reason: v.optional(text(500)),
  }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'account.decide', { kind: 'none' }, tree);
    const loaded = await store.get<AccountApplication>('accountApplications', params.applicationId);
    if (!loaded) throw accountError('APPLICATION_UNKNOWN');
    const [rules, calendar, people, openItems] = await Promise.all([
      loadRules(),
      loadCalendar(),
      peopleByIds([...applicationPeopleIds(loaded), loaded.applicantId]),
      loaded.accountId && (loaded.type === 'close' || loaded.type === 'cancel') && params.decision === 'approve'
        ? countOpenItems(loaded.accountId)
        : Promise.resolve(0),
    ]);
    const app = await runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await work.load<AccountApplication>('accountApplications', params.applicationId, '申请');
      const account = current.accountId ? await work.get<Account>('accounts', current.accountId) : null;
      const outcome = unwrap(
        decideApplication(current, params.decision, params.reason ?? null, {
          now: ctx.now,
          actor: caller,
          tree,
          newId: () => ctx.newId(),
          rules,
          calendar,
          people,
          account,
          openItems,
          deskName: deskNameOf(tree),
        }),
      );
      // Checked after the rules so that the later of two deciders hears "already decided" when it was.
      if (current.rev !== params.expectedRev) throw commonErrors.conflict();
      if (outcome.next.state === 'refused') await releaseClaims(work, current, outcome.next.updatedAt);
      if (outcome.next.state === 'approved' && current.type !== 'open' && current.type !== 'register') {
        await putClaim(work, closeClaimId(current.accountId ?? ''), null, outcome.next.updatedAt);
      }
      await work.put('accountApplications', outcome.next);
      await saveOutcome(work, outcome, ctx, tree, caller, current._id);
      return outcome.next;
    });
    return detailOf(app, caller, tree);
  },
});

// ---- lists and detail --------------------------------------------------------------------------------

/** The desks the caller decides for (propaganda staff grants). */
const desksOf = (caller: Person): string[] =>
  caller.roles.filter((g) => g.role === 'propagandaStaff').map((g) => g.unitId);

export const applications = action({
  access: 'person',
  input: v.strictObject({ box: v.picklist(['mine', 'toDecide', 'decided'] as const), ...paged }),
  handle: async (params, ctx): Promise<ApplicationsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.applications', { kind: 'none' }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const _ = command();
    const desks = desksOf(caller);
    let page: AccountApplication[] = [];
    if (params.box === 'mine') {
      page = await store.find<AccountApplication>(
        'accountApplications',
        { applicantId: caller._id },
        {
          orderBy: [['updatedAt', 'desc']],
          skip: offset,
          limit: limit + 1,
        },
      );
    } else if (desks.length > 0) {
      const deciderId = desks.length === 1 ? desks[0] : _.in(desks);
      page =
        params.box === 'toDecide'
          ? await store.find<AccountApplication>(
              'accountApplications',
              { deciderId, state: 'pending' },
              {
                orderBy: [['submittedAt', 'asc']],
                skip: offset,
                limit: limit + 1,
              },
            )
          : await store.find<AccountApplication>(
              'accountApplications',
              { deciderId, decidedAt: _.gt('') },
              {
                orderBy: [['decidedAt', 'desc']],
                skip: offset,
                limit: limit + 1,
              },
            );
    }
    return {
      items: page.slice(0, limit).map((a) => applicationSummary(a, tree)),
      nextOffset: nextOf(offset, limit, page.length),
    };
  },
});

export const application = action({
  access: 'person',
  input: v.strictObject({ applicationId: id }),
  handle: async (params, ctx): Promise<ApplicationDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const app = await store.get<AccountApplication>('accountApplications', params.applicationId);
    if (!app) throw accountError('APPLICATION_UNKNOWN');
    // The applicant and the deciding desk read it; so do the unit's admin, leaders and desks above.
    const involved = app.applicantId === caller._id || desksOf(caller).includes(app.deciderId);
    if (!involved) requirePermission(caller, 'account.application', { kind: 'unit', unitId: app.unitId }, tree);
    return detailOf(app, caller, tree);
  },
});
