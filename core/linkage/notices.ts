/**
 * The notices of a directive (第三十四条), as drafts for the outbox: every operator at issue, the silent
 * at the reminder stages, the responsible leaders (第二十九条) and city desks at the window's end, the
 * operators still to respond on a withdrawal, and the issuer at closing. Each key names the directive
 * and the occasion, so a run done twice stores each notice once.
 */
import type { DeepLink, NotificationDraft } from '../../typings/notify';
import type { Directive } from '../../typings/linkage';
import { dedupeKey, deepLink } from '../notify/message';
import { platformLabels } from '../cadence/cadence';
import { formatBeijing } from '../time';
import { KIND_LABELS } from './directive';
import type { RecipientAccounts } from './targets';

export const DIRECTIVE_PAGE = '/packages/linkage/pages/directive/index';
export const BOARD_PAGE = '/packages/linkage/pages/board/index';

export const directiveLink = (id: string): DeepLink => deepLink(DIRECTIVE_PAGE, { id });
export const boardLink = (id: string, unitId?: string): DeepLink =>
  deepLink(BOARD_PAGE, unitId ? { id, unitId } : { id });

const subjectOf = (d: Directive): { collection: string; id: string } => ({ collection: 'directives', id: d._id });
const keyOf = (kind: string, d: Directive, occasion: string, personId: string): string =>
  dedupeKey(kind, `directives/${d._id}`, occasion, personId);

/** 长沙警事（微博）、长沙警事（微信订阅号）等 5 个账号 */
export function accountsText(
  accounts: readonly { accountName: string; platform: keyof typeof platformLabels }[],
  shown = 2,
): string {
  const names = accounts.slice(0, shown).map((a) => `${a.accountName}（${platformLabels[a.platform]}）`);
  return accounts.length > shown ? `${names.join('、')}等 ${accounts.length} 个账号` : names.join('、');
}

const until = (d: Directive): string => formatBeijing(Date.parse(d.dueAt)).slice(11);

/** At issue: every operator of every target, at once. */
export function issuedNotice(d: Directive, r: RecipientAccounts): NotificationDraft {
  const correction = d.correctionOfTitle ? `（更正《${d.correctionOfTitle}》）` : '';
  return {
    kind: 'linkageIssued',
    recipientId: r.personId,
    title: `联动指令：${d.title}`,
    text: `${KIND_LABELS[d.kind]}${correction}，请在 ${d.windowMinutes} 分钟内（${until(d)} 前）以${accountsText(r.accounts)}响应`,
    link: directiveLink(d._id),
    subject: subjectOf(d),
    values: {
      subject: d.title,
      status: '待响应',
      dueAt: d.dueAt,
      remark: `${d.windowMinutes}分钟内响应，${until(d)}截止`,
      unit: d.deskName,
      count: r.accounts.length,
    },
    dedupeKey: keyOf('linkageIssued', d, 'issue', r.personId),
    escalation: null,
  };
}

/** At +30 / +50: the operators of accounts that have not responded. */
export function reminderNotice(d: Directive, stage: number, r: RecipientAccounts, now: number): NotificationDraft {
  const left = Math.max(0, Math.ceil((Date.parse(d.dueAt) - now) / 60_000));
  return {
    kind: 'linkageReminder',
    recipientId: r.personId,
    title: `联动指令尚未响应：${d.title}`,
    text: `距响应时限还有 ${left} 分钟（${until(d)}），${accountsText(r.accounts)}尚未响应`,
    link: directiveLink(d._id),
    subject: subjectOf(d),
    values: { subject: d.title, status: '未响应', dueAt: d.dueAt, remark: `还剩${left}分钟，请尽快响应` },
    dedupeKey: keyOf('linkageReminder', d, `remind${stage}`, r.personId),
    escalation: null,
  };
}

export interface LateGroup {
  personId: string;
  /** The bureau whose board the notice opens (their own). */
  unitId: string;
  unitName: string;
  accounts: { accountName: string; platform: keyof typeof platformLabels }[];
}

/** At the window's end: 第二十九条 the responsible leader, and the city desk, learn which accounts are late. */
export function lateNotice(d: Directive, g: LateGroup): NotificationDraft {
  return {
    kind: 'linkageLate',
    recipientId: g.personId,
    title: `联动指令超时未响应：${d.title}`,
    text: `已过 ${d.windowMinutes} 分钟响应时限，${g.unitName}${accountsText(g.accounts, 3)}未响应（第三十四条）`,
    link: boardLink(d._id, g.unitId),
    subject: subjectOf(d),
    values: {
      subject: d.title,
      actor: d.issuerName,
      dueAt: d.dueAt,
      count: g.accounts.length,
    },
    dedupeKey: keyOf('linkageLate', d, 'late', g.personId),
    escalation: null,
  };
}

/** On withdrawal: the operators whose accounts had not responded yet. */
export function withdrawnNotice(d: Directive, r: RecipientAccounts): NotificationDraft {
  const reason = d.withdrawal?.reason ?? '';
  return {
    kind: 'linkageWithdrawn',
    recipientId: r.personId,
    title: `联动指令已撤回：${d.title}`,
    text: `撤回原因：${reason}。${accountsText(r.accounts)}无需再响应`,
    link: directiveLink(d._id),
    subject: subjectOf(d),
    values: { subject: d.title, status: '已撤回', dueAt: d.dueAt, remark: reason },
    dedupeKey: keyOf('linkageWithdrawn', d, 'withdraw', r.personId),
    escalation: null,
  };
}

/** At closing: the issuer, with the final figures. */
export function closedNotice(
  d: Directive,
  figures: { onTime: number; late: number; silent: number },
): NotificationDraft {
  return {
    kind: 'linkageClosed',
    recipientId: d.issuerId,
    title: `联动指令已结束：${d.title}`,
    text: `共 ${d.targetCount} 个账号：按时响应 ${figures.onTime}，超时响应 ${figures.late}，未响应 ${figures.silent}。记录已定稿`,
    link: boardLink(d._id),
    subject: subjectOf(d),
    values: { subject: d.title, status: '已结束', eventAt: d.closedAt ?? d.closesAt, count: d.targetCount },
    dedupeKey: keyOf('linkageClosed', d, 'close', d.issuerId),
    escalation: null,
  };
}
