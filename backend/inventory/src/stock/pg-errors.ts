import { QueryFailedError } from 'typeorm';
import { AppError } from '@shop/common';
import { ErrorCode } from '@shop/contracts';

/** SQLSTATE of an error raised by PostgreSQL, if it is one. */
export function pgCode(err: unknown): string | undefined {
  if (err instanceof QueryFailedError) return (err.driverError as { code?: string } | undefined)?.code;
  return (err as { code?: string } | undefined)?.code;
}

export const PG_UNIQUE_VIOLATION = '23505';
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';
const SERIALIZATION_FAILURE = '40001';

/** Row-lock waits are bounded by `SET LOCAL lock_timeout`; this is the value inside stock transactions. */
export const STOCK_LOCK_TIMEOUT = '5s';

/**
 * Turns a lock timeout or deadlock into BUSY ("High traffic, try again", 503 with Retry-After at the edge);
 * the transaction has rolled back, so nothing stays held. Other errors pass through unchanged.
 */
export function mapLockErrors(err: unknown): unknown {
  const code = pgCode(err);
  if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED || code === SERIALIZATION_FAILURE) {
    return new AppError(ErrorCode.Busy, 'High traffic, try again', { retryAfterSeconds: 1 });
  }
  return err;
}
