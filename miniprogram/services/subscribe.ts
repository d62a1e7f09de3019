/**
 * Asks for subscribe-message consent at natural taps. WeChat opens its dialog only from a tap, and
 * only when wx.requestSubscribeMessage is called in the tap's own handler, so the plan (which
 * templates, from notify.consentPlan) is fetched beforehand with `prepareConsent` (on page show)
 * and `askConsent` uses it at once inside the tap. The answer goes to the server, which keeps each
 * person's one-time quota (one send per accept). Each moment is asked at most once per app session.
 */
import type {
  ConsentAnswer,
  ConsentMoment,
  ConsentReport,
  ConsentRequest,
  NotificationKind,
} from '../../typings/notify';
import { call } from './api';

/** The moment a tap on a notice of each kind stands for: engaging with it is when to ask for more. */
export const KIND_MOMENT: { [K in NotificationKind]: ConsentMoment } = {
  approvalPending: 'openApprovals',
  postApproved: 'afterSubmit',
  postReturned: 'afterSubmit',
  publishReminder: 'afterSubmit',
  cadenceReminder: 'openWorkbench',
  referralAssigned: 'openReferrals',
  referralDueSoon: 'openReferrals',
  referralOverdue: 'openReferrals',
  referralAnswered: 'afterRefer',
  extensionDecided: 'openReferrals',
  dailyDigest: 'openWorkbench',
  escalation: 'openWorkbench',
  // security (issue 15)
  securityIncident: 'openSecurity',
  rotationReminder: 'openSecurity',
  trainingReminder: 'openSecurity',
  // linkage directives (第三十四条): a tap on one is the moment to hold a consent for the next
  linkageIssued: 'openLinkage',
  linkageReminder: 'openLinkage',
  linkageWithdrawn: 'openLinkage',
  linkageLate: 'openWorkbench',
  linkageClosed: 'openWorkbench',
  // hardening (第三十三条)
  bindingChanged: 'openWorkbench',
  // --- accounts
  accountApplicationPending: 'openAccountDecisions',
  accountApplicationDecided: 'afterApply',
  filingDue: 'openAccountDecisions',
  filingReceived: 'openAccountDecisions',
  filingQueried: 'openAccountDecisions',
  filingOverdue: 'openAccountDecisions',
  filingUnacknowledged: 'openAccountDecisions',
  accountGap: 'openAccountDecisions',
};

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies ConsentAnswer[];

const plans = new Map<ConsentMoment, ConsentRequest>();
const asked = new Set<ConsentMoment>();

/** Fetches what to ask at `moment`; quiet on failure (the tap then just does not ask). */
export async function prepareConsent(moment: ConsentMoment): Promise<void> {
  if (asked.has(moment) || plans.has(moment)) return;
  const res = await call('notify', 'consentPlan', { moment });
  // WeChat takes one group per dialog; later groups are asked at later taps.
  const first = res.ok ? res.data.requests[0] : undefined;
  if (first) plans.set(moment, first);
}

/** The answers WeChat gave for the ids asked, without errMsg or anything else. */
export function answersOf(result: Record<string, string>, templateIds: readonly string[]): ConsentReport {
  const report: ConsentReport = {};
  for (const id of templateIds) {
    const answer = result[id];
    if (answer !== undefined && ANSWERS.includes(answer)) report[id] = answer as ConsentAnswer;
  }
  return report;
}

/**
 * Call synchronously inside a tap handler. Resolves once the dialog is answered (or at once when
 * there is nothing to ask), so the tap can carry on, e.g. navigate, afterwards.
 */
export function askConsent(moment: ConsentMoment): Promise<'asked' | 'skipped'> {
  const request = plans.get(moment);
  if (!request || asked.has(moment)) return Promise.resolve('skipped');
  asked.add(moment);
  plans.delete(moment);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: request.templateIds,
      success: (result) => {
        const answers = answersOf(result, request.templateIds);
        // Best effort: an unreported accept only means one reminder fewer; the inbox keeps them all.
        if (Object.keys(answers).length > 0) void call('notify', 'reportConsent', { answers });
        resolve('asked');
      },
      // Declined by the platform (the user turned subscriptions off, too many ids …): nothing to report.
      fail: () => resolve('skipped'),
    });
  });
}

/** For tests: forget plans and what was asked, as a fresh app start does. */
export function resetConsentSession(): void {
  plans.clear();
  asked.clear();
}
