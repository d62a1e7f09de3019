import type { Action } from '../../typings/org';

/**
 * Every action of every cloud function, as data the tests walk: an action listed here without a rule
 * in RULES fails the authorization tests; an action of the `Action` type missing here fails tsc.
 */
export const ACTIONS = [
  'org.me',
  'org.bind',
  'org.createInvite',
  'org.listPeople',
  'org.upsertPerson',
  'org.setRoles',
  'org.addTraining',
  'org.listAccounts',
  'org.upsertAccount',
  'org.setOperators',
  'org.setResponsibility',
  'org.auditLog',
  'org.auditVerify',
  'notify.inbox',
  'notify.markRead',
  'notify.reportConsent',
  'screen.check',
  'screen.lexiconList',
  'screen.lexiconEdit',
  'screen.lexiconImport',
  'post.draftSave',
  'post.submit',
  'post.approve',
  'post.sendBack',
  'post.withdraw',
  'post.raiseLevel',
  'post.publish',
  'post.list',
  'post.approvals',
  'post.cadence',
  'post.get',
  'post.setPlannedTime',
  'post.previewChain',
  'referral.messageRecord',
  'referral.messageTriage',
  'referral.messageClose',
  'referral.refer',
  'referral.sign',
  'referral.return',
  'referral.requestExtension',
  'referral.decideExtension',
  'referral.answer',
  'referral.list',
  'referral.get',
  'referral.message',
  'referral.messages',
  'referral.reply',
  'referral.notice',
  'referral.cleanUp',
  'referral.defer',
  'referral.calendarOverrides',
  'referral.setCalendarOverrides',
] as const satisfies readonly Action[];

type Unlisted = Exclude<Action, (typeof ACTIONS)[number]>;
/** Compile-time proof that ACTIONS lists the whole `Action` type (names the missing ones otherwise). */
export const ACTIONS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
