/**
 * The matrix workbook (第九条, 第三十四条): every unit's totals and every account below the scope, built
 * in the export function (exceljs stays out of the others), put in storage, answered with a temporary
 * download link the mini-program opens with wx.downloadFile → wx.openDocument.
 */
import * as v from 'valibot';
import type { ExportResult, MatrixTotals } from '../../typings/account';
import type { Account } from '../../typings/org';
import { FAMILY_LABELS } from '../../core/account/catalogue';
import { accountError } from '../../core/account/errors';
import { facet } from '../../core/account/matrix';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store } from '../store';
import { id } from './input';
import { tempUrls, uploadBuffer } from './storage';
import { buildWorkbook } from './workbook';

const EXPORT_PAGE = 1000;

async function readAll<T extends { _id: string }>(
  collection: 'matrixTotals' | 'accounts',
  filter: Record<string, unknown>,
  orderBy: Array<[string, 'asc' | 'desc']>,
): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += EXPORT_PAGE) {
    const page = await store.find<T>(collection, filter, { orderBy, skip, limit: EXPORT_PAGE });
    out.push(...page);
    if (page.length < EXPORT_PAGE) return out;
  }
}

/**
 * Every account of one facet in name order, a batch at a time from where the last batch ended (name,
 * then id): each batch reads its own documents only, where a growing offset would read all before it.
 */
async function accountsOf(facetKey: string): Promise<Account[]> {
  const out: Account[] = [];
  let last: { name: string; id: string } | null = null;
  for (;;) {
    const after: { name: string; id: string } | null = last;
    const filter: Record<string, unknown> = after
      ? { facets: facetKey, name: command().gte(after.name) }
      : { facets: facetKey };
    const batch = await store.find<Account>('accounts', filter, {
      orderBy: [
        ['name', 'asc'],
        ['_id', 'asc'],
      ],
      limit: EXPORT_PAGE,
    });
    // Accounts sharing the last name come again: keep those after the last id only.
    const fresh = after ? batch.filter((a) => a.name > after.name || a._id > after.id) : batch;
    out.push(...fresh);
    const tail = batch[batch.length - 1];
    if (batch.length < EXPORT_PAGE || !tail) return out;
    if (fresh.length === 0) throw new Error(`more than ${EXPORT_PAGE} accounts named ${tail.name}`);
    last = { name: tail.name, id: tail._id };
  }
}

export const matrix = action({
  access: 'person',
  input: v.strictObject({ unitId: id }),
  handle: async (params, ctx): Promise<ExportResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const unit = tree.byId.get(params.unitId);
    if (!unit) throw accountError('UNIT_UNKNOWN');
    requirePermission(caller, 'export.matrix', { kind: 'unit', unitId: unit._id }, tree);
    const [totals, accounts] = await Promise.all([
      readAll<MatrixTotals>('matrixTotals', { unitPath: unit._id }, [['_id', 'asc']]),
      accountsOf(facet(unit._id, {})),
    ]);
    const buffer = await buildWorkbook({ unit, tree, totals, accounts, at: ctx.now, familyLabels: FAMILY_LABELS });
    const stamp = toBeijingIso(ctx.now).slice(0, 19).replace(/[-:T]/g, '');
    const fileID = await uploadBuffer(`exports/matrix/${unit._id}/${stamp}-${ctx.newId().slice(0, 8)}.xlsx`, buffer);
    const MAX_AGE_S = 3600;
    const url = (await tempUrls([fileID], MAX_AGE_S)).get(fileID);
    if (!url) throw accountError('IMAGE_MISSING', '导出文件生成失败，请重试');
    return {
      fileID,
      url,
      expiresAt: toBeijingIso(ctx.now + MAX_AGE_S * 1000),
      accounts: accounts.length,
      units: totals.length,
    };
  },
});
