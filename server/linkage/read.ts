/**
 * What the desks, leaders and operators read: a desk's directives, the live board (its totals from the
 * maintained tallies — documents read follow the bureaus shown, not the accounts), one directive with
 * the caller's accounts, the operator's open directives, and the records the monthly evaluation reads.
 */
import * as v from 'valibot';
import type { Person } from '../../typings/org';
import type {
  Board,
  Directive,
  DirectiveList,
  DirectiveTally,
  DirectiveTarget,
  DirectiveView,
  MineList,
  MyDirective,
  RecordsPage,
  TallyRow,
} from '../../typings/linkage';
import {
  SILENT_RANK,
  detailOf,
  linkageError,
  mayIssue,
  recordOf,
  remainderRow,
  sortRows,
  summaryOf,
  sumRows,
  tallyKeysOf,
  tallyRow,
  targetRow,
} from '../../core/linkage';
import { authorize } from '../../core/auth/authorize';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { BADGE_CAP, command, store } from '../store';
import { readByIds } from './bulk';
import {
  accountsOperatedBy,
  boardUnitFor,
  bureausOf,
  loadDirective,
  loadSettings,
  mayWithdraw,
  myTargets,
  targetId,
} from './context';
import { boardParams, id, mineParams, page, recordsParams } from './schemas';

const DEFAULT_LIMIT = 20;

/** A page of `limit` (+1 to know whether more follow); limit 0 is the header only (server/schemas.ts). */
async function pageOf<T>(
  limit: number,
  offset: number,
  read: (limit: number) => Promise<T[]>,
): Promise<{ items: T[]; nextOffset: number | null }> {
  if (limit === 0) return { items: [], nextOffset: null };
  const found = await read(limit + 1);
  return { items: found.slice(0, limit), nextOffset: found.length > limit ? offset + limit : null };
}

/** One directive for the caller: its content, their accounts among the targets, what they may do. */
export async function directiveView(d: Directive, caller: Person, tree: UnitTree, now: number): Promise<DirectiveView> {
  const [mine, corrections] = await Promise.all([
    accountsOperatedBy(caller._id).then((accounts) => myTargets(d, accounts)),
    store.find<Directive>('directives', { correctionOf: d._id }, { orderBy: [['issuedAt', 'desc']], limit: 10 }),
  ]);
  const canBoard = boardUnitFor(caller, d, tree) !== null;
  return {
    directive: detailOf(d, corrections),
    remainingMs: Date.parse(d.dueAt) - now,
    mine: mine.map(targetRow),
    canBoard,
    canWithdraw: mayWithdraw(caller, d, tree),
  };
}

export const get = action({
  access: 'person',
  input: v.strictObject({ directiveId: id }),
  handle: async (params, ctx): Promise<DirectiveView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'linkage.get', { kind: 'none' }, tree);
    const d = await loadDirective(params.directiveId);
    const view = await directiveView(d, caller, tree, ctx.now);
    // Shown to the operators it calls and to whoever may watch its board; to nobody else.
    if (view.mine.length === 0 && !view.canBoard) throw linkageError('NOT_INVOLVED');
    return view;
  },
});

export const list = action({
  access: 'person',
  input: v.strictObject({ ...page }),
  handle: async (params, ctx): Promise<DirectiveList> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const bureau = bureausOf(caller, ['propagandaStaff', 'leader'], tree)[0];
    requirePermission(caller, 'linkage.list', { kind: 'unit', unitId: bureau?._id ?? caller.unitId }, tree);
    if (!bureau) throw commonErrors.notFound('单位');
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_LIMIT;
    const found = await pageOf(limit, offset, (n) =>
      store.find<Directive>(
        'directives',
        { reach: bureau._id },
        { orderBy: [['issuedAt', 'desc']], skip: offset, limit: n },
      ),
    );
    const staff = bureausOf(caller, ['propagandaStaff'], tree)[0];
    return {
      items: found.items.map(summaryOf),
      nextOffset: found.nextOffset,
      canIssue: staff !== undefined && mayIssue(staff, await loadSettings()) === null,
      canConfigure: authorize(caller, 'linkage.setSettings', { kind: 'none' }, tree).allowed,
    };
  },
});

/** Its rows as the board shows them: a tally row can be opened when bureaus sit under it. */
const rowOf = (t: DirectiveTally): TallyRow => tallyRow(t, t.hasChildren);

export const board = action({
  access: 'person',
  input: boardParams,
  handle: async (params, ctx): Promise<Board> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const d = await loadDirective(params.directiveId);
    const unitId = params.unitId ?? boardUnitFor(caller, d, tree) ?? caller.unitId;
    if (unitId !== d.scopeUnitId && !d.reach.includes(unitId)) {
      requirePermission(caller, 'linkage.board', { kind: 'unit', unitId }, tree);
      throw linkageError('UNIT_NOT_IN_DIRECTIVE');
    }
    requirePermission(caller, 'linkage.board', { kind: 'unit', unitId }, tree);
    const unit = tree.byId.get(unitId);

    // Totals: the scope is the sum of the rows under it; a bureau under it has its own tally.
    const children = await store.find<DirectiveTally>(
      'directiveTallies',
      { directiveId: d._id, parentId: unitId },
      { limit: 1000 },
    );
    let total: TallyRow;
    let rows: TallyRow[];
    if (unitId === d.scopeUnitId) {
      rows = children.map(rowOf);
      total = sumRows(unitId, d.scopeUnitName, rows);
    } else {
      const own = await store.get<DirectiveTally>('directiveTallies', `${d._id}|${unitId}`);
      total = own ? { ...rowOf(own), drillable: false } : sumRows(unitId, unit?.name ?? '', []);
      rows = children.map(rowOf);
      const rest = rows.length > 0 ? remainderRow(unitId, `${unit?.name ?? ''}本级`, total, rows) : null;
      if (rest) rows.push(rest);
    }
    rows = sortRows(rows);

    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_LIMIT;
    // The scope's accounts, or one bureau's through its tier key; a status is a range of rank.
    const filter: Record<string, unknown> = { directiveId: d._id };
    const scope = tree.byId.get(d.scopeUnitId);
    if (unitId !== d.scopeUnitId && unit && scope) {
      filter[tallyKeysOf(unit.path, scope, tree).length === 1 ? 'tier1Id' : 'tier2Id'] = unitId;
    }
    if (params.status) filter['rank'] = rankRange(params.status, d);
    const found = await pageOf(limit, offset, (n) =>
      store.find<DirectiveTarget>('directiveTargets', filter, {
        orderBy: [
          ['rank', 'desc'],
          ['accountId', 'asc'],
        ],
        skip: offset,
        limit: n,
      }),
    );

    const path: Board['path'] = [];
    for (const pid of unit?.path ?? []) {
      if (pid === unitId) break;
      if ((pid === d.scopeUnitId || d.reach.includes(pid)) && boardable(caller, pid, tree))
        path.push({ unitId: pid, unitName: tree.byId.get(pid)?.name ?? '' });
    }
    return {
      directive: summaryOf(d),
      remainingMs: Date.parse(d.dueAt) - ctx.now,
      unitId,
      unitName: unit?.name ?? '',
      total,
      rows,
      items: found.items.map(targetRow),
      nextOffset: found.nextOffset,
      canWithdraw: mayWithdraw(caller, d, tree),
      path,
    };
  },
});

function boardable(caller: Person, unitId: string, tree: UnitTree): boolean {
  try {
    requirePermission(caller, 'linkage.board', { kind: 'unit', unitId }, tree);
    return true;
  } catch {
    return false;
  }
}

/**
 * The accounts of a board filter as a range of the sort key: the silent share the top rank, a
 * response is late exactly when its time from issue exceeds the window.
 */
function rankRange(status: 'silent' | 'late' | 'onTime', d: Directive): unknown {
  const _ = command();
  const windowMs = d.windowMinutes * 60_000;
  if (status === 'silent') return SILENT_RANK;
  if (status === 'late') return _.and(_.gt(windowMs), _.lt(SILENT_RANK));
  return _.lte(windowMs);
}

export const mine = action({
  access: 'person',
  input: mineParams,
  handle: async (params, ctx): Promise<MineList> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'linkage.mine', { kind: 'none' }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_LIMIT;
    const accounts = await accountsOperatedBy(caller._id);
    const accountIds = accounts.map((a) => a._id);
    const openFilter = { accountId: command().in(accountIds), state: 'pending' };
    const open = params.view !== 'all';
    // A page is `limit` directives, each with all of the caller's accounts it calls (a directive is
    // never split across pages). One ordered query over the caller's accounts (index accountIssued,
    // or account for the open view) reads their targets in the page's order; a directive's targets
    // sit together (same time, ids prefixed by the directive), so reading until the (offset + n + 1)th
    // directive shows up reads the page's targets and at most one more: reads follow the page
    // (issue 18), not the accounts' histories.
    const heads = new Map<string, DirectiveTarget>();
    const read = async (n: number): Promise<string[]> => {
      if (accountIds.length === 0) return [];
      // n is the page plus one (pageOf): the directive after the page says whether more follow.
      const wanted = offset + n;
      const ids: string[] = [];
      const seen = new Set<string>();
      let after: DirectiveTarget | null = null;
      // How many already-read targets a keyset step may meet again (those sharing the last key).
      let overlap = accountIds.length;
      const key = open ? 'dueAt' : 'issuedAt';
      for (;;) {
        // Each target adds at most one directive: reading what is still missing (plus the caller's
        // other accounts of the last directive) never reads past the directive after the page.
        const limit: number = wanted - ids.length + accountIds.length - 1 + (after ? overlap : 0);
        const filter: Record<string, unknown> = open
          ? { accountId: command().in(accountIds), state: 'pending' }
          : { accountId: command().in(accountIds) };
        // Keyset: from the last key read on (the equal ones again, dropped below as already read).
        if (after) filter[key] = open ? command().gte(after.dueAt) : command().lte(after.issuedAt);
        const found: DirectiveTarget[] = await store.find<DirectiveTarget>('directiveTargets', filter, {
          orderBy: [
            [key, open ? 'asc' : 'desc'],
            ['_id', 'asc'],
          ],
          limit,
        });
        const fresh: DirectiveTarget[] = found.filter((t) => !heads.has(t._id));
        for (const t of fresh) {
          heads.set(t._id, t);
          if (!seen.has(t.directiveId)) {
            seen.add(t.directiveId);
            ids.push(t.directiveId);
          }
        }
        if (ids.length >= wanted || found.length < limit) break;
        if (fresh.length === 0) overlap *= 2;
        else after = fresh[fresh.length - 1] ?? null;
      }
      return ids.slice(offset, offset + n);
    };
    const [found, openCount] = await Promise.all([
      pageOf(limit, offset, read),
      // A badge: at most BADGE_CAP targets read ("99+"), not every one still owed (issue 18).
      accountIds.length === 0 ? Promise.resolve(0) : store.countUpTo('directiveTargets', openFilter, BADGE_CAP),
    ]);
    const wanted = found.items.flatMap((directiveId) =>
      accountIds.map((accountId) => targetId(directiveId, accountId)),
    );
    const [directives, others] = await Promise.all([
      readByIds<Directive>(store, 'directives', found.items),
      // only `open` can miss one: an answered target of a directive still owed by another account
      open
        ? readByIds<DirectiveTarget>(
            store,
            'directiveTargets',
            wanted.filter((tid) => !heads.has(tid)),
          )
        : Promise.resolve([]),
    ]);
    const targets = [...wanted.flatMap((tid) => heads.get(tid) ?? []), ...others];
    const byId = new Map(directives.map((d) => [d._id, d]));
    const items: MyDirective[] = [];
    for (const directiveId of found.items) {
      const d = byId.get(directiveId);
      if (!d) continue;
      const mine = targets
        .filter((t) => t.directiveId === directiveId)
        .sort((x, y) => (x.accountName + x.platform).localeCompare(y.accountName + y.platform, 'zh-Hans-CN'));
      items.push({
        directive: summaryOf(d),
        remainingMs: Date.parse(d.dueAt) - ctx.now,
        accounts: mine.map(targetRow),
      });
    }
    return { items, nextOffset: found.nextOffset, openCount };
  },
});

export const records = action({
  access: 'person',
  input: recordsParams,
  handle: async (params, ctx): Promise<RecordsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/u.test(params.month)) throw linkageError('MONTH_INVALID');
    const offset = params.offset ?? 0;
    const limit = params.limit ?? 50;
    let filter: Record<string, unknown>;
    let orderBy: Array<[string, 'asc' | 'desc']>;
    if (params.accountId !== undefined) {
      const account = await store.get<{ _id: string; unitId: string }>('accounts', params.accountId);
      if (!account) throw commonErrors.notFound('账号');
      requirePermission(caller, 'linkage.records', { kind: 'unit', unitId: account.unitId }, tree);
      filter = { month: params.month, accountId: params.accountId };
      orderBy = [['issuedAt', 'asc']];
    } else {
      // Every account's records of the month: the province desk's (第三十六条 省厅每月评估通报).
      requirePermission(caller, 'linkage.records', { kind: 'unit', unitId: tree.root._id }, tree);
      filter = { month: params.month };
      orderBy = [
        ['accountId', 'asc'],
        ['issuedAt', 'asc'],
      ];
    }
    const found = await pageOf(limit, offset, (n) =>
      store.find<DirectiveTarget>('directiveTargets', filter, { orderBy, skip: offset, limit: n }),
    );
    return { items: found.items.map(recordOf), nextOffset: found.nextOffset };
  },
});
