import { createMain, type Handlers } from '../../server/dispatch';
import { cadence } from '../../server/post/cadence';
import { approvals, get, list, previewChainAction } from '../../server/post/read';
import { withCadenceTimer } from '../../server/post/timer';
import {
  approve,
  draftSave,
  publish,
  raiseLevel,
  lowerLevel,
  sendBack,
  setPlannedTime,
  submit,
  withdraw,
} from '../../server/post/write';

const handlers: Handlers<'post'> = {
  draftSave,
  submit,
  approve,
  sendBack,
  withdraw,
  raiseLevel,
  lowerLevel,
  publish,
  setPlannedTime,
  get,
  previewChain: previewChainAction,
  list,
  approvals,
  cadence,
};

export const main = withCadenceTimer(createMain(handlers));
