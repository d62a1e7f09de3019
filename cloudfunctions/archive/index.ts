import { createMain, type Handlers } from '../../server/dispatch';
import { exportStart, get, links, list, verify } from '../../server/archive/actions';
import { withArchiveTimer } from '../../server/archive/timer';

const handlers: Handlers<'archive'> = { list, get, links, verify, exportStart };

export const main = withArchiveTimer(createMain(handlers));
