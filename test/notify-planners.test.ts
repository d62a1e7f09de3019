/**
 * The planner run loop (server/planners.ts) against the local cloud, in this process through the
 * real wx-server-sdk: it reads only the due documents of each planner's index, page by page without
 * losing or repeating ties at a page boundary, and stores each reminder once however often it runs.
 */
import type { NotificationDraft } from '../typings/notify';
import type { Planner } from '../core/notify/planners';
import { toBeijingIso } from '../core/time';
import { startTestCloud, type TestCloud } from './support/cloud';
import type * as PlannersModule from '../server/planners';
import type * as StoreModule from '../server/store';

interface DueDoc {
  _id: string;
  open: boolean;
  dueSoonAt: string;
  handlerId: string;
}

// Timer runs spawn function instances and move hundreds of records: slow on a busy machine.
jest.setTimeout(30_000);

const START = '2026-11-28T09:00:00+08:00';
const MIN = 60_000;

let t: TestCloud;
// Imported after the SDK's environment points at the local cloud.
let mod: typeof PlannersModule;
let storeMod: typeof StoreModule;
beforeAll(async () => {
  t = await startTestCloud({ now: START });
  Object.assign(process.env, t.cloud.sdkEnv());
  mod = await import('../server/planners');
  storeMod = await import('../server/store');
});
afterAll(() => t.close());

const now = (): number => Date.parse(START);

function planner(name: string, limit: number, seen: string[][]): Planner<DueDoc> {
  return {
    name,
    due: {
      collection: 'referrals',
      index: 'reminder',
      equals: [{ field: 'open', value: true }],
      dueField: 'dueSoonAt',
      limit,
    },
    window: (at) => ({ dueBy: toBeijingIso(at) }),
    plan: ({ items }): NotificationDraft[] => {
      seen.push(items.map((i) => i._id));
      return items.map((i) => ({
        kind: 'referralDueSoon',
        recipientId: i.handlerId,
        title: '转办事项即将到期',
        text: i._id,
        link: `/pages/referral-detail/index?id=${i._id}`,
        subject: { collection: 'referrals', id: i._id },
        values: { subject: i._id, dueAt: i.dueSoonAt },
        dedupeKey: `referralDueSoon:referrals/${i._id}:${i.dueSoonAt}:${i.handlerId}`,
        escalation: null,
      }));
    },
  };
}

describe('runPlanners', () => {
  it('reads only due items through the index, pages across ties, and enqueues each reminder once', async () => {
    const at = (ms: number): string => toBeijingIso(now() + ms);
    const docs: DueDoc[] = [
      // 230 due at one instant: a whole page (100) and two page boundaries fall inside the tie.
      ...Array.from({ length: 230 }, (_, i) => ({
        _id: `tie-${String(i).padStart(3, '0')}`,
        open: true,
        dueSoonAt: at(-5 * MIN),
        handlerId: 'p-cs-handler-cyber',
      })),
      ...Array.from({ length: 40 }, (_, i) => ({
        _id: `due-${i}`,
        open: true,
        dueSoonAt: at(-i * 1000),
        handlerId: 'p-cs-handler-criminal',
      })),
      // Not due yet, and closed: never read.
      ...Array.from({ length: 300 }, (_, i) => ({
        _id: `later-${i}`,
        open: true,
        dueSoonAt: at((i + 1) * MIN),
        handlerId: 'p-cs-handler-cyber',
      })),
      ...Array.from({ length: 300 }, (_, i) => ({
        _id: `closed-${i}`,
        open: false,
        dueSoonAt: at(-i * MIN),
        handlerId: 'p-cs-handler-cyber',
      })),
    ];
    t.cloud.db.insert('referrals', docs as never[]);

    const seen: string[][] = [];
    const registry = new mod.ShellPlannerRegistry().register({ planner: planner('dueSoon', 100, seen) });
    const ctx = mod.timerContext(now(), 'run-1', () => Math.random().toString(36).slice(2));

    storeMod.storeStats.requests = 0;
    storeMod.storeStats.documentsRead = 0;
    t.cloud.resetStats();
    const [report] = await mod.runPlanners(ctx, registry);
    // Pages by keyset (issue 18): 100 of the tie, the tie's next 100 and its last 30 by _id, then the 40 later.
    expect(report).toMatchObject({ name: 'dueSoon', items: 270, pages: 4, drafts: 270, enqueued: 270, error: null });
    // What the database itself read of referrals: exactly the due ones, no page read twice (a skip would).
    expect(t.cloud.stats().readsByCollection['referrals']).toBe(270);
    const ids = seen[0] ?? [];
    expect(new Set(ids).size).toBe(270);
    expect(ids.every((id) => id.startsWith('tie-') || id.startsWith('due-'))).toBe(true);
    // Reads: the three due pages (270 docs) and the key check (none stored yet); never the 600 others.
    expect(storeMod.storeStats.documentsRead).toBe(270);
    expect(t.cloud.db.count('notifications', {})).toBe(270);
    expect(t.cloud.db.count('outbox', { state: 'pending' })).toBe(270);

    // A second run, and two overlapping ones: nothing new is stored.
    const again = await Promise.all([mod.runPlanners(ctx, registry), mod.runPlanners(ctx, registry)]);
    expect(again.flat().map((r) => r.enqueued)).toEqual([0, 0]);
    expect(t.cloud.db.count('notifications', {})).toBe(270);
    expect(t.cloud.db.count('outbox', {})).toBe(270);
  });

  it('reports a failing planner and still runs the others', async () => {
    const broken: Planner<DueDoc> = {
      ...planner('broken', 10, []),
      plan: () => {
        throw new Error('boom');
      },
    };
    const seen: string[][] = [];
    const registry = new mod.ShellPlannerRegistry()
      .register({ planner: broken })
      .register({ planner: planner('fine', 500, seen) });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reports = await mod.runPlanners(
      mod.timerContext(now(), 'run-2', () => 'x'),
      registry,
    );
    errors.mockRestore();
    expect(reports.map((r) => [r.name, r.error?.code ?? null])).toEqual([
      ['broken', 'PLANNER_FAILED'],
      ['fine', null],
    ]);
    expect(seen[0]).toHaveLength(270);
  });

  it('refuses a planner no declared index serves, and a duplicate name', () => {
    const registry = new mod.ShellPlannerRegistry().register({ planner: planner('a', 10, []) });
    const codeOf = (register: () => unknown): unknown => {
      try {
        register();
        return null;
      } catch (err) {
        return (err as { code?: unknown }).code;
      }
    };
    expect(codeOf(() => registry.register({ planner: planner('a', 10, []) }))).toBe('PLANNER_DUPLICATE');
    const unindexed: Planner<DueDoc> = {
      ...planner('b', 10, []),
      due: { ...planner('b', 10, []).due, dueField: 'dueAt' },
    };
    expect(codeOf(() => registry.register({ planner: unindexed }))).toBe('PLANNER_UNINDEXED');
  });
});
