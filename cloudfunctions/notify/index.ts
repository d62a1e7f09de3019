import { createMain, type Handlers } from '../../server/dispatch';
import { consentPlan, reportConsent } from '../../server/notify/consent';
import { inbox, markRead } from '../../server/notify/inbox';

const handlers: Handlers<'notify'> = { inbox, markRead, reportConsent, consentPlan };

export const main = createMain(handlers);
