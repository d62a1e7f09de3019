/**
 * The notices of the account lifecycle as data: who (a person, or the staff of a desk) hears what. The
 * shell resolves a desk to the people holding its propaganda-staff role and turns each into a draft.
 */
import type { DeepLink, MessageValues, NotificationDraft, NotificationKind, SubjectRef } from '../../typings/notify';
import { dedupeKey, deepLink } from '../notify/message';

export type NoticeTo = { person: string } | { desk: string };

export interface Notice {
  kind: NotificationKind;
  to: NoticeTo[];
  title: string;
  text: string;
  link: DeepLink;
  subject: SubjectRef;
  values: MessageValues;
  /** What makes this notice unique for its subject (a revision, a day). */
  occasion: string;
}

export const PAGES = {
  application: '/packages/accounts/pages/application/index',
  setup: '/packages/accounts/pages/setup/index',
  filing: '/packages/accounts/pages/filing/index',
  matrix: '/packages/accounts/pages/matrix/index',
  decisions: '/packages/accounts/pages/decisions/index',
  filings: '/packages/accounts/pages/filings/index',
  registry: '/packages/accounts/pages/registry/index',
} as const satisfies Record<string, DeepLink>;

export const linkTo = (page: keyof typeof PAGES, query: Record<string, string>): DeepLink =>
  deepLink(PAGES[page], query);

/** One draft per person the notice reaches (each once), with its own dedupe key. */
export function draftsOf(notice: Notice, people: readonly string[]): NotificationDraft[] {
  return [...new Set(people)].map((recipientId) => ({
    kind: notice.kind,
    recipientId,
    title: notice.title,
    text: notice.text,
    link: notice.link,
    subject: notice.subject,
    values: notice.values,
    dedupeKey: dedupeKey(
      notice.kind,
      `${notice.subject.collection}/${notice.subject.id}`,
      notice.occasion,
      recipientId,
    ),
    escalation: null,
  }));
}
