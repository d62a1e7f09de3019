import type { Message } from '../../typings/referral';
import { beijingAt } from '../time';
import { planReplyTargetReminders, replyTargetStage } from './reminders';

const TARGET = '2026-03-04T23:59:59.999+08:00';

const msg = (
  over: Partial<Pick<Message, 'state' | 'replyTargetAt'>> = {},
): Pick<Message, '_id' | 'state' | 'replyTargetAt' | 'text'> => ({
  _id: 'm1',
  state: 'triaged',
  replyTargetAt: TARGET,
  text: '小区门口的路灯坏了，能不能反映一下？',
  ...over,
});

describe('replyTargetStage', () => {
  it('is nothing before the target day, today on it from 00:00 Beijing, overdue after 23:59:59.999', () => {
    expect(replyTargetStage(msg(), beijingAt('2026-03-03', 23, 59))).toBeNull();
    expect(replyTargetStage(msg(), beijingAt('2026-03-04', 0))).toBe('today');
    expect(replyTargetStage(msg(), Date.parse(TARGET))).toBe('today');
    expect(replyTargetStage(msg(), Date.parse(TARGET) + 1)).toBe('overdue');
  });

  it('is nothing for a closed message or one never deferred', () => {
    expect(replyTargetStage(msg({ state: 'closed' }), beijingAt('2026-03-05', 9))).toBeNull();
    expect(replyTargetStage(msg({ replyTargetAt: null }), beijingAt('2026-03-05', 9))).toBeNull();
  });
});

describe('planReplyTargetReminders', () => {
  const items = [{ message: msg(), recipientIds: ['op1', 'op2', 'op1'] }];

  it('tells each recipient once per stage, keyed by the target', () => {
    const today = planReplyTargetReminders(items, beijingAt('2026-03-04', 8));
    expect(today.map((e) => [e.to, e.notificationKind, e.title, e.dedupeKey])).toEqual([
      [
        { type: 'person', personId: 'op1' },
        'referralDueSoon',
        '留言今日需答复（2026-03-04 23:59前）',
        `message:m1:replyTarget:today:${TARGET}`,
      ],
      [
        { type: 'person', personId: 'op2' },
        'referralDueSoon',
        '留言今日需答复（2026-03-04 23:59前）',
        `message:m1:replyTarget:today:${TARGET}`,
      ],
    ]);
    const late = planReplyTargetReminders(items, beijingAt('2026-03-05', 0, 1));
    expect(late.map((e) => [e.notificationKind, e.dedupeKey])).toEqual([
      ['referralOverdue', `message:m1:replyTarget:overdue:${TARGET}`],
      ['referralOverdue', `message:m1:replyTarget:overdue:${TARGET}`],
    ]);
    // the same run again plans the same keys: the outbox keeps one of each
    expect(planReplyTargetReminders(items, beijingAt('2026-03-05', 9)).map((e) => e.dedupeKey)).toEqual(
      late.map((e) => e.dedupeKey),
    );
  });

  it('plans nothing once the message is closed', () => {
    expect(
      planReplyTargetReminders(
        [{ message: msg({ state: 'closed' }), recipientIds: ['op1'] }],
        beijingAt('2026-03-05', 9),
      ),
    ).toEqual([]);
  });
});
