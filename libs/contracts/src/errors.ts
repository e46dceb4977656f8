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

/**
 * Codes that say nothing about the business outcome, only that the instance could not serve the request (no
 * instance, breaker open, no answer in time, an unexpected error): the same request may well succeed on
 * another instance or a moment later. They feed the callers' circuit breakers and make a safe request
 * eligible for a retry elsewhere.
 */
export const TRANSPORT_ERROR_CODES: readonly ErrorCode[] = [
  ErrorCode.Unavailable,
  ErrorCode.Timeout,
  ErrorCode.Internal,
];

export function isTransportErrorCode(value: unknown): boolean {
  return (TRANSPORT_ERROR_CODES as readonly unknown[]).includes(value);
}

/**
 * Seconds a client is asked to wait (`Retry-After`) before retrying an answer that says "try again later"
 * (503, 429) when the error carries no hint of its own (`details.retryAfterSeconds`).
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The JSON body of every error response of the REST API. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  correlationId?: string;
}
