import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { correlationIdFor } from './correlation.hooks';
import { answerRouterError } from './router-errors';

/**
 * The gateway's HTTP server: Fastify. The request id is the correlation id; X-Forwarded-For is trusted from
 * loopback proxies only; JSON bodies are limited to `bodyLimit` bytes (BODY_LIMIT).
 */
export function createGatewayAdapter(bodyLimit: number): FastifyAdapter {
  return new FastifyAdapter(gatewayServerOptions(bodyLimit));
}

/** The Fastify server options of the gateway (also used by tests of its plugins). */
export function gatewayServerOptions(bodyLimit: number) {
  return {
    // No Fastify logger (so no per-request log lines from it): correlation.hooks.ts logs requests.
    logger: false,
    trustProxy: 'loopback',
    bodyLimit,
    requestIdHeader: false as const,
    genReqId: correlationIdFor,
    // `/admin` and `/admin/` are one route (as on Express).
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed or over-long URL gets the API's error body (the router answers it before any hook).
    frameworkErrors: answerRouterError,
  } satisfies FastifyServerOptions;
}
