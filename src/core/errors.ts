/**
 * The one error module: every failure a person or a client can see has a stable string code, a
 * Chinese-first message and an HTTP status decided HERE and nowhere else.
 */

/** Stable error codes. Never rename one that has shipped: clients and tests match on them. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNKNOWN_DIVISION: 400,
  INVALID_GEOJSON: 400,
  INVALID_GRID_CODE: 400,
  WEAK_PASSWORD: 400,
  INVALID_ROLE_FOR_UNIT: 400,
  BACKUP_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  TOTP_REQUIRED: 401,
  INVALID_TOTP: 401,
  FORBIDDEN: 403,
  FORBIDDEN_SCOPE: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PLAN_ALREADY_IMPORTED: 409,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_MISMATCH: 422,
  ALREADY_INITIALIZED: 409,
  DATABASE_NOT_EMPTY: 409,
  UNPROCESSABLE: 422,
  PLAN_NO_TASKS: 422,
  NOT_ON_ACCESS_LIST: 422,
  TRANSFERS_REQUIRED: 422,
  EXCLUDED_MATTER: 422,
  FORM_LIMIT_REACHED: 409,
  INVALID_LIST_FILE: 400,
  RATE_LIMITED: 429,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  PERIOD_SIGNED: 409,
  NOT_ASSIGNED: 422,
  NOT_PARTY_SECRETARY: 403,
  RATINGS_INCOMPLETE: 422,
  LEADERS_REQUIRED: 422,
  ALREADY_REGISTERED: 409,
  ALREADY_SUPPORTED: 409,
  AGENDA_UNRESOLVED: 422,
  PROGRESS_INCOMPLETE: 422,
  SCHEME_REFUSED: 422,
  RESULT_LOCKED: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure: its message is shown to the person as is (Chinese first). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The single JSON error shape of the API. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Renders any thrown value; unknown errors become an opaque 500 (the caller logs the original). */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误 (internal error)' } } };
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what}不存在：${id} (not found)`, { id });
