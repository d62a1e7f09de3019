/**
 * The matrix (第九条, 第三十四条): a desk sees every account below its unit by unit, platform, kind and
 * state. Counts come from the maintained totals (one document per unit), never from counting accounts;
 * each view reads the scope's totals plus one page: the child units' totals, the gap bureaus' totals, or
 * the accounts of one facet in name order. The workbook is built in the function, put in storage and
 * fetched through a temporary link.
 */
import * as v from 'valibot';
import type {
  GapRow,
  MatrixAccountRow,
  MatrixCount,
  MatrixPage,
  MatrixRow,
  MatrixTotals,
  PlatformFamily,
  TotalsCounts,
} from '../../typings/account';
import type { Account, AccountKind, AccountState, Platform, Unit } from '../../typings/org';
import {
  ACCOUNT_STATE_LABELS,
  isOpenState,
  PLATFORM_CATALOGUE,
  platformEntry,
  platformLabel,
} from '../../core/account/catalogue';
import { accountError } from '../../core/account/errors';
import { facet, summarise } from '../../core/account/matrix';
import type { Notice } from '../../core/account/notices';
import type { UnitTree } from '../../core/org/tree';
import { beijingDay } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { unitName } from '../org/views';
import { command, store } from '../store';
import { runWork } from '../uow';
import { sendNotices } from './context';
import { gapLabel, gapNotice } from './gaps';
import { accountKind, accountState, id, nextOf, paged, PAGE_DEFAULT, platform } from './input';

/** Open accounts by family, from `platform|…|state` counts. */
function byFamily(counts: TotalsCounts): Partial<Record<PlatformFamily, number>> {
  const out: Partial<Record<PlatformFamily, number>> = {};
  for (const [key, n] of Object.entries(counts)) {
    const parts = key.split('|');
    const state = parts[parts.length - 1] as AccountState;
    if (!isOpenState(state)) continue;
    const family = platformEntry(parts[0] as Platform).family;
    out[family] = (out[family] ?? 0) + n;
  }
  return out;
}

const openOf = (counts: TotalsCounts): number =>
  Object.entries(counts).reduce((n, [key, v]) => (isOpenState(key.split('|').at(-1) as AccountState) ? n + v : n), 0);

/** The rows a unit's matrix lists: its child bureaus first, then its departments (its desk is 本级). */
export function childRowsOf(unitId: string, tree: UnitTree): Unit[] {
  const children = tree.children.get(unitId) ?? [];
  const order = (u: Unit): number => (u.kind === 'bureau' ? 0 : 1);
  return children
    .filter((u) => u.kind !== 'propagandaDesk')
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh-Hans-CN') || a._id.localeCompare(b._id));
}

function row(unit: Unit, doc: MatrixTotals | null, tree: UnitTree): MatrixRow {
  const counts = doc?.subtree ?? {};
  return {
    unitId: unit._id,
    unitName: unit.name,
    level: unit.level,
    hasChildren: childRowsOf(unit._id, tree).length > 0,
    open: openOf(counts),
    byFamily: byFamily(counts),
    gaps: doc?.gaps ?? [],
  };
}

function summaryOf(doc: MatrixTotals | null): MatrixPage['summary'] {
  const s = summarise(doc?.subtree ?? {});
  const byPlatform: MatrixCount[] = PLATFORM_CATALOGUE.filter((e) => s.byPlatform.has(e.platform)).map((e) => {
    const states = s.byPlatform.get(e.platform) ?? new Map<AccountState, number>();
    return {
      platform: e.platform,
      platformLabel: e.label,
      byState: Object.fromEntries(states) as Partial<Record<AccountState, number>>,
      total: [...states.values()].reduce((a, b) => a + b, 0),
    };
  });
  return {
    total: s.total,
    open: s.open,
    byPlatform,
    byKind: Object.fromEntries(s.byKind) as Partial<Record<AccountKind, number>>,
    gapBureaus: doc?.gapBureaus ?? 0,
  };
}

function accountRow(a: Account, tree: UnitTree): MatrixAccountRow {
  return {
    id: a._id,
    name: a.name,
    unitName: unitName(a.unitId, tree),
    platformLabel: platformLabel(a.platform),
    kind: a.kind,
    state: a.state,
    stateLabel: ACCOUNT_STATE_LABELS[a.state],
  };
}

function gapRow(doc: MatrixTotals, tree: UnitTree): GapRow {
  const unit = tree.byId.get(doc._id);
  return {
    unitId: doc._id,
    unitName: unit?.name ?? doc._id,
    level: doc.level,
    missing: doc.gaps,
    missingLabel: gapLabel(doc.gaps),
  };
}

export const matrix = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    view: v.picklist(['units', 'gaps', 'accounts'] as const),
    platform: v.optional(platform),
    kind: v.optional(accountKind),
    state: v.optional(accountState),
    ...paged,
  }),
  handle: async (params, ctx): Promise<MatrixPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const unit = tree.byId.get(params.unitId);
    if (!unit) throw accountError('UNIT_UNKNOWN');
    requirePermission(caller, 'account.matrix', { kind: 'unit', unitId: unit._id }, tree);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? PAGE_DEFAULT;
    const scope = await store.get<MatrixTotals>('matrixTotals', unit._id);
    const page: MatrixPage = {
      unit: { id: unit._id, name: unit.name, level: unit.level, parentId: unit.parentId },
      summary: summaryOf(scope),
      view: params.view,
      units: [],
      gaps: [],
      accounts: [],
      nextOffset: null,
    };
    if (params.view === 'units') {
      const rows = childRowsOf(unit._id, tree);
      const slice = rows.slice(offset, offset + limit);
      const docs =
        slice.length > 0
          ? await store.find<MatrixTotals>(
              'matrixTotals',
              { _id: command().in(slice.map((u) => u._id)) },
              { limit: slice.length },
            )
          : [];
      const byId = new Map(docs.map((d) => [d._id, d]));
      page.units = slice.map((u) => row(u, byId.get(u._id) ?? null, tree));
      if (offset === 0 && unit.kind === 'bureau') {
        // 本级: the bureau's own accounts (itself and its desk), from its `own` counts.
        page.units.unshift({
          unitId: unit._id,
          unitName: `${unit.name}（本级）`,
          level: unit.level,
          hasChildren: false,
          open: openOf(scope?.own ?? {}),
          byFamily: byFamily(scope?.own ?? {}),
          gaps: scope?.gaps ?? [],
        });
      }
      page.nextOffset = nextOf(offset, limit, rows.length - offset);
    } else if (params.view === 'gaps') {
      const docs = await store.find<MatrixTotals>(
        'matrixTotals',
        { gap: true, unitPath: unit._id },
        {
          orderBy: [['_id', 'asc']],
          skip: offset,
          limit: limit + 1,
        },
      );
      page.gaps = docs.slice(0, limit).map((d) => gapRow(d, tree));
      page.nextOffset = nextOf(offset, limit, docs.length);
    } else {
      const f = facet(unit._id, { platform: params.platform, kind: params.kind, state: params.state });
      const docs = await store.find<Account>(
        'accounts',
        { facets: f },
        {
          orderBy: [
            ['name', 'asc'],
            ['_id', 'asc'],
          ],
          skip: offset,
          limit: limit + 1,
        },
      );
      page.accounts = docs.slice(0, limit).map((a) => accountRow(a, tree));
      page.nextOffset = nextOf(offset, limit, docs.length);
    }
    return page;
  },
});

export const GAP_REMIND_MAX = 200;

export const remindGaps = action({
  access: 'person',
  input: v.strictObject({ unitId: id }),
  handle: async (params, ctx): Promise<{ reminded: number }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const unit = tree.byId.get(params.unitId);
    if (!unit) throw accountError('UNIT_UNKNOWN');
    const grant = requirePermission(caller, 'account.remindGaps', { kind: 'unit', unitId: unit._id }, tree);
    const docs = await store.find<MatrixTotals>(
      'matrixTotals',
      { gap: true, unitPath: unit._id },
      {
        orderBy: [['_id', 'asc']],
        limit: GAP_REMIND_MAX,
      },
    );
    // Once a day per bureau, however often the desk presses.
    const occasion = `day${beijingDay(ctx.now)}`;
    const notices = docs.map((d) => gapNotice(d, tree, occasion)).filter((n): n is Notice => n !== null);
    for (let i = 0; i < notices.length; i += 10) {
      const chunk = notices.slice(i, i + 10);
      await runWork(ctx, { person: caller, grant }, async (work) => {
        await sendNotices(work, chunk, tree);
      });
    }
    return { reminded: notices.length };
  },
});
