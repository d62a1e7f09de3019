import { createMain, type Handlers } from '../../server/dispatch';
import {
  calls,
  probe,
  prompt,
  promptPreview,
  promptSave,
  promptVersions,
  settings,
  settingsSave,
  stats,
  usage,
} from '../../server/reader/desk';
import { check, forPost, judge, status } from '../../server/reader/posts';

const handlers: Handlers<'reader'> = {
  status,
  check,
  forPost,
  judge,
  settings,
  settingsSave,
  probe,
  prompt,
  promptSave,
  promptVersions,
  promptPreview,
  calls,
  usage,
  stats,
};

export const main = createMain(handlers);
