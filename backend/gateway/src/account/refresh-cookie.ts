import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthTokens } from '@shop/contracts';

/**
 * The refresh token of a browser session lives in an httpOnly cookie no script can read, sent only to the
 * auth routes (`Path=/api/auth`: refresh and logout read it) and never from another site (SameSite=Strict).
 * Its name carries the session id, so the storefront and the admin console, each with its own session in
 * one browser, never overwrite each other's cookie; the apps name their session in the refresh and logout
 * bodies.
 */
export const REFRESH_COOKIE_PATH = '/api/auth';
const NAME_PREFIX = 'shop_refresh_';

export function refreshCookieName(sessionId: string): string {
  return `${NAME_PREFIX}${sessionId}`;
}

function options(req: FastifyRequest): CookieSerializeOptions {
  // Secure whenever the client came over HTTPS (X-Forwarded-Proto is trusted from loopback proxies only);
  // plain HTTP on localhost must keep working for `npm start`.
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' };
}

export function setRefreshCookie(req: FastifyRequest, reply: FastifyReply, tokens: AuthTokens): void {
  void reply.setCookie(refreshCookieName(tokens.sessionId), tokens.refreshToken, {
    ...options(req),
    expires: new Date(tokens.refreshExpiresAt),
  });
}

export function clearRefreshCookie(req: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  void reply.clearCookie(refreshCookieName(sessionId), options(req));
}

/** The refresh cookie of this session, when the request carries it. */
export function readRefreshCookie(req: FastifyRequest, sessionId: string): string | undefined {
  return req.cookies[refreshCookieName(sessionId)];
}
