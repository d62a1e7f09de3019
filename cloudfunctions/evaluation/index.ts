import { createMain, type Handlers } from '../../server/dispatch';
import { month_, ranking, release, run } from '../../server/evaluation/month';
import { circular, publish } from '../../server/evaluation/publish';
import { result, unitResult, year } from '../../server/evaluation/results';
import { adjust, declareEvent, decide, markExcellent, object, objections } from '../../server/evaluation/review';
import { scheme, schemeSave } from '../../server/evaluation/scheme';
import { withEvaluationTimer } from '../../server/evaluation/timer';

const handlers: Handlers<'evaluation'> = {
  scheme,
  schemeSave,
  run,
  month: month_,
  ranking,
  result,
  unitResult,
  release,
  adjust,
  object,
  objections,
  decide,
  publish,
  circular,
  declareEvent,
  year,
  markExcellent,
};

export const main = withEvaluationTimer(createMain(handlers));
