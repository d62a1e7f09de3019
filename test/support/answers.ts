/**
 * A function's answer in an integration test: the data of a call that must be accepted (a refusal fails
 * the test with its code and message), the refusal of a call that must be refused (an acceptance fails
 * it), and fresh request keys. Each takes the answer or the pending call, so every test writes
 * `await ok(t.call(…))` and `await refusal(t.call(…))` the same way.
 */
import type { ApiError, ApiResult } from '../../typings/common';

type Answer<T> = ApiResult<T> | Promise<ApiResult<T>>;

export async function ok<T>(answer: Answer<T>): Promise<T> {
  const res = await answer;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}

/** The refusal, code and Chinese message, of a call that must be refused. */
export async function refused<T>(answer: Answer<T>): Promise<ApiError> {
  const res = await answer;
  if (res.ok) throw new Error(`expected a refusal, got ${String(JSON.stringify(res.data)).slice(0, 300)}`);
  return res.error;
}

/** The code alone of a call that must be refused. */
export async function refusal<T>(answer: Answer<T>): Promise<string> {
  return (await refused(answer)).code;
}

let keys = 0;
/**
 * A fresh request key (clientKey), as a page makes one per form: distinct within the test file, the same
 * from run to run, and long enough for every action's key rule (8–64 of A–Z a–z 0–9 _ -).
 */
export const key = (label = 'test'): string => `${label}-key-${String(++keys).padStart(4, '0')}`;
