import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims } from '@shop/contracts';
import { AppError, jwtSecretKey } from '@shop/common';
import { GatewayEnv } from '../config/gateway.env';
import { contextFromRequest } from '../http/request-context.decorator';
import { SessionValidator } from './session-validator';

/**
 * Verifies the access token (signature and expiry) at the edge, then that its session is still alive
 * (revoked or expired sessions are refused even while the token itself has not expired). Role and tier
 * come from the session check, so an admin's tier change shows without a new token. Browsers' EventSource
 * cannot send headers, so server-sent event routes also accept the token as `?access_token=`.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly sessions: SessionValidator,
    config: ConfigService<GatewayEnv, true>,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        ExtractJwt.fromUrlQueryParameter('access_token'),
      ]),
      ignoreExpiration: false,
      // passport-jwt hands the key to jsonwebtoken unchanged; its types list only string and Buffer.
      secretOrKey: jwtSecretKey({
        JWT_SECRET: config.get('JWT_SECRET', { infer: true }),
        NODE_ENV: config.get('NODE_ENV', { infer: true }),
      }) as unknown as Buffer,
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
