import { ErrorCode, TRANSPORT_ERROR_CODES } from '@shop/contracts';

/**
 * The one error class that crosses service boundaries: a code from the contracts, a message meant for
 * the caller, and optional details (e.g. the quantity still available). Never carries a stack over the wire.
 */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  static badRequest(message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.BadRequest, message, details);
  }
  static notFound(message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.NotFound, message, details);
  }
  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.Conflict, message, details);
  }
  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.Unauthorized, message);
  }
  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }
  static unavailable(message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.Unavailable, message, details);
  }
}

/**
 * Errors that say nothing about the business outcome: the request may well succeed elsewhere.
 * @deprecated The same list as `TRANSPORT_ERROR_CODES` of `@shop/contracts`: use that one.
 */
export const TRANSPORT_CODES = TRANSPORT_ERROR_CODES;

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
