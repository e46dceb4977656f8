import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorBody, DEFAULT_RETRY_AFTER_SECONDS } from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { clientErrorFromFastify } from './body-errors';
import { codeForStatus, httpStatusFor } from './error-status';

/**
 * The Retry-After of an error answer, decided here only: an answer that says "come back later" (503: busy,
 * unavailable or timed out; 429: rate limited) tells the client when, as the error's
 * `details.retryAfterSeconds` says or else DEFAULT_RETRY_AFTER_SECONDS. Other answers carry none.
 */
export function retryAfterSeconds(body: Pick<ApiErrorBody, 'statusCode' | 'details'>): number | undefined {
  if (body.statusCode !== 503 && body.statusCode !== 429) return undefined;
  const given = body.details?.retryAfterSeconds;
  return typeof given === 'number' && Number.isFinite(given)
    ? Math.max(1, Math.ceil(given))
    : DEFAULT_RETRY_AFTER_SECONDS;
}

/** Every error leaves the gateway as `ApiErrorBody`; only unexpected errors are 500s, and they are logged. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    const body = this.toBody(exception, req);
    const retryAfter = retryAfterSeconds(body);
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    // A route may have set another type (@Header) before it failed: errors are always JSON.
    void reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, req: FastifyRequest): ApiErrorBody {
    const correlationId = req.id;
    if (exception instanceof AppError) {
      return {
        statusCode: httpStatusFor(exception.code),
        code: exception.code,
        message: exception.message,
        details: exception.details,
        correlationId,
      };
    }
    // Fastify rejects some requests before a route runs (body parsing); Nest hands them over as an
    // HttpException whose cause is Fastify's error.
    const clientError = clientErrorFromFastify(
      exception instanceof HttpException ? exception.cause : exception,
      req,
    );
    if (clientError) return { ...clientError, code: codeForStatus(clientError.statusCode), correlationId };
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      return { statusCode, code: codeForStatus(statusCode), message, correlationId };
    }
    const error = exception as Error;
    this.logger.write('error', `Unhandled error on ${req.method} ${req.url}: ${error?.stack ?? error}`, {
      correlationId,
      context: 'HTTP',
    });
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', correlationId };
  }
}
