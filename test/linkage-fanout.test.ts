/**
 * The fan-out survives its worker: a directive whose issuing call died midway (its lease lapsed, some
 * targets written) is finished by the next timer run, each target and notice stored once; a fan-out
 * whose worker still holds its lease is left alone.
 */
import type { Directive, DirectiveTarget } from '../typings/linkage';
import { useTestCloud } from './support/cloud';
import { directives, issue, notices, targetsOf, timer } from './linkage-helpers';

const NOW = '2026-12-01T09:00:00+08:00';

describe('a fan-out left unfinished', () => {
  let original: Directive;

  const t = useTestCloud({ now: NOW, frozen: true }, async () => {
    const view = await issue(t);
    const found = directives(t).find((d) => d._id === view.directive.id);
    if (!found) throw new Error('directive not stored');
    original = found;
  });

  /** A copy of the issued directive as a dead issuing call would have left it, on the same frozen plan. */
  function abandoned(id: string, phase: Directive['fanout']['phase'], leaseUntil: string): Directive {
    return {
      ...original,
      _id: id,
      fanout: { ...original.fanout, phase, leaseOwner: 'dead-call', leaseUntil, doneAt: null, notices: 0 },
      nextStepAt: leaseUntil,
      open: true,
    };
  }

  it('is finished by the timer once the lease lapses, writing only what is missing', async () => {
    const d = abandoned('dir-crashed', 'targets', '2026-12-01T08:59:00.000+08:00');
    t.cloud.db.insert('directives', [d as never]);
    // The dead call had written one target (and the tallies) before it died.
    const half = targetsOf(t, original._id)
      .slice(0, 1)
      .map((x): DirectiveTarget => ({ ...x, _id: `dir-crashed|${x.accountId}`, directiveId: 'dir-crashed' }));
    t.cloud.db.insert('directiveTargets', half as never[]);

    const run = await timer(t);
    expect(run.linkage).toMatchObject({ fanouts: 1, error: null });
    const done = directives(t).find((x) => x._id === 'dir-crashed');
    expect(done?.fanout).toMatchObject({ phase: 'done', leaseOwner: null, notices: 3 });
    expect(done?.nextStepAt).toBe(done?.reminderAts[0]);
    expect(targetsOf(t, 'dir-crashed')).toHaveLength(4);
    expect(notices(t, 'linkageIssued').filter((n) => n.subject?.id === 'dir-crashed')).toHaveLength(3);

    // A second run finds nothing to do, and stores nothing twice.
    await timer(t);
    expect(targetsOf(t, 'dir-crashed')).toHaveLength(4);
    expect(notices(t, 'linkageIssued').filter((n) => n.subject?.id === 'dir-crashed')).toHaveLength(3);
  });

  it('is left to the worker that still holds its lease', async () => {
    const d = abandoned('dir-busy', 'notices', '2026-12-01T09:01:00.000+08:00');
    t.cloud.db.insert('directives', [d as never]);
    const run = await timer(t);
    expect(run.linkage.fanouts).toBe(0);
    expect(directives(t).find((x) => x._id === 'dir-busy')?.fanout.phase).toBe('notices');
    // Once it lapses, the timer takes over.
    t.cloud.clock.set('2026-12-01T09:01:30+08:00');
    await timer(t);
    expect(directives(t).find((x) => x._id === 'dir-busy')?.fanout).toMatchObject({ phase: 'done', notices: 3 });
  });
});
