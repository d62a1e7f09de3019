import type { Directive, DirectiveTarget, IssueParams } from '../../typings/linkage';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import { beijingAt, toBeijingIso } from '../time';
import {
  DEFAULT_SETTINGS,
  SILENT_RANK,
  afterFanout,
  afterStep,
  checkIssue,
  clockOf,
  dueStep,
  mayIssue,
  monthOf,
  nextStepAt,
  respond,
  responseWaitingTimes,
  withdraw,
  type ResponseInput,
} from './directive';

const MIN = 60_000;
const ISSUED = beijingAt('2026-12-01', 9, 0);
const tree = buildTree(demoOrg().units);
const unit = (id: string) => {
  const u = tree.byId.get(id);
  if (!u) throw new Error(id);
  return u;
};

function directive(over: Partial<Directive> = {}): Directive {
  const clock = clockOf(ISSUED, 60, 30);
  const base: Directive = {
    _id: 'd1',
    kind: 'opinion',
    title: '澄清网传不实信息',
    content: '请转发省厅官方微博的澄清通报',
    link: 'https://weibo.com/1/abc',
    wording: '以官方通报为准',
    responseKinds: ['repost', 'original', 'comment'],
    targets: { mode: 'filter', unitIds: [], platforms: [] },
    targetsLabel: '湖南省公安厅全部账号',
    windowMinutes: 60,
    graceMinutes: 30,
    issuerId: 'p-hn-propaganda',
    issuerName: '周芳',
    deskId: 'u-hn-xcc',
    deskName: '湖南省公安厅政治部宣传处',
    scopeUnitId: 'u-hn',
    scopeUnitName: '湖南省公安厅',
    reach: ['u-hn', 'u-cs'],
    correctionOf: null,
    correctionOfTitle: null,
    issuedAt: toBeijingIso(ISSUED),
    ...clock,
    month: monthOf(ISSUED),
    planId: 'plan1',
    planChunks: 1,
    targetCount: 4,
    operatorCount: 3,
    reachableAccounts: 2,
    reachableOperators: 2,
    state: 'open',
    open: true,
    nextStepAt: null,
    steps: { reminders: 0, lateReported: false },
    fanout: {
      purpose: 'issue',
      phase: 'done',
      leaseOwner: null,
      leaseUntil: null,
      startedAt: toBeijingIso(ISSUED),
      doneAt: toBeijingIso(ISSUED + 2000),
      notices: 3,
    },
    withdrawal: null,
    closedAt: null,
    createdAt: toBeijingIso(ISSUED),
    updatedAt: toBeijingIso(ISSUED),
    rev: 1,
  };
  return { ...base, ...over };
}

function target(over: Partial<DirectiveTarget> = {}): DirectiveTarget {
  return {
    _id: 'd1|acc-cs-weibo',
    directiveId: 'd1',
    directiveTitle: '澄清网传不实信息',
    directiveKind: 'opinion',
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    unitPath: ['u-hn', 'u-cs'],
    tier1Id: 'u-cs',
    tier2Id: null,
    tallyIds: ['u-cs'],
    operatorIds: ['p-cs-operator-a', 'p-cs-operator-b'],
    reachable: true,
    issuedAt: toBeijingIso(ISSUED),
    dueAt: toBeijingIso(ISSUED + 60 * MIN),
    month: '2026-12',
    state: 'pending',
    response: null,
    elapsedMs: null,
    rank: SILENT_RANK,
    updatedAt: toBeijingIso(ISSUED),
    rev: 1,
    ...over,
  };
}

const input = (at: number, over: Partial<ResponseInput> = {}): ResponseInput => ({
  kind: 'repost',
  link: 'https://weibo.com/2/xyz',
  screenshot: null,
  note: '',
  postId: null,
  byId: 'p-cs-operator-a',
  byName: '王明',
  at,
  ...over,
});

const issue = (over: Partial<IssueParams> = {}): IssueParams => ({
  clientKey: 'k1',
  kind: 'publicity',
  title: '转发全省禁毒宣传月启动',
  content: '请转发',
  link: null,
  wording: '',
  responseKinds: ['repost'],
  targets: { mode: 'filter', unitIds: [], platforms: [] },
  ...over,
});

describe('who may issue (第三十四条)', () => {
  it('is the province desk; a city desk only where the settings allow it', () => {
    expect(mayIssue(unit('u-hn'), DEFAULT_SETTINGS)).toBeNull();
    expect(mayIssue(unit('u-cs'), DEFAULT_SETTINGS)?.code).toBe('CITY_NOT_ALLOWED');
    expect(mayIssue(unit('u-cs'), { ...DEFAULT_SETTINGS, cityDesks: 'all' })).toBeNull();
    expect(mayIssue(unit('u-cs'), { ...DEFAULT_SETTINGS, cityDesks: 'listed', cityIds: ['u-cs'] })).toBeNull();
    expect(mayIssue(unit('u-cs'), { ...DEFAULT_SETTINGS, cityDesks: 'listed', cityIds: ['u-yy'] })?.code).toBe(
      'CITY_NOT_ALLOWED',
    );
    // A county desk never issues, whatever the settings.
    expect(mayIssue(unit('u-ly'), { ...DEFAULT_SETTINGS, cityDesks: 'all' })?.code).toBe('ISSUER_LEVEL');
  });
});

describe('what a directive must say', () => {
  it('needs a title, content or a link, a response kind and a window in range', () => {
    expect(checkIssue(issue())).toBeNull();
    expect(checkIssue(issue({ title: '  ' }))?.code).toBe('TITLE_REQUIRED');
    expect(checkIssue(issue({ title: '标'.repeat(65) }))?.code).toBe('TITLE_TOO_LONG');
    expect(checkIssue(issue({ content: ' ', link: null }))?.code).toBe('CONTENT_REQUIRED');
    expect(checkIssue(issue({ content: '', link: 'https://weibo.com/x' }))).toBeNull();
    expect(checkIssue(issue({ link: 'weibo.com/x' }))?.code).toBe('INVALID_LINK');
    expect(checkIssue(issue({ responseKinds: [] }))?.code).toBe('RESPONSE_KINDS_REQUIRED');
    expect(checkIssue(issue({ windowMinutes: 5 }))?.code).toBe('WINDOW_INVALID');
    expect(checkIssue(issue({ windowMinutes: 60.5 }))?.code).toBe('WINDOW_INVALID');
    expect(checkIssue(issue({ windowMinutes: 720 }))).toBeNull();
  });
});

describe('the clock', () => {
  it('reminds at +30 and +50, is due at +60 and closes after the grace', () => {
    const c = clockOf(ISSUED, 60, 30);
    expect(c.reminderAts).toEqual([toBeijingIso(ISSUED + 30 * MIN), toBeijingIso(ISSUED + 50 * MIN)]);
    expect(c.dueAt).toBe('2026-12-01T10:00:00.000+08:00');
    expect(c.closesAt).toBe('2026-12-01T10:30:00.000+08:00');
  });

  it('scales the reminders with another window and keeps them inside it', () => {
    expect(clockOf(ISSUED, 120, 0).reminderAts).toEqual([
      toBeijingIso(ISSUED + 60 * MIN),
      toBeijingIso(ISSUED + 110 * MIN),
    ]);
    expect(clockOf(ISSUED, 10, 0).reminderAts).toEqual([toBeijingIso(ISSUED + 5 * MIN)]);
    expect(clockOf(ISSUED, 20, 0).reminderAts).toEqual([toBeijingIso(ISSUED + 10 * MIN)]);
  });

  it('walks the steps in order: reminders, the late report, closing — then nothing', () => {
    let d = directive();
    d = { ...d, nextStepAt: nextStepAt(d) };
    expect(d.nextStepAt).toBe(d.reminderAts[0]);
    expect(dueStep(d, ISSUED + 29 * MIN)).toBeNull();
    expect(dueStep(d, ISSUED + 30 * MIN)).toEqual({ kind: 'remind', stage: 0, stale: false });
    d = afterStep(d, { kind: 'remind', stage: 0, stale: false }, ISSUED + 30 * MIN);
    expect(d.nextStepAt).toBe(d.reminderAts[1]);
    expect(dueStep(d, ISSUED + 50 * MIN)).toEqual({ kind: 'remind', stage: 1, stale: false });
    d = afterStep(d, { kind: 'remind', stage: 1, stale: false }, ISSUED + 50 * MIN);
    expect(dueStep(d, ISSUED + 60 * MIN)).toEqual({ kind: 'reportLate' });
    d = afterStep(d, { kind: 'reportLate' }, ISSUED + 60 * MIN);
    expect(d.nextStepAt).toBe(d.closesAt);
    expect(dueStep(d, ISSUED + 89 * MIN)).toBeNull();
    d = afterStep(d, { kind: 'close' }, ISSUED + 90 * MIN);
    expect(d).toMatchObject({ state: 'closed', open: false, nextStepAt: null });
    expect(dueStep(d, ISSUED + 500 * MIN)).toBeNull();
  });

  it('does not send a reminder whose window has passed (the timer was down): it is skipped as stale', () => {
    const d = directive();
    expect(dueStep(d, ISSUED + 65 * MIN)).toEqual({ kind: 'remind', stage: 0, stale: true });
  });

  it('runs the fan-out before anything else, waiting for the lease of whoever works on it', () => {
    const running = directive({
      fanout: { ...directive().fanout, phase: 'targets', doneAt: null, leaseUntil: toBeijingIso(ISSUED + MIN) },
    });
    expect(dueStep(running, ISSUED + 40 * MIN)).toEqual({ kind: 'fanout' });
    expect(nextStepAt(running)).toBe(toBeijingIso(ISSUED + MIN));
    const done = afterFanout(running, 'done', 3, ISSUED + 2000);
    expect(done.fanout).toMatchObject({ phase: 'done', notices: 6, leaseOwner: null });
    expect(done.nextStepAt).toBe(done.reminderAts[0]);
  });
});

describe('a response', () => {
  it('within the window is on time, with its time from issue', () => {
    const r = respond(target(), directive(), input(ISSUED + 12 * MIN + 5000), ISSUED + 12 * MIN + 5000);
    if (!r.ok) throw r.error;
    expect(r.next).toMatchObject({ state: 'onTime', elapsedMs: 12 * MIN + 5000, rank: 12 * MIN + 5000 });
    expect(r.next.response).toMatchObject({ late: false, afterClose: false, byName: '王明' });
    expect(r.delta).toEqual({ onTime: 1, late: 0, afterClose: 0 });
  });

  it('after the window is late; after closing it is kept and counted late, never lost', () => {
    const late = respond(target(), directive(), input(ISSUED + 61 * MIN), ISSUED + 61 * MIN);
    if (!late.ok) throw late.error;
    expect(late.next.state).toBe('late');
    expect(late.delta).toEqual({ onTime: 0, late: 1, afterClose: 0 });

    const closed = directive({ state: 'closed', closedAt: toBeijingIso(ISSUED + 90 * MIN) });
    const after = respond(target({ state: 'none' }), closed, input(ISSUED + 200 * MIN), ISSUED + 200 * MIN);
    if (!after.ok) throw after.error;
    expect(after.next.state).toBe('late');
    expect(after.next.response).toMatchObject({ late: true, afterClose: true });
    expect(after.delta).toEqual({ onTime: 0, late: 1, afterClose: 1 });
  });

  it('counts an original post from its recorded publication, not from when it was registered', () => {
    const r = respond(
      target(),
      directive(),
      input(ISSUED + 40 * MIN, { kind: 'original', postId: 'post-1' }),
      ISSUED + 70 * MIN,
    );
    if (!r.ok) throw r.error;
    expect(r.next).toMatchObject({ state: 'onTime', elapsedMs: 40 * MIN });
  });

  it('is refused once the account has responded, naming who did', () => {
    const first = respond(target(), directive(), input(ISSUED + MIN), ISSUED + MIN);
    if (!first.ok) throw first.error;
    const byB = { byId: 'p-cs-operator-b', byName: '李娜' };
    const second = respond(first.next, directive(), input(ISSUED + 2 * MIN, byB), ISSUED + 2 * MIN);
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error.code).toBe('ALREADY_RESPONDED');
      expect(second.error.message).toContain('王明 于 09:01 登记');
    }
    // The one who answered, with another link: a second response, refused too.
    const other = respond(first.next, directive(), input(ISSUED + 2 * MIN, { link: 'https://weibo.com/2/b' }), 0);
    expect(other.ok ? 'ok' : other.error.code).toBe('ALREADY_RESPONDED');
  });

  it('answers a retried call (the same person, kind and link) with what was recorded, changing nothing', () => {
    const first = respond(target(), directive(), input(ISSUED + MIN), ISSUED + MIN);
    if (!first.ok) throw first.error;
    const again = respond(first.next, directive(), input(ISSUED + 3 * MIN, { link: ' https://weibo.com/2/xyz ' }), 0);
    expect(again).toEqual({ ok: true, next: first.next, delta: { onTime: 0, late: 0, afterClose: 0 }, repeat: true });
    // Even once the directive closed or was withdrawn: the answer is the record, not a refusal.
    const closed = respond(first.next, directive({ state: 'withdrawn' }), input(ISSUED + 99 * MIN), 0);
    expect(closed.ok && closed.repeat).toBe(true);
    // A published post registered again (by hand, after its publication registered it): the same record.
    const post = respond(target(), directive(), input(ISSUED + MIN, { kind: 'original', postId: 'post-1' }), 0);
    if (!post.ok) throw post.error;
    const byB = { kind: 'original' as const, postId: 'post-1', byId: 'p-cs-operator-b', byName: '李娜' };
    expect(respond(post.next, directive(), input(ISSUED + 9 * MIN, byB), 0)).toMatchObject({ ok: true, repeat: true });
  });

  it('is refused for a withdrawn directive, an unaccepted kind, a bad link or screenshot', () => {
    const codeOf = (r: ReturnType<typeof respond>) => (r.ok ? 'ok' : r.error.code);
    const at = ISSUED + MIN;
    expect(codeOf(respond(target(), directive({ state: 'withdrawn' }), input(at), at))).toBe('DIRECTIVE_WITHDRAWN');
    expect(codeOf(respond(target(), directive({ responseKinds: ['comment'] }), input(at), at))).toBe(
      'KIND_NOT_ACCEPTED',
    );
    expect(codeOf(respond(target(), directive(), input(at, { link: '' }), at))).toBe('LINK_REQUIRED');
    expect(codeOf(respond(target(), directive(), input(at, { link: 'javascript:alert(1)' }), at))).toBe('INVALID_LINK');
    expect(codeOf(respond(target(), directive(), input(at, { screenshot: 'http://x/y.png' }), at))).toBe(
      'INVALID_SCREENSHOT',
    );
    expect(codeOf(respond(target(), directive(), input(at, { screenshot: 'cloud://env.b/s.png' }), at))).toBe('ok');
  });
});

describe('withdrawal', () => {
  it('needs a reason, an open directive and a finished fan-out', () => {
    const actor = { id: 'p-hn-propaganda', name: '周芳' };
    const now = ISSUED + 10 * MIN;
    const ok = withdraw(directive(), '信息有误，另发更正', actor, now);
    if (!ok.ok) throw ok.error;
    expect(ok.next).toMatchObject({
      state: 'withdrawn',
      open: true,
      fanout: { purpose: 'withdraw', phase: 'targets' },
    });
    expect(ok.next.withdrawal).toMatchObject({ reason: '信息有误，另发更正', byName: '周芳' });
    const code = (r: ReturnType<typeof withdraw>) => (r.ok ? 'ok' : r.error.code);
    expect(code(withdraw(directive(), ' ', actor, now))).toBe('REASON_REQUIRED');
    expect(code(withdraw(directive({ state: 'closed' }), '原因', actor, now))).toBe('NOT_WITHDRAWABLE');
    expect(code(withdraw(ok.next, '原因', actor, now))).toBe('NOT_WITHDRAWABLE');
    const running = directive({ fanout: { ...directive().fanout, phase: 'notices' } });
    expect(code(withdraw(running, '原因', actor, now))).toBe('FANOUT_RUNNING');
  });

  it('ends the clock once its notices are out: no reminders, no closing', () => {
    const w = withdraw(directive(), '信息有误', { id: 'x', name: 'x' }, ISSUED + MIN);
    if (!w.ok) throw w.error;
    expect(dueStep(w.next, ISSUED + 45 * MIN)).toEqual({ kind: 'fanout' });
    const done = afterFanout(w.next, 'done', 2, ISSUED + MIN);
    expect(done).toMatchObject({ open: false, nextStepAt: null });
    expect(dueStep(done, ISSUED + 45 * MIN)).toBeNull();
  });
});

describe('a response post waiting at an approval step', () => {
  const due = ISSUED + 60 * MIN;
  const times = (sinceMin: number) => {
    const r = responseWaitingTimes(ISSUED + sinceMin * MIN, due, 15);
    return [(r.remindAt - ISSUED) / MIN, (r.escalateAt - ISSUED) / MIN];
  };
  it('reminds after the span and escalates after twice the span while the deadline is far', () => {
    expect(times(5)).toEqual([20, 35]);
  });
  it('reminds a span before the deadline, escalates half a span before it, when the span would run past', () => {
    expect(times(40)).toEqual([45, 52.5]);
    expect(times(50)).toEqual([50, 52.5]);
  });
  it('never before the wait began; a response already late waits the plain span', () => {
    expect(times(58)).toEqual([58, 58]);
    expect(times(70)).toEqual([85, 100]);
  });
});
