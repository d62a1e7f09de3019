/**
 * The data shapes the pages share, taken from the cloud-function contract in `typings/` (type-only):
 * `services/api.ts` is typed over the real `Api`, so a page reads exactly what the function answers.
 */
export type { Api as ClientApi } from '../../typings/api';
export type { BindResult, MePerson, MeSummary, PendingWork, RoleView } from '../../typings/org';
export type { InboxItem, InboxPage } from '../../typings/notify';
