/**
 * The request/response contract of every cloud function action, imported (type-only) by the
 * mini-program's API client and by the function handlers. `docs/api.md` is checked against it.
 */
import type { ApiResult } from './common';

/** Declares one action: what the client sends besides `action`, and what `data` holds on success. */
export interface ActionSpec<P, R> {
  params: P;
  result: R;
}

export type NoParams = Record<string, never>;

export interface Api {
  system: import('./system').SystemApi;
  org: import('./org').OrgApi;
  notify: import('./notify').NotifyApi;
  post: import('./post').PostApi;
  referral: import('./referral').ReferralApi;
  screen: import('./screening').ScreenApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<infer P, unknown> ? P : never;
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<unknown, infer R> ? R : never;

/** What `wx.cloud.callFunction` sends as `data`. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & ParamsOf<F, A>;

export type AnswerOf<F extends FunctionName, A extends ActionName<F>> = ApiResult<ResultOf<F, A>>;
