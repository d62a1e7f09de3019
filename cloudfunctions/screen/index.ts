import { createMain, type Handlers } from '../../server/dispatch';
import { check } from '../../server/screen/check';
import { lexiconEdit, lexiconImport, lexiconList } from '../../server/screen/lexicon';

const handlers: Handlers<'screen'> = { check, lexiconList, lexiconEdit, lexiconImport };

export const main = createMain(handlers);
