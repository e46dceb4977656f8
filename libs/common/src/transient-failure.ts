import { ErrorCode } from '@shop/contracts';
import { AppError } from './app-error';

/**
 * SQLSTATEs after which the statement had no effect and the same request may succeed a moment later:
 * connection exceptions (class 08), the server shutting down or starting (57P01–57P03), and the
 * conflicts PostgreSQL resolves by aborting one transaction (serialization failure, deadlock, lock timeout).
 */
const RETRYABLE_SQLSTATE = /^(08...|57P0[123]|40001|40P01|55P03)$/;

/** Socket errors of a database (or other) connection that went away. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** node-postgres reports a connection lost mid-query or a pool that cannot connect by message only. */
const LOST_CONNECTION =
  /connection terminated|timeout exceeded when trying to connect|client has encountered a connection error/i;

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (
    let e = err as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string') codes.push(e.code);
    // TypeORM wraps the driver's error (QueryFailedError.driverError); Node wraps causes.
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return codes;
}

/**
 * The answer for an error that says a dependency (the database, usually) is briefly unavailable rather
 * than that the code is wrong: BUSY with Retry-After, so the caller's client comes back, the instance's
 * breakers stay closed, and nothing is reported as a bug. Undefined for any other error.
 */
export function transientFailure(err: unknown): AppError | undefined {
  const codes = codesOf(err);
  const transient =
    codes.some((c) => RETRYABLE_SQLSTATE.test(c) || CONNECTION_ERRNO.has(c)) ||
    LOST_CONNECTION.test((err as Error)?.message ?? '');
  if (!transient) return undefined;
  return new AppError(
    ErrorCode.Busy,
    'The service is briefly unavailable (its database connection was interrupted); nothing was changed, try again',
    { retryAfterSeconds: 1 },
    { cause: err },
  );
}
