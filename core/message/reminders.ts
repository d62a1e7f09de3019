/**
 * The reply-target reminder of a deferred message (第二十三条: a comment that cannot be answered at
 * once is verified and answered soon — by the internal target `replyTargetAt`, the end of a working
 * day). Two stages, like a referral's: on the morning of the target day (00:00 Beijing, the day's
 * start), and once the target has passed. Pure: the shell reads the deferred messages whose target
 * falls in its window and hands them over with the people to tell; dedupe keys carry the target, so a
 * stage is sent once however often the planner runs, and a new deferral arms fresh reminders.
 */
import type { Message, NotifyEffect } from '../../typings/referral';
import { beijingDay, beijingDayStart, formatBeijing } from '../time';

export interface ReplyTargetItem {
  message: Pick<Message, '_id' | 'state' | 'replyTargetAt' | 'text'>;
  /** The recorder and the account's operators (A角, B角, or a personal account's owner). */
  recipientIds: readonly string[];
}

export type ReplyTargetStage = 'today' | 'overdue';

/** The stage a message is at, or null when nothing is due (closed, no target, or not yet its day). */
export function replyTargetStage(m: ReplyTargetItem['message'], now: number): ReplyTargetStage | null {
  if (m.state === 'closed' || !m.replyTargetAt) return null;
  const target = Date.parse(m.replyTargetAt);
  if (now > target) return 'overdue';
  if (now >= beijingDayStart(beijingDay(target))) return 'today';
  return null;
}

function excerpt(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function planReplyTargetReminders(items: readonly ReplyTargetItem[], now: number): NotifyEffect[] {
  const effects: NotifyEffect[] = [];
  for (const { message: m, recipientIds } of items) {
    const stage = replyTargetStage(m, now);
    if (!stage || !m.replyTargetAt) continue;
    const at = formatBeijing(Date.parse(m.replyTargetAt));
    const title = stage === 'today' ? `留言今日需答复（${at}前）` : `留言答复已超过内部时限（${at}）`;
    for (const personId of new Set(recipientIds)) {
      effects.push({
        kind: 'notify',
        to: { type: 'person', personId },
        notificationKind: stage === 'today' ? 'referralDueSoon' : 'referralOverdue',
        subject: { type: 'message', id: m._id },
        title,
        body: excerpt(m.text),
        // The shell adds the person's id to the key of each notice it makes from an effect.
        dedupeKey: `message:${m._id}:replyTarget:${stage}:${m.replyTargetAt}`,
      });
    }
  }
  return effects;
}
