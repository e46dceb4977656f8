import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@shop/contracts';

/** What a page shows when a request fails: the gateway's message when there is one. */
export interface ProblemView {
  status: number;
  /** The gateway's error code (`NOT_FOUND`, `UNAVAILABLE`, ...), or `NETWORK` when nothing answered. */
  code: string;
  message: string;
  correlationId?: string;
  /** The error's `details` (e.g. `available` of OUT_OF_STOCK, `currentVersion` of a VERSION_CONFLICT). */
  details?: Record<string, unknown>;
  /** Seconds from the `Retry-After` header (503 busy, 429), when the gateway sent one. */
  retryAfterSeconds?: number;
}

function retryAfter(error: HttpErrorResponse): number | undefined {
  const raw = error.headers?.get('Retry-After');
  const seconds = raw === null || raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

/** Turns anything an HTTP call can throw into a `ProblemView`. */
export function toProblem(error: unknown): ProblemView {
  if (error instanceof HttpErrorResponse) {
    if (isApiErrorBody(error.error)) {
      const body = error.error;
      return {
        status: error.status,
        code: body.code,
        message: body.message,
        correlationId: body.correlationId,
        details: body.details,
        retryAfterSeconds: retryAfter(error),
      };
    }
    if (error.status === 0) {
      return { status: 0, code: 'NETWORK', message: 'The gateway did not answer. Is the system running?' };
    }
    return {
      status: error.status,
      code: `HTTP_${error.status}`,
      message: error.statusText || error.message,
      retryAfterSeconds: retryAfter(error),
    };
  }
  return { status: 0, code: 'CLIENT', message: error instanceof Error ? error.message : String(error) };
}
