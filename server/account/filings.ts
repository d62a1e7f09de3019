/**
 * 第十四条 filings: the desk's inbox (what it received, by state) and outbox (what it files), one
 * filing, and the three steps — file (or answer a query), acknowledge, query.
 */
import * as v from 'valibot';
import type { Filing, FilingsPage, FilingView } from '../../typings/account';
import type { Person } from '../../typings/org';
import { accountError } from '../../core/account/errors';
import {
  acknowledgeFiling as acknowledgeOf,
  queryFiling as queryOf,
  submitFiling as submitOf,
} from '../../core/account/filing';
import type { Result } from '../../core/account/application';
import { commonErrors } from '../../core/errors';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { applyEffects } from '../org/effects';
import { loadCalendar } from '../referral/context';
import { command, store } from '../store';
import { runWork } from '../uow';
import { loadRules, sendNotices } from './context';
import { fileId, filingState, id, paged, PAGE_DEFAULT, nextOf, rev, text } from './input';
import { fileExists } from './storage';
import { filingView } from './views';
import type { UnitTree } from '../../core/org/tree';

const desksOf = (caller: Person): string[] =>
  caller.roles.filter((g) => g.role === 'propagandaStaff').map((g) => g.unitId);

export const filings = action({
  access: 'person',
  input: v.strictObject({ box: v.picklist(['received', 'sent'] as const), state: filingState, ...paged }),
  handle: async (params, ctx): Promise<FilingsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'account.filings', { kind: 'none' }, tree);
    const desks = desksOf(caller);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const deskField = params.box === 'received' ? 'receiverDeskId' : 'filerDeskId';
    const page = await store.find<Filing>(
      'filings',
      { [deskField]: desks.length === 1 ? desks[0] : command().in(desks), state: params.state },
      { orderBy: [['createdAt', 'desc']], skip: offset, limit: limit + 1 },
    );
    return {
      items: page.slice(0, limit).map((f) => filingView(f, tree, caller, ctx.now)),
      nextOffset: nextOf(offset, limit, page.length),
    };
  },
});

export const filing = action({
  access: 'person',
  input: v.strictObject({ filingId: id }),
  handle: async (params, ctx): Promise<FilingView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const f = await store.get<Filing>('filings', params.filingId);
    if (!f) throw accountError('FILING_UNKNOWN');
    const desks = desksOf(caller);
    if (!desks.includes(f.filerDeskId) && !desks.includes(f.receiverDeskId)) {
      requirePermission(caller, 'account.filing', { kind: 'unit', unitId: f.unitId }, tree);
    }
    return filingView(f, tree, caller, ctx.now);
  },
});

type Step = (f: Filing, caller: Person, tree: UnitTree, ctx: HandlerContext) => Promise<Result<Filing>>;

async function runStep(
  filingId: string,
  expectedRev: number,
  act: 'account.submitFiling' | 'account.acknowledgeFiling' | 'account.queryFiling',
  stepOf: Step,
  ctx: HandlerContext,
): Promise<FilingView> {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const grant = requirePermission(caller, act, { kind: 'none' }, tree);
  const next = await runWork(ctx, { person: caller, grant }, async (work) => {
    const current = await work.get<Filing>('filings', filingId);
    if (!current) throw accountError('FILING_UNKNOWN');
    const result = await stepOf(current, caller, tree, ctx);
    if (!result.ok) throw result.error;
    if (current.rev !== expectedRev) throw commonErrors.conflict();
    await work.put('filings', result.value.next);
    applyEffects(work, result.value.audits);
    await sendNotices(work, result.value.notices, tree);
    return result.value.next;
  });
  return filingView(next, tree, caller, ctx.now);
}

export const submitFiling = action({
  access: 'person',
  input: v.strictObject({
    filingId: id,
    expectedRev: rev,
    note: text(1000),
    documents: v.pipe(v.array(fileId), v.maxLength(9)),
  }),
  handle: async (params, ctx): Promise<FilingView> => {
    for (const doc of params.documents)
      if (!(await fileExists(doc))) throw accountError('IMAGE_MISSING', '附件未上传成功，请重新上传');
    const [rules, calendar] = await Promise.all([loadRules(), loadCalendar()]);
    return runStep(
      params.filingId,
      params.expectedRev,
      'account.submitFiling',
      async (f, caller, tree) =>
        submitOf(
          f,
          { note: params.note, documents: params.documents },
          { now: ctx.now, actor: caller, tree, rules, calendar },
        ),
      ctx,
    );
  },
});

export const acknowledgeFiling = action({
  access: 'person',
  input: v.strictObject({ filingId: id, expectedRev: rev, note: v.optional(text(500)) }),
  handle: async (params, ctx): Promise<FilingView> =>
    runStep(
      params.filingId,
      params.expectedRev,
      'account.acknowledgeFiling',
      async (f, caller, tree) => acknowledgeOf(f, params.note?.trim() || null, { now: ctx.now, actor: caller, tree }),
      ctx,
    ),
});

export const queryFiling = action({
  access: 'person',
  input: v.strictObject({ filingId: id, expectedRev: rev, question: text(500) }),
  handle: async (params, ctx): Promise<FilingView> =>
    runStep(
      params.filingId,
      params.expectedRev,
      'account.queryFiling',
      async (f, caller, tree) => queryOf(f, params.question, { now: ctx.now, actor: caller, tree }),
      ctx,
    ),
});

/** Filings waiting for the person's desks: to file or answer, and to acknowledge (the workbench badge). */
export async function countFilings(person: Person, cap: number): Promise<number> {
  const desks = desksOf(person);
  if (desks.length === 0) return 0;
  const _ = command();
  // A badge: at most `cap` ids read in all ("99+"), not every filing (issue 18).
  const toFile = await store.countUpTo('filings', { filerDeskId: _.in(desks), state: _.in(['due', 'queried']) }, cap);
  return toFile + (await store.countUpTo('filings', { receiverDeskId: _.in(desks), state: 'filed' }, cap - toFile));
}
