/**
 * Subscribe-message templates per cloud environment: which WeChat template each notification kind
 * uses, the template's field keys and types (as chosen in 微信公众平台 → 订阅消息), and which value of
 * the notice each field shows. Template ids differ per mini-program/environment; field layouts follow
 * the chosen library templates. Data only: `templatesFor` looks an environment up.
 */
import type { EnvTemplates, NotificationKind, TemplateSpec } from '../../typings/notify';
import { DomainError } from '../errors';

type Layout = Omit<TemplateSpec, 'templateId'>;

/** The WeChat templates the product uses (field keys and types as in the template library). */
const templates = {
  // 待审核提醒 (第十五条、第十六条)
  approvalPending: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'name2', type: 'name', from: 'actor' },
      { key: 'time3', type: 'time', from: 'eventAt' },
      { key: 'thing4', type: 'thing', from: 'text' },
    ],
  },
  // 审核结果通知
  reviewResult: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'phrase2', type: 'phrase', from: 'status' },
      { key: 'time3', type: 'time', from: 'eventAt' },
      { key: 'thing4', type: 'thing', from: 'remark' },
    ],
  },
  // 发布提醒
  publishReminder: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'time2', type: 'time', from: 'dueAt' },
      { key: 'thing3', type: 'thing', from: 'account' },
    ],
  },
  // 更新提醒 (第十九条 每天至少发布一条)
  cadenceReminder: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'account' },
      { key: 'date2', type: 'date', from: 'dueAt' },
      { key: 'thing3', type: 'thing', from: 'text' },
    ],
  },
  // 待办事项通知 (第二十六条 流转至相关部门)
  referralAssigned: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'thing2', type: 'thing', from: 'unit' },
      { key: 'time3', type: 'time', from: 'dueAt' },
    ],
  },
  // 办理时限提醒 (第二十七条 当日 / 5个工作日 / 7个工作日)
  deadline: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'time2', type: 'time', from: 'dueAt' },
      { key: 'phrase3', type: 'phrase', from: 'status' },
      { key: 'thing4', type: 'thing', from: 'text' },
    ],
  },
  // 办理结果通知
  referralAnswered: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'name2', type: 'name', from: 'actor' },
      { key: 'time3', type: 'time', from: 'eventAt' },
    ],
  },
  // 每日待办汇总: opens the inbox, not one object
  dailyDigest: {
    subscription: 'longTerm',
    page: '/pages/inbox/index',
    fields: [
      { key: 'thing1', type: 'thing', from: 'text' },
      { key: 'number2', type: 'number', from: 'count' },
      { key: 'date3', type: 'date', from: 'createdAt' },
    ],
  },
  // 督办提醒 (第二十九条 责任人员)
  escalation: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'name2', type: 'name', from: 'actor' },
      { key: 'time3', type: 'time', from: 'dueAt' },
      { key: 'thing4', type: 'thing', from: 'text' },
    ],
  },
  // security (issue 15)
  // 安全事件通知 (第三十三条 立即报告上级主管部门)
  securityIncident: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'thing2', type: 'thing', from: 'account' },
      { key: 'time3', type: 'time', from: 'eventAt' },
      { key: 'name4', type: 'name', from: 'actor' },
    ],
  },
  // 密码更换提醒 (第三十三条 定期更换密码)
  rotationReminder: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'account' },
      { key: 'time2', type: 'time', from: 'dueAt' },
      { key: 'phrase3', type: 'phrase', from: 'status' },
      { key: 'thing4', type: 'thing', from: 'remark' },
    ],
  },
  // 培训提醒 (第三十五条)
  trainingReminder: {
    subscription: 'longTerm',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'thing2', type: 'thing', from: 'remark' },
      { key: 'date3', type: 'date', from: 'dueAt' },
    ],
  },
  // 联动指令提醒 (第三十四条): a directive, its reminders and its withdrawal reach the operators
  linkage: {
    subscription: 'oneTime',
    fields: [
      { key: 'thing1', type: 'thing', from: 'subject' },
      { key: 'phrase2', type: 'phrase', from: 'status' },
      { key: 'time3', type: 'time', from: 'dueAt' },
      { key: 'thing4', type: 'thing', from: 'remark' },
    ],
  },
} satisfies Record<string, Layout>;

type TemplateName = keyof typeof templates;

/**
 * Which template each kind uses. Kinds sharing one (审核结果通知 for approved, returned and extension
 * decisions) share the person's one-time quota for it.
 */
const templateOf: { [K in NotificationKind]: TemplateName | null } = {
  approvalPending: 'approvalPending',
  postApproved: 'reviewResult',
  postReturned: 'reviewResult',
  publishReminder: 'publishReminder',
  cadenceReminder: 'cadenceReminder',
  referralAssigned: 'referralAssigned',
  referralDueSoon: 'deadline',
  referralOverdue: 'deadline',
  referralAnswered: 'referralAnswered',
  extensionDecided: 'reviewResult',
  dailyDigest: 'dailyDigest',
  escalation: 'escalation',
  // security (issue 15)
  securityIncident: 'securityIncident',
  rotationReminder: 'rotationReminder',
  trainingReminder: 'trainingReminder',
  // linkage directives (第三十四条): the operators' notices share one one-time template; the late report
  // to leaders and desks is a 督办提醒 (第二十九条); the issuer's closing summary stays in the inbox.
  linkageIssued: 'linkage',
  linkageReminder: 'linkage',
  linkageWithdrawn: 'linkage',
  linkageLate: 'escalation',
  linkageClosed: null,
  // 第三十三条: in the inbox only (the person's and their admins'); no template is asked for.
  bindingChanged: null,
  // --- accounts: the layouts above fit (subject, who, when, what)
  accountApplicationPending: 'approvalPending',
  accountApplicationDecided: 'reviewResult',
  filingDue: 'deadline',
  filingReceived: 'approvalPending',
  filingQueried: 'reviewResult',
  filingOverdue: 'deadline',
  filingUnacknowledged: 'deadline',
  accountGap: 'deadline',
};

function build(miniprogramState: EnvTemplates['miniprogramState'], ids: Record<TemplateName, string>): EnvTemplates {
  const kinds = {} as EnvTemplates['kinds'];
  for (const kind of Object.keys(templateOf) as NotificationKind[]) {
    const name = templateOf[kind];
    kinds[kind] = name ? { ...templates[name], templateId: ids[name] } : null;
  }
  return { miniprogramState, kinds };
}

/**
 * Environment id → templates. `local-dev` is the local cloud's environment (tools/local-cloud,
 * DEFAULT_ENV_ID), `local` code run outside any environment; a deployed environment is added under
 * its CloudBase env id with the template ids its mini-program was granted.
 */
const LOCAL: EnvTemplates = build('developer', {
  approvalPending: 'local-tpl-approval-pending',
  reviewResult: 'local-tpl-review-result',
  publishReminder: 'local-tpl-publish-reminder',
  cadenceReminder: 'local-tpl-cadence-reminder',
  referralAssigned: 'local-tpl-referral-assigned',
  deadline: 'local-tpl-deadline',
  referralAnswered: 'local-tpl-referral-answered',
  dailyDigest: 'local-tpl-daily-digest',
  escalation: 'local-tpl-escalation',
  // security (issue 15)
  securityIncident: 'local-tpl-security-incident',
  rotationReminder: 'local-tpl-rotation-reminder',
  trainingReminder: 'local-tpl-training-reminder',
  linkage: 'local-tpl-linkage',
});

export const templateConfig: Record<string, EnvTemplates> = {
  local: LOCAL,
  'local-dev': LOCAL,
};

export function templatesFor(envId: string, config: Record<string, EnvTemplates> = templateConfig): EnvTemplates {
  const env = config[envId];
  if (!env) throw new DomainError('NOTIFY_ENV_UNKNOWN', `云环境 ${envId} 未配置订阅消息模板`);
  return env;
}

/**
 * What is wrong with an environment's config: a template id used with two different layouts or
 * subscription types (WeChat has one layout per id), or a field key that does not name its type.
 */
export function templateConfigProblems(env: EnvTemplates): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { kind: NotificationKind; signature: string }>();
  for (const kind of Object.keys(env.kinds) as NotificationKind[]) {
    const spec = env.kinds[kind];
    if (!spec) continue;
    for (const field of spec.fields) {
      if (!new RegExp(`^${field.type}\\d+$`, 'u').test(field.key))
        problems.push(`${kind}: ${field.key} 与类型 ${field.type} 不符`);
    }
    if (new Set(spec.fields.map((f) => f.key)).size !== spec.fields.length) problems.push(`${kind}: 字段重复`);
    const signature = JSON.stringify([spec.subscription, spec.fields.map((f) => [f.key, f.type])]);
    const prior = seen.get(spec.templateId);
    if (prior && prior.signature !== signature)
      problems.push(`${kind}: 模板 ${spec.templateId} 与 ${prior.kind} 的字段不一致`);
    if (!prior) seen.set(spec.templateId, { kind, signature });
  }
  return problems;
}

/** The subscription type of each template id in the environment (for consent reports). */
export function templateCatalog(env: EnvTemplates): Map<string, TemplateSpec['subscription']> {
  const catalog = new Map<string, TemplateSpec['subscription']>();
  for (const spec of Object.values(env.kinds)) if (spec) catalog.set(spec.templateId, spec.subscription);
  return catalog;
}
