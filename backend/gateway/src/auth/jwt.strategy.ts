import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims } from '@shop/contracts';
import { AppError } from '@shop/common';
import { contextFromRequest } from '../http/request-context.decorator';
import { jwtSecret } from './jwt-secret';
import { SessionValidator } from './session-validator';
import { JwtVerifier, VerifiedTokenCache } from './verified-token-cache';

/**
 * passport-jwt verifies through its static `JwtStrategy.JwtVerifier` (its seam for replacing the verifier);
 * it is wrapped once per process so a token already verified is not verified again until it expires.
 */
const verifiable = Strategy as unknown as { JwtVerifier: JwtVerifier };
const verifiedTokens = new VerifiedTokenCache();
verifiable.JwtVerifier = verifiedTokens.wrap(verifiable.JwtVerifier);

/**
 * Verifies the access token (signature and expiry) at the edge, then that its session is still alive
 * (revoked or expired sessions are refused even while the token itself has not expired). Role and tier
 * come from the session check, so an admin's tier change shows without a new token. Browsers' EventSource
 * cannot send headers, so server-sent event routes also accept the token as `?access_token=`.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly sessions: SessionValidator) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        ExtractJwt.fromUrlQueryParameter('access_token'),
      ]),
      ignoreExpiration: false,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries createPublicKey() on it on
      // every verification (which throws) before falling back to a secret key. `npm run bench` measured
      // that as ~20% of the gateway's CPU on authenticated routes. The typings only list string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(jwtSecret())) as unknown as Buffer,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(req: FastifyRequest, claims: AccessTokenClaims): Promise<AccessTokenClaims> {
    if (typeof claims.sid !== 'string' || !claims.sid)
      throw AppError.unauthorized('Authentication required (token has no session)');
    const session = await this.sessions.check(claims.sid, contextFromRequest(req));
    if (!session.valid) throw AppError.unauthorized(`Authentication required (session ${session.reason})`);
    return { ...claims, email: session.user.email, role: session.user.role, tier: session.user.tier };
  }
}
