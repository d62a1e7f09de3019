import { createMain, type Handlers } from '../../server/dispatch';
import { matrix } from '../../server/account/export';

const handlers: Handlers<'export'> = { matrix };

export const main = createMain(handlers);
