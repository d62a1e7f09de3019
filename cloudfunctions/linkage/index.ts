import { createMain, type Handlers } from '../../server/dispatch';
import { issue, preview, targetOptions, withdraw } from '../../server/linkage/issue';
import { board, get, list, mine, records } from '../../server/linkage/read';
import { respond } from '../../server/linkage/respond';
import { setSettings, settings } from '../../server/linkage/settings';

const handlers: Handlers<'linkage'> = {
  issue,
  preview,
  targetOptions,
  withdraw,
  list,
  board,
  get,
  mine,
  respond,
  records,
  settings,
  setSettings,
};

export const main = createMain(handlers);
