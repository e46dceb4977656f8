/**
 * Error codes that cross the wire. A service answers an error as a code and a message (in NATS headers),
 * never a stack trace; the gateway maps each code to an HTTP status in one place.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  VersionConflict: 'VERSION_CONFLICT',
  OutOfStock: 'OUT_OF_STOCK',
  IdempotencyMismatch: 'IDEMPOTENCY_MISMATCH',
  PaymentDeclined: 'PAYMENT_DECLINED',
  RateLimited: 'RATE_LIMITED',
  /** Lock timeout or overload: the caller should retry later. */
  Busy: 'BUSY',
  /** No healthy instance, breaker open, or an injected fault. */
  Unavailable: 'UNAVAILABLE',
  Timeout: 'TIMEOUT',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
}

/** The JSON body of every error response of the REST API. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  correlationId?: string;
}
