/**
 * The admin's override table of the working-day calendar (第二十七条 deadlines in working days):
 * chinese-days 1.5.7 knows 2004–2026; a later year's arrangement, published by the State Council each
 * winter, is entered here by the province's propaganda desk, one year at a time.
 */
import * as v from 'valibot';
import type { CalendarOverride, CalendarYear } from '../../typings/referral';
import { createWorkCalendar, missingYearWarning, OFFICIAL_YEARS } from '../../core/calendar/calendar';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import type { VersionDoc } from '../org';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store } from '../store';
import { runWork } from '../uow';
import {
  CALENDAR_VERSION_ID,
  calendarVersionBump,
  calendarYearId,
  referralShellErrors,
  type CalendarYearDoc,
} from './context';
import { day, text, year } from './input';

function yearView(y: number, days: readonly CalendarOverride[], rev: number): CalendarYear {
  const calendar = createWorkCalendar(days);
  return {
    year: y,
    official: OFFICIAL_YEARS.has(y),
    overrides: [...days].sort((a, b) => (a.day < b.day ? -1 : 1)),
    warnings: calendar.yearKnown(y) ? [] : [missingYearWarning(y)],
    rev,
  };
}

export const calendarOverrides = action({
  access: 'person',
  input: v.strictObject({ year }),
  handle: async (params, ctx): Promise<CalendarYear> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'referral.calendarOverrides', { kind: 'none' }, await loadTree());
    const doc = await store.get<CalendarYearDoc>('calendarOverrides', calendarYearId(params.year));
    return yearView(params.year, doc?.days ?? [], doc?.rev ?? 0);
  },
});

const override = v.strictObject({
  day,
  kind: v.picklist(['working', 'holiday']),
  name: v.pipe(text(20), v.trim(), v.minLength(1)),
});

/** Replaces the year's overrides as a whole (an empty list removes them). */
export const setCalendarOverrides = action({
  access: 'person',
  input: v.strictObject({
    year,
    days: v.pipe(v.array(override), v.maxLength(366)),
    expectedRev: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  handle: async (params, ctx): Promise<CalendarYear> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'referral.setCalendarOverrides', { kind: 'none' }, tree);
    const seen = new Set<string>();
    for (const d of params.days) {
      const real = new Date(`${d.day}T00:00:00Z`).toISOString().slice(0, 10) === d.day;
      if (!real) throw referralShellErrors.calendarInvalid(`${d.day}不是有效日期`);
      if (!d.day.startsWith(`${params.year}-`))
        throw referralShellErrors.calendarInvalid(`${d.day}不属于${params.year}年`);
      if (seen.has(d.day)) throw referralShellErrors.calendarInvalid(`${d.day}重复`);
      seen.add(d.day);
    }
    const days: CalendarOverride[] = params.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name }));
    const rev = await runWork(ctx, { person: caller, grant }, async (work) => {
      const id = calendarYearId(params.year);
      const current = await work.get<CalendarYearDoc>('calendarOverrides', id);
      // Two admins editing the same year: the second save names a stale revision and is refused.
      if ((current?.rev ?? 0) !== params.expectedRev) throw commonErrors.conflict();
      const next: CalendarYearDoc = {
        _id: id,
        year: params.year,
        days,
        updatedBy: caller._id,
        updatedAt: toBeijingIso(ctx.now),
        rev: (current?.rev ?? 0) + 1,
      };
      await work.put('calendarOverrides', next);
      await work.put('counters', calendarVersionBump(await work.get<VersionDoc>('counters', CALENDAR_VERSION_ID)));
      work.audit({
        action: 'referral.setCalendarOverrides',
        object: { collection: 'calendarOverrides', id },
        summary: `设置${params.year}年节假日安排：${days.filter((d) => d.kind === 'holiday').length}天放假，${days.filter((d) => d.kind === 'working').length}天调休上班`,
        changes: [{ field: 'days', from: current?.days.length ?? 0, to: days.length }],
        // The calendar is the province's: its entries sit at the root of the audit log's scopes.
        unitPath: [tree.root._id],
      });
      return next.rev;
    });
    return yearView(params.year, days, rev);
  },
});
