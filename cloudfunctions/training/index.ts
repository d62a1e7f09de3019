import { createMain, type Handlers } from '../../server/dispatch';
import { history, recordAttendance, session, sessionCreate, sessions, shortfall } from '../../server/training/training';

const handlers: Handlers<'training'> = {
  sessionCreate,
  sessions,
  session,
  recordAttendance,
  history,
  shortfall,
};

export const main = createMain(handlers);
