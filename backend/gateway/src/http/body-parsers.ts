import { json, Request, Response, NextFunction } from 'express';
import { ApiErrorBody } from '@shop/contracts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON body parsing with errors that name the problem: malformed JSON (400), a body over the limit (413),
 * and a body that is not JSON (415). Answered here because body-parser errors never reach Nest's filters.
 */
export function jsonBodyParser(limit: string) {
  const parse = json({ limit, strict: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (BODY_METHODS.has(req.method) && hasBody && !req.is('application/json')) {
      return reply(
        req,
        res,
        415,
        `Content-Type must be application/json, got "${req.headers['content-type'] ?? 'none'}"`,
      );
    }
    parse(req, res, (err?: { type?: string; message?: string; limit?: number }) => {
      if (!err) return next();
      if (err.type === 'entity.too.large')
        return reply(req, res, 413, `Request body is larger than the ${limit} limit`);
      if (err.type === 'entity.parse.failed')
        return reply(req, res, 400, `Malformed JSON body: ${err.message}`);
      return reply(req, res, 400, `Unreadable request body: ${err.message ?? 'unknown error'}`);
    });
  };
}

function reply(req: Request, res: Response, statusCode: number, message: string): void {
  const body: ApiErrorBody = { statusCode, code: 'BAD_REQUEST', message, correlationId: req.correlationId };
  res.status(statusCode).json(body);
}
