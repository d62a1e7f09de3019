/**
 * Security incidents (第三十三条 "发生信息安全问题，应立即报告上级主管部门，并第一时间联系运营商处置"):
 * reported by anyone on the account, told at once to the desks and the responsible leader, worked
 * through a timeline (platform contacted, account secured, content handled) and closed by the desk with
 * a summary. An open incident of a compromising kind suspends posting on its account until the desk
 * lifts it. Pure.
 */
import type { IsoTime } from '../../typings/common';
import type {
  AccountSecurity,
  Incident,
  IncidentKind,
  IncidentStep,
  IncidentStepInput,
  IncidentStepKind,
} from '../../typings/security';
import type { Account } from '../../typings/org';
import type { DomainError } from '../errors';
import { toBeijingIso } from '../time';
import { securityError } from './errors';
import { pastTime } from './rotation';

export interface IncidentRule {
  label: string;
  /** Someone other than the operators may control the account: posting stops until the desk lifts it. */
  suspends: boolean;
  /** Steps the timeline must hold before the desk may close it. */
  beforeClose: readonly IncidentStepKind[];
}

export const INCIDENT_RULES: { readonly [K in IncidentKind]: IncidentRule } = {
  accountStolen: { label: '账号被盗', suspends: true, beforeClose: ['platformContacted', 'secured'] },
  passwordLeaked: { label: '密码泄露', suspends: true, beforeClose: ['secured'] },
  abnormalLogin: { label: '异常登录', suspends: true, beforeClose: ['secured'] },
  dataLeak: { label: '信息泄露', suspends: false, beforeClose: ['contentHandled'] },
  wrongPost: { label: '误发布', suspends: false, beforeClose: ['contentHandled'] },
  other: { label: '其他', suspends: false, beforeClose: [] },
};

export const STEP_LABELS: { readonly [K in IncidentStepKind]: string } = {
  reported: '报告',
  platformContacted: '已联系平台',
  secured: '账号已恢复安全',
  contentHandled: '内容已处置',
  note: '情况说明',
  suspensionLifted: '解除暂停发布',
  closed: '结案',
};

/**
 * 第三十三条: the guard the post core calls before recording a publication. Posting is refused while the
 * account holds an open compromising incident.
 */
export function postingSuspension(security: Pick<AccountSecurity, 'postingHolds'> | null): DomainError | null {
  const hold = security?.postingHolds[0];
  if (!hold) return null;
  return securityError(
    'POSTING_SUSPENDED',
    `该账号因安全事件（${INCIDENT_RULES[hold.kind].label}）已暂停发布，待宣传部门解除后方可发布（第三十三条）`,
  );
}

export interface IncidentReportInput {
  id: string;
  account: Pick<Account, '_id' | 'name' | 'platform' | 'unitId'>;
  unitPath: string[];
  kind: IncidentKind;
  happenedAt: IsoTime;
  description: string;
  reportedBy: string;
  now: number;
}

export function reportIncident(input: IncidentReportInput): Incident | DomainError {
  const happened = pastTime(input.happenedAt, input.now);
  if (typeof happened !== 'number') return happened;
  const description = input.description.trim();
  if (description === '') return securityError('TEXT_REQUIRED', '请说明发生了什么');
  const at = toBeijingIso(input.now);
  const rule = INCIDENT_RULES[input.kind];
  return {
    _id: input.id,
    accountId: input.account._id,
    accountName: input.account.name,
    platform: input.account.platform,
    unitId: input.account.unitId,
    unitPath: input.unitPath,
    kind: input.kind,
    happenedAt: toBeijingIso(happened),
    description,
    reportedAt: at,
    reportedBy: input.reportedBy,
    state: 'open',
    suspends: rule.suspends,
    suspended: rule.suspends,
    steps: [{ kind: 'reported', at, recordedAt: at, by: input.reportedBy, note: description }],
    closedAt: null,
    summary: null,
    updatedAt: at,
    rev: 0,
  };
}

/** The steps still missing before the incident may be closed. */
export function missingForClose(incident: Pick<Incident, 'kind' | 'steps'>): IncidentStepKind[] {
  return INCIDENT_RULES[incident.kind].beforeClose.filter((k) => !incident.steps.some((s) => s.kind === k));
}

/** One timeline step. Platform contact, securing and content handling are recorded once each; notes any time. */
export function recordStep(
  incident: Incident,
  input: IncidentStepInput,
  by: string,
  now: number,
): Incident | DomainError {
  if (incident.state === 'closed') return securityError('INCIDENT_CLOSED');
  if (input.kind !== 'note' && incident.steps.some((s) => s.kind === input.kind)) {
    return securityError('INCIDENT_STEP_DONE', `“${STEP_LABELS[input.kind]}”已登记，如有补充请登记情况说明`);
  }
  const at = pastTime(input.at, now);
  if (typeof at !== 'number') return at;
  const note = input.note.trim();
  if (input.kind === 'note' && note === '') return securityError('TEXT_REQUIRED');
  const step: IncidentStep = {
    kind: input.kind,
    at: toBeijingIso(at),
    recordedAt: toBeijingIso(now),
    by,
    note,
    ...(input.kind === 'platformContacted'
      ? { platformContact: input.platformContact.trim(), ticket: input.ticket.trim() }
      : {}),
  };
  if (input.kind === 'platformContacted' && step.platformContact === '') {
    return securityError('TEXT_REQUIRED', '请填写联系的平台方（客服、工单渠道等）');
  }
  return { ...incident, steps: [...incident.steps, step], updatedAt: toBeijingIso(now) };
}

/** 第三十三条: the desk lets the account post again once it is secured. */
export function liftSuspension(incident: Incident, note: string, by: string, now: number): Incident | DomainError {
  if (incident.state === 'closed') return securityError('INCIDENT_CLOSED');
  if (!incident.suspended) return securityError('INCIDENT_NOT_SUSPENDED');
  if (!incident.steps.some((s) => s.kind === 'secured')) return securityError('LIFT_NEEDS_SECURED');
  const at = toBeijingIso(now);
  return {
    ...incident,
    suspended: false,
    steps: [...incident.steps, { kind: 'suspensionLifted', at, recordedAt: at, by, note: note.trim() }],
    updatedAt: at,
  };
}

/** The desk closes the incident with a summary; an unlifted suspension ends with it. */
export function closeIncident(incident: Incident, summary: string, by: string, now: number): Incident | DomainError {
  if (incident.state === 'closed') return securityError('INCIDENT_CLOSED');
  const text = summary.trim();
  if (text === '') return securityError('TEXT_REQUIRED', '请填写结案小结');
  const missing = missingForClose(incident);
  if (missing.length > 0) {
    return securityError('CLOSE_MISSING_STEPS', `尚未登记：${missing.map((k) => STEP_LABELS[k]).join('、')}，不能结案`);
  }
  const at = toBeijingIso(now);
  const steps: IncidentStep[] = [...incident.steps];
  if (incident.suspended) steps.push({ kind: 'suspensionLifted', at, recordedAt: at, by, note: '结案解除' });
  steps.push({ kind: 'closed', at, recordedAt: at, by, note: text });
  return { ...incident, state: 'closed', suspended: false, steps, closedAt: at, summary: text, updatedAt: at };
}

/** The account's holds after an incident changed: one per open, still-suspending incident. */
export function holdsAfter(security: AccountSecurity, incident: Incident): AccountSecurity['postingHolds'] {
  const others = security.postingHolds.filter((h) => h.incidentId !== incident._id);
  return incident.suspended
    ? [...others, { incidentId: incident._id, kind: incident.kind, since: incident.reportedAt }]
    : others;
}
