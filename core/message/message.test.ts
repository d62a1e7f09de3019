import type {
  Actor,
  Message,
  MessageEvent,
  MessageInput,
  MessageOutcome,
  NoticeTarget,
  Referral,
  Triage,
} from '../../typings/referral';
import type { DepartmentFunction } from '../../typings/org';
import { applyReferralEvent, createReferral } from '../referral/referral';
import { ctxAt, DEPT, DESK, handler, ok, operator, refusal, UNIT } from '../referral/test-support';
import { applyMessageEvent, recordMessage, type MessageReferral } from './message';
import { OUTCOME_RULES, suggestTriage, TRIAGE_RULES } from './triage';

const DAY = '2026-03-03';

function input(over: Partial<MessageInput> = {}): MessageInput {
  return {
    accountId: 'acc1',
    unitId: UNIT,
    platform: 'weibo',
    senderNickname: '热心市民',
    text: '人民路口的信号灯坏了好几天了，什么时候修？',
    receivedAt: '2026-03-03T08:15:00+08:00',
    link: 'https://weibo.com/1/abc',
    screeningCategories: [],
    ...over,
  };
}

function recorded(): Message {
  return ok(recordMessage('m1', input(), ctxAt(operator, DAY, 9))).next;
}

/** Applies events in order as the operator, one minute apart, failing on any refusal. */
function run(
  m: Message,
  events: DistributiveOmit<MessageEvent, 'expectedRev'>[],
  referrals: MessageReferral[] = [],
  actor: Actor = operator,
): Message {
  let current = m;
  events.forEach((e, i) => {
    const ctx = { ...ctxAt(actor, DAY, 10, i), referrals };
    current = ok(applyMessageEvent(current, { ...e, expectedRev: current.rev } as MessageEvent, ctx)).next;
  });
  return current;
}

function attempt(
  m: Message,
  e: DistributiveOmit<MessageEvent, 'expectedRev'>,
  referrals: MessageReferral[] = [],
  hour = 11,
) {
  return applyMessageEvent(m, { ...e, expectedRev: m.rev } as MessageEvent, {
    ...ctxAt(operator, DAY, hour),
    referrals,
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const triaged = (triage: Triage, raisesProblem = false) => run(recorded(), [{ type: 'triage', triage, raisesProblem }]);
const target = (departmentFunction: DepartmentFunction, unitId = `unit-${departmentFunction}`): NoticeTarget => ({
  unitId,
  departmentFunction,
});

describe('recordMessage', () => {
  it('records a message in Beijing time, with screening’s suggestion', () => {
    const { next, effects } = ok(
      recordMessage(
        'm1',
        input({ receivedAt: '2026-03-03T00:15:00Z', screeningCategories: ['abusive', 'unlawful'] }),
        ctxAt(operator, DAY, 9),
      ),
    );
    expect(next).toMatchObject({
      state: 'received',
      triage: null,
      suggestedTriage: 'unlawful',
      receivedAt: '2026-03-03T08:15:00.000+08:00',
      recordedBy: 'op1',
      rev: 1,
    });
    expect(effects).toEqual([expect.objectContaining({ kind: 'audit', action: 'message.record' })]);
  });

  it.each([
    ['empty text', input({ text: '   ' }), '留言内容不能为空'],
    ['a time in the future', input({ receivedAt: '2026-03-03T10:00:00+08:00' }), '接收时间不能晚于当前时间'],
    ['a bad time', input({ receivedAt: '昨天' }), '接收时间不合法'],
    ['a link that is not http(s)', input({ link: 'javascript:alert(1)' }), '链接须以 http:// 或 https:// 开头'],
  ])('refuses %s', (_label, given, message) => {
    expect(recordMessage('m1', given, ctxAt(operator, DAY, 9))).toMatchObject({ code: 'MESSAGE_INVALID', message });
  });

  it('is the account unit operators’ job', () => {
    expect(refusal(recordMessage('m1', input(), ctxAt(handler, DAY, 9)))).toBe('NOT_OPERATOR');
  });
});

describe('suggestTriage', () => {
  it('picks the most serious of screening’s categories and ignores the rest', () => {
    expect(suggestTriage(['helpRequest', 'policeReport'])).toBe('policeReport');
    expect(suggestTriage(['abusive', 'negativePolice'])).toBe('negative');
    expect(suggestTriage(['helpRequest'])).toBe('consultation');
    expect(suggestTriage(['platformReview', 'massIncident'])).toBeNull();
    expect(suggestTriage([])).toBeNull();
  });
});

describe('the rules as data', () => {
  it('allow every outcome under some triage, and give every triage an outcome', () => {
    const allowed = new Set(Object.values(TRIAGE_RULES).flatMap((r) => r.outcomes));
    expect([...allowed].sort()).toEqual((Object.keys(OUTCOME_RULES) as MessageOutcome[]).sort());
  });
});

describe('every message ends with an outcome its triage allows', () => {
  it('before triage, nothing but triage is possible', () => {
    expect(refusal(attempt(recorded(), { type: 'reply', text: '您好' }))).toBe('TRIAGE_REQUIRED');
    expect(refusal(attempt(recorded(), { type: 'close', outcome: 'replied' }))).toBe('TRIAGE_REQUIRED');
  });

  it('police report (第二十二条): a reply pointing to 110 and a notice to the relevant department', () => {
    const m = triaged('policeReport');
    expect(attempt(m, { type: 'reply', text: '请注意安全' })).toMatchObject({
      code: 'REPLY_MUST_MENTION',
      message: '报警类留言的回复须引导拨打110报警电话（第二十二条）',
    });
    const replied = run(m, [{ type: 'reply', text: TRIAGE_RULES.policeReport.replyTemplate ?? '' }]);
    expect(attempt(replied, { type: 'close', outcome: 'guidedTo110' })).toMatchObject({
      code: 'STEPS_MISSING',
      message: '结案前须完成：通报有关部门（第二十二条）',
    });
    expect(refusal(attempt(replied, { type: 'close', outcome: 'replied' }))).toBe('OUTCOME_NOT_ALLOWED');
    const notified = ok(attempt(replied, { type: 'notice', target: target('commandCenter'), note: '疑似警情' }));
    expect(notified.effects[0]).toEqual({
      kind: 'notify',
      to: { type: 'unitRole', unitId: 'unit-commandCenter', role: 'departmentHandler' },
      notificationKind: 'messageNotice',
      subject: { type: 'message', id: 'm1' },
      title: '【通报】报警求助',
      body: '人民路口的信号灯坏了好几天了，什么时候修？（疑似警情）',
      dedupeKey: 'message:m1:notice:unit-commandCenter',
    });
    const closed = ok(attempt(notified.next, { type: 'close', outcome: 'guidedTo110' })).next;
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: 'guidedTo110',
      closedBy: 'op1',
      closedAt: '2026-03-03T11:00:00.000+08:00',
    });
  });

  it('general (第二十三条): a reply; one that cannot be answered at once gets an internal reply target', () => {
    const m = triaged('general');
    expect(attempt(m, { type: 'close', outcome: 'replied' })).toMatchObject({
      code: 'STEPS_MISSING',
      message: '结案前须完成：回复网民',
    });
    const deferred = ok(attempt(m, { type: 'defer' }));
    expect(deferred.next.replyTargetAt).toBe('2026-03-04T23:59:59.999+08:00');
    expect(deferred.effects[0]).toEqual({
      kind: 'schedule',
      job: 'messageReplyTarget',
      subject: { type: 'message', id: 'm1' },
      at: '2026-03-04T23:59:59.999+08:00',
      dedupeKey: 'message:m1:replyTarget:2026-03-04T23:59:59.999+08:00',
    });
    const closed = run(deferred.next, [
      { type: 'reply', text: '经核实，已安排维修。' },
      { type: 'close', outcome: 'replied' },
    ]);
    expect(closed.outcome).toBe('replied');
    expect(refusal(attempt(triaged('consultation'), { type: 'defer' }))).toBe('DEFER_NOT_ALLOWED');
  });

  it('abusive (第二十三条): no reply, and closed as ignored', () => {
    const m = triaged('abusive');
    expect(attempt(m, { type: 'reply', text: '请文明留言' })).toMatchObject({
      code: 'REPLY_NOT_ALLOWED',
      message: '谩骂性言论不予回复，不得参与网络骂战（第二十三条）',
    });
    expect(refusal(attempt(m, { type: 'close', outcome: 'problemAnswered' }))).toBe('OUTCOME_NOT_ALLOWED');
    expect(run(m, [{ type: 'cleanUp' }, { type: 'close', outcome: 'ignored' }]).outcome).toBe('ignored');
  });

  it('abusive with a real problem: a reasoned reply to the problem, never closed as ignored', () => {
    const m = triaged('abusive', true);
    expect(attempt(m, { type: 'close', outcome: 'ignored' })).toMatchObject({
      code: 'OUTCOME_NOT_ALLOWED',
      message: '该留言夹杂问题反映，须对问题理性回应后结案（第二十三条）',
    });
    expect(
      run(m, [
        { type: 'reply', text: '您反映的信号灯问题已转交维修。' },
        { type: 'close', outcome: 'problemAnswered' },
      ]).outcome,
    ).toBe('problemAnswered');
  });

  it('a re-triaged message that was replied to cannot be closed as ignored', () => {
    const m = run(triaged('abusive', true), [
      { type: 'reply', text: '已转交维修。' },
      { type: 'triage', triage: 'abusive', raisesProblem: false },
    ]);
    expect(attempt(m, { type: 'close', outcome: 'ignored' })).toMatchObject({
      code: 'OUTCOME_NOT_ALLOWED',
      message: '该留言已有回复，不能按不予回复结案',
    });
  });

  it('unlawful (第二十四条, 第二十六条): notice to 网安 and clean-up, no reply', () => {
    const m = triaged('unlawful');
    expect(refusal(attempt(m, { type: 'reply', text: '请删除' }))).toBe('REPLY_NOT_ALLOWED');
    const wrongUnit = run(m, [{ type: 'notice', target: target('traffic'), note: '' }]);
    expect(attempt(wrongUnit, { type: 'close', outcome: 'reportedAndCleaned' })).toMatchObject({
      code: 'STEPS_MISSING',
      message: '结案前须完成：通报网安部门（第二十四条）、清理违法违规信息（第二十六条）',
    });
    const done = run(wrongUnit, [{ type: 'notice', target: target('cyberSecurity'), note: '' }, { type: 'cleanUp' }]);
    expect(done.cleanedUpAt).toBe('2026-03-03T10:01:00.000+08:00');
    expect(run(done, [{ type: 'close', outcome: 'reportedAndCleaned' }]).outcome).toBe('reportedAndCleaned');
  });

  it('complaint (第二十五条): reply pointing to 纪检/督察, notice to them, and their finding replied later', () => {
    const m = triaged('complaint');
    expect(refusal(attempt(m, { type: 'reply', text: '已收到' }))).toBe('REPLY_MUST_MENTION');
    const replied = run(m, [{ type: 'reply', text: TRIAGE_RULES.complaint.replyTemplate ?? '' }]);
    expect(attempt(replied, { type: 'close', outcome: 'guidedToDiscipline' })).toMatchObject({
      message: '结案前须完成：通报纪检或督察部门（第二十五条）',
    });
    const closed = run(replied, [
      { type: 'notice', target: target('inspection'), note: '' },
      { type: 'close', outcome: 'guidedToDiscipline' },
    ]);
    expect(closed.state).toBe('closed');
    expect(refusal(attempt(closed, { type: 'reply', text: '补充' }))).toBe('MESSAGE_CLOSED');
    const followed = ok(attempt(closed, { type: 'followUp', text: '经督察核查，相关民警已作批评教育。' })).next;
    expect(followed.state).toBe('closed');
    expect(followed.replies.map((r) => r.followUp)).toEqual([false, true]);
  });

  it('follow-up replies belong to closed complaints only', () => {
    expect(refusal(attempt(triaged('complaint'), { type: 'followUp', text: '核查结果' }))).toBe(
      'FOLLOW_UP_NOT_ALLOWED',
    );
    const closedGeneral = run(triaged('general'), [
      { type: 'reply', text: '谢谢' },
      { type: 'close', outcome: 'replied' },
    ]);
    expect(refusal(attempt(closedGeneral, { type: 'followUp', text: '补充' }))).toBe('FOLLOW_UP_NOT_ALLOWED');
  });

  it('consultation (第二十六条): answered at once', () => {
    expect(
      run(triaged('consultation'), [
        { type: 'reply', text: '可在交警12123 App办理。' },
        { type: 'close', outcome: 'answered' },
      ]).outcome,
    ).toBe('answered');
  });

  it('outside police powers (第二十六条): the proper channel', () => {
    const m = run(triaged('outsidePowers'), [
      { type: 'reply', text: '建议您向12345市民热线反映。' },
      { type: 'close', outcome: 'channelGiven' },
    ]);
    expect(m.outcome).toBe('channelGiven');
  });

  it('negative information (第二十八条): notice to the public-opinion desk first, then a coordinated reply', () => {
    const m = triaged('negative');
    expect(attempt(m, { type: 'reply', text: '正在核实' })).toMatchObject({
      code: 'NOTICE_REQUIRED_FIRST',
      message: '请先通报舆情处置部门（第二十八条），再按统一部署回应',
    });
    const done = run(m, [
      { type: 'notice', target: target('publicOpinion'), note: '' },
      { type: 'reply', text: '我们已关注，正在核实。' },
      { type: 'close', outcome: 'coordinatedReply' },
    ]);
    expect(done.outcome).toBe('coordinatedReply');
  });
});

describe('consultation through a referral (第二十六条, 第二十七条)', () => {
  function referred(): { m: Message; r: Referral } {
    const m = triaged('consultation');
    const r = ok(
      createReferral(
        {
          _id: 'r1',
          message: m,
          department: { _id: DEPT, name: '交警大队', kind: 'department' },
          deskId: DESK,
          deadlineClass: 'ordinary',
          question: '信号灯何时修复？',
        },
        ctxAt(operator, DAY, 10, 30),
      ),
    ).next;
    return { m, r };
  }

  it('cannot close while the referral is open, nor re-triage', () => {
    const { m, r } = referred();
    expect(refusal(attempt(m, { type: 'close', outcome: 'answered' }, [r]))).toBe('REFERRAL_OPEN');
    expect(refusal(attempt(m, { type: 'triage', triage: 'general', raisesProblem: false }, [r]))).toBe('TRIAGE_LOCKED');
  });

  it('closes once the department answered and the operator replied after that answer', () => {
    const { m, r } = referred();
    const signed = ok(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(handler, DAY, 10, 40))).next;
    const early = run(m, [{ type: 'reply', text: '已转交交警部门办理。' }]);
    const answered = ok(
      applyReferralEvent(
        signed,
        {
          type: 'answer',
          outcome: '已修复',
          replyWording: '信号灯已修复，感谢反映。',
          attachments: [],
          expectedRev: 2,
        },
        ctxAt(handler, DAY, 10, 50),
      ),
    ).next;
    expect(attempt(early, { type: 'close', outcome: 'answeredAfterReferral' }, [answered])).toMatchObject({
      code: 'STEPS_MISSING',
      message: '结案前须完成：按回复口径回复网民',
    });
    const replied = ok(attempt(early, { type: 'reply', text: answered.answer?.replyWording ?? '' }, [answered])).next;
    const closed = ok(attempt(replied, { type: 'close', outcome: 'answeredAfterReferral' }, [answered], 12)).next;
    expect(closed.outcome).toBe('answeredAfterReferral');
    expect(
      ok(applyReferralEvent(answered, { type: 'close', expectedRev: answered.rev }, ctxAt(operator, DAY, 12))).next
        .state,
    ).toBe('closed');
  });

  it('needs an answered referral to close as answered after referral', () => {
    const m = run(triaged('consultation'), [{ type: 'reply', text: '正在办理' }]);
    expect(attempt(m, { type: 'close', outcome: 'answeredAfterReferral' })).toMatchObject({
      message: '结案前须完成：承办部门反馈办理情况及回复口径（第二十七条）、按回复口径回复网民',
    });
  });
});

describe('operator events', () => {
  it('refuse a stale version with CONFLICT', () => {
    const m = triaged('general');
    expect(
      applyMessageEvent(
        m,
        { type: 'reply', text: '您好', expectedRev: m.rev - 1 },
        { ...ctxAt(operator, DAY, 11), referrals: [] },
      ),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuse someone who is not an operator of the unit', () => {
    const m = triaged('general');
    expect(
      refusal(
        applyMessageEvent(
          m,
          { type: 'reply', text: '您好', expectedRev: m.rev },
          { ...ctxAt(handler, DAY, 11), referrals: [] },
        ),
      ),
    ).toBe('NOT_OPERATOR');
  });

  it('refuse a second notice to the same unit and a clean-up of an ordinary message', () => {
    const m = run(triaged('policeReport'), [{ type: 'notice', target: target('commandCenter'), note: '' }]);
    expect(refusal(attempt(m, { type: 'notice', target: target('commandCenter'), note: '' }))).toBe('NOTICE_DUPLICATE');
    expect(refusal(attempt(m, { type: 'cleanUp' }))).toBe('CLEANUP_NOT_ALLOWED');
  });

  it('bump the version by one per event and refuse everything but follow-ups after close', () => {
    const m = run(triaged('general'), [
      { type: 'reply', text: '谢谢' },
      { type: 'close', outcome: 'replied' },
    ]);
    expect(m.rev).toBe(4);
    expect(refusal(attempt(m, { type: 'triage', triage: 'general', raisesProblem: false }))).toBe('MESSAGE_CLOSED');
  });
});
