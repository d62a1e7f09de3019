/**
 * The local cloud: CloudBase's database, functions, storage, timers and cloud calls on 127.0.0.1,
 * for the unmodified wx-server-sdk. Start one with createLocalCloud(); see README.md.
 */
export {
  DEFAULT_DATA_DIR,
  DEFAULT_FUNCTIONS_DIR,
  HOST,
  REPO_ROOT,
  createLocalCloud,
  LocalCloudStartError,
  MAX_BODY_DEPTH,
  wipeDataDir,
  type LocalCloud,
  type LocalCloudOptions,
  type LocalCloudStats,
} from './server';
export {
  AGGREGATE_DEFAULT_LIMIT,
  LocalDatabase,
  type DbClock,
  type DbStats,
  type FindOptions,
  type UpdateOptions,
  type UpdateResult,
  type UnindexedQuery,
} from './db/engine';
export { DEFAULT_LIMIT, MAX_LIMIT } from './db/actions';
export type { Doc } from './db/ejson';
export { DbError, type DbErrorCode } from './db/errors';
export type { SortSpec } from './db/planner';
export { Transactions } from './db/transactions';
export { Clock, type ClockOptions } from './clock';
