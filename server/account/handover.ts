/**
 * 第十三条: an account is closed only with nothing left open on it. Its messages still without an outcome
 * and its referrals still with a department are listed, and handed over explicitly to another active
 * account of the same unit, a batch at a time, each move audited; the closing decision is refused while
 * any remain.
 */
import * as v from 'valibot';
import type { HandoverResult, OpenItem, OpenItems } from '../../typings/account';
import type { Account } from '../../typings/org';
import type { Message, Referral } from '../../typings/referral';
import { accountError } from '../../core/account/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store } from '../store';
import { runWork } from '../uow';
import { id } from './input';

const OPEN_MESSAGE_STATES = ['received', 'triaged'];
const SHOWN = 20;
/** Moved per call: each move is a write and an audit entry in one transaction. */
const BATCH = 20;

const excerpt = (s: string, max = 30): string =>
  Array.from(s).length > max ? `${Array.from(s).slice(0, max).join('')}…` : s;

const openMessages = (accountId: string) => ({ accountId, state: command().in(OPEN_MESSAGE_STATES) });
const openReferrals = (accountId: string) => ({ accountId, open: true });

export async function countOpenItems(accountId: string): Promise<number> {
  const [messages, referrals] = await Promise.all([
    store.count('messages', openMessages(accountId)),
    store.count('referrals', openReferrals(accountId)),
  ]);
  return messages + referrals;
}

export async function openItemsOf(accountId: string): Promise<OpenItems> {
  const [messages, referrals, total] = await Promise.all([
    store.find<Message>('messages', openMessages(accountId), { orderBy: [['receivedAt', 'desc']], limit: SHOWN }),
    store.find<Referral>('referrals', openReferrals(accountId), { orderBy: [['dueAt', 'asc']], limit: SHOWN }),
    countOpenItems(accountId),
  ]);
  const items: OpenItem[] = [
    ...referrals.map((r) => ({
      collection: 'referrals' as const,
      id: r._id,
      summary: `转办${r.departmentName}：${excerpt(r.question)}`,
      at: r.dueAt,
    })),
    ...messages.map((m) => ({
      collection: 'messages' as const,
      id: m._id,
      summary: `留言：${excerpt(m.text)}`,
      at: m.receivedAt,
    })),
  ];
  return { items: items.slice(0, SHOWN), total };
}

export const handover = action({
  access: 'person',
  input: v.strictObject({ accountId: id, toAccountId: id }),
  handle: async (params, ctx): Promise<HandoverResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const [from, to] = await Promise.all([
      store.get<Account>('accounts', params.accountId),
      store.get<Account>('accounts', params.toAccountId),
    ]);
    if (!from) throw accountError('ACCOUNT_UNKNOWN');
    const grant = requirePermission(caller, 'account.handover', { kind: 'account', account: from }, tree);
    if (!to || to._id === from._id || to.unitId !== from.unitId || to.state !== 'active') {
      throw accountError('HANDOVER_TARGET');
    }
    const [referrals, messages] = await Promise.all([
      store.find<Referral>('referrals', openReferrals(from._id), { orderBy: [['dueAt', 'asc']], limit: BATCH }),
      store.find<Message>('messages', openMessages(from._id), { orderBy: [['receivedAt', 'desc']], limit: BATCH }),
    ]);
    const batch = [
      ...referrals.map((r) => ({ collection: 'referrals' as const, id: r._id })),
      ...messages.map((m) => ({ collection: 'messages' as const, id: m._id })),
    ].slice(0, BATCH);
    const moved = await runWork(ctx, { person: caller, grant }, async (work) => {
      let n = 0;
      for (const item of batch) {
        const doc = await work.get<Referral | Message>(item.collection, item.id);
        // Re-read in the transaction: closed or already moved since the list was read.
        if (!doc || doc.accountId !== from._id) continue;
        const at = toBeijingIso(ctx.now);
        await work.put(item.collection, { ...doc, accountId: to._id, updatedAt: at, rev: doc.rev + 1 });
        work.audit({
          action: 'account.handover',
          object: { collection: item.collection, id: item.id },
          summary: `${from.name}关闭前移交${item.collection === 'referrals' ? '转办事项' : '留言'}至${to.name}（第十三条）`,
          changes: [{ field: 'accountId', from: from._id, to: to._id }],
          unitPath: tree.byId.get(from.unitId)?.path ?? [],
        });
        n++;
      }
      return n;
    });
    return { moved, remaining: await countOpenItems(from._id) };
  },
});
