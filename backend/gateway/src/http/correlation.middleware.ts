import { Request, Response, NextFunction } from 'express';
import { RpcHeader } from '@shop/contracts';
import { AppLogger, newCorrelationId } from '@shop/common';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'express' {
  interface Request {
    correlationId?: string;
  }
}

/**
 * Takes the caller's `X-Correlation-Id` (when well-formed) or creates one, returns it in the response,
 * and logs every request with its status and duration under that id.
 */
export function correlationMiddleware(logger: AppLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.header(RpcHeader.CorrelationId);
    const correlationId = given && VALID_ID.test(given) ? given : newCorrelationId();
    req.correlationId = correlationId;
    res.setHeader('X-Correlation-Id', correlationId);
    const started = performance.now();
    res.on('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      const url = redactTokens(req.originalUrl);
      logger.write(level, `${req.method} ${url} ${res.statusCode} ${ms}ms`, {
        correlationId,
        context: 'HTTP',
        data: { method: req.method, path: req.path, status: res.statusCode, ms },
      });
    });
    next();
  };
}

/** EventSource clients pass the access token in the query string; it must never reach the logs. */
export function redactTokens(url: string): string {
  return url.replace(/([?&]access_token=)[^&]*/g, '$1[redacted]');
}
