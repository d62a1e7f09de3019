import type { Account } from '../../typings/org';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import { dueStep } from './directive';
import { newDirective, type NewDirectiveInput } from './issue';
import { resolveTargets } from './targets';

const org = demoOrg();
const tree = buildTree(org.units);
const province = tree.byId.get('u-hn');
if (!province) throw new Error('u-hn');
const accounts: Account[] = org.accounts;
const operatorIds = [...new Set(accounts.flatMap((a) => [a.operatorA, a.operatorB]))].filter(
  (x): x is string => x !== null,
);
const resolved = resolveTargets({
  targets: { mode: 'filter', unitIds: [], platforms: [] },
  scope: province,
  tree,
  accounts,
  // Everyone reachable but the first operator.
  operators: new Map(operatorIds.map((id, i) => [id, { reachable: i > 0 }])),
});
if (!resolved.ok) throw resolved.error;
const planned = resolved.targets;
const ISSUED = Date.parse('2026-11-30T09:00:00+08:00');

const input = (over: Partial<NewDirectiveInput> = {}): NewDirectiveInput => ({
  id: 'dir-1',
  params: {
    kind: 'opinion',
    title: '  澄清网传不实信息 ',
    content: ' 请转发警情通报。 ',
    link: '   ',
    wording: ' 以警方通报为准。 ',
    responseKinds: ['repost', 'comment', 'repost'],
    targets: { mode: 'filter', unitIds: [], platforms: [] },
    windowMinutes: 60,
  },
  targetsLabel: '全部账号',
  graceMinutes: 30,
  issuer: { id: 'p-hn-desk', name: '省厅宣传' },
  desk: { _id: 'u-hn-xcc', name: '湖南省公安厅政治部宣传处' },
  scope: province,
  tree,
  planId: 'plan-1',
  planChunks: 1,
  planned,
  correctionOfTitle: null,
  lease: { owner: 'req-1', until: ISSUED + 5 * 60_000 },
  now: ISSUED,
  ...over,
});

describe('a new directive (第三十四条): the document the moment of issue makes', () => {
  it('freezes the plan’s counts, the clock and the desks that see it', () => {
    const { directive: d, tallies } = newDirective(input());
    expect(planned.length).toBeGreaterThan(1);
    expect(d).toMatchObject({
      _id: 'dir-1',
      title: '澄清网传不实信息',
      content: '请转发警情通报。',
      link: null,
      wording: '以警方通报为准。',
      responseKinds: ['repost', 'comment'],
      state: 'open',
      open: true,
      month: '2026-11',
      issuedAt: '2026-11-30T09:00:00.000+08:00',
      dueAt: '2026-11-30T10:00:00.000+08:00',
      closesAt: '2026-11-30T10:30:00.000+08:00',
      reminderAts: ['2026-11-30T09:30:00.000+08:00', '2026-11-30T09:50:00.000+08:00'],
      targetCount: planned.length,
      reachableAccounts: planned.filter((t) => t.reachable).length,
      rev: 1,
    });
    expect(d.operatorCount).toBe(new Set(planned.flatMap((t) => t.operatorIds)).size);
    expect(d.reachableOperators).toBe(planned.reduce((n, t) => n + t.reachableOperators, 0));
    // Each tally counts its targets; the province and every bureau with targets see the directive.
    expect(tallies.reduce((n, t) => n + (t.parentId === province._id ? t.targets : 0), 0)).toBe(planned.length);
    expect(d.reach[0]).toBe('u-hn');
    expect(d.reach).toEqual(expect.arrayContaining(tallies.map((t) => t.key).filter((k) => tree.byId.has(k))));
    expect(new Set(d.reach).size).toBe(d.reach.length);
  });

  it('leaves the fan-out to the issuing call under its lease, or to the timer at once without one', () => {
    const held = newDirective(input()).directive;
    expect(held.fanout).toMatchObject({ purpose: 'issue', phase: 'tallies', leaseOwner: 'req-1', doneAt: null });
    // The timer waits for the lease to lapse before it takes the fan-out over.
    expect(held.nextStepAt).toBe('2026-11-30T09:05:00.000+08:00');
    const free = newDirective(input({ lease: null })).directive;
    expect(free.fanout.leaseOwner).toBeNull();
    expect(free.nextStepAt).toBe(free.issuedAt);
    expect(dueStep(free, ISSUED)?.kind).toBe('fanout');
  });

  it('keeps a correction’s link to what it corrects, and a shorter window’s reminders', () => {
    const { directive: d } = newDirective(
      input({
        params: { ...input().params, link: ' https://weibo.com/x ', windowMinutes: 30, correctionOf: 'dir-0' },
        correctionOfTitle: '原指令',
      }),
    );
    expect(d).toMatchObject({ link: 'https://weibo.com/x', correctionOf: 'dir-0', correctionOfTitle: '原指令' });
    expect(d.reminderAts).toEqual(['2026-11-30T09:15:00.000+08:00', '2026-11-30T09:20:00.000+08:00']);
  });
});
