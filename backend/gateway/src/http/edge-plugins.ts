import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@shop/contracts';
import { AppError } from '@shop/common';

export interface EdgeSettings {
  /** Origins whose scripts may call the API; empty or containing `*`: any origin. */
  corsOrigins: readonly string[];
  /** API requests one client (IP address) may send per minute. */
  rateLimitPerMinute: number;
  /** Routes with a limit of their own instead (counted apart from the others). */
  routeLimits?: readonly RouteLimit[];
}

/** A per-client limit of one route, e.g. `{ method: 'POST', url: '/api/logs', perMinute: 30 }`. */
export interface RouteLimit {
  method: string;
  url: string;
  perMinute: number;
}

const RATE_WINDOW_MS = 60_000;

/** Only API requests count toward the rate limit: pages, files and the health checks never do. */
function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

/**
 * The plugins every HTTP request meets before any route runs (so errors, 404s and 429s carry their headers):
 *
 * - helmet's security headers on every response. Its Content-Security-Policy is off: the Angular apps and
 *   Swagger UI set inline styles, and the API answers JSON only.
 * - CORS for the configured origins. Requests carry bearer tokens, never cookies, so no credentials mode; a
 *   browser script may read the correlation id and when to come back after a 429 or 503.
 * - a per-client limit on API requests, keyed by the client's IP address (X-Forwarded-For is trusted from
 *   loopback proxies only, see gateway-adapter.ts). A refusal is an AppError: the exception filter answers it
 *   with the API's error body and its Retry-After.
 */
export async function registerEdgePlugins(fastify: FastifyInstance, settings: EdgeSettings): Promise<void> {
  await fastify.register(fastifyHelmet, { contentSecurityPolicy: false });
  const anyOrigin = settings.corsOrigins.length === 0 || settings.corsOrigins.includes('*');
  await fastify.register(fastifyCors, {
    origin: anyOrigin ? '*' : [...settings.corsOrigins],
    methods: 'GET,HEAD,PUT,PATCH,POST,DELETE',
    exposedHeaders: 'X-Correlation-Id, Retry-After',
    maxAge: 600,
    // An OPTIONS request that is not a preflight is answered like one, not with a text/plain 400.
    strictPreflight: false,
  });
  // Routes are added after this (by Nest); the limiter reads a route's own limit from its config.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limit = settings.routeLimits?.find((l) => l.url === route.url && methods.includes(l.method));
    if (limit)
      route.config = { ...route.config, rateLimit: { max: limit.perMinute, timeWindow: RATE_WINDOW_MS } };
  });
  await fastify.register(fastifyRateLimit, {
    max: settings.rateLimitPerMinute,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (req) => req.ip,
    allowList: (req) => !isApiRequest(req),
    // The exception filter sets Retry-After, from the error's details.
    addHeaders: { 'retry-after': false },
    errorResponseBuilder: (_req, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(
        ErrorCode.RateLimited,
        `Too many requests: at most ${context.max} a minute per client; retry in ${seconds} s`,
        { retryAfterSeconds: seconds },
      );
    },
  });
}
