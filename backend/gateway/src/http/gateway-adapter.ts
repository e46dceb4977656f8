import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { envString } from '@shop/common';
import { parseByteSize } from './body-errors';
import { correlationIdFor } from './correlation.hooks';
import { answerRouterError } from './router-errors';

/**
 * The gateway's HTTP server: Fastify (measured by `npm run bench` at about twice Express's requests per
 * CPU second on this path). The request id is the correlation id; X-Forwarded-For is trusted from loopback
 * proxies only; JSON bodies are limited to BODY_LIMIT.
 */
export function createGatewayAdapter(): FastifyAdapter {
  return new FastifyAdapter(gatewayServerOptions());
}

/** The Fastify server options of the gateway (also used by tests of its plugins). */
export function gatewayServerOptions() {
  return {
    // No Fastify logger (so no per-request log lines from it): correlation.hooks.ts logs requests.
    logger: false,
    trustProxy: 'loopback',
    bodyLimit: parseByteSize(envString('BODY_LIMIT', '100kb')),
    requestIdHeader: false as const,
    genReqId: correlationIdFor,
    // `/admin` and `/admin/` are one route (as on Express).
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed or over-long URL gets the API's error body (the router answers it before any hook).
    frameworkErrors: answerRouterError,
  } satisfies FastifyServerOptions;
}
