/**
 * What every evaluation handler shares: document ids, the edge schemas, the scheme versions, the
 * month document, and who counts as the province desk.
 */
import * as v from 'valibot';
import type { EvaluationMonth, EvaluationScheme, MonthString, Standings } from '../../typings/evaluation';
import type { Person } from '../../typings/org';
import { authorize } from '../../core/auth/authorize';
import type { UnitTree } from '../../core/org/tree';
import { evaluationErrors, isMonth } from '../../core/evaluation/month';
import { schemeFor } from '../../core/evaluation/scheme';
import { pageParams } from '../schemas';
import { store, type Store } from '../store';

export const monthDocId = (month: MonthString): string => `month-${month}`;
export const resultId = (month: MonthString, accountId: string): string => `${month}:${accountId}`;
export const unitResultId = (month: MonthString, unitId: string): string => `${month}:${unitId}`;
export const yearDocId = (year: number): string => `year-${year}`;

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
export const text = (min: number, max: number) => v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max));
export const month = v.pipe(
  v.string(),
  v.check((s) => isMonth(s)),
);
export const isoTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/),
  v.check((s) => !Number.isNaN(Date.parse(s))),
);
/** THE list bound (server/schemas.ts, issue 11): offset 0–10,000, limit 0–100. */
export const page = pageParams;
export const DEFAULT_LIMIT = 20;

/** Every scheme version (a handful per year: one page holds them). */
export async function loadSchemes(db: Store = store): Promise<EvaluationScheme[]> {
  return db.find<EvaluationScheme>('evaluationSchemes', {}, { orderBy: [['version', 'asc']], limit: 1000 });
}

export async function schemeOfMonth(month: MonthString, version?: number): Promise<EvaluationScheme> {
  const versions = await loadSchemes();
  if (version !== undefined) {
    const exact = versions.find((s) => s.version === version);
    if (exact) return exact;
  }
  return schemeFor(month, versions);
}

export async function loadMonth(month: MonthString): Promise<EvaluationMonth | null> {
  return store.get<EvaluationMonth>('evaluationMonths', monthDocId(month));
}

export async function requireMonth(month: MonthString): Promise<EvaluationMonth> {
  const doc = await loadMonth(month);
  if (!doc) throw evaluationErrors.monthNotRun(month);
  return doc;
}

export async function loadStandings(month: MonthString): Promise<Standings | null> {
  return store.get<Standings>('evaluationStandings', month);
}

/** The province desk (第七条 省厅政治部宣传处): whoever may run the evaluation. */
export function isDesk(caller: Person | null, tree: UnitTree): boolean {
  return authorize(caller, 'evaluation.run', { kind: 'none' }, tree).allowed;
}

/** A month the units may see: released (in review) or published; the desk sees the draft too. */
export function requireVisible(doc: EvaluationMonth | null, month: MonthString, desk: boolean): EvaluationMonth {
  if (!doc) throw evaluationErrors.monthNotRun(month);
  if (!desk && doc.state !== 'review' && doc.state !== 'published') throw evaluationErrors.notReleased();
  return doc;
}
