/**
 * The in-app inbox: every notice is stored for its recipient, whatever happens to its subscribe
 * message, so nothing is lost when WeChat cannot deliver.
 */
import type { Notification, NotificationDraft } from '../../typings/notify';
import { toBeijingIso } from '../time';

export function createNotification(draft: NotificationDraft, id: string, now: number): Notification {
  return {
    _id: id,
    recipientId: draft.recipientId,
    kind: draft.kind,
    title: draft.title,
    text: draft.text,
    link: draft.link,
    subject: draft.subject,
    dedupeKey: draft.dedupeKey,
    createdAt: toBeijingIso(now),
    read: false,
    readAt: null,
  };
}

/** Reading twice keeps the first time. */
export function markRead(notification: Notification, now: number): Notification {
  if (notification.read) return notification;
  return { ...notification, read: true, readAt: toBeijingIso(now) };
}
