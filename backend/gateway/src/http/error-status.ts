import { ErrorCode } from '@shop/contracts';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  OUT_OF_STOCK: 409,
  IDEMPOTENCY_MISMATCH: 422,
  PAYMENT_DECLINED: 402,
  RATE_LIMITED: 429,
  BUSY: 503,
  UNAVAILABLE: 503,
  // A service that did not answer in time is unavailable for now: 503 with Retry-After, like every
  // transient failure, so clients come back (an order with the same Idempotency-Key is safe to send again).
  TIMEOUT: 503,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The code to report for an HTTP status raised by the framework itself (404 route, 413 body…). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.Unauthorized;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 503) return ErrorCode.Unavailable;
  if (status === 504) return ErrorCode.Timeout;
  if (status >= 400 && status < 500) return ErrorCode.BadRequest;
  return ErrorCode.Internal;
}
