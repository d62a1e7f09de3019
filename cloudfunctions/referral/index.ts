import { createMain, type Handlers } from '../../server/dispatch';
import { calendarOverrides, setCalendarOverrides } from '../../server/referral/calendar';
import {
  cleanUp,
  defer,
  message,
  messageClose,
  messageRecord,
  messages,
  messageTriage,
  notice,
  refer,
  reply,
} from '../../server/referral/messages';
import {
  answer,
  decideExtension,
  get,
  list,
  requestExtension,
  returnReferral,
  sign,
} from '../../server/referral/referrals';

const handlers: Handlers<'referral'> = {
  messageRecord,
  messages,
  message,
  messageTriage,
  reply,
  notice,
  cleanUp,
  defer,
  messageClose,
  refer,
  list,
  get,
  sign,
  return: returnReferral,
  requestExtension,
  decideExtension,
  answer,
  calendarOverrides,
  setCalendarOverrides,
};

export const main = createMain(handlers);
