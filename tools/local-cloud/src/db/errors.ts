/**
 * Database errors in CloudBase's wire shape: a stable code the SDK maps to an errCode
 * (DATABASE_COLLECTION_NOT_EXIST → -502005 …) plus a message the developer reads.
 */
export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

/**
 * The message and code of anything thrown. Duck-typed on purpose: better-sqlite3 builds its errors
 * from the first realm that loaded it, so `instanceof Error` fails in jest's per-file sandboxes.
 */
export function errorInfo(err: unknown): { message: string; code: string | undefined } {
  if (typeof err === 'object' && err !== null) {
    const { message, code } = err as { message?: unknown; code?: unknown };
    return {
      message: typeof message === 'string' ? message : (JSON.stringify(err) ?? '未知错误'),
      code: typeof code === 'string' ? code : undefined,
    };
  }
  return { message: String(err), code: undefined };
}

export function collectionNotExist(name: string): DbError {
  // CloudBase's own wording, which the SDK appends to "-502005 database collection not exists".
  return new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`);
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}

export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message);
}
