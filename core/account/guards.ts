/**
 * 第十二条, 第十三条: only an active account publishes, takes in messages or refers them. An approved
 * account still has its setup tasks to do; a closed or cancelled one is history. Each domain that accepts
 * work for an account asks here, so the reason a user reads is the same everywhere.
 */
import type { Account, AccountState } from '../../typings/org';
import { DomainError } from '../errors';

const REASONS: Readonly<Record<Exclude<AccountState, 'active'>, string>> = {
  approved: '账号已获批但尚未完成开设任务（规范命名、实名认证、头像版面和栏目规划，第十二条）',
  suspended: '账号已暂停更新',
  closed: '账号已关闭，不再发布信息、受理留言或转办（第十三条）',
  cancelled: '账号已注销，不再发布信息、受理留言或转办（第十三条）',
};

/** Why the account may not take new work now; null when it is active. */
export function accountNotOpenReason(account: Pick<Account, 'state'>): string | null {
  return account.state === 'active' ? null : REASONS[account.state];
}

/** 第十三条: messages and referrals stop only when the account is closed, cancelled or not yet set up. */
export function acceptsMessages(account: Pick<Account, 'state'>): string | null {
  return account.state === 'active' || account.state === 'suspended' ? null : REASONS[account.state];
}

/** The refusal for new messages or referrals on an account that takes none (stable code ACCOUNT_NOT_OPEN). */
export function accountClosedError(account: Pick<Account, 'state'>): DomainError | null {
  const reason = acceptsMessages(account);
  return reason ? new DomainError('ACCOUNT_NOT_OPEN', reason) : null;
}
