import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { Request, Response } from 'express';
import { ApiErrorBody } from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { codeForStatus, httpStatusFor } from './error-status';

/** Every error leaves the gateway as `ApiErrorBody`; only unexpected errors are 500s, and they are logged. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = this.toBody(exception, req);
    if (res.headersSent) return;
    // Throttled (429) and busy/unavailable (503) answers tell the client when to come back.
    const retryAfter = body.details?.retryAfterSeconds;
    if ((body.statusCode === 429 || body.statusCode === 503) && typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): ApiErrorBody {
    const correlationId = req.correlationId;
    if (exception instanceof AppError) {
      return {
        statusCode: httpStatusFor(exception.code),
        code: exception.code,
        message: exception.message,
        details: exception.details,
        correlationId,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      return { statusCode, code: codeForStatus(statusCode), message, correlationId };
    }
    const error = exception as Error;
    this.logger.write(
      'error',
      `Unhandled error on ${req.method} ${req.originalUrl}: ${error?.stack ?? error}`,
      {
        correlationId,
        context: 'HTTP',
      },
    );
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', correlationId };
  }
}
