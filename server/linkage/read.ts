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
  TargetState,
} from '../../typings/linkage';
import {
  detailOf,
  linkageError,
  mayIssue,
  recordOf,
  remainderRow,
  sortRows,
  summaryOf,
  sumRows,
  tallyRow,
  targetRow,
} from '../../core/linkage';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store } from '../store';
import { readByIds } from './bulk';
import {
  accountsOperatedBy,
  boardUnitFor,
  bureausOf,
  loadDirective,
  loadSettings,
  mayWithdraw,
  myTargets,
} from './context';
import { boardParams, id, mineParams, page, recordsParams } from './schemas';

const DEFAULT_LIMIT = 20;

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
    const found = await store.find<Directive>(
      'directives',
      { reach: bureau._id },
      { orderBy: [['issuedAt', 'desc']], skip: offset, limit: limit + 1 },
    );
    const staff = bureausOf(caller, ['propagandaStaff'], tree)[0];
    return {
      items: found.slice(0, limit).map(summaryOf),
      nextOffset: found.length > limit ? offset + limit : null,
      canIssue: staff !== undefined && mayIssue(staff, await loadSettings()) === null,
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
    const filter: Record<string, unknown> = { directiveId: d._id, unitPath: unitId };
    if (params.status) filter['state'] = stateFor(params.status, d);
    const found = await store.find<DirectiveTarget>('directiveTargets', filter, {
      orderBy: [
        ['rank', 'desc'],
        ['accountId', 'asc'],
      ],
      skip: offset,
      limit: limit + 1,
    });

    const path: Board['path'] = [];
    for (const pid of unit?.path ?? []) {
      if (pid === unitId) break;
      if ((pid === d.scopeUnitId || d.reach.includes(pid)) && boardable(caller, pid, tree))
        path.push({ unitId: pid, unitName: tree.byId.get(pid)?.name ?? '' });
    }
    return {
      directive: summaryOf(d),
      unitId,
      unitName: unit?.name ?? '',
      total,
      rows,
      items: found.slice(0, limit).map(targetRow),
      nextOffset: found.length > limit ? offset + limit : null,
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

/** The one stored state each board filter means (silent: pending while open, none once closed). */
function stateFor(status: 'silent' | 'late' | 'onTime', d: Directive): TargetState {
  if (status === 'late') return 'late';
  if (status === 'onTime') return 'onTime';
  return d.state === 'closed' ? 'none' : d.state === 'withdrawn' ? 'withdrawn' : 'pending';
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
    const _ = command();
    const openFilter = { accountId: _.in(accountIds), state: 'pending' };
    const [found, openCount] = await Promise.all([
      accountIds.length === 0
        ? Promise.resolve([])
        : params.view === 'all'
          ? store.find<DirectiveTarget>(
              'directiveTargets',
              { operatorIds: caller._id },
              { orderBy: [['issuedAt', 'desc']], skip: offset, limit: limit + 1 },
            )
          : store.find<DirectiveTarget>('directiveTargets', openFilter, {
              orderBy: [
                ['dueAt', 'asc'],
                ['accountId', 'asc'],
              ],
              skip: offset,
              limit: limit + 1,
            }),
      accountIds.length === 0 ? Promise.resolve(0) : store.count('directiveTargets', openFilter),
    ]);
    const targets = found.slice(0, limit);
    const directives = new Map(
      (
        await readByIds<Directive>(
          store,
          'directives',
          targets.map((t) => t.directiveId),
        )
      ).map((d) => [d._id, d]),
    );
    const items: MyDirective[] = [];
    for (const t of targets) {
      const d = directives.get(t.directiveId);
      if (!d) continue;
      const known = items.find((i) => i.directive.id === d._id);
      if (known) {
        known.accounts.push(targetRow(t));
        continue;
      }
      items.push({ directive: summaryOf(d), remainingMs: Date.parse(d.dueAt) - ctx.now, accounts: [targetRow(t)] });
    }
    return { items, nextOffset: found.length > limit ? offset + limit : null, openCount };
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
    const found = await store.find<DirectiveTarget>('directiveTargets', filter, {
      orderBy,
      skip: offset,
      limit: limit + 1,
    });
    return {
      items: found.slice(0, limit).map(recordOf),
      nextOffset: found.length > limit ? offset + limit : null,
    };
  },
});
