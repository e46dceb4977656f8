import type { FastifyRequest } from 'fastify';
import { ClientInfo } from '@shop/contracts';

/**
 * The client's address and user agent, passed to the auth service for login throttling. `req.ip` honours
 * X-Forwarded-For only from a trusted proxy (`trustProxy` is loopback, see gateway-adapter.ts).
 */
export function clientInfo(req: FastifyRequest): ClientInfo {
  return {
    clientIp: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 300),
  };
}
