/**
 * Netizen messages (第二十二条至第二十八条): recorded one at a time or as a pasted batch, triaged,
 * handled step by step (reply, notice, clean-up, deferral, referral) and closed with an outcome.
 * Every step is one event: load the message at the revision the page showed, apply the core's
 * transition, save it with its audit entries and notices in one transaction.
 */
import * as v from 'valibot';
import { accountClosedError } from '../../core/account/guards';
import type { Account, Person, RoleGrant } from '../../typings/org';
import type {
  Effect,
  Message,
  MessageDetail,
  MessageEvent,
  MessageInput,
  MessageRecordResult,
  MessagesPage,
  OperatedAccount,
  Referral,
} from '../../typings/referral';
import { MAX_PASTE_CHARS, parseMessageBatch } from '../../core/message/batch';
import { fail } from '../../core/referral/errors';
import { applyMessageEvent, messageSizeProblem, recordMessage } from '../../core/message/message';
import { commonErrors, isDomainError, type DomainError } from '../../core/errors';
import { cursorParams, LIST_BOUNDS, ruleText } from '../schemas';
import { bureauOf, propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { applyReferralEvent, createReferral } from '../../core/referral/referral';
import { toBeijingIso } from '../../core/time';
import type { WorkCalendar } from '../../core/calendar/calendar';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { runWork, type Work } from '../uow';
import {
  departmentOf,
  domainCtx,
  loadAccount,
  loadCalendar,
  loadMessage,
  mergeWarnings,
  namesOf,
  referralShellErrors,
  referralsOfMessage,
  unitPathOf,
  unwrap,
} from './context';
import {
  applyEffects,
  changesOf,
  excerpt,
  MESSAGE_FIELDS,
  Recipients,
  REFERRAL_FIELDS,
  type RoleWanted,
} from './notices';
import { screenMessage } from './screening';
import { deadlineClass, id, isoTime, messageRef, messageState, outcome, text, triage } from './input';
import { messageDetail, messagePeople, messageSummary } from './views';

/** The actions on one message that take the account as their target. */
type MessageAction =
  | 'referral.messageTriage'
  | 'referral.reply'
  | 'referral.notice'
  | 'referral.cleanUp'
  | 'referral.defer'
  | 'referral.messageClose';

interface Loaded {
  caller: Person;
  grant: RoleGrant | null;
  tree: UnitTree;
  message: Message;
  account: Account;
  calendar: WorkCalendar;
  referrals: Referral[];
}

async function loadForMessage(
  ctx: HandlerContext,
  messageId: string,
  act: MessageAction | 'referral.message',
): Promise<Loaded> {
  const caller = requireCaller(ctx.caller);
  const [tree, message, calendar] = await Promise.all([loadTree(), loadMessage(messageId), loadCalendar()]);
  const account = await loadAccount(message.accountId);
  const grant = requirePermission(caller, act, { kind: 'account', account }, tree);
  const referrals = await referralsOfMessage(message._id);
  return { caller, grant, tree, message, account, calendar, referrals };
}

async function detailOf(
  loaded: Loaded,
  now: number,
  message: Message,
  referrals: readonly Referral[],
  warnings: string[] = [],
): Promise<MessageDetail> {
  return messageDetail({
    message,
    account: loaded.account,
    referrals,
    caller: loaded.caller,
    tree: loaded.tree,
    ctx: domainCtx(now, loaded.caller, loaded.calendar),
    names: await namesOf(messagePeople(message)),
    warnings: mergeWarnings(warnings, ...referrals.filter((r) => r.open).map((r) => r.calendarWarnings)),
  });
}

/** Re-reads the message's referrals inside the transaction (they may have moved since the query). */
async function reread(work: Work, referrals: readonly Referral[]): Promise<Referral[]> {
  const out: Referral[] = [];
  for (const r of referrals) {
    const current = await work.get<Referral>('referrals', r._id);
    if (current) out.push(current);
  }
  return out;
}

interface StepOptions {
  recipients?: Recipients;
  /** After the message is saved, inside the same transaction (closing the answered referrals). */
  after?: (work: Work, message: Message, referrals: Referral[]) => Promise<Referral[]>;
}

/** One event on a message: load at the page's revision, apply, save, audit and notify together. */
async function messageStep(
  ctx: HandlerContext,
  loaded: Loaded,
  event: MessageEvent,
  options: StepOptions = {},
): Promise<MessageDetail> {
  const { caller, grant, tree, account, calendar } = loaded;
  const recipients = options.recipients ?? new Recipients(tree, new Map(), new Map());
  const result = await runWork(ctx, { person: caller, grant }, async (work) => {
    const current = await work.load<Message>('messages', loaded.message._id, '留言', event.expectedRev);
    const referrals = await reread(work, loaded.referrals);
    const dctx = domainCtx(ctx.now, caller, calendar);
    const { next, effects } = unwrap(applyMessageEvent(current, event, { ...dctx, referrals }));
    await work.put('messages', next);
    applyEffects(work, effects, {
      now: ctx.now,
      subjectText: excerpt(next.text),
      unitName: account.name,
      dueAt: next.replyTargetAt,
      actorName: caller.name,
      escalationUnitId: null,
      recipients,
      unitPath: unitPathOf(account.unitId, tree),
      changes: changesOf(current, next, MESSAGE_FIELDS),
    });
    const after = options.after ? await options.after(work, next, referrals) : referrals;
    return { message: next, referrals: after };
  });
  return detailOf(loaded, ctx.now, result.message, result.referrals);
}

// --- recording ------------------------------------------------------------------------------------

const recordOne = v.strictObject({
  accountId: id,
  senderNickname: v.nullable(text(200)),
  text: text(10000),
  receivedAt: isoTime,
  link: v.nullable(text(2000)),
});

/**
 * Sizes first (issue 11): a paste is split and every message measured at the edge, before the caller
 * is looked up or anything screened, so an oversize one costs no screening and no database work.
 */
function pasteProblem(pasted: string): DomainError | null {
  const parsed = parseMessageBatch(pasted);
  if (isDomainError(parsed)) return parsed;
  for (const item of parsed.items) {
    const problem = messageSizeProblem(item.text, item.senderNickname);
    if (problem) return fail('MESSAGE_INVALID', `第${item.line}行：${problem.message}`);
  }
  return null;
}

const recordOneSized = v.pipe(
  recordOne,
  v.check((one) => {
    const problem = messageSizeProblem(one.text, one.senderNickname);
    if (problem) throw problem;
    return true;
  }),
);
const recordBatch = v.pipe(
  v.strictObject({
    accountId: id,
    pasted: ruleText(MAX_PASTE_CHARS, (n) =>
      fail('BATCH_TOO_LARGE', `一次粘贴最多 ${MAX_PASTE_CHARS} 字，本次 ${n} 字，请分批粘贴`),
    ),
  }),
  v.check((batch) => {
    const problem = pasteProblem(batch.pasted);
    if (problem) throw problem;
    return true;
  }),
);

export const messageRecord = action({
  access: 'person',
  input: v.union([recordOneSized, recordBatch]),
  handle: async (params, ctx): Promise<MessageRecordResult> => {
    const caller = requireCaller(ctx.caller);
    // The edge measured every message (pasteProblem); the split is repeated here, cheaply.
    let warnings: string[] = [];
    let items: { senderNickname: string | null; text: string; receivedAt: string; link: string | null }[];
    if ('pasted' in params) {
      const parsed = parseMessageBatch(params.pasted);
      if (isDomainError(parsed)) throw parsed;
      warnings = parsed.warnings;
      // A paste carries no times: the messages count as received when they were pasted.
      const receivedAt = toBeijingIso(ctx.now);
      items = parsed.items.map((i) => ({ senderNickname: i.senderNickname, text: i.text, receivedAt, link: null }));
    } else {
      items = [params];
    }

    const [tree, account, calendar] = await Promise.all([loadTree(), loadAccount(params.accountId), loadCalendar()]);
    const grant = requirePermission(caller, 'referral.messageRecord', { kind: 'account', account }, tree);
    // 第十三条: a closed or cancelled account takes no more messages.
    const closed = accountClosedError(account);
    if (closed) throw closed;

    const dctx = domainCtx(ctx.now, caller, calendar);
    const recorded: { next: Message; effects: Effect[] }[] = [];
    for (const item of items) {
      const input: MessageInput = {
        accountId: account._id,
        unitId: account.unitId,
        platform: account.platform,
        ...item,
        screeningCategories: await screenMessage(item.text),
      };
      recorded.push(unwrap(recordMessage(ctx.newId(), input, dctx)));
    }
    const recipients = new Recipients(tree, new Map(), new Map());
    await runWork(ctx, { person: caller, grant }, async (work) => {
      for (const { next, effects } of recorded) {
        await work.create('messages', next);
        applyEffects(work, effects, {
          now: ctx.now,
          subjectText: excerpt(next.text),
          unitName: account.name,
          dueAt: null,
          actorName: caller.name,
          escalationUnitId: null,
          recipients,
          unitPath: unitPathOf(account.unitId, tree),
          changes: changesOf(null, next, MESSAGE_FIELDS),
        });
      }
    });
    return { messages: recorded.map((r) => messageSummary(r.next, account.name)), warnings };
  },
});

// --- reading ----------------------------------------------------------------------------------------

const PAGE = 20;

/** `receivedAt|n`: items received at or before that instant, skipping the first n received exactly then. */
function parseCursor(cursor: string | undefined): { at: string; skip: number } | null {
  if (!cursor) return null;
  const [at = '', n = '0'] = cursor.split('|');
  const skip = Number(n);
  if (Number.isNaN(Date.parse(at)) || !Number.isInteger(skip) || skip < 0 || skip > LIST_BOUNDS.maxOffset) return null;
  return { at, skip };
}

/** The unit a person's message log opens on: the bureau of their first operator, desk or leader grant. */
function defaultUnit(caller: Person, tree: UnitTree): string {
  const grant = caller.roles.find((g) => g.role === 'operator' || g.role === 'propagandaStaff' || g.role === 'leader');
  return (grant && bureauOf(grant.unitId, tree)?._id) ?? caller.unitId;
}

export const messages = action({
  access: 'person',
  input: v.strictObject({
    unitId: v.optional(id),
    accountId: v.optional(id),
    state: v.optional(messageState),
    ...cursorParams,
  }),
  handle: async (params, ctx): Promise<MessagesPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const filter: Filter = {};
    let unitId: string;
    if (params.accountId) {
      const account = await loadAccount(params.accountId);
      unitId = account.unitId;
      filter.accountId = account._id;
    } else {
      unitId = params.unitId ?? defaultUnit(caller, tree);
      filter.unitId = unitId;
    }
    if (!tree.byId.has(unitId)) throw referralShellErrors.departmentUnknown();
    requirePermission(caller, 'referral.messages', { kind: 'unit', unitId }, tree);
    if (params.state) filter.state = params.state;
    const cursor = parseCursor(params.cursor);
    if (params.cursor && !cursor) throw commonErrors.invalidInput('cursor');
    if (cursor) filter.receivedAt = command().lte(cursor.at);
    const size = params.limit ?? PAGE;

    const page =
      size === 0
        ? []
        : await store.find<Message>('messages', filter, {
            orderBy: [
              ['receivedAt', 'desc'],
              ['_id', 'desc'],
            ],
            skip: cursor?.skip ?? 0,
            limit: size,
          });
    const accountIds = [...new Set(page.map((m) => m.accountId))];
    const accounts = accountIds.length
      ? await store.find<Account>(
          'accounts',
          { _id: command().in(accountIds) },
          { limit: accountIds.length, fields: { name: true } },
        )
      : [];
    const names = new Map(accounts.map((a) => [a._id, a.name]));
    let nextCursor: string | null = null;
    const last = page[page.length - 1];
    if (page.length === size && last) {
      const atLast = page.filter((m) => m.receivedAt === last.receivedAt).length;
      const skip = cursor && cursor.at === last.receivedAt ? cursor.skip + atLast : atLast;
      nextCursor = `${last.receivedAt}|${skip}`;
    }
    return {
      items: page.map((m) => messageSummary(m, names.get(m.accountId) ?? '')),
      accounts: await operatedBy(caller),
      nextCursor,
    };
  },
});

/** The active accounts the caller is A角 or B角 of (indexes operatorA, operatorB). */
async function operatedBy(caller: Person): Promise<OperatedAccount[]> {
  const [a, b] = await Promise.all([
    store.find<Account>('accounts', { operatorA: caller._id }, { limit: 50 }),
    store.find<Account>('accounts', { operatorB: caller._id }, { limit: 50 }),
  ]);
  const byId = new Map([...a, ...b].filter((x) => x.state === 'active').map((x) => [x._id, x]));
  return [...byId.values()]
    .sort((x, y) => (x.name === y.name ? (x._id < y._id ? -1 : 1) : x.name < y.name ? -1 : 1))
    .map((x) => ({ id: x._id, name: x.name, platform: x.platform }));
}

export const message = action({
  access: 'person',
  input: v.strictObject({ messageId: id }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.message');
    return detailOf(loaded, ctx.now, loaded.message, loaded.referrals);
  },
});

// --- handling -----------------------------------------------------------------------------------------

export const messageTriage = action({
  access: 'person',
  input: v.strictObject({ ...messageRef, triage, raisesProblem: v.boolean() }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.messageTriage');
    return messageStep(ctx, loaded, {
      type: 'triage',
      triage: params.triage,
      raisesProblem: params.raisesProblem,
      expectedRev: params.expectedRev,
    });
  },
});

export const reply = action({
  access: 'person',
  input: v.strictObject({ ...messageRef, text: text(2000), followUp: v.boolean() }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.reply');
    const type = params.followUp ? 'followUp' : 'reply';
    return messageStep(ctx, loaded, { type, text: params.text, expectedRev: params.expectedRev });
  },
});

export const notice = action({
  access: 'person',
  input: v.strictObject({ ...messageRef, unitId: id, note: text(500) }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.notice');
    const unit = departmentOf(params.unitId, loaded.tree);
    const wanted: RoleWanted[] = [{ role: 'departmentHandler', unitId: unit._id }];
    const recipients = await Recipients.resolve(loaded.tree, wanted);
    return messageStep(
      ctx,
      loaded,
      {
        type: 'notice',
        target: { unitId: unit._id, departmentFunction: unit.departmentFunction ?? 'other' },
        note: params.note,
        expectedRev: params.expectedRev,
      },
      { recipients },
    );
  },
});

export const cleanUp = action({
  access: 'person',
  input: v.strictObject(messageRef),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.cleanUp');
    return messageStep(ctx, loaded, { type: 'cleanUp', expectedRev: params.expectedRev });
  },
});

export const defer = action({
  access: 'person',
  input: v.strictObject(messageRef),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.defer');
    return messageStep(ctx, loaded, { type: 'defer', expectedRev: params.expectedRev });
  },
});

/**
 * Closes the message and, in the same transaction, the referrals whose answer it replied with: the
 * operator's reply to the netizen is what ends a referral (第二十七条).
 */
export const messageClose = action({
  access: 'person',
  input: v.strictObject({ ...messageRef, outcome }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const loaded = await loadForMessage(ctx, params.messageId, 'referral.messageClose');
    const { caller, tree, account, calendar } = loaded;
    return messageStep(
      ctx,
      loaded,
      { type: 'close', outcome: params.outcome, expectedRev: params.expectedRev },
      {
        after: async (work, _closed, referrals) => {
          const dctx = domainCtx(ctx.now, caller, calendar);
          const out: Referral[] = [];
          for (const r of referrals) {
            if (r.state !== 'answered') {
              out.push(r);
              continue;
            }
            const { next, effects } = unwrap(applyReferralEvent(r, { type: 'close', expectedRev: r.rev }, dctx));
            await work.put('referrals', next);
            applyEffects(work, effects, {
              now: ctx.now,
              subjectText: excerpt(next.question),
              unitName: next.departmentName,
              dueAt: next.dueAt,
              actorName: caller.name,
              escalationUnitId: null,
              recipients: new Recipients(tree, new Map(), new Map()),
              unitPath: unitPathOf(account.unitId, tree),
              changes: changesOf(r, next, REFERRAL_FIELDS),
            });
            out.push(next);
          }
          return out;
        },
      },
    );
  },
});

/**
 * Refers a message to a department (第二十六条) with the deadline of its class (第二十七条). The
 * message is saved too (its revision moves), so a close racing with the referral cannot miss it.
 */
export const refer = action({
  access: 'person',
  input: v.strictObject({ ...messageRef, departmentId: id, deadlineClass, question: text(2000) }),
  handle: async (params, ctx): Promise<MessageDetail> => {
    const caller = requireCaller(ctx.caller);
    const [tree, current, calendar] = await Promise.all([loadTree(), loadMessage(params.messageId), loadCalendar()]);
    const account = await loadAccount(current.accountId);
    const department = departmentOf(params.departmentId, tree);
    const grant = requirePermission(
      caller,
      'referral.refer',
      { kind: 'referral', account, departmentId: department._id },
      tree,
    );
    // 第十三条: nothing new is referred from a closed or cancelled account.
    const closed = accountClosedError(account);
    if (closed) throw closed;
    const desk = propagandaDeskOf(account.unitId, tree);
    if (!desk) throw referralShellErrors.noDesk();
    const recipients = await Recipients.resolve(tree, [{ role: 'departmentHandler', unitId: department._id }]);
    // Someone must be able to sign: a department nobody handles would let the deadline pass unseen.
    if (department.kind === 'department' && recipients.holdersOf('departmentHandler', department._id).length === 0) {
      throw referralShellErrors.noHandler(department.name);
    }
    const referrals = await referralsOfMessage(current._id);
    const loaded: Loaded = { caller, grant, tree, message: current, account, calendar, referrals };

    let warnings: string[] = [];
    const result = await runWork(ctx, { person: caller, grant }, async (work) => {
      const m = await work.load<Message>('messages', current._id, '留言', params.expectedRev);
      const dctx = domainCtx(ctx.now, caller, calendar);
      const { next, effects } = unwrap(
        createReferral(
          {
            _id: ctx.newId(),
            message: m,
            department: { _id: department._id, name: department.name, kind: department.kind },
            deskId: desk._id,
            deadlineClass: params.deadlineClass,
            question: params.question,
          },
          dctx,
        ),
      );
      warnings = next.calendarWarnings;
      await work.create('referrals', next);
      const touched: Message = { ...m, updatedAt: toBeijingIso(ctx.now), rev: m.rev + 1 };
      await work.put('messages', touched);
      applyEffects(work, effects, {
        now: ctx.now,
        subjectText: excerpt(next.question),
        unitName: next.departmentName,
        dueAt: next.dueAt,
        actorName: caller.name,
        escalationUnitId: null,
        recipients,
        unitPath: unitPathOf(account.unitId, tree),
        changes: changesOf(null, next, REFERRAL_FIELDS),
      });
      return { message: touched, referrals: [...(await reread(work, referrals)), next] };
    });
    return detailOf(loaded, ctx.now, result.message, result.referrals, warnings);
  },
});
