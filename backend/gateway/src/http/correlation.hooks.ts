import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RpcHeader } from '@shop/contracts';
import { AppLogger, newCorrelationId, redactSecrets } from '@shop/common';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id Fastify assigns (`request.id`) is the correlation id: the caller's `X-Correlation-Id`
 * when well-formed, else a new one. Passed to the adapter as `genReqId`.
 */
export function correlationIdFor(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers[RpcHeader.CorrelationId.toLowerCase()];
  return typeof given === 'string' && VALID_ID.test(given) ? given : newCorrelationId();
}

/**
 * Every response says which request it answers (`X-Correlation-Id`), set before any route runs so errors,
 * 404s, refusals and event streams carry it too; every request is logged with its id, status and duration.
 */
export function installCorrelation(fastify: FastifyInstance, logger: AppLogger): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-correlation-id', req.id);
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug';
    if (level !== 'debug' || logger.enabled('debug'))
      logRequest(logger, level, req, status, reply.elapsedTime);
    done();
  });
}

function logRequest(
  logger: AppLogger,
  level: 'debug' | 'warn' | 'error',
  req: FastifyRequest,
  status: number,
  elapsedMs: number,
): void {
  const ms = Math.round(elapsedMs * 10) / 10;
  // EventSource clients pass the access token in the query string: it never reaches the logs.
  const url = redactSecrets(req.url);
  logger.write(level, `${req.method} ${url} ${status} ${ms}ms`, {
    correlationId: req.id,
    context: 'HTTP',
    data: { method: req.method, path: url.split('?')[0], status, ms },
  });
}
