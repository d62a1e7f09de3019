import { createMain, type Handlers } from '../../server/dispatch';
import { auditLog, auditVerify } from '../../server/org/audit';
import { listAccounts, setOperators, upsertAccount } from '../../server/org/accounts';
import { bind, bindingNotice } from '../../server/org/bind';
import { createInvite } from '../../server/org/invite';
import { me } from '../../server/org/me';
import { addTraining, listPeople, setRoles, upsertPerson } from '../../server/org/people';
import { setResponsibility } from '../../server/org/units';

const handlers: Handlers<'org'> = {
  me,
  bind,
  bindingNotice,
  createInvite,
  listPeople,
  upsertPerson,
  setRoles,
  addTraining,
  listAccounts,
  upsertAccount,
  setOperators,
  setResponsibility,
  auditLog,
  auditVerify,
};

export const main = createMain(handlers);
