/**
 * Training (第三十五条): sessions, bulk attendance, a person's history and who falls short of the
 * province's yearly hours. A completed attendance is written onto the person as a training record in
 * the same transaction, so the authorization rule that keeps the untrained from running or reviewing
 * accounts (core/auth, isTrained) is fed by sessions.
 */
import * as v from 'valibot';
import type { Account, Person } from '../../typings/org';
import type {
  ShortAccount,
  ShortfallPage,
  TrainingAttendance,
  TrainingHistory,
  TrainingSession,
  TrainingSessionDetail,
  TrainingSessionItem,
  TrainingSessionPage,
} from '../../typings/training';
import {
  accountStaff,
  attendanceId,
  attendanceOf,
  countAttendance,
  hoursInYear,
  newSession,
  sessionProblem,
  withSessionRecord,
} from '../../core/training/training';
import { authorize } from '../../core/auth/authorize';
import { isTrained } from '../../core/org/people';
import { securityError } from '../../core/security/errors';
import type { UnitTree } from '../../core/org/tree';
import { beijingDay } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store, type Filter } from '../store';
import { runWork } from '../uow';
import { loadPolicy, nameOf, peopleById, unitPathOf } from '../security/context';
import { day, id, limit, nextOffsetOf, offset, page, requestKey, text } from '../security/input';
import { stableId } from '../security/rotation';
import { unitNameOf } from '../security/views';

/** Attendance entries per transaction: each reads and writes a person, an attendance and the session. */
const ENTRIES_PER_TX = 20;
export const ATTENDANCE_MAX = 100;

function requireUnit(unitId: string, tree: UnitTree): void {
  if (!tree.byId.has(unitId)) throw securityError('UNIT_UNKNOWN');
}

async function loadSession(sessionId: string): Promise<TrainingSession> {
  const session = await store.get<TrainingSession>('trainingSessions', sessionId);
  if (!session) throw securityError('SESSION_UNKNOWN');
  return session;
}

function sessionItem(s: TrainingSession, tree: UnitTree): TrainingSessionItem {
  return {
    id: s._id,
    course: s.course,
    date: s.date,
    issuer: s.issuer,
    hours: s.hours,
    unitName: unitNameOf(s.unitId, tree),
    attended: s.attended,
    completed: s.completed,
  };
}

export const sessionCreate = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    requestKey,
    course: text(64),
    date: day,
    issuer: text(64),
    hours: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
  }),
  handle: async (params, ctx): Promise<TrainingSessionItem> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requireUnit(params.unitId, tree);
    const grant = requirePermission(caller, 'training.sessionCreate', { kind: 'unit', unitId: params.unitId }, tree);
    const problem = sessionProblem(params, ctx.now);
    if (problem) throw problem;
    const sessionId = stableId('ses', caller._id, params.requestKey);
    const session = await runWork(ctx, { person: caller, grant }, async (work) => {
      // The same form sent twice: the session it made.
      const existing = await work.get<TrainingSession>('trainingSessions', sessionId);
      if (existing) return existing;
      const created = {
        ...newSession(
          sessionId,
          params,
          { unitId: params.unitId, unitPath: unitPathOf(params.unitId, tree) },
          caller._id,
          ctx.now,
        ),
        rev: 1,
      };
      await work.create('trainingSessions', created);
      work.audit({
        action: 'training.sessionCreate',
        object: { collection: 'trainingSessions', id: created._id },
        summary: `登记培训：${created.course}（${created.date}，${created.hours}学时，${created.issuer}）`,
        unitPath: created.unitPath,
      });
      return created;
    });
    return sessionItem(session, tree);
  },
});

export const sessions = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
    offset,
    limit,
  }),
  handle: async (params, ctx): Promise<TrainingSessionPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requireUnit(params.unitId, tree);
    requirePermission(caller, 'training.sessions', { kind: 'unit', unitId: params.unitId }, tree);
    const { from, size } = page(params);
    const filter: Filter = { unitPath: params.unitId };
    if (params.year !== undefined) {
      filter.date = command().and(command().gte(`${params.year}-01-01`), command().lte(`${params.year}-12-31`));
    }
    const rows = await store.find<TrainingSession>('trainingSessions', filter, {
      orderBy: [
        ['date', 'desc'],
        ['_id', 'desc'],
      ],
      skip: from,
      limit: size + 1,
    });
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    return { items: items.map((s) => sessionItem(s, tree)), nextOffset };
  },
});

export const session = action({
  access: 'person',
  input: v.strictObject({ sessionId: id, offset, limit }),
  handle: async (params, ctx): Promise<TrainingSessionDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const found = await loadSession(params.sessionId);
    requirePermission(caller, 'training.session', { kind: 'unit', unitId: found.unitId }, tree);
    const { from, size } = page(params);
    const rows = await store.find<TrainingAttendance>(
      'trainingAttendance',
      { sessionId: found._id },
      { orderBy: [['personId', 'asc']], skip: from, limit: size + 1 },
    );
    const { items, nextOffset } = nextOffsetOf(rows, from, size);
    const people = await peopleById([found.organiserId, ...items.map((a) => a.personId)]);
    return {
      session: { ...sessionItem(found, tree), organiserName: nameOf(people, found.organiserId), rev: found.rev },
      attendance: items.map((a) => ({
        personId: a.personId,
        name: nameOf(people, a.personId),
        badgeNo: people.get(a.personId)?.badgeNo ?? '',
        unitName: unitNameOf(a.unitId, tree),
        completed: a.completed,
      })),
      nextOffset,
      canRecord: authorize(caller, 'training.sessionCreate', { kind: 'unit', unitId: found.unitId }, tree).allowed,
    };
  },
});

export const recordAttendance = action({
  access: 'person',
  input: v.strictObject({
    sessionId: id,
    entries: v.pipe(
      v.array(v.strictObject({ personId: id, completed: v.boolean() })),
      v.minLength(1),
      v.maxLength(ATTENDANCE_MAX),
    ),
  }),
  handle: async (params, ctx): Promise<{ recorded: number; session: TrainingSessionItem }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const found = await loadSession(params.sessionId);
    // The organiser's side: the unit that holds the session.
    const grant = requirePermission(caller, 'training.sessionCreate', { kind: 'unit', unitId: found.unitId }, tree);
    const ids = params.entries.map((e) => e.personId);
    if (new Set(ids).size !== ids.length) throw securityError('ATTENDANCE_INVALID', '签到名单中有重复人员');
    // Every attendee is checked before anything is written: a refusal changes nothing.
    const people = await peopleById(ids);
    for (const entry of params.entries) {
      const person = people.get(entry.personId);
      if (!person || !person.active)
        throw securityError('ATTENDANCE_INVALID', `签到名单中的人员不存在或已停用：${entry.personId}`);
      requirePermission(caller, 'training.recordAttendance', { kind: 'person', person }, tree);
    }
    let current = found;
    for (let i = 0; i < params.entries.length; i += ENTRIES_PER_TX) {
      const chunk = params.entries.slice(i, i + ENTRIES_PER_TX);
      current = await runWork(ctx, { person: caller, grant }, async (work) => {
        let s = await work.load<TrainingSession>('trainingSessions', found._id, '培训班次');
        for (const entry of chunk) {
          const person = await work.load<Person>('people', entry.personId, '人员');
          const before = await work.get<TrainingAttendance>('trainingAttendance', attendanceId(s._id, person._id));
          const after = attendanceOf(s, person, entry.completed, caller._id, ctx.now);
          await work.put('trainingAttendance', after);
          const updated = withSessionRecord(person, s, entry.completed, ctx.now);
          await work.put('people', { ...updated, rev: person.rev + 1 });
          s = countAttendance(s, before, after, ctx.now);
          if (before?.completed !== after.completed) {
            work.audit({
              action: 'training.recordAttendance',
              object: { collection: 'people', id: person._id },
              summary: `登记培训：${person.name}，${s.course}（${s.date}，${s.hours}学时，${entry.completed ? '已完成' : '未完成'}）`,
              unitPath: unitPathOf(person.unitId, tree),
            });
          }
        }
        const saved = { ...s, rev: s.rev + 1 };
        await work.put('trainingSessions', saved);
        return saved;
      });
    }
    return { recorded: params.entries.length, session: sessionItem(current, tree) };
  },
});

export const history = action({
  access: 'person',
  input: v.strictObject({
    personId: id,
    year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
  }),
  handle: async (params, ctx): Promise<TrainingHistory> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const person = await store.get<Person>('people', params.personId);
    if (!person) throw securityError('PERSON_UNKNOWN');
    requirePermission(caller, 'training.history', { kind: 'person', person }, tree);
    const year = params.year ?? Number(beijingDay(ctx.now).slice(0, 4));
    const { policy } = await loadPolicy();
    return {
      personId: person._id,
      name: person.name,
      unitName: unitNameOf(person.unitId, tree),
      trained: isTrained(person),
      year,
      hoursThisYear: hoursInYear(person, year),
      requiredHours: policy.trainingHoursPerYear,
      items: [...person.trainings]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((t) => ({
          course: t.course,
          date: t.date,
          issuer: t.issuer,
          hours: t.hours ?? null,
          completed: t.completed,
          sessionId: t.sessionId ?? null,
        })),
    };
  },
});

export const shortfall = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
    offset,
    limit,
  }),
  handle: async (params, ctx): Promise<ShortfallPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requireUnit(params.unitId, tree);
    requirePermission(caller, 'training.shortfall', { kind: 'unit', unitId: params.unitId }, tree);
    const year = params.year ?? Number(beijingDay(ctx.now).slice(0, 4));
    const { policy } = await loadPolicy();
    const { from, size } = page(params);
    // The page walks the unit's accounts (index unitId); an account is listed when someone on it falls short.
    const unitIds = [...tree.byId.values()].filter((u) => u.path.includes(params.unitId)).map((u) => u._id);
    const rows = await store.find<Account>(
      'accounts',
      { unitId: command().in(unitIds), state: command().in(['active', 'suspended']) },
      {
        orderBy: [
          ['name', 'asc'],
          ['_id', 'asc'],
        ],
        skip: from,
        limit: size + 1,
      },
    );
    const { items: accounts, nextOffset } = nextOffsetOf(rows, from, size);
    const people = await peopleById(accounts.flatMap(accountStaff));
    const items: ShortAccount[] = [];
    for (const account of accounts) {
      const short = accountStaff(account)
        .map((personId) => people.get(personId))
        .filter((p): p is Person => p !== undefined && p.active)
        .map((p) => ({ person: p, hours: hoursInYear(p, year) }))
        .filter(({ person, hours }) => hours < policy.trainingHoursPerYear || !isTrained(person))
        .map(({ person, hours }) => ({
          personId: person._id,
          name: person.name,
          unitName: unitNameOf(person.unitId, tree),
          hours,
          untrained: !isTrained(person),
        }));
      if (short.length > 0) {
        items.push({
          accountId: account._id,
          accountName: account.name,
          platform: account.platform,
          unitName: unitNameOf(account.unitId, tree),
          short,
        });
      }
    }
    return { year, requiredHours: policy.trainingHoursPerYear, items, nextOffset };
  },
});
