import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorBody, ErrorCode } from '@shop/contracts';

/**
 * Fastify's router refuses two kinds of URL before any hook or route runs: a path with a malformed percent
 * escape (400) and a path parameter longer than the router's limit (414). They are answered like every
 * other error (the error body and the correlation id) with a message naming the path. No hook runs for them,
 * so these two JSON error answers are the only ones without helmet's security headers.
 */
export function answerRouterError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const path = shorten(req.url.split('?')[0]);
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const statusCode = tooLong ? 414 : 400;
  const body: ApiErrorBody = {
    statusCode,
    code: ErrorCode.BadRequest,
    message: tooLong
      ? `A path parameter of ${path} is longer than the 100 characters any parameter may have`
      : `The URL path ${path} is not valid: it has a malformed percent-encoded character`,
    correlationId: req.id,
  };
  void reply.header('x-correlation-id', req.id);
  void reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

function shorten(path: string): string {
  return `"${path.length > 80 ? `${path.slice(0, 77)}...` : path}"`;
}
