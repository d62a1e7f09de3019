import { createMain, type Handlers } from '../../server/dispatch';
import { adoptExisting, catalogue, setRules } from '../../server/account/admin';
import {
  amend,
  application,
  applications,
  apply,
  applyClose,
  decide,
  register,
  withdraw,
} from '../../server/account/applications';
import { matrix, remindGaps } from '../../server/account/matrix';
import { acknowledgeFiling, filing, filings, queryFiling, submitFiling } from '../../server/account/filings';
import { handover } from '../../server/account/handover';
import { mark, marks, personal, registry } from '../../server/account/registry';
import { completeTask, setup, setups } from '../../server/account/setup';
import { applicantUnits } from '../../server/account/units';

const handlers: Handlers<'account'> = {
  catalogue,
  setRules,
  apply,
  applicantUnits,
  amend,
  withdraw,
  applyClose,
  register,
  decide,
  applications,
  application,
  setups,
  setup,
  completeTask,
  handover,
  filings,
  filing,
  submitFiling,
  acknowledgeFiling,
  queryFiling,
  matrix,
  remindGaps,
  registry,
  personal,
  mark,
  marks,
  adoptExisting,
};

export const main = createMain(handlers);
