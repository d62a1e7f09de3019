/**
 * 第二十九条 (责任领导、责任部门、责任人员) and 第二十七条 (办理时限): a deadline reminder that could not
 * reach its recipient by subscribe message is also sent to whoever its policy names next — the unit's
 * responsible person or its propaganda desk. The shell resolves the policy to people; this decides the notices.
 */
import type { NotificationDraft, OutboxRecord } from '../../typings/notify';

export interface EscalationTarget {
  personId: string;
}

/**
 * One escalation notice per target, keyed `<key>:escalated:<personId>` so a repeated run stores it
 * once. Nothing for a record that was sent or is still under way, nor for one without a policy;
 * escalation notices carry no policy themselves, so they never chain.
 */
export function escalationFor(record: OutboxRecord, targets: readonly EscalationTarget[]): NotificationDraft[] {
  const policy = record.escalation;
  if (!policy || (record.state !== 'skipped' && record.state !== 'failed')) return [];
  const people = new Set(targets.map((t) => t.personId).filter((id) => id !== record.recipientId));
  return [...people].map((personId) => ({
    kind: 'escalation',
    recipientId: personId,
    title: `督办：${record.title}`,
    text: `提醒未能通过微信送达${policy.recipientName}，请督促办理`,
    link: record.link,
    subject: record.subject,
    values: { ...record.values, subject: record.values.subject ?? record.title, actor: policy.recipientName },
    dedupeKey: `${record.dedupeKey}:escalated:${personId}`,
    escalation: null,
  }));
}
