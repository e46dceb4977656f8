import { Request } from 'express';
import { ClientInfo } from '@shop/contracts';

/**
 * The client's address and user agent, passed to the auth service for login throttling. `req.ip` honours
 * X-Forwarded-For only from a trusted proxy ('trust proxy' is set to loopback in main.ts).
 */
export function clientInfo(req: Request): ClientInfo {
  return {
    clientIp: req.ip ?? req.socket.remoteAddress ?? undefined,
    userAgent: req.header('user-agent')?.slice(0, 300),
  };
}
