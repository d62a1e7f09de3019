import type { Actor, DeadlineClass, Referral, ReferralInput } from '../../typings/referral';
import { beijingAt } from '../time';
import { createReferral, applyReferralEvent } from './referral';
import {
  ctxAt,
  deskStaff,
  DEPT,
  DESK,
  handler,
  ok,
  operator,
  otherHandler,
  outsider,
  refusal,
  UNIT,
} from './test-support';

const message: ReferralInput['message'] = {
  _id: 'm1',
  accountId: 'acc1',
  unitId: UNIT,
  triage: 'consultation',
  state: 'triaged',
};

function input(over: Partial<ReferralInput> = {}): ReferralInput {
  return {
    _id: 'r1',
    message,
    department: { _id: DEPT, name: '交警大队', kind: 'department' },
    deskId: DESK,
    deadlineClass: 'complex',
    question: '人民路口信号灯故障，何时修复？',
    ...over,
  };
}

/** A complex referral made on 29 Sept 2026: 30 Sept, 8, 9, 10 (Sat, worked), 12 Oct → due 12 Oct. */
function made(deadlineClass: DeadlineClass = 'complex'): Referral {
  return ok(createReferral(input({ deadlineClass }), ctxAt(operator, '2026-09-29', 10))).next;
}

function signed(): Referral {
  const r = made();
  return ok(applyReferralEvent(r, { type: 'sign', expectedRev: r.rev }, ctxAt(handler, '2026-09-29', 11))).next;
}

describe('createReferral', () => {
  it('sets the deadline of its class and tells the department', () => {
    const { next, effects } = ok(createReferral(input(), ctxAt(operator, '2026-09-29', 10)));
    expect(next).toMatchObject({
      state: 'pending',
      open: true,
      handlerId: null,
      dueAt: '2026-10-12T23:59:59.999+08:00',
      originalDueAt: '2026-10-12T23:59:59.999+08:00',
      // one working day before: the start of the last working day
      dueSoonAt: '2026-10-12T00:00:00.000+08:00',
      calendarWarnings: [],
      rev: 1,
    });
    expect(effects).toEqual([
      expect.objectContaining({
        kind: 'notify',
        to: { type: 'unitRole', unitId: DEPT, role: 'departmentHandler' },
        notificationKind: 'referralAssigned',
        dedupeKey: 'referral:r1:assigned',
      }),
      {
        kind: 'schedule',
        job: 'referralReminder',
        subject: { type: 'referral', id: 'r1' },
        at: next.dueSoonAt,
        dedupeKey: `referral:r1:reminder:${next.dueSoonAt}`,
      },
      expect.objectContaining({ kind: 'audit', action: 'referral.create', actorId: 'op1' }),
    ]);
  });

  it('carries the calendar warning of an unknown year', () => {
    const { next } = ok(createReferral(input({ deadlineClass: 'major' }), ctxAt(operator, '2026-12-28', 10)));
    expect(next.calendarWarnings).toEqual([expect.stringMatching(/^2027年节假日安排未知/)]);
  });

  it.each([
    ['a non-operator', input(), handler, 'NOT_OPERATOR'],
    ['a closed message', input({ message: { ...message, state: 'closed' } }), operator, 'MESSAGE_CLOSED'],
    [
      'an untriaged message',
      input({ message: { ...message, triage: null, state: 'received' } }),
      operator,
      'TRIAGE_REQUIRED',
    ],
    [
      'a complaint (goes to 纪检/督察 by notice, 第二十五条)',
      input({ message: { ...message, triage: 'complaint' } }),
      operator,
      'REFERRAL_NOT_ALLOWED',
    ],
    [
      'a bureau instead of a department',
      input({ department: { _id: 'city-1', name: '市局', kind: 'bureau' } }),
      operator,
      'INVALID_DEPARTMENT',
    ],
    ['an empty question', input({ question: '  ' }), operator, 'QUESTION_REQUIRED'],
  ])('refuses %s', (_label, given, actor, code) => {
    expect(refusal(createReferral(given, ctxAt(actor, '2026-09-29', 10)))).toBe(code);
  });
});

describe('sign', () => {
  it('is done by one of the department handlers, who becomes the handler', () => {
    const r = signed();
    expect(r).toMatchObject({
      state: 'signed',
      handlerId: 'h1',
      signedAt: '2026-09-29T11:00:00.000+08:00',
      open: true,
      rev: 2,
    });
    expect(r.log.map((l) => l.action)).toEqual(['create', 'sign']);
  });

  it('refuses a handler of another department', () => {
    const r = made();
    expect(refusal(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(outsider, '2026-09-29', 11)))).toBe(
      'NOT_HANDLER',
    );
  });

  it('lets only one of two racing handlers win: the other acts on a stale version', () => {
    const r = made();
    const first = ok(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(handler, '2026-09-29', 11))).next;
    const second = applyReferralEvent(first, { type: 'sign', expectedRev: 1 }, ctxAt(otherHandler, '2026-09-29', 11));
    expect(second).toMatchObject({ code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' });
    expect(
      refusal(applyReferralEvent(first, { type: 'sign', expectedRev: 2 }, ctxAt(otherHandler, '2026-09-29', 11))),
    ).toBe('REFERRAL_ALREADY_SIGNED');
  });

  it('leaves the state it was given untouched', () => {
    const r = made();
    const copy = JSON.parse(JSON.stringify(r)) as Referral;
    ok(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(handler, '2026-09-29', 11)));
    expect(r).toEqual(copy);
  });
});

describe('return', () => {
  it('needs a reason', () => {
    const r = made();
    expect(
      refusal(
        applyReferralEvent(r, { type: 'return', reason: '  ', expectedRev: 1 }, ctxAt(handler, '2026-09-29', 11)),
      ),
    ).toBe('RETURN_REASON_REQUIRED');
  });

  it('closes the referral for the department and tells the operator why', () => {
    const r = signed();
    const { next, effects } = ok(
      applyReferralEvent(
        r,
        { type: 'return', reason: '不属于交警职责，应由城管处理', expectedRev: 2 },
        ctxAt(handler, '2026-09-29', 15),
      ),
    );
    expect(next).toMatchObject({ state: 'returned', open: false, returnReason: '不属于交警职责，应由城管处理' });
    expect(effects[0]).toMatchObject({
      to: { type: 'person', personId: 'op1' },
      notificationKind: 'referralReturned',
      body: '不属于交警职责，应由城管处理',
    });
    expect(
      refusal(applyReferralEvent(next, { type: 'sign', expectedRev: next.rev }, ctxAt(handler, '2026-09-29', 16))),
    ).toBe('REFERRAL_RETURNED');
  });

  it('once signed, is the signer’s to do', () => {
    const r = signed();
    expect(
      refusal(
        applyReferralEvent(
          r,
          { type: 'return', reason: '不是我们的', expectedRev: 2 },
          ctxAt(otherHandler, '2026-09-29', 15),
        ),
      ),
    ).toBe('NOT_SIGNER');
  });
});

describe('extension', () => {
  const request = (r: Referral, day: string, hour: number, workingDays = 2) =>
    applyReferralEvent(
      r,
      { type: 'requestExtension', workingDays, reason: '需调取监控核实', expectedRev: r.rev },
      ctxAt(handler, day, hour),
    );

  it('is asked before the deadline and sent to the propaganda desk', () => {
    const { next, effects } = ok(request(signed(), '2026-10-12', 20));
    expect(next.extensions).toEqual([
      expect.objectContaining({
        workingDays: 2,
        decision: 'pending',
        proposedDueAt: '2026-10-14T23:59:59.999+08:00',
        requestedBy: 'h1',
      }),
    ]);
    expect(next.dueAt).toBe('2026-10-12T23:59:59.999+08:00');
    expect(effects[0]).toMatchObject({
      to: { type: 'unitRole', unitId: DESK, role: 'propagandaStaff' },
      notificationKind: 'extensionRequested',
    });
  });

  it('is refused once the deadline has passed', () => {
    const r = signed();
    const late = applyReferralEvent(
      r,
      { type: 'requestExtension', workingDays: 2, reason: '来不及', expectedRev: 2 },
      ctxAt(handler, '2026-10-13', 0),
    );
    expect(late).toMatchObject({ code: 'EXTENSION_AFTER_DEADLINE', message: '已超过办理期限，不能再申请延期' });
    // the last millisecond of the deadline is still in time
    const lastMs = applyReferralEvent(
      r,
      { type: 'requestExtension', workingDays: 2, reason: '来不及', expectedRev: 2 },
      { ...ctxAt(handler, '2026-10-12', 0), now: Date.parse(r.dueAt) },
    );
    expect(ok(lastMs).next.extensions).toHaveLength(1);
  });

  it('refuses a second request while one waits, and a bad number of days', () => {
    const once = ok(request(signed(), '2026-10-09', 9)).next;
    expect(refusal(request(once, '2026-10-09', 10))).toBe('EXTENSION_PENDING');
    expect(refusal(request(signed(), '2026-10-09', 9, 0))).toBe('EXTENSION_DAYS_INVALID');
    expect(refusal(request(signed(), '2026-10-09', 9, 8))).toBe('EXTENSION_DAYS_INVALID');
    expect(refusal(request(signed(), '2026-10-09', 9, 1.5))).toBe('EXTENSION_DAYS_INVALID');
  });

  it('when approved by the desk, moves the deadline and the reminders', () => {
    const asked = ok(request(signed(), '2026-10-09', 9)).next;
    const decide = (actor: Actor) =>
      applyReferralEvent(
        asked,
        { type: 'decideExtension', approve: true, comment: '同意', expectedRev: asked.rev },
        ctxAt(actor, '2026-10-09', 10),
      );
    expect(refusal(decide(handler))).toBe('NOT_PROPAGANDA_DESK');
    const { next, effects } = ok(decide(deskStaff));
    expect(next.dueAt).toBe('2026-10-14T23:59:59.999+08:00');
    expect(next.originalDueAt).toBe('2026-10-12T23:59:59.999+08:00');
    expect(next.dueSoonAt).toBe('2026-10-14T00:00:00.000+08:00');
    expect(next.extensions[0]).toMatchObject({ decision: 'approved', decidedBy: 'desk1', comment: '同意' });
    expect(effects.map((e) => e.kind)).toEqual(['notify', 'schedule', 'audit']);
    expect(effects[0]).toMatchObject({ to: { type: 'person', personId: 'h1' }, notificationKind: 'extensionDecided' });
    expect(
      refusal(
        applyReferralEvent(
          next,
          { type: 'decideExtension', approve: true, comment: null, expectedRev: next.rev },
          ctxAt(deskStaff, '2026-10-09', 11),
        ),
      ),
    ).toBe('NO_PENDING_EXTENSION');
  });

  it('when rejected, keeps the deadline and allows a new request', () => {
    const asked = ok(request(signed(), '2026-10-09', 9)).next;
    const { next } = ok(
      applyReferralEvent(
        asked,
        { type: 'decideExtension', approve: false, comment: '请按期办结', expectedRev: asked.rev },
        ctxAt(deskStaff, '2026-10-09', 10),
      ),
    );
    expect(next.dueAt).toBe(asked.dueAt);
    expect(next.extensions[0]?.decision).toBe('rejected');
    expect(ok(request(next, '2026-10-10', 9)).next.extensions).toHaveLength(2);
  });
});

describe('answer', () => {
  const answer = (
    r: Referral,
    actor: Actor,
    day: string,
    hour: number,
    wording = '信号灯已于10月9日修复，感谢您的反映。',
  ) =>
    applyReferralEvent(
      r,
      { type: 'answer', outcome: '已派员修复', replyWording: wording, attachments: [], expectedRev: r.rev },
      ctxAt(actor, day, hour),
    );

  it('needs the referral signed first, by the handler who signed it', () => {
    expect(refusal(answer(made(), handler, '2026-10-09', 9))).toBe('REFERRAL_NOT_SIGNED');
    expect(refusal(answer(signed(), outsider, '2026-10-09', 9))).toBe('NOT_HANDLER');
    expect(refusal(answer(signed(), otherHandler, '2026-10-09', 9))).toBe('NOT_SIGNER');
    expect(refusal(answer(signed(), handler, '2026-10-09', 9, ' '))).toBe('ANSWER_INCOMPLETE');
  });

  it('in time, records no overdue time and hands the wording back to the operator', () => {
    const { next, effects } = ok(answer(signed(), handler, '2026-10-09', 9));
    expect(next).toMatchObject({ state: 'answered', open: false, overdueMs: 0 });
    expect(next.answer).toEqual({
      outcome: '已派员修复',
      replyWording: '信号灯已于10月9日修复，感谢您的反映。',
      attachments: [],
      answeredBy: 'h1',
      answeredAt: '2026-10-09T09:00:00.000+08:00',
    });
    expect(effects[0]).toMatchObject({ to: { type: 'person', personId: 'op1' }, notificationKind: 'referralAnswered' });
  });

  it('late, records how long past the deadline it came', () => {
    const r = signed();
    const { next } = ok(answer(r, handler, '2026-10-13', 10, '已修复'));
    // due 12 Oct 23:59:59.999; answered 13 Oct 10:00
    expect(next.overdueMs).toBe(beijingAt('2026-10-13', 10) - Date.parse(r.dueAt));
    expect(next.overdueMs).toBe(10 * 60 * 60 * 1000 + 1);
  });

  it('is refused twice, and after the referral is closed', () => {
    const answered = ok(answer(signed(), handler, '2026-10-09', 9)).next;
    expect(refusal(answer(answered, handler, '2026-10-09', 10))).toBe('REFERRAL_ALREADY_ANSWERED');
    const closed = ok(
      applyReferralEvent(answered, { type: 'close', expectedRev: answered.rev }, ctxAt(operator, '2026-10-09', 11)),
    ).next;
    expect(answer(closed, handler, '2026-10-09', 12)).toMatchObject({
      code: 'REFERRAL_CLOSED',
      message: '该流转已办结，不能再操作',
    });
  });
});

describe('close', () => {
  it('is the operator’s, once the department has answered', () => {
    const r = signed();
    expect(
      refusal(applyReferralEvent(r, { type: 'close', expectedRev: r.rev }, ctxAt(operator, '2026-10-09', 11))),
    ).toBe('REFERRAL_NOT_ANSWERED');
    const answered = ok(
      applyReferralEvent(
        r,
        { type: 'answer', outcome: '已处理', replyWording: '已处理完毕', attachments: [], expectedRev: r.rev },
        ctxAt(handler, '2026-10-09', 10),
      ),
    ).next;
    expect(
      refusal(
        applyReferralEvent(answered, { type: 'close', expectedRev: answered.rev }, ctxAt(handler, '2026-10-09', 11)),
      ),
    ).toBe('NOT_OPERATOR');
    const closed = ok(
      applyReferralEvent(answered, { type: 'close', expectedRev: answered.rev }, ctxAt(operator, '2026-10-09', 11)),
    ).next;
    expect(closed).toMatchObject({ state: 'closed', open: false, rev: answered.rev + 1 });
    expect(
      refusal(
        applyReferralEvent(closed, { type: 'close', expectedRev: closed.rev }, ctxAt(operator, '2026-10-09', 12)),
      ),
    ).toBe('REFERRAL_CLOSED');
  });
});
