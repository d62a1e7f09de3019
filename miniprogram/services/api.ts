import type { ApiError, ApiResult } from '../../typings/common';
import { config, currentBackend } from '../config';
import type { ActionSpec } from '../../typings/api';
import type { ClientApi } from './contract';

export const NETWORK_ERROR: ApiError = { code: 'NETWORK', message: '网络异常，请稍后重试' };
export const BAD_RESPONSE_ERROR: ApiError = { code: 'BAD_RESPONSE', message: '服务返回异常，请稍后重试' };

/** Delivers `data` to the named function; resolves with what the function returned, rejects when the network fails. */
export type Transport = (name: string, data: object) => Promise<unknown>;

export const cloudTransport: Transport = (name, data) =>
  wx.cloud.callFunction({ name, data }).then((res) => res.result);

export function localTransport(localUrl: string, openid: string): Transport {
  return (name, data) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${localUrl}/functions/${name}`,
        method: 'POST',
        data,
        header: { 'content-type': 'application/json', 'x-wx-openid': openid },
        // An error status still carries the function's ApiResult body, which is validated below.
        success: (res) => resolve(res.data),
        fail: reject,
      });
    });
}

function defaultTransport(): Transport {
  return currentBackend() === 'local' ? localTransport(config.localUrl, config.localOpenid) : cloudTransport;
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  // JSON drops an undefined `data`, so an action that returns nothing arrives as { ok: true }.
  if (value.ok === true) return true;
  if (value.ok !== false || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

export type ParamsIn<C, F extends keyof C, A extends keyof C[F]> =
  C[F][A] extends ActionSpec<infer P, unknown> ? P : never;
export type ResultIn<C, F extends keyof C, A extends keyof C[F]> =
  C[F][A] extends ActionSpec<object, infer R> ? R : never;

/** One typed entry point for every action of contract C (function → action → ActionSpec). */
export type Call<C> = <F extends keyof C & string, A extends keyof C[F] & string>(
  fn: F,
  action: A,
  params: ParamsIn<C, F, A>,
) => Promise<ApiResult<ResultIn<C, F, A>>>;

/** The transport is chosen per call, so importing the client touches no `wx` API. */
export function createCall<C>(transport: () => Transport = defaultTransport): Call<C> {
  return async (fn, action, params) => {
    let raw: unknown;
    try {
      raw = await transport()(fn, Object.assign({}, params, { action }));
    } catch {
      return { ok: false, error: NETWORK_ERROR };
    }
    // Past the envelope, the payload's shape is the server's contract for this action.
    return isApiResult(raw)
      ? (raw as ApiResult<ResultIn<C, typeof fn, typeof action>>)
      : { ok: false, error: BAD_RESPONSE_ERROR };
  };
}

export const call: Call<ClientApi> = createCall<ClientApi>();
