import { createMain, type Handlers } from '../../server/dispatch';
import {
  incident,
  incidentClose,
  incidentLift,
  incidentReport,
  incidents,
  incidentStep,
} from '../../server/security/incidents';
import { policy, setPolicy } from '../../server/security/policy';
import { attest, declareSettings, history, rotations, setRotationDays, status } from '../../server/security/rotation';
import { withSecurityTimer } from '../../server/security/timer';

const handlers: Handlers<'security'> = {
  status,
  attest,
  declareSettings,
  setRotationDays,
  history,
  rotations,
  incidentReport,
  incidentStep,
  incidentLift,
  incidentClose,
  incident,
  incidents,
  policy,
  setPolicy,
};

export const main = withSecurityTimer(createMain(handlers));
