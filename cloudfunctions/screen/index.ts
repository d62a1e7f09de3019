import { createMain, type Handlers } from '../../server/dispatch';
import { check } from '../../server/screen/check';
import { lexiconEdit, lexiconImport, lexiconList } from '../../server/screen/lexicon';
import { ruleGet, ruleImport, ruleList, ruleRemove, ruleSave, ruleTest } from '../../server/screen/rules';
import { wordingEdit, wordingList } from '../../server/screen/wording';

const handlers: Handlers<'screen'> = {
  check,
  lexiconList,
  lexiconEdit,
  lexiconImport,
  // combination rules and standard wording (issue 17)
  ruleList,
  ruleGet,
  ruleSave,
  ruleRemove,
  ruleTest,
  ruleImport,
  wordingList,
  wordingEdit,
};

export const main = createMain(handlers);
