import type { Referral, ReferralConfig, ReferralDigestItem, ReferralInput } from '../../typings/referral';
import { beijingAt } from '../time';
import { DEFAULT_REFERRAL_CONFIG } from './common';
import { applyReferralEvent, createReferral } from './referral';
import { dueSoonAt, dueSoonStages, overdueMsAt, planDailyDigest, planReferralReminders } from './reminders';
import { calendar, ctxAt, deskStaff, DEPT, DESK, handler, ok, operator, UNIT } from './test-support';

const config = DEFAULT_REFERRAL_CONFIG;

function referral(day: string, hour: number, deadlineClass: ReferralInput['deadlineClass'], id = 'r1'): Referral {
  return ok(
    createReferral(
      {
        _id: id,
        message: { _id: 'm1', accountId: 'acc1', unitId: UNIT, triage: 'consultation', state: 'triaged' },
        department: { _id: DEPT, name: '交警大队', kind: 'department' },
        deskId: DESK,
        deadlineClass,
        question: '人民路口信号灯故障，何时修复？',
      },
      ctxAt(operator, day, hour),
    ),
  ).next;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('due-soon stages', () => {
  it('a same-day referral has only the two-hour stage, at 22:00 Beijing time', () => {
    const r = referral('2026-03-02', 10, 'ordinary');
    expect(r.dueAt).toBe('2026-03-02T23:59:59.999+08:00');
    expect(dueSoonStages(r, calendar, config)).toEqual([{ stage: 'hours', atMs: beijingAt('2026-03-02', 22) }]);
    expect(dueSoonAt(r, calendar, config)).toBe('2026-03-02T22:00:00.000+08:00');
  });

  it('a five-day referral starts with the last working day, then two hours before the end', () => {
    // made 13 Feb 2026, due 27 Feb (the Spring Festival in between)
    const r = referral('2026-02-13', 10, 'complex');
    expect(dueSoonStages(r, calendar, config).map((s) => [s.stage, iso(s.atMs)])).toEqual([
      ['days', '2026-02-26T16:00:00.000Z'],
      ['hours', '2026-02-27T14:00:00.000Z'],
    ]);
  });

  it('counts the days stage in working days, across a holiday', () => {
    // ordinary, made on the holiday 16 Feb 2026: due 24 Feb; two working days before its end starts on the make-up Saturday 14 Feb
    const r = referral('2026-02-16', 10, 'ordinary');
    const two: ReferralConfig = { ...config, dueSoon: { workingDays: 2, hours: 2 } };
    const madeLater = { ...r, createdAt: '2026-02-10T10:00:00.000+08:00' };
    expect(dueSoonStages(madeLater, calendar, two)[0]).toEqual({ stage: 'days', atMs: beijingAt('2026-02-14', 0) });
    // made on 16 Feb, after that instant: the days stage is skipped
    expect(dueSoonStages(r, calendar, two)).toEqual([{ stage: 'hours', atMs: beijingAt('2026-02-24', 22) }]);
  });

  it('without any stage after the referral was made, the first reminder is the overdue one', () => {
    const late = { dueAt: '2026-03-02T23:59:59.999+08:00', createdAt: '2026-03-02T22:30:00.000+08:00' };
    expect(dueSoonStages(late, calendar, config)).toEqual([]);
    expect(dueSoonAt(late, calendar, config)).toBe('2026-03-03T00:00:00.000+08:00');
  });
});

describe('planReferralReminders', () => {
  const r = referral('2026-02-13', 10, 'complex'); // due 2026-02-27T23:59:59.999+08:00
  const plan = (items: Referral[], day: string, hour: number, minute = 0) =>
    planReferralReminders(items, beijingAt(day, hour, minute), calendar, config);

  it('says nothing before the first stage', () => {
    expect(plan([r], '2026-02-26', 23, 59)).toEqual([]);
  });

  it('reminds the department handlers while unsigned, the signer once signed, with the stage in the key', () => {
    const first = plan([r], '2026-02-27', 0);
    expect(first).toEqual([
      expect.objectContaining({
        to: { type: 'unitRole', unitId: DEPT, role: 'departmentHandler' },
        notificationKind: 'referralDueSoon',
        dedupeKey: 'referral:r1:dueSoon:days:2026-02-27T23:59:59.999+08:00',
      }),
    ]);
    const s = ok(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(handler, '2026-02-24', 9))).next;
    expect(plan([s], '2026-02-27', 9)[0]?.to).toEqual({ type: 'person', personId: 'h1' });
  });

  it('gives the same key on every run within a stage, so the outbox sends it once', () => {
    const keys = (day: string, hour: number) => plan([r], day, hour).map((e) => e.dedupeKey);
    expect(keys('2026-02-27', 8)).toEqual(keys('2026-02-27', 15));
    expect(keys('2026-02-27', 22)).toEqual(['referral:r1:dueSoon:hours:2026-02-27T23:59:59.999+08:00']);
    expect(keys('2026-02-27', 23)).toEqual(keys('2026-02-27', 22));
  });

  it('at the deadline’s last millisecond it is still due soon; one millisecond later it is overdue for three', () => {
    const dueMs = Date.parse(r.dueAt);
    expect(planReferralReminders([r], dueMs, calendar, config).map((e) => e.notificationKind)).toEqual([
      'referralDueSoon',
    ]);
    const overdue = planReferralReminders([r], dueMs + 1, calendar, config);
    expect(overdue.map((e) => [e.to, e.dedupeKey])).toEqual([
      [
        { type: 'unitRole', unitId: DEPT, role: 'departmentHandler' },
        'referral:r1:overdue:2026-02-27T23:59:59.999+08:00:handler',
      ],
      [{ type: 'unitLeader', unitId: DEPT }, 'referral:r1:overdue:2026-02-27T23:59:59.999+08:00:leader'],
      [
        { type: 'unitRole', unitId: DESK, role: 'propagandaStaff' },
        'referral:r1:overdue:2026-02-27T23:59:59.999+08:00:desk',
      ],
    ]);
    expect(overdue.every((e) => e.notificationKind === 'referralOverdue')).toBe(true);
  });

  it('arms fresh keys after an approved extension', () => {
    const s = ok(applyReferralEvent(r, { type: 'sign', expectedRev: 1 }, ctxAt(handler, '2026-02-24', 9))).next;
    const asked = ok(
      applyReferralEvent(
        s,
        { type: 'requestExtension', workingDays: 1, reason: '待核实', expectedRev: 2 },
        ctxAt(handler, '2026-02-26', 9),
      ),
    ).next;
    const extended = ok(
      applyReferralEvent(
        asked,
        { type: 'decideExtension', approve: true, comment: null, expectedRev: 3 },
        ctxAt(deskStaff, '2026-02-26', 10),
      ),
    ).next;
    // 28 Feb 2026 is a make-up working Saturday
    expect(extended.dueAt).toBe('2026-02-28T23:59:59.999+08:00');
    expect(plan([extended], '2026-02-28', 1).map((e) => e.dedupeKey)).toEqual([
      'referral:r1:dueSoon:days:2026-02-28T23:59:59.999+08:00',
    ]);
  });

  it('ignores answered, returned and closed referrals', () => {
    const answered = { ...r, state: 'answered' as const, open: false };
    expect(plan([answered], '2026-03-05', 9)).toEqual([]);
  });
});

describe('planDailyDigest', () => {
  const item = (
    id: string,
    departmentId: string,
    state: ReferralDigestItem['state'],
    dueAt: string,
  ): ReferralDigestItem => ({
    _id: id,
    departmentId,
    state,
    dueAt,
    open: state === 'pending' || state === 'signed',
  });
  const items = [
    item('a', 'dept-b', 'pending', '2026-03-03T23:59:59.999+08:00'),
    item('b', 'dept-b', 'signed', '2026-03-02T23:59:59.999+08:00'),
    item('c', 'dept-b', 'signed', '2026-03-10T23:59:59.999+08:00'),
    item('d', 'dept-a', 'signed', '2026-02-27T23:59:59.999+08:00'),
    item('e', 'dept-a', 'answered', '2026-02-27T23:59:59.999+08:00'),
  ];

  it('sends each department one digest a working day, of what is due today or overdue', () => {
    const digests = planDailyDigest(items, beijingAt('2026-03-03', 8), calendar);
    expect(digests.map((d) => [d.to, d.title, d.body, d.dedupeKey])).toEqual([
      [
        { type: 'unitRole', unitId: 'dept-a', role: 'departmentHandler' },
        '今日流转：到期及逾期1件',
        '待签收0件，今日到期0件，已逾期1件',
        'digest:dept-a:2026-03-03',
      ],
      [
        { type: 'unitRole', unitId: 'dept-b', role: 'departmentHandler' },
        '今日流转：到期及逾期2件',
        '待签收1件，今日到期1件，已逾期1件',
        'digest:dept-b:2026-03-03',
      ],
    ]);
  });

  it('leaves out a department whose referrals are all due later', () => {
    const later = [item('f', 'dept-c', 'pending', '2026-03-04T23:59:59.999+08:00')];
    expect(planDailyDigest(later, beijingAt('2026-03-03', 8), calendar)).toEqual([]);
    expect(planDailyDigest(later, beijingAt('2026-03-04', 8), calendar).map((d) => d.body)).toEqual([
      '待签收1件，今日到期1件，已逾期0件',
    ]);
  });

  it('keys the digest by the Beijing day, whatever the hour of the run', () => {
    // 00:30 Beijing is still the previous day in UTC
    expect(planDailyDigest(items, beijingAt('2026-03-03', 0, 30), calendar)[0]?.dedupeKey).toBe(
      'digest:dept-a:2026-03-03',
    );
  });

  it('sends nothing on a non-working day', () => {
    expect(planDailyDigest(items, beijingAt('2026-02-17', 8), calendar)).toEqual([]);
    // 2026-02-14 is a Saturday worked in exchange for the Spring Festival (调休)
    const madeUp = [item('g', 'dept-a', 'signed', '2026-02-14T23:59:59.999+08:00'), ...items];
    expect(planDailyDigest(madeUp, beijingAt('2026-02-14', 8), calendar).map((d) => d.subject.id)).toEqual(['dept-a']);
  });
});

describe('overdueMsAt', () => {
  it('measures an open referral to now, an answered one as recorded, a returned one not at all', () => {
    const due = '2026-03-02T23:59:59.999+08:00';
    const now = beijingAt('2026-03-04', 0);
    expect(overdueMsAt({ open: true, dueAt: due, answer: null, overdueMs: null }, now)).toBe(24 * 3600 * 1000 + 1);
    expect(overdueMsAt({ open: true, dueAt: due, answer: null, overdueMs: null }, beijingAt('2026-03-02', 9))).toBe(0);
    const answer = { outcome: 'x', replyWording: 'y', answeredBy: 'h1', answeredAt: '2026-03-03T10:00:00.000+08:00' };
    expect(overdueMsAt({ open: false, dueAt: due, answer, overdueMs: 36000001 }, now)).toBe(36000001);
    expect(overdueMsAt({ open: false, dueAt: due, answer: null, overdueMs: null }, now)).toBe(0);
  });
});
