/**
 * The core's effects carried out by the shell: a notify effect names a recipient (a person, a role in
 * a unit, a unit's leader) and becomes one notice per person; an audit effect becomes a hash-chained
 * audit entry. Role holders are found by query BEFORE the transaction (CloudBase allows only reads by
 * id inside it), so whoever may be notified is resolved up front.
 */
import type { IsoTime } from '../../typings/common';
import type {
  DeepLink,
  EscalationPolicy,
  MessageValues,
  NotificationDraft,
  NotificationKind,
} from '../../typings/notify';
import type { Action, FieldChange, JsonValue, Person, Role } from '../../typings/org';
import type {
  AuditAction,
  AuditEffect,
  Effect,
  Message,
  NotifyEffect,
  Referral,
  Recipient,
  ReferralNotificationKind,
  SubjectRef,
} from '../../typings/referral';
import { deepLink } from '../../core/notify/message';
import { bureauOf, type UnitTree } from '../../core/org/tree';
import { formatBeijing, toBeijingIso } from '../../core/time';
import { command, store, type Store } from '../store';
import type { AuditNote, Work } from '../uow';

const roleKey = (role: Role, unitId: string): string => `${role}@${unitId}`;

export interface RoleWanted {
  role: Role;
  unitId: string;
}

/** The people each recipient stands for, resolved before the transaction. */
export class Recipients {
  constructor(
    private readonly tree: UnitTree,
    private readonly holders: ReadonlyMap<string, readonly Person[]>,
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  /**
   * Finds the active holders of each role (one indexed query per distinct role and unit) and the
   * names of the people given (one query).
   */
  static async resolve(
    tree: UnitTree,
    roles: readonly RoleWanted[],
    personIds: readonly string[] = [],
    db: Store = store,
  ): Promise<Recipients> {
    const holders = new Map<string, Person[]>();
    const names = new Map<string, string>();
    for (const { role, unitId } of roles) {
      const key = roleKey(role, unitId);
      if (holders.has(key)) continue;
      const found = await db.find<Person>('people', { 'roles.unitId': unitId, active: true }, { limit: 100 });
      // The index finds people with any role in the unit; keep those holding this one.
      const exact = found.filter((p) => p.roles.some((g) => g.role === role && g.unitId === unitId));
      holders.set(key, exact);
      for (const p of exact) names.set(p._id, p.name);
    }
    const unknown = [...new Set(personIds)].filter((id) => !names.has(id));
    if (unknown.length > 0) {
      for (const p of await db.find<Person>('people', { _id: command().in(unknown) }, { limit: unknown.length })) {
        names.set(p._id, p.name);
      }
    }
    return new Recipients(tree, holders, names);
  }

  holdersOf(role: Role, unitId: string): readonly Person[] {
    return this.holders.get(roleKey(role, unitId)) ?? [];
  }

  /** 第二十九条: the unit's responsible leader, else its bureau's. */
  leaderOf(unitId: string): string | null {
    const unit = this.tree.byId.get(unitId);
    return unit?.responsibility.leaderId ?? bureauOf(unitId, this.tree)?.responsibility.leaderId ?? null;
  }

  /** Person ids of a recipient; a role not resolved beforehand reaches nobody (logged, never guessed). */
  people(to: Recipient): string[] {
    switch (to.type) {
      case 'person':
        return [to.personId];
      case 'unitLeader': {
        const leader = this.leaderOf(to.unitId);
        return leader ? [leader] : [];
      }
      case 'unitRole': {
        const found = this.holders.get(roleKey(to.role, to.unitId));
        if (!found) console.error(`[referral] recipients of ${roleKey(to.role, to.unitId)} were not resolved`);
        if (found && found.length > 0) return found.map((p) => p._id);
        // 第二十九条: what nobody in the role can receive goes to the unit's responsible leader.
        const leader = found ? this.leaderOf(to.unitId) : null;
        return leader ? [leader] : [];
      }
    }
  }

  nameOf(personId: string): string {
    return this.names.get(personId) ?? '';
  }
}

/**
 * The product's notification kinds (typings/notify.ts) for the core's. Three core kinds have no kind
 * of their own there and share the template that reads right: a 通报 asks the department to act
 * (待办事项), a return is a result of the referral (办理结果), an extension request waits for the
 * desk's approval (待审核).
 */
const KIND_OF: { readonly [K in ReferralNotificationKind]: NotificationKind } = {
  messageNotice: 'referralAssigned',
  referralAssigned: 'referralAssigned',
  referralReturned: 'referralAnswered',
  referralAnswered: 'referralAnswered',
  extensionRequested: 'approvalPending',
  extensionDecided: 'extensionDecided',
  referralDueSoon: 'referralDueSoon',
  referralOverdue: 'referralOverdue',
  dailyDigest: 'dailyDigest',
};

const STATUS_OF: { readonly [K in ReferralNotificationKind]: string } = {
  messageNotice: '待处置',
  referralAssigned: '待签收',
  referralReturned: '已退回',
  referralAnswered: '已反馈',
  extensionRequested: '待审批',
  extensionDecided: '已审批',
  referralDueSoon: '即将到期',
  referralOverdue: '已逾期',
  dailyDigest: '每日汇总',
};

/** Deep links of the pages that show each subject. */
export function linkOf(subject: SubjectRef): DeepLink {
  switch (subject.type) {
    case 'referral':
      return deepLink('/pages/referral-detail/index', { id: subject.id });
    case 'message':
      return deepLink('/pages/message-detail/index', { id: subject.id });
    case 'department':
      return deepLink('/pages/referrals/index', { unitId: subject.id });
  }
}

const COLLECTION_OF: { readonly [T in SubjectRef['type']]: string } = {
  referral: 'referrals',
  message: 'messages',
  department: 'units',
};

/** What the notices of one occasion show besides the effect's own title and body. */
export interface NoticeScope {
  now: number;
  /** The referral's question or the message's excerpt. */
  subjectText: string;
  /** The department concerned (the template's 单位 field). */
  unitName: string;
  dueAt: IsoTime | null;
  actorName: string | null;
  /** Who answers for a deadline reminder that cannot reach its recipient (第二十九条). */
  escalationUnitId: string | null;
  /** Overrides the kind's status word (an approved or a rejected extension). */
  status?: string;
  count?: number;
}

const ESCALATED: ReadonlySet<ReferralNotificationKind> = new Set(['referralDueSoon', 'referralOverdue']);

/** One notice per person the effect's recipient stands for; the key gains the person's id. */
export function draftsFor(effect: NotifyEffect, recipients: Recipients, scope: NoticeScope): NotificationDraft[] {
  const values: MessageValues = {
    subject: scope.subjectText,
    unit: scope.unitName,
    status: scope.status ?? STATUS_OF[effect.notificationKind],
    remark: effect.body,
    eventAt: toBeijingIso(scope.now),
    ...(scope.dueAt ? { dueAt: scope.dueAt } : {}),
    ...(scope.actorName ? { actor: scope.actorName } : {}),
    ...(scope.count !== undefined ? { count: scope.count } : {}),
  };
  return recipients.people(effect.to).map((personId) => {
    const escalation: EscalationPolicy | null =
      ESCALATED.has(effect.notificationKind) && scope.escalationUnitId && effect.to.type !== 'unitLeader'
        ? { unitId: scope.escalationUnitId, next: 'unitResponsible', recipientName: recipients.nameOf(personId) }
        : null;
    return {
      kind: KIND_OF[effect.notificationKind],
      recipientId: personId,
      title: effect.title,
      text: effect.body,
      link: linkOf(effect.subject),
      subject: { collection: COLLECTION_OF[effect.subject.type], id: effect.subject.id },
      values,
      dedupeKey: `${effect.dedupeKey}:${personId}`,
      escalation,
    };
  });
}

// --- audit --------------------------------------------------------------------------------------

/** The catalogue action each core audit action was allowed under. */
const ACTION_OF: { readonly [A in AuditAction]: Action } = {
  'message.record': 'referral.messageRecord',
  'message.triage': 'referral.messageTriage',
  'message.reply': 'referral.reply',
  'message.notice': 'referral.notice',
  'message.cleanUp': 'referral.cleanUp',
  'message.defer': 'referral.defer',
  'message.close': 'referral.messageClose',
  'message.followUp': 'referral.reply',
  'referral.create': 'referral.refer',
  'referral.sign': 'referral.sign',
  'referral.return': 'referral.return',
  'referral.requestExtension': 'referral.requestExtension',
  'referral.approveExtension': 'referral.decideExtension',
  'referral.rejectExtension': 'referral.decideExtension',
  'referral.answer': 'referral.answer',
  'referral.close': 'referral.messageClose',
};

const SUMMARY_OF: { readonly [A in AuditAction]: string } = {
  'message.record': '登记网民留言',
  'message.triage': '留言分类',
  'message.reply': '回复网民',
  'message.notice': '通报有关部门',
  'message.cleanUp': '清理违法违规信息',
  'message.defer': '暂缓核实后答复',
  'message.close': '留言结案',
  'message.followUp': '补充回复核查处置情况',
  'referral.create': '流转至承办部门',
  'referral.sign': '签收流转',
  'referral.return': '退回流转',
  'referral.requestExtension': '申请延期',
  'referral.approveExtension': '批准延期',
  'referral.rejectExtension': '不批准延期',
  'referral.answer': '反馈办理情况',
  'referral.close': '流转办结',
};

type Flat = string | number | boolean | null;

function jsonOf(value: unknown): JsonValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.length;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}

/** What changed between two versions of a document, in the fields the audit reader cares about (lists by length). */
export function changesOf<T extends object>(
  before: T | null,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields
    .map((field) => ({ field, from: before ? jsonOf(before[field]) : null, to: jsonOf(after[field]) }))
    .filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
}

export const MESSAGE_FIELDS: readonly (keyof Message)[] = [
  'state',
  'triage',
  'raisesProblem',
  'replies',
  'notices',
  'cleanedUpAt',
  'replyTargetAt',
  'outcome',
];
export const REFERRAL_FIELDS: readonly (keyof Referral)[] = [
  'state',
  'handlerId',
  'returnReason',
  'dueAt',
  'extensions',
  'overdueMs',
  'open',
];

/** The facts of an audit effect a reader of the summary wants in words; the rest is in `changes`. */
const DETAIL_LABELS: { readonly [field: string]: string } = {
  reason: '理由',
  dueAt: '期限',
  proposedDueAt: '拟延至',
  replyTargetAt: '答复时限',
  workingDays: '延期工作日',
  warnings: '提示',
};

/** Instants the detail keeps as ISO-8601 (for machines); the summary shows them as people read times. */
const INSTANTS: ReadonlySet<string> = new Set(['dueAt', 'proposedDueAt', 'replyTargetAt']);

function detailValue(field: string, value: Flat): string {
  const ms = INSTANTS.has(field) && typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? String(value) : formatBeijing(ms);
}

function detailText(detail: { [field: string]: Flat }): string {
  const parts = Object.entries(detail)
    .filter(([k, v]) => DETAIL_LABELS[k] !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}：${detailValue(k, v)}`);
  return parts.length ? `（${parts.join('；')}）` : '';
}

export function auditNote(
  effect: AuditEffect,
  subjectText: string,
  unitPath: string[],
  changes: FieldChange[],
): AuditNote {
  return {
    action: ACTION_OF[effect.action],
    object: { collection: COLLECTION_OF[effect.subject.type], id: effect.subject.id },
    summary: `${SUMMARY_OF[effect.action]}：${subjectText}${detailText(effect.detail)}`,
    changes,
    unitPath,
  };
}

export interface EffectScope extends NoticeScope {
  recipients: Recipients;
  unitPath: string[];
  changes: FieldChange[];
}

/**
 * Queues the notices and audit entries of one transition. Schedule effects need nothing here: the
 * reminder instants they announce are fields of the saved document (dueSoonAt, dueAt, replyTargetAt),
 * read by the planners through their indexes (server/referral/planners.ts).
 */
export function applyEffects(work: Work, effects: readonly Effect[], scope: EffectScope): void {
  for (const e of effects) {
    switch (e.kind) {
      case 'notify':
        for (const draft of draftsFor(e, scope.recipients, scope)) work.notify(draft);
        break;
      case 'audit':
        work.audit(auditNote(e, scope.subjectText, scope.unitPath, scope.changes));
        break;
      case 'schedule':
        break;
    }
  }
}

export function excerpt(s: string, max = 40): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
