/**
 * The in-app inbox: every notice stored for its recipient (server/uow.ts writes it with the outbox
 * record), listed newest first a page at a time, and marked read by its owner only.
 */
import * as v from 'valibot';
import type { InboxItem, InboxPage, Notification } from '../../typings/notify';
import { DomainError, commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { cursorParams } from '../schemas';
import { command, type Filter, type Store } from '../store';

const DEFAULT_PAGE = 20;
const MAX_MARK = 100;

export const inboxErrors = {
  badCursor: () => new DomainError('BAD_CURSOR', '翻页位置无效，请刷新后重试'),
} as const;

/** `<createdAt>|<id>` of the last item shown: ties on createdAt are ordered by id. */
const encodeCursor = (n: Pick<Notification, 'createdAt' | '_id'>): string => `${n.createdAt}|${n._id}`;

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const at = cursor.lastIndexOf('|');
  const createdAt = cursor.slice(0, at);
  const id = cursor.slice(at + 1);
  if (at <= 0 || !id || Number.isNaN(Date.parse(createdAt))) throw inboxErrors.badCursor();
  return { createdAt, id };
}

/** The unread count stops here (miniprogram/services/badge.ts shows "99+"). */
export const UNREAD_CAP = 100;

export async function unreadCount(db: Store, personId: string): Promise<number> {
  // The tab badge says "99+" beyond 99: reading more unread notices than that would tell nothing (issue 18).
  return db.countUpTo('notifications', { recipientId: personId, read: false }, UNREAD_CAP);
}

const toItem = (n: Notification): InboxItem => ({
  _id: n._id,
  kind: n.kind,
  title: n.title,
  text: n.text,
  link: n.link,
  createdAt: n.createdAt,
  read: n.read,
});

export const inbox = action({
  access: 'person',
  input: v.strictObject({
    ...cursorParams,
  }),
  handle: async (params, ctx): Promise<InboxPage> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'notify.inbox', { kind: 'none' }, await loadTree());
    const limit = params.limit ?? DEFAULT_PAGE;
    const _ = command();
    let filter: Filter = { recipientId: caller._id };
    if (params.cursor !== undefined) {
      const c = decodeCursor(params.cursor);
      // Index `recipient` (recipientId, createdAt desc); the id breaks ties between notices of one instant.
      filter = _.and(
        { recipientId: caller._id },
        _.or({ createdAt: _.lt(c.createdAt) }, { createdAt: c.createdAt, _id: _.lt(c.id) }),
      ) as Filter;
    }
    const [found, unread] = await Promise.all([
      ctx.store.find<Notification>('notifications', filter, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        limit: limit + 1,
      }),
      unreadCount(ctx.store, caller._id),
    ]);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), unread, nextCursor: found.length > limit && last ? encodeCursor(last) : null };
  },
});

export const markRead = action({
  access: 'person',
  input: v.union([
    v.strictObject({
      ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1), v.maxLength(MAX_MARK)),
    }),
    v.strictObject({ all: v.literal(true) }),
  ]),
  handle: async (params, ctx): Promise<{ unread: number }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const _ = command();
    const readNow = { read: true, readAt: toBeijingIso(ctx.now) };
    if ('all' in params) {
      requirePermission(caller, 'notify.markRead', { kind: 'own', ownerId: caller._id }, tree);
      await ctx.store.updateWhere('notifications', { recipientId: caller._id, read: false }, readNow);
    } else {
      const ids = [...new Set(params.ids)];
      const found = await ctx.store.find<Notification>(
        'notifications',
        { _id: _.in(ids) },
        { limit: ids.length, fields: { recipientId: true } },
      );
      if (found.length !== ids.length) throw commonErrors.notFound('消息');
      // Someone else's id refuses the whole request: core/auth decides ownership.
      for (const n of found)
        requirePermission(caller, 'notify.markRead', { kind: 'own', ownerId: n.recipientId }, tree);
      // `read: false` in the filter keeps the first read time when a notice is opened twice.
      await ctx.store.updateWhere('notifications', { _id: _.in(ids), recipientId: caller._id, read: false }, readNow);
    }
    return { unread: await unreadCount(ctx.store, caller._id) };
  },
});
