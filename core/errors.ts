/**
 * A refusal the user must understand: a stable code for programs and a Chinese message for people.
 * Core functions return or throw these; the function shell turns them into `{ ok: false, error }`.
 */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** How much of the caller's input an error message may repeat (issue 11: short echoes). */
export const ECHO_MAX_CHARS = 24;

/** A short, truncated piece of the caller's input, safe to put in an error message. */
export function echo(value: string, max: number = ECHO_MAX_CHARS): string {
  const chars = Array.from(value.slice(0, max * 2));
  return chars.length > max || value.length > max * 2 ? `${chars.slice(0, max).join('')}…` : value;
}

/** Codes every function may answer, whatever its domain. */
export const commonErrors = {
  unknownAction: (action: string) => new DomainError('UNKNOWN_ACTION', `未知的操作：${action}`),
  invalidInput: (field: string | null) =>
    new DomainError('INVALID_INPUT', field ? `请求参数不合法：${field}` : '请求参数不合法'),
  notSignedIn: () => new DomainError('NOT_BOUND', '尚未绑定身份，请先输入邀请码完成绑定'),
  inactive: () => new DomainError('PERSON_INACTIVE', '该人员已停用，无法操作'),
  internal: () => new DomainError('INTERNAL', '系统繁忙，请稍后重试'),
  conflict: () => new DomainError('CONFLICT', '数据已被他人修改，请刷新后重试'),
  notFound: (what: string) => new DomainError('NOT_FOUND', `${what}不存在`),
} as const;
