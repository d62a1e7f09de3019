/**
 * The request/response contract of every cloud function action, imported (type-only) by the
 * mini-program's API client and by the function handlers. `docs/api.md` is checked against it.
 */
import type { AccountApi, ExportApi } from './account';
import type { ApiResult } from './common';
import type { EvaluationApi } from './evaluation';
import type { LinkageApi } from './linkage';
import type { NotifyApi } from './notify';
import type { OrgApi } from './org';
import type { PostApi } from './post';
import type { ReaderApi } from './reader';
import type { ReferralApi } from './referral';
import type { ScreenApi } from './screening';
import type { SystemApi } from './system';
// security (issue 15)
import type { SecurityApi } from './security';
import type { TrainingApi } from './training';
import type { ArchiveApi } from './archive';

/** Declares one action: what the client sends besides `action`, and what `data` holds on success. */
export interface ActionSpec<P, R> {
  params: P;
  result: R;
}

export type NoParams = Record<string, never>;

export interface Api {
  system: SystemApi;
  org: OrgApi;
  notify: NotifyApi;
  post: PostApi;
  referral: ReferralApi;
  screen: ScreenApi;
  // evaluation (issue 14)
  evaluation: EvaluationApi;
  // security (issue 15): 第三十三条 passwords and incidents, 第三十五条 training, 第三十二条 archives
  security: SecurityApi;
  training: TrainingApi;
  archive: ArchiveApi;
  // linkage directives (第三十四条)
  linkage: LinkageApi;
  // accounts (第九条—第十四条, 第三十九条—第四十二条)
  account: AccountApi;
  export: ExportApi;
  /** The reader (大模型审读): the platform's large model as a second reader beside the rules. */
  reader: ReaderApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends ActionSpec<infer P, unknown> ? P : never;
export type ResultOf<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends ActionSpec<unknown, infer R> ? R : never;

/** What `wx.cloud.callFunction` sends as `data`. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & ParamsOf<F, A>;

export type AnswerOf<F extends FunctionName, A extends ActionName<F>> = ApiResult<ResultOf<F, A>>;
