/**
 * Subscribe-message consent on the server: the mini-program asks at natural taps (consentPlan says
 * for which templates) and reports the answers (reportConsent); the timer spends the quotas. The
 * consent record (`_id` = person id) is saved in a transaction with the linkage counters it moves,
 * because the timer consumes and revokes on the same record while a report may arrive.
 */
import * as v from 'valibot';
import type {
  ConsentMoment,
  ConsentRecord,
  ConsentReport,
  ConsentStatus,
  NotificationKind,
  SubscriptionType,
} from '../../typings/notify';
import { applyConsentReport, emptyConsent, planConsentRequests } from '../../core/notify/consent';
import { templateCatalog, templatesFor } from '../../core/notify/templates';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { currentEnvId, runWork } from '../uow';
import type { HandlerContext } from '../dispatch';

/** The kinds each tap leads to for the person tapping, in the order they are asked for. */
export const MOMENT_KINDS: { [M in ConsentMoment]: readonly NotificationKind[] } = {
  // 第十五条、第十六条: the author hears the review result, then when to publish.
  // 第三十四条: operators submit posts often, a natural tap to hold a consent for the next directive.
  afterSubmit: ['postApproved', 'postReturned', 'publishReminder', 'linkageIssued'],
  openApprovals: ['approvalPending'],
  // 第二十六条: the referring desk hears the department's answer.
  afterRefer: ['referralAnswered'],
  // 第二十七条: the handling department hears of new referrals and their deadlines.
  openReferrals: ['referralAssigned', 'referralDueSoon', 'referralOverdue', 'extensionDecided'],
  // 第十九条 daily cadence; 第二十九条 escalations to the responsible person.
  openWorkbench: ['cadenceReminder', 'dailyDigest', 'escalation'],
  // security (issue 15): 第三十三条 incidents and rotations, 第三十五条 training hours.
  openSecurity: ['securityIncident', 'rotationReminder', 'trainingReminder'],
  // 第三十四条: the operator's directives list and each response — ask for the next directive's notice.
  openLinkage: ['linkageIssued'],
  // 第十条、第十三条: the applicant hears the desk's decision.
  afterApply: ['accountApplicationDecided'],
  // 第十条、第十四条: a desk hears of applications and filings waiting for it, and of 第九条 gaps.
  openAccountDecisions: ['accountApplicationPending', 'filingReceived', 'filingDue', 'filingOverdue', 'accountGap'],
};

const MOMENTS = Object.keys(MOMENT_KINDS) as ConsentMoment[];
const ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;
/** WeChat asks for at most 5 ids at once (3 on older clients); a longer report is not from it. */
const MAX_REPORTED = 5;

/**
 * Applies `change` to the person's consent record in one unit of work: the record and the linkage
 * preview's counters it moves (第三十四条, kept by the uow) are saved together or not at all. The
 * timer's bulk spend writing the same record meanwhile makes the transaction run again on the new
 * record. `change` returning the same object means nothing to save.
 */
export async function updateConsent(
  ctx: HandlerContext,
  personId: string,
  change: (current: ConsentRecord) => ConsentRecord,
): Promise<ConsentRecord> {
  return runWork(ctx, null, async (work) => {
    const found = await work.get<ConsentRecord>('consents', personId);
    const record = found ?? emptyConsent(personId, ctx.now);
    const next = change(record);
    if (next === record) return record;
    const saved = { ...next, rev: (found?.rev ?? 0) + 1 };
    await work.put('consents', saved);
    return saved;
  });
}

function statusOf(record: ConsentRecord, templateId: string, subscription: SubscriptionType): ConsentStatus {
  const t = record.templates[templateId];
  if (!t) return { templateId, subscription, remaining: 0 };
  if (t.subscription === 'oneTime') return { templateId, subscription, remaining: t.remaining };
  return { templateId, subscription, remaining: t.accepted ? null : 0 };
}

export const reportConsent = action({
  access: 'person',
  input: v.strictObject({
    answers: v.pipe(
      v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(128)), v.picklist(ANSWERS)),
      v.check((a) => Object.keys(a).length <= MAX_REPORTED, '一次最多上报 5 个模板'),
    ),
  }),
  handle: async (params, ctx): Promise<{ templates: ConsentStatus[] }> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'notify.reportConsent', { kind: 'none' }, await loadTree());
    const catalog = templateCatalog(templatesFor(currentEnvId()));
    const report: ConsentReport = params.answers;
    const saved = await updateConsent(ctx, caller._id, (current) =>
      applyConsentReport(current, report, catalog, ctx.now),
    );
    // Ids of other environments or forged ones are ignored by the core, and not echoed back.
    const templates = Object.keys(report).flatMap((id) => {
      const subscription = catalog.get(id);
      return subscription ? [statusOf(saved, id, subscription)] : [];
    });
    return { templates };
  },
});

export const consentPlan = action({
  access: 'person',
  input: v.strictObject({ moment: v.picklist(MOMENTS) }),
  handle: async (params, ctx) => {
    const caller = requireCaller(ctx.caller);
    // Reading one's own consent is the same self-service as reporting it.
    requirePermission(caller, 'notify.reportConsent', { kind: 'none' }, await loadTree());
    const consent = await ctx.store.get<ConsentRecord>('consents', caller._id);
    return { requests: planConsentRequests(MOMENT_KINDS[params.moment], templatesFor(currentEnvId()), consent) };
  },
});
